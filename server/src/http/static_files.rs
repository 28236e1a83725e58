//! Serves the built PWA: hashed assets cached for a year, the shell and service worker never
//! cached, and `index.html` for any client-side route.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::state::AppState;

const NOT_BUILT: &str = "<!doctype html><html lang=\"en-GB\"><title>RJ Hub</title><h1>RJ Hub</h1>\
<p>The app has not been built yet. Run <code>npm ci &amp;&amp; npm run build</code> in <code>pwa/</code>, \
or set RJHUB_PWA_DIR.</p></html>";

fn cache_control(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or_default();
    if path.starts_with("/assets/") {
        "public, max-age=31536000, immutable"
    } else if name == "sw.js"
        || name.starts_with("workbox-")
        || name.ends_with(".webmanifest")
        || name.ends_with(".html")
    {
        "no-cache"
    } else {
        "public, max-age=86400"
    }
}

pub async fn serve(State(state): State<AppState>, req: Request) -> Response {
    let dir = &state.ctx.config.pwa_dir;
    let path = req.uri().path().to_string();
    let last = path.rsplit('/').next().unwrap_or_default();
    let is_file = last.contains('.');
    if is_file {
        let res = match ServeDir::new(dir).oneshot(req).await {
            Ok(res) => res.map(Body::new),
            Err(never) => match never {},
        };
        let mut res = res.into_response();
        if res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED {
            res.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static(cache_control(&path)),
            );
        }
        return res;
    }
    // A client-side route: the app shell decides what to show.
    match tokio::fs::read(dir.join("index.html")).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, Html(NOT_BUILT)).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::cache_control;

    #[test]
    fn hashed_assets_are_immutable_and_the_shell_is_not_cached() {
        assert!(cache_control("/assets/index-abc123.js").contains("immutable"));
        assert_eq!(cache_control("/sw.js"), "no-cache");
        assert_eq!(cache_control("/index.html"), "no-cache");
        assert_eq!(cache_control("/manifest.webmanifest"), "no-cache");
        assert!(cache_control("/icons/icon-192.png").contains("86400"));
    }
}
