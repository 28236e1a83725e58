//! Single sign-on (#20) against a real OpenID provider run by the test: the npm package
//! `oidc-provider` (certified), started from `pwa/e2e/oidc-provider.mjs` with its own clients
//! and accounts. Sign-in with PKCE, claims mapped to roles and agency, and the refusals: a
//! replayed or another browser's callback, an account with no role, an address outside the
//! organisation's domains or not verified, a suspended account, an issuer that is not the one
//! configured; the session ends with the ID token.

use std::process::Stdio;

use anyhow::{Context, Result, anyhow, bail, ensure};
use chrono::{Duration, Utc};
use rjhub_tests::{DbKind, TestApp, error_code, on_both_databases, workspace_root};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

on_both_databases!(r_20_staff_sign_in_with_their_organisations_account);

struct Provider {
    issuer: String,
    _child: Child,
}

/// The provider, for an RJ Hub that will listen on `rj_port`.
async fn provider(rj_port: u16) -> Result<Provider> {
    let script = workspace_root().join("pwa/e2e/oidc-provider.mjs");
    let accounts = json!({
        "pc-smith": { "email": "pc.smith@police.example", "email_verified": true, "name": "PC Jo Smith", "roles": ["RJ.Referrer", "Staff"] },
        "pat-lee": { "email": "Pat.Lee@Police.example", "email_verified": true, "name": "Pat Lee", "roles": ["RJ.Facilitator"] },
        "no-role": { "email": "clerk@police.example", "email_verified": true, "name": "A Clerk", "roles": ["Staff"] },
        "outsider": { "email": "someone@elsewhere.example", "email_verified": true, "name": "Someone", "roles": ["RJ.Referrer"] },
        "unverified": { "email": "new@police.example", "email_verified": false, "name": "New Starter", "roles": ["RJ.Referrer"] },
    });
    let clients = json!([{
        "client_id": "rjhub",
        "client_secret": "s3cret-for-tests",
        "redirect_uris": [format!("http://127.0.0.1:{rj_port}/auth/oidc/callback")],
    }]);
    let mut child = Command::new("node")
        .arg(&script)
        .env("OIDC_PORT", "0")
        .env("OIDC_CLIENTS", clients.to_string())
        .env("OIDC_ACCOUNTS", accounts.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .context("starting the OpenID provider (node, with pwa/node_modules installed)")?;
    let stdout = child.stdout.take().ok_or_else(|| anyhow!("no stdout"))?;
    let mut lines = BufReader::new(stdout).lines();
    let issuer = tokio::time::timeout(std::time::Duration::from_secs(30), async {
        while let Some(line) = lines.next_line().await? {
            if let Some(url) = line.strip_prefix("OIDC provider listening on ") {
                return Ok::<_, anyhow::Error>(url.trim().to_string());
            }
        }
        bail!("the OpenID provider exited before listening")
    })
    .await
    .map_err(|_| anyhow!("the OpenID provider did not start"))??;
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Ok(Provider {
        issuer,
        _child: child,
    })
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// A browser: a cookie jar, following redirects by hand so each stop can be seen.
fn browser() -> Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()?)
}

/// Follows redirects from `url`; returns every address visited, the last one last.
async fn walk(b: &reqwest::Client, url: &str) -> Result<Vec<String>> {
    walk_until(b, url, |_| false).await
}

/// Follows redirects until one goes to an address `stop` picks (not requested).
async fn walk_until(
    b: &reqwest::Client,
    url: &str,
    stop: impl Fn(&str) -> bool,
) -> Result<Vec<String>> {
    let mut seen = vec![url.to_string()];
    let mut at = reqwest::Url::parse(url)?;
    for _ in 0..15 {
        if stop(at.as_str()) {
            return Ok(seen);
        }
        let res = b.get(at.clone()).send().await?;
        if !res.status().is_redirection() {
            return Ok(seen);
        }
        let to = res
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| anyhow!("a redirect without a location"))?;
        at = at.join(to)?;
        seen.push(at.to_string());
    }
    bail!("too many redirects: {seen:?}")
}

