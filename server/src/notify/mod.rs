//! Notifications leave through the outbox: a change writes an `outbox` row in its own
//! transaction, and the worker delivers it later with retries, so a crash or a mail server
//! outage never loses a message nor blocks the change.

pub mod letters;
pub mod locales;
pub mod mail;
pub mod messages;
pub mod push;
pub mod safe_contact;
pub mod texts;
pub mod worker;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::entities::{nudge, outbox};
use crate::error::AppResult;

pub const CHANNEL_EMAIL: &str = "email";
pub const CHANNEL_PUSH: &str = "push";
pub const CHANNEL_CALENDAR: &str = "calendar";
pub const CHANNEL_TEXT: &str = "text";

/// Writes one outbox row: `channel` to `recipient` with its `payload`, due `at`, for the
/// timeline row `message_id` if it has one.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn queue(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    id: Uuid,
    channel: &str,
    recipient: String,
    payload: serde_json::Value,
    at: DateTime<Utc>,
    message_id: Option<Uuid>,
) -> AppResult<()> {
    outbox::ActiveModel {
        id: Set(id),
        channel: Set(channel.into()),
        recipient: Set(recipient),
        payload: Set(payload),
        attempts: Set(0),
        next_attempt_at: Set(at),
        locked_until: Set(None),
        delivered_at: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        message_id: Set(message_id),
    }
    .insert(conn)
    .await?;
    Ok(())
}

fn json<T: Serialize>(v: &T) -> AppResult<serde_json::Value> {
    serde_json::to_value(v).map_err(crate::error::AppError::internal)
}

/// An iCal invitation by e-mail (iTIP, RFC 5546): text for people, the calendar part for
/// calendar programs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CalendarEmail {
    pub subject: String,
    pub text: String,
    /// REQUEST or CANCEL.
    pub method: String,
    pub ics: String,
}

pub async fn enqueue_calendar(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    to: &str,
    email: &CalendarEmail,
) -> AppResult<Uuid> {
    let id = Uuid::now_v7();
    queue(
        conn,
        now,
        id,
        CHANNEL_CALENDAR,
        to.into(),
        json(email)?,
        now,
        None,
    )
    .await?;
    Ok(id)
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Email {
    pub subject: String,
    pub text: String,
}

pub async fn enqueue_email(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    to: &str,
    email: &Email,
) -> AppResult<Uuid> {
    let id = Uuid::now_v7();
    queue(
        conn,
        now,
        id,
        CHANNEL_EMAIL,
        to.into(),
        json(email)?,
        now,
        None,
    )
    .await?;
    Ok(id)
}

/// Queues a push notification to every browser the user subscribed: one outbox row per
/// subscription, so a retry never notifies a device that already has it.
pub async fn enqueue_push(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    user_id: Uuid,
    msg: &push::PushMessage,
) -> AppResult<usize> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let subs = crate::entities::push_subscription::Entity::find()
        .filter(crate::entities::push_subscription::Column::UserId.eq(user_id))
        .all(conn)
        .await?;
    let payload = json(msg)?;
    for sub in &subs {
        let id = Uuid::now_v7();
        queue(
            conn,
            now,
            id,
            CHANNEL_PUSH,
            sub.id.to_string(),
            payload.clone(),
            now,
            None,
        )
        .await?;
    }
    Ok(subs.len())
}

/// Claims a reminder or nudge about `subject` (its `kind`, which `occurrence`): true when this
/// transaction is the first to send it, so it goes once however often — and on however many
/// instances — the jobs run. Queue the messages in the same transaction.
pub async fn claim_once(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    kind: &str,
    subject: Uuid,
    occurrence: &str,
) -> AppResult<bool> {
    use sea_orm::EntityTrait;
    use sea_orm::sea_query::OnConflict;
    let n = nudge::Entity::insert(nudge::ActiveModel {
        kind: Set(kind.into()),
        subject_id: Set(subject),
        occurrence: Set(occurrence.into()),
        sent_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([
            nudge::Column::Kind,
            nudge::Column::SubjectId,
            nudge::Column::Occurrence,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(n == 1)
}
