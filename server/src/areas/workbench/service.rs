//! Counting the queues and listing a queue's cases with what triage needs.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use super::queues::Queue;
use super::triage::{self, Triage};
use crate::access::{Actor, CaseView, ListScope};
use crate::areas::cases::lists::{self, CaseFilter};
use crate::entities::case;
use crate::error::AppResult;
use crate::kernel::Page;

/// Each queue the reader works from, counted within their list scope by the same condition
/// that lists it. Counts name no one, so they are not reads of anyone's record; opening a
/// queue lists (and audits) its cases.
pub async fn counts(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    stale_days: i64,
) -> AppResult<Vec<(Queue, u64)>> {
    let scope = ListScope::cases(actor)?;
    let mut out = Vec::new();
    for &queue in Queue::ALL {
        if !queue.worked_by(actor) {
            continue;
        }
        let n = case::Entity::find()
            .filter(scope.condition())
            .filter(queue.condition(now, stale_days))
            .count(conn)
            .await?;
        out.push((queue, n));
    }
    Ok(out)
}

/// What to list: a queue (or every case the reader may list), narrowed like the case list.
pub struct TriageFilter {
    pub queue: Option<Queue>,
    pub stale_days: i64,
    pub list: CaseFilter,
}

/// A page of cases with their triage facts, read for the whole page at once.
pub async fn list(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    filter: TriageFilter,
    page: Page,
) -> AppResult<Vec<(CaseView, Triage)>> {
    let TriageFilter {
        queue,
        stale_days,
        mut list,
    } = filter;
    list.extra = queue.map(|q| q.condition(now, stale_days));
    let views = lists::list(conn, now, actor, list, page).await?;
    let ids: Vec<uuid::Uuid> = views.iter().map(CaseView::id).collect();
    let mut facts = triage::of(conn, &ids).await?;
    Ok(views
        .into_iter()
        .map(|v| {
            let t = facts.remove(&v.id()).unwrap_or_default();
            (v, t)
        })
        .collect())
}