fn ends_at(stops: &[String]) -> String {
    stops.last().cloned().unwrap_or_default()
}

async fn me(app: &TestApp, b: &reqwest::Client) -> Result<Value> {
    Ok(b.post(app.url("/graphql"))
        .json(&json!({ "query": "{ me { email name roles agency facilitatorProfile { kind } } }" }))
        .send()
        .await?
        .json()
        .await?)
}

fn config(dir: &std::path::Path, issuer: &str) -> Result<std::path::PathBuf> {
    let wrong = issuer.replace("127.0.0.1", "localhost");
    let toml = format!(
        r#"
[[sso]]
id = "police"
name = "Northshire Police"
issuer = "{issuer}"
client_id = "rjhub"
client_secret = "s3cret-for-tests"
allowed_domains = ["police.example"]
agency = "Police"
facilitator_kind = "partner_practitioner"
[sso.roles]
"RJ.Referrer" = "referrer"
"RJ.Facilitator" = "facilitator"

[[sso]]
id = "imposter"
name = "Not the issuer it says"
issuer = "{wrong}"
client_id = "rjhub"
client_secret = "s3cret-for-tests"
allowed_domains = ["police.example"]
[sso.roles]
"RJ.Referrer" = "referrer"
"#
    );
    let path = dir.join("sso.toml");
    std::fs::write(&path, toml)?;
    Ok(path)
}

