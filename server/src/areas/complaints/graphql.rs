//! The complaints slice of the graph (co-ordinator only).

use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};

use super::model;
use super::service::{self, ComplaintFilter, NewComplaint};
use crate::entities::{complaint, complaint_event};
use crate::graphql::context::{actor, server};
use crate::graphql::ids::{parse, to_id};

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::ComplaintCategory")]
pub enum ComplaintCategory {
    Service,
    Facilitator,
    Delay,
    Communication,
    DataProtection,
    Other,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::ReceivedVia")]
pub enum ComplaintReceivedVia {
    Phone,
    Email,
    Letter,
    InPerson,
    OnlineForm,
    Other,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::ComplaintOutcome")]
pub enum ComplaintOutcome {
    Upheld,
    PartlyUpheld,
    NotUpheld,
    Withdrawn,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::ComplaintEventKind")]
pub enum ComplaintEventKind {
    Received,
    Acknowledged,
    Note,
    Resolved,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Default)]
pub enum ComplaintStatusFilter {
    #[default]
    Open,
    /// Open and past the acknowledgement or response target.
    Overdue,
    Resolved,
    All,
}

pub struct ComplaintEvent(complaint_event::Model);

#[Object]
impl ComplaintEvent {
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }
    async fn kind(&self) -> Result<ComplaintEventKind> {
        Ok(self.0.kind.parse::<model::ComplaintEventKind>()?.into())
    }
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    async fn actor_name(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        Ok(crate::graphql::loaders::user_name(ctx, self.0.actor_id).await?)
    }
}

pub struct Complaint(complaint::Model);

#[Object]
impl Complaint {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    /// What the complainant is told to quote.
    async fn reference(&self) -> &str {
        &self.0.reference
    }
    async fn case_id(&self) -> Option<ID> {
        self.0.case_id.map(to_id)
    }
    async fn case_reference(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        Ok(crate::graphql::loaders::case_reference(ctx, self.0.case_id).await?)
    }
    async fn complainant_name(&self) -> Option<&str> {
        self.0.complainant_name.as_deref()
    }
    async fn complainant_contact(&self) -> Option<&str> {
        self.0.complainant_contact.as_deref()
    }
    async fn about(&self) -> &str {
        &self.0.about
    }
    async fn category(&self) -> Result<ComplaintCategory> {
        Ok(self.0.category.parse::<model::ComplaintCategory>()?.into())
    }
    async fn received_via(&self) -> Result<ComplaintReceivedVia> {
        Ok(self.0.received_via.parse::<model::ReceivedVia>()?.into())
    }
    async fn received_on(&self) -> NaiveDate {
        self.0.received_on
    }
    /// The target: three working days after it was received.
    async fn acknowledge_by(&self) -> NaiveDate {
        self.0.acknowledge_by
    }
    async fn acknowledged_on(&self) -> Option<NaiveDate> {
        self.0.acknowledged_on
    }
    /// Not acknowledged and past its target.
    async fn acknowledgement_overdue(&self, ctx: &Context<'_>) -> bool {
        service::acknowledgement_overdue(&self.0, server(ctx).clock.now())
    }
    /// The target for the full response: twenty working days after it was received.
    async fn respond_by(&self) -> NaiveDate {
        self.0.respond_by
    }
    async fn response_overdue(&self, ctx: &Context<'_>) -> bool {
        service::response_overdue(&self.0, server(ctx).clock.now())
    }
    async fn outcome(&self) -> Result<Option<ComplaintOutcome>> {
        Ok(match &self.0.outcome {
            Some(o) => Some(o.parse::<model::ComplaintOutcome>()?.into()),
            None => None,
        })
    }
    /// What the complainant was told.
    async fn response(&self) -> Option<&str> {
        self.0.outcome_summary.as_deref()
    }
    async fn responded_on(&self) -> Option<NaiveDate> {
        self.0.responded_on
    }
    async fn timeline(&self, ctx: &Context<'_>) -> Result<Vec<ComplaintEvent>> {
        Ok(service::timeline(&server(ctx).db, self.0.id)
            .await?
            .into_iter()
            .map(ComplaintEvent)
            .collect())
    }
}

#[derive(SimpleObject)]
pub struct ComplaintPayload {
    pub complaint: Complaint,
}

#[derive(InputObject)]
pub struct RecordComplaintInput {
    /// The case it is about, if any.
    pub case_id: Option<ID>,
    pub complainant_name: Option<String>,
    /// How to reply: an address, phone number or e-mail.
    pub complainant_contact: Option<String>,
    pub about: String,
    pub category: ComplaintCategory,
    pub received_via: ComplaintReceivedVia,
    /// Today if not given.
    pub received_on: Option<NaiveDate>,
}

#[derive(InputObject)]
pub struct AcknowledgeComplaintInput {
    pub complaint_id: ID,
    /// Today if not given.
    pub acknowledged_on: Option<NaiveDate>,
}

#[derive(InputObject)]
pub struct AddComplaintNoteInput {
    pub complaint_id: ID,
    /// Investigation notes: what was looked at, who was spoken to, what was found.
    pub note: String,
}

#[derive(InputObject)]
pub struct ResolveComplaintInput {
    pub complaint_id: ID,
    pub outcome: ComplaintOutcome,
    /// What the complainant was told.
    pub response: String,
    /// Today if not given.
    pub responded_on: Option<NaiveDate>,
}

#[derive(Default)]
pub struct ComplaintsQuery;

#[Object]
impl ComplaintsQuery {
    /// Complaints, oldest first (co-ordinator; R-DP-3).
    async fn complaints(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Open complaints if not given.")] status: Option<ComplaintStatusFilter>,
        case_id: Option<ID>,
    ) -> Result<Vec<Complaint>> {
        let s = server(ctx);
        let filter = match status.unwrap_or_default() {
            ComplaintStatusFilter::Open => ComplaintFilter::Open,
            ComplaintStatusFilter::Overdue => ComplaintFilter::Overdue,
            ComplaintStatusFilter::Resolved => ComplaintFilter::Resolved,
            ComplaintStatusFilter::All => ComplaintFilter::All,
        };
        let case_id = case_id.as_ref().map(|c| parse("caseId", c)).transpose()?;
        Ok(
            service::list(&s.db, s.clock.now(), actor(ctx)?, filter, case_id)
                .await?
                .into_iter()
                .map(Complaint)
                .collect(),
        )
    }

