//! The cases slice of the graph. A `Case` carries the access its reader has; fields outside
//! that access resolve to `null` and lists are filtered, so the firewall holds field by field.

use async_graphql::connection::Connection;
use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};

use super::model::{self, CaseAccess};
use super::people::{self as people_mod, PersonInput as DomainPerson};
use super::service::{self, CaseFilter, RiskInput};
use crate::entities::{case, case_event, consent, contact, person, risk_assessment};
use crate::error::AppError;
use crate::graphql::context::{actor, server};
use crate::graphql::ids::{parse, to_id};
use crate::graphql::pagination::{Page, connection};

macro_rules! remote_enum {
    ($name:ident, $remote:literal, [$($v:ident),+]) => {
        #[derive(Enum, Copy, Clone, Eq, PartialEq)]
        #[graphql(remote = $remote)]
        pub enum $name { $($v),+ }
    };
}

remote_enum!(
    Stage,
    "model::Stage",
    [
        Enquiry,
        Referral,
        Assessment,
        NotSuitable,
        Allocated,
        Preparation,
        Intervention,
        Outcome,
        FollowUp,
        Closed,
        Withdrawn
    ]
);
remote_enum!(
    ParticipantRole,
    "model::ParticipantRole",
    [Victim, BereavedFamily, OtherAffected, Offender]
);
remote_enum!(
    ContactChannel,
    "model::ContactChannel",
    [Phone, Email, Post, Text, InPerson, Video, Other]
);
remote_enum!(RiskLevel, "model::RiskLevel", [Low, Medium, High]);
remote_enum!(
    RiskSubject,
    "model::RiskSubject",
    [Victim, Offender, Facilitator, Others]
);
remote_enum!(
    ConsentPurpose,
    "model::ConsentPurpose",
    [TakingPart, ContactByHub, ShareWithPartner, FollowUpSurvey]
);
remote_enum!(
    ConsentMethod,
    "model::ConsentMethod",
    [Verbal, Written, Email, OnlineForm]
);
remote_enum!(FacilitatorRole, "model::FacilitatorRole", [Lead, Co]);

/// Which side of a case a participant is on.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum Side {
    /// Victims, bereaved family, others affected.
    Harmed,
    /// The person responsible.
    Responsible,
}

/// How much of a case the reader may see (DESIGN.md's need-to-know table).
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum CaseAccessLevel {
    Full,
    /// Partner-agency staff on an offender-initiated case: the offender side only.
    OffenderSide,
}

fn parse_stored<T: std::str::FromStr<Err = AppError>>(s: &str) -> Result<T> {
    Ok(s.parse::<T>()?)
}

pub struct Case {
    pub model: case::Model,
    pub access: CaseAccess,
}

impl Case {
    fn full<T>(&self, v: T) -> Option<T> {
        (self.access == CaseAccess::Full).then_some(v)
    }
}

