//! Single sign-on (#20) with OpenID Connect, by the `openidconnect` crate: the authorization
//! code flow with PKCE (S256), a random `state` that is also the server-side ceremony's id
//! (used once) and is bound to the browser by a short-lived cookie, and a nonce checked in the
//! ID token with its signature, issuer, audience and expiry. The organisation's claims decide
//! the user's roles on every sign-in, and the session ends when the ID token does, so someone
//! removed at the provider is out at their next request after that.

use std::collections::BTreeSet;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, Set,
};
use serde_json::Value;
use uuid::Uuid;

use super::ceremonies;
use super::model::{FacilitatorKind, Role, UserStatus, normalise_email};
use super::sessions::{self, SessionPolicy, Stage};
use crate::access::audit::{self, Entry};
use crate::config::{Config, Organisation};
use crate::entities::{facilitator_profile, role_grant, session, user};
use crate::error::AppError;

/// The cookie that ties a login's `state` to the browser that started it.
pub const COOKIE: &str = "rjhub_sso";
const LOGIN_TAKES: Duration = Duration::minutes(10);
const PURPOSE: &str = "oidc";

/// Why a single sign-on did not sign anyone in; the app shows each in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No organisation of that id.
    Unknown,
    /// The provider could not be reached, or its metadata is not for the configured issuer.
    Unavailable,
    /// The answer could not be checked: an expired or replayed login, another browser's, a bad
    /// code, or an ID token whose signature, issuer, audience, nonce or expiry is wrong.
    Failed,
    /// Signed in at the provider, but no claim maps to a role here.
    NoRole,
    /// The e-mail address is not verified, or not at one of the organisation's domains.
    NotAllowed,
    Suspended,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Unknown | Refusal::Failed => "failed",
            Refusal::Unavailable => "unavailable",
            Refusal::NoRole => "no-role",
            Refusal::NotAllowed => "not-allowed",
            Refusal::Suspended => "suspended",
        }
    }
}

impl From<AppError> for Refusal {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Database(_) | AppError::Internal(_) => {
                tracing::error!(error = ?e, "single sign-on failed");
                Refusal::Unavailable
            }
            _ => Refusal::Failed,
        }
    }
}

fn refused(why: Refusal, what: impl std::fmt::Display) -> Refusal {
    tracing::info!(reason = %what, code = why.code(), "a single sign-on was refused");
    why
}

/// Checks the organisations at start-up: ids, addresses, roles.
pub fn validate(orgs: &[Organisation]) -> Result<(), String> {
    let mut ids = BTreeSet::new();
    for o in orgs {
        if o.id.is_empty()
            || !o
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(format!(
                "sso: the id '{}' must be lower-case letters, digits and hyphens",
                o.id
            ));
        }
        if !ids.insert(o.id.as_str()) {
            return Err(format!("sso: the id '{}' is used twice", o.id));
        }
        IssuerUrl::new(o.issuer.clone())
            .map_err(|e| format!("sso {}: the issuer is not an address: {e}", o.id))?;
        if o.allowed_domains.is_empty() {
            return Err(format!(
                "sso {}: list the allowed_domains its staff's e-mail addresses are at",
                o.id
            ));
        }
        for role in o.roles.values() {
            role.parse::<Role>()
                .map_err(|e| format!("sso {}: {e}", o.id))?;
        }
        if let Some(k) = &o.facilitator_kind {
            k.parse::<FacilitatorKind>()
                .map_err(|e| format!("sso {}: {e}", o.id))?;
        }
    }
    Ok(())
}

fn http() -> Result<openidconnect::reqwest::Client, Refusal> {
    // No redirects: a provider's answer is never followed elsewhere (SSRF).
    openidconnect::reqwest::ClientBuilder::new()
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .map_err(|e| refused(Refusal::Unavailable, e))
}

fn redirect_uri(cfg: &Config) -> Result<RedirectUrl, Refusal> {
    RedirectUrl::new(format!("{}/auth/oidc/callback", cfg.public_url()))
        .map_err(|e| refused(Refusal::Unavailable, e))
}

/// The organisation's client, from its discovery document (which must name its own issuer).
async fn client_for(
    o: &Organisation,
    cfg: &Config,
    http: &openidconnect::reqwest::Client,
) -> Result<
    CoreClient<
        openidconnect::EndpointSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointMaybeSet,
        openidconnect::EndpointMaybeSet,
    >,
    Refusal,
