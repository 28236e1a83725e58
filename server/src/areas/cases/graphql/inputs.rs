//! The cases slice's inputs and payloads.

use async_graphql::{ID, InputObject, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};

use super::case::Case;
use super::records::{Consent, Contact, Participant, Person, RiskAssessment};
use super::types::{
    ConsentMethod, ConsentPurpose, ContactChannel, EnhancedRights, FacilitatorRole,
    ParticipantRole, RiskLevel, RiskSubject, Stage, Weekday,
};
use crate::areas::cases::people::PersonInput as DomainPerson;

#[derive(InputObject, Default)]
pub struct CaseFilterInput {
    /// Only cases at these stages.
    #[graphql(default)]
    pub stages: Vec<Stage>,
    pub awaiting_offender: Option<bool>,
    /// Part of a case reference.
    pub reference: Option<String>,
    /// Oldest first (the intake inbox); newest first otherwise.
    #[graphql(default)]
    pub oldest_first: bool,
    /// A code from the `AREA` list.
    pub area: Option<String>,
    /// A code from the `OFFENCE_CATEGORY` list.
    pub offence_category: Option<String>,
}

#[derive(InputObject, Default)]
pub struct PersonInput {
    pub full_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    /// A code from the `LANGUAGE` reference list.
    pub preferred_language: Option<String>,
    #[graphql(default)]
    pub interpreter_needed: bool,
    pub accessibility_needs: Option<String>,
    /// Ways it is safe to contact them; the matching detail must be given.
    #[graphql(default)]
    pub contact_channels: Vec<ContactChannel>,
    /// When it is safe to contact them, in their words.
    pub safe_times: Option<String>,
    pub may_leave_message: Option<bool>,
    /// When it is safe to contact them (UK time). Empty: any day 08:00–20:00.
    pub safe_windows: Option<Vec<SafeTimeInput>>,
    /// Do not mention restorative justice to anyone else who answers the phone or sees a
    /// message.
    pub discreet: Option<bool>,
    /// The language written messages are in (`en`, `en-x-easyread`, `pl`, `lt`, `ro`, `pt`,
    /// `ru`); empty: from `preferredLanguage`, else English.
    pub locale: Option<String>,
}

#[derive(InputObject, Clone)]
pub struct SafeTimeInput {
    pub days: Vec<Weekday>,
    /// "HH:MM", UK time.
    pub from: String,
    /// "HH:MM", UK time, after `from`.
    pub to: String,
}

impl From<SafeTimeInput> for crate::areas::cases::people::SafeTimeDraft {
    fn from(t: SafeTimeInput) -> Self {
        Self {
            days: t.days.into_iter().map(Into::into).collect(),
            from: t.from,
            to: t.to,
        }
    }
}

impl From<PersonInput> for DomainPerson {
    fn from(p: PersonInput) -> Self {
        DomainPerson {
            full_name: p.full_name,
            email: p.email,
            phone: p.phone,
            address: p.address,
            postcode: p.postcode,
            preferred_language: p.preferred_language,
            interpreter_needed: p.interpreter_needed,
            accessibility_needs: p.accessibility_needs,
            contact_channels: p.contact_channels.into_iter().map(Into::into).collect(),
            safe_times: p.safe_times,
            may_leave_message: p.may_leave_message,
            safe_windows: p
                .safe_windows
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            discreet: p.discreet.unwrap_or(false),
            locale: p.locale,
        }
    }
}

#[derive(InputObject)]
pub struct MoveCaseInput {
    pub case_id: ID,
    pub to: Stage,
    /// Why, in words (kept in the history). Moving to an outcome with no agreement needs the
    /// reason there is none.
    pub reason: Option<String>,
}

#[derive(InputObject)]
pub struct WithdrawCaseInput {
    pub case_id: ID,
    /// A code from the `REASON` list.
    pub reason_code: String,
    pub reason_text: Option<String>,
}

#[derive(InputObject)]
pub struct AssessReferralInput {
    pub case_id: ID,
    pub suitable: bool,
    /// Required when not suitable: a code from the `REASON` list.
    pub reason_code: Option<String>,
    pub notes: Option<String>,
}

