//! The meetings slice of the graph.

use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::model;
use super::service::{self, InviteContext, MeetingInput};
use crate::entities::meeting;
use crate::graphql::context::{ServerCtx, actor, server};
use crate::graphql::ids::{parse, to_id};

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::MeetingKind")]
pub enum MeetingKind {
    Preparation,
    Conference,
    Shuttle,
    CommunityConference,
    Panel,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::MeetingStatus")]
pub enum MeetingStatus {
    Scheduled,
    Cancelled,
    /// Recorded as held, with who came.
    Held,
    /// Recorded as not having happened, with the reason.
    NotHeld,
}

/// Someone invited to a meeting.
#[derive(SimpleObject)]
pub struct MeetingAttendee {
    /// The participant's id (participants) or the user's id (staff).
    pub id: ID,
    pub participant: bool,
    pub name: String,
    /// Came or not, once what happened is recorded.
    pub attended: Option<bool>,
}

/// The Hub's mailbox (the invites' ORGANIZER), from RJHUB_MAIL_FROM.
pub fn organizer(s: &ServerCtx) -> String {
    let from = &s.config.mail_from;
    from.rsplit('<')
        .next()
        .unwrap_or(from)
        .trim_end_matches('>')
        .trim()
        .to_string()
}

pub struct Meeting(meeting::Model);

#[Object]
impl Meeting {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn case_id(&self) -> ID {
        to_id(self.0.case_id)
    }
    async fn kind(&self) -> Result<MeetingKind> {
        Ok(self.0.kind.parse::<model::MeetingKind>()?.into())
    }
    async fn starts_at(&self) -> DateTime<Utc> {
        self.0.starts_at
    }
    async fn ends_at(&self) -> DateTime<Utc> {
        self.0.ends_at
    }
    async fn venue_address(&self) -> &str {
        &self.0.venue_address
    }
    async fn venue_room(&self) -> Option<&str> {
        self.0.venue_room.as_deref()
    }
    async fn access_notes(&self) -> Option<&str> {
        self.0.access_notes.as_deref()
    }
    async fn status(&self) -> Result<MeetingStatus> {
        Ok(self.0.status.parse::<model::MeetingStatus>()?.into())
    }
    /// Rises with every change (iCal SEQUENCE).
    async fn sequence(&self) -> i32 {
        self.0.sequence
    }
    async fn override_reason(&self) -> Option<&str> {
        self.0.override_reason.as_deref()
    }
    /// Why it did not happen, or a note on how it went.
    async fn outcome_note(&self) -> Option<&str> {
        self.0.outcome_note.as_deref()
    }
    async fn outcome_recorded_at(&self) -> Option<DateTime<Utc>> {
        self.0.outcome_recorded_at
    }
    /// Whether what happened can be recorded now: it has started and is not cancelled.
    async fn awaiting_outcome(&self, ctx: &Context<'_>) -> bool {
        self.0.status == model::MeetingStatus::Scheduled.as_str()
            && self.0.starts_at <= server(ctx).clock.now()
    }
    /// Who was invited and who came (participants only on the sides the reader may see).
    async fn attendees(&self, ctx: &Context<'_>) -> Result<Vec<MeetingAttendee>> {
        let s = server(ctx);
        Ok(
            service::attendees(&s.db, s.clock.now(), actor(ctx)?, &self.0)
                .await?
                .into_iter()
                .map(|a| MeetingAttendee {
                    id: to_id(a.id),
                    participant: a.participant,
                    name: a.name,
                    attended: a.attended,
                })
                .collect(),
        )
    }
}

#[derive(InputObject)]
pub struct RecordMeetingOutcomeInput {
    pub meeting_id: ID,
    /// It took place (true) or did not (false: give the reason in `note`).
    pub held: bool,
    /// Who came, of those invited: participants' and staff members' ids.
    #[graphql(default)]
    pub attended_ids: Vec<ID>,
    /// Why it did not happen (required then), or a note on how it went.
    pub note: Option<String>,
}

#[derive(InputObject)]
pub struct ScheduleMeetingInput {
    pub case_id: ID,
    pub kind: MeetingKind,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub venue_address: String,
    pub venue_room: Option<String>,
    pub access_notes: Option<String>,
    /// Facilitators and supervisors (the scheduling facilitator is always included).
    #[graphql(default)]
    pub staff_ids: Vec<ID>,
    /// Participants of the case; e-mailed only when they agreed to e-mail.
    #[graphql(default)]
    pub participant_ids: Vec<ID>,
    /// Book despite a double booking; recorded.
    pub override_reason: Option<String>,
    /// Enter a meeting that already took place (in the past; no invites are sent), then
    /// record what happened with `recordMeetingOutcome`.
    #[graphql(default)]
    pub already_held: bool,
}

#[derive(InputObject)]
pub struct RescheduleMeetingInput {
    pub meeting_id: ID,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub venue_address: Option<String>,
    pub override_reason: Option<String>,
}

#[derive(InputObject)]
pub struct CancelMeetingInput {
    pub meeting_id: ID,
}

#[derive(SimpleObject)]
pub struct MeetingPayload {
    pub meeting: Meeting,
}

#[derive(SimpleObject)]
pub struct CalendarFeedPayload {
    /// Private: anyone with it can read your meeting times and places.
    pub url: String,
}

#[derive(Default)]
pub struct MeetingsQuery;

#[Object]
impl MeetingsQuery {
    /// A case's meetings (whoever may see the case).
    async fn case_meetings(&self, ctx: &Context<'_>, case_id: ID) -> Result<Vec<Meeting>> {
        let s = server(ctx);
        Ok(service::of_case(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("caseId", &case_id)?,
        )
        .await?
        .into_iter()
        .map(Meeting)
        .collect())
    }
    /// The signed-in user's meetings from today on.
    async fn my_meetings(&self, ctx: &Context<'_>) -> Result<Vec<Meeting>> {
        let s = server(ctx);
        Ok(
            service::of_user(&s.db, actor(ctx)?.user_id, Some(s.clock.now()))
                .await?
                .into_iter()
                .map(Meeting)
                .collect(),
        )
    }
    /// The .ics text of one meeting, for an attendee.
    async fn meeting_invite(&self, ctx: &Context<'_>, meeting_id: ID) -> Result<String> {
        let s = server(ctx);
        let (url, org) = (s.config.public_url(), organizer(s));
        Ok(service::invite_text(
            &s.db,
            actor(ctx)?,
            &InviteContext {
                public_url: &url,
                organizer: &org,
                phone: &s.config.contact_phone,
                hours: &s.config.contact_hours,
                email: &s.config.contact_email,
            },
            parse("meetingId", &meeting_id)?,
            s.clock.now(),
        )
        .await?)
    }
    /// The private calendar feed address for any calendar app.
    async fn my_calendar_feed_url(&self, ctx: &Context<'_>) -> Result<String> {
        let s = server(ctx);
        let token = service::feed_token(&s.db, s.clock.now(), actor(ctx)?, false).await?;
        Ok(format!("{}/calendar/{token}.ics", s.config.public_url()))
    }
}

#[derive(Default)]
pub struct MeetingsMutation;

#[Object]
impl MeetingsMutation {
    /// Schedules a meeting and sends everyone an iCal invite (R-CW-4).
    async fn schedule_meeting(
        &self,
        ctx: &Context<'_>,
        input: ScheduleMeetingInput,
    ) -> Result<MeetingPayload> {
        let s = server(ctx);
        let (url, org) = (s.config.public_url(), organizer(s));
        let staff = input
            .staff_ids
            .iter()
            .map(|i| parse("staffIds", i))
            .collect::<Result<Vec<_>, _>>()?;
        let participants = input
            .participant_ids
            .iter()
            .map(|i| parse("participantIds", i))
            .collect::<Result<Vec<_>, _>>()?;
        let m = service::schedule(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            &InviteContext {
                public_url: &url,
                organizer: &org,
                phone: &s.config.contact_phone,
                hours: &s.config.contact_hours,
                email: &s.config.contact_email,
            },
            parse("caseId", &input.case_id)?,
            MeetingInput {
                kind: input.kind.into(),
                starts_at: input.starts_at,
                ends_at: input.ends_at,
                venue_address: &input.venue_address,
                venue_room: input.venue_room.as_deref(),
                access_notes: input.access_notes.as_deref(),
                staff,
                participants,
                override_reason: input.override_reason.as_deref(),
                already_held: input.already_held,
            },
        )
        .await?;
        s.outbox_wake.notify_one();
        Ok(MeetingPayload {
            meeting: Meeting(m),
        })
    }