> {
    let issuer = IssuerUrl::new(o.issuer.clone()).map_err(|e| refused(Refusal::Unavailable, e))?;
    let meta = CoreProviderMetadata::discover_async(issuer, http)
        .await
        .map_err(|e| refused(Refusal::Unavailable, e))?;
    Ok(CoreClient::from_provider_metadata(
        meta,
        ClientId::new(o.client_id.clone()),
        o.client_secret.clone().map(ClientSecret::new),
    )
    .set_redirect_uri(redirect_uri(cfg)?))
}

fn organisation<'a>(cfg: &'a Config, id: &str) -> Result<&'a Organisation, Refusal> {
    cfg.sso.iter().find(|o| o.id == id).ok_or(Refusal::Unknown)
}

/// A path inside the Hub to go back to; anything else is the home page.
fn local_path(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') && n.len() < 500 =>
        {
            n.to_string()
        }
        _ => "/".into(),
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Login {
    organisation: String,
    nonce: String,
    verifier: String,
    next: String,
}

/// Where to send the browser, and the `state` for its cookie.
pub struct Started {
    pub redirect: String,
    pub state: String,
}

pub async fn start(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    cfg: &Config,
    org_id: &str,
    next: Option<&str>,
    login_hint: Option<&str>,
) -> Result<Started, Refusal> {
    let o = organisation(cfg, org_id)?;
    let http = http()?;
    let client = client_for(o, cfg, &http).await?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let nonce = Nonce::new_random();
    let login = Login {
        organisation: o.id.clone(),
        nonce: nonce.secret().clone(),
        verifier: verifier.secret().clone(),
        next: local_path(next),
    };
    let id = ceremonies::keep(db, now, LOGIN_TAKES, (PURPOSE, None), &login).await?;
    let state = id.to_string();
    let mut req = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            {
                let state = state.clone();
                move || CsrfToken::new(state)
            },
            move || nonce,
        )
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge);
    if let Some(hint) = login_hint.filter(|h| !h.is_empty() && h.len() < 200) {
        req = req.add_extra_param("login_hint", hint.to_string());
    }
    let (url, _, _) = req.url();
    Ok(Started {
        redirect: url.to_string(),
        state,
    })
}

/// The roles the organisation's claim gives: a list or one value, each mapped by the config.
fn roles_from(o: &Organisation, claims: &Value) -> BTreeSet<Role> {
    let values: Vec<&str> = match &claims[&o.roles_claim] {
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        Value::String(s) => vec![s.as_str()],
        _ => vec![],
    };
    values
        .into_iter()
        .filter_map(|v| o.roles.get(v))
        .filter_map(|r| r.parse().ok())
        .collect()
}

/// The payload of a JWT whose signature has been checked already.
fn payload(jwt: &str) -> Value {
    jwt.split('.')
        .nth(1)
        .and_then(|p| URL_SAFE_NO_PAD.decode(p.trim_end_matches('=')).ok())
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or(Value::Null)
}

/// A finished single sign-on: the session's token and where to go.
pub struct Finished {
    pub token: String,
    pub next: String,
}

pub struct Callback<'a> {
    pub state: &'a str,
    pub code: &'a str,
    /// The `state` the browser's cookie holds (the browser that started this login).
    pub cookie_state: Option<&'a str>,
    pub device: &'a str,
}

