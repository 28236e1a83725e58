//! The HTTP surface: request hygiene, limits, security headers, health, metrics, the PWA.

use anyhow::{Result, ensure};
use rjhub_tests::{DbKind, TestApp, error_code, error_message, on_both_databases};
use serde_json::{Value, json};

on_both_databases!(
    foundation_health_and_readiness_report_the_database,
    r_dp_4_sign_ins_and_invitations_are_audited,
);

async fn r_dp_4_sign_ins_and_invitations_are_audited(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    coord
        .data(
            "mutation($i: InviteUserInput!) { inviteUser(input: $i) { invitation { id } } }",
            json!({"i": {"email": "audited@example.org", "name": "Audited Person", "roles": ["TRAINER"]}}),
        )
        .await?;
    coord.data("mutation { logout { ok } }", json!({})).await?;
    let rows = app
        .rows("SELECT action, entity, actor_id, detail FROM audit_log ORDER BY at, id")
        .await?;
    let actions: Vec<&str> = rows.iter().filter_map(|r| r["action"].as_str()).collect();
    // The demo accounts' creation, then this session's actions, in order.
    ensure!(
        actions.iter().filter(|a| **a == "create_user").count() == 9,
        "{actions:?}"
    );
    let tail: Vec<&str> = actions.iter().rev().take(3).rev().copied().collect();
    ensure!(tail == ["login", "invite_user", "logout"], "{actions:?}");
    ensure!(
        rows.iter().rev().take(3).all(|r| r["actor_id"].is_string()),
        "actor missing: {rows:?}"
    );
    // The audit trail points at records; it does not copy personal data into itself.
    let text = serde_json::to_string(&rows)?;
    ensure!(
        !text.contains("audited@example.org") && !text.contains("Audited Person"),
        "{text}"
    );
    Ok(())
}

#[tokio::test]
async fn foundation_sigterm_shuts_down_gracefully() -> Result<()> {
    let app = TestApp::start(DbKind::Sqlite).await?;
    app.client().gql("{ __typename }", json!({})).await?;
    ensure!(
        app.terminate().await?,
        "rjhub did not exit cleanly on SIGTERM"
    );
    Ok(())
}

#[tokio::test]
async fn foundation_json_logs_carry_no_personal_data() -> Result<()> {
    let app = TestApp::builder(DbKind::Sqlite)
        .env("RJHUB_LOG_FORMAT", "json")
        .start()
        .await?;
    let c = app.login_demo("coordinator").await?;
    c.data(
        "mutation($i: InviteUserInput!) { inviteUser(input: $i) { invitation { id } } }",
        json!({"i": {"email": "logged@example.org", "name": "Logan Private", "roles": ["REFERRER"]}}),
    )
    .await?;
    rjhub_tests::eventually("the invitation to be delivered", || {
        app.server_log().contains("delivered").then_some(())
    })
    .await?;
    let log = app.server_log();
    for line in log.lines().filter(|l| !l.trim().is_empty()) {
        ensure!(
            serde_json::from_str::<Value>(line).is_ok(),
            "not JSON: {line}"
        );
    }
    for secret in [
        "logged@example.org",
        "Logan Private",
        "coordinator@demo",
        "Priya Shah",
        "rjhub-demo-2026",
    ] {
        ensure!(!log.contains(secret), "log contains {secret}: {log}");
    }
    Ok(())
}

async fn foundation_health_and_readiness_report_the_database(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let h = reqwest::get(app.url("/healthz")).await?;
    ensure!(h.status() == 200);
    let r = reqwest::get(app.url("/readyz")).await?;
    ensure!(r.status() == 200);
    ensure!(r.text().await? == "ready");
    Ok(())
}

