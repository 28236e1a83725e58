//! `GET /calendar/{token}.ics`: a user's meetings for any calendar app, without a session; the
//! token is the key (rotating it stops the old address at once).

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::areas::meetings::graphql::organizer;
use crate::areas::meetings::service::{InviteContext, feed};
use crate::state::AppState;

pub async fn serve(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(token) = file.strip_suffix(".ics").filter(|t| t.len() == 43) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let s = &state.ctx;
    let (url, org) = (s.config.public_url(), organizer(s));
    match feed(
        &s.db,
        &InviteContext {
            public_url: &url,
            organizer: &org,
            phone: &s.config.contact_phone,
            hours: &s.config.contact_hours,
            email: &s.config.contact_email,
        },
        token,
        s.clock.now(),
    )
    .await
    {
        Ok(Some(ics)) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "private, max-age=300"),
            ],
            ics,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "calendar feed failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