pub async fn finish(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    cfg: &Config,
    policy: &SessionPolicy,
    cb: Callback<'_>,
) -> Result<Finished, Refusal> {
    if cb.cookie_state != Some(cb.state) {
        return Err(refused(
            Refusal::Failed,
            "the login was started by another browser",
        ));
    }
    let id = Uuid::parse_str(cb.state).map_err(|e| refused(Refusal::Failed, e))?;
    let login: Login = ceremonies::take(db, now, id, PURPOSE, None)
        .await
        .map_err(|e| refused(Refusal::Failed, e.message()))?;
    let o = organisation(cfg, &login.organisation)?;
    let http = http()?;
    let client = client_for(o, cfg, &http).await?;
    let tokens = client
        .exchange_code(AuthorizationCode::new(cb.code.to_string()))
        .map_err(|e| refused(Refusal::Unavailable, e))?
        .set_pkce_verifier(PkceCodeVerifier::new(login.verifier))
        .request_async(&http)
        .await
        .map_err(|e| refused(Refusal::Failed, e))?;
    let id_token = tokens
        .id_token()
        .ok_or_else(|| refused(Refusal::Failed, "no ID token"))?;
    let claims = id_token
        .claims(&client.id_token_verifier(), &Nonce::new(login.nonce))
        .map_err(|e| refused(Refusal::Failed, e))?;
    if claims.email_verified() == Some(false) {
        return Err(refused(
            Refusal::NotAllowed,
            "the e-mail address is not verified",
        ));
    }
    let email = claims
        .email()
        .and_then(|e| normalise_email("email", e.as_str()).ok())
        .ok_or_else(|| refused(Refusal::NotAllowed, "no usable e-mail address"))?;
    let domain = email.rsplit('@').next().unwrap_or_default();
    if !o
        .allowed_domains
        .iter()
        .any(|d| d.trim().eq_ignore_ascii_case(domain))
    {
        return Err(refused(
            Refusal::NotAllowed,
            "a domain the organisation does not allow",
        ));
    }
    let roles = roles_from(o, &payload(&id_token.to_string()));
    if roles.is_empty() {
        return Err(refused(Refusal::NoRole, "no claim maps to a role"));
    }
    let name = claims
        .name()
        .and_then(|n| n.get(None))
        .map(|n| n.as_str().trim().chars().take(200).collect::<String>())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| email.clone());
    let until = claims.expiration().min(now + policy.absolute);
    let subject = claims.subject().as_str().to_string();

    let txn = crate::db::begin_write(db).await.map_err(AppError::from)?;
    let u = account_for(&txn, now, o, (&email, &name), &roles).await?;
    let (token, session_id) =
        sessions::start(&txn, now, policy, u.id, cb.device, Stage::Full).await?;
    // The session lasts as long as the organisation's word for it.
    session::Entity::update_many()
        .col_expr(session::Column::ExpiresAt, Expr::value(until))
        .filter(session::Column::Id.eq(session_id))
        .exec(&txn)
        .await
        .map_err(AppError::from)?;
    super::signed_in::note_sign_in(&txn, now, &u, cb.device).await?;
    audit::record(
        &txn,
        now,
        Some(u.id),
        Entry::new("login", "session", session_id).detail(serde_json::json!({
            "kind": "oidc",
            "organisation": o.id,
            "subject": subject,
            "roles": roles.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
        })),
    )
    .await?;
    txn.commit().await.map_err(AppError::from)?;
    Ok(Finished {
        token,
        next: login.next,
    })
}

