//! Satisfaction at three points with the six-month follow-up task (R-RP-9), testimonials with
//! consent to use (R-RP-10), and push reminders before meetings (R-CW-4).

use anyhow::{Result, ensure};
use chrono::{Duration, TimeZone, Utc};
use rjhub_tests::{Client, DbKind, TestApp, error_code, error_field, on_both_databases};
use serde_json::{Value, json};

use crate::cases::{allocated_case, ready_for_intervention, user_id};

const SATISFACTION: &str = "mutation($i: RecordSatisfactionInput!) { recordSatisfaction(input: $i) { satisfaction { stage score side } followUp { id dueOn status caseReference } } }";
const CONSENT: &str =
    "mutation($i: RecordConsentInput!) { recordConsent(input: $i) { consents { purpose given } } }";
const TESTIMONIAL: &str = "mutation($i: RecordTestimonialInput!) { recordTestimonial(input: $i) { testimonial { id text consentToUse } } }";

on_both_databases!(
    r_rp_9_satisfaction_at_start_end_and_six_months_with_a_follow_up_task,
    r_rp_10_testimonials_are_kept_with_consent_to_use,
    r_cw_4_push_reminders_24_and_2_hours_before_a_meeting,
    r_rp_12_reoffending_checks_are_recorded_and_counted,
);

async fn satisfaction(
    who: &Client,
    case: &str,
    participant: &str,
    stage: &str,
    score: i32,
) -> Result<Value> {
    who.gql(
        SATISFACTION,
        json!({ "i": { "caseId": case, "participantId": participant, "stage": stage, "score": score } }),
    )
    .await
}

async fn consent(
    who: &Client,
    case: &str,
    participant: &str,
    purpose: &str,
    given: bool,
) -> Result<()> {
    who.data(CONSENT, json!({ "i": { "caseId": case, "participantId": participant, "purpose": purpose, "given": given, "method": "VERBAL" } })).await?;
    Ok(())
}

async fn count(who: &Client, query: &str, field: &str) -> Result<usize> {
    Ok(who.data(query, json!({})).await?[field]
        .as_array()
        .map_or(0, Vec::len))
}

