//! The performance report for a period, for whoever may read it (the access layer's report
//! scope decides over which cases and with what suppression); its queries are in `queries.rs`.
//! Also the satisfaction baseline and the CSV.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{DatabaseConnection, EntityTrait, Set};

use super::facts;
use super::model::{Dimension, Figure, Filters, period};
use super::queries::{Runner, Sql, cohort, complaints, volunteers};
use crate::access::Actor;
use crate::access::reports::LiveReport;
use crate::entities::report_setting;
use crate::error::{AppError, AppResult};

pub const BASELINE_KEY: &str = "victim_satisfaction_baseline";

pub struct Request {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub group_by: Dimension,
    pub filters: Filters,
}

pub struct Report {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub group_by: Dimension,
    /// Small numbers are hidden: true only for the tables of a published edition.
    pub aggregates_only: bool,
    pub groups: Vec<String>,
    pub figures: Vec<Figure>,
    pub victim_satisfaction_baseline: Option<f64>,
}

/// The performance report for a period (R-RP-1…10).
pub async fn performance(
    db: &DatabaseConnection,
    actor: &Actor,
    now: DateTime<Utc>,
    req: Request,
) -> AppResult<Report> {
    performance_with_progress(db, actor, now, req, &|| {}).await
}

/// The same, calling `tick` after each of its queries.
pub async fn performance_with_progress(
    db: &DatabaseConnection,
    actor: &Actor,
    now: DateTime<Utc>,
    req: Request,
    tick: &(dyn Fn() + Send + Sync),
) -> AppResult<Report> {
    // The live report is the service's own (access/reports.rs); others read editions.
    let live = LiveReport::of(actor)?;
    compute(db, &live, now, req, tick).await
}

/// The report's figures, unsuppressed, for a reader the access layer let read them.
pub async fn compute(
    db: &DatabaseConnection,
    _live: &LiveReport,
    now: DateTime<Utc>,
    req: Request,
    tick: &(dyn Fn() + Send + Sync),
) -> AppResult<Report> {
    if req.to < req.from {
        return Err(AppError::validation(
            "to",
            "The period ends before it starts",
        ));
    }
    if (req.to - req.from).num_days() > 366 * 5 {
        return Err(AppError::validation(
            "to",
            "Choose a period of five years or less",
        ));
    }
    let (from, to) = period(req.from, req.to)
        .ok_or_else(|| AppError::validation("from", "That is not a date we can report on"))?;
    let sql = Sql {
        backend: db.get_database_backend(),
    };
    // Cases changed since the last refresh are recomputed first: figures are never stale.
    facts::refresh(db, &|_| {}).await?;
    let runner = Runner {
        db,
        tick,
        cohort: cohort(&sql, req.group_by, from, to, &req.filters),
        sql,
        grouped: req.group_by != Dimension::None,
        now,
    };
    let mut figures = runner.run().await?;
    if req.group_by == Dimension::Model {
        // Grouped by model, a model's count in another model's group is always 0: not a figure.
        figures.retain(|f| {
            f.measure
                .strip_prefix("model:")
                .is_none_or(|m| f.group == "total" || f.group == m)
        });
    }
    if req.filters == Filters::default() {
        figures.extend(complaints(db, &sql, from, to, now).await?);
        figures.extend(volunteers(db, &sql, from, to).await?);
    }
    let mut groups: Vec<String> = figures
        .iter()
        .filter(|f| f.section == "referrals")
        .map(|f| f.group.clone())
        .filter(|g| g != "total")
        .collect();
    groups.sort();
    groups.dedup();
    groups.push("total".into());
    let baseline = report_setting::Entity::find_by_id(BASELINE_KEY)
        .one(db)
        .await?
        .map(|s| s.value);
    Ok(Report {
        from: req.from,
        to: req.to,
        group_by: req.group_by,
        aggregates_only: false,
        groups,
        figures,
        victim_satisfaction_baseline: baseline,
    })
}

/// The co-ordinator enters the overall victim-satisfaction baseline (percent satisfied) the
/// service is compared with (R-RP-9).
pub async fn set_baseline(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    percent: f64,
) -> AppResult<f64> {
    crate::access::require(actor, crate::access::Duty::SetBaseline)?;
    if !(0.0..=100.0).contains(&percent) || percent.is_nan() {
        return Err(AppError::validation(
            "percent",
            "Give a percentage from 0 to 100",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    report_setting::Entity::delete_by_id(BASELINE_KEY)
        .exec(&txn)
        .await?;
    report_setting::Entity::insert(report_setting::ActiveModel {
        key: Set(BASELINE_KEY.into()),
        value: Set(percent),
        updated_by: Set(Some(actor.user_id)),
        updated_at: Set(now),
    })
    .exec(&txn)
    .await?;
    crate::access::audit::record_by(
        &txn,
        now,
        actor,
        crate::access::audit::Entry::new(
            "set_satisfaction_baseline",
            "report_setting",
            BASELINE_KEY,
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(percent)
}

/// The report as CSV: one row per figure, in the order of the report, with what each counts.
pub fn csv(report: &Report) -> String {
    let mut out = csv_line(&CSV_HEADINGS[1..]);
    out.push_str(&csv_rows(report, None));
    out
}

/// Headings people read (the first is for an edition's grouping column).
pub(super) const CSV_HEADINGS: [&str; 7] = [
    "Table",
    "Section",
    "Measure",
    "Group",
    "Figure",
    "Unit",
    "What it counts",
];

/// One row per figure; `table` leads each row when given (an edition's grouping).
pub(super) fn csv_rows(report: &Report, table: Option<&str>) -> String {
    let mut out = String::new();
    for f in &report.figures {
        let (definition, unit) = super::model::definition(&f.measure);
        let display = f.display();
        let mut cells = Vec::from(table.as_slice());
        cells.extend([
            f.section,
            f.measure.as_str(),
            f.group.as_str(),
            display.as_str(),
            unit,
            definition,
        ]);
        out.push_str(&csv_line(&cells));
    }
    out
}

pub(super) fn csv_line(cells: &[&str]) -> String {
    let line: Vec<String> = cells
        .iter()
        .map(|c| {
            // Quote what needs it, and defuse spreadsheet formulas.
            let c = if c.starts_with(['=', '+', '-', '@']) && c.parse::<f64>().is_err() {
                format!("'{c}")
            } else {
                (*c).to_string()
            };
            if c.contains([',', '"', '\n']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c
            }
        })
        .collect();
    format!("{}\n", line.join(","))
}
