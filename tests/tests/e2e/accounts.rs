//! Accounts, sessions, expiry, lock-out and guards (issue: foundation; R-DP-2).

use anyhow::{Result, ensure};
use chrono::{Duration, Utc};
use rjhub_tests::{
    DEMO_PASSWORD, DbKind, TestApp, error_code, error_field, error_message, eventually,
    on_both_databases, outbox_mails,
};
use serde_json::json;

use crate::mail::{body_text, invitation_token, smtp_sink};

const LOGIN: &str = "mutation($i: LoginInput!) { login(input: $i) { user { id name roles } } }";
const ME: &str = "{ me { id email name roles agency facilitatorProfile { kind agency } } }";
const INVITE: &str = "mutation($i: InviteUserInput!) { inviteUser(input: $i) { invitation { id email name roles expiresAt } } }";
const ACCEPT: &str = "mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { user { id name roles } } }";
const CHANGE: &str = "mutation($i: ChangePasswordInput!) { changePassword(input: $i) { ok } }";

on_both_databases!(
    r_dp_2_sign_in_shows_me_my_roles_and_sign_out_ends_the_session,
    r_dp_2_wrong_password_and_unknown_email_get_the_same_answer,
    r_dp_2_repeated_failures_lock_the_account_for_a_while,
    r_dp_2_repeated_failures_from_one_address_are_throttled,
    r_dp_2_sessions_expire_when_idle_and_after_an_absolute_limit,
    r_dp_2_only_the_coordinator_invites_and_every_other_role_is_forbidden,
    r_dp_2_an_invitation_is_emailed_and_accepted_once,
    r_dp_2_invitations_expire,
    r_dp_2_invite_input_is_validated_field_by_field,
    r_dp_2_changing_password_ends_other_sessions,
);

async fn r_dp_2_sign_in_shows_me_my_roles_and_sign_out_ends_the_session(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let c = app.client();
    let res = c
        .http
        .post(app.url("/graphql"))
        .json(&json!({ "query": LOGIN, "variables": { "i": {
            "email": "  Partner@Demo.RJHub.test ", "password": DEMO_PASSWORD } } }))
        .send()
        .await?;
    let cookie = res
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    ensure!(cookie.starts_with("rjhub_session="), "cookie: {cookie}");
    ensure!(cookie.contains("HttpOnly"), "cookie: {cookie}");
    ensure!(cookie.contains("SameSite=Strict"), "cookie: {cookie}");
    ensure!(cookie.contains("Path=/"), "cookie: {cookie}");
    ensure!(
        !cookie.contains("Secure"),
        "plain-http demo cookie marked Secure: {cookie}"
    );

    let me = c.data(ME, json!({})).await?;
    ensure!(me["me"]["name"] == "Marcus Bell", "{me}");
    ensure!(me["me"]["email"] == "partner@demo.rjhub.test", "{me}");
    ensure!(me["me"]["roles"] == json!(["FACILITATOR"]), "{me}");
    ensure!(
        me["me"]["facilitatorProfile"]
            == json!({"kind": "PARTNER_PRACTITIONER", "agency": "Youth Offending Service"}),
        "{me}"
    );

    // The cookie is replayed by hand after logout: the server must have ended the session.
    let token = cookie.split(';').next().unwrap_or_default().to_string();
    c.data("mutation { logout { ok } }", json!({})).await?;
    let after = c.gql(ME, json!({})).await?;
    ensure!(
        error_code(&after).as_deref() == Some("UNAUTHENTICATED"),
        "{after}"
    );
    let replay: serde_json::Value = reqwest::Client::new()
        .post(app.url("/graphql"))
        .header("cookie", token)
        .json(&json!({ "query": ME }))
        .send()
        .await?
        .json()
        .await?;
    ensure!(
        error_code(&replay).as_deref() == Some("UNAUTHENTICATED"),
        "{replay}"
    );

    // Anonymous: `me` and `logout` both need a session.
    let anon = app.client();
    let r = anon.gql("mutation { logout { ok } }", json!({})).await?;
    ensure!(error_code(&r).as_deref() == Some("UNAUTHENTICATED"), "{r}");
    Ok(())
}

async fn r_dp_2_wrong_password_and_unknown_email_get_the_same_answer(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let c = app.client();
    let wrong = c
        .gql(
            LOGIN,
            json!({"i": {"email": "volunteer@demo.rjhub.test", "password": "not the password"}}),
        )
        .await?;
    let unknown = c
        .gql(
            LOGIN,
            json!({"i": {"email": "nobody@demo.rjhub.test", "password": "not the password"}}),
        )
        .await?;
    let empty = c
        .gql(LOGIN, json!({"i": {"email": "", "password": ""}}))
        .await?;
    for r in [&wrong, &unknown, &empty] {
        ensure!(error_code(r).as_deref() == Some("UNAUTHENTICATED"), "{r}");
        ensure!(r["data"].is_null(), "{r}");
    }
    ensure!(error_message(&wrong) == error_message(&unknown));
    ensure!(error_message(&wrong) == error_message(&empty));
    // Nothing about the attempt reaches the logs.
    let log = app.server_log();
    ensure!(
        !log.contains("nobody@demo.rjhub.test") && !log.contains("volunteer@demo"),
        "log leaks: {log}"
    );
    Ok(())
}