#[derive(InputObject)]
pub struct CaseIdInput {
    pub case_id: ID,
}

#[derive(InputObject)]
pub struct AddParticipantInput {
    pub case_id: ID,
    /// Someone already known to the Hub (they may take part in several cases)…
    pub person_id: Option<ID>,
    /// …or a new person.
    pub person: Option<PersonInput>,
    pub role: ParticipantRole,
    pub relationship: Option<String>,
}

#[derive(InputObject)]
pub struct LogContactInput {
    pub case_id: ID,
    pub participant_id: Option<ID>,
    /// When it happened; now if not given.
    pub at: Option<DateTime<Utc>>,
    pub channel: ContactChannel,
    pub summary: String,
    /// Unique per entry, so that a phone replaying it after being offline logs it once.
    pub idempotency_key: Option<String>,
}

#[derive(InputObject)]
pub struct RecordRiskAssessmentInput {
    pub case_id: ID,
    pub risk_to: Vec<RiskSubject>,
    pub level: RiskLevel,
    pub factors: Option<String>,
    pub mitigations: Option<String>,
    pub review_on: NaiveDate,
}

#[derive(InputObject)]
pub struct RecordConsentInput {
    pub case_id: ID,
    pub participant_id: ID,
    pub purpose: ConsentPurpose,
    pub given: bool,
    pub method: ConsentMethod,
    pub note: Option<String>,
}

#[derive(InputObject)]
pub struct RecordSupportNeedsInput {
    pub case_id: ID,
    pub support_needs: Option<String>,
    /// Refer the victim back to the Victims' Hub for support during the process.
    #[graphql(default)]
    pub refer_to_victims_hub: bool,
}

#[derive(InputObject)]
pub struct SetInterventionModelInput {
    pub case_id: ID,
    /// A code from the `INTERVENTION_MODEL` list.
    pub model: String,
}

#[derive(InputObject)]
pub struct AssignFacilitatorInput {
    pub case_id: ID,
    pub facilitator_id: ID,
    pub role: FacilitatorRole,
    /// Required when the facilitator is overdue for supervision or observed practice (the
    /// refusal says what); recorded.
    pub standards_override_reason: Option<String>,
}

#[derive(InputObject)]
pub struct AssignSupervisorInput {
    pub case_id: ID,
    pub supervisor_id: ID,
}

#[derive(SimpleObject)]
pub struct CasePayload {
    pub case: Case,
}

#[derive(SimpleObject)]
pub struct ParticipantPayload {
    pub participant: Participant,
    pub case: Case,
}

#[derive(SimpleObject)]
pub struct ContactPayload {
    pub contact: Contact,
    pub case: Case,
}

#[derive(SimpleObject)]
pub struct RiskAssessmentPayload {
    pub risk_assessment: RiskAssessment,
    pub case: Case,
}

#[derive(SimpleObject)]
pub struct ConsentPayload {
    /// The rows written: the consent, and any that depended on it.
    pub consents: Vec<Consent>,
    pub case: Case,
}

#[derive(InputObject)]
pub struct UpdateContactProfileInput {
    pub case_id: ID,
    pub participant_id: ID,
    /// Their details and safe-contact profile as they are now (every field: what is left
    /// out is cleared).
    pub person: PersonInput,
}

#[derive(SimpleObject)]
pub struct ContactProfilePayload {
    pub person: Person,
    pub case: Case,
}

/// Someone already known to the Hub, with the cases they take part in.
#[derive(SimpleObject)]
pub struct PersonMatch {
    pub person: Person,
    pub cases: Vec<PersonCase>,
}

#[derive(SimpleObject)]
pub struct PersonCase {
    pub case_id: ID,
    pub reference: String,
    pub role: ParticipantRole,
}

#[derive(InputObject)]
pub struct SetEnhancedRightsInput {
    pub case_id: ID,
    /// Why the victim is entitled; null when they are not.
    pub reason: Option<EnhancedRights>,
}
