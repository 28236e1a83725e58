//! The outcomes slice of the graph: agreements and sign-off.

use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};

use super::service::{self, Checklist, ItemInput, SignOffInput, SignOffKind as DomainKind};
use crate::areas::cases::graphql::{Case, payload};
use crate::entities::{agreement_item, sign_off};
use crate::graphql::context::{actor, server};
use crate::graphql::ids::{parse, to_id};

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "service::ItemKind")]
pub enum AgreementItemKind {
    Apology,
    Reparation,
    Undertaking,
    Other,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "DomainKind")]
pub enum SignOffKind {
    Conference,
    Closure,
}

pub struct AgreementItem(agreement_item::Model);

#[Object]
impl AgreementItem {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn case_id(&self) -> ID {
        to_id(self.0.case_id)
    }
    async fn kind(&self) -> Result<AgreementItemKind> {
        Ok(self.0.kind.parse::<service::ItemKind>()?.into())
    }
    async fn responsible_participant_id(&self) -> Option<ID> {
        self.0.responsible_participant_id.map(to_id)
    }
    async fn description(&self) -> &str {
        &self.0.description
    }
    async fn due_on(&self) -> Option<NaiveDate> {
        self.0.due_on
    }
    async fn completed_at(&self) -> Option<DateTime<Utc>> {
        self.0.completed_at
    }
    async fn completion_note(&self) -> Option<&str> {
        self.0.completion_note.as_deref()
    }
    /// Past its due date and not done.
    async fn overdue(&self, ctx: &Context<'_>) -> bool {
        let today = crate::kernel::today(server(ctx).clock.now());
        self.0.completed_at.is_none() && self.0.due_on.is_some_and(|d| d < today)
    }
}

#[derive(SimpleObject)]
pub struct OverdueItem {
    pub item: AgreementItem,
    pub case_reference: String,
}

#[derive(SimpleObject)]
pub struct SignOffChecklist {
    pub risk_reviewed: bool,
    pub consent_confirmed: bool,
    pub agreement_recorded: bool,
    pub wellbeing_follow_up: bool,
}

pub struct SignOff(sign_off::Model);

#[Object]
impl SignOff {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn kind(&self) -> Result<SignOffKind> {
        Ok(self.0.kind.parse::<DomainKind>()?.into())
    }
    async fn meeting_id(&self) -> Option<ID> {
        self.0.meeting_id.map(to_id)
    }
    async fn approved(&self) -> bool {
        self.0.approved
    }
    async fn comments(&self) -> Option<&str> {
        self.0.comments.as_deref()
    }
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }
    async fn checklist(&self) -> SignOffChecklist {
        let c: Checklist = serde_json::from_value(self.0.checklist.clone()).unwrap_or_default();
        SignOffChecklist {
            risk_reviewed: c.risk_reviewed,
            consent_confirmed: c.consent_confirmed,
            agreement_recorded: c.agreement_recorded,
            wellbeing_follow_up: c.wellbeing_follow_up,
        }
    }
}

#[derive(SimpleObject)]
pub struct SignOffTask {
    pub kind: SignOffKind,
    pub case: Case,
    pub meeting_id: Option<ID>,
    pub meeting_at: Option<DateTime<Utc>>,
}

#[derive(InputObject)]
pub struct AgreementItemInput {
    pub kind: AgreementItemKind,
    /// Who does it (a participant of the case).
    pub responsible_participant_id: Option<ID>,
    pub description: String,
    pub due_on: Option<NaiveDate>,
}

#[derive(InputObject)]
pub struct RecordOutcomeAgreementInput {
    pub case_id: ID,
    pub meeting_id: Option<ID>,
    pub items: Vec<AgreementItemInput>,
}

#[derive(InputObject)]
pub struct CompleteAgreementItemInput {
    pub item_id: ID,
    pub note: Option<String>,
}