#[Object]
impl Case {
    async fn id(&self) -> ID {
        to_id(self.model.id)
    }
    /// The reference people quote, e.g. RJ26-K7Q9M.
    async fn reference(&self) -> &str {
        &self.model.reference
    }
    async fn access(&self) -> CaseAccessLevel {
        match self.access {
            CaseAccess::Full => CaseAccessLevel::Full,
            CaseAccess::OffenderSide => CaseAccessLevel::OffenderSide,
        }
    }
    async fn stage(&self) -> Result<Stage> {
        Ok(parse_stored::<model::Stage>(&self.model.stage)?.into())
    }
    async fn stage_label(&self) -> Result<&'static str> {
        Ok(parse_stored::<model::Stage>(&self.model.stage)?.label())
    }
    /// For a stopped case (withdrawn or not suitable): the stage it was at.
    async fn stopped_at_stage(&self) -> Result<Option<Stage>> {
        Ok(match &self.model.stopped_at_stage {
            Some(s) => Some(parse_stored::<model::Stage>(s)?.into()),
            None => None,
        })
    }
    async fn stop_reason_code(&self) -> Option<&str> {
        self.model.stop_reason_code.as_deref()
    }
    async fn stop_reason_text(&self) -> Option<&str> {
        self.full(self.model.stop_reason_text.as_deref()).flatten()
    }
    async fn received_at(&self) -> DateTime<Utc> {
        self.model.received_at
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.model.updated_at
    }
    /// Whole days since the case was received.
    async fn age_days(&self, ctx: &Context<'_>) -> i64 {
        (server(ctx).clock.now() - self.model.received_at).num_days()
    }
    async fn referral_source(&self) -> &str {
        &self.model.referral_source
    }
    async fn referring_agency(&self) -> Option<&str> {
        self.model.referring_agency.as_deref()
    }
    async fn offender_initiated(&self) -> bool {
        self.model.offender_initiated
    }
    async fn offence_category(&self) -> Option<&str> {
        self.model.offence_category.as_deref()
    }
    async fn hate_crime(&self) -> bool {
        self.model.hate_crime
    }
    /// What happened, in the referrer's words (may identify the victim: full access only).
    async fn offence_summary(&self) -> Option<&str> {
        self.full(self.model.offence_summary.as_deref()).flatten()
    }
    async fn reported_to_police(&self) -> Option<bool> {
        self.model.reported_to_police
    }
    async fn crime_reference(&self) -> Option<&str> {
        self.full(self.model.crime_reference.as_deref()).flatten()
    }
    async fn proceedings_stage(&self) -> Option<&str> {
        self.model.proceedings_stage.as_deref()
    }
    async fn area(&self) -> Option<&str> {
        self.full(self.model.area.as_deref()).flatten()
    }
    async fn area_detail(&self) -> Option<&str> {
        self.full(self.model.area_detail.as_deref()).flatten()
    }
    /// Where a relocated victim came from (R-IN-8).
    async fn originating_area(&self) -> Option<&str> {
        self.full(self.model.originating_area.as_deref()).flatten()
    }
    async fn offender_identified(&self) -> bool {
        self.model.offender_identified
    }
    /// "Contact me if an offender is identified" (R-IN-7): parked until then.
    async fn awaiting_offender(&self) -> bool {
        self.model.awaiting_offender
    }
    async fn intervention_model(&self) -> Option<&str> {
        self.model.intervention_model.as_deref()
    }
    async fn suitable(&self) -> Option<bool> {
        self.full(self.model.suitable).flatten()
    }
    async fn suitability_reason_code(&self) -> Option<&str> {
        self.full(self.model.suitability_reason_code.as_deref())
            .flatten()
    }
    async fn suitability_notes(&self) -> Option<&str> {
        self.full(self.model.suitability_notes.as_deref()).flatten()
    }
    async fn assessed_at(&self) -> Option<DateTime<Utc>> {
        self.model.assessed_at
    }
    async fn support_needs(&self) -> Option<&str> {
        self.full(self.model.support_needs.as_deref()).flatten()
    }
    /// When the victim was referred back to the Victims' Hub for support (R-AS-4).
    async fn victims_hub_referred_at(&self) -> Option<DateTime<Utc>> {
        self.full(self.model.victims_hub_referred_at).flatten()
    }
    async fn first_contact_at(&self, ctx: &Context<'_>) -> Result<Option<DateTime<Utc>>> {
        if self.access != CaseAccess::Full {
            return Ok(None);
        }
        Ok(service::first_contact_at(&server(ctx).db, self.model.id).await?)
    }
    /// The people taking part that the reader may see.
    async fn participants(&self, ctx: &Context<'_>) -> Result<Vec<Participant>> {
        let rows = service::participants(&server(ctx).db, self.model.id, self.access).await?;
        Ok(rows
            .into_iter()
            .map(|(p, person)| Participant { row: p, person })
            .collect())
    }
    /// Contacts with participants, newest first.
    async fn contacts(&self, ctx: &Context<'_>) -> Result<Vec<Contact>> {
        Ok(
            service::contacts(&server(ctx).db, self.model.id, self.access)
                .await?
                .into_iter()
                .map(Contact)
                .collect(),
        )
    }
    /// Every consent given or withdrawn, oldest first (the history).
    async fn consents(&self, ctx: &Context<'_>) -> Result<Vec<Consent>> {
        Ok(
            service::consents(&server(ctx).db, self.model.id, self.access)
                .await?
                .into_iter()
                .map(Consent)
                .collect(),
        )
    }
    /// Stage changes, oldest first.
    async fn stage_history(&self, ctx: &Context<'_>) -> Result<Vec<CaseEvent>> {
        Ok(service::events(&server(ctx).db, self.model.id)
            .await?
            .into_iter()
            .map(|e| CaseEvent {
                row: e,
                access: self.access,
            })
            .collect())
    }
    /// Risk assessments, newest first (full access only).
    async fn risk_assessments(&self, ctx: &Context<'_>) -> Result<Vec<RiskAssessment>> {
        if self.access != CaseAccess::Full {
            return Ok(Vec::new());
        }
        Ok(service::risk_assessments(&server(ctx).db, self.model.id)
            .await?
            .into_iter()
            .map(RiskAssessment)
            .collect())
    }
    async fn facilitators(&self, ctx: &Context<'_>) -> Result<Vec<CaseFacilitator>> {
        Ok(service::facilitators(&server(ctx).db, self.model.id)
            .await?
            .into_iter()
            .map(|(f, name)| CaseFacilitator {
                user_id: to_id(f.user_id),
                name,
                role: f
                    .role
                    .parse::<model::FacilitatorRole>()
                    .map(Into::into)
                    .unwrap_or(FacilitatorRole::Co),
                assigned_at: f.assigned_at,
            })
            .collect())
    }
    async fn supervisor_name(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        Ok(crate::graphql::loaders::user_name(ctx, self.model.supervisor_id).await?)
    }
}

