//! `GET /privacy/subject-access/{personId}`: the subject access export as a printable page, or
//! as a JSON file with `?format=json`; `GET /privacy/access-log/{personId}.csv`: who saw the
//! person's record. The co-ordinator and the data protection officer; needs the session cookie.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::session::{Failure, SignedIn, audited};
use crate::areas::privacy::{access_log, subject_access};
use crate::error::AppError;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct Params {
    format: Option<String>,
}

pub async fn subject_access(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(person): Path<String>,
    Query(p): Query<Params>,
) -> Result<Response, Failure> {
    let person_id = Uuid::parse_str(&person).map_err(|_| AppError::NotFound("The person"))?;
    let ctx = &state.ctx;
    let export = subject_access::export(&ctx.db, ctx.clock.now(), &actor, person_id).await?;
    let answer = if p.format.as_deref() == Some("json") {
        (
            [
                (header::CONTENT_TYPE, "application/json".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"subject-access-{person_id}.json\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            export.to_string(),
        )
            .into_response()
    } else {
        (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            subject_access::html(&export),
        )
            .into_response()
    };
    Ok(audited(&state, &actor, answer).await)
}

/// `GET /privacy/access-log/{personId}.csv`: who saw this person's record, when and why, for the
/// data protection officer's spreadsheet.
pub async fn access_log_csv(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(file): Path<String>,
) -> Result<Response, Failure> {
    let person_id = file
        .strip_suffix(".csv")
        .and_then(|id| Uuid::parse_str(id).ok())
        .ok_or(AppError::NotFound("The person"))?;
    let ctx = &state.ctx;
    let rows = access_log::of_person(&ctx.db, ctx.clock.now(), &actor, person_id, None).await?;
    let answer = (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"access-log-{person_id}.csv\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        access_log::csv(&rows),
    )
        .into_response();
    Ok(audited(&state, &actor, answer).await)
}
