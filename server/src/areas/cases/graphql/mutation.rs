//! The cases slice's mutations: three lines each — extract, call the service, map.

use async_graphql::{Context, Object, Result};
use uuid::Uuid;

use super::case::Case;
use super::inputs::*;
use super::records::{Consent, Contact, Participant, Person, RiskAssessment};
use crate::access::case as access;
use crate::areas::cases::service::{self, RiskInput};
use crate::error::AppError;
use crate::graphql::context::{actor, server};
use crate::graphql::ids::parse;

#[derive(Default)]
pub struct CasesMutation;

/// The case as the actor may see it after their change, read afresh (and audited as read).
pub(crate) async fn payload(ctx: &Context<'_>, case_id: Uuid, via: &'static str) -> Result<Case> {
    let s = server(ctx);
    let view = access::open(&s.db, s.clock.now(), actor(ctx)?, case_id, via, None).await?;
    Ok(view.into())
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
            case: payload(ctx, c.id(), "moveCase").await?,
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
            case: payload(ctx, c.id(), "withdrawCase").await?,
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
            case: payload(ctx, c.id(), "assessReferral").await?,
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
            case: payload(ctx, c.id(), "convertEnquiry").await?,
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
            case: payload(ctx, c.id(), "markOffenderIdentified").await?,
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
        let view = access::open(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            case_id,
            "addParticipant",
            None,
        )
        .await?;
        let found = service::participants(&s.db, &view)
            .await?
            .into_iter()
            .find(|(p, _)| p.id == row.id);
        let (row, person) = found.ok_or(AppError::NotFound("The participant"))?;
        Ok(ParticipantPayload {
            participant: Participant { row, person },
            case: view.into(),
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
        Ok(ContactPayload {
            contact: Contact(row),
            case: payload(ctx, case_id, "logContact").await?,
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
        Ok(RiskAssessmentPayload {
            risk_assessment: RiskAssessment(row),
            case: payload(ctx, case_id, "recordRiskAssessment").await?,
        })
    }

    /// Changes a participant's details and safe-contact profile (R-ST-4): channels, safe
    /// times, voicemail, discretion, the language written to them in. Messages already held
    /// are checked again against it before they go.
    async fn update_contact_profile(
        &self,
        ctx: &Context<'_>,
        input: UpdateContactProfileInput,
    ) -> Result<ContactProfilePayload> {
        let s = server(ctx);
        let case_id = parse("caseId", &input.case_id)?;
        let person = service::update_contact_profile(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            case_id,
            parse("participantId", &input.participant_id)?,
            &input.person.into(),
        )
        .await?;
        Ok(ContactProfilePayload {
            person: Person(person),
            case: payload(ctx, case_id, "updateContactProfile").await?,
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
        Ok(ConsentPayload {
            consents: rows.into_iter().map(Consent).collect(),
            case: payload(ctx, case_id, "recordConsent").await?,
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
            case: payload(ctx, c.id(), "recordSupportNeeds").await?,
        })
    }

    /// Whether the victim is entitled to enhanced rights under the Victims' Code, and why
    /// (null: not entitled); the information clock follows (co-ordinator).
    async fn set_enhanced_rights(
        &self,
        ctx: &Context<'_>,
        input: SetEnhancedRightsInput,
    ) -> Result<CasePayload> {
        let s = server(ctx);
        let c = service::set_enhanced_rights(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("caseId", &input.case_id)?,
            input.reason.map(Into::into),
        )
        .await?;
        Ok(CasePayload {
            case: payload(ctx, c.id(), "setEnhancedRights").await?,
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
            case: payload(ctx, c.id(), "setInterventionModel").await?,
        })
    }
}