async fn r_dp_2_repeated_failures_lock_the_account_for_a_while(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let now = Utc::now();
    app.set_now(now)?;
    let c = app.client();
    for _ in 0..5 {
        let r = c
            .gql(
                LOGIN,
                json!({"i": {"email": "trainer@demo.rjhub.test", "password": "guess guess guess"}}),
            )
            .await?;
        ensure!(error_code(&r).as_deref() == Some("UNAUTHENTICATED"), "{r}");
    }
    // Locked: even the right password is refused, with a message that says to wait.
    let r = c
        .gql(
            LOGIN,
            json!({"i": {"email": "trainer@demo.rjhub.test", "password": DEMO_PASSWORD}}),
        )
        .await?;
    ensure!(
        error_code(&r).as_deref() == Some("TOO_MANY_REQUESTS"),
        "{r}"
    );
    ensure!(error_message(&r).contains("15 minutes"), "{r}");
    // An unknown address is locked in exactly the same way, so the lock reveals nothing.
    for _ in 0..5 {
        c.gql(
            LOGIN,
            json!({"i": {"email": "ghost@demo.rjhub.test", "password": "guess guess"}}),
        )
        .await?;
    }
    let ghost = c
        .gql(
            LOGIN,
            json!({"i": {"email": "ghost@demo.rjhub.test", "password": "guess guess"}}),
        )
        .await?;
    ensure!(
        error_code(&ghost).as_deref() == Some("TOO_MANY_REQUESTS"),
        "{ghost}"
    );
    // Other accounts are not affected.
    app.login_demo("supervisor").await?;
    // After the lock-out the right password works again.
    app.set_now(now + Duration::minutes(16))?;
    app.login_demo("trainer").await?;
    Ok(())
}

async fn r_dp_2_repeated_failures_from_one_address_are_throttled(db: DbKind) -> Result<()> {
    let app = TestApp::builder(db)
        .env("RJHUB_LOGIN_MAX_FAILURES_PER_ADDRESS", "8")
        .start()
        .await?;
    let c = app.client();
    for i in 0..8 {
        let r = c
            .gql(
                LOGIN,
                json!({"i": {"email": format!("spray{i}@example.org"), "password": "password123"}}),
            )
            .await?;
        ensure!(error_code(&r).as_deref() == Some("UNAUTHENTICATED"), "{r}");
    }
    let r = c
        .gql(
            LOGIN,
            json!({"i": {"email": "coordinator@demo.rjhub.test", "password": DEMO_PASSWORD}}),
        )
        .await?;
    ensure!(
        error_code(&r).as_deref() == Some("TOO_MANY_REQUESTS"),
        "{r}"
    );
    Ok(())
}

async fn r_dp_2_sessions_expire_when_idle_and_after_an_absolute_limit(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let t0 = Utc::now();
    app.set_now(t0)?;
    // Idle expiry (60 minutes by default).
    let idle = app.login_demo("supervisor").await?;
    app.set_now(t0 + Duration::minutes(61))?;
    let r = idle.gql(ME, json!({})).await?;
    ensure!(
        error_code(&r).as_deref() == Some("UNAUTHENTICATED"),
        "idle session still valid: {r}"
    );

    // Activity keeps a session alive, but not past the absolute limit (12 hours).
    let t1 = t0 + Duration::minutes(61);
    let busy = app.login_demo("coordinator").await?;
    for step in 1..=14 {
        app.set_now(t1 + Duration::minutes(50 * step))?;
        let r = busy.gql(ME, json!({})).await?;
        if step * 50 < 12 * 60 {
            ensure!(
                r["data"]["me"]["name"] == "Priya Shah",
                "active session ended early at step {step}: {r}"
            );
        } else {
            ensure!(
                error_code(&r).as_deref() == Some("UNAUTHENTICATED"),
                "session outlived 12 h: {r}"
            );
        }
    }
    Ok(())
}

