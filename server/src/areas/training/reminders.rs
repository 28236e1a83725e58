//! Accreditation expiry reminders, 60 and 30 days before (R-TR-2): an e-mail to the facilitator
//! and every co-ordinator, each sent once, through the outbox.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::areas::accounts::model::Role;
use crate::entities::{accreditation, accreditation_reminder, user};
use crate::error::AppResult;
use crate::kernel::today;
use crate::notify::{self, Email};

pub const DAYS_BEFORE: [i32; 2] = [60, 30];

/// Sends what is due; returns how many reminders it queued.
pub async fn run(db: &DatabaseConnection, now: DateTime<Utc>) -> AppResult<usize> {
    let today = today(now);
    let horizon = today + Duration::days(i64::from(DAYS_BEFORE[0]));
    let due = accreditation::Entity::find()
        .filter(accreditation::Column::ExpiresOn.gt(today))
        .filter(accreditation::Column::ExpiresOn.lte(horizon))
        .all(db)
        .await?;
    let coordinators =
        crate::areas::accounts::service::active_with_role(db, Role::Coordinator).await?;
    let mut sent = 0;
    for a in due {
        // Renewed already: a later accreditation at the same level supersedes this one.
        let renewed = accreditation::Entity::find()
            .filter(accreditation::Column::UserId.eq(a.user_id))
            .filter(accreditation::Column::Level.eq(&a.level))
            .filter(accreditation::Column::ExpiresOn.gt(a.expires_on))
            .one(db)
            .await?
            .is_some();
        if renewed {
            continue;
        }
        let left = (a.expires_on - today).num_days();
        // The nearest threshold passed; the farther ones are marked too, so a late record
        // does not get two e-mails at once.
        let Some(threshold) = DAYS_BEFORE
            .iter()
            .copied()
            .filter(|d| left <= i64::from(*d))
            .min()
        else {
            continue;
        };
        if accreditation_reminder::Entity::find_by_id((a.id, threshold))
            .one(db)
            .await?
            .is_some()
        {
            continue;
        }
        let Some(holder) = user::Entity::find_by_id(a.user_id).one(db).await? else {
            continue;
        };
        let txn = crate::db::begin_write(db).await?;
        // The claim: the transaction that inserts this threshold's row sends the mail; another
        // instance running the same job at the same moment inserts nothing and sends nothing.
        let mut claimed = false;
        for d in DAYS_BEFORE.iter().copied().filter(|d| *d >= threshold) {
            let inserted =
                accreditation_reminder::Entity::insert(accreditation_reminder::ActiveModel {
                    accreditation_id: Set(a.id),
                    days_before: Set(d),
                    sent_at: Set(now),
                })
                .on_conflict(
                    OnConflict::columns([
                        accreditation_reminder::Column::AccreditationId,
                        accreditation_reminder::Column::DaysBefore,
                    ])
                    .do_nothing()
                    .to_owned(),
                )
                .exec_without_returning(&txn)
                .await?;
            claimed |= d == threshold && inserted == 1;
        }
        if !claimed {
            txn.rollback().await?;
            continue;
        }
        let when = a.expires_on.format("%-d %B %Y");
        notify::enqueue_email(
            &txn,
            now,
            &holder.email,
            &Email {
                subject: format!("Your RJ Hub {} accreditation expires on {when}", a.level),
                text: format!(
                    "Hello {},\n\nYour {} accreditation expires on {when} ({left} days from today). After that date you cannot be allocated new cases until it is renewed.\n\nTalk to your trainer or the RJ co-ordinator about a refresher.\n\nRJ Hub\n",
                    holder.name, a.level
                ),
            },
        )
        .await?;
        for c in &coordinators {
            notify::enqueue_email(
                &txn,
                now,
                &c.email,
                &Email {
                    subject: format!("RJ Hub: an accreditation expires on {when}"),
                    text: format!("{}'s {} accreditation expires on {when} ({left} days from today).\n\nRJ Hub\n", holder.name, a.level),
                },
            )
            .await?;
        }
        txn.commit().await?;
        sent += 1;
    }
    Ok(sent)
}