    async fn complaint(&self, ctx: &Context<'_>, id: ID) -> Result<Complaint> {
        let s = server(ctx);
        Ok(Complaint(
            service::get(&s.db, s.clock.now(), actor(ctx)?, parse("id", &id)?).await?,
        ))
    }
}

#[derive(Default)]
pub struct ComplaintsMutation;

#[Object]
impl ComplaintsMutation {
    /// Records a complaint; the acknowledgement and response targets follow from the date received.
    async fn record_complaint(
        &self,
        ctx: &Context<'_>,
        input: RecordComplaintInput,
    ) -> Result<ComplaintPayload> {
        let s = server(ctx);
        let case_id = input
            .case_id
            .as_ref()
            .map(|c| parse("caseId", c))
            .transpose()?;
        let row = service::record(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            NewComplaint {
                case_id,
                complainant_name: input.complainant_name.as_deref(),
                complainant_contact: input.complainant_contact.as_deref(),
                about: &input.about,
                category: input.category.into(),
                received_via: input.received_via.into(),
                received_on: input.received_on,
            },
        )
        .await?;
        Ok(ComplaintPayload {
            complaint: Complaint(row),
        })
    }

    /// Acknowledging again changes nothing.
    async fn acknowledge_complaint(
        &self,
        ctx: &Context<'_>,
        input: AcknowledgeComplaintInput,
    ) -> Result<ComplaintPayload> {
        let s = server(ctx);
        let row = service::acknowledge(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("complaintId", &input.complaint_id)?,
            input.acknowledged_on,
        )
        .await?;
        Ok(ComplaintPayload {
            complaint: Complaint(row),
        })
    }

    async fn add_complaint_note(
        &self,
        ctx: &Context<'_>,
        input: AddComplaintNoteInput,
    ) -> Result<ComplaintPayload> {
        let s = server(ctx);
        let row = service::add_note(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("complaintId", &input.complaint_id)?,
            &input.note,
        )
        .await?;
        Ok(ComplaintPayload {
            complaint: Complaint(row),
        })
    }

    async fn resolve_complaint(
        &self,
        ctx: &Context<'_>,
        input: ResolveComplaintInput,
    ) -> Result<ComplaintPayload> {
        let s = server(ctx);
        let row = service::resolve(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("complaintId", &input.complaint_id)?,
            input.outcome.into(),
            &input.response,
            input.responded_on,
        )
        .await?;
        Ok(ComplaintPayload {
            complaint: Complaint(row),
        })
    }
}