#[derive(InputObject)]
pub struct ChecklistInput {
    pub risk_reviewed: bool,
    pub consent_confirmed: bool,
    pub agreement_recorded: bool,
    pub wellbeing_follow_up: bool,
}

#[derive(InputObject)]
pub struct SignOffConferenceInput {
    pub case_id: ID,
    pub meeting_id: ID,
    pub checklist: ChecklistInput,
    /// Sign off, or send back with comments.
    pub approve: bool,
    pub comments: Option<String>,
}

#[derive(InputObject)]
pub struct SignOffClosureInput {
    pub case_id: ID,
    pub checklist: ChecklistInput,
    /// Sign off (the case closes), or send back with comments.
    pub approve: bool,
    pub comments: Option<String>,
}

#[derive(SimpleObject)]
pub struct AgreementPayload {
    pub items: Vec<AgreementItem>,
}
#[derive(SimpleObject)]
pub struct AgreementItemPayload {
    pub item: AgreementItem,
}
#[derive(SimpleObject)]
pub struct SignOffPayload {
    pub sign_off: SignOff,
    pub case: Case,
}

fn checklist(c: ChecklistInput) -> Checklist {
    Checklist {
        risk_reviewed: c.risk_reviewed,
        consent_confirmed: c.consent_confirmed,
        agreement_recorded: c.agreement_recorded,
        wellbeing_follow_up: c.wellbeing_follow_up,
    }
}

/// One checklist item of a sign-off and what the record shows for it.
#[derive(SimpleObject)]
pub struct SignOffEvidence {
    /// `risk_reviewed`, `consent_confirmed`, `agreement_recorded` or `wellbeing_follow_up`:
    /// the checklist field it belongs to.
    pub item: String,
    /// What ticking it confirms.
    pub label: String,
    /// The record holds what it confirms; only then may it be ticked.
    pub met: bool,
    /// What the record shows, a line each.
    pub shows: Vec<String>,
    /// What is missing, when not met.
    pub missing: Option<String>,
}

#[derive(Default)]
pub struct OutcomesQuery;

#[Object]
impl OutcomesQuery {
    /// A case's outcome agreement items.
    async fn agreement_items(&self, ctx: &Context<'_>, case_id: ID) -> Result<Vec<AgreementItem>> {
        let s = server(ctx);
        Ok(service::items_of(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("caseId", &case_id)?,
        )
        .await?
        .into_iter()
        .map(AgreementItem)
        .collect())
    }
    /// Items past their due date and not done (co-ordinator).
    async fn overdue_agreement_items(&self, ctx: &Context<'_>) -> Result<Vec<OverdueItem>> {
        let s = server(ctx);
        Ok(service::overdue(&s.db, actor(ctx)?, s.clock.now())
            .await?
            .into_iter()
            .map(|(i, c)| OverdueItem {
                item: AgreementItem(i),
                case_reference: c.case().reference.clone(),
            })
            .collect())
    }
    /// What the record shows for each checklist item of a sign-off (the case's supervisor):
    /// an item can be confirmed only when `met`.
    async fn sign_off_evidence(
        &self,
        ctx: &Context<'_>,
        case_id: ID,
        kind: SignOffKind,
        meeting_id: Option<ID>,
    ) -> Result<Vec<SignOffEvidence>> {
        let s = server(ctx);
        let meeting = meeting_id.map(|m| parse("meetingId", &m)).transpose()?;
        Ok(service::evidence_for(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("caseId", &case_id)?,
            kind.into(),
            meeting,
        )
        .await?
        .into_iter()
        .map(|e| SignOffEvidence {
            item: e.item.as_str().to_string(),
            label: e.item.label().into(),
            met: e.met,
            shows: e.shows,
            missing: e.missing,
        })
        .collect())
    }
    /// A case's sign-offs, oldest first.
    async fn sign_offs(&self, ctx: &Context<'_>, case_id: ID) -> Result<Vec<SignOff>> {
        let s = server(ctx);
        Ok(service::sign_offs_of(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("caseId", &case_id)?,
        )
        .await?
        .into_iter()
        .map(SignOff)
        .collect())
    }
    /// Conferences and closures awaiting the signed-in supervisor.
    async fn sign_off_queue(&self, ctx: &Context<'_>) -> Result<Vec<SignOffTask>> {
        let s = server(ctx);
        Ok(service::queue(&s.db, actor(ctx)?, s.clock.now())
            .await?
            .into_iter()
            .map(|q| SignOffTask {
                kind: if q.conference.is_some() {
                    SignOffKind::Conference
                } else {
                    SignOffKind::Closure
                },
                meeting_id: q.conference.as_ref().map(|m| to_id(m.id)),
                meeting_at: q.conference.as_ref().map(|m| m.starts_at),
                case: q.case.into(),
            })
            .collect())
    }
}