async fn r_20_staff_sign_in_with_their_organisations_account(db: DbKind) -> Result<()> {
    let port = free_port()?;
    let idp = provider(port).await?;
    let dir = tempfile::tempdir()?;
    let app = TestApp::builder(db)
        .bind(format!("127.0.0.1:{port}"))
        .arg("--config")
        .arg(config(dir.path(), &idp.issuer)?.display().to_string())
        .start()
        .await?;
    let start = |who: &str| {
        app.url(&format!(
            "/auth/oidc/police/start?login_hint={who}&next=/cases"
        ))
    };

    // The sign-in page can list the organisations.
    let orgs = app
        .client()
        .data("{ signInOrganisations { id name } }", json!({}))
        .await?;
    ensure!(
        orgs["signInOrganisations"][0] == json!({ "id": "police", "name": "Northshire Police" }),
        "{orgs}"
    );

    // A police referrer: through the provider (PKCE, the nonce) and back, signed in, where they
    // were going, with the role and agency the organisation's claims give.
    let b = browser()?;
    let stops = walk(&b, &start("pc-smith")).await?;
    ensure!(
        stops.iter().any(|s| s.starts_with(&idp.issuer)) && ends_at(&stops) == app.url("/cases"),
        "{stops:#?}"
    );
    let authorize = stops
        .iter()
        .find(|s| s.starts_with(&idp.issuer) && s.contains("code_challenge="))
        .cloned()
        .unwrap_or_default();
    ensure!(
        authorize.contains("code_challenge_method=S256") && authorize.contains("nonce="),
        "{authorize}"
    );
    let who = me(&app, &b).await?;
    ensure!(
        who["data"]["me"]["email"] == "pc.smith@police.example"
            && who["data"]["me"]["name"] == "PC Jo Smith"
            && who["data"]["me"]["roles"] == json!(["REFERRER"])
            && who["data"]["me"]["agency"] == "Police",
        "{who}"
    );
    let audit = app
        .rows("SELECT CAST(detail AS TEXT) AS d FROM audit_log WHERE action = 'login'")
        .await?;
    ensure!(
        audit.iter().any(|r| r["d"]
            .as_str()
            .is_some_and(|d| d.contains("oidc") && d.contains("police"))),
        "{audit:?}"
    );

    // The same callback again — with the cookie, or from another browser — signs nobody in.
    let callback = stops
        .iter()
        .find(|s| s.contains("/auth/oidc/callback"))
        .cloned()
        .ok_or_else(|| anyhow!("no callback in {stops:?}"))?;
    let state = reqwest::Url::parse(&callback)?
        .query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.to_string())
        .unwrap_or_default();
    let replay = browser()?;
    let res = replay
        .get(&callback)
        .header("cookie", format!("rjhub_sso={state}"))
        .send()
        .await?;
    ensure!(
        res.headers().get("location").and_then(|v| v.to_str().ok()) == Some("/sign-in?sso=failed"),
        "{:?}",
        res.headers()
    );
    ensure!(error_code(&me(&app, &replay).await?).as_deref() == Some("UNAUTHENTICATED"));
    // A login started in one browser and finished in another (login CSRF) is refused.
    let victim = browser()?;
    let attacker = browser()?;
    let through = walk_until(&attacker, &start("pc-smith"), |s| {
        s.contains("/auth/oidc/callback")
    })
    .await?;
    let cb = ends_at(&through);
    ensure!(cb.contains("/auth/oidc/callback"), "{through:?}");
    let stops = walk(&victim, &cb).await?;
    ensure!(
        ends_at(&stops).ends_with("/sign-in?sso=failed"),
        "{stops:?}"
    );

    // A facilitator gets a profile of the organisation's kind; the address is matched whatever
    // its case.
    let f = browser()?;
    ensure!(ends_at(&walk(&f, &start("pat-lee")).await?) == app.url("/cases"));
    let who = me(&app, &f).await?;
    ensure!(
        who["data"]["me"]["roles"] == json!(["FACILITATOR"])
            && who["data"]["me"]["facilitatorProfile"]["kind"] == "PARTNER_PRACTITIONER"
            && who["data"]["me"]["email"] == "pat.lee@police.example",
        "{who}"
    );

    // Refusals, each with its reason for the sign-in page.
    for (who, code) in [
        ("no-role", "no-role"),
        ("outsider", "not-allowed"),
        ("unverified", "not-allowed"),
    ] {
        let b = browser()?;
        let end = ends_at(&walk(&b, &start(who)).await?);
        ensure!(
            end == app.url(&format!("/sign-in?sso={code}")),
            "{who}: {end}"
        );
        ensure!(error_code(&me(&app, &b).await?).as_deref() == Some("UNAUTHENTICATED"));
    }
    let b = browser()?;
    let end = ends_at(&walk(&b, &app.url("/auth/oidc/imposter/start")).await?);
    ensure!(end == app.url("/sign-in?sso=unavailable"), "{end}");
    let end = ends_at(&walk(&b, &app.url("/auth/oidc/nobody/start")).await?);
    ensure!(end == app.url("/sign-in?sso=failed"), "{end}");

    // Suspended here: the organisation's word does not lift it.
    let coord = app.login_demo("coordinator").await?;
    let users = coord
        .data(
            "{ users(first: 100) { edges { node { id email } } } }",
            json!({}),
        )
        .await?;
    let pc = users["users"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|e| e["node"]["email"] == "pc.smith@police.example")
        .map(|e| e["node"]["id"].clone())
        .ok_or_else(|| anyhow!("no SSO user in {users}"))?;
    coord
        .data(
            "mutation($i: SuspendUserInput!) { suspendUser(input: $i) { userId } }",
            json!({ "i": { "userId": pc, "reason": "Left the force" } }),
        )
        .await?;
    let b2 = browser()?;
    let end = ends_at(&walk(&b2, &start("pc-smith")).await?);
    ensure!(end == app.url("/sign-in?sso=suspended"), "{end}");

    // The session lasts as long as the ID token (an hour here), not twelve hours.
    ensure!(me(&app, &f).await?["data"]["me"].is_object());
    app.set_now(Utc::now() + Duration::minutes(61))?;
    ensure!(error_code(&me(&app, &f).await?).as_deref() == Some("UNAUTHENTICATED"));
    Ok(())
}