    /// Moves a meeting: the same UID with a higher SEQUENCE in everyone's calendar.
    async fn reschedule_meeting(
        &self,
        ctx: &Context<'_>,
        input: RescheduleMeetingInput,
    ) -> Result<MeetingPayload> {
        let s = server(ctx);
        let (url, org) = (s.config.public_url(), organizer(s));
        let m = service::reschedule(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            &InviteContext {
                public_url: &url,
                organizer: &org,
                phone: &s.config.contact_phone,
                hours: &s.config.contact_hours,
                email: &s.config.contact_email,
            },
            parse("meetingId", &input.meeting_id)?,
            service::NewTime {
                starts: input.starts_at,
                ends: input.ends_at,
                venue: input.venue_address.as_deref(),
                override_reason: input.override_reason.as_deref(),
            },
        )
        .await?;
        s.outbox_wake.notify_one();
        Ok(MeetingPayload {
            meeting: Meeting(m),
        })
    }

    /// Cancels a meeting in everyone's calendar (METHOD:CANCEL).
    async fn cancel_meeting(
        &self,
        ctx: &Context<'_>,
        input: CancelMeetingInput,
    ) -> Result<MeetingPayload> {
        let s = server(ctx);
        let (url, org) = (s.config.public_url(), organizer(s));
        let m = service::cancel(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            &InviteContext {
                public_url: &url,
                organizer: &org,
                phone: &s.config.contact_phone,
                hours: &s.config.contact_hours,
                email: &s.config.contact_email,
            },
            parse("meetingId", &input.meeting_id)?,
        )
        .await?;
        s.outbox_wake.notify_one();
        Ok(MeetingPayload {
            meeting: Meeting(m),
        })
    }

    /// Records what happened at a meeting: held and who came, or not held and why. Once it
    /// has started; correctable until its conference is signed off.
    async fn record_meeting_outcome(
        &self,
        ctx: &Context<'_>,
        input: RecordMeetingOutcomeInput,
    ) -> Result<MeetingPayload> {
        let s = server(ctx);
        let attended = input
            .attended_ids
            .iter()
            .map(|i| parse("attendedIds", i))
            .collect::<Result<Vec<_>, _>>()?;
        let m = service::record_outcome(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("meetingId", &input.meeting_id)?,
            service::OutcomeInput {
                held: input.held,
                attended,
                note: input.note.as_deref(),
            },
        )
        .await?;
        Ok(MeetingPayload {
            meeting: Meeting(m),
        })
    }

    /// A new feed address; the old one stops working at once.
    async fn rotate_calendar_feed(&self, ctx: &Context<'_>) -> Result<CalendarFeedPayload> {
        let s = server(ctx);
        let token = service::feed_token(&s.db, s.clock.now(), actor(ctx)?, true).await?;
        Ok(CalendarFeedPayload {
            url: format!("{}/calendar/{token}.ics", s.config.public_url()),
        })
    }
}
