//! Passkeys (WebAuthn, by webauthn-rs): as the second factor after the password, or instead of
//! the password altogether (a discoverable credential verified by the device's own lock, which
//! is two factors in one). The relying party is the host of the public address; each
//! ceremony's challenge state is kept on the server for five minutes and can be used once.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, Set,
};
use serde::de::DeserializeOwned;
use uuid::Uuid;
use webauthn_rs::prelude::{
    DiscoverableAuthentication, Passkey, PasskeyAuthentication, PasskeyRegistration,
    PublicKeyCredential, RegisterPublicKeyCredential, Url,
};
use webauthn_rs::{Webauthn, WebauthnBuilder};

use super::ceremonies;
use super::factors::{self, Added, PASSKEY, Request};
use super::model::{Actor, UserStatus};
use super::sessions::{self, Stage};
use crate::access::audit::{self, Entry};
use crate::config::Config;
use crate::entities::{second_factor, user};
use crate::error::{AppError, AppResult};

const CEREMONY: Duration = Duration::minutes(5);

async fn keep(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    purpose: &str,
    actor: Option<&Actor>,
    state: &impl serde::Serialize,
) -> AppResult<Uuid> {
    ceremonies::keep(conn, now, CEREMONY, (purpose, actor), state).await
}

/// The relying party for the public address. An address the browser will not accept as one
/// (a bare IP address, or plain http anywhere but localhost) leaves passkeys off, with the
/// reason, and everything else working.
pub fn relying_party(cfg: &Config) -> Result<Webauthn, String> {
    let origin = Url::parse(&cfg.public_url()).map_err(|e| e.to_string())?;
    let host = origin
        .host_str()
        .ok_or("the public address has no host")?
        .to_string();
    if host.parse::<std::net::IpAddr>().is_ok() {
        return Err(format!(
            "passkeys need a name, not an IP address ({host}): set RJHUB_PUBLIC_URL"
        ));
    }
    WebauthnBuilder::new(&host, &origin)
        .and_then(|b| b.rp_name("RJ Hub").build())
        .map_err(|e| e.to_string())
}

fn off(rp: Option<&Webauthn>) -> AppResult<&Webauthn> {
    rp.ok_or_else(|| {
        AppError::Conflict(
            "Passkeys are not available on this address. Use a code from an authenticator app."
                .into(),
        )
    })
}

fn refused(e: impl std::fmt::Display) -> AppError {
    tracing::info!(reason = %e, "a passkey was refused");
    AppError::validation(
        "credential",
        "Your device’s answer could not be checked. Try again, or use another way to sign in.",
    )
}

fn parse<T: DeserializeOwned>(json: &str) -> AppResult<T> {
    if json.len() > 64 * 1024 {
        return Err(refused("credential too long"));
    }
    serde_json::from_str(json).map_err(refused)
}

fn credential_key(id: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(id)
}

fn passkey_of(f: &second_factor::Model) -> AppResult<Passkey> {
    serde_json::from_str(f.passkey.as_deref().unwrap_or_default()).map_err(AppError::internal)
}

async fn passkeys_of(
    conn: &impl ConnectionTrait,
    user_id: Uuid,
) -> AppResult<Vec<(second_factor::Model, Passkey)>> {
    let mut out = Vec::new();
    for f in factors::factors_of(conn, user_id).await? {
        if f.kind == PASSKEY {
            let p = passkey_of(&f)?;
            out.push((f, p));
        }
    }
    Ok(out)
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Registering {
    state: PasskeyRegistration,
    label: String,
}

/// A ceremony for the browser: its id, and the options to pass to `navigator.credentials`
/// (JSON, as `PublicKeyCredential.parse…OptionsFromJSON` reads it).
pub struct Challenge {
    pub ceremony_id: Uuid,
    pub options: String,
}

pub async fn begin_registration(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    rp: Option<&Webauthn>,
    actor: &Actor,
    label: Option<&str>,
) -> AppResult<Challenge> {
    factors::may_enrol(actor)?;
    let rp = off(rp)?;
    let label = factors::label_of(label, "Passkey")?;
    let u = user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let exclude = passkeys_of(db, u.id)
        .await?
        .into_iter()
        .map(|(_, p)| p.cred_id().clone())
        .collect();
    let (ccr, state) = rp
        .start_passkey_registration(u.id, &u.email, &u.name, Some(exclude))
        .map_err(AppError::internal)?;
    // Ask for a discoverable credential where the device can make one, so the same passkey
    // can later sign in without the password.
    let mut options = serde_json::to_value(&ccr.public_key).map_err(AppError::internal)?;
    if let Some(sel) = options.get_mut("authenticatorSelection") {
        sel["residentKey"] = "preferred".into();
    }
    let ceremony_id = keep(
        db,
        now,
        "register",
        Some(actor),
        &Registering { state, label },
    )
    .await?;
    Ok(Challenge {
        ceremony_id,
        options: options.to_string(),
    })
}

pub async fn finish_registration(
    db: &DatabaseConnection,
    r: Request<'_>,
    rp: Option<&Webauthn>,
    actor: &Actor,
    ceremony_id: Uuid,
    credential: &str,
) -> AppResult<Added> {
    factors::may_enrol(actor)?;
    let rp = off(rp)?;
    let answer: RegisterPublicKeyCredential = parse(credential)?;
    let txn = crate::db::begin_write(db).await?;
    let Registering { state, label } =
        ceremonies::take(&txn, r.now, ceremony_id, "register", Some(actor)).await?;
    let passkey = rp
        .finish_passkey_registration(&answer, &state)
        .map_err(refused)?;
    let key = credential_key(passkey.cred_id().as_ref());
    if second_factor::Entity::find()
        .filter(second_factor::Column::CredentialId.eq(&key))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(AppError::Conflict("That passkey is already set up.".into()));
    }
    let factor = second_factor::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(actor.user_id),
        kind: Set(PASSKEY.into()),
        label: Set(label),
        totp_secret: Set(None),
        last_step: Set(None),
        passkey: Set(Some(
            serde_json::to_string(&passkey).map_err(AppError::internal)?,
        )),
        credential_id: Set(Some(key)),
        created_at: Set(r.now),
        confirmed_at: Set(Some(r.now)),
        last_used_at: Set(None),
    }
    .insert(&txn)
    .await?;
    let out = factors::added(&txn, r.now, r.policy, actor, factor, r.device).await?;
    txn.commit().await?;
    Ok(out)
}

