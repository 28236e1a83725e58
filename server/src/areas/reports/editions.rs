//! Published editions of the performance report: the co-ordinator publishes the monthly or
//! half-yearly report once its period has ended, grouped the ways chosen then; its figures are
//! computed, disclosure-controlled over every table at once (disclosure.rs) and frozen, so the
//! board pack sent in July says the same in December. A correction supersedes an edition with a
//! stated reason and both stay readable. The commissioner and partner agencies read editions
//! only (access/reports.rs).

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    SqlErr,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::disclosure::{self, Table};
use super::model::{Dimension, Figure, Filters, section_name};
use super::service::{self, Request};
use crate::access::reports::LiveReport;
use crate::access::{Actor, Duty, require};
use crate::entities::report_edition;
use crate::error::{AppError, AppResult};
use crate::kernel::Page;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Month,
    HalfYear,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Month => "month",
            Kind::HalfYear => "half_year",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "month" => Some(Kind::Month),
            "half_year" => Some(Kind::HalfYear),
            _ => None,
        }
    }

    /// The period an edition of this kind starting on `from` covers, if it may start then.
    pub fn period(self, from: NaiveDate) -> AppResult<(NaiveDate, NaiveDate)> {
        let ok = match self {
            Kind::Month => from.day() == 1,
            Kind::HalfYear => from.day() == 1 && matches!(from.month(), 4 | 10),
        };
        if !ok {
            return Err(AppError::validation(
                "from",
                match self {
                    Kind::Month => "A monthly edition starts on the first day of a month",
                    Kind::HalfYear => "A half-yearly edition starts on 1 April or 1 October",
                },
            ));
        }
        let months = match self {
            Kind::Month => 1,
            Kind::HalfYear => 6,
        };
        let to = from
            .checked_add_months(chrono::Months::new(months))
            .and_then(|d| d.pred_opt())
            .ok_or_else(|| AppError::validation("from", "That is not a date we can report on"))?;
        Ok((from, to))
    }
}

pub struct PublishInput {
    pub kind: Kind,
    pub from: NaiveDate,
    /// Besides the totals (always included).
    pub groupings: Vec<Dimension>,
    pub supersedes: Option<Uuid>,
    pub reason: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct StoredFigure {
    section: String,
    measure: String,
    group: String,
    value: Option<f64>,
    count: bool,
    suppressed: bool,
}

#[derive(Serialize, Deserialize)]
struct StoredTable {
    group_by: String,
    groups: Vec<String>,
    figures: Vec<StoredFigure>,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    victim_satisfaction_baseline: Option<f64>,
    tables: Vec<StoredTable>,
}

/// An edition as its readers see it: what was published, hidden figures blank.
pub struct Edition {
    pub id: Uuid,
    pub kind: Kind,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub groupings: Vec<Dimension>,
    pub published_at: DateTime<Utc>,
    pub supersedes: Option<Uuid>,
    pub superseded_by: Option<Uuid>,
    pub reason: Option<String>,
    pub victim_satisfaction_baseline: Option<f64>,
    pub tables: Vec<service::Report>,
}

impl Edition {
    fn from_row(row: report_edition::Model, superseded_by: Option<Uuid>) -> AppResult<Self> {
        let stored: Stored = serde_json::from_str(&row.tables).map_err(AppError::internal)?;
        let kind = Kind::parse(&row.kind).ok_or_else(|| AppError::internal("edition kind"))?;
        let tables = stored
            .tables
            .into_iter()
            .map(|t| service::Report {
                from: row.period_from,
                to: row.period_to,
                group_by: Dimension::parse(&t.group_by).unwrap_or(Dimension::None),
                aggregates_only: true,
                groups: t.groups,
                figures: t
                    .figures
                    .into_iter()
                    .map(|f| Figure {
                        section: section_name(&f.section),
                        base: f.value.unwrap_or(0.0) as i64,
                        measure: f.measure,
                        group: f.group,
                        value: f.value,
                        count: f.count,
                        suppressed: f.suppressed,
                    })
                    .collect(),
                victim_satisfaction_baseline: stored.victim_satisfaction_baseline,
            })
            .collect();
        Ok(Edition {
            id: row.id,
            kind,
            from: row.period_from,
            to: row.period_to,
            groupings: row
                .groupings
                .split(',')
                .filter_map(Dimension::parse)
                .collect(),
            published_at: row.published_at,
            supersedes: row.supersedes,
            superseded_by,
            reason: row.reason,
            victim_satisfaction_baseline: stored.victim_satisfaction_baseline,
            tables,
        })
    }

    pub fn current(&self) -> bool {
        self.superseded_by.is_none()
    }
}

fn conflict_on_unique(e: DbErr, message: &str) -> AppError {
    match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict(message.into()),
        _ => e.into(),
    }
}

