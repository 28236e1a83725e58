//! Nudges that keep cases moving, sent by the jobs loop: a case gone quiet (a push to its
//! facilitators, a notice to its supervisor), an offer unanswered for a day (the
//! co-ordinators), an agreement item past its due date (the case's facilitators), and a weekly
//! digest to each supervisor and co-ordinator. Each is claimed by inserting its row in
//! `nudges` in the transaction that queues its messages, so it is sent once per occurrence
//! however often — and on however many instances — the jobs run. Messages name no participant
//! and no offence: a reference, what is waiting, a link.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect,
};
use uuid::Uuid;

use super::queues::Queue;
use crate::access::{ListScope, Role};
use crate::areas::accounts::service::active_with_role;
use crate::areas::allocation::model::OfferStatus;
use crate::entities::{agreement_item, case, case_event, case_facilitator, contact, nudge, offer};
use crate::error::AppResult;
use crate::kernel::today;
use crate::notify::{self, Email, claim_once as claim, push::PushMessage};

/// How long before each nudge (configurable; documented in the README).
#[derive(Debug, Clone, Copy)]
pub struct Intervals {
    /// An open case with no contact or change this long has gone quiet.
    pub stale_days: i64,
    /// An offer unanswered this long is the co-ordinator's to chase.
    pub offer_hours: i64,
}

/// The subjects a nudge of this kind has gone to (any occurrence): a one-occurrence nudge's
/// candidates leave them out instead of reading them again on every run.
fn already(kind: &str) -> sea_orm::sea_query::SelectStatement {
    sea_orm::sea_query::Query::select()
        .column(nudge::Column::SubjectId)
        .from(nudge::Entity)
        .and_where(nudge::Column::Kind.eq(kind))
        .to_owned()
}

async fn facilitators_of(conn: &impl ConnectionTrait, case_id: Uuid) -> AppResult<Vec<Uuid>> {
    Ok(case_facilitator::Entity::find()
        .filter(case_facilitator::Column::CaseId.eq(case_id))
        .filter(case_facilitator::Column::EndedAt.is_null())
        .all(conn)
        .await?
        .into_iter()
        .map(|f| f.user_id)
        .collect())
}

async fn email_user(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    user_id: Uuid,
    email: &Email,
) -> AppResult<()> {
    if let Some(u) = crate::entities::user::Entity::find_by_id(user_id)
        .one(conn)
        .await?
        .filter(|u| u.status == "active")
    {
        notify::enqueue_email(conn, now, &u.email, email).await?;
    }
    Ok(())
}

/// Every nudge due now; returns how many were sent.
pub async fn run(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    public_url: &str,
    every: Intervals,
) -> AppResult<usize> {
    let mut sent = 0;
    sent += stale_cases(db, now, public_url, every.stale_days).await?;
    sent += unanswered_offers(db, now, public_url, every.offer_hours).await?;
    sent += overdue_items(db, now, public_url).await?;
    sent += weekly_digest(db, now, public_url, every.stale_days).await?;
    Ok(sent)
}

/// Cases gone quiet: once per quiet spell (the occurrence is the day of the last activity, so
/// a case that is contacted and goes quiet again is nudged again).
async fn stale_cases(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    url: &str,
    days: i64,
) -> AppResult<usize> {
    let quiet = case::Entity::find()
        .filter(Queue::Stale.condition(now, days))
        .filter(case::Column::ErasedAt.is_null())
        .all(db)
        .await?;
    // The last contact and the last change of every quiet case, in one grouped query each.
    let ids: Vec<Uuid> = quiet.iter().map(|c| c.id).collect();
    let contacts: HashMap<Uuid, DateTime<Utc>> = contact::Entity::find()
        .filter(contact::Column::CaseId.is_in(ids.clone()))
        .select_only()
        .column(contact::Column::CaseId)
        .column_as(contact::Column::At.max(), "at")
        .group_by(contact::Column::CaseId)
        .into_tuple::<(Uuid, DateTime<Utc>)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let events: HashMap<Uuid, DateTime<Utc>> = case_event::Entity::find()
        .filter(case_event::Column::CaseId.is_in(ids))
        .select_only()
        .column(case_event::Column::CaseId)
        .column_as(case_event::Column::At.max(), "at")
        .group_by(case_event::Column::CaseId)
        .into_tuple::<(Uuid, DateTime<Utc>)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut sent = 0;
    for c in quiet {
        let since = contacts
            .get(&c.id)
            .copied()
            .max(events.get(&c.id).copied())
            .unwrap_or(c.received_at);
        let txn = crate::db::begin_write(db).await?;
        if !claim(&txn, now, "stale_case", c.id, &today(since).to_string()).await? {
            txn.rollback().await?;
            continue;
        }
        let quiet_days = (now - since).num_days();
        let link = format!("{url}/cases/{}", c.id);
        let msg = PushMessage {
            title: format!("Case {} has gone quiet", c.reference),
            body: format!(
                "No contact logged for {quiet_days} days. Open RJ Hub to log the next step."
            ),
            url: format!("/cases/{}", c.id),
            ttl: 86_400,
            urgent: false,
        };
        for f in facilitators_of(&txn, c.id).await? {
            notify::enqueue_push(&txn, now, f, &msg).await?;
        }
        if let Some(s) = c.supervisor_id {
            let email = Email {
                subject: format!("RJ Hub: case {} has gone quiet", c.reference),
                text: format!(
                    "Case {} has had no contact logged and no change for {quiet_days} days.\n\nOpen it in RJ Hub: {link}\n",
                    c.reference
                ),
            };
            email_user(&txn, now, s, &email).await?;
        }
        txn.commit().await?;
        sent += 1;
    }
    Ok(sent)
}

