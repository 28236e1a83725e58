//! Nudges that keep cases moving (#17): a case gone quiet, an offer unanswered, an agreement
//! item past due, the weekly digest — each sent once per occurrence however often the jobs
//! run, on one instance or two, naming no participant.

use anyhow::{Result, ensure};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, TimeZone, Utc};
use rjhub_tests::{Client, DbKind, TestApp, eventually_async, on_both_databases, postgres_url};
use serde_json::json;

use crate::cases::{ASSESS, MOVE, allocated_case, ready_for_intervention, user_id, wellbeing_call};
use crate::intake::{SELF_REFERRAL, self_referral};

on_both_databases!(r_cw_2_each_nudge_goes_out_once_per_occurrence_and_names_no_one);

/// Monday 30 November 2026, 10am London.
fn monday() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 10, 0, 0)
        .single()
        .unwrap_or_default()
}

/// Every e-mail queued: (recipient, payload as text).
async fn emails(app: &TestApp) -> Result<Vec<(String, String)>> {
    Ok(app
        .rows("SELECT recipient, CAST(payload AS TEXT) AS p FROM outbox WHERE channel = 'email'")
        .await?
        .into_iter()
        .map(|r| {
            (
                r["recipient"].as_str().unwrap_or_default().to_string(),
                r["p"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect())
}

async fn nudges_of(app: &TestApp, kind: &str) -> Result<usize> {
    Ok(app
        .rows(&format!(
            "SELECT occurrence FROM nudges WHERE kind = '{kind}'"
        ))
        .await?
        .len())
}

/// A quiet case (the demo volunteer leads, the demo supervisor supervises) with an agreement
/// item due in two days, and another case offered to the volunteer for a month.
async fn world(app: &TestApp, now: DateTime<Utc>) -> Result<(Client, String)> {
    let coord = app.login_demo("coordinator").await?;
    let (case, participants) = allocated_case(app, &coord).await?;
    coord
        .data(
            "mutation($i: AssignSupervisorInput!) { assignSupervisor(input: $i) { case { id } } }",
            json!({ "i": { "caseId": case, "supervisorId": user_id(app, "supervisor").await? } }),
        )
        .await?;
    let volunteer = app.login_demo("volunteer").await?;
    volunteer
        .data(
            MOVE,
            json!({ "i": { "caseId": case, "to": "PREPARATION" } }),
        )
        .await?;
    ready_for_intervention(app, &volunteer, &case, &participants).await?;
    volunteer
        .data(
            MOVE,
            json!({ "i": { "caseId": case, "to": "INTERVENTION" } }),
        )
        .await?;
    volunteer
        .data(
            "mutation($i: RecordOutcomeAgreementInput!) { recordOutcomeAgreement(input: $i) { items { id } } }",
            json!({ "i": { "caseId": case, "items": [{ "kind": "APOLOGY", "description": "A letter", "dueOn": (now + Duration::days(2)).date_naive().to_string() }] } }),
        )
        .await?;
    // The volunteer's phone is subscribed, so the pushes are queued for it.
    let (keys, auth) = ece::generate_keypair_and_auth_secret()?;
    volunteer
        .data(
            "mutation($i: RegisterPushSubscriptionInput!) { registerPushSubscription(input: $i) { ok } }",
            json!({ "i": { "endpoint": "http://127.0.0.1:9/push/nudges", "p256dh": URL_SAFE_NO_PAD.encode(keys.pub_as_raw()?), "auth": URL_SAFE_NO_PAD.encode(auth) } }),
        )
        .await?;
    app.client()
        .data(
            SELF_REFERRAL,
            json!({ "i": self_referral("Olive Offered") }),
        )
        .await?;
    let offered = coord
        .data("{ cases(first: 1) { edges { node { id } } } }", json!({}))
        .await?["cases"]["edges"][0]["node"]["id"]
        .clone();
    coord
        .data(
            ASSESS,
            json!({ "i": { "caseId": offered, "suitable": true } }),
        )
        .await?;
    let vid = user_id(app, "volunteer").await?;
    coord
        .data(
            "mutation($i: OfferCaseInput!) { offerCase(input: $i) { offer { id } } }",
            json!({ "i": { "caseId": offered, "facilitatorIds": [vid], "role": "LEAD", "expiresAt": (now + Duration::days(30)).to_rfc3339() } }),
        )
        .await?;
    Ok((volunteer, case))
}

async fn r_cw_2_each_nudge_goes_out_once_per_occurrence_and_names_no_one(db: DbKind) -> Result<()> {
    let app = TestApp::builder(db)
        .env("RJHUB_NUDGES", "true")
        .env("RJHUB_PUSH_ALLOW_HTTP", "true")
        .start()
        .await?;
    let t0 = monday();
    app.set_now(t0)?;
    let (_, case) = world(&app, t0).await?;
    // Monday's digest goes to the supervisor and the co-ordinator, once for the week.
    eventually_async("the digests", || async {
        (nudges_of(&app, "digest_supervisor").await.ok()? >= 1
            && nudges_of(&app, "digest_coordinator").await.ok()? >= 1)
            .then_some(())
    })
    .await?;
    // Fifteen days on: quiet, unanswered for two weeks, the item overdue.
    app.set_now(t0 + Duration::days(15))?;
    eventually_async("the nudges", || async {
        (nudges_of(&app, "stale_case").await.ok()? == 1
            && nudges_of(&app, "offer_unanswered").await.ok()? == 1
            && nudges_of(&app, "item_overdue").await.ok()? == 1)
            .then_some(())
    })
    .await?;
    // Several more runs of the jobs: nothing is sent twice.
    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    for (kind, n) in [
        ("stale_case", 1),
        ("offer_unanswered", 1),
        ("item_overdue", 1),
        // Weeks 49 and 51: one each for the one supervisor and the one co-ordinator.
        ("digest_supervisor", 2),
        ("digest_coordinator", 2),
    ] {
        ensure!(
            nudges_of(&app, kind).await? == n,
            "{kind}: {}",
            nudges_of(&app, kind).await?
        );
    }
    let mails = emails(&app).await?;
    let to = |who: &str, what: &str| {
        mails
            .iter()
            .filter(|(r, m)| r == who && m.contains(what))
            .count()
    };
    ensure!(
        to("supervisor@demo.rjhub.test", "has gone quiet") == 1,
        "the supervisor's notice"
    );
    ensure!(
        to("coordinator@demo.rjhub.test", "is unanswered") == 1,
        "the co-ordinator's chase"
    );
    ensure!(
        to("volunteer@demo.rjhub.test", "is overdue") == 1,
        "the facilitator's reminder"
    );
    ensure!(
        to("supervisor@demo.rjhub.test", "your week ahead") == 2,
        "the supervisor's digests"
    );
    // The pushes to the volunteer's phone, and every nudge, name no one and no offence.
    let pushes = app
        .rows("SELECT CAST(payload AS TEXT) AS p FROM outbox WHERE channel = 'push'")
        .await?;
    let text = serde_json::to_string(&pushes)?;
    ensure!(
        text.contains("has gone quiet") && text.contains("is overdue"),
        "{text}"
    );
    for m in mails.iter().map(|(_, m)| m.as_str()).chain([text.as_str()]) {
        for word in [
            "Jo Victim",
            "Oscar Offender",
            "Olive Offered",
            "burglary",
            "shed",
        ] {
            ensure!(
                !(m.contains(word)
                    && (m.contains("gone quiet")
                        || m.contains("is overdue")
                        || m.contains("unanswered")
                        || m.contains("week ahead"))),
                "a nudge names {word}: {m}"
            );
        }
    }
    // A contact, then another quiet spell: a second nudge for the case.
    let volunteer = app.login_demo("volunteer").await?;
    wellbeing_call(&volunteer, &case).await?;
    app.set_now(t0 + Duration::days(31))?;
    eventually_async("the second quiet spell", || async {
        (nudges_of(&app, "stale_case").await.ok()? == 2).then_some(())
    })
    .await?;
    Ok(())
}

/// Two instances running their jobs every second on one PostgreSQL database: each nudge is
/// still sent once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_cw_2_two_instances_send_each_nudge_once() {
    if postgres_url().is_none() {
        eprintln!("PostgreSQL skipped: set RJHUB_TEST_POSTGRES to run this test on PostgreSQL");
        return;
    }
    rjhub_tests::report(two_instances().await);
}

async fn two_instances() -> Result<()> {
    let (app, _second) = TestApp::builder(DbKind::Postgres)
        .env("RJHUB_NUDGES", "true")
        .env("RJHUB_PUSH_ALLOW_HTTP", "true")
        .start_two()
        .await?;
    let t0 = monday();
    app.set_now(t0)?;
    world(&app, t0).await?;
    app.set_now(t0 + Duration::days(15))?;
    eventually_async("the nudges", || async {
        (nudges_of(&app, "stale_case").await.ok()? == 1
            && nudges_of(&app, "offer_unanswered").await.ok()? == 1
            && nudges_of(&app, "item_overdue").await.ok()? == 1)
            .then_some(())
    })
    .await?;
    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    let mails = emails(&app).await?;
    // (The agreement item's own words: a practice-standards notice may also say "is overdue".)
    for what in ["has gone quiet", "is unanswered", "an agreement item on"] {
        let n = mails.iter().filter(|(_, m)| m.contains(what)).count();
        ensure!(
            n == 1,
            "{what}: {n} mails: {:?}",
            mails
                .iter()
                .filter(|(_, m)| m.contains(what))
                .collect::<Vec<_>>()
        );
    }
    Ok(())
}
