//! The records of a case in the graph: participants and their people, contacts, consents, stage
//! changes, risk assessments, and what a referrer sees of a referral.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, NaiveDate, Utc};

use super::types::{
    ConsentMethod, ConsentPurpose, ContactChannel, ParticipantRole, RiskLevel, RiskSubject, Side,
    Stage, parse_stored,
};
use crate::areas::cases::{model, people as people_mod, service};
use crate::entities::{case, case_event, consent, contact, person, risk_assessment};
use crate::graphql::ids::to_id;
use crate::notify::safe_contact;

pub struct Participant {
    pub(crate) row: crate::entities::case_participant::Model,
    pub(crate) person: person::Model,
}

#[Object]
impl Participant {
    async fn id(&self) -> ID {
        to_id(self.row.id)
    }
    async fn role(&self) -> Result<ParticipantRole> {
        Ok(parse_stored::<model::ParticipantRole>(&self.row.role)?.into())
    }
    async fn side(&self) -> Side {
        crate::access::case::side_of_role(&self.row.role).into()
    }
    /// For bereaved family: their relationship to the person who died.
    async fn relationship(&self) -> Option<&str> {
        self.row.relationship.as_deref()
    }
    async fn person(&self) -> Person {
        Person(self.person.clone())
    }
}

pub struct Person(pub person::Model);

#[Object]
impl Person {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn full_name(&self) -> &str {
        &self.0.full_name
    }
    async fn email(&self) -> Option<&str> {
        self.0.email.as_deref()
    }
    async fn phone(&self) -> Option<&str> {
        self.0.phone.as_deref()
    }
    async fn address(&self) -> Option<&str> {
        self.0.address.as_deref()
    }
    async fn postcode(&self) -> Option<&str> {
        self.0.postcode.as_deref()
    }
    async fn preferred_language(&self) -> Option<&str> {
        self.0.preferred_language.as_deref()
    }
    async fn interpreter_needed(&self) -> bool {
        self.0.interpreter_needed
    }
    async fn accessibility_needs(&self) -> Option<&str> {
        self.0.accessibility_needs.as_deref()
    }
    /// The ways the person agreed to be contacted (the safe-contact profile).
    async fn contact_channels(&self) -> Vec<ContactChannel> {
        people_mod::channels(&self.0)
            .into_iter()
            .map(Into::into)
            .collect()
    }
    async fn safe_times(&self) -> Option<&str> {
        self.0.safe_times.as_deref()
    }
    async fn may_leave_message(&self) -> Option<bool> {
        self.0.may_leave_message
    }
    /// The weekly windows they said it is safe to reach them, UK time. Empty: they gave none,
    /// and calls and texts keep to 08:00–21:00.
    async fn safe_windows(&self) -> Vec<SafeTime> {
        safe_contact::stored_windows(self.0.safe_windows.as_deref())
            .into_iter()
            .map(SafeTime)
            .collect()
    }
    /// Do not mention restorative justice to anyone else who answers or sees a message.
    async fn discreet(&self) -> bool {
        self.0.discreet
    }
    /// The language the Hub writes to them in (a `messageLanguages` code).
    async fn locale(&self) -> &'static str {
        crate::notify::locales::resolve(
            self.0.locale.as_deref(),
            self.0.preferred_language.as_deref(),
        )
    }
    /// Now is a safe time to phone them.
    async fn safe_now(&self, ctx: &Context<'_>) -> bool {
        let now = crate::graphql::context::server(ctx).clock.now();
        next_safe_call(&self.0, now) <= now
    }
    /// The next time it is safe to phone them (now, when it is safe now).
    async fn next_safe_at(&self, ctx: &Context<'_>) -> DateTime<Utc> {
        let now = crate::graphql::context::server(ctx).clock.now();
        next_safe_call(&self.0, now)
    }
    /// What to know before calling them, in words, most important first: "No voicemail",
    /// "Do not mention restorative justice to whoever answers", the interpreter, the safe times.
    async fn before_you_call(&self, ctx: &Context<'_>) -> Vec<String> {
        let now = crate::graphql::context::server(ctx).clock.now();
        before_you_call(&self.0, now)
    }
}

