//! Searching the audit log: co-ordinator only.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::access::rules::{Duty, require};
use crate::areas::accounts::model::Actor;
use crate::entities::audit_log;
use crate::error::AppResult;
use crate::kernel::Page;

#[derive(Default)]
pub struct AuditFilter {
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub actor_id: Option<Uuid>,
    pub action: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

pub async fn search(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    f: AuditFilter,
    page: Page,
) -> AppResult<Vec<audit_log::Model>> {
    require(actor, Duty::ReadAuditLog)?;
    let mut q = audit_log::Entity::find();
    if let Some(e) = f.entity {
        q = q.filter(audit_log::Column::Entity.eq(e));
    }
    if let Some(e) = f.entity_id {
        q = q.filter(audit_log::Column::EntityId.eq(e));
    }
    if let Some(a) = f.actor_id {
        q = q.filter(audit_log::Column::ActorId.eq(a));
    }
    if let Some(a) = f.action {
        q = q.filter(audit_log::Column::Action.eq(a));
    }
    if let Some(t) = f.from {
        q = q.filter(audit_log::Column::At.gte(t));
    }
    if let Some(t) = f.to {
        q = q.filter(audit_log::Column::At.lt(t));
    }
    Ok(q.order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id)
        .offset(page.offset)
        .limit(page.fetch())
        .all(conn)
        .await?)
}