/// Offers no one has answered for `hours`: the co-ordinators are told once per offer.
async fn unanswered_offers(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    url: &str,
    hours: i64,
) -> AppResult<usize> {
    let waiting = offer::Entity::find()
        .filter(offer::Column::Status.eq(OfferStatus::Open.as_str()))
        .filter(offer::Column::CreatedAt.lte(now - Duration::hours(hours)))
        .filter(offer::Column::Id.not_in_subquery(already("offer_unanswered")))
        .all(db)
        .await?;
    let mut sent = 0;
    for o in waiting {
        let Some(c) = case::Entity::find_by_id(o.case_id).one(db).await? else {
            continue;
        };
        let txn = crate::db::begin_write(db).await?;
        if !claim(&txn, now, "offer_unanswered", o.id, "1").await? {
            txn.rollback().await?;
            continue;
        }
        let email = Email {
            subject: format!("RJ Hub: an offer of case {} is unanswered", c.reference),
            text: format!(
                "Nobody has answered the offer of case {} made {} hours ago. It lapses on {}.\n\nOpen the case in RJ Hub to chase it or offer it to someone else: {url}/cases/{}\n",
                c.reference,
                (now - o.created_at).num_hours(),
                o.expires_at
                    .with_timezone(&chrono_tz::Europe::London)
                    .format("%-d %B at %H:%M"),
                c.id
            ),
        };
        for u in active_with_role(&txn, Role::Coordinator).await? {
            notify::enqueue_email(&txn, now, &u.email, &email).await?;
        }
        txn.commit().await?;
        sent += 1;
    }
    Ok(sent)
}

/// Agreement items past their due date: the case's facilitators, once per item and due day.
async fn overdue_items(db: &DatabaseConnection, now: DateTime<Utc>, url: &str) -> AppResult<usize> {
    let items = agreement_item::Entity::find()
        .filter(agreement_item::Column::CompletedAt.is_null())
        .filter(agreement_item::Column::DueOn.lt(today(now)))
        .all(db)
        .await?;
    let mut sent = 0;
    for i in items {
        let Some(due) = i.due_on else { continue };
        let Some(c) = case::Entity::find_by_id(i.case_id)
            .one(db)
            .await?
            .filter(|c| c.erased_at.is_none())
        else {
            continue;
        };
        let txn = crate::db::begin_write(db).await?;
        if !claim(&txn, now, "item_overdue", i.id, &due.to_string()).await? {
            txn.rollback().await?;
            continue;
        }
        let msg = PushMessage {
            title: format!("An agreement item on {} is overdue", c.reference),
            body: format!(
                "It was due on {}. Open RJ Hub to follow it up.",
                due.format("%-d %B")
            ),
            url: format!("/cases/{}", c.id),
            ttl: 86_400,
            urgent: false,
        };
        let email = Email {
            subject: format!("RJ Hub: an agreement item on {} is overdue", c.reference),
            text: format!(
                "An item of the outcome agreement on case {} was due on {} and is not marked done.\n\nOpen the case in RJ Hub: {url}/cases/{}\n",
                c.reference,
                due.format("%-d %B %Y"),
                c.id
            ),
        };
        for f in facilitators_of(&txn, c.id).await? {
            notify::enqueue_push(&txn, now, f, &msg).await?;
            email_user(&txn, now, f, &email).await?;
        }
        txn.commit().await?;
        sent += 1;
    }
    Ok(sent)
}