#[derive(SimpleObject)]
pub struct CaseFacilitator {
    pub user_id: ID,
    pub name: String,
    pub role: FacilitatorRole,
    pub assigned_at: DateTime<Utc>,
}

pub struct Participant {
    row: crate::entities::case_participant::Model,
    person: person::Model,
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
        match service::side_of(&self.row.role) {
            model::Side::Harmed => Side::Harmed,
            model::Side::Responsible => Side::Responsible,
        }
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
}

pub struct Contact(contact::Model);

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

pub struct Consent(consent::Model);

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
    row: case_event::Model,
    access: CaseAccess,
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
        (self.access == CaseAccess::Full)
            .then_some(self.row.reason_text.as_deref())
            .flatten()
    }
    async fn actor_name(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        Ok(crate::graphql::loaders::user_name(ctx, self.row.actor_id).await?)
    }
}

pub struct RiskAssessment(risk_assessment::Model);

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
        }
    }
}

#[derive(InputObject)]
pub struct MoveCaseInput {
    pub case_id: ID,
    pub to: Stage,
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

#[derive(Default)]
pub struct CasesQuery;

#[Object]
impl CasesQuery {
    /// People whose name contains the text, to add someone already known to another case
    /// (co-ordinator; audited).
    async fn people(
        &self,
        ctx: &Context<'_>,
        search: String,
        first: Option<i32>,
    ) -> Result<Vec<PersonMatch>> {
        let s = server(ctx);
        let rows = people_mod::search(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            &search,
            first.unwrap_or(20).max(1) as u64,
        )
        .await?;
        let mut out = Vec::new();
        for (p, cases) in rows {
            let mut list = Vec::new();
            for (cp, c) in cases {
                list.push(PersonCase {
                    case_id: to_id(c.id),
                    reference: c.reference,
                    role: parse_stored::<model::ParticipantRole>(&cp.role)?.into(),
                });
            }
            out.push(PersonMatch {
                person: Person(p),
                cases: list,
            });
        }
        Ok(out)
    }

    /// One case, as much of it as the reader may see. Reading it is audited.
    async fn case(&self, ctx: &Context<'_>, id: ID) -> Result<Case> {
        let s = server(ctx);
        let (model, access) =
            service::open(&s.db, s.clock.now(), actor(ctx)?, parse("id", &id)?).await?;
        Ok(Case { model, access })
    }

