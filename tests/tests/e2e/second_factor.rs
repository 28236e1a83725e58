//! Second factors (#20): an authenticator app's code after the password (each code once, wrong
//! ones locked out), single-use recovery codes, a waiting session that can reach nothing else,
//! roles that must enrol at their first sign-in, and the co-ordinator's reset for a lost phone.
//! Passkeys are proved in the browser (pwa/e2e/second-factor.test.mjs), with Chromium's virtual
//! authenticator.

use anyhow::{Result, anyhow, ensure};
use chrono::{DateTime, Duration, TimeZone, Utc};
use rjhub_tests::{
    Client, DEMO_PASSWORD, DbKind, TestApp, binary, error_code, error_field, on_both_databases,
};
use serde_json::{Value, json};
use totp_rs::{Builder, Secret};

use crate::cases::user_id;

on_both_databases!(
    r_20_an_authenticator_code_signs_in_once_per_code,
    r_20_recovery_codes_work_once_each,
    r_20_a_role_that_needs_a_factor_enrols_at_first_sign_in,
    r_20_a_coordinator_resets_a_lost_phone,
);

const LOGIN: &str = "mutation($i: LoginInput!) { login(input: $i) { user { id } nextStep } }";
const START: &str = "mutation { startTotpEnrolment(input: { label: \"My phone\" }) { factorId secret otpauthUri qrCodePng } }";
const CONFIRM: &str = "mutation($i: ConfirmTotpEnrolmentInput!) { confirmTotpEnrolment(input: $i) { factor { id kind label } recoveryCodes nextStep } }";
const VERIFY: &str =
    "mutation($c: String!) { verifyOneTimeCode(input: { code: $c }) { user { id } nextStep } }";
const RECOVER: &str =
    "mutation($c: String!) { useRecoveryCode(input: { code: $c }) { nextStep recoveryCodesLeft } }";
const MINE: &str =
    "{ mySecondFactors { factors { id kind label lastUsedAt } recoveryCodesLeft required } }";
const STEP: &str = "{ signInStep { step methods passkeysAvailable } }";

/// The start of a 30-second TOTP step, so that +30 s is the next code.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 1, 4, 10, 0, 0)
        .single()
        .unwrap_or_default()
}

fn code_at(secret: &str, at: DateTime<Utc>) -> Result<String> {
    let totp = Builder::new()
        .with_secret(Secret::try_from_base32(secret).map_err(|e| anyhow!("{e:?}"))?)
        .with_account_name("x")
        .build()
        .map_err(|e| anyhow!("{e:?}"))?;
    Ok(totp.generate(u64::try_from(at.timestamp())?).to_string())
}

