//! RJ Hub: the restorative justice service's server. `build_app` is used by the binary and by
//! anything that wants the whole HTTP surface.

pub mod access;
pub mod areas;
pub mod backup;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod demo_scale;
pub mod entities;
pub mod graphql;
pub mod html;
pub mod http;
pub mod idempotency;
pub mod jobs;
pub mod kernel;
pub mod notify;
pub mod state;
pub mod working_days;

pub use kernel::error;
pub use state::AppState;

pub fn build_app(state: AppState) -> axum::Router {
    http::router(state)
}