/// The week a digest belongs to, "2026-W49" (ISO weeks, London).
fn week_of(now: DateTime<Utc>) -> String {
    let w = today(now).iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// Monday's digest (sent on the first run of the week after 7am London): to each supervisor,
/// their cases' queues; to each co-ordinator, the service's. Counts only, and a link.
async fn weekly_digest(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    url: &str,
    stale_days: i64,
) -> AppResult<usize> {
    let local = now.with_timezone(&chrono_tz::Europe::London);
    if local.weekday() == chrono::Weekday::Mon && chrono::Timelike::hour(&local) < 7 {
        return Ok(0);
    }
    let week = week_of(now);
    let mut sent = 0;
    for (role, queues) in [
        (
            Role::Supervisor,
            &[Queue::SignOffsWaiting, Queue::Stale, Queue::OverdueItems][..],
        ),
        (
            Role::Coordinator,
            &[
                Queue::ClocksOverdue,
                Queue::ClocksDueToday,
                Queue::NewReferrals,
                Queue::Unallocated,
                Queue::OffersUnanswered,
                Queue::Stale,
            ][..],
        ),
    ] {
        let kind = format!("digest_{}", role.as_str());
        for u in active_with_role(db, role).await? {
            if nudge::Entity::find_by_id((kind.clone(), u.id, week.clone()))
                .one(db)
                .await?
                .is_some()
            {
                continue;
            }
            let scope = match role {
                Role::Coordinator => ListScope::All,
                _ => ListScope::SupervisedBy(u.id),
            };
            let mut lines = Vec::new();
            for q in queues {
                let n = case::Entity::find()
                    .filter(scope.condition())
                    .filter(q.condition(now, stale_days))
                    .count(db)
                    .await?;
                lines.push(format!("- {}: {n}", q.label()));
            }
            let scope_ids = match role {
                Role::Coordinator => None,
                _ => Some(supervised_facilitators(db, u.id).await?),
            };
            lines.push(format!(
                "- Facilitators with a practice standard due or overdue: {}",
                standards_waiting(db, now, scope_ids.as_deref()).await?
            ));
            let txn = crate::db::begin_write(db).await?;
            if !claim(&txn, now, &kind, u.id, &week).await? {
                txn.rollback().await?;
                continue;
            }
            let email = Email {
                subject: format!("RJ Hub: your week ahead ({week})"),
                text: format!(
                    "What is waiting in RJ Hub this week:\n\n{}\n\nOpen your workbench to see the cases: {url}/\n",
                    lines.join("\n")
                ),
            };
            notify::enqueue_email(&txn, now, &u.email, &email).await?;
            txn.commit().await?;
            sent += 1;
        }
    }
    Ok(sent)
}

/// The facilitators on the open cases a supervisor supervises.
async fn supervised_facilitators(
    db: &DatabaseConnection,
    supervisor: Uuid,
) -> AppResult<Vec<Uuid>> {
    let cases = case::Entity::find()
        .filter(ListScope::SupervisedBy(supervisor).condition())
        .all(db)
        .await?;
    let mut ids: Vec<Uuid> = case_facilitator::Entity::find()
        .filter(case_facilitator::Column::CaseId.is_in(cases.iter().map(|c| c.id)))
        .filter(case_facilitator::Column::EndedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|f| f.user_id)
        .collect();
    ids.sort();
    ids.dedup();
    Ok(ids)
}

/// How many active facilitators (of these, or all) have a practice standard due soon or
/// overdue (R-ST-1): the lapses coming, for the digest.
async fn standards_waiting(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    of: Option<&[Uuid]>,
) -> AppResult<usize> {
    use crate::areas::training::practice::{Whose, standards_for};
    use crate::areas::training::standards::StandardStatus;
    let active: Vec<Uuid> = active_with_role(db, Role::Facilitator)
        .await?
        .into_iter()
        .map(|u| u.id)
        .filter(|id| of.is_none_or(|of| of.contains(id)))
        .collect();
    let all = standards_for(
        db,
        of.map_or(Whose::All, |_| Whose::Many(&active)),
        today(now),
    )
    .await?;
    Ok(active
        .iter()
        .filter(|id| {
            all.get(id)
                .is_some_and(|s| s.items.iter().any(|i| i.status != StandardStatus::Met))
        })
        .count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_digest_belongs_to_its_iso_week_in_london() {
        let at = |y, m, d, h| {
            Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
                .single()
                .unwrap_or_default()
        };
        assert_eq!(week_of(at(2026, 11, 30, 9)), "2026-W49");
        assert_eq!(week_of(at(2026, 12, 6, 22)), "2026-W49");
        // 1 January 2027 is a Friday: ISO week 53 of 2026.
        assert_eq!(week_of(at(2027, 1, 1, 9)), "2026-W53");
    }
}
