//! API tokens for partner systems (#20). The co-ordinator issues a token to an agency for named
//! operations only (`createReferral`, `myReferrals`); it acts as an account of its own — a
//! referrer of that agency with no password — so need-to-know treats it like that agency's
//! referrer and every use is audited as the token. Only the SHA-256 of the secret is kept; the
//! secret is shown once. Tokens expire (90 days unless said otherwise, a year at most), can be
//! rotated (the old secret keeps working for a day, so the partner can switch) and revoked.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::model::{Actor, Role, UserStatus, validate_agency};
use super::secrets::{new_token, token_hash};
use super::users::{NewUser, insert_user};
use crate::access::audit::{self, Entry};
use crate::access::rules::{Duty, require};
use crate::entities::{api_token, user};
use crate::error::{AppError, AppResult};
use crate::kernel::required_text;

/// What a token may call: one GraphQL operation each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    CreateReferral,
    MyReferrals,
}

impl Scope {
    pub const ALL: [Scope; 2] = [Scope::CreateReferral, Scope::MyReferrals];

    /// The top-level GraphQL field the scope allows.
    pub fn field(self) -> &'static str {
        match self {
            Scope::CreateReferral => "createReferral",
            Scope::MyReferrals => "myReferrals",
        }
    }

    fn parse(s: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|x| x.field() == s)
    }
}

pub const DEFAULT_DAYS: i64 = 90;
pub const MAX_DAYS: i64 = 366;
/// How long a rotated secret keeps working.
pub const ROTATION_GRACE: Duration = Duration::hours(24);

pub fn scopes_of(t: &api_token::Model) -> Vec<Scope> {
    t.scopes.split(',').filter_map(Scope::parse).collect()
}

pub struct Issued {
    pub token: api_token::Model,
    /// Shown once; never stored.
    pub secret: String,
}

fn secret() -> String {
    format!("rjhub_{}", new_token())
}

async fn insert_token(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    by: Uuid,
    user_id: Uuid,
    scopes: &[Scope],
    expires_at: DateTime<Utc>,
    rotated_from: Option<Uuid>,
) -> AppResult<Issued> {
    let secret = secret();
    let token = api_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        token_hash: Set(token_hash(&secret)),
        scopes: Set(scopes
            .iter()
            .map(|s| s.field())
            .collect::<Vec<_>>()
            .join(",")),
        created_by: Set(Some(by)),
        created_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        last_used_at: Set(None),
        rotated_from: Set(rotated_from),
    }
    .insert(conn)
    .await?;
    Ok(Issued { token, secret })
}

pub struct TokenRequest<'a> {
    pub agency: &'a str,
    /// The partner's system, in words ("YOS case system").
    pub name: &'a str,
    pub scopes: Vec<Scope>,
    pub expires_in_days: Option<i64>,
}