/// A passkey sign-in: after the password (the user's own passkeys are offered), or with no
/// session at all (any passkey of this site the device holds).
pub async fn begin_sign_in(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    rp: Option<&Webauthn>,
    actor: Option<&Actor>,
) -> AppResult<Challenge> {
    let rp = off(rp)?;
    let (options, ceremony_id) = match actor {
        Some(a) => {
            factors::waiting_for_factor(a)?;
            let keys: Vec<Passkey> = passkeys_of(db, a.user_id)
                .await?
                .into_iter()
                .map(|(_, p)| p)
                .collect();
            if keys.is_empty() {
                return Err(AppError::Conflict(
                    "You have no passkey set up. Use a code from your authenticator app.".into(),
                ));
            }
            let (rcr, state) = rp
                .start_passkey_authentication(&keys)
                .map_err(AppError::internal)?;
            let id = keep(db, now, "second_factor", Some(a), &state).await?;
            (rcr.public_key, id)
        }
        None => {
            let (rcr, state) = rp
                .start_discoverable_authentication()
                .map_err(AppError::internal)?;
            let id = keep(db, now, "sign_in", None, &state).await?;
            (rcr.public_key, id)
        }
    };
    Ok(Challenge {
        ceremony_id,
        options: serde_json::to_string(&options).map_err(AppError::internal)?,
    })
}

/// A passkey signed in: the full session's token and the user.
pub struct PasskeySignIn {
    pub token: String,
    pub user_id: Uuid,
}

async fn used(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    f: second_factor::Model,
    mut passkey: Passkey,
    result: &webauthn_rs::prelude::AuthenticationResult,
) -> AppResult<()> {
    passkey.update_credential(result);
    let mut a = f.into_active_model();
    a.passkey = Set(Some(
        serde_json::to_string(&passkey).map_err(AppError::internal)?,
    ));
    a.last_used_at = Set(Some(now));
    a.update(conn).await?;
    Ok(())
}

pub async fn finish_sign_in(
    db: &DatabaseConnection,
    r: Request<'_>,
    rp: Option<&Webauthn>,
    actor: Option<&Actor>,
    ceremony_id: Uuid,
    credential: &str,
) -> AppResult<PasskeySignIn> {
    let rp = off(rp)?;
    let answer: PublicKeyCredential = parse(credential)?;
    let txn = crate::db::begin_write(db).await?;
    let signed_in = match actor {
        Some(a) => {
            factors::waiting_for_factor(a)?;
            let state: PasskeyAuthentication =
                ceremonies::take(&txn, r.now, ceremony_id, "second_factor", Some(a)).await?;
            let result = rp
                .finish_passkey_authentication(&answer, &state)
                .map_err(refused)?;
            let key = credential_key(result.cred_id().as_ref());
            let (f, p) = passkeys_of(&txn, a.user_id)
                .await?
                .into_iter()
                .find(|(f, _)| f.credential_id.as_deref() == Some(key.as_str()))
                .ok_or_else(|| refused("unknown credential"))?;
            used(&txn, r.now, f, p, &result).await?;
            let token = factors::complete(&txn, r.now, r.policy, a, PASSKEY, r.device).await?;
            PasskeySignIn {
                token,
                user_id: a.user_id,
            }
        }
        None => {
            let state: DiscoverableAuthentication =
                ceremonies::take(&txn, r.now, ceremony_id, "sign_in", None).await?;
            let (user_id, cred_id) = rp
                .identify_discoverable_authentication(&answer)
                .map_err(refused)?;
            let key = credential_key(cred_id);
            let u = user::Entity::find_by_id(user_id)
                .one(&txn)
                .await?
                .filter(|u| u.status == UserStatus::Active.as_str() && u.erased_at.is_none())
                .ok_or_else(|| refused("no active user"))?;
            let (f, p) = passkeys_of(&txn, u.id)
                .await?
                .into_iter()
                .find(|(f, _)| f.credential_id.as_deref() == Some(key.as_str()))
                .ok_or_else(|| refused("unknown credential"))?;
            let result = rp
                .finish_discoverable_authentication_v2(&answer, state, &p)
                .map_err(refused)?;
            used(&txn, r.now, f, p, &result).await?;
            let (token, session_id) =
                sessions::start(&txn, r.now, r.policy, u.id, r.device, Stage::Full).await?;
            super::signed_in::note_sign_in(&txn, r.now, &u, r.device).await?;
            audit::record(
                &txn,
                r.now,
                Some(u.id),
                Entry::new("login", "session", session_id)
                    .detail(serde_json::json!({ "kind": PASSKEY })),
            )
            .await?;
            PasskeySignIn {
                token,
                user_id: u.id,
            }
        }
    };
    txn.commit().await?;
    Ok(signed_in)
}
