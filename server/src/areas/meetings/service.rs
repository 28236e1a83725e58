//! Scheduling, rescheduling and cancelling meetings, with an iCal invite to every attendee
//! with an e-mail address, and each user's private calendar feed.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use chrono_tz::Europe::London;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::ical::{self, InviteEvent};
use super::model::{MeetingKind, MeetingStatus};
use crate::areas::accounts::model::{Actor, Role};
use crate::areas::accounts::secrets::new_token;
use crate::areas::accounts::sessions::roles_of;
use crate::areas::cases::model::{ContactChannel, optional_text, required_text};
use crate::areas::cases::people;
use crate::areas::cases::service as cases;
use crate::audit::{self, Entry};
use crate::entities::{
    calendar_feed, case, case_participant, meeting, meeting_attendee, person, user,
};
use crate::error::{AppError, AppResult};
use crate::notify::{self, CalendarEmail};

/// Where invites come from and point to.
pub struct InviteContext<'a> {
    pub public_url: &'a str,
    pub organizer: &'a str,
}

pub struct MeetingInput<'a> {
    pub kind: MeetingKind,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub venue_address: &'a str,
    pub venue_room: Option<&'a str>,
    pub access_notes: Option<&'a str>,
    pub staff: Vec<Uuid>,
    pub participants: Vec<Uuid>,
    /// Schedules despite a double booking; recorded.
    pub override_reason: Option<&'a str>,
}

fn uid(m: &meeting::Model) -> String {
    format!("{}@rjhub", m.id)
}

fn local(t: DateTime<Utc>) -> String {
    t.with_timezone(&London)
        .format("%A %-d %B %Y, %H:%M")
        .to_string()
}

async fn staff_of(
    conn: &impl ConnectionTrait,
    meeting_id: Uuid,
) -> AppResult<Vec<meeting_attendee::Model>> {
    Ok(meeting_attendee::Entity::find()
        .filter(meeting_attendee::Column::MeetingId.eq(meeting_id))
        .all(conn)
        .await?)
}

/// One invite per recipient: staff by their account's address, participants only when they
/// agreed to e-mail. Each copy lists only its own recipient.
async fn send_invites(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    ctx: &InviteContext<'_>,
    m: &meeting::Model,
    c: &case::Model,
) -> AppResult<usize> {
    let kind: MeetingKind = m.kind.parse()?;
    let cancelled = m.status == MeetingStatus::Cancelled.as_str();
    let method = if cancelled { "CANCEL" } else { "REQUEST" };
    let attendees = staff_of(conn, m.id).await?;
    let mut to = BTreeSet::new();
    let user_ids: Vec<Uuid> = attendees.iter().filter_map(|a| a.user_id).collect();
    for u in user::Entity::find()
        .filter(user::Column::Id.is_in(user_ids))
        .all(conn)
        .await?
    {
        to.insert((u.email, true));
    }
    let participant_ids: Vec<Uuid> = attendees.iter().filter_map(|a| a.participant_id).collect();
    let parts = case_participant::Entity::find()
        .filter(case_participant::Column::Id.is_in(participant_ids))
        .all(conn)
        .await?;
    for p in person::Entity::find()
        .filter(person::Column::Id.is_in(parts.iter().map(|p| p.person_id)))
        .all(conn)
        .await?
    {
        if let Some(email) = p
            .email
            .clone()
            .filter(|_| people::channels(&p).contains(&ContactChannel::Email))
        {
            to.insert((email, false));
        }
    }
    let summary = format!("{} ({})", kind.label(), c.reference);
    let location = match &m.venue_room {
        Some(r) => format!("{}, {r}", m.venue_address),
        None => m.venue_address.clone(),
    };
    for (email, staff) in &to {
        let url = if *staff {
            format!("{}/cases/{}", ctx.public_url, c.id)
        } else {
            ctx.public_url.to_string()
        };
        let description = format!(
            "{} for case {}.{}\n{}",
            kind.label(),
            c.reference,
            m.access_notes
                .as_deref()
                .map(|n| format!("\nAccess: {n}"))
                .unwrap_or_default(),
            url
        );
        let ev = ical::event(&InviteEvent {
            uid: &uid(m),
            sequence: m.sequence as u32,
            summary: &summary,
            location: &location,
            description: &description,
            url: &url,
            starts: m.starts_at,
            ends: m.ends_at,
            stamp: now,
            cancelled,
            organizer: ctx.organizer,
            attendee: Some(email),
        });
        let text = if cancelled {
            format!(
                "{summary} on {} has been cancelled.\n\nRJ Hub\n",
                local(m.starts_at)
            )
        } else {
            format!(
                "{summary}\n\nWhen: {} to {} (UK time)\nWhere: {location}\n\nThe invitation is attached for your calendar.\n\nRJ Hub\n",
                local(m.starts_at),
                m.ends_at.with_timezone(&London).format("%H:%M")
            )
        };
        notify::enqueue_calendar(
            conn,
            now,
            email,
            &CalendarEmail {
                subject: if cancelled {
                    format!("Cancelled: {summary}")
                } else if m.sequence > 0 {
                    format!("Updated: {summary}")
                } else {
                    summary.clone()
                },
                text,
                method: method.into(),
                ics: ical::calendar(method, None, vec![ev]),
            },
        )
        .await?;
    }
    Ok(to.len())
}

