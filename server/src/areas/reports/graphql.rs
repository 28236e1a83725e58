//! The reports slice of the graph.

use async_graphql::{Context, Enum, InputObject, Object, Result, SimpleObject};
use chrono::NaiveDate;

use super::model::{self, Filters};
use super::service::{self, Request};
use crate::graphql::context::{actor, server};

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
    /// referrals, engagement, conversion, not_suitable, leaving, timescales, partners,
    /// models, satisfaction, outcomes.
    pub section: String,
    /// e.g. `received`, `first_meeting`, `reason:declined`, `victim_end_average`.
    pub measure: String,
    pub group: String,
    /// None when suppressed or when there is nothing to compute it from.
    pub value: Option<f64>,
    /// What to print: the number, "<5" when suppressed, "–" when empty.
    pub display: String,
    pub suppressed: bool,
}

#[derive(SimpleObject)]
pub struct PerformanceReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub group_by: ReportDimension,
    /// Counts from 1 to 4 (and what would reveal them) are shown as "<5".
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
                .map(|f| ReportFigure {
                    display: f.display(),
                    section: f.section.into(),
                    measure: f.measure,
                    group: f.group,
                    value: f.value,
                    suppressed: f.suppressed,
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

#[derive(Default)]
pub struct ReportsQuery;

#[Object]
impl ReportsQuery {
    /// Performance figures for a period (R-RP-1…10), grouped and filtered; the commissioner
    /// gets aggregates with small numbers suppressed.
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
    /// The overall victim-satisfaction baseline (percent satisfied) reports compare with.
    async fn set_satisfaction_baseline(&self, ctx: &Context<'_>, percent: f64) -> Result<f64> {
        let s = server(ctx);
        Ok(service::set_baseline(&s.db, s.clock.now(), actor(ctx)?, percent).await?)
    }
}
