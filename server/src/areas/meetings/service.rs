//! Scheduling, rescheduling and cancelling meetings, with an iCal invite to every attendee
//! with an e-mail address, and each user's private calendar feed.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use chrono_tz::Europe::London;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::ical::{self, InviteEvent};
use super::model::{MeetingKind, MeetingStatus};
use crate::access::audit::{self};
use crate::access::case::{self as access, CaseWork};
use crate::access::rules::{Duty, holds};
use crate::areas::accounts::model::{Actor, Role};
use crate::areas::accounts::sessions::roles_of;
use crate::entities::{case, case_participant, meeting, meeting_attendee, person, sign_off, user};
use crate::error::{AppError, AppResult};
use crate::kernel::{optional_text, required_text};
use crate::notify::{self, CalendarEmail};

pub use super::calendar::{feed, feed_token, invite_text};

/// Where invites come from and point to.
pub struct InviteContext<'a> {
    pub public_url: &'a str,
    pub organizer: &'a str,
    /// How participants reach the service: its phone number, opening hours and e-mail.
    pub phone: &'a str,
    pub hours: &'a str,
    pub email: &'a str,
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
    /// Entering a meeting that already took place: its time is in the past, no invites go
    /// out, and what happened is recorded next.
    pub already_held: bool,
}

pub(super) fn uid(m: &meeting::Model) -> String {
    format!("{}@rjhub", m.id)
}

pub(super) fn local(t: DateTime<Utc>) -> String {
    t.with_timezone(&London)
        .format("%A %-d %B %Y, %H:%M")
        .to_string()
}

pub(super) async fn staff_of(
    conn: &impl ConnectionTrait,
    meeting_id: Uuid,
) -> AppResult<Vec<meeting_attendee::Model>> {
    Ok(meeting_attendee::Entity::find()
        .filter(meeting_attendee::Column::MeetingId.eq(meeting_id))
        .all(conn)
        .await?)
}