async fn r_dp_2_only_the_coordinator_invites_and_every_other_role_is_forbidden(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    let input = json!({"i": {"email": "new.trainer@example.org", "name": "New Trainer", "roles": ["TRAINER"]}});
    for who in [
        "supervisor",
        "volunteer",
        "special",
        "partner",
        "trainer",
        "referrer",
        "commissioner",
    ] {
        let c = app.login_demo(who).await?;
        let r = c.gql(INVITE, input.clone()).await?;
        ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{who}: {r}");
        ensure!(r["data"].is_null(), "{who}: {r}");
    }
    let r = app.client().gql(INVITE, input.clone()).await?;
    ensure!(
        error_code(&r).as_deref() == Some("UNAUTHENTICATED"),
        "anonymous: {r}"
    );
    // Nothing was sent by the refused attempts.
    ensure!(outbox_mails(&app.data_dir()).is_empty());
    let c = app.login_demo("coordinator").await?;
    let d = c.data(INVITE, input).await?;
    ensure!(
        d["inviteUser"]["invitation"]["roles"] == json!(["TRAINER"]),
        "{d}"
    );
    Ok(())
}

async fn r_dp_2_an_invitation_is_emailed_and_accepted_once(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let d = coord
        .data(
            INVITE,
            json!({"i": {
            "email": "Sam.Volunteer@Example.org", "name": "Sam Volunteer",
            "roles": ["FACILITATOR"], "facilitatorKind": "VOLUNTEER"}}),
        )
        .await?;
    ensure!(
        d["inviteUser"]["invitation"]["email"] == "sam.volunteer@example.org",
        "{d}"
    );

    let mail = eventually("the invitation e-mail", || {
        outbox_mails(&app.data_dir()).pop()
    })
    .await?;
    ensure!(mail.contains("To: sam.volunteer@example.org"), "{mail}");
    ensure!(
        mail.contains("Subject: You have been invited to RJ Hub"),
        "{mail}"
    );
    let body = body_text(&mail);
    ensure!(
        body.contains(&format!("{}/accept-invitation?token=", app.base)),
        "{body}"
    );
    let token = invitation_token(&mail).ok_or_else(|| anyhow::anyhow!("no token in {body}"))?;

    // Not yet active: the invited person cannot sign in.
    let r = app
        .client()
        .gql(
            LOGIN,
            json!({"i": {"email": "sam.volunteer@example.org", "password": "whatever-it-is"}}),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("UNAUTHENTICATED"), "{r}");

    let short = app
        .client()
        .gql(ACCEPT, json!({"i": {"token": token, "password": "short"}}))
        .await?;
    ensure!(
        error_code(&short).as_deref() == Some("VALIDATION"),
        "{short}"
    );
    ensure!(
        error_field(&short).as_deref() == Some("password"),
        "{short}"
    );

    let sam = app.client();
    let d = sam
        .data(
            ACCEPT,
            json!({"i": {"token": token, "password": "a long new password"}}),
        )
        .await?;
    ensure!(
        d["acceptInvitation"]["user"]["roles"] == json!(["FACILITATOR"]),
        "{d}"
    );
    let me = sam.data(ME, json!({})).await?;
    ensure!(
        me["me"]["facilitatorProfile"]["kind"] == "VOLUNTEER",
        "{me}"
    );

    let again = app
        .client()
        .gql(
            ACCEPT,
            json!({"i": {"token": token, "password": "another long password"}}),
        )
        .await?;
    ensure!(
        error_code(&again).as_deref() == Some("VALIDATION"),
        "{again}"
    );
    ensure!(error_field(&again).as_deref() == Some("token"), "{again}");
    let bogus = app
        .client()
        .gql(
            ACCEPT,
            json!({"i": {"token": "x".repeat(43), "password": "another long password"}}),
        )
        .await?;
    ensure!(error_message(&bogus) == error_message(&again), "{bogus}");

    app.login("sam.volunteer@example.org", "a long new password")
        .await?;
    // Inviting an address that already has an account is a conflict.
    let dup = coord
        .gql(INVITE, json!({"i": {"email": "sam.volunteer@example.org", "name": "Sam", "roles": ["TRAINER"]}}))
        .await?;
    ensure!(error_code(&dup).as_deref() == Some("CONFLICT"), "{dup}");
    Ok(())
}

async fn r_dp_2_invitations_expire(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let t0 = Utc::now();
    app.set_now(t0)?;
    let coord = app.login_demo("coordinator").await?;
    coord
        .data(INVITE, json!({"i": {"email": "late@example.org", "name": "Late Comer", "roles": ["REFERRER"], "agency": "Road Victims Trust"}}))
        .await?;
    let mail = eventually("the invitation e-mail", || {
        outbox_mails(&app.data_dir()).pop()
    })
    .await?;
    let token = invitation_token(&mail).ok_or_else(|| anyhow::anyhow!("no token"))?;
    app.set_now(t0 + Duration::days(7) + Duration::minutes(1))?;
    let r = app
        .client()
        .gql(
            ACCEPT,
            json!({"i": {"token": token, "password": "a long new password"}}),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("VALIDATION"), "{r}");
    ensure!(error_message(&r).contains("expired"), "{r}");
    Ok(())
}