async fn r_rp_9_satisfaction_at_start_end_and_six_months_with_a_follow_up_task(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let (case, people) = allocated_case(&app, &coord).await?;
    let (victim, offender) = (&people[0], &people[1]);
    let volunteer = app.login_demo("volunteer").await?;
    ready_for_intervention(&app, &volunteer, &case, &people).await?;
    consent(&volunteer, &case, victim, "FOLLOW_UP_SURVEY", true).await?;

    let d = satisfaction(&volunteer, &case, victim, "START", 2).await?;
    ensure!(
        d["data"]["recordSatisfaction"]["satisfaction"]["side"] == "HARMED",
        "{d}"
    );
    satisfaction(&volunteer, &case, offender, "START", 3).await?;
    // Bad input is refused against its field, and nothing is kept.
    let r = satisfaction(&volunteer, &case, victim, "END", 6).await?;
    ensure!(error_field(&r).as_deref() == Some("score"), "{r}");
    let r = satisfaction(&volunteer, &case, victim, "SIX_MONTHS", 4).await?;
    ensure!(error_field(&r).as_deref() == Some("stage"), "{r}");
    // Need to know: nobody outside the case's work records an answer.
    for who in ["special", "referrer", "commissioner"] {
        let r = satisfaction(&app.login_demo(who).await?, &case, victim, "END", 4).await?;
        ensure!(
            matches!(error_code(&r).as_deref(), Some("NOT_FOUND" | "FORBIDDEN")),
            "{who}: {r}"
        );
    }

    // The end of the process sets up the six-month follow-up for the one who agreed to it.
    let d = satisfaction(&volunteer, &case, victim, "END", 4).await?;
    let task = &d["data"]["recordSatisfaction"]["followUp"];
    let now = Utc::now()
        .with_timezone(&chrono_tz::Europe::London)
        .date_naive();
    let due = now
        .checked_add_months(chrono::Months::new(6))
        .unwrap_or(now);
    ensure!(
        task["dueOn"] == due.to_string() && task["status"] == "OPEN",
        "{d}"
    );
    let d = satisfaction(&volunteer, &case, offender, "END", 4).await?;
    ensure!(d["data"]["recordSatisfaction"]["followUp"].is_null(), "{d}");
    // Not yet the facilitator's task; the co-ordinator sees every open follow-up.
    ensure!(count(&volunteer, "{ myFollowUps { id } }", "myFollowUps").await? == 0);
    ensure!(count(&coord, "{ followUps { id } }", "followUps").await? == 1);
    let r = volunteer.gql("{ followUps { id } }", json!({})).await?;
    ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{r}");

    // Consent to the follow-up, then withdrawing the consent it depends on, cancels it (R-ST-3).
    consent(&volunteer, &case, offender, "FOLLOW_UP_SURVEY", true).await?;
    let d = satisfaction(&volunteer, &case, offender, "END", 5).await?;
    ensure!(
        d["data"]["recordSatisfaction"]["followUp"]["status"] == "OPEN",
        "{d}"
    );
    consent(&volunteer, &case, offender, "TAKING_PART", false).await?;
    ensure!(count(&coord, "{ followUps { id } }", "followUps").await? == 1);

    // On the due day the task is the facilitator's, with a reminder that names no one.
    let due_day = chrono_tz::Europe::London
        .from_local_datetime(&due.and_hms_opt(9, 0, 0).unwrap_or_default())
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(Utc::now);
    app.set_now(due_day)?;
    let volunteer = app.login_demo("volunteer").await?;
    let mine = volunteer
        .data(
            "{ myFollowUps { caseId caseReference participantId dueOn kind overdue } }",
            json!({}),
        )
        .await?;
    ensure!(
        mine["myFollowUps"][0]["participantId"] == victim.as_str()
            && mine["myFollowUps"][0]["kind"] == "SIX_MONTH_SURVEY",
        "{mine}"
    );
    let reference = mine["myFollowUps"][0]["caseReference"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let mail = rjhub_tests::eventually("the follow-up reminder", || {
        rjhub_tests::outbox_mails(&app.data_dir())
            .into_iter()
            .find(|m| m.contains("six-month follow-up due"))
    })
    .await?;
    ensure!(mail.contains(&reference), "{mail}");
    ensure!(
        !mail.contains("Jo Victim") && !mail.contains("Oscar"),
        "{mail}"
    );

    // The six-month answer completes the task; a correction replaces an answer.
    let d = satisfaction(&volunteer, &case, victim, "SIX_MONTHS", 5).await?;
    ensure!(
        d["data"]["recordSatisfaction"]["followUp"]["status"] == "DONE",
        "{d}"
    );
    ensure!(count(&volunteer, "{ myFollowUps { id } }", "myFollowUps").await? == 0);
    satisfaction(&volunteer, &case, victim, "START", 1).await?;
    let coord = app.login_demo("coordinator").await?;
    let all = coord
        .data(
            "query($c: ID!) { caseSatisfaction(caseId: $c) { participantId stage score } }",
            json!({ "c": case }),
        )
        .await?;
    let rows = all["caseSatisfaction"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    ensure!(rows.len() == 5, "{all}");
    ensure!(
        rows.iter().any(|r| r["participantId"] == victim.as_str()
            && r["stage"] == "START"
            && r["score"] == 1),
        "{all}"
    );
    Ok(())
}

async fn r_rp_10_testimonials_are_kept_with_consent_to_use(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let (case, people) = allocated_case(&app, &coord).await?;
    let volunteer = app.login_demo("volunteer").await?;
    let said = "Meeting him face to face let me stop being afraid of my own street.";
    let r = volunteer
        .gql(TESTIMONIAL, json!({ "i": { "caseId": case, "participantId": people[0], "text": "  ", "consentToUse": true } }))
        .await?;
    ensure!(error_field(&r).as_deref() == Some("text"), "{r}");
    let t = volunteer
        .data(TESTIMONIAL, json!({ "i": { "caseId": case, "participantId": people[0], "text": said, "consentToUse": true } }))
        .await?;
    volunteer
        .data(TESTIMONIAL, json!({ "i": { "caseId": case, "participantId": people[1], "text": "It helped me understand.", "consentToUse": false } }))
        .await?;
    let usable = coord
        .data(
            "{ testimonials { caseReference testimonial { text consentToUse } } }",
            json!({}),
        )
        .await?;
    let list = usable["testimonials"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    ensure!(
        list.len() == 1 && list[0]["testimonial"]["text"] == said,
        "{usable}"
    );
    for who in ["volunteer", "supervisor", "commissioner"] {
        let r = app
            .login_demo(who)
            .await?
            .gql("{ testimonials { caseReference } }", json!({}))
            .await?;
        ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{who}: {r}");
    }
    let r = app
        .login_demo("special")
        .await?
        .gql(
            "query($c: ID!) { caseTestimonials(caseId: $c) { text } }",
            json!({ "c": case }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("NOT_FOUND"), "{r}");
    // Withdrawing consent keeps the words on the case and out of every report.
    let id = t["recordTestimonial"]["testimonial"]["id"].clone();
    volunteer
        .data("mutation($t: ID!) { withdrawTestimonialConsent(testimonialId: $t) { testimonial { consentToUse consentWithdrawnAt } } }", json!({ "t": id }))
        .await?;
    ensure!(count(&coord, "{ testimonials { caseReference } }", "testimonials").await? == 0);
    let on_case = coord
        .data(
            "query($c: ID!) { caseTestimonials(caseId: $c) { text consentToUse } }",
            json!({ "c": case }),
        )
        .await?;
    ensure!(
        on_case["caseTestimonials"].as_array().map_or(0, Vec::len) == 2,
        "{on_case}"
    );
    Ok(())
}

async fn push_payloads(app: &TestApp) -> Result<Vec<Value>> {
    Ok(app
        .rows("SELECT CAST(payload AS TEXT) AS p FROM outbox WHERE channel = 'push' ORDER BY created_at, id")
        .await?
        .into_iter()
        .filter_map(|r| serde_json::from_str(r["p"].as_str()?).ok())
        .collect())
}

async fn r_cw_4_push_reminders_24_and_2_hours_before_a_meeting(db: DbKind) -> Result<()> {
    let app = TestApp::builder(db)
        .env("RJHUB_PUSH_ALLOW_HTTP", "true")
        .start()
        .await?;
    let coord = app.login_demo("coordinator").await?;
    let (case, people) = allocated_case(&app, &coord).await?;
    let volunteer = app.login_demo("volunteer").await?;
    // A phone subscribed for push (nothing listens there: delivery is push.rs's concern).
    let (keys, auth) = ece::generate_keypair_and_auth_secret()?;
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    volunteer.data("mutation($i: RegisterPushSubscriptionInput!) { registerPushSubscription(input: $i) { ok } }",
        json!({ "i": { "endpoint": "http://127.0.0.1:9/push/1", "p256dh": b64.encode(keys.pub_as_raw()?), "auth": b64.encode(auth) } })).await?;
    let start = (Utc::now() + Duration::days(3))
        .date_naive()
        .and_hms_opt(14, 0, 0)
        .unwrap_or_default()
        .and_utc();
    let m = volunteer
        .data(
            "mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { meeting { id } } }",
            json!({ "i": { "caseId": case, "kind": "PREPARATION", "startsAt": start.to_rfc3339(), "endsAt": (start + Duration::hours(1)).to_rfc3339(),
                "venueAddress": "March Community Centre", "staffIds": [user_id(&app, "volunteer").await?], "participantIds": [people[0]],
                "overrideReason": "Agreed with the volunteer" } }),
        )
        .await?;
    let meeting = m["scheduleMeeting"]["meeting"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let reminders = |n: usize| {
        let app = &app;
        async move {
            rjhub_tests::eventually_async("meeting reminders", || async move {
                push_payloads(app).await.ok().filter(|p| p.len() == n)
            })
            .await
        }
    };
    app.set_now(start - Duration::hours(30))?;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    ensure!(reminders(0).await.is_ok(), "a reminder 30 hours before");
    app.set_now(start - Duration::hours(23))?;
    let got = reminders(1).await?;
    ensure!(
        got[0]["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("Preparation meeting")),
        "{got:?}"
    );
    app.set_now(start - Duration::minutes(110))?;
    let got = reminders(2).await?;
    ensure!(got[1]["urgent"] == true, "{got:?}");
    for p in &got {
        let text = p.to_string();
        for secret in ["Jo Victim", "Oscar", "burglary", "Burglary", "jo.victim"] {
            ensure!(!text.contains(secret), "{secret} in a reminder: {text}");
        }
    }
    // Rescheduled: the new version of the meeting is reminded afresh — at once, since it is
    // within a day, and again two hours before.
    let later = start + Duration::hours(3);
    let volunteer = app.login_demo("volunteer").await?;
    volunteer
        .data(
            "mutation($i: RescheduleMeetingInput!) { rescheduleMeeting(input: $i) { meeting { sequence } } }",
            json!({ "i": { "meetingId": meeting, "startsAt": later.to_rfc3339(), "endsAt": (later + Duration::hours(1)).to_rfc3339(), "overrideReason": "Agreed" } }),
        )
        .await?;
    reminders(3).await?;
    app.set_now(later - Duration::minutes(90))?;
    reminders(4).await?;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    ensure!(
        push_payloads(&app).await?.len() == 4,
        "a reminder sent twice"
    );
    Ok(())
}

async fn r_rp_12_reoffending_checks_are_recorded_and_counted(db: DbKind) -> Result<()> {
    const CHECK: &str = "mutation($i: RecordReoffendingCheckInput!) { recordReoffendingCheck(input: $i) { check { checkedOn source reoffended } } }";
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let (case, people) = allocated_case(&app, &coord).await?;
    let today = Utc::now().date_naive();
    let check = |participant: &str, on: String, source: &str, reoffended: bool| json!({ "i": { "caseId": case, "participantId": participant, "checkedOn": on, "source": source, "reoffended": reoffended, "note": "PNC check" } });
    let d = coord
        .data(
            CHECK,
            check(&people[1], today.to_string(), "police_records", false),
        )
        .await?;
    ensure!(
        d["recordReoffendingCheck"]["check"]["reoffended"] == false,
        "{d}"
    );
    for (input, field) in [
        (
            check(&people[0], today.to_string(), "police_records", false),
            "participantId",
        ),
        (
            check(
                &people[1],
                (today + Duration::days(3)).to_string(),
                "police_records",
                false,
            ),
            "checkedOn",
        ),
        (
            check(&people[1], today.to_string(), "gossip", false),
            "source",
        ),
    ] {
        let r = coord.gql(CHECK, input).await?;
        ensure!(error_field(&r).as_deref() == Some(field), "{field}: {r}");
    }
    // The supervisor of another case may not know of it; the facilitator on it may not record.
    for (who, code) in [("supervisor", "NOT_FOUND"), ("volunteer", "FORBIDDEN")] {
        let r = app
            .login_demo(who)
            .await?
            .gql(
                CHECK,
                check(&people[1], today.to_string(), "probation", true),
            )
            .await?;
        ensure!(error_code(&r).as_deref() == Some(code), "{who}: {r}");
    }
    let from = (today - Duration::days(1)).to_string();
    let to = (today + Duration::days(1)).to_string();
    ensure!(reoffending_figures(&coord, &from, &to).await? == (1.0, 0.0));
    coord
        .data(
            CHECK,
            check(&people[1], today.to_string(), "probation", true),
        )
        .await?;
    ensure!(reoffending_figures(&coord, &from, &to).await? == (1.0, 1.0));
    let list = coord
        .data(
            "query($c: ID!) { caseReoffendingChecks(caseId: $c) { source reoffended note } }",
            json!({ "c": case }),
        )
        .await?;
    ensure!(
        list["caseReoffendingChecks"].as_array().map(Vec::len) == Some(2),
        "{list}"
    );
    Ok(())
}

/// (cases whose offender was checked, of those found re-offending) in the report for the period.
async fn reoffending_figures(coord: &Client, from: &str, to: &str) -> Result<(f64, f64)> {
    let r = coord
        .data(
            "query($i: PerformanceReportInput!) { performanceReport(input: $i) { figures { measure group value } } }",
            json!({ "i": { "from": from, "to": to } }),
        )
        .await?;
    let get = |m: &str| {
        r["performanceReport"]["figures"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|f| f["measure"] == m && f["group"] == "total")
            .and_then(|f| f["value"].as_f64())
            .unwrap_or(0.0)
    };
    Ok((get("offenders_checked"), get("reoffended")))
}
