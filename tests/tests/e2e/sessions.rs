//! Sessions people can see (#20): "signed in on these devices" with sign-out of one or all, a
//! co-ordinator suspending an account (every session ends at once), and an e-mail when someone
//! signs in from a new device.

use anyhow::{Result, ensure};
use rjhub_tests::{DEMO_PASSWORD, DbKind, TestApp, error_code, on_both_databases};
use serde_json::json;

use crate::cases::user_id;

on_both_databases!(
    sessions_people_can_see_and_sign_out_of_one_or_all,
    a_suspended_account_loses_every_session_at_once,
);

const PHONE: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";
const DESKTOP: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const SESSIONS: &str = "{ mySessions { id device current } }";
const EMAIL: &str = "volunteer@demo.rjhub.test";

async fn new_device_mails(app: &TestApp) -> Result<Vec<String>> {
    Ok(app
        .rows(&format!(
            "SELECT CAST(payload AS TEXT) AS p FROM outbox WHERE channel = 'email' AND recipient = '{EMAIL}'"
        ))
        .await?
        .into_iter()
        .filter_map(|r| r["p"].as_str().map(str::to_string))
        .filter(|p| p.contains("a sign-in from a new device"))
        .collect())
}

async fn sessions_people_can_see_and_sign_out_of_one_or_all(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let phone = app.login_on(Some(PHONE), EMAIL, DEMO_PASSWORD).await?;
    let before = new_device_mails(&app).await?.len();
    // The same phone again: no e-mail. A new desktop browser: one, naming it.
    let phone_again = app.login_on(Some(PHONE), EMAIL, DEMO_PASSWORD).await?;
    ensure!(new_device_mails(&app).await?.len() == before);
    let desktop = app.login_on(Some(DESKTOP), EMAIL, DEMO_PASSWORD).await?;
    let mails = new_device_mails(&app).await?;
    ensure!(mails.len() == before + 1, "{mails:?}");
    ensure!(
        mails.iter().any(|m| m.contains("Firefox on Linux")),
        "{mails:?}"
    );

    let d = desktop.data(SESSIONS, json!({})).await?;
    let list = d["mySessions"].as_array().cloned().unwrap_or_default();
    ensure!(list.len() >= 3, "{d}");
    ensure!(
        list.iter()
            .filter(|s| s["current"] == true)
            .all(|s| s["device"] == "Firefox on Linux"),
        "{d}"
    );
    ensure!(
        list.iter().any(|s| s["device"] == "Chrome on Android"),
        "{d}"
    );
    // Sign out the phone's first session from the desktop: that phone is signed out.
    let phone_id = phone.data(SESSIONS, json!({})).await?["mySessions"]
        .as_array()
        .and_then(|l| {
            l.iter()
                .find(|s| s["current"] == true)
                .map(|s| s["id"].clone())
        })
        .unwrap_or_default();
    desktop
        .data(
            "mutation($i: SignOutSessionInput!) { signOutSession(input: $i) { sessions { id } } }",
            json!({ "i": { "sessionId": phone_id } }),
        )
        .await?;
    ensure!(
        error_code(&phone.gql("{ me { id } }", json!({})).await?).as_deref()
            == Some("UNAUTHENTICATED")
    );
    ensure!(phone_again.data("{ me { id } }", json!({})).await.is_ok());
    // Another user cannot end someone else's session.
    let other = app.login_demo("special").await?;
    let desk_id = desktop.data(SESSIONS, json!({})).await?["mySessions"][0]["id"].clone();
    let r = other
        .gql(
            "mutation($i: SignOutSessionInput!) { signOutSession(input: $i) { sessions { id } } }",
            json!({ "i": { "sessionId": desk_id } }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("NOT_FOUND"), "{r}");
    // Everywhere: every session of the account ends.
    desktop
        .data(
            "mutation { signOutEverywhere { sessions { id } } }",
            json!({}),
        )
        .await?;
    for c in [&desktop, &phone_again] {
        ensure!(
            error_code(&c.gql("{ me { id } }", json!({})).await?).as_deref()
                == Some("UNAUTHENTICATED")
        );
    }
    ensure!(other.data("{ me { id } }", json!({})).await.is_ok());
    Ok(())
}

async fn a_suspended_account_loses_every_session_at_once(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let volunteer = app.login_demo("volunteer").await?;
    let vid = user_id(&app, "volunteer").await?;
    const SUSPEND: &str =
        "mutation($i: SuspendUserInput!) { suspendUser(input: $i) { userId accountStatus } }";
    // Only the co-ordinator suspends, and says why.
    let r = volunteer
        .gql(
            SUSPEND,
            json!({ "i": { "userId": vid, "reason": "Testing" } }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{r}");
    let r = coord
        .gql(SUSPEND, json!({ "i": { "userId": vid, "reason": " " } }))
        .await?;
    ensure!(error_code(&r).as_deref() == Some("VALIDATION"), "{r}");
    let d = coord
        .data(
            SUSPEND,
            json!({ "i": { "userId": vid, "reason": "Vetting lapsed; renewal applied for" } }),
        )
        .await?;
    ensure!(d["suspendUser"]["accountStatus"] == "SUSPENDED", "{d}");
    // The co-ordinator's list of accounts says so.
    let list = coord
        .data(
            "{ users(first: 100) { edges { node { id accountStatus } } } }",
            json!({}),
        )
        .await?;
    ensure!(
        list["users"]["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|e| e["node"]["id"] == vid.as_str() && e["node"]["accountStatus"] == "SUSPENDED"),
        "{list}"
    );
    ensure!(
        error_code(&volunteer.gql("{ me { id } }", json!({})).await?).as_deref()
            == Some("UNAUTHENTICATED")
    );
    // With the right password they are told why; with a wrong one, nothing more than anyone.
    const LOGIN: &str = "mutation($i: LoginInput!) { login(input: $i) { user { id } } }";
    let r = app
        .client()
        .gql(
            LOGIN,
            json!({ "i": { "email": EMAIL, "password": DEMO_PASSWORD } }),
        )
        .await?;
    ensure!(
        error_code(&r).as_deref() == Some("CONFLICT")
            && r["errors"][0]["message"]
                .as_str()
                .is_some_and(|m| m.contains("suspended")),
        "{r}"
    );
    let r = app
        .client()
        .gql(
            LOGIN,
            json!({ "i": { "email": EMAIL, "password": "not the password" } }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("UNAUTHENTICATED"), "{r}");
    let told = app
        .rows(&format!(
            "SELECT CAST(payload AS TEXT) AS p FROM outbox WHERE channel = 'email' AND recipient = '{EMAIL}'"
        ))
        .await?
        .iter()
        .any(|r| r["p"].as_str().is_some_and(|p| p.contains("your account is suspended") && !p.contains("Vetting")));
    ensure!(told, "the user is told, without the reason");
    let audited = app
        .rows("SELECT CAST(detail AS TEXT) AS d FROM audit_log WHERE action = 'suspend_user'")
        .await?;
    ensure!(
        audited.iter().any(|r| r["d"]
            .as_str()
            .is_some_and(|d| d.contains("Vetting lapsed"))),
        "{audited:?}"
    );
    let d = coord
        .data(
            "mutation($i: ReinstateUserInput!) { reinstateUser(input: $i) { accountStatus } }",
            json!({ "i": { "userId": vid } }),
        )
        .await?;
    ensure!(d["reinstateUser"]["accountStatus"] == "ACTIVE", "{d}");
    ensure!(app.login_demo("volunteer").await.is_ok());
    let told = app
        .rows(&format!(
            "SELECT CAST(payload AS TEXT) AS p FROM outbox WHERE channel = 'email' AND recipient = '{EMAIL}'"
        ))
        .await?
        .iter()
        .any(|r| r["p"].as_str().is_some_and(|p| p.contains("your account is active again")));
    ensure!(told, "the user is told the suspension is lifted");
    Ok(())
}

/// Another instance on the same PostgreSQL remembers a session for at most
/// `RJHUB_SESSION_MEMORY_SECONDS` (2 s): a sign-out on one instance holds on the other from then on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_out_on_one_instance_holds_on_another_within_the_session_memory() {
    if rjhub_tests::postgres_url().is_none() {
        eprintln!("PostgreSQL skipped: set RJHUB_TEST_POSTGRES to run the two-instance test");
        return;
    }
    rjhub_tests::report(sign_out_across_instances().await);
}

async fn sign_out_across_instances() -> Result<()> {
    let app = TestApp::start(DbKind::Postgres).await?;
    let second = app.second_instance().await?;
    let volunteer = app.login_demo("volunteer").await?;
    let me_on_second = || async {
        let r = volunteer
            .http
            .post(format!("{}/graphql", second.base))
            .json(&json!({ "query": "{ me { email } }" }))
            .send()
            .await?
            .json::<serde_json::Value>()
            .await?;
        anyhow::Ok(r)
    };
    // The second instance looks the session up, and remembers it.
    let r = me_on_second().await?;
    ensure!(r["data"]["me"]["email"] == EMAIL, "{r}");
    let out = volunteer
        .gql(
            "mutation { signOutEverywhere { sessions { id } } }",
            json!({}),
        )
        .await?;
    ensure!(out["errors"].is_null(), "{out}");
    // Refused on the first at once (it made the change), on the second within the memory's time.
    let started = std::time::Instant::now();
    loop {
        let r = me_on_second().await?;
        if error_code(&r).as_deref() == Some("UNAUTHENTICATED") {
            break;
        }
        ensure!(
            started.elapsed() < std::time::Duration::from_millis(3_500),
            "the second instance still answered the signed-out session after {:?}: {r}",
            started.elapsed()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Ok(())
}