    /// The case list: every case for the co-ordinator, supervised cases for a supervisor.
    async fn cases(
        &self,
        ctx: &Context<'_>,
        filter: Option<CaseFilterInput>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, Case>> {
        let s = server(ctx);
        let page = Page::new(first, after.as_deref())?;
        let f = filter.unwrap_or_default();
        let rows = service::list(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            CaseFilter {
                stages: f.stages.into_iter().map(Into::into).collect(),
                awaiting_offender: f.awaiting_offender,
                reference: f.reference,
                oldest_first: f.oldest_first,
            },
            page,
        )
        .await?;
        Ok(connection(
            page,
            rows.into_iter()
                .map(|model| Case {
                    model,
                    access: CaseAccess::Full,
                })
                .collect(),
        ))
    }

    /// The cases a facilitator works on.
    async fn my_cases(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, Case>> {
        let s = server(ctx);
        let a = actor(ctx)?;
        let page = Page::new(first, after.as_deref())?;
        let rows = service::mine(&s.db, a, page).await?;
        let mut out = Vec::with_capacity(rows.len());
        for model in rows {
            let access =
                super::policy::case_access(a, &model, true).unwrap_or(CaseAccess::OffenderSide);
            out.push(Case { model, access });
        }
        Ok(connection(page, out))
    }

    /// The status of referrals the reader made (and, for partner-agency staff, their agency's).
    async fn my_referrals(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, ReferralStatus>> {
        let s = server(ctx);
        let page = Page::new(first, after.as_deref())?;
        let rows = service::referrals_followed(&s.db, actor(ctx)?, page).await?;
        Ok(connection(
            page,
            rows.into_iter().map(ReferralStatus).collect(),
        ))
    }
}

#[derive(Default)]
pub struct CasesMutation;

async fn payload(ctx: &Context<'_>, model: case::Model) -> Result<Case> {
    let s = server(ctx);
    let (model, access) = service::visible(&s.db, actor(ctx)?, model.id).await?;
    Ok(Case { model, access })
}

#[Object]
impl CasesMutation {
    /// Moves a case to its next stage (R-CW-1); illegal moves are refused with the legal ones.
    async fn move_case(&self, ctx: &Context<'_>, input: MoveCaseInput) -> Result<CasePayload> {
        let s = server(ctx);
        let c = service::move_case(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("caseId", &input.case_id)?,
            input.to.into(),
            input.reason.as_deref(),
        )
        .await?;
        Ok(CasePayload {
            case: payload(ctx, c).await?,
        })
    }

    /// Stops a case at whatever stage it is, with the reason (R-CW-1, R-RP-5).
    async fn withdraw_case(
        &self,
        ctx: &Context<'_>,
        input: WithdrawCaseInput,
    ) -> Result<CasePayload> {
        let s = server(ctx);
        let c = service::withdraw(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("caseId", &input.case_id)?,
            &input.reason_code,
            input.reason_text.as_deref(),
        )
        .await?;
        Ok(CasePayload {
            case: payload(ctx, c).await?,
        })
    }

    /// The co-ordinator's suitability decision (R-AS-1).
    async fn assess_referral(
        &self,
        ctx: &Context<'_>,
        input: AssessReferralInput,
    ) -> Result<CasePayload> {
        let s = server(ctx);
        let c = service::assess(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("caseId", &input.case_id)?,
            input.suitable,
            input.reason_code.as_deref(),
            input.notes.as_deref(),
        )
        .await?;
        Ok(CasePayload {
            case: payload(ctx, c).await?,
        })
    }

    /// Turns an enquiry into a referral (R-IN-1).
    async fn convert_enquiry(&self, ctx: &Context<'_>, input: CaseIdInput) -> Result<CasePayload> {
        let s = server(ctx);
        let c = service::convert_enquiry(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("caseId", &input.case_id)?,
        )
        .await?;
        Ok(CasePayload {
            case: payload(ctx, c).await?,
        })
    }

    /// The offender of a parked case has been identified (R-IN-7).
    async fn mark_offender_identified(
        &self,
        ctx: &Context<'_>,
        input: CaseIdInput,
    ) -> Result<CasePayload> {
        let s = server(ctx);
        let c = service::offender_identified(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("caseId", &input.case_id)?,
        )
        .await?;
        Ok(CasePayload {
            case: payload(ctx, c).await?,
        })
    }

    async fn add_participant(
        &self,
        ctx: &Context<'_>,
        input: AddParticipantInput,
    ) -> Result<ParticipantPayload> {
        let s = server(ctx);
        let case_id = parse("caseId", &input.case_id)?;
        let person_id = input
            .person_id
            .as_ref()
            .map(|p| parse("personId", p))
            .transpose()?;
        let row = service::add_participant(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            case_id,
            service::NewParticipant {
                existing_person: person_id,
                new_person: input.person.map(Into::into),
                role: input.role.into(),
                relationship: input.relationship,
            },
        )
        .await?;
        let model = service::load(&s.db, case_id).await?;
        let found = service::participants(&s.db, case_id, CaseAccess::Full)
            .await?
            .into_iter()
            .find(|(p, _)| p.id == row.id);
        let (row, person) = found.ok_or(AppError::NotFound("The participant"))?;
        Ok(ParticipantPayload {
            participant: Participant { row, person },
            case: payload(ctx, model).await?,
        })
    }

    /// Logs a contact with a participant (R-CW-2).
    async fn log_contact(
        &self,
        ctx: &Context<'_>,
        input: LogContactInput,
    ) -> Result<ContactPayload> {
        let s = server(ctx);
        let case_id = parse("caseId", &input.case_id)?;
        let participant = input
            .participant_id
            .as_ref()
            .map(|p| parse("participantId", p))
            .transpose()?;
        let row = service::log_contact(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            case_id,
            service::ContactEntry {
                participant_id: participant,
                at: input.at,
                channel: input.channel.into(),
                summary: &input.summary,
                idempotency_key: input.idempotency_key.as_deref(),
            },
        )
        .await?;
        let model = service::load(&s.db, case_id).await?;
        Ok(ContactPayload {
            contact: Contact(row),
            case: payload(ctx, model).await?,
        })
    }

    /// Records a risk assessment (R-AS-2); required, and in date, before the intervention.
    async fn record_risk_assessment(
        &self,
        ctx: &Context<'_>,
        input: RecordRiskAssessmentInput,
    ) -> Result<RiskAssessmentPayload> {
        let s = server(ctx);
        let case_id = parse("caseId", &input.case_id)?;
        let row = service::record_risk(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            case_id,
            RiskInput {
                risk_to: input.risk_to.into_iter().map(Into::into).collect(),
                level: input.level.into(),
                factors: input.factors.as_deref(),
                mitigations: input.mitigations.as_deref(),
                review_on: input.review_on,
            },
        )
        .await?;
        let model = service::load(&s.db, case_id).await?;
        Ok(RiskAssessmentPayload {
            risk_assessment: RiskAssessment(row),
            case: payload(ctx, model).await?,
        })
    }

    /// Records consent given or withdrawn, per purpose (R-AS-3, R-ST-3).
    async fn record_consent(
        &self,
        ctx: &Context<'_>,
        input: RecordConsentInput,
    ) -> Result<ConsentPayload> {
        let s = server(ctx);
        let case_id = parse("caseId", &input.case_id)?;
        let rows = service::record_consent(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            case_id,
            service::ConsentEntry {
                participant_id: parse("participantId", &input.participant_id)?,
                purpose: input.purpose.into(),
                given: input.given,
                method: input.method.into(),
                note: input.note,
            },
        )
        .await?;
        let model = service::load(&s.db, case_id).await?;
        Ok(ConsentPayload {
            consents: rows.into_iter().map(Consent).collect(),
            case: payload(ctx, model).await?,
        })
    }

    /// Support needs, and an onward referral to the Victims' Hub (R-AS-4).
    async fn record_support_needs(
        &self,
        ctx: &Context<'_>,
        input: RecordSupportNeedsInput,
    ) -> Result<CasePayload> {
        let s = server(ctx);
        let c = service::record_support(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("caseId", &input.case_id)?,
            input.support_needs.as_deref(),
            input.refer_to_victims_hub,
        )
        .await?;
        Ok(CasePayload {
            case: payload(ctx, c).await?,
        })
    }

    /// The intervention model for the case (R-CW-3).
    async fn set_intervention_model(
        &self,
        ctx: &Context<'_>,
        input: SetInterventionModelInput,
    ) -> Result<CasePayload> {
        let s = server(ctx);
        let c = service::set_intervention_model(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("caseId", &input.case_id)?,
            &input.model,
        )
        .await?;
        Ok(CasePayload {
            case: payload(ctx, c).await?,
        })
    }

    /// Allocates a facilitator directly (when they have already agreed), as lead or co-facilitator.
    async fn assign_facilitator(
        &self,
        ctx: &Context<'_>,
        input: AssignFacilitatorInput,
    ) -> Result<CasePayload> {
        let s = server(ctx);
        let c = service::assign_facilitator(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("caseId", &input.case_id)?,
            parse("facilitatorId", &input.facilitator_id)?,
            input.role.into(),
        )
        .await?;
        Ok(CasePayload {
            case: payload(ctx, c).await?,
        })
    }

    async fn assign_supervisor(
        &self,
        ctx: &Context<'_>,
        input: AssignSupervisorInput,
    ) -> Result<CasePayload> {
        let s = server(ctx);
        let c = service::assign_supervisor(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("caseId", &input.case_id)?,
            parse("supervisorId", &input.supervisor_id)?,
        )
        .await?;
        Ok(CasePayload {
            case: payload(ctx, c).await?,
        })
    }
}
