//! The workbench slice of the graph: the queues' counts and the triage list.

use async_graphql::connection::Connection;
use async_graphql::{Context, Enum, InputObject, Object, Result, SimpleObject};

use super::queues;
use super::service::{self, TriageFilter};
use super::triage::{self, Triage};
use crate::access::CaseView;
use crate::areas::cases::graphql::{Case, RiskLevel, Stage};
use crate::areas::cases::lists::CaseFilter;
use crate::areas::cases::model;
use crate::graphql::context::{actor, server};
use crate::graphql::pagination::{Page, connection};

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "queues::Queue")]
pub enum WorkbenchQueue {
    ClocksOverdue,
    ClocksDueToday,
    NewReferrals,
    BeingAssessed,
    Unallocated,
    IntakeChecks,
    OffersUnanswered,
    SignOffsWaiting,
    Stale,
    OverdueItems,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "super::week::DueKind")]
pub enum DueKind {
    Meeting,
    AgreementItem,
    Clock,
    Offer,
    Standard,
}

/// Something due from a facilitator this week.
#[derive(SimpleObject)]
pub struct DueItem {
    pub kind: DueKind,
    pub due_on: chrono::NaiveDate,
    /// A meeting's start or an offer's expiry.
    pub due_at: Option<chrono::DateTime<chrono::Utc>>,
    pub overdue: bool,
    /// What it is, in words; names no participant.
    pub words: String,
    pub case_id: Option<async_graphql::ID>,
    pub case_reference: Option<String>,
    /// Where in the app to act on it.
    pub url: String,
}

/// One pile on the workbench: how many cases wait in it.
#[derive(SimpleObject)]
pub struct WorkbenchCount {
    pub queue: WorkbenchQueue,
    pub label: String,
    /// What being in it means.
    pub hint: String,
    pub count: i32,
}

/// The co-ordinator's or a supervisor's home: the queues they work from, counted within what
/// they may see. Open one with `triage(filter: { queue })`.
#[derive(SimpleObject)]
pub struct Workbench {
    pub queues: Vec<WorkbenchCount>,
    /// Days without contact or change after which an open case has gone quiet.
    pub stale_after_days: i32,
}

#[derive(InputObject, Default)]
pub struct TriageFilterInput {
    /// Only the cases in this queue (by the rule its count uses).
    pub queue: Option<WorkbenchQueue>,
    /// Only cases at these stages.
    #[graphql(default)]
    pub stages: Vec<Stage>,
    /// A code from the `AREA` list.
    pub area: Option<String>,
    /// A code from the `OFFENCE_CATEGORY` list.
    pub offence_category: Option<String>,
    /// Part of a case reference.
    pub reference: Option<String>,
    /// Oldest first (longest waiting); newest first otherwise.
    #[graphql(default)]
    pub oldest_first: bool,
    /// The soonest Victims' Code deadline first (then those with none, oldest first).
    #[graphql(default)]
    pub soonest_deadline_first: bool,
}

/// A case as a list row for triage: the case, and what deciding what to do next needs.
pub struct TriageRow {
    view: CaseView,
    facts: Triage,
}

#[Object]
impl TriageRow {
    async fn case(&self) -> Case {
        Case::from(self.view.clone())
    }
    /// The level of the newest risk assessment (full access only).
    async fn risk_level(&self) -> Result<Option<RiskLevel>> {
        match self.facts.risk_level.as_deref() {
            Some(l) if self.view.full() => Ok(Some(l.parse::<model::RiskLevel>()?.into())),
            _ => Ok(None),
        }
    }
    /// The participants' preferred languages: codes from the `LANGUAGE` list (full access
    /// only).
    async fn languages(&self) -> Vec<String> {
        if self.view.full() {
            self.facts.languages.clone()
        } else {
            Vec::new()
        }
    }
    /// Someone taking part needs an interpreter (full access only).
    async fn interpreter_needed(&self) -> bool {
        self.view.full() && self.facts.interpreter_needed
    }
    /// Whole days since the case reached its stage.
    async fn days_in_stage(&self, ctx: &Context<'_>) -> i64 {
        let since = self
            .facts
            .stage_since
            .unwrap_or(self.view.case().received_at);
        (server(ctx).clock.now() - since).num_days()
    }
    /// The soonest Victims' Code deadline not yet met (full access only).
    async fn next_deadline(&self) -> Option<chrono::NaiveDate> {
        self.view.if_full(self.facts.next_deadline)
    }
    /// What should happen next, in words.
    async fn next_step(&self) -> &'static str {
        triage::next_step(self.view.case(), &self.facts)
    }
}

#[derive(Default)]
pub struct WorkbenchQuery;

#[Object]
impl WorkbenchQuery {
    /// What is due from the signed-in facilitator in the next seven days, and anything late:
    /// meetings they run, agreement items and Victims' Code deadlines on their cases, offers
    /// to answer, their own practice standards. Late first, then soonest.
    async fn my_week(&self, ctx: &Context<'_>) -> Result<Vec<DueItem>> {
        let s = server(ctx);
        Ok(super::week::my_week(&s.db, actor(ctx)?, s.clock.now())
            .await?
            .into_iter()
            .map(|i| DueItem {
                kind: i.kind.into(),
                due_on: i.due_on,
                due_at: i.due_at,
                overdue: i.overdue,
                words: i.words,
                case_id: i
                    .case
                    .as_ref()
                    .map(|(id, _)| crate::graphql::ids::to_id(*id)),
                case_reference: i.case.map(|(_, r)| r),
                url: i.url,
            })
            .collect())
    }
    /// The queues the reader works from, with how many cases wait in each (co-ordinator and
    /// supervisors).
    async fn workbench(&self, ctx: &Context<'_>) -> Result<Workbench> {
        let s = server(ctx);
        let stale = s.config.stale_after_days;
        let counts = service::counts(&s.db, s.clock.now(), actor(ctx)?, stale).await?;
        Ok(Workbench {
            queues: counts
                .into_iter()
                .map(|(q, n)| WorkbenchCount {
                    queue: q.into(),
                    label: q.label().into(),
                    hint: q.hint(stale),
                    count: i32::try_from(n).unwrap_or(i32::MAX),
                })
                .collect(),
            stale_after_days: i32::try_from(stale).unwrap_or(i32::MAX),
        })
    }

    /// The case list with what triage needs, optionally one queue of the workbench: the same
    /// cases `cases` lists for the reader, each read audited the same way.
    async fn triage(
        &self,
        ctx: &Context<'_>,
        filter: Option<TriageFilterInput>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, TriageRow>> {
        let s = server(ctx);
        let page = Page::new(first, after.as_deref())?;
        let f = filter.unwrap_or_default();
        let rows = service::list(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            TriageFilter {
                queue: f.queue.map(Into::into),
                stale_days: s.config.stale_after_days,
                list: CaseFilter {
                    stages: f.stages.into_iter().map(Into::into).collect(),
                    awaiting_offender: None,
                    reference: f.reference,
                    oldest_first: f.oldest_first,
                    extra: None,
                    area: f.area,
                    offence_category: f.offence_category,
                    by_deadline: f.soonest_deadline_first,
                },
            },
            page,
        )
        .await?;
        Ok(connection(
            page,
            rows.into_iter()
                .map(|(view, facts)| TriageRow { view, facts })
                .collect(),
        ))
    }
}
