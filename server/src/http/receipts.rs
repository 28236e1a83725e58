//! `POST /notify/receipts`: GOV.UK Notify's delivery receipts for texts. Notify sends the bearer
//! token set in its callback settings; without `RJHUB_NOTIFY_CALLBACK_TOKEN` every receipt is
//! refused, so nobody can mark a message delivered or failed from outside.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};

use crate::notify::messages::{self, Receipt};
use crate::state::AppState;

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
}

pub async fn text_receipt(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<Receipt>, axum::extract::rejection::JsonRejection>,
) -> StatusCode {
    let s = &state.ctx;
    let Some(expected) = s.config.notify_callback_token.as_deref() else {
        return StatusCode::UNAUTHORIZED;
    };
    let given = bearer(&headers).unwrap_or_default();
    // Digests compared, so the time taken says nothing about the token.
    use crate::areas::accounts::secrets::token_hash;
    if token_hash(given) != token_hash(expected) {
        return StatusCode::UNAUTHORIZED;
    }
    let Ok(Json(receipt)) = body else {
        return StatusCode::BAD_REQUEST;
    };
    match messages::receipt(&s.db, s.clock.now(), &receipt).await {
        Ok(true) => {
            s.outbox_wake.notify_one();
            StatusCode::NO_CONTENT
        }
        // Not one of ours (or erased since): Notify need not retry.
        Ok(false) => StatusCode::NO_CONTENT,
        Err(e) => {
            tracing::error!(error = ?e, "a delivery receipt could not be recorded");
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}
