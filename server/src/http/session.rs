//! For plain HTTP endpoints (downloads, printable pages): who is signed in, from the same session
//! cookie the graph uses, and short plain-text answers when they cannot be served.

use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::areas::accounts::model::Actor;
use crate::areas::accounts::sessions;
use crate::state::AppState;

pub fn plain(status: StatusCode, text: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{text}\n"),
    )
        .into_response()
}

/// The signed-in actor, or the response to send instead (401 with `anonymous_message`, or 503
/// when the session store cannot be read).
pub async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
    anonymous_message: &str,
) -> Result<Actor, Response> {
    let ctx = &state.ctx;
    let actor = match super::graphql::session_token(headers) {
        Some(t) => sessions::resolve(&ctx.db, ctx.clock.now(), &ctx.sessions, &t).await,
        None => Ok(None),
    };
    match actor {
        Ok(Some(a)) => Ok(a),
        Ok(None) => Err(plain(StatusCode::UNAUTHORIZED, anonymous_message)),
        Err(e) => {
            tracing::error!(error = ?e, "session lookup failed");
            Err(plain(
                StatusCode::SERVICE_UNAVAILABLE,
                "Try again in a moment.",
            ))
        }
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
