//! The reports slice of the graph.

use async_graphql::connection::Connection;
use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};

use super::editions::{self, Edition, Kind};
use super::model::{self, Filters};
use super::service::{self, Request};
use crate::graphql::context::{actor, server};
use crate::graphql::ids::{parse, to_id};
use crate::graphql::pagination::connection;
use crate::kernel::Page;

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::Dimension")]
pub enum ReportDimension {
    None,
    Month,
    Source,
    Offence,
    Area,
    Model,
    Agency,
}

#[derive(InputObject, Default)]
pub struct ReportFilters {
    /// Reference-list codes.
    pub referral_source: Option<String>,
    pub offence_category: Option<String>,
    pub area: Option<String>,
    pub intervention_model: Option<String>,
    /// A partner agency (the referring agency of its cases).
    pub agency: Option<String>,
}

#[derive(InputObject)]
pub struct PerformanceReportInput {
    /// First day of the period (Europe/London).
    pub from: NaiveDate,
    /// Last day of the period, included.
    pub to: NaiveDate,
    #[graphql(default_with = "ReportDimension::None")]
    pub group_by: ReportDimension,
    #[graphql(default)]
    pub filters: ReportFilters,
}

/// One number: a measure for one group ("total" for all of them).
#[derive(SimpleObject)]
pub struct ReportFigure {
    /// referrals, engagement, conversion, not_suitable, leaving, timescales, victims_code,
    /// partners, models, satisfaction, outcomes, volunteers, reoffending, complaints.
    pub section: String,
    /// e.g. `received`, `first_meeting`, `reason:declined`, `victim_end_average`.
    pub measure: String,
    pub group: String,
    /// None when suppressed or when there is nothing to compute it from.
    pub value: Option<f64>,
    /// What to print: the number, "[c]" when hidden, "–" when empty.
    pub display: String,
    pub suppressed: bool,
    /// What the figure means, in words.
    pub definition: String,
    /// What it counts or measures: cases, people, days, score, percent, offers, items, …
    pub unit: String,
}

#[derive(SimpleObject)]
pub struct PerformanceReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub group_by: ReportDimension,
    /// A table of a published edition: counts from 1 to 4, figures from fewer than five, and
    /// whatever would reveal them are hidden ("[c]"). The live report hides nothing.
    pub aggregates_only: bool,
    /// The groups in order, "total" last.
    pub groups: Vec<String>,
    pub figures: Vec<ReportFigure>,
    /// Percent of victims satisfied across services, entered by the co-ordinator.
    pub victim_satisfaction_baseline: Option<f64>,
}

impl From<service::Report> for PerformanceReport {
    fn from(r: service::Report) -> Self {
        PerformanceReport {
            from: r.from,
            to: r.to,
            group_by: r.group_by.into(),
            aggregates_only: r.aggregates_only,
            groups: r.groups,
            figures: r
                .figures
                .into_iter()
                .map(|f| {
                    let (definition, unit) = super::model::definition(&f.measure);
                    ReportFigure {
                        display: f.display(),
                        section: f.section.into(),
                        group: f.group,
                        value: f.value,
                        suppressed: f.suppressed,
                        definition: definition.into(),
                        unit: unit.into(),
                        measure: f.measure,
                    }
                })
                .collect(),
            victim_satisfaction_baseline: r.victim_satisfaction_baseline,
        }
    }
}

pub fn request(input: PerformanceReportInput) -> Request {
    let f = input.filters;
    Request {
        from: input.from,
        to: input.to,
        group_by: input.group_by.into(),
        filters: Filters {
            referral_source: f.referral_source,
            offence_category: f.offence_category,
            area: f.area,
            intervention_model: f.intervention_model,
            agency: f.agency,
        },
    }
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "editions::Kind")]
pub enum ReportEditionKind {
    /// A calendar month.
    Month,
    /// April–September or October–March.
    HalfYear,
}

/// A published edition of the performance report: frozen figures, disclosure-controlled over
/// all its tables together.
pub struct ReportEdition(Edition);

