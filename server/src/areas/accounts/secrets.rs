//! Password hashing (argon2id, OWASP parameters) and opaque tokens for sessions and invitations.

use std::sync::LazyLock;

use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::error::AppError;

/// OWASP's argon2id recommendation: 19 MiB, 2 iterations, 1 lane.
fn hasher() -> Result<Argon2<'static>, AppError> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(AppError::internal)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

pub fn hash_password(password: &str) -> Result<String, AppError> {
    hasher()?
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(AppError::internal)
}

/// A hash of nothing anyone knows, verified when the e-mail address is unknown so that a
/// failed sign-in takes the same time whether or not the account exists.
static DUMMY_HASH: LazyLock<Option<String>> =
    LazyLock::new(|| hash_password("no account has this password, ever").ok());

pub fn verify_password(password: &str, stored: Option<&str>) -> bool {
    let Ok(h) = hasher() else { return false };
    match stored {
        Some(hash) => h.verify_password(password.as_bytes(), hash).is_ok(),
        None => {
            if let Some(dummy) = DUMMY_HASH.as_deref() {
                let _ = h.verify_password(password.as_bytes(), dummy);
            }
            false
        }
    }
}

/// Hashing is CPU-bound: keep it off the async workers.
pub async fn hash_password_blocking(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(AppError::internal)?
}

pub async fn verify_password_blocking(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || verify_password(&password, stored.as_deref()))
        .await
        .unwrap_or(false)
}

/// 256 random bits, URL-safe: for session cookies and invitation links.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Letters and digits nobody misreads (no 0/o, 1/l/i, 5/s, 2/z, 8/b, u/v).
const RECOVERY_ALPHABET: &[u8] = b"34679acdefghjkmnpqrtwxy";

/// A recovery code to write down: ten characters (about 45 bits) in two groups, "a3kf7-qx9tr".
/// Guessing is bounded by the second-factor throttle, so this is plenty and still easy to type.
pub fn recovery_code() -> String {
    let mut rng = rand::rng();
    let pick = |rng: &mut rand::rngs::ThreadRng| {
        RECOVERY_ALPHABET[rand::Rng::random_range(rng, 0..RECOVERY_ALPHABET.len())] as char
    };
    let a: String = (0..5).map(|_| pick(&mut rng)).collect();
    let b: String = (0..5).map(|_| pick(&mut rng)).collect();
    format!("{a}-{b}")
}

/// A recovery code as typed: case, spaces and the hyphen do not matter.
pub fn normalise_recovery_code(typed: &str) -> String {
    typed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .take(32)
        .collect()
}

/// Tokens are stored only as their SHA-256, so the database alone opens nothing.
pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_only_its_password() {
        let h = hash_password("correct horse battery").ok();
        assert!(h.is_some());
        assert!(verify_password("correct horse battery", h.as_deref()));
        assert!(!verify_password("wrong horse battery", h.as_deref()));
        assert!(!verify_password("anything", None));
        assert!(
            h.as_deref()
                .is_some_and(|h| h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"))
        );
    }

    #[test]
    fn recovery_codes_are_typed_forgivingly() {
        let c = recovery_code();
        assert_eq!(c.len(), 11);
        assert_eq!(
            normalise_recovery_code(&c.to_uppercase().replace('-', " ")),
            c.replace('-', "")
        );
    }

    #[test]
    fn tokens_are_unique_and_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a).len(), 64);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}
