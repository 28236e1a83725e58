//! Idempotency keys: a mutation the phone may replay after being offline stores its first
//! answer under (user, key); a replay gets that answer back instead of acting twice.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};
use uuid::Uuid;

use crate::entities::idempotency_key;
use crate::error::{AppError, AppResult};

pub fn check_key(key: &str) -> AppResult<&str> {
    let k = key.trim();
    if k.len() < 8
        || k.len() > 100
        || !k
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_:.".contains(c))
    {
        return Err(AppError::validation(
            "idempotencyKey",
            "Send a unique key of 8 to 100 letters, digits or -_:.",
        ));
    }
    Ok(k)
}

/// The stored answer for this key, if the operation ran before. A key reused for another
/// operation is refused.
pub async fn lookup(
    conn: &impl ConnectionTrait,
    user: Uuid,
    key: &str,
    operation: &str,
) -> AppResult<Option<serde_json::Value>> {
    match idempotency_key::Entity::find_by_id((user, key.to_string()))
        .one(conn)
        .await?
    {
        Some(row) if row.operation == operation => Ok(Some(row.response)),
        Some(_) => Err(AppError::Conflict(
            "That idempotency key was used for another action".into(),
        )),
        None => Ok(None),
    }
}

pub async fn store(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    user: Uuid,
    key: &str,
    operation: &str,
    response: serde_json::Value,
) -> AppResult<()> {
    idempotency_key::ActiveModel {
        user_id: Set(user),
        key: Set(key.to_string()),
        operation: Set(operation.into()),
        response: Set(response),
        created_at: Set(now),
    }
    .insert(conn)
    .await?;
    Ok(())
}