/// Publishes an edition (or a correction of one): computes every table, decides what to hide
/// across all of them, and stores the result.
pub async fn publish(
    db: &DatabaseConnection,
    actor: &Actor,
    now: DateTime<Utc>,
    input: PublishInput,
) -> AppResult<Edition> {
    require(actor, Duty::PublishReports)?;
    let (from, to) = input.kind.period(input.from)?;
    if to >= crate::kernel::today(now) {
        return Err(AppError::validation(
            "from",
            format!(
                "That period has not ended yet: publish it from {}",
                to.succ_opt().unwrap_or(to).format("%-d %B %Y")
            ),
        ));
    }
    let mut groupings = vec![Dimension::None];
    for d in input.groupings {
        if !groupings.contains(&d) {
            groupings.push(d);
        }
    }
    let reason = match input.supersedes {
        None => None,
        Some(id) => {
            let earlier = report_edition::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or(AppError::NotFound("report edition"))?;
            if earlier.kind != input.kind.code() || earlier.period_from != from {
                return Err(AppError::validation(
                    "supersedes",
                    "A correction is for the same kind of report and the same period",
                ));
            }
            let reason = input.reason.as_deref().unwrap_or("").trim().to_string();
            if reason.chars().count() < 10 || reason.chars().count() > 1000 {
                return Err(AppError::validation(
                    "reason",
                    "Say why the edition is corrected, in 10 to 1,000 characters",
                ));
            }
            Some(reason)
        }
    };
    let mut tables = Vec::new();
    let mut baseline = None;
    for d in &groupings {
        let report = service::compute(
            db,
            &LiveReport::system(),
            now,
            Request {
                from,
                to,
                group_by: *d,
                filters: Filters::default(),
            },
            &|| {},
        )
        .await?;
        baseline = report.victim_satisfaction_baseline;
        tables.push(Table {
            group_by: *d,
            groups: report.groups,
            figures: report.figures,
        });
    }
    // Heavy only for large editions; off the request's worker so other requests go on.
    let tables = tokio::task::spawn_blocking(move || {
        disclosure::protect(&mut tables);
        tables
    })
    .await
    .map_err(AppError::internal)?;
    let stored = Stored {
        victim_satisfaction_baseline: baseline,
        tables: tables
            .into_iter()
            .map(|t| StoredTable {
                group_by: t.group_by.code().into(),
                groups: t.groups,
                figures: t
                    .figures
                    .into_iter()
                    .map(|f| StoredFigure {
                        section: f.section.into(),
                        measure: f.measure,
                        group: f.group,
                        value: if f.suppressed { None } else { f.value },
                        count: f.count,
                        suppressed: f.suppressed,
                    })
                    .collect(),
            })
            .collect(),
    };
    let id = Uuid::now_v7();
    let row = report_edition::ActiveModel {
        id: Set(id),
        kind: Set(input.kind.code().into()),
        period_from: Set(from),
        period_to: Set(to),
        groupings: Set(groupings
            .iter()
            .map(|d| d.code())
            .collect::<Vec<_>>()
            .join(",")),
        tables: Set(serde_json::to_string(&stored).map_err(AppError::internal)?),
        published_at: Set(now),
        published_by: Set(Some(actor.user_id)),
        supersedes: Set(input.supersedes),
        reason: Set(reason),
    };
    let txn = crate::db::begin_write(db).await?;
    report_edition::Entity::insert(row)
        .exec(&txn)
        .await
        .map_err(|e| {
            conflict_on_unique(
                e,
                if input.supersedes.is_some() {
                    "That edition has already been corrected: correct the latest edition"
                } else {
                    "An edition of this period is already published: publish a correction that supersedes it"
                },
            )
        })?;
    crate::access::audit::record_by(
        &txn,
        now,
        actor,
        crate::access::audit::Entry::new("publish_report_edition", "report_edition", id),
    )
    .await?;
    txn.commit().await?;
    get(db, actor, id).await
}

/// Editions, newest period first (corrections before what they correct).
pub async fn list(db: &DatabaseConnection, actor: &Actor, page: Page) -> AppResult<Vec<Edition>> {
    require(actor, Duty::ReadReports)?;
    let rows = report_edition::Entity::find()
        .order_by_desc(report_edition::Column::PeriodFrom)
        .order_by_desc(report_edition::Column::PublishedAt)
        .offset(page.offset)
        .limit(page.fetch())
        .all(db)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let successors = report_edition::Entity::find()
        .filter(report_edition::Column::Supersedes.is_in(ids))
        .all(db)
        .await?;
    rows.into_iter()
        .map(|r| {
            let next = successors
                .iter()
                .find(|s| s.supersedes == Some(r.id))
                .map(|s| s.id);
            Edition::from_row(r, next)
        })
        .collect()
}

pub async fn get(db: &DatabaseConnection, actor: &Actor, id: Uuid) -> AppResult<Edition> {
    require(actor, Duty::ReadReports)?;
    let row = report_edition::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound("report edition"))?;
    let next = report_edition::Entity::find()
        .filter(report_edition::Column::Supersedes.eq(id))
        .one(db)
        .await?
        .map(|s| s.id);
    Edition::from_row(row, next)
}

/// An edition as CSV: one row per figure of each table, with what it counts.
pub fn csv(edition: &Edition) -> String {
    let mut out = service::csv_line(&service::CSV_HEADINGS);
    for t in &edition.tables {
        let table = match t.group_by {
            Dimension::None => "All cases",
            d => d.code(),
        };
        out.push_str(&service::csv_rows(t, Some(table)));
    }
    out
}
