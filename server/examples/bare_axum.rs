//! The ceiling for `scripts/bench-load`: a bare axum server on the same machine, answering
//! `POST /graphql` with a fixed JSON body and `GET /healthz` with "ok", no database, no work.
//!
//!     cargo run --release -p rjhub --example bare_axum -- 127.0.0.1:18080

use axum::Router;
use axum::routing::{get, post};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:18080".into());
    let app = Router::new()
        .route(
            "/graphql",
            post(|| async {
                (
                    [(axum::http::header::CONTENT_TYPE, "application/json")],
                    r#"{"data":{"ok":true}}"#,
                )
            }),
        )
        .route("/healthz", get(|| async { "ok" }));
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    axum::serve(listener, app).await
}
