//! `GET /auth/oidc/{organisation}/start` and `GET /auth/oidc/callback`: single sign-on's two
//! browser stops. Both answer with a redirect — to the organisation's sign-in page, then back
//! into the app signed in, or to `/sign-in?sso=<why>` — never with a page of their own.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::areas::accounts::signed_in::device_of;
use crate::areas::accounts::sso::{self, Callback, Refusal};
use crate::state::AppState;

fn redirect(to: &str, cookies: &[String]) -> Response {
    let mut res = (StatusCode::SEE_OTHER, [(header::CACHE_CONTROL, "no-store")]).into_response();
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(to) {
        h.insert(header::LOCATION, v);
    }
    for c in cookies {
        if let Ok(v) = HeaderValue::from_str(c) {
            h.append(header::SET_COOKIE, v);
        }
    }
    res
}

/// The login's own cookie: Lax, since the provider sends the browser back cross-site.
fn login_cookie(state: &AppState, value: &str, seconds: i64) -> String {
    cookie::Cookie::build((sso::COOKIE, value.to_string()))
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .path("/auth/oidc")
        .max_age(cookie::time::Duration::seconds(seconds))
        .secure(state.ctx.sessions.secure_cookie)
        .build()
        .to_string()
}

fn refusal(state: &AppState, why: Refusal) -> Response {
    redirect(
        &format!("/sign-in?sso={}", why.code()),
        &[login_cookie(state, "", 0)],
    )
}

#[derive(Deserialize)]
pub struct StartParams {
    next: Option<String>,
    login_hint: Option<String>,
}

pub async fn start(
    State(state): State<AppState>,
    Path(org): Path<String>,
    Query(p): Query<StartParams>,
) -> Response {
    let ctx = &state.ctx;
    match sso::start(
        &ctx.db,
        ctx.clock.now(),
        &ctx.config,
        &org,
        p.next.as_deref(),
        p.login_hint.as_deref(),
    )
    .await
    {
        Ok(s) => redirect(&s.redirect, &[login_cookie(&state, &s.state, 600)]),
        Err(why) => refusal(&state, why),
    }
}

#[derive(Deserialize)]
pub struct CallbackParams {
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
}

pub async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(p): Query<CallbackParams>,
) -> Response {
    let ctx = &state.ctx;
    let (Some(st), Some(code), None) = (p.state.as_deref(), p.code.as_deref(), p.error.as_deref())
    else {
        // The provider said no (the user cancelled, or has no access there).
        tracing::info!(
            error = p.error.as_deref().unwrap_or("none"),
            "the provider refused a sign-in"
        );
        return refusal(&state, Refusal::Failed);
    };
    let cookie = super::graphql::cookie_value(&headers, sso::COOKIE);
    let device = device_of(
        headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok()),
    );
    match sso::finish(
        &ctx.db,
        ctx.clock.now(),
        &ctx.config,
        &ctx.sessions,
        Callback {
            state: st,
            code,
            cookie_state: cookie.as_deref(),
            device: &device,
        },
    )
    .await
    {
        Ok(done) => {
            // It may have made the user, changed their roles or ended their sessions.
            ctx.session_memory.forget_all();
            redirect(
                &done.next,
                &[
                    ctx.sessions.set_cookie(&done.token),
                    login_cookie(&state, "", 0),
                ],
            )
        }
        Err(why) => refusal(&state, why),
    }
}