/// Staff double-booked at this time (overlapping scheduled meetings), by name.
async fn double_booked(
    conn: &impl ConnectionTrait,
    staff: &[Uuid],
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    except: Option<Uuid>,
) -> AppResult<Vec<String>> {
    let mine = meeting_attendee::Entity::find()
        .filter(meeting_attendee::Column::UserId.is_in(staff.to_vec()))
        .all(conn)
        .await?;
    let mut q = meeting::Entity::find()
        .filter(meeting::Column::Id.is_in(mine.iter().map(|a| a.meeting_id)))
        .filter(meeting::Column::Status.eq(MeetingStatus::Scheduled.as_str()))
        .filter(meeting::Column::StartsAt.lt(ends))
        .filter(meeting::Column::EndsAt.gt(starts));
    if let Some(id) = except {
        q = q.filter(meeting::Column::Id.ne(id));
    }
    let clashing: BTreeSet<Uuid> = q.all(conn).await?.into_iter().map(|m| m.id).collect();
    let ids: BTreeSet<Uuid> = mine
        .iter()
        .filter(|a| clashing.contains(&a.meeting_id))
        .filter_map(|a| a.user_id)
        .collect();
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| u.name)
        .collect())
}

fn check_times(now: DateTime<Utc>, starts: DateTime<Utc>, ends: DateTime<Utc>) -> AppResult<()> {
    if ends <= starts {
        return Err(AppError::validation(
            "endsAt",
            "The meeting must end after it starts",
        ));
    }
    if starts < now {
        return Err(AppError::validation(
            "startsAt",
            "The meeting must be in the future",
        ));
    }
    if ends - starts > chrono::Duration::hours(12) {
        return Err(AppError::validation(
            "endsAt",
            "A meeting lasts at most 12 hours",
        ));
    }
    Ok(())
}

