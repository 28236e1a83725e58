//! The append-only audit log (R-DP-4): who did what to which record, when and why. Details
//! never hold personal data themselves — they point at records by id.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use uuid::Uuid;

use crate::areas::accounts::model::Actor;
use crate::entities::audit_log;
use crate::error::AppResult;

pub struct Entry<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<String>,
    pub purpose: Option<&'a str>,
    pub detail: Option<serde_json::Value>,
}

impl<'a> Entry<'a> {
    pub fn new(action: &'a str, entity: &'a str, entity_id: impl ToString) -> Self {
        Self {
            action,
            entity,
            entity_id: Some(entity_id.to_string()),
            purpose: None,
            detail: None,
        }
    }

    pub fn detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = Some(detail);
        self
    }
}

pub async fn record(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor_id: Option<Uuid>,
    entry: Entry<'_>,
) -> AppResult<()> {
    audit_log::ActiveModel {
        id: Set(Uuid::now_v7()),
        at: Set(now),
        actor_id: Set(actor_id),
        action: Set(entry.action.to_string()),
        entity: Set(entry.entity.to_string()),
        entity_id: Set(entry.entity_id),
        purpose: Set(entry.purpose.map(str::to_string)),
        detail: Set(entry.detail),
    }
    .insert(conn)
    .await?;
    Ok(())
}

pub async fn record_by(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    entry: Entry<'_>,
) -> AppResult<()> {
    record(conn, now, Some(actor.user_id), entry).await
}