/// The co-ordinator issues a token to an agency's system.
pub async fn issue(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    r: TokenRequest<'_>,
) -> AppResult<Issued> {
    require(actor, Duty::ManageUsers)?;
    let agency = validate_agency(Some(r.agency))?
        .ok_or_else(|| AppError::validation("agency", "Enter the agency the system belongs to"))?;
    let name = required_text("name", r.name, 120, "the name of the partner's system")?;
    let mut scopes = r.scopes;
    scopes.dedup();
    if scopes.is_empty() {
        return Err(AppError::validation(
            "scopes",
            "Choose what the token may do",
        ));
    }
    let days = r.expires_in_days.unwrap_or(DEFAULT_DAYS);
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(AppError::validation(
            "expiresInDays",
            format!("A token lasts from 1 to {MAX_DAYS} days"),
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let account = Uuid::now_v7();
    let user_id = insert_user(
        &txn,
        now,
        Some(actor.user_id),
        &NewUser {
            email: format!("api-{account}@tokens.rjhub.invalid"),
            name: format!("{name} (API, {agency})"),
            roles: vec![Role::Referrer],
            facilitator_kind: None,
            agency: Some(agency.clone()),
        },
        UserStatus::Active,
        None,
    )
    .await?;
    let issued = insert_token(
        &txn,
        now,
        actor.user_id,
        user_id,
        &scopes,
        now + Duration::days(days),
        None,
    )
    .await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("issue_api_token", "api_token", issued.token.id).detail(serde_json::json!({
            "agency": agency, "scopes": issued.token.scopes, "expiresAt": issued.token.expires_at,
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(issued)
}

async fn own_token(conn: &impl ConnectionTrait, id: Uuid) -> AppResult<api_token::Model> {
    api_token::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound("The token"))
}

/// A new secret for the same account and scopes; the old one works for another day.
pub async fn rotate(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    id: Uuid,
    expires_in_days: Option<i64>,
) -> AppResult<Issued> {
    require(actor, Duty::ManageUsers)?;
    let days = expires_in_days.unwrap_or(DEFAULT_DAYS);
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(AppError::validation(
            "expiresInDays",
            format!("A token lasts from 1 to {MAX_DAYS} days"),
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let old = own_token(&txn, id).await?;
    if old.revoked_at.is_some() || old.expires_at <= now {
        return Err(AppError::Conflict(
            "A revoked or expired token cannot be rotated: issue a new one".into(),
        ));
    }
    let issued = insert_token(
        &txn,
        now,
        actor.user_id,
        old.user_id,
        &scopes_of(&old),
        now + Duration::days(days),
        Some(old.id),
    )
    .await?;
    let mut a = old.clone().into_active_model();
    a.expires_at = Set(old.expires_at.min(now + ROTATION_GRACE));
    a.update(&txn).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("rotate_api_token", "api_token", issued.token.id)
            .detail(serde_json::json!({ "replaces": old.id.to_string() })),
    )
    .await?;
    txn.commit().await?;
    Ok(issued)
}

/// Revokes a token at once.
pub async fn revoke(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    id: Uuid,
) -> AppResult<api_token::Model> {
    require(actor, Duty::ManageUsers)?;
    let txn = crate::db::begin_write(db).await?;
    let t = own_token(&txn, id).await?;
    let mut a = t.into_active_model();
    a.revoked_at = Set(Some(now));
    let t = a.update(&txn).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("revoke_api_token", "api_token", id),
    )
    .await?;
    txn.commit().await?;
    Ok(t)
}

/// Every token, the newest first, with the account it acts as (never the secret).
pub async fn list(
    conn: &impl ConnectionTrait,
    actor: &Actor,
) -> AppResult<Vec<(api_token::Model, Option<user::Model>)>> {
    require(actor, Duty::ManageUsers)?;
    let tokens = api_token::Entity::find()
        .order_by_desc(api_token::Column::CreatedAt)
        .all(conn)
        .await?;
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(tokens.iter().map(|t| t.user_id)))
        .all(conn)
        .await?;
    Ok(tokens
        .into_iter()
        .map(|t| {
            let u = users.iter().find(|u| u.id == t.user_id).cloned();
            (t, u)
        })
        .collect())
}

/// The actor and scopes for a bearer secret, or `None` when it is unknown, revoked, expired, or
/// its account is suspended. Records when it was last used.
pub async fn resolve(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    secret: &str,
) -> AppResult<Option<(Actor, api_token::Model)>> {
    let Some(t) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(token_hash(secret)))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    if t.revoked_at.is_some() || t.expires_at <= now {
        return Ok(None);
    }
    let Some(u) = user::Entity::find_by_id(t.user_id)
        .one(conn)
        .await?
        .filter(|u| u.status == UserStatus::Active.as_str() && u.erased_at.is_none())
    else {
        return Ok(None);
    };
    api_token::Entity::update_many()
        .col_expr(api_token::Column::LastUsedAt, Expr::value(Some(now)))
        .filter(api_token::Column::Id.eq(t.id))
        .exec(conn)
        .await?;
    let roles = super::sessions::roles_of(conn, u.id).await?;
    // The token's id stands where a session's would: audit rows name it.
    Ok(Some((Actor::new(u.id, t.id, roles, u.agency), t)))
}