fn next_safe_call(p: &person::Model, now: DateTime<Utc>) -> DateTime<Utc> {
    let given = safe_contact::stored_windows(p.safe_windows.as_deref());
    safe_contact::next_safe(&safe_contact::windows_for(&given, None), now)
}

/// The safe-contact profile in words, for staff about to phone or write (R-ST-4).
pub fn before_you_call(p: &person::Model, now: DateTime<Utc>) -> Vec<String> {
    let mut out = vec![];
    if p.may_leave_message != Some(true) {
        out.push("No voicemail: do not leave a message".to_string());
    }
    if p.discreet {
        out.push(
            "Do not mention restorative justice to anyone else who answers or sees a message"
                .to_string(),
        );
    }
    if p.interpreter_needed {
        out.push(match p.preferred_language.as_deref() {
            Some(l) => format!("Needs an interpreter ({l})"),
            None => "Needs an interpreter".to_string(),
        });
    }
    let given = safe_contact::stored_windows(p.safe_windows.as_deref());
    let windows = safe_contact::windows_for(&given, None);
    let next = next_safe_call(p, now);
    let times = windows
        .iter()
        .map(|w| w.in_words())
        .collect::<Vec<_>>()
        .join("; ");
    let times = if given.is_empty() {
        format!("no times of their own; {times}")
    } else {
        times
    };
    if next > now {
        out.push(format!(
            "Not a safe time to call now: next safe {} (safe: {times})",
            next.with_timezone(&chrono_tz::Europe::London)
                .format("%a %-d %b %H:%M")
        ));
    } else {
        out.push(format!("Safe to call now (safe: {times})"));
    }
    if let Some(t) = p.safe_times.as_deref() {
        out.push(format!("In their words: {t}"));
    }
    out
}

/// A weekly window it is safe to reach someone, UK time.
pub struct SafeTime(pub safe_contact::SafeWindow);

#[Object]
impl SafeTime {
    async fn days(&self) -> Vec<super::types::Weekday> {
        self.0.weekdays().into_iter().map(Into::into).collect()
    }
    /// "HH:MM".
    async fn from(&self) -> String {
        self.0.from.format("%H:%M").to_string()
    }
    async fn to(&self) -> String {
        self.0.to.format("%H:%M").to_string()
    }
    /// "Mon to Fri, 18:00 to 21:00".
    async fn in_words(&self) -> String {
        self.0.in_words()
    }
}

pub struct Contact(pub(crate) contact::Model);

#[Object]
impl Contact {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }
    async fn channel(&self) -> ContactChannel {
        service::channel(&self.0.channel).into()
    }
    async fn summary(&self) -> &str {
        &self.0.summary
    }
    async fn participant_id(&self) -> Option<ID> {
        self.0.participant_id.map(to_id)
    }
    async fn recorded_by(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        Ok(crate::graphql::loaders::user_name(ctx, self.0.actor_id).await?)
    }
}

pub struct Consent(pub(crate) consent::Model);

#[Object]
impl Consent {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn participant_id(&self) -> ID {
        to_id(self.0.participant_id)
    }
    async fn purpose(&self) -> Result<ConsentPurpose> {
        Ok(parse_stored::<model::ConsentPurpose>(&self.0.purpose)?.into())
    }
    async fn given(&self) -> bool {
        self.0.given
    }
    async fn method(&self) -> Result<ConsentMethod> {
        Ok(parse_stored::<model::ConsentMethod>(&self.0.method)?.into())
    }
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }
}

pub struct CaseEvent {
    pub(super) row: case_event::Model,
    /// The reader has full access (free text can name people).
    pub(super) full: bool,
}

#[Object]
impl CaseEvent {
    async fn id(&self) -> ID {
        to_id(self.row.id)
    }
    async fn from(&self) -> Result<Option<Stage>> {
        Ok(match &self.row.from_stage {
            Some(s) => Some(parse_stored::<model::Stage>(s)?.into()),
            None => None,
        })
    }
    async fn to(&self) -> Result<Stage> {
        Ok(parse_stored::<model::Stage>(&self.row.to_stage)?.into())
    }
    async fn at(&self) -> DateTime<Utc> {
        self.row.at
    }
    async fn reason_code(&self) -> Option<&str> {
        self.row.reason_code.as_deref()
    }
    /// Free text can name people: full access only.
    async fn reason_text(&self) -> Option<&str> {
        self.row.reason_text.as_deref().filter(|_| self.full)
    }
    async fn actor_name(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        Ok(crate::graphql::loaders::user_name(ctx, self.row.actor_id).await?)
    }
}