pub async fn schedule(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    ctx: &InviteContext<'_>,
    case_id: Uuid,
    input: MeetingInput<'_>,
) -> AppResult<meeting::Model> {
    check_times(now, input.starts_at, input.ends_at)?;
    let venue = required_text(
        "venueAddress",
        input.venue_address,
        500,
        "where the meeting is",
    )?;
    let override_reason = optional_text("overrideReason", input.override_reason, 2000)?;
    let txn = crate::db::begin_write(db).await?;
    let (c, _) = cases::for_work(&txn, actor, case_id).await?;
    let mut staff: BTreeSet<Uuid> = input.staff.into_iter().collect();
    if actor.has(Role::Facilitator) {
        staff.insert(actor.user_id);
    }
    for s in &staff {
        let roles = roles_of(&txn, *s).await?;
        if !roles
            .iter()
            .any(|r| matches!(r, Role::Facilitator | Role::Supervisor | Role::Coordinator))
        {
            return Err(AppError::validation(
                "staffIds",
                "Invite facilitators, supervisors or the co-ordinator",
            ));
        }
    }
    let case_parts: BTreeSet<Uuid> = case_participant::Entity::find()
        .filter(case_participant::Column::CaseId.eq(c.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let participants: BTreeSet<Uuid> = input.participants.into_iter().collect();
    if !participants.is_subset(&case_parts) {
        return Err(AppError::validation(
            "participantIds",
            "Invite people who take part in this case",
        ));
    }
    let staff: Vec<Uuid> = staff.into_iter().collect();
    let clashes = double_booked(&txn, &staff, input.starts_at, input.ends_at, None).await?;
    if !clashes.is_empty() && override_reason.is_none() {
        return Err(AppError::Conflict(format!(
            "Already booked at that time: {}. Choose another time, or give a reason to book anyway.",
            clashes.join(", ")
        )));
    }
    let m = meeting::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(c.id),
        kind: Set(input.kind.as_str().into()),
        starts_at: Set(input.starts_at),
        ends_at: Set(input.ends_at),
        venue_address: Set(venue),
        venue_room: Set(optional_text("venueRoom", input.venue_room, 200)?),
        access_notes: Set(optional_text("accessNotes", input.access_notes, 2000)?),
        status: Set(MeetingStatus::Scheduled.as_str().into()),
        sequence: Set(0),
        override_reason: Set(override_reason),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    for s in &staff {
        meeting_attendee::ActiveModel {
            id: Set(Uuid::now_v7()),
            meeting_id: Set(m.id),
            user_id: Set(Some(*s)),
            participant_id: Set(None),
        }
        .insert(&txn)
        .await?;
    }
    for p in &participants {
        meeting_attendee::ActiveModel {
            id: Set(Uuid::now_v7()),
            meeting_id: Set(m.id),
            user_id: Set(None),
            participant_id: Set(Some(*p)),
        }
        .insert(&txn)
        .await?;
    }
    let sent = send_invites(&txn, now, ctx, &m, &c).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("schedule_meeting", "case", c.id)
            .detail(serde_json::json!({"meeting": m.id.to_string(), "invites": sent})),
    )
    .await?;
    txn.commit().await?;
    Ok(m)
}

async fn for_change(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    meeting_id: Uuid,
) -> AppResult<(meeting::Model, case::Model)> {
    let m = meeting::Entity::find_by_id(meeting_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound("The meeting"))?;
    let (c, _) = cases::for_work(conn, actor, m.case_id).await?;
    if m.status != MeetingStatus::Scheduled.as_str() {
        return Err(AppError::Conflict("This meeting has been cancelled".into()));
    }
    Ok((m, c))
}

/// Moves a meeting; everyone's calendar gets the same UID with a higher SEQUENCE.
/// A meeting's new time (and venue).
pub struct NewTime<'a> {
    pub starts: DateTime<Utc>,
    pub ends: DateTime<Utc>,
    pub venue: Option<&'a str>,
    pub override_reason: Option<&'a str>,
}

pub async fn reschedule(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    ctx: &InviteContext<'_>,
    meeting_id: Uuid,
    t: NewTime<'_>,
) -> AppResult<meeting::Model> {
    let NewTime {
        starts,
        ends,
        venue,
        override_reason,
    } = t;
    check_times(now, starts, ends)?;
    let override_reason = optional_text("overrideReason", override_reason, 2000)?;
    let txn = crate::db::begin_write(db).await?;
    let (m, c) = for_change(&txn, actor, meeting_id).await?;
    let staff: Vec<Uuid> = staff_of(&txn, m.id)
        .await?
        .into_iter()
        .filter_map(|a| a.user_id)
        .collect();
    let clashes = double_booked(&txn, &staff, starts, ends, Some(m.id)).await?;
    if !clashes.is_empty() && override_reason.is_none() {
        return Err(AppError::Conflict(format!(
            "Already booked at that time: {}. Choose another time, or give a reason to book anyway.",
            clashes.join(", ")
        )));
    }
    let sequence = m.sequence + 1;
    let mut a = m.into_active_model();
    a.starts_at = Set(starts);
    a.ends_at = Set(ends);
    if let Some(v) = venue {
        a.venue_address = Set(required_text(
            "venueAddress",
            v,
            500,
            "where the meeting is",
        )?);
    }
    a.sequence = Set(sequence);
    a.updated_at = Set(now);
    if override_reason.is_some() {
        a.override_reason = Set(override_reason);
    }
    let m = a.update(&txn).await?;
    send_invites(&txn, now, ctx, &m, &c).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("reschedule_meeting", "case", c.id)
            .detail(serde_json::json!({"meeting": m.id.to_string(), "sequence": sequence})),
    )
    .await?;
    txn.commit().await?;
    Ok(m)
}