#[Object]
impl ReportEdition {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn kind(&self) -> ReportEditionKind {
        self.0.kind.into()
    }
    /// First day of the period.
    async fn from(&self) -> NaiveDate {
        self.0.from
    }
    /// Last day of the period, included.
    async fn to(&self) -> NaiveDate {
        self.0.to
    }
    /// How its tables are grouped: `NONE` (the totals) first.
    async fn groupings(&self) -> Vec<ReportDimension> {
        self.0.groupings.iter().map(|d| (*d).into()).collect()
    }
    async fn published_at(&self) -> DateTime<Utc> {
        self.0.published_at
    }
    /// The edition this one corrects.
    async fn supersedes_id(&self) -> Option<ID> {
        self.0.supersedes.map(to_id)
    }
    /// The correction that replaced this edition, if any.
    async fn superseded_by_id(&self) -> Option<ID> {
        self.0.superseded_by.map(to_id)
    }
    /// Why this correction was published.
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }
    /// Not superseded: the edition to read for its period.
    async fn current(&self) -> bool {
        self.0.current()
    }
    async fn victim_satisfaction_baseline(&self) -> Option<f64> {
        self.0.victim_satisfaction_baseline
    }
    /// One table per grouping, as published.
    async fn tables(&self) -> Vec<PerformanceReport> {
        self.0
            .tables
            .iter()
            .map(|t| {
                <PerformanceReport as From<service::Report>>::from(service::Report {
                    from: t.from,
                    to: t.to,
                    group_by: t.group_by,
                    aggregates_only: t.aggregates_only,
                    groups: t.groups.clone(),
                    figures: t.figures.clone(),
                    victim_satisfaction_baseline: t.victim_satisfaction_baseline,
                })
            })
            .collect()
    }
}

#[derive(InputObject)]
pub struct PublishReportEditionInput {
    pub kind: ReportEditionKind,
    /// The first day of the month, or 1 April / 1 October for a half-year.
    pub from: NaiveDate,
    /// Tables besides the totals, e.g. `[MONTH, AREA, MODEL]`.
    #[graphql(default)]
    pub groupings: Vec<ReportDimension>,
    /// The edition this one corrects (the same kind and period).
    pub supersedes_id: Option<ID>,
    /// Why it is corrected (required with `supersedesId`).
    pub reason: Option<String>,
}

#[derive(SimpleObject)]
pub struct PublishReportEditionPayload {
    pub edition: ReportEdition,
}

#[derive(Default)]
pub struct ReportsQuery;

#[Object]
impl ReportsQuery {
    /// Published editions, newest period first. The commissioner and partner agencies read
    /// reports only as editions.
    async fn report_editions(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, ReportEdition>> {
        let page = Page::new(first, after.as_deref())?;
        let rows = editions::list(&server(ctx).db, actor(ctx)?, page).await?;
        Ok(connection(
            page,
            rows.into_iter().map(ReportEdition).collect(),
        ))
    }

    async fn report_edition(&self, ctx: &Context<'_>, id: ID) -> Result<ReportEdition> {
        let id = parse("id", &id)?;
        Ok(ReportEdition(
            editions::get(&server(ctx).db, actor(ctx)?, id).await?,
        ))
    }

    /// The live performance report for any period (R-RP-1…12), grouped and filtered: the
    /// co-ordinator's and supervisors' (others read published editions).
    async fn performance_report(
        &self,
        ctx: &Context<'_>,
        input: PerformanceReportInput,
    ) -> Result<PerformanceReport> {
        let s = server(ctx);
        Ok(
            service::performance(&s.db, actor(ctx)?, s.clock.now(), request(input))
                .await?
                .into(),
        )
    }
}

#[derive(Default)]
pub struct ReportsMutation;

#[Object]
impl ReportsMutation {
    /// Publishes an edition of the monthly or half-yearly report once its period has ended, or
    /// a correction that supersedes one (with a reason).
    async fn publish_report_edition(
        &self,
        ctx: &Context<'_>,
        input: PublishReportEditionInput,
    ) -> Result<PublishReportEditionPayload> {
        let s = server(ctx);
        let supersedes = input
            .supersedes_id
            .as_ref()
            .map(|id| parse("supersedesId", id))
            .transpose()?;
        let edition = editions::publish(
            &s.db,
            actor(ctx)?,
            s.clock.now(),
            editions::PublishInput {
                kind: Kind::from(input.kind),
                from: input.from,
                groupings: input.groupings.into_iter().map(Into::into).collect(),
                supersedes,
                reason: input.reason,
            },
        )
        .await?;
        Ok(PublishReportEditionPayload {
            edition: ReportEdition(edition),
        })
    }

    /// The overall victim-satisfaction baseline (percent satisfied) reports compare with.
    async fn set_satisfaction_baseline(&self, ctx: &Context<'_>, percent: f64) -> Result<f64> {
        let s = server(ctx);
        Ok(service::set_baseline(&s.db, s.clock.now(), actor(ctx)?, percent).await?)
    }
}
