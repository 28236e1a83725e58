//! The HTTP surface: the graph, the PWA, health and metrics, behind security headers.

pub mod calendar;
pub mod graphql;
pub mod health;
pub mod letters;
pub mod metrics;
pub mod privacy;
pub mod receipts;
pub mod reports;
pub mod security;
pub mod session;
pub mod sso;
pub mod static_files;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{get, post};
use tower_http::trace::TraceLayer;

use crate::state::AppState;

/// Largest request body accepted (a GraphQL document with its variables).
pub const MAX_BODY_BYTES: usize = 256 * 1024;

pub fn router(state: AppState) -> Router {
    Router::new()
        .route(
            "/graphql",
            post(graphql::execute).get(graphql::graphiql),
        )
        .route("/calendar/{file}", get(calendar::serve))
        .route("/reports/performance.csv", get(reports::performance_csv))
        .route("/reports/performance.html", get(reports::performance_html))
        .route("/reports/editions/{file}", get(reports::edition))
        .route(
            "/privacy/subject-access/{person}",
            get(privacy::subject_access),
        )
        .route(
            "/privacy/access-log/{file}",
            get(privacy::access_log_csv),
        )
        .route("/notify/receipts", post(receipts::text_receipt))
        .route("/letters/{file}", get(letters::pdf))
        .route("/auth/oidc/callback", get(sso::callback))
        .route("/auth/oidc/{organisation}/start", get(sso::start))
        .route("/print.css", get(session::print_css))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route(
            "/metrics",
            get(metrics::render).with_state(state.metrics.clone()),
        )
        // The app's files compressed (gzip): on a weak signal the shell's JavaScript is the
        // wait. Only them: the graph's answers are small, and compressing them costs CPU.
        .fallback_service(
            axum::routing::any(static_files::serve)
                .with_state(state.clone())
                .layer(tower_http::compression::CompressionLayer::new()),
        )
        .layer(middleware::from_fn_with_state(
            state.metrics.clone(),
            metrics::track,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), security::headers))
        .layer(
            TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
                // Method and path only: query strings and bodies can carry tokens or names.
                tracing::info_span!("http", method = %req.method(), path = %loggable_path(req.uri().path()))
            }),
        )
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}

/// Paths that embed a secret are logged without it.
pub fn loggable_path(path: &str) -> &str {
    if path.starts_with("/calendar/") {
        "/calendar/…"
    } else if path.len() > 200 {
        "(long path)"
    } else {
        path
    }
}
