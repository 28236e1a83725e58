//! Push reminders 24 hours and 2 hours before a meeting (R-CW-4), to every attendee with an
//! account, through the outbox. Each is sent once per version of the meeting: a rescheduled
//! meeting (higher SEQUENCE) is reminded again at its new time. The payload names the kind of
//! meeting and its time only — never a participant or an offence.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::London;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use super::model::{MeetingKind, MeetingStatus};
use crate::entities::{meeting, meeting_attendee, meeting_reminder};
use crate::error::AppResult;
use crate::notify::{self, push::PushMessage};

/// Lead times, farthest first.
pub const HOURS_BEFORE: [i32; 2] = [24, 2];

/// The nearest lead time a meeting starting at `starts` has reached at `now`, if any.
fn threshold(now: DateTime<Utc>, starts: DateTime<Utc>) -> Option<i32> {
    let left = starts - now;
    HOURS_BEFORE
        .iter()
        .copied()
        .filter(|h| left <= Duration::hours(i64::from(*h)))
        .min()
}

/// Queues what is due; returns how many meetings were reminded.
pub async fn run(db: &DatabaseConnection, now: DateTime<Utc>) -> AppResult<usize> {
    let horizon = now + Duration::hours(i64::from(HOURS_BEFORE[0]));
    let due = meeting::Entity::find()
        .filter(meeting::Column::Status.eq(MeetingStatus::Scheduled.as_str()))
        .filter(meeting::Column::StartsAt.gt(now))
        .filter(meeting::Column::StartsAt.lte(horizon))
        .all(db)
        .await?;
    let mut sent = 0;
    for m in due {
        let Some(hours) = threshold(now, m.starts_at) else {
            continue;
        };
        if meeting_reminder::Entity::find_by_id((m.id, m.sequence, hours))
            .one(db)
            .await?
            .is_some()
        {
            continue;
        }
        let txn = crate::db::begin_write(db).await?;
        // The farther lead times are marked too, so a meeting booked for tomorrow morning
        // gets one reminder now, not two. The transaction that inserts this lead time's row
        // sends the reminder: another instance running the job at the same moment sends none.
        let mut claimed = false;
        for h in HOURS_BEFORE.iter().copied().filter(|h| *h >= hours) {
            let inserted = meeting_reminder::Entity::insert(meeting_reminder::ActiveModel {
                meeting_id: Set(m.id),
                sequence: Set(m.sequence),
                hours_before: Set(h),
                sent_at: Set(now),
            })
            .on_conflict(
                OnConflict::columns([
                    meeting_reminder::Column::MeetingId,
                    meeting_reminder::Column::Sequence,
                    meeting_reminder::Column::HoursBefore,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
            claimed |= h == hours && inserted == 1;
        }
        if !claimed {
            txn.rollback().await?;
            continue;
        }
        let kind: MeetingKind = m.kind.parse()?;
        let at = m.starts_at.with_timezone(&London);
        let when = if at.date_naive() == now.with_timezone(&London).date_naive() {
            format!("today at {}", at.format("%H:%M"))
        } else {
            format!("{} at {}", at.format("%A %-d %B"), at.format("%H:%M"))
        };
        let msg = PushMessage {
            title: format!("{} {when}", kind.label()),
            body: "Open RJ Hub for the venue and the case.".into(),
            url: format!("/cases/{}", m.case_id),
            ttl: u32::try_from((m.starts_at - now).num_seconds().max(60)).unwrap_or(86_400),
            urgent: hours <= 2,
        };
        let users = meeting_attendee::Entity::find()
            .filter(meeting_attendee::Column::MeetingId.eq(m.id))
            .filter(meeting_attendee::Column::UserId.is_not_null())
            .all(&txn)
            .await?;
        for u in users.iter().filter_map(|a| a.user_id) {
            notify::enqueue_push(&txn, now, u, &msg).await?;
        }
        txn.commit().await?;
        sent += 1;
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_nearest_lead_time_reached_counts() {
        let starts = Utc
            .with_ymd_and_hms(2026, 3, 29, 10, 0, 0)
            .single()
            .unwrap_or_default();
        assert_eq!(threshold(starts - Duration::hours(30), starts), None);
        assert_eq!(threshold(starts - Duration::hours(24), starts), Some(24));
        assert_eq!(threshold(starts - Duration::hours(3), starts), Some(24));
        assert_eq!(threshold(starts - Duration::minutes(90), starts), Some(2));
    }
}