#[derive(Default)]
pub struct OutcomesMutation;

#[Object]
impl OutcomesMutation {
    /// Records what was agreed: who does what by when (R-CW-5).
    async fn record_outcome_agreement(
        &self,
        ctx: &Context<'_>,
        input: RecordOutcomeAgreementInput,
    ) -> Result<AgreementPayload> {
        let s = server(ctx);
        let mut items = Vec::new();
        for i in input.items {
            items.push(ItemInput {
                kind: i.kind.into(),
                responsible_participant_id: i
                    .responsible_participant_id
                    .as_ref()
                    .map(|p| parse("responsibleParticipantId", p))
                    .transpose()?,
                description: i.description,
                due_on: i.due_on,
            });
        }
        let meeting = input
            .meeting_id
            .as_ref()
            .map(|m| parse("meetingId", m))
            .transpose()?;
        let rows = service::record_agreement(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("caseId", &input.case_id)?,
            meeting,
            items,
        )
        .await?;
        Ok(AgreementPayload {
            items: rows.into_iter().map(AgreementItem).collect(),
        })
    }

    /// Marks an item done; doing it again changes nothing.
    async fn complete_agreement_item(
        &self,
        ctx: &Context<'_>,
        input: CompleteAgreementItemInput,
    ) -> Result<AgreementItemPayload> {
        let s = server(ctx);
        let row = service::complete_item(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("itemId", &input.item_id)?,
            input.note.as_deref(),
        )
        .await?;
        Ok(AgreementItemPayload {
            item: AgreementItem(row),
        })
    }

    /// The case supervisor signs off a held conference, or sends it back (R-CW-6).
    async fn sign_off_conference(
        &self,
        ctx: &Context<'_>,
        input: SignOffConferenceInput,
    ) -> Result<SignOffPayload> {
        let s = server(ctx);
        let (row, c) = service::sign_off(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            SignOffInput {
                kind: DomainKind::Conference,
                case_id: parse("caseId", &input.case_id)?,
                meeting_id: Some(parse("meetingId", &input.meeting_id)?),
                checklist: checklist(input.checklist),
                approve: input.approve,
                comments: input.comments,
            },
        )
        .await?;
        Ok(SignOffPayload {
            sign_off: SignOff(row),
            case: payload(ctx, c.id(), "signOff").await?,
        })
    }

    /// The case supervisor signs off the closure (the case closes), or sends it back.
    async fn sign_off_closure(
        &self,
        ctx: &Context<'_>,
        input: SignOffClosureInput,
    ) -> Result<SignOffPayload> {
        let s = server(ctx);
        let (row, c) = service::sign_off(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            SignOffInput {
                kind: DomainKind::Closure,
                case_id: parse("caseId", &input.case_id)?,
                meeting_id: None,
                checklist: checklist(input.checklist),
                approve: input.approve,
                comments: input.comments,
            },
        )
        .await?;
        Ok(SignOffPayload {
            sign_off: SignOff(row),
            case: payload(ctx, c.id(), "signOff").await?,
        })
    }
}