#[tokio::test]
async fn foundation_only_json_posts_reach_the_graph() -> Result<()> {
    let app = TestApp::start(DbKind::Sqlite).await?;
    let http = reqwest::Client::new();
    // A form post (what a cross-site page could send) is refused before anything runs.
    let form = http
        .post(app.url("/graphql"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("query=mutation{logout{ok}}")
        .send()
        .await?;
    ensure!(form.status() == 415, "{}", form.status());
    let body: Value = form.json().await?;
    ensure!(
        error_code(&body).as_deref() == Some("BAD_REQUEST"),
        "{body}"
    );

    for bad in ["{not json", "[]", "{\"variables\": {}}", ""] {
        let r = http
            .post(app.url("/graphql"))
            .header("content-type", "application/json")
            .body(bad)
            .send()
            .await?;
        ensure!(r.status() == 400, "{bad}: {}", r.status());
        let body: Value = r.json().await?;
        ensure!(
            error_code(&body).as_deref() == Some("BAD_REQUEST"),
            "{bad}: {body}"
        );
    }

    let syntax: Value = http
        .post(app.url("/graphql"))
        .json(&json!({"query": "{ me { "}))
        .send()
        .await?
        .json()
        .await?;
    ensure!(
        error_code(&syntax).as_deref() == Some("BAD_REQUEST"),
        "{syntax}"
    );

    let huge = http
        .post(app.url("/graphql"))
        .json(&json!({"query": "{ me { id } }", "variables": {"x": "a".repeat(400_000)}}))
        .send()
        .await?;
    ensure!(huge.status() == 413, "{}", huge.status());
    Ok(())
}

#[tokio::test]
async fn foundation_deep_and_costly_documents_are_refused() -> Result<()> {
    let app = TestApp::start(DbKind::Sqlite).await?;
    let mut q = String::from("name");
    for _ in 0..20 {
        q = format!("ofType {{ {q} }}");
    }
    let deep: Value = app
        .client()
        .gql(
            &format!("{{ __schema {{ types {{ fields {{ type {{ {q} }} }} }} }} }}"),
            json!({}),
        )
        .await?;
    ensure!(
        error_code(&deep).as_deref() == Some("BAD_REQUEST"),
        "{deep}"
    );
    ensure!(
        deep["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("too deep"),
        "{deep}"
    );

    let wide = (0..3000)
        .map(|i| format!("a{i}: me {{ id }}"))
        .collect::<Vec<_>>()
        .join(" ");
    let r = app
        .client()
        .gql(&format!("{{ {wide} }}"), json!({}))
        .await?;
    ensure!(
        error_code(&r).as_deref() == Some("BAD_REQUEST"),
        "wide query answered"
    );
    ensure!(
        error_message(&r).contains("complex"),
        "{}",
        error_message(&r)
    );
    Ok(())
}

#[tokio::test]
async fn foundation_every_response_carries_security_headers() -> Result<()> {
    let app = TestApp::start(DbKind::Sqlite).await?;
    for path in ["/", "/healthz", "/sign-in"] {
        let r = reqwest::get(app.url(path)).await?;
        let h = r.headers();
        let csp = h
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        ensure!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        ensure!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        ensure!(
            h.get("x-content-type-options")
                .is_some_and(|v| v == "nosniff"),
            "{path}"
        );
        ensure!(
            h.get("referrer-policy").is_some_and(|v| v == "no-referrer"),
            "{path}"
        );
    }
    let gql = app
        .client()
        .http
        .post(app.url("/graphql"))
        .json(&json!({"query": "{ __typename }"}))
        .send()
        .await?;
    ensure!(
        gql.headers()
            .get("cache-control")
            .is_some_and(|v| v == "no-store")
    );
    Ok(())
}

#[tokio::test]
async fn foundation_graphiql_and_introspection_are_off_in_production() -> Result<()> {
    let dev = TestApp::start(DbKind::Sqlite).await?;
    let page = reqwest::get(dev.url("/graphql")).await?;
    ensure!(page.status() == 200);
    ensure!(page.text().await?.contains("graphiql"));
    let intro = dev
        .client()
        .data("{ __schema { queryType { name } } }", json!({}))
        .await?;
    ensure!(intro["__schema"]["queryType"]["name"] == "Query");

    let prod = TestApp::builder(DbKind::Sqlite)
        .env("RJHUB_ENV", "production")
        .start()
        .await?;
    ensure!(reqwest::get(prod.url("/graphql")).await?.status() == 405);
    let r = prod
        .client()
        .gql("{ __schema { queryType { name } } }", json!({}))
        .await?;
    ensure!(
        r["data"]["__schema"].is_null(),
        "introspection answered in production: {r}"
    );
    Ok(())
}

#[tokio::test]
async fn foundation_metrics_count_requests_by_route() -> Result<()> {
    let app = TestApp::start(DbKind::Sqlite).await?;
    app.client().gql("{ __typename }", json!({})).await?;
    let text = reqwest::get(app.url("/metrics")).await?.text().await?;
    ensure!(
        text.contains(
            "rjhub_http_requests_total{method=\"POST\",route=\"/graphql\",status=\"200\"} 1"
        ),
        "{text}"
    );
    ensure!(
        text.contains("rjhub_http_request_duration_seconds"),
        "{text}"
    );
    Ok(())
}

#[tokio::test]
async fn foundation_the_pwa_is_served_with_the_right_caching() -> Result<()> {
    let app = TestApp::start(DbKind::Sqlite).await?;
    // Before the app is built, people are told how to build it.
    let r = reqwest::get(app.url("/")).await?;
    ensure!(r.status() == 503);
    ensure!(r.text().await?.contains("npm run build"));

    let pwa = app.pwa_dir();
    std::fs::create_dir_all(pwa.join("assets"))?;
    std::fs::write(
        pwa.join("index.html"),
        "<!doctype html><title>shell</title>",
    )?;
    let script = "console.log('the app shell');\n".repeat(400);
    std::fs::write(pwa.join("assets/index-abc123.js"), &script)?;
    std::fs::write(
        pwa.join("sw.js"),
        "self.addEventListener('fetch', () => {})",
    )?;

    for route in [
        "/",
        "/sign-in",
        "/people/invite",
        "/accept-invitation?token=abc",
    ] {
        let r = reqwest::get(app.url(route)).await?;
        ensure!(r.status() == 200, "{route}");
        ensure!(
            r.headers()
                .get("cache-control")
                .is_some_and(|v| v == "no-cache"),
            "{route}"
        );
        ensure!(r.text().await?.contains("shell"), "{route}");
    }
    let asset = reqwest::get(app.url("/assets/index-abc123.js")).await?;
    ensure!(asset.status() == 200);
    ensure!(
        asset
            .headers()
            .get("cache-control")
            .is_some_and(|v| v.to_str().unwrap_or_default().contains("immutable"))
    );
    // Compressed for a phone on a weak signal (#21): gzip when the browser accepts it.
    let gz = reqwest::Client::new()
        .get(app.url("/assets/index-abc123.js"))
        .header("accept-encoding", "gzip")
        .send()
        .await?;
    ensure!(
        gz.headers()
            .get("content-encoding")
            .is_some_and(|v| v == "gzip"),
        "{:?}",
        gz.headers()
    );
    ensure!(gz.bytes().await?.len() < script.len() / 4);
    let sw = reqwest::get(app.url("/sw.js")).await?;
    ensure!(
        sw.headers()
            .get("cache-control")
            .is_some_and(|v| v == "no-cache")
    );
    ensure!(reqwest::get(app.url("/assets/missing.js")).await?.status() == 404);
    ensure!(reqwest::get(app.url("/../Cargo.toml")).await?.status() != 200);
    Ok(())
}
