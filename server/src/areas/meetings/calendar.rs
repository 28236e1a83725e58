//! A meeting's iCal text for an attendee (meetingInvite), and each user's private calendar feed:
//! its address, rotation and content.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use uuid::Uuid;

use super::ical::{self, InviteEvent};
use super::model::{MeetingKind, MeetingStatus};
use super::service::{InviteContext, of_user, staff_of, uid};
use crate::access::audit::{self, Entry};
use crate::access::case::{self as access};
use crate::access::rules::{Duty, holds};
use crate::areas::accounts::model::Actor;
use crate::areas::accounts::secrets::new_token;
use crate::entities::{calendar_feed, case, meeting, user};
use crate::error::{AppError, AppResult};

/// One meeting as the reader's calendar holds it; the reader is its ATTENDEE (RFC 5546 wants the
/// attendees of a cancelled event on its CANCEL), never anyone else.
fn event_for_feed(
    m: &meeting::Model,
    c: &case::Model,
    ctx: &InviteContext<'_>,
    now: DateTime<Utc>,
    reader: &str,
) -> AppResult<icalendar::Event> {
    let kind: MeetingKind = m.kind.parse()?;
    let url = format!("{}/cases/{}", ctx.public_url, c.id);
    let location = match &m.venue_room {
        Some(r) => format!("{}, {r}", m.venue_address),
        None => m.venue_address.clone(),
    };
    Ok(ical::event(&InviteEvent {
        uid: &uid(m),
        sequence: m.sequence as u32,
        summary: &format!("{} ({})", kind.label(), c.reference),
        location: &location,
        description: &format!("{} for case {}.\n{url}", kind.label(), c.reference),
        url: &url,
        starts: m.starts_at,
        ends: m.ends_at,
        stamp: now,
        cancelled: m.status == MeetingStatus::Cancelled.as_str(),
        organizer: ctx.organizer,
        attendee: Some(reader),
    }))
}

/// The .ics of one meeting, for an attendee to add to their calendar by hand.
pub async fn invite_text(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    ctx: &InviteContext<'_>,
    meeting_id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let m = meeting::Entity::find_by_id(meeting_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound("The meeting"))?;
    let attends = staff_of(conn, m.id)
        .await?
        .iter()
        .any(|a| a.user_id == Some(actor.user_id));
    if !attends && !holds(actor, Duty::CoordinateCases) {
        return Err(AppError::NotFound("The meeting"));
    }
    let c = access::load(conn, m.case_id).await?;
    let reader = user::Entity::find_by_id(actor.user_id)
        .one(conn)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let method = if m.status == MeetingStatus::Cancelled.as_str() {
        "CANCEL"
    } else {
        "PUBLISH"
    };
    Ok(ical::calendar(
        method,
        None,
        vec![event_for_feed(&m, &c, ctx, now, &reader.email)?],
    ))
}

/// The private feed URL's token, made on first use.
pub async fn feed_token(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    rotate: bool,
) -> AppResult<String> {
    let txn = crate::db::begin_write(db).await?;
    let existing = calendar_feed::Entity::find_by_id(actor.user_id)
        .one(&txn)
        .await?;
    let token = match existing {
        Some(f) if !rotate => f.token,
        other => {
            if other.is_some() {
                calendar_feed::Entity::delete_by_id(actor.user_id)
                    .exec(&txn)
                    .await?;
            }
            let token = new_token();
            calendar_feed::ActiveModel {
                user_id: Set(actor.user_id),
                token: Set(token.clone()),
                created_at: Set(now),
            }
            .insert(&txn)
            .await?;
            audit::record_by(
                &txn,
                now,
                actor,
                Entry::new(
                    if rotate {
                        "rotate_calendar_feed"
                    } else {
                        "create_calendar_feed"
                    },
                    "user",
                    actor.user_id,
                ),
            )
            .await?;
            token
        }
    };
    txn.commit().await?;
    Ok(token)
}

/// The feed for `GET /calendar/{token}.ics`; `None` for an unknown (or rotated) token.
pub async fn feed(
    conn: &impl ConnectionTrait,
    ctx: &InviteContext<'_>,
    token: &str,
    now: DateTime<Utc>,
) -> AppResult<Option<String>> {
    let Some(f) = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::Token.eq(token))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let Some(owner) = user::Entity::find_by_id(f.user_id)
        .one(conn)
        .await?
        .filter(|u| u.status == "active" && u.erased_at.is_none())
    else {
        return Ok(None);
    };
    let meetings = of_user(conn, f.user_id, Some(now - chrono::Duration::days(90))).await?;
    let cases_by_id = case::Entity::find()
        .filter(case::Column::Id.is_in(meetings.iter().map(|m| m.case_id)))
        .all(conn)
        .await?;
    let mut events = Vec::new();
    for m in &meetings {
        if let Some(c) = cases_by_id.iter().find(|c| c.id == m.case_id) {
            events.push(event_for_feed(m, c, ctx, now, &owner.email)?);
        }
    }
    Ok(Some(ical::calendar(
        "PUBLISH",
        Some("RJ Hub meetings"),
        events,
    )))
}
