//! `GET /privacy/subject-access/{personId}`: the subject access export as a printable page, or
//! as a JSON file with `?format=json`. Co-ordinator only; needs the session cookie.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::session::{plain, signed_in};
use crate::areas::privacy::subject_access;
use crate::error::AppError;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct Params {
    format: Option<String>,
}

pub async fn subject_access(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(person): Path<String>,
    Query(p): Query<Params>,
) -> Response {
    let actor = match signed_in(&state, &headers, "Sign in to export a person's data.").await {
        Ok(a) => a,
        Err(response) => return response,
    };
    let Ok(person_id) = Uuid::parse_str(&person) else {
        return plain(StatusCode::NOT_FOUND, "There is no such person.");
    };
    let ctx = &state.ctx;
    let export = match subject_access::export(&ctx.db, ctx.clock.now(), &actor, person_id).await {
        Ok(e) => e,
        Err(AppError::Forbidden) => {
            return plain(StatusCode::FORBIDDEN, "Only the co-ordinator can do this.");
        }
        Err(AppError::NotFound(_)) => {
            return plain(StatusCode::NOT_FOUND, "There is no such person.");
        }
        Err(e) => {
            tracing::error!(error = ?e, "subject access export failed");
            return plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "The export could not be made.",
            );
        }
    };
    if p.format.as_deref() == Some("json") {
        return (
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
            .into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        subject_access::html(&export),
    )
        .into_response()
}