/// Cancels a meeting: METHOD:CANCEL with STATUS:CANCELLED and a higher SEQUENCE.
pub async fn cancel(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    ctx: &InviteContext<'_>,
    meeting_id: Uuid,
) -> AppResult<meeting::Model> {
    let txn = crate::db::begin_write(db).await?;
    let (m, c) = for_change(&txn, actor, meeting_id).await?;
    let sequence = m.sequence + 1;
    let mut a = m.into_active_model();
    a.status = Set(MeetingStatus::Cancelled.as_str().into());
    a.sequence = Set(sequence);
    a.updated_at = Set(now);
    let m = a.update(&txn).await?;
    send_invites(&txn, now, ctx, &m, &c).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("cancel_meeting", "case", c.id)
            .detail(serde_json::json!({"meeting": m.id.to_string()})),
    )
    .await?;
    txn.commit().await?;
    Ok(m)
}

pub async fn of_case(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    case_id: Uuid,
) -> AppResult<Vec<meeting::Model>> {
    cases::visible(conn, actor, case_id).await?;
    Ok(meeting::Entity::find()
        .filter(meeting::Column::CaseId.eq(case_id))
        .order_by_asc(meeting::Column::StartsAt)
        .all(conn)
        .await?)
}

/// A user's own meetings (as staff attendee), soonest first.
pub async fn of_user(
    conn: &impl ConnectionTrait,
    user_id: Uuid,
    include_past_from: Option<DateTime<Utc>>,
) -> AppResult<Vec<meeting::Model>> {
    let ids: Vec<Uuid> = meeting_attendee::Entity::find()
        .filter(meeting_attendee::Column::UserId.eq(user_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|a| a.meeting_id)
        .collect();
    let mut q = meeting::Entity::find().filter(meeting::Column::Id.is_in(ids));
    if let Some(from) = include_past_from {
        q = q.filter(meeting::Column::EndsAt.gte(from));
    }
    Ok(q.order_by_asc(meeting::Column::StartsAt).all(conn).await?)
}

fn event_for_feed(
    m: &meeting::Model,
    c: &case::Model,
    ctx: &InviteContext<'_>,
    now: DateTime<Utc>,
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
        attendee: None,
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
    if !attends && !actor.has(Role::Coordinator) {
        return Err(AppError::NotFound("The meeting"));
    }
    let c = cases::load(conn, m.case_id).await?;
    let method = if m.status == MeetingStatus::Cancelled.as_str() {
        "CANCEL"
    } else {
        "PUBLISH"
    };
    Ok(ical::calendar(
        method,
        None,
        vec![event_for_feed(&m, &c, ctx, now)?],
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
    let active = user::Entity::find_by_id(f.user_id)
        .one(conn)
        .await?
        .is_some_and(|u| u.status == "active" && u.erased_at.is_none());
    if !active {
        return Ok(None);
    }
    let meetings = of_user(conn, f.user_id, Some(now - chrono::Duration::days(90))).await?;
    let cases_by_id = case::Entity::find()
        .filter(case::Column::Id.is_in(meetings.iter().map(|m| m.case_id)))
        .all(conn)
        .await?;
    let mut events = Vec::new();
    for m in &meetings {
        if let Some(c) = cases_by_id.iter().find(|c| c.id == m.case_id) {
            events.push(event_for_feed(m, c, ctx, now)?);
        }
    }
    Ok(Some(ical::calendar(
        "PUBLISH",
        Some("RJ Hub meetings"),
        events,
    )))
}
