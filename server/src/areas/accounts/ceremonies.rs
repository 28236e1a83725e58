//! Sign-in ceremonies in progress — a WebAuthn challenge, an OpenID Connect login — whose state
//! the server keeps until the browser comes back: for minutes, and used once. The id is random
//! (it travels as OpenID Connect's `state`), and `take` deletes the row it reads, so of two
//! answers to one ceremony only the first is checked, on any instance.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::model::Actor;
use crate::entities::webauthn_ceremony;
use crate::error::{AppError, AppResult};

pub fn expired() -> AppError {
    AppError::validation(
        "ceremonyId",
        "That took too long or was already used. Try again.",
    )
}

/// Keeps a ceremony's state for `lifetime`; the browser gets only its id.
pub async fn keep(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    lifetime: Duration,
    (purpose, actor): (&str, Option<&Actor>),
    state: &impl Serialize,
) -> AppResult<Uuid> {
    webauthn_ceremony::Entity::delete_many()
        .filter(webauthn_ceremony::Column::ExpiresAt.lte(now))
        .exec(conn)
        .await?;
    let id = Uuid::new_v4();
    webauthn_ceremony::ActiveModel {
        id: Set(id),
        user_id: Set(actor.map(|a| a.user_id)),
        session_id: Set(actor.map(|a| a.session_id)),
        purpose: Set(purpose.into()),
        state: Set(serde_json::to_string(state).map_err(AppError::internal)?),
        expires_at: Set(now + lifetime),
    }
    .insert(conn)
    .await?;
    Ok(id)
}

/// Takes a ceremony's state, once, if it is for this purpose and session and still fresh.
pub async fn take<T: DeserializeOwned>(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    id: Uuid,
    purpose: &str,
    actor: Option<&Actor>,
) -> AppResult<T> {
    let c = webauthn_ceremony::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|c| {
            c.purpose == purpose
                && c.expires_at > now
                && c.session_id == actor.map(|a| a.session_id)
        })
        .ok_or_else(expired)?;
    let gone = webauthn_ceremony::Entity::delete_many()
        .filter(webauthn_ceremony::Column::Id.eq(id))
        .exec(conn)
        .await?;
    if gone.rows_affected != 1 {
        return Err(expired());
    }
    serde_json::from_str(&c.state).map_err(AppError::internal)
}