/// The user for a verified e-mail address, made or brought up to date: the organisation's claims
/// are the source of their roles and agency, every time.
async fn account_for(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    o: &Organisation,
    (email, name): (&str, &str),
    roles: &BTreeSet<Role>,
) -> Result<user::Model, Refusal> {
    let found = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(conn)
        .await
        .map_err(AppError::from)?;
    let u = match found {
        Some(u) if u.erased_at.is_some() => {
            return Err(refused(Refusal::NotAllowed, "an erased account"));
        }
        Some(u) if u.status == UserStatus::Disabled.as_str() => {
            return Err(refused(Refusal::Suspended, "a suspended account"));
        }
        Some(u) => {
            let mut a = u.into_active_model();
            // An invitation still open is answered by signing in through the organisation.
            a.status = Set(UserStatus::Active.as_str().into());
            a.agency = Set(o.agency.clone());
            a.updated_at = Set(now);
            a.update(conn).await.map_err(AppError::from)?
        }
        None => user::ActiveModel {
            id: Set(Uuid::now_v7()),
            email: Set(email.into()),
            name: Set(name.into()),
            password_hash: Set(None),
            status: Set(UserStatus::Active.as_str().into()),
            agency: Set(o.agency.clone()),
            password_changed_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            erased_at: Set(None),
            practice_level: Set(None),
            mobile: Set(None),
            text_alerts: Set(false),
        }
        .insert(conn)
        .await
        .map_err(AppError::from)?,
    };
    role_grant::Entity::delete_many()
        .filter(role_grant::Column::UserId.eq(u.id))
        .exec(conn)
        .await
        .map_err(AppError::from)?;
    role_grant::Entity::insert_many(roles.iter().map(|r| role_grant::ActiveModel {
        user_id: Set(u.id),
        role: Set(r.as_str().into()),
        granted_by: Set(None),
        created_at: Set(now),
    }))
    .exec_without_returning(conn)
    .await
    .map_err(AppError::from)?;
    // A facilitator needs a profile to be offered cases; one already there is kept as it is.
    if roles.contains(&Role::Facilitator)
        && facilitator_profile::Entity::find_by_id(u.id)
            .one(conn)
            .await
            .map_err(AppError::from)?
            .is_none()
    {
        let kind = o
            .facilitator_kind
            .as_deref()
            .and_then(|k| k.parse::<FacilitatorKind>().ok())
            .unwrap_or(FacilitatorKind::PartnerPractitioner);
        super::users::add_facilitator_profile(conn, now, u.id, kind, o.agency.clone()).await?;
    }
    Ok(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn police() -> Organisation {
        Organisation {
            id: "police".into(),
            name: "Northshire Police".into(),
            issuer: "https://login.example/tenant/v2.0".into(),
            client_id: "rjhub".into(),
            client_secret: None,
            allowed_domains: vec!["police.example".into()],
            roles_claim: "roles".into(),
            roles: [("RJ.Referrer".to_string(), "referrer".to_string())].into(),
            agency: Some("Police".into()),
            facilitator_kind: None,
        }
    }

    #[test]
    fn claims_map_to_roles_and_nothing_else() {
        let o = police();
        assert_eq!(
            roles_from(
                &o,
                &serde_json::json!({ "roles": ["RJ.Referrer", "Admin"] })
            ),
            [Role::Referrer].into()
        );
        assert_eq!(
            roles_from(&o, &serde_json::json!({ "roles": "RJ.Referrer" })),
            [Role::Referrer].into()
        );
        assert!(roles_from(&o, &serde_json::json!({ "groups": ["RJ.Referrer"] })).is_empty());
    }

    /// What `id_token.claims(&client.id_token_verifier(), nonce)` checks, on tokens made here
    /// (HS256 with the client secret, as a confidential client may be sent): the right one
    /// passes, and a wrong audience, issuer, nonce or signature does not.
    #[test]
    fn an_id_token_for_another_audience_or_issuer_is_refused() -> Result<(), String> {
        use openidconnect::core::{
            CoreHmacKey, CoreIdToken, CoreIdTokenClaims, CoreIdTokenVerifier, CoreJsonWebKeySet,
            CoreJwsSigningAlgorithm,
        };
        use openidconnect::{Audience, EmptyAdditionalClaims, StandardClaims, SubjectIdentifier};
        let secret = "the client secret, long enough for HS256";
        let issuer = "https://login.example/tenant/v2.0";
        let token = |aud: &str, iss: &str, nonce: &str, key: &str| {
            let claims = CoreIdTokenClaims::new(
                IssuerUrl::new(iss.into()).ok()?,
                vec![Audience::new(aud.into())],
                Utc::now() + Duration::minutes(5),
                Utc::now(),
                StandardClaims::new(SubjectIdentifier::new("someone".into())),
                EmptyAdditionalClaims {},
            )
            .set_nonce(Some(Nonce::new(nonce.into())));
            CoreIdToken::new(
                claims,
                &CoreHmacKey::new(key.as_bytes()),
                CoreJwsSigningAlgorithm::HmacSha256,
                None,
                None,
            )
            .ok()
        };
        let verifier = CoreIdTokenVerifier::new_confidential_client(
            ClientId::new("rjhub".into()),
            ClientSecret::new(secret.into()),
            IssuerUrl::new(issuer.into()).map_err(|e| e.to_string())?,
            CoreJsonWebKeySet::new(vec![]),
        )
        // A provider's metadata lists the algorithms it signs with; here, HS256.
        .set_allowed_algs(vec![CoreJwsSigningAlgorithm::HmacSha256]);
        let nonce = Nonce::new("n-0S6_WzA2Mj".into());
        let passes =
            |t: Option<CoreIdToken>| t.is_some_and(|t| t.claims(&verifier, &nonce).is_ok());
        assert!(passes(token("rjhub", issuer, "n-0S6_WzA2Mj", secret)));
        assert!(!passes(token(
            "another-app",
            issuer,
            "n-0S6_WzA2Mj",
            secret
        )));
        assert!(!passes(token(
            "rjhub",
            "https://evil.example",
            "n-0S6_WzA2Mj",
            secret
        )));
        assert!(!passes(token("rjhub", issuer, "a-replayed-nonce", secret)));
        assert!(!passes(token(
            "rjhub",
            issuer,
            "n-0S6_WzA2Mj",
            "another key, also long enough"
        )));
        Ok(())
    }

    #[test]
    fn only_local_paths_are_gone_back_to() {
        assert_eq!(local_path(Some("/cases/1?tab=a")), "/cases/1?tab=a");
        for bad in ["//evil.example", "https://evil.example", "/\\evil", ""] {
            assert_eq!(local_path(Some(bad)), "/");
        }
        assert_eq!(local_path(None), "/");
    }

    #[test]
    fn organisations_are_checked_at_start() {
        assert!(validate(&[police()]).is_ok());
        let mut bad = police();
        bad.roles.insert("x".into(), "boss".into());
        assert!(validate(&[bad]).is_err());
        let mut open = police();
        open.allowed_domains.clear();
        assert!(validate(&[open]).is_err());
        assert!(validate(&[police(), police()]).is_err());
    }
}