async fn r_dp_2_invite_input_is_validated_field_by_field(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let cases = [
        (
            json!({"email": "not-an-email", "name": "A", "roles": ["TRAINER"]}),
            "email",
        ),
        (
            json!({"email": "a@example.org", "name": "  ", "roles": ["TRAINER"]}),
            "name",
        ),
        (
            json!({"email": "a@example.org", "name": "A", "roles": []}),
            "roles",
        ),
        (
            json!({"email": "a@example.org", "name": "A", "roles": ["FACILITATOR"]}),
            "facilitatorKind",
        ),
        (
            json!({"email": "a@example.org", "name": "A", "roles": ["TRAINER"], "facilitatorKind": "VOLUNTEER"}),
            "facilitatorKind",
        ),
        (
            json!({"email": "a@example.org", "name": "A", "roles": ["FACILITATOR"], "facilitatorKind": "PARTNER_PRACTITIONER"}),
            "agency",
        ),
        (
            json!({"email": "a@example.org", "name": "x".repeat(201), "roles": ["TRAINER"]}),
            "name",
        ),
    ];
    for (input, field) in cases {
        let r = coord.gql(INVITE, json!({ "i": input })).await?;
        ensure!(
            error_code(&r).as_deref() == Some("VALIDATION"),
            "{input}: {r}"
        );
        ensure!(error_field(&r).as_deref() == Some(field), "{input}: {r}");
    }
    // A wrong enum value is the request's fault, refused before any rule runs.
    let r = coord
        .gql(
            INVITE,
            json!({"i": {"email": "a@example.org", "name": "A", "roles": ["ADMIN"]}}),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("BAD_REQUEST"), "{r}");
    ensure!(
        outbox_mails(&app.data_dir()).is_empty(),
        "a refused invitation sent mail"
    );
    Ok(())
}

async fn r_dp_2_changing_password_ends_other_sessions(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let phone = app.login_demo("volunteer").await?;
    let laptop = app.login_demo("volunteer").await?;
    let wrong = phone
        .gql(
            CHANGE,
            json!({"i": {"currentPassword": "not it at all", "newPassword": "brand new password"}}),
        )
        .await?;
    ensure!(
        error_field(&wrong).as_deref() == Some("currentPassword"),
        "{wrong}"
    );
    let weak = phone
        .gql(
            CHANGE,
            json!({"i": {"currentPassword": DEMO_PASSWORD, "newPassword": "short"}}),
        )
        .await?;
    ensure!(
        error_field(&weak).as_deref() == Some("newPassword"),
        "{weak}"
    );
    phone
        .data(
            CHANGE,
            json!({"i": {"currentPassword": DEMO_PASSWORD, "newPassword": "brand new password"}}),
        )
        .await?;
    ensure!(phone.data(ME, json!({})).await?["me"]["name"] == "Agnieszka Nowak");
    let r = laptop.gql(ME, json!({})).await?;
    ensure!(
        error_code(&r).as_deref() == Some("UNAUTHENTICATED"),
        "other session survived: {r}"
    );
    ensure!(
        app.login_demo("volunteer").await.is_err(),
        "old password still works"
    );
    app.login("volunteer@demo.rjhub.test", "brand new password")
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_dp_2_invitations_are_delivered_over_smtp() -> Result<()> {
    let (port, mut inbox) = smtp_sink().await?;
    let app = TestApp::builder(DbKind::Sqlite)
        .env("RJHUB_SMTP_URL", format!("smtp://127.0.0.1:{port}"))
        .env("RJHUB_MAIL_FROM", "RJ Hub <hub@rj.example.org>")
        .start()
        .await?;
    let coord = app.login_demo("coordinator").await?;
    coord
        .data(INVITE, json!({"i": {"email": "smtp.person@example.org", "name": "Smtp Person", "roles": ["SUPERVISOR"]}}))
        .await?;
    let mail = tokio::time::timeout(std::time::Duration::from_secs(20), inbox.recv())
        .await?
        .ok_or_else(|| anyhow::anyhow!("sink closed"))?;
    ensure!(
        mail.mail_from.contains("hub@rj.example.org"),
        "{}",
        mail.mail_from
    );
    ensure!(
        mail.rcpt_to
            .iter()
            .any(|r| r.contains("smtp.person@example.org"))
    );
    ensure!(invitation_token(&mail.data).is_some(), "{}", mail.data);
    ensure!(
        outbox_mails(&app.data_dir()).is_empty(),
        "SMTP mail also written to files"
    );
    Ok(())
}
