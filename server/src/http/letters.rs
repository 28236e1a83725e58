//! `GET /letters/{id}.pdf`: a queued letter as the PDF to print (co-ordinator; the session
//! cookie). Printing reads the person's name and address: audited, and the answer leaves only
//! once the audit row is durable.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

use super::session::{Failure, SignedIn, audited};
use crate::areas::cases::letters;
use crate::error::AppError;
use crate::state::AppState;

pub async fn pdf(
    State(state): State<AppState>,
    SignedIn(actor): SignedIn,
    Path(file): Path<String>,
) -> Result<Response, Failure> {
    let id = file
        .strip_suffix(".pdf")
        .and_then(|id| Uuid::parse_str(id).ok())
        .ok_or(AppError::NotFound("The letter"))?;
    let ctx = &state.ctx;
    let bytes = letters::pdf(&ctx.db, ctx.clock.now(), &actor, id).await?;
    let answer = (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"letter-{id}.pdf\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response();
    Ok(audited(&state, &actor, answer).await)
}
