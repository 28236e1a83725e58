//! `GET /reports/performance.csv?from=YYYY-MM-DD&to=YYYY-MM-DD[&groupBy=…][&area=…]…`: the
//! live performance report as CSV for spreadsheets, and `/reports/performance.html?…` as a
//! printable page — for the same readers as `performanceReport`. `GET /reports/editions/{id}.csv`
//! and `.html`: a published edition, for the same readers as `reportEdition` (the board's
//! printable page). Need the session cookie.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use super::session::{Failure, SignedIn, audited};
use crate::access::Actor;
use crate::areas::reports::editions;
use crate::areas::reports::model::{Dimension, Filters};
use crate::areas::reports::service::{self, Request};
use crate::error::AppError;
use crate::state::AppState;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Params {
    from: Option<String>,
    to: Option<String>,
    group_by: Option<String>,
    referral_source: Option<String>,
    offence_category: Option<String>,
    area: Option<String>,
    intervention_model: Option<String>,
    agency: Option<String>,
}

#[derive(Clone, Copy)]
enum Format {
    Csv,
    Html,
}

pub async fn performance_csv(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Query(p): Query<Params>,
) -> Result<Response, Failure> {
    performance(state, actor, p, Format::Csv).await
}

pub async fn performance_html(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Query(p): Query<Params>,
) -> Result<Response, Failure> {
    performance(state, actor, p, Format::Html).await
}

async fn performance(
    state: AppState,
    actor: Actor,
    p: Params,
    format: Format,
) -> Result<Response, Failure> {
    let ctx = &state.ctx;
    let date = |v: &Option<String>| {
        v.as_deref()
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
    };
    let (Some(from), Some(to)) = (date(&p.from), date(&p.to)) else {
        return Err(AppError::validation(
            "from",
            "Give from and to as dates: ?from=2026-04-01&to=2026-09-30",
        )
        .into());
    };
    let group_by = Dimension::parse(p.group_by.as_deref().unwrap_or("none")).ok_or_else(|| {
        AppError::validation(
            "groupBy",
            "groupBy is one of none, month, source, offence, area, model, agency",
        )
    })?;
    let req = Request {
        from,
        to,
        group_by,
        filters: Filters {
            referral_source: p.referral_source,
            offence_category: p.offence_category,
            area: p.area,
            intervention_model: p.intervention_model,
            agency: p.agency,
        },
    };
    let report = service::performance(&ctx.db, &actor, ctx.clock.now(), req).await?;
    let answer = match format {
        Format::Csv => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"rjhub-performance-{from}-to-{to}.csv\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            service::csv(&report),
        )
            .into_response(),
        Format::Html => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            crate::areas::reports::html::render(&report),
        )
            .into_response(),
    };
    Ok(audited(&state, &actor, answer).await)
}

/// `/reports/editions/{id}.csv` or `.html`.
pub async fn edition(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(file): Path<String>,
) -> Result<Response, Failure> {
    let not_found = || Failure::from(AppError::NotFound("report edition"));
    let (id, format) = match file.rsplit_once('.') {
        Some((id, "csv")) => (id, Format::Csv),
        Some((id, "html")) => (id, Format::Html),
        _ => return Err(not_found()),
    };
    let id = uuid::Uuid::parse_str(id).map_err(|_| not_found())?;
    let edition = editions::get(&state.ctx.db, &actor, id).await?;
    let answer = match format {
        Format::Csv => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"rjhub-edition-{}-{}-to-{}.csv\"",
                        edition.kind.code(),
                        edition.from,
                        edition.to
                    ),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            editions::csv(&edition),
        )
            .into_response(),
        Format::Html => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            crate::areas::reports::html::render_edition(&edition),
        )
            .into_response(),
    };
    Ok(audited(&state, &actor, answer).await)
}
