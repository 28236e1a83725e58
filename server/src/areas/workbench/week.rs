//! A facilitator's week (R-ST-1, R-ST-2): what is due from them in the next seven days, and
//! anything already late — meetings they run, agreement items and Victims' Code clocks on
//! their cases, offers waiting for an answer, and their own practice standards. Each item names
//! a case by its reference only.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::access::rules::{Duty, require};
use crate::access::{Actor, ListScope};
use crate::areas::cases::clocks::ClockKind;
use crate::areas::meetings::model::{MeetingKind, MeetingStatus};
use crate::areas::training::practice::standards_of;
use crate::areas::training::standards::StandardStatus;
use crate::entities::{agreement_item, case, case_clock, meeting, meeting_attendee};
use crate::error::AppResult;
use crate::kernel::today;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueKind {
    Meeting,
    AgreementItem,
    Clock,
    Offer,
    Standard,
}

pub struct DueItem {
    pub kind: DueKind,
    pub due_on: NaiveDate,
    /// A meeting's start, an offer's expiry.
    pub due_at: Option<DateTime<Utc>>,
    pub overdue: bool,
    pub words: String,
    pub case: Option<(Uuid, String)>,
    /// Where in the app to act on it.
    pub url: String,
}

fn london_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&chrono_tz::Europe::London).date_naive()
}

/// The signed-in facilitator's week, soonest first (late items first of all).
pub async fn my_week(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    now: DateTime<Utc>,
) -> AppResult<Vec<DueItem>> {
    require(actor, Duty::WorkAsFacilitator)?;
    let today = today(now);
    let horizon = today + Duration::days(7);
    let cases: Vec<case::Model> = case::Entity::find()
        .filter(ListScope::AllocatedTo(actor.user_id).condition())
        .all(conn)
        .await?;
    let reference = |id: Uuid| {
        cases
            .iter()
            .find(|c| c.id == id)
            .map(|c| (c.id, c.reference.clone()))
    };
    let case_ids: Vec<Uuid> = cases
        .iter()
        .filter(|c| crate::areas::cases::service::stage(c).is_open())
        .map(|c| c.id)
        .collect();
    let mut out = Vec::new();

    let mine: Vec<Uuid> = meeting_attendee::Entity::find()
        .filter(meeting_attendee::Column::UserId.eq(actor.user_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|a| a.meeting_id)
        .collect();
    for m in meeting::Entity::find()
        .filter(meeting::Column::Id.is_in(mine))
        .filter(meeting::Column::Status.eq(MeetingStatus::Scheduled.as_str()))
        .filter(meeting::Column::StartsAt.gte(now))
        .filter(meeting::Column::StartsAt.lt(now + Duration::days(7)))
        .order_by_asc(meeting::Column::StartsAt)
        .all(conn)
        .await?
    {
        let kind = m
            .kind
            .parse::<MeetingKind>()
            .map_or("Meeting", MeetingKind::label);
        let local = m.starts_at.with_timezone(&chrono_tz::Europe::London);
        out.push(DueItem {
            kind: DueKind::Meeting,
            due_on: london_day(m.starts_at),
            due_at: Some(m.starts_at),
            overdue: false,
            words: format!("{kind}, {}", local.format("%A %-d %B at %H:%M")),
            case: reference(m.case_id),
            url: format!("/cases/{}", m.case_id),
        });
    }

    for i in agreement_item::Entity::find()
        .filter(agreement_item::Column::CaseId.is_in(case_ids.clone()))
        .filter(agreement_item::Column::CompletedAt.is_null())
        .filter(agreement_item::Column::DueOn.lte(horizon))
        .all(conn)
        .await?
    {
        let Some(due) = i.due_on else { continue };
        out.push(DueItem {
            kind: DueKind::AgreementItem,
            due_on: due,
            due_at: None,
            overdue: due < today,
            words: if due < today {
                format!("Agreement item overdue since {}", due.format("%-d %B"))
            } else {
                format!("Agreement item due by {}", due.format("%-d %B"))
            },
            case: reference(i.case_id),
            url: format!("/cases/{}", i.case_id),
        });
    }

    for c in case_clock::Entity::find()
        .filter(case_clock::Column::CaseId.is_in(case_ids))
        .filter(case_clock::Column::MetAt.is_null())
        .filter(case_clock::Column::DueOn.lte(horizon))
        .all(conn)
        .await?
    {
        let what = c
            .kind
            .parse::<ClockKind>()
            .map_or("Victims' Code deadline", ClockKind::label);
        out.push(DueItem {
            kind: DueKind::Clock,
            due_on: c.due_on,
            due_at: None,
            overdue: c.due_on < today,
            words: if c.due_on < today {
                format!("{what}: deadline missed ({})", c.due_on.format("%-d %B"))
            } else {
                format!("{what} due by {}", c.due_on.format("%-d %B"))
            },
            case: reference(c.case_id),
            url: format!("/cases/{}", c.case_id),
        });
    }

    for (o, c) in crate::areas::allocation::offers::my_offers(conn, actor, now).await? {
        if o.expires_at >= now + Duration::days(7) {
            continue;
        }
        let local = o.expires_at.with_timezone(&chrono_tz::Europe::London);
        out.push(DueItem {
            kind: DueKind::Offer,
            due_on: london_day(o.expires_at),
            due_at: Some(o.expires_at),
            overdue: false,
            words: format!(
                "A case offered to you: answer by {}",
                local.format("%A %-d %B at %H:%M")
            ),
            case: Some((c.id, c.reference.clone())),
            url: "/offers".into(),
        });
    }

    let standards = standards_of(conn, actor, actor.user_id, now).await?;
    for s in &standards.items {
        let soon = s.due_on.is_some_and(|d| d <= horizon);
        if s.status == StandardStatus::Overdue || (s.status == StandardStatus::DueSoon && soon) {
            out.push(DueItem {
                kind: DueKind::Standard,
                due_on: s.due_on.unwrap_or(today),
                due_at: None,
                overdue: s.status == StandardStatus::Overdue,
                words: crate::kernel::text::sentence_case(&s.words),
                case: None,
                url: "/my-training".into(),
            });
        }
    }
    out.sort_by(|a, b| {
        b.overdue
            .cmp(&a.overdue)
            .then(a.due_on.cmp(&b.due_on))
            .then(a.due_at.cmp(&b.due_at))
    });
    Ok(out)
}