pub struct RiskAssessment(pub(crate) risk_assessment::Model);

#[Object]
impl RiskAssessment {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn risk_to(&self) -> Vec<RiskSubject> {
        self.0
            .risk_to
            .split(',')
            .filter_map(|s| s.parse::<model::RiskSubject>().ok())
            .map(Into::into)
            .collect()
    }
    async fn level(&self) -> Result<RiskLevel> {
        Ok(parse_stored::<model::RiskLevel>(&self.0.level)?.into())
    }
    async fn factors(&self) -> Option<&str> {
        self.0.factors.as_deref()
    }
    async fn mitigations(&self) -> Option<&str> {
        self.0.mitigations.as_deref()
    }
    async fn review_on(&self) -> NaiveDate {
        self.0.review_on
    }
    async fn assessed_at(&self) -> DateTime<Utc> {
        self.0.assessed_at
    }
    async fn assessed_by(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        Ok(crate::graphql::loaders::user_name(ctx, self.0.assessed_by).await?)
    }
}

/// What a referrer sees of a referral: its progress, never the people in it.
pub struct ReferralStatus(pub case::Model);

#[Object]
impl ReferralStatus {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn reference(&self) -> &str {
        &self.0.reference
    }
    async fn received_at(&self) -> DateTime<Utc> {
        self.0.received_at
    }
    async fn stage(&self) -> Result<Stage> {
        Ok(parse_stored::<model::Stage>(&self.0.stage)?.into())
    }
    async fn stage_label(&self) -> Result<&'static str> {
        Ok(parse_stored::<model::Stage>(&self.0.stage)?.label())
    }
    async fn referral_source(&self) -> &str {
        &self.0.referral_source
    }
    async fn offender_initiated(&self) -> bool {
        self.0.offender_initiated
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

/// A message to a participant, as the case's timeline shows it.
pub struct CaseMessage(pub crate::entities::message::Model);

#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq)]
pub enum MessageChannel {
    Email,
    Text,
    Letter,
}

#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq)]
pub enum MessageStatus {
    /// Waiting for a time the person said is safe.
    Held,
    Queued,
    Sent,
    /// The provider confirmed delivery (texts).
    Delivered,
    Failed,
    /// Not sent: the profile did not allow it (see `reason`).
    NotSent,
}

#[Object]
impl CaseMessage {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn participant_id(&self) -> Option<ID> {
        self.0.participant_id.map(to_id)
    }
    async fn channel(&self) -> MessageChannel {
        match self.0.channel.as_str() {
            "text" => MessageChannel::Text,
            "letter" => MessageChannel::Letter,
            _ => MessageChannel::Email,
        }
    }
    /// What it was: `acknowledgement`, `appointment`, `appointment_cancelled`.
    async fn kind(&self) -> &str {
        &self.0.kind
    }
    /// What it says, in words: "Acknowledgement of their form".
    async fn kind_label(&self) -> &'static str {
        match self.0.kind.as_str() {
            "acknowledgement" => "Acknowledgement of their form",
            "appointment" => "Appointment",
            "appointment_cancelled" => "Appointment cancelled",
            _ => "Message",
        }
    }
    /// The language it was written in (a `messageLanguages` code).
    async fn locale(&self) -> &str {
        &self.0.locale
    }
    async fn status(&self) -> MessageStatus {
        use crate::notify::messages as m;
        match self.0.status.as_str() {
            m::HELD => MessageStatus::Held,
            m::QUEUED => MessageStatus::Queued,
            m::SENT => MessageStatus::Sent,
            m::DELIVERED => MessageStatus::Delivered,
            m::FAILED => MessageStatus::Failed,
            _ => MessageStatus::NotSent,
        }
    }
    /// Why it is held, failed or was not sent.
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }
    async fn held_until(&self) -> Option<DateTime<Utc>> {
        self.0.held_until
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn sent_at(&self) -> Option<DateTime<Utc>> {
        self.0.sent_at
    }
    async fn delivered_at(&self) -> Option<DateTime<Utc>> {
        self.0.delivered_at
    }
}
