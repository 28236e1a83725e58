//! `GET /reports/performance.csv?from=YYYY-MM-DD&to=YYYY-MM-DD[&groupBy=…][&area=…]…`: the
//! performance report as CSV for spreadsheets, and `/reports/performance.html?…` as a printable
//! page for the board — for the same readers and with the same suppression as
//! `performanceReport`. Needs the session cookie.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use super::session::{plain, signed_in};
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

fn dimension(s: Option<&str>) -> Option<Dimension> {
    Some(match s.unwrap_or("none").to_ascii_lowercase().as_str() {
        "none" => Dimension::None,
        "month" => Dimension::Month,
        "source" => Dimension::Source,
        "offence" => Dimension::Offence,
        "area" => Dimension::Area,
        "model" => Dimension::Model,
        "agency" => Dimension::Agency,
        _ => return None,
    })
}

#[derive(Clone, Copy)]
enum Format {
    Csv,
    Html,
}

pub async fn performance_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(p): Query<Params>,
) -> Response {
    performance(state, headers, p, Format::Csv).await
}

pub async fn performance_html(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(p): Query<Params>,
) -> Response {
    performance(state, headers, p, Format::Html).await
}

async fn performance(state: AppState, headers: HeaderMap, p: Params, format: Format) -> Response {
    let ctx = &state.ctx;
    let actor = match signed_in(&state, &headers, "Sign in to download reports.").await {
        Ok(a) => a,
        Err(response) => return response,
    };
    let date = |v: &Option<String>| {
        v.as_deref()
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
    };
    let (Some(from), Some(to)) = (date(&p.from), date(&p.to)) else {
        return plain(
            StatusCode::BAD_REQUEST,
            "Give from and to as dates: ?from=2026-04-01&to=2026-09-30",
        );
    };
    let Some(group_by) = dimension(p.group_by.as_deref()) else {
        return plain(
            StatusCode::BAD_REQUEST,
            "groupBy is one of none, month, source, offence, area, model, agency",
        );
    };
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
    match service::performance(&ctx.db, &actor, ctx.clock.now(), req).await {
        Ok(report) => match format {
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
        },
        Err(AppError::Forbidden) => plain(StatusCode::FORBIDDEN, "Your role cannot read reports."),
        Err(AppError::Validation { message, .. }) => plain(StatusCode::BAD_REQUEST, &message),
        Err(e) => {
            tracing::error!(error = ?e, "performance report failed");
            plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "The report could not be made.",
            )
        }
    }
}
