//! Accreditation expiry reminders, 60 and 30 days before (R-TR-2): an e-mail to the facilitator
//! and every co-ordinator, each sent once, through the outbox.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::areas::accounts::model::Role;
use crate::entities::{accreditation, accreditation_reminder, user};
use crate::error::AppResult;
use crate::kernel::today;
use crate::notify::{self, Email, push::PushMessage};

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

/// Practice standards reminders (R-ST-1), before each lapse: when a facilitator's supervision,
/// observed practice or CPD year falls due soon, an e-mail and a push to them; once it is
/// overdue, a notice to every co-ordinator. Each once per due date (claimed in the nudges table,
/// so two instances send it once). Accreditation expiry has its own reminders above.
pub async fn standards(db: &DatabaseConnection, now: DateTime<Utc>, url: &str) -> AppResult<usize> {
    use super::practice::{Whose, standards_for};
    use super::standards::{StandardKind, StandardStatus};
    let today = today(now);
    let facilitators =
        crate::areas::accounts::service::active_with_role(db, Role::Facilitator).await?;
    // Everyone's record at once (a pool of thousands would not fit in one IN list).
    let all = standards_for(db, Whose::All, today).await?;
    let coordinators =
        crate::areas::accounts::service::active_with_role(db, Role::Coordinator).await?;
    // Reminders already sent, read once: the jobs run every minute, and a standard stays due or
    // overdue for weeks, so only a new one opens a transaction.
    let claimed: std::collections::HashSet<(String, uuid::Uuid, String)> =
        crate::entities::nudge::Entity::find()
            .filter(crate::entities::nudge::Column::Kind.starts_with("standard_"))
            .all(db)
            .await?
            .into_iter()
            .map(|n| (n.kind, n.subject_id, n.occurrence))
            .collect();
    let mut sent = 0;
    for u in &facilitators {
        let Some(st) = all.get(&u.id) else { continue };
        for s in &st.items {
            if s.kind == StandardKind::Accreditation {
                continue;
            }
            let Some(due) = s.due_on else { continue };
            let (kind, overdue) = match s.status {
                StandardStatus::Met => continue,
                StandardStatus::DueSoon => (format!("standard_due_{}", s.kind.as_str()), false),
                StandardStatus::Overdue => (format!("standard_late_{}", s.kind.as_str()), true),
            };
            if claimed.contains(&(kind.clone(), u.id, due.to_string())) {
                continue;
            }
            let txn = crate::db::begin_write(db).await?;
            if !notify::claim_once(&txn, now, &kind, u.id, &due.to_string()).await? {
                txn.rollback().await?;
                continue;
            }
            let link = format!("{url}/my-training");
            notify::enqueue_email(
                &txn,
                now,
                &u.email,
                &Email {
                    subject: format!("RJ Hub: {}", s.words),
                    text: format!(
                        "Hello {},\n\nYour practice record in RJ Hub says: {}.\n\nThe Restorative Justice Council's standards ask for case supervision every 12 weeks, an observed practice once a year and CPD hours each year. Talk to your case supervisor to arrange it, or log CPD you have done: {link}\n\nRJ Hub\n",
                        u.name, s.words
                    ),
                },
            )
            .await?;
            notify::enqueue_push(
                &txn,
                now,
                u.id,
                &PushMessage {
                    title: "Practice standards".into(),
                    body: format!("{}.", crate::kernel::text::sentence_case(&s.words)),
                    url: "/my-training".into(),
                    ttl: 86_400,
                    urgent: false,
                },
            )
            .await?;
            if overdue {
                for c in &coordinators {
                    notify::enqueue_email(
                        &txn,
                        now,
                        &c.email,
                        &Email {
                            subject: "RJ Hub: a facilitator's practice standard is overdue".into(),
                            text: format!(
                                "{}: {}. Allocation now asks for a reason before giving them a case.\n\nTheir training record: {url}/training/facilitators/{}\n\nRJ Hub\n",
                                u.name, s.words, u.id
                            ),
                        },
                    )
                    .await?;
                }
            }
            txn.commit().await?;
            sent += 1;
        }
    }
    Ok(sent)
}