/// One invite per recipient: staff by their account's address, each participant through the
/// safe-contact profile (an invitation by e-mail, else a text, at a safe time, in their
/// language). Each copy lists only its own recipient.
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
    let user_ids: Vec<Uuid> = attendees.iter().filter_map(|a| a.user_id).collect();
    let staff: BTreeSet<String> = user::Entity::find()
        .filter(user::Column::Id.is_in(user_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| u.email)
        .collect();
    let location = match &m.venue_room {
        Some(r) => format!("{}, {r}", m.venue_address),
        None => m.venue_address.clone(),
    };
    let summary = format!("{} ({})", kind.label(), c.reference);
    for email in &staff {
        let url = format!("{}/cases/{}", ctx.public_url, c.id);
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
    let participant_ids: Vec<Uuid> = attendees.iter().filter_map(|a| a.participant_id).collect();
    let parts = case_participant::Entity::find()
        .filter(case_participant::Column::Id.is_in(participant_ids))
        .all(conn)
        .await?;
    let people: std::collections::HashMap<Uuid, person::Model> = person::Entity::find()
        .filter(person::Column::Id.is_in(parts.iter().map(|p| p.person_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut reached = staff.len();
    for part in &parts {
        let Some(person) = people.get(&part.person_id) else {
            continue;
        };
        let fate = notify::messages::send(
            conn,
            now,
            &notify::messages::Recipient {
                case_id: c.id,
                participant_id: part.id,
                person,
            },
            appointment(ctx, now, m, c, person, &location, method, cancelled),
        )
        .await?;
        if !matches!(fate, notify::messages::Fate::NotSent(_)) {
            reached += 1;
        }
    }
    Ok(reached)
}

/// A participant's invitation in their language. Calendars sync to other people's clouds and
/// phones show texts on the lock screen: it says "appointment", the time, the place and the
/// reference — not what the meeting is, nor who else comes.
#[allow(clippy::too_many_arguments)]
fn appointment(
    ctx: &InviteContext<'_>,
    now: DateTime<Utc>,
    m: &meeting::Model,
    c: &case::Model,
    person: &person::Model,
    location: &str,
    method: &str,
    cancelled: bool,
) -> notify::messages::Outgoing {
    use crate::notify::locales;
    let locale = locales::resolve(
        person.locale.as_deref(),
        person.preferred_language.as_deref(),
    );
    let when = locales::when(locale, m.starts_at);
    let args = [
        ("when", when.as_str()),
        ("reference", c.reference.as_str()),
        ("place", location),
        ("phone", ctx.phone),
    ];
    let (subject, body, text) = match (cancelled, m.sequence > 0) {
        (true, _) => (
            "appointment-email-subject-cancelled",
            "appointment-email-body-cancelled",
            "appointment-text-cancelled",
        ),
        (false, true) => (
            "appointment-email-subject-updated",
            "appointment-email-body",
            "appointment-text-updated",
        ),
        (false, false) => (
            "appointment-email-subject",
            "appointment-email-body",
            "appointment-text",
        ),
    };
    let subject = locales::text(locale, subject, &args);
    let body = locales::text(locale, body, &args);
    let ev = ical::event(&InviteEvent {
        uid: &uid(m),
        sequence: m.sequence as u32,
        summary: &subject,
        location,
        description: &body,
        url: ctx.public_url,
        starts: m.starts_at,
        ends: m.ends_at,
        stamp: now,
        cancelled,
        organizer: ctx.organizer,
        attendee: person.email.as_deref(),
    });
    notify::messages::Outgoing {
        kind: if cancelled {
            "appointment_cancelled"
        } else {
            "appointment"
        },
        locale,
        email: Some(notify::messages::EmailPart::Invite(CalendarEmail {
            subject: subject.clone(),
            text: body + "\n",
            method: method.into(),
            ics: ical::calendar(method, None, vec![ev]),
        })),
        text: Some(locales::text(locale, text, &args)),
        letter: appointment_letter(ctx, now, m, c, person, locale, &when, location, cancelled),
    }
}

/// The appointment by post: the time, the place and how to get in (the venue's access notes).
#[allow(clippy::too_many_arguments)]
fn appointment_letter(
    ctx: &InviteContext<'_>,
    now: DateTime<Utc>,
    m: &meeting::Model,
    c: &case::Model,
    person: &person::Model,
    locale: &str,
    when: &str,
    location: &str,
    cancelled: bool,
) -> Option<notify::letters::Letter> {
    use crate::notify::{letters, locales};
    let args = [("when", when), ("place", location)];
    let (title, mut paragraphs) = if cancelled {
        (
            locales::text(locale, "letter-appointment-cancelled-title", &[]),
            letters::paragraphs(&locales::text(
                locale,
                "letter-appointment-cancelled-body",
                &args,
            )),
        )
    } else {
        (
            locales::text(locale, "letter-appointment-title", &[]),
            letters::paragraphs(&locales::text(locale, "letter-appointment-body", &args)),
        )
    };
    if !cancelled {
        if let Some(access) = m.access_notes.as_deref() {
            paragraphs.push(locales::text(
                locale,
                "letter-appointment-access",
                &[("access", access)],
            ));
        }
        paragraphs.push(locales::text(locale, "letter-appointment-help", &[]));
    }
    letters::compose(
        locale,
        person,
        &c.reference,
        now,
        &letters::Sender {
            phone: ctx.phone,
            hours: ctx.hours,
            email: ctx.email,
        },
        title,
        paragraphs,
        vec![],
    )
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

fn check_times(
    now: DateTime<Utc>,
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    already_held: bool,
) -> AppResult<()> {
    if ends <= starts {
        return Err(AppError::validation(
            "endsAt",
            "The meeting must end after it starts",
        ));
    }
    if already_held && starts > now {
        return Err(AppError::validation(
            "startsAt",
            "A meeting that already took place started in the past",
        ));
    }
    if !already_held && starts < now {
        return Err(AppError::validation(
            "startsAt",
            "The meeting must be in the future (or enter it as one that already took place)",
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
    check_times(now, input.starts_at, input.ends_at, input.already_held)?;
    let venue = required_text(
        "venueAddress",
        input.venue_address,
        500,
        "where the meeting is",
    )?;
    let override_reason = optional_text("overrideReason", input.override_reason, 2000)?;
    let txn = crate::db::begin_write(db).await?;
    let work = access::for_work(&txn, actor, case_id).await?;
    let c = work.case();
    let mut staff: BTreeSet<Uuid> = input.staff.into_iter().collect();
    if holds(actor, Duty::WorkAsFacilitator) {
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
    let clashes = if input.already_held {
        Vec::new()
    } else {
        double_booked(&txn, &staff, input.starts_at, input.ends_at, None).await?
    };
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
        outcome_note: Set(None),
        outcome_recorded_at: Set(None),
        outcome_recorded_by: Set(None),
    }
    .insert(&txn)
    .await?;
    for s in &staff {
        meeting_attendee::ActiveModel {
            id: Set(Uuid::now_v7()),
            meeting_id: Set(m.id),
            user_id: Set(Some(*s)),
            participant_id: Set(None),
            attended: Set(None),
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
            attended: Set(None),
        }
        .insert(&txn)
        .await?;
    }
    // Nobody is invited to what is over.
    let sent = if input.already_held {
        0
    } else {
        send_invites(&txn, now, ctx, &m, c).await?
    };
    audit::record_by(
        &txn,
        now,
        actor,
        work.entry("schedule_meeting")
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
) -> AppResult<(meeting::Model, CaseWork)> {
    let m = meeting::Entity::find_by_id(meeting_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound("The meeting"))?;
    let work = access::for_work(conn, actor, m.case_id).await?;
    if m.status == MeetingStatus::Cancelled.as_str() {
        return Err(AppError::Conflict("This meeting has been cancelled".into()));
    }
    if m.status != MeetingStatus::Scheduled.as_str() {
        return Err(AppError::Conflict(
            "What happened at this meeting is recorded; it can no longer be moved or cancelled"
                .into(),
        ));
    }
    Ok((m, work))
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
    check_times(now, starts, ends, false)?;
    let override_reason = optional_text("overrideReason", override_reason, 2000)?;
    let txn = crate::db::begin_write(db).await?;
    let (m, work) = for_change(&txn, actor, meeting_id).await?;
    let c = work.case().clone();
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
        work.entry("reschedule_meeting")
            .detail(serde_json::json!({"meeting": m.id.to_string(), "sequence": sequence})),
    )
    .await?;
    txn.commit().await?;
    Ok(m)
}

/// What happened at a meeting, as its facilitator records it afterwards.
pub struct OutcomeInput<'a> {
    pub held: bool,
    /// Who came, of those invited (participants and staff).
    pub attended: Vec<Uuid>,
    /// Why it did not happen (required then), or a note on how it went.
    pub note: Option<&'a str>,
}

/// Records that a meeting was held (and who came) or did not happen (and why). Only once it
/// has started; it can be corrected until its conference is signed off. No invites go out:
/// the calendar entry stays as it was.
pub async fn record_outcome(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    meeting_id: Uuid,
    input: OutcomeInput<'_>,
) -> AppResult<meeting::Model> {
    let note = optional_text("note", input.note, 2000)?;
    if !input.held && note.is_none() {
        return Err(AppError::validation(
            "note",
            "Say why the meeting did not happen",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let m = meeting::Entity::find_by_id(meeting_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("The meeting"))?;
    let work = access::for_work(&txn, actor, m.case_id).await?;
    if m.status == MeetingStatus::Cancelled.as_str() {
        return Err(AppError::Conflict("This meeting was cancelled".into()));
    }
    if m.starts_at > now {
        return Err(AppError::validation(
            "meetingId",
            "Record what happened once the meeting has started",
        ));
    }
    let signed = sign_off::Entity::find()
        .filter(sign_off::Column::MeetingId.eq(m.id))
        .filter(sign_off::Column::Approved.eq(true))
        .count(&txn)
        .await?;
    if signed > 0 {
        return Err(AppError::Conflict(
            "This conference has been signed off; what happened can no longer be changed".into(),
        ));
    }
    let invited = meeting_attendee::Entity::find()
        .filter(meeting_attendee::Column::MeetingId.eq(m.id))
        .all(&txn)
        .await?;
    let came: BTreeSet<Uuid> = input.attended.into_iter().collect();
    let key = |a: &meeting_attendee::Model| a.participant_id.or(a.user_id);
    if came
        .iter()
        .any(|id| !invited.iter().any(|a| key(a) == Some(*id)))
    {
        return Err(AppError::validation(
            "attendedIds",
            "Choose from the people invited to the meeting",
        ));
    }
    if input.held
        && !invited
            .iter()
            .any(|a| a.participant_id.is_some_and(|p| came.contains(&p)))
    {
        return Err(AppError::validation(
            "attendedIds",
            "Say which participants came (a meeting no participant came to did not happen)",
        ));
    }
    for a in invited {
        let attended = input.held && key(&a).is_some_and(|id| came.contains(&id));
        let mut row = a.into_active_model();
        row.attended = Set(Some(attended));
        row.update(&txn).await?;
    }
    let status = if input.held {
        MeetingStatus::Held
    } else {
        MeetingStatus::NotHeld
    };
    let mut a = m.into_active_model();
    a.status = Set(status.as_str().into());
    a.outcome_note = Set(note);
    a.outcome_recorded_at = Set(Some(now));
    a.outcome_recorded_by = Set(Some(actor.user_id));
    a.updated_at = Set(now);
    let m = a.update(&txn).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        work.entry("record_meeting_outcome")
            .detail(serde_json::json!({"meeting": m.id.to_string(), "status": status.as_str()})),
    )
    .await?;
    txn.commit().await?;
    Ok(m)
}

/// Someone invited to a meeting, as the reader may see them.
pub struct Attendee {
    /// The participant's id, or the staff member's user id.
    pub id: Uuid,
    pub participant: bool,
    pub name: String,
    pub attended: Option<bool>,
}

/// Who was invited to a meeting and who came: staff always; participants only those on the
/// sides of the case the reader may see (a read of the case, noted as such).
pub async fn attendees(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    m: &meeting::Model,
) -> AppResult<Vec<Attendee>> {
    let view = access::open(conn, now, actor, m.case_id, "meetingAttendees", None).await?;
    let shown = access::shown_participant_ids(conn, &view).await?;
    let invited = staff_of(conn, m.id).await?;
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(invited.iter().filter_map(|a| a.user_id)))
        .all(conn)
        .await?;
    let parts = case_participant::Entity::find()
        .filter(case_participant::Column::Id.is_in(shown.iter().copied()))
        .all(conn)
        .await?;
    let people = person::Entity::find()
        .filter(person::Column::Id.is_in(parts.iter().map(|p| p.person_id)))
        .all(conn)
        .await?;
    let mut out = Vec::new();
    for a in invited {
        if let Some(u) = a.user_id.and_then(|id| users.iter().find(|u| u.id == id)) {
            out.push(Attendee {
                id: u.id,
                participant: false,
                name: u.name.clone(),
                attended: a.attended,
            });
        } else if let Some(p) = a
            .participant_id
            .and_then(|id| parts.iter().find(|p| p.id == id))
        {
            let name = people
                .iter()
                .find(|x| x.id == p.person_id)
                .map_or_else(String::new, |x| x.full_name.clone());
            out.push(Attendee {
                id: p.id,
                participant: true,
                name,
                attended: a.attended,
            });
        }
    }
    Ok(out)
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
    let (m, work) = for_change(&txn, actor, meeting_id).await?;
    let c = work.case().clone();
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
        work.entry("cancel_meeting")
            .detail(serde_json::json!({"meeting": m.id.to_string()})),
    )
    .await?;
    txn.commit().await?;
    Ok(m)
}

/// A case's meetings. The offender side sees only meetings someone on its side attends: where
/// and when the victim is met is theirs alone.
pub async fn of_case(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
) -> AppResult<Vec<meeting::Model>> {
    let view = access::open(conn, now, actor, case_id, "caseMeetings", None).await?;
    let meetings = meeting::Entity::find()
        .filter(meeting::Column::CaseId.eq(case_id))
        .order_by_asc(meeting::Column::StartsAt)
        .all(conn)
        .await?;
    if view.full() {
        return Ok(meetings);
    }
    let shown = access::shown_participant_ids(conn, &view).await?;
    let attended: BTreeSet<Uuid> = meeting_attendee::Entity::find()
        .filter(meeting_attendee::Column::MeetingId.is_in(meetings.iter().map(|m| m.id)))
        .filter(meeting_attendee::Column::ParticipantId.is_in(shown))
        .all(conn)
        .await?
        .into_iter()
        .map(|a| a.meeting_id)
        .collect();
    Ok(meetings
        .into_iter()
        .filter(|m| attended.contains(&m.id))
        .collect())
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
