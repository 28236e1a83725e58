//! For plain HTTP endpoints (downloads, printable pages): who is signed in, from the same session
//! cookie the graph uses (the `SignedIn` extractor), one mapping of `AppError` to a short
//! plain-text answer (`Failure`), and `audited`, which commits the reads a request made before
//! its answer leaves — as the graph does.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::access::Actor;
use crate::areas::accounts::sessions;
use crate::error::AppError;
use crate::state::AppState;

pub fn plain(status: StatusCode, text: &str) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        format!("{text}\n"),
    )
        .into_response()
}

/// An error as a plain-text answer: the same codes the graph uses, as HTTP statuses.
pub struct Failure(pub AppError);

impl From<AppError> for Failure {
    fn from(e: AppError) -> Self {
        Self(e)
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let status = match &self.0 {
            AppError::Unauthenticated | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::JustificationRequired => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Validation { .. } => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Database(_) | AppError::Internal(_) => {
                tracing::error!(error = ?self.0, "request failed");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        plain(status, &self.0.message())
    }
}

/// The signed-in actor; without a live session the request is answered 401.
pub struct SignedIn(pub Actor);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let ctx = &state.ctx;
        let actor = match super::graphql::session_token(&parts.headers) {
            Some(t) => sessions::resolve_remembered(
                &ctx.db,
                ctx.clock.now(),
                &ctx.sessions,
                &ctx.session_memory,
                &t,
            )
            .await
            .map(|s| s.map(|s| s.actor)),
            None => Ok(None),
        };
        match actor {
            Ok(Some(a)) if a.pending_step().is_none() => Ok(SignedIn(a)),
            Ok(Some(_)) => Err(plain(
                StatusCode::UNAUTHORIZED,
                "Finish signing in to RJ Hub first (your second factor), then open this address again.",
            )),
            Ok(None) => Err(plain(
                StatusCode::UNAUTHORIZED,
                "Sign in to RJ Hub first, then open this address again.",
            )),
            Err(e) => {
                tracing::error!(error = ?e, "session lookup failed");
                Err(plain(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "Try again in a moment.",
                ))
            }
        }
    }
}

/// Sends `answer` once the reads `actor` made for it are durable in the audit log; if they
/// cannot be written, nothing is sent.
pub async fn audited(state: &AppState, actor: &Actor, answer: Response) -> Response {
    match state.audit.commit(actor.reads()).await {
        Ok(()) => answer,
        Err(e) => Failure(e).into_response(),
    }
}

/// The stylesheet of the server's own printable pages (subject access, the board report).
pub async fn print_css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        "body{font-family:system-ui,sans-serif;margin:1rem auto;max-width:60rem;padding:0 1rem;\
         line-height:1.4;color:#0b0c0c}\
         table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}\
         th,td{border:1px solid #b1b4b6;padding:.3rem .5rem;text-align:left;vertical-align:top}\
         td.n{text-align:right}\
         caption{text-align:left;font-weight:bold;font-size:1.2rem;padding:.5rem 0}\
         @media print{body{margin:0;max-width:none}table{page-break-inside:auto}tr{page-break-inside:avoid}}",
    )
        .into_response()
}