async fn login(app: &TestApp, who: &str) -> Result<(Client, String)> {
    let c = app.client();
    let r = c
        .data(
            LOGIN,
            json!({ "i": { "email": format!("{who}@demo.rjhub.test"), "password": DEMO_PASSWORD } }),
        )
        .await?;
    let step = r["login"]["nextStep"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    Ok((c, step))
}

/// Sets up an authenticator app for a signed-in (or enrolling) client; returns the secret and
/// the recovery codes.
pub async fn enrol(c: &Client, at: DateTime<Utc>) -> Result<(String, Vec<String>, Value)> {
    let e = c.data(START, json!({})).await?["startTotpEnrolment"].clone();
    let secret = e["secret"].as_str().unwrap_or_default().to_string();
    ensure!(
        e["otpauthUri"]
            .as_str()
            .is_some_and(|u| u.starts_with("otpauth://totp/RJ%20Hub:") && u.contains(&secret)),
        "{e}"
    );
    ensure!(
        e["qrCodePng"].as_str().is_some_and(|q| q.len() > 200),
        "{e}"
    );
    let done = c
        .data(
            CONFIRM,
            json!({ "i": { "factorId": e["factorId"], "code": code_at(&secret, at)? } }),
        )
        .await?["confirmTotpEnrolment"]
        .clone();
    let codes: Vec<String> = done["recoveryCodes"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|c| c.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    Ok((secret, codes, done))
}

fn refused_as_waiting(r: &Value) -> bool {
    error_code(r).as_deref() == Some("SECOND_FACTOR_REQUIRED")
}

async fn r_20_an_authenticator_code_signs_in_once_per_code(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    app.set_now(t0())?;
    // The demo asks nobody for a second factor: the password alone signs in.
    let (trainer, step) = login(&app, "trainer").await?;
    ensure!(step == "DONE", "{step}");
    // A wrong first code sets nothing up.
    let e = trainer.data(START, json!({})).await?["startTotpEnrolment"].clone();
    let secret = e["secret"].as_str().unwrap_or_default().to_string();
    let wrong = code_at(&secret, t0() + Duration::hours(1))?;
    let r = trainer
        .gql(
            CONFIRM,
            json!({ "i": { "factorId": e["factorId"], "code": wrong } }),
        )
        .await?;
    ensure!(error_field(&r).as_deref() == Some("code"), "{r}");
    ensure!(trainer.data(MINE, json!({})).await?["mySecondFactors"]["factors"] == json!([]));

    let (secret, codes, done) = enrol(&trainer, t0()).await?;
    ensure!(codes.len() == 10, "{done}");
    ensure!(done["factor"]["kind"] == "TOTP" && done["factor"]["label"] == "My phone");
    let mine = trainer.data(MINE, json!({})).await?["mySecondFactors"].clone();
    ensure!(
        mine["factors"].as_array().map(Vec::len) == Some(1)
            && mine["recoveryCodesLeft"] == 10
            && mine["required"] == false,
        "{mine}"
    );

    // Now the password alone leaves the session waiting, and it can reach nothing else.
    let (waiting, step) = login(&app, "trainer").await?;
    ensure!(step == "SECOND_FACTOR", "{step}");
    for q in [
        "{ me { id } }",
        "{ mySessions { id } }",
        "{ myOffers { id } }",
        "{ signInStep { step } me { id } }",
    ] {
        let r = waiting.gql(q, json!({})).await?;
        ensure!(refused_as_waiting(&r), "{q}: {r}");
    }
    let csv = waiting
        .http
        .get(app.url("/reports/performance.csv"))
        .send()
        .await?;
    ensure!(csv.status() == 401, "{}", csv.status());
    // Nor may it add a factor of its own (a stolen password would add the thief's).
    let r = waiting.gql(START, json!({})).await?;
    ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{r}");
    let s = waiting.data(STEP, json!({})).await?["signInStep"].clone();
    ensure!(
        s["step"] == "SECOND_FACTOR"
            && s["methods"] == json!(["TOTP", "RECOVERY_CODE"])
            && s["passkeysAvailable"] == false,
        "{s}"
    );
    // The code that confirmed the app has been used.
    let r = waiting
        .gql(VERIFY, json!({ "c": code_at(&secret, t0())? }))
        .await?;
    ensure!(
        error_field(&r).as_deref() == Some("code")
            && r["errors"][0]["message"]
                .as_str()
                .is_some_and(|m| m.contains("used already")),
        "{r}"
    );
    // The next one signs in, once; a third session cannot use it again.
    app.set_now(t0() + Duration::seconds(30))?;
    let next = code_at(&secret, t0() + Duration::seconds(30))?;
    let r = waiting.data(VERIFY, json!({ "c": next })).await?;
    ensure!(r["verifyOneTimeCode"]["nextStep"] == "DONE", "{r}");
    ensure!(waiting.data("{ me { id } }", json!({})).await.is_ok());
    let (third, _) = login(&app, "trainer").await?;
    let r = third.gql(VERIFY, json!({ "c": next })).await?;
    ensure!(error_field(&r).as_deref() == Some("code"), "{r}");
    // Wrong codes count like wrong passwords: the fifth failure locks the account's codes.
    let mut last = Value::Null;
    for _ in 0..5 {
        last = third.gql(VERIFY, json!({ "c": wrong })).await?;
    }
    ensure!(
        error_code(&last).as_deref() == Some("TOO_MANY_REQUESTS"),
        "{last}"
    );
    let later = code_at(&secret, t0() + Duration::seconds(60))?;
    app.set_now(t0() + Duration::seconds(60))?;
    let r = third.gql(VERIFY, json!({ "c": later })).await?;
    ensure!(
        error_code(&r).as_deref() == Some("TOO_MANY_REQUESTS"),
        "{r}"
    );

    // Each completed sign-in is audited with its kind; the waiting session was replaced.
    let rows = app
        .rows("SELECT detail FROM audit_log WHERE action = 'second_factor'")
        .await?;
    ensure!(rows.len() == 1, "{rows:?}");
    ensure!(rows[0]["detail"].to_string().contains("totp"), "{rows:?}");
    // On an IP address passkeys are off, and say so.
    let r = app
        .client()
        .gql(
            "mutation { beginPasskeySignIn { ceremonyId options } }",
            json!({}),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("CONFLICT"), "{r}");
    Ok(())
}

async fn r_20_recovery_codes_work_once_each(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    app.set_now(t0())?;
    let (volunteer, _) = login(&app, "volunteer").await?;
    let (_, codes, _) = enrol(&volunteer, t0()).await?;
    let code = codes.first().cloned().unwrap_or_default();

    let (lost_phone, step) = login(&app, "volunteer").await?;
    ensure!(step == "SECOND_FACTOR");
    // Typed in capitals with a space instead of the hyphen: still the code.
    let typed = code.to_uppercase().replace('-', " ");
    let r = lost_phone.data(RECOVER, json!({ "c": typed })).await?;
    ensure!(
        r["useRecoveryCode"]["nextStep"] == "DONE"
            && r["useRecoveryCode"]["recoveryCodesLeft"] == 9,
        "{r}"
    );
    ensure!(lost_phone.data("{ me { id } }", json!({})).await.is_ok());
    let (again, _) = login(&app, "volunteer").await?;
    let r = again.gql(RECOVER, json!({ "c": code })).await?;
    ensure!(error_field(&r).as_deref() == Some("code"), "{r}");
    ensure!(refused_as_waiting(
        &again.gql("{ me { id } }", json!({})).await?
    ));
    // The user is told a code was used, and how many are left.
    let mails = app
        .rows("SELECT CAST(payload AS TEXT) AS p FROM outbox WHERE recipient = 'volunteer@demo.rjhub.test'")
        .await?;
    ensure!(
        mails.iter().any(|m| m["p"].as_str().is_some_and(|p| p
            .contains("a recovery code was used")
            && p.contains("You have 9 left"))),
        "{mails:?}"
    );
    // New codes replace the old ones, all of them.
    let fresh = lost_phone
        .data(
            "mutation { regenerateRecoveryCodes { recoveryCodes } }",
            json!({}),
        )
        .await?["regenerateRecoveryCodes"]["recoveryCodes"]
        .as_array()
        .map(Vec::len);
    ensure!(fresh == Some(10));
    let r = again.gql(RECOVER, json!({ "c": codes[1] })).await?;
    ensure!(error_field(&r).as_deref() == Some("code"), "{r}");
    // A session waiting for its second factor lasts ten minutes; a full one goes on.
    app.set_now(t0() + Duration::minutes(11))?;
    let r = again.gql(STEP, json!({})).await?;
    ensure!(error_code(&r).as_deref() == Some("UNAUTHENTICATED"), "{r}");
    ensure!(lost_phone.data("{ me { id } }", json!({})).await.is_ok());
    Ok(())
}

async fn r_20_a_role_that_needs_a_factor_enrols_at_first_sign_in(db: DbKind) -> Result<()> {
    let app = TestApp::builder(db)
        .env("RJHUB_SECOND_FACTOR_ROLES", "coordinator,supervisor")
        .start()
        .await?;
    app.set_now(t0())?;
    let (coord, step) = login(&app, "coordinator").await?;
    ensure!(step == "ENROL", "{step}");
    for q in [
        "{ me { id } }",
        "{ users { edges { node { id } } } }",
        "{ workbench { __typename } }",
    ] {
        let r = coord.gql(q, json!({})).await?;
        ensure!(refused_as_waiting(&r), "{q}: {r}");
    }
    ensure!(coord.data(STEP, json!({})).await?["signInStep"]["step"] == "ENROL");
    // Setting the app up finishes the sign-in.
    let (_, codes, done) = enrol(&coord, t0()).await?;
    ensure!(done["nextStep"] == "DONE" && codes.len() == 10, "{done}");
    ensure!(coord.data("{ me { id } }", json!({})).await.is_ok());
    // The only factor of a role that needs one cannot be removed.
    let id = done["factor"]["id"].clone();
    let r = coord
        .gql(
            "mutation($i: RemoveSecondFactorInput!) { removeSecondFactor(input: $i) { recoveryCodesLeft } }",
            json!({ "i": { "factorId": id } }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("CONFLICT"), "{r}");
    // A role outside the list signs in with the password alone.
    let (_, step) = login(&app, "volunteer").await?;
    ensure!(step == "DONE", "{step}");
    Ok(())
}

/// Unset, every role that sees personal data must use a second factor (not the commissioner,
/// who sees only suppressed figures); a list naming no role stops the server from starting.
#[tokio::test]
async fn r_20_by_default_every_role_seeing_personal_data_needs_a_factor() -> Result<()> {
    let app = TestApp::builder(DbKind::Sqlite)
        .without_demo()
        .start()
        .await?;
    for (email, role) in [
        ("lead@example.org", "coordinator"),
        ("board@example.org", "commissioner"),
    ] {
        app.create_user(email, "Someone", &[role], None, None)
            .await?;
    }
    let step = |email: &'static str| {
        let c = app.client();
        async move {
            let r = c
                .data(
                    LOGIN,
                    json!({ "i": { "email": email, "password": DEMO_PASSWORD } }),
                )
                .await?;
            Ok::<_, anyhow::Error>(
                r["login"]["nextStep"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        }
    };
    ensure!(step("lead@example.org").await? == "ENROL");
    ensure!(step("board@example.org").await? == "DONE");

    let dir = tempfile::tempdir()?;
    let out = std::process::Command::new(binary()?)
        .args(["serve", "--bind", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path())
        .env_remove("DATABASE_URL")
        .env("RJHUB_SECOND_FACTOR_ROLES", "coordinator,boss")
        .output()?;
    let err = String::from_utf8_lossy(&out.stderr);
    ensure!(!out.status.success() && err.contains("boss"), "{err}");
    Ok(())
}

async fn r_20_a_coordinator_resets_a_lost_phone(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    app.set_now(t0())?;
    let trainer_id = user_id(&app, "trainer").await?;
    let (trainer, _) = login(&app, "trainer").await?;
    enrol(&trainer, t0()).await?;
    const RESET: &str =
        "mutation($i: ResetSecondFactorsInput!) { resetSecondFactors(input: $i) { userId } }";
    let (volunteer, _) = login(&app, "volunteer").await?;
    let r = volunteer
        .gql(
            RESET,
            json!({ "i": { "userId": trainer_id, "reason": "lost phone" } }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{r}");
    let coord = app.login_demo("coordinator").await?;
    let coord_id = coord.data("{ me { id } }", json!({})).await?["me"]["id"].clone();
    let r = coord
        .gql(
            RESET,
            json!({ "i": { "userId": coord_id, "reason": "mine" } }),
        )
        .await?;
    ensure!(error_field(&r).as_deref() == Some("userId"), "{r}");
    let r = coord
        .gql(
            RESET,
            json!({ "i": { "userId": trainer_id, "reason": " " } }),
        )
        .await?;
    ensure!(error_field(&r).as_deref() == Some("reason"), "{r}");
    coord
        .data(
            RESET,
            json!({ "i": { "userId": trainer_id, "reason": "Phone lost on 3 January, no codes kept" } }),
        )
        .await?;
    // Signed out everywhere, told by e-mail, and the password alone signs in again.
    let r = trainer.gql("{ me { id } }", json!({})).await?;
    ensure!(error_code(&r).as_deref() == Some("UNAUTHENTICATED"), "{r}");
    let (_, step) = login(&app, "trainer").await?;
    ensure!(step == "DONE", "{step}");
    let mails = app
        .rows("SELECT CAST(payload AS TEXT) AS p FROM outbox WHERE recipient = 'trainer@demo.rjhub.test'")
        .await?;
    ensure!(
        mails.iter().any(|m| m["p"]
            .as_str()
            .is_some_and(|p| p.contains("your second factors were reset"))),
        "{mails:?}"
    );
    let audit = app
        .rows("SELECT detail FROM audit_log WHERE action = 'reset_second_factors'")
        .await?;
    ensure!(
        audit.len() == 1 && audit[0]["detail"].to_string().contains("Phone lost"),
        "{audit:?}"
    );
    Ok(())
}
