//! The `Case` object: a case as its reader may see it, and what they may do with it.

use async_graphql::{Context, ID, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::records::{CaseEvent, CaseMessage, Consent, Contact, Participant, RiskAssessment};
use super::types::{
    CaseAccessLevel, CaseRelation, EnhancedRights, FacilitatorRole, Stage, parse_stored,
};
use crate::access::CaseView;
use crate::areas::cases::{clocks, lifecycle, model, service};
use crate::entities::case;
use crate::graphql::context::{actor, server};
use crate::graphql::ids::to_id;

/// A case as its reader may see it: made only from a `CaseView`, which only the access layer
/// hands out, so a resolver cannot show more than the reader's access.
pub struct Case {
    view: CaseView,
}

impl From<CaseView> for Case {
    fn from(view: CaseView) -> Self {
        Self { view }
    }
}

impl Case {
    fn m(&self) -> &case::Model {
        self.view.case()
    }
}

#[Object]
impl Case {
    async fn id(&self) -> ID {
        to_id(self.m().id)
    }
    /// The reference people quote, e.g. RJ26-K7Q9M.
    async fn reference(&self) -> &str {
        &self.m().reference
    }
    async fn access(&self) -> CaseAccessLevel {
        self.view.level().into()
    }
    /// Why the reader may see it (and the purpose its reads are audited with).
    async fn reader_relation(&self) -> CaseRelation {
        self.view.relation().into()
    }
    async fn stage(&self) -> Result<Stage> {
        Ok(parse_stored::<model::Stage>(&self.m().stage)?.into())
    }
    async fn stage_label(&self) -> Result<&'static str> {
        Ok(parse_stored::<model::Stage>(&self.m().stage)?.label())
    }
    /// For a stopped case (withdrawn or not suitable): the stage it was at.
    async fn stopped_at_stage(&self) -> Result<Option<Stage>> {
        Ok(match &self.m().stopped_at_stage {
            Some(s) => Some(parse_stored::<model::Stage>(s)?.into()),
            None => None,
        })
    }
    async fn stop_reason_code(&self) -> Option<&str> {
        self.m().stop_reason_code.as_deref()
    }
    async fn stop_reason_text(&self) -> Option<&str> {
        self.view.if_full(self.m().stop_reason_text.as_deref())
    }
    async fn received_at(&self) -> DateTime<Utc> {
        self.m().received_at
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.m().updated_at
    }
    /// Whole days since the case was received.
    async fn age_days(&self, ctx: &Context<'_>) -> i64 {
        (server(ctx).clock.now() - self.m().received_at).num_days()
    }
    async fn referral_source(&self) -> &str {
        &self.m().referral_source
    }
    /// Why the victim is entitled to enhanced rights under the Victims' Code; null when they
    /// are not (full access only).
    async fn enhanced_rights(&self) -> Result<Option<EnhancedRights>> {
        match self
            .view
            .if_full(self.m().enhanced_rights_reason.as_deref())
        {
            Some(r) => Ok(Some(parse_stored::<model::EnhancedRights>(r)?.into())),
            None => Ok(None),
        }
    }
    /// The Victims' Code clocks: when each is due, met or overdue (full access only).
    async fn clocks(&self, ctx: &Context<'_>) -> Result<Vec<CaseClock>> {
        if !self.view.full() {
            return Ok(Vec::new());
        }
        let s = server(ctx);
        Ok(clocks::of_case(&s.db, self.m().id, s.clock.now())
            .await?
            .into_iter()
            .map(|c| CaseClock {
                kind: c.kind.as_str().to_uppercase(),
                label: c.kind.label().into(),
                started_at: c.started_at,
                due_on: c.due_on,
                met_at: c.met_at,
                state: match c.state {
                    clocks::ClockState::Running => "RUNNING",
                    clocks::ClockState::MetOnTime => "MET_ON_TIME",
                    clocks::ClockState::MetLate => "MET_LATE",
                    clocks::ClockState::Overdue => "OVERDUE",
                }
                .into(),
                late_by: i32::try_from(c.late_by).unwrap_or(i32::MAX),
                due_in: i32::try_from(c.due_in).unwrap_or(i32::MAX),
            })
            .collect())
    }
    /// Why to check this case before contacting anyone (a self-referral that came as one of
    /// many from one connection); null for most.
    async fn intake_check(&self) -> Option<&str> {
        self.view.if_full(self.m().intake_check.as_deref())
    }
    async fn referring_agency(&self) -> Option<&str> {
        self.m().referring_agency.as_deref()
    }
    async fn offender_initiated(&self) -> bool {
        self.m().offender_initiated
    }
    async fn offence_category(&self) -> Option<&str> {
        self.m().offence_category.as_deref()
    }
    async fn hate_crime(&self) -> bool {
        self.m().hate_crime
    }
    /// What happened, in the referrer's words (may identify the victim: full access only).
    async fn offence_summary(&self) -> Option<&str> {
        self.view.if_full(self.m().offence_summary.as_deref())
    }
    async fn reported_to_police(&self) -> Option<bool> {
        self.m().reported_to_police
    }
    async fn crime_reference(&self) -> Option<&str> {
        self.view.if_full(self.m().crime_reference.as_deref())
    }
    async fn proceedings_stage(&self) -> Option<&str> {
        self.m().proceedings_stage.as_deref()
    }
    async fn area(&self) -> Option<&str> {
        self.view.if_full(self.m().area.as_deref())
    }
    async fn area_detail(&self) -> Option<&str> {
        self.view.if_full(self.m().area_detail.as_deref())
    }
    /// Where a relocated victim came from (R-IN-8).
    async fn originating_area(&self) -> Option<&str> {
        self.view.if_full(self.m().originating_area.as_deref())
    }
    async fn offender_identified(&self) -> bool {
        self.m().offender_identified
    }
    /// "Contact me if an offender is identified" (R-IN-7): parked until then.
    async fn awaiting_offender(&self) -> bool {
        self.m().awaiting_offender
    }
    async fn intervention_model(&self) -> Option<&str> {
        self.m().intervention_model.as_deref()
    }
    async fn suitable(&self) -> Option<bool> {
        self.view.if_full(self.m().suitable)
    }
    async fn suitability_reason_code(&self) -> Option<&str> {
        self.view
            .if_full(self.m().suitability_reason_code.as_deref())
    }
    async fn suitability_notes(&self) -> Option<&str> {
        self.view.if_full(self.m().suitability_notes.as_deref())
    }
    async fn assessed_at(&self) -> Option<DateTime<Utc>> {
        self.m().assessed_at
    }
    async fn support_needs(&self) -> Option<&str> {
        self.view.if_full(self.m().support_needs.as_deref())
    }
    /// When the victim was referred back to the Victims' Hub for support (R-AS-4).
    async fn victims_hub_referred_at(&self) -> Option<DateTime<Utc>> {
        self.view.if_full(self.m().victims_hub_referred_at)
    }
    async fn first_contact_at(&self, ctx: &Context<'_>) -> Result<Option<DateTime<Utc>>> {
        Ok(service::first_contact_at(&server(ctx).db, &self.view).await?)
    }
    /// The people taking part that the reader may see.
    async fn participants(&self, ctx: &Context<'_>) -> Result<Vec<Participant>> {
        let rows = service::participants(&server(ctx).db, &self.view).await?;
        Ok(rows
            .into_iter()
            .map(|(p, person)| Participant { row: p, person })
            .collect())
    }
    /// Contacts with participants, newest first.
    async fn contacts(&self, ctx: &Context<'_>) -> Result<Vec<Contact>> {
        Ok(service::contacts(&server(ctx).db, &self.view)
            .await?
            .into_iter()
            .map(Contact)
            .collect())
    }
    /// Every message the Hub sent or tried to send to the participants, newest first: by which
    /// channel, in which language, and whether it was held for a safe time, sent, delivered,
    /// failed or not sent and why (R-ST-4).
    async fn messages(&self, ctx: &Context<'_>) -> Result<Vec<CaseMessage>> {
        Ok(service::messages(&server(ctx).db, &self.view)
            .await?
            .into_iter()
            .map(CaseMessage)
            .collect())
    }
    /// Every consent given or withdrawn, oldest first (the history).
    async fn consents(&self, ctx: &Context<'_>) -> Result<Vec<Consent>> {
        Ok(service::consents(&server(ctx).db, &self.view)
            .await?
            .into_iter()
            .map(Consent)
            .collect())
    }
    /// Stage changes, oldest first.
    async fn stage_history(&self, ctx: &Context<'_>) -> Result<Vec<CaseEvent>> {
        Ok(service::events(&server(ctx).db, &self.view)
            .await?
            .into_iter()
            .map(|e| CaseEvent {
                row: e,
                full: self.view.full(),
            })
            .collect())
    }
    /// Risk assessments, newest first (full access only).
    async fn risk_assessments(&self, ctx: &Context<'_>) -> Result<Vec<RiskAssessment>> {
        Ok(service::risk_assessments(&server(ctx).db, &self.view)
            .await?
            .into_iter()
            .map(RiskAssessment)
            .collect())
    }
    async fn facilitators(&self, ctx: &Context<'_>) -> Result<Vec<CaseFacilitator>> {
        Ok(service::facilitators(&server(ctx).db, &self.view)
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
        Ok(crate::graphql::loaders::user_name(ctx, self.m().supervisor_id).await?)
    }
    /// What the reader may do with this case now, as the server decides it: the app shows
    /// exactly these actions.
    async fn viewer_can(&self, ctx: &Context<'_>) -> Result<CaseViewerCan> {
        let s = server(ctx);
        let can = lifecycle::viewer_can(actor(ctx)?, &self.view);
        let moves = lifecycle::move_options(&s.db, &self.view, s.clock.now())
            .await?
            .into_iter()
            .map(|m| StageMove {
                to: m.to.into(),
                label: m.to.label(),
                allowed: m.blockers.is_empty(),
                blockers: m.blockers,
                reason_can_replace: m.reason_replaces,
            })
            .collect();
        Ok(CaseViewerCan {
            work: can.work,
            moves,
            withdraw: can.withdraw,
            assess: can.assess,
            convert_enquiry: can.convert_enquiry,
            mark_offender_identified: can.mark_offender_identified,
            add_participants: can.add_participants,
            allocate: can.allocate,
            assign_supervisor: can.assign_supervisor,
            sign_off: can.sign_off,
            record_reoffending_check: can.record_reoffending_check,
            record_agreement: can.record_agreement,
            answer_data_rights: can.answer_data_rights,
            handle_complaints: can.handle_complaints,
        })
    }
}

#[derive(SimpleObject)]
pub struct CaseFacilitator {
    pub user_id: ID,
    pub name: String,
    pub role: FacilitatorRole,
    pub assigned_at: DateTime<Utc>,
}

/// A stage `moveCase` can take this case to, for this reader.
#[derive(SimpleObject)]
pub struct StageMove {
    pub to: Stage,
    pub label: &'static str,
    /// False while something is missing (see `blockers`).
    pub allowed: bool,
    /// What must be done first, in words ("record a risk assessment").
    pub blockers: Vec<String>,
    /// A `reason` in words stands in for one of the blockers (an outcome with no agreement:
    /// the reason there is none), so the app asks for it.
    pub reason_can_replace: bool,
}

/// What the reader may do with a case now. Each answer is the rule the matching mutation
/// applies; anything else they try is refused.
#[derive(SimpleObject)]
pub struct CaseViewerCan {
    /// Record work: contacts, risk, consent, support needs, the model, meetings, satisfaction.
    pub work: bool,
    /// The `moveCase` moves offered (closing is the supervisor's sign-off, not a move).
    pub moves: Vec<StageMove>,
    /// Stop the case (`withdrawCase`).
    pub withdraw: bool,
    /// Record the suitability assessment.
    pub assess: bool,
    pub convert_enquiry: bool,
    pub mark_offender_identified: bool,
    pub add_participants: bool,
    /// Offer the case or allocate facilitators.
    pub allocate: bool,
    pub assign_supervisor: bool,
    /// Sign off its conferences and closure (its own case supervisor).
    pub sign_off: bool,
    pub record_reoffending_check: bool,
    /// Record outcome agreement items (after the intervention).
    pub record_agreement: bool,
    /// Export or erase a participant's data (subject access, erasure).
    pub answer_data_rights: bool,
    /// See and record complaints about the case.
    pub handle_complaints: bool,
}

/// A Victims' Code clock on a case (R-ST-2), counted in England and Wales working days.
#[derive(SimpleObject)]
pub struct CaseClock {
    /// `RJ_INFORMATION` or `ONWARD_REFERRAL`.
    pub kind: String,
    pub label: String,
    pub started_at: DateTime<Utc>,
    /// The last day on which meeting it is on time.
    pub due_on: chrono::NaiveDate,
    pub met_at: Option<DateTime<Utc>>,
    /// `RUNNING`, `MET_ON_TIME`, `MET_LATE` or `OVERDUE`.
    pub state: String,
    /// Working days it was met late by, or has been overdue.
    pub late_by: i32,
    /// Working days left before it is due (0 on the due day).
    pub due_in: i32,
}
