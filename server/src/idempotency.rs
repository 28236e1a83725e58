//! Idempotency keys: a mutation the phone may replay after being offline (or after a lost reply)
//! stores its first answer under (user, key) in the same transaction as the change; a replay
//! gets that answer back instead of acting twice.
//!
//! ```ignore
//! let txn = match idempotency::start::<Uuid>(db, user, key, "log_contact").await? {
//!     Start::Replay(first) => return load(first),
//!     Start::Fresh(txn) => txn,
//! };
//! … change rows …
//! idempotency::finish(&txn, now, user, key, "log_contact", &id).await?;
//! txn.commit().await?;
//! ```

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, Set};
use serde::Serialize;
use serde::de::DeserializeOwned;
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

/// Stores the first answer. If another request with the same key got there first (two replays
/// racing), this one is refused so that its transaction rolls back; its retry is then a replay.
pub async fn store(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    user: Uuid,
    key: &str,
    operation: &str,
    response: serde_json::Value,
) -> AppResult<()> {
    let row = idempotency_key::ActiveModel {
        user_id: Set(user),
        key: Set(key.to_string()),
        operation: Set(operation.into()),
        response: Set(response),
        created_at: Set(now),
    };
    let inserted = idempotency_key::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                idempotency_key::Column::UserId,
                idempotency_key::Column::Key,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    if inserted == 0 {
        return Err(AppError::Conflict(
            "This action is already being saved; try again in a moment".into(),
        ));
    }
    Ok(())
}

pub enum Start<T> {
    /// The operation ran before under this key: its first answer.
    Replay(T),
    /// A first run: the write transaction to do it in.
    Fresh(DatabaseTransaction),
}

/// Checks the key (when one was sent), returns the stored answer for a replay, or opens the write
/// transaction for a first run. The second lookup inside the transaction closes the gap with a
/// request that committed in between.
pub async fn start<T: DeserializeOwned>(
    db: &DatabaseConnection,
    user: Uuid,
    key: Option<&str>,
    operation: &str,
) -> AppResult<Start<T>> {
    let Some(key) = key.map(check_key).transpose()? else {
        return Ok(Start::Fresh(crate::db::begin_write(db).await?));
    };
    if let Some(v) = lookup(db, user, key, operation).await? {
        return Ok(Start::Replay(decode(v)?));
    }
    let txn = crate::db::begin_write(db).await?;
    if let Some(v) = lookup(&txn, user, key, operation).await? {
        return Ok(Start::Replay(decode(v)?));
    }
    Ok(Start::Fresh(txn))
}

/// Records the answer under the key (when one was sent), inside the operation's transaction.
pub async fn finish<T: Serialize>(
    txn: &DatabaseTransaction,
    now: DateTime<Utc>,
    user: Uuid,
    key: Option<&str>,
    operation: &str,
    answer: &T,
) -> AppResult<()> {
    let Some(key) = key.map(check_key).transpose()? else {
        return Ok(());
    };
    let value = serde_json::to_value(answer).map_err(AppError::internal)?;
    store(txn, now, user, key, operation, value).await
}

fn decode<T: DeserializeOwned>(v: serde_json::Value) -> AppResult<T> {
    serde_json::from_value(v).map_err(AppError::internal)
}
