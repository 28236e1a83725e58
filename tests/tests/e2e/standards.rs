//! RJC practice standards (R-ST-1): supervision every 12 weeks, observed practice yearly, CPD
//! hours by level with half RJC-approved, case supervisors at the advanced level; suggestions
//! say it in words and rank lower, allocation warns and records the override, lapsed
//! accreditation is refused, and reminders go out once before each lapse.

use anyhow::{Result, ensure};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rjhub_tests::{
    Client, DbKind, TestApp, error_code, error_field, error_message, eventually_async,
    on_both_databases,
};
use serde_json::{Value, json};

use crate::allocation::{facilitator, polish_case};
use crate::cases::{ASSIGN, user_id};

on_both_databases!(
    r_st_1_supervision_overdue_ranks_lower_says_why_and_allocation_warns_with_a_recorded_reason,
    r_st_1_cpd_hours_by_level_and_a_case_supervisor_holds_the_advanced_level,
    r_st_1_reminders_go_out_once_before_each_lapse,
);

const SUGGEST: &str = "query($id: ID!) { suggestFacilitators(caseId: $id) { score reasons facilitator { userId name } } }";
const ACCREDIT: &str = "mutation($i: RecordAccreditationInput!) { recordAccreditation(input: $i) { accreditation { id } } }";
const SUPERVISE: &str =
    "mutation($i: RecordSupervisionInput!) { recordSupervision(input: $i) { supervision { id } } }";
const STANDARDS: &str = "query($id: ID!) { facilitatorRecord(userId: $id) { standards { level levelRecorded items { kind status dueOn daysOverdue words } cpdYear { startsOn endsOn hours approvedHours requiredHours met } } cpdLog { id hours rjcApproved } } }";
const LOG_CPD: &str = "mutation($i: LogCpdInput!) { logCpd(input: $i) { entry { id hours rjcApproved } record { standards { cpdYear { hours approvedHours requiredHours met } } } } }";
const SET_LEVEL: &str = "mutation($i: SetPracticeLevelInput!) { setPracticeLevel(input: $i) { record { standards { level levelRecorded cpdYear { requiredHours met } items { kind words } } } } }";
const ASSIGN_SUPERVISOR: &str = "mutation($i: AssignSupervisorInput!) { assignSupervisor(input: $i) { case { supervisorName } } }";

/// Monday 30 November 2026, 10am London.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 10, 0, 0)
        .single()
        .unwrap_or_default()
}

fn day(days_ago: i64) -> String {
    (t0() - Duration::days(days_ago)).date_naive().to_string()
}

/// A volunteer accredited `awarded` days ago, supervised and observed on the days given (days
/// ago), signed in.
async fn practitioner(
    app: &TestApp,
    coord: &Client,
    supervisor: &Client,
    email: &str,
    name: &str,
    awarded: i64,
    (supervised, observed): (Option<i64>, Option<i64>),
) -> Result<(String, Client)> {
    let (id, client) = facilitator(app, coord, email, name, false).await?;
    coord
        .data(ACCREDIT, json!({ "i": { "facilitatorId": id, "level": "PRACTITIONER", "awardingBody": "rjc", "awardedOn": day(awarded) } }))
        .await?;
    for (days, kind) in [(supervised, "ONE_TO_ONE"), (observed, "OBSERVED_PRACTICE")] {
        if let Some(days) = days {
            supervisor
                .data(
                    SUPERVISE,
                    json!({ "i": { "facilitatorId": id, "heldOn": day(days), "kind": kind } }),
                )
                .await?;
        }
    }
    Ok((id, client))
}

fn standard<'a>(record: &'a Value, kind: &str) -> &'a Value {
    record["standards"]["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["kind"] == kind))
        .unwrap_or(&Value::Null)
}

async fn r_st_1_supervision_overdue_ranks_lower_says_why_and_allocation_warns_with_a_recorded_reason(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    app.set_now(t0())?;
    let coord = app.login_demo("coordinator").await?;
    let supervisor = app.login_demo("supervisor").await?;
    let case = polish_case(&app, &coord).await?;
    // Alike in every way but one: Amy's last supervision was 12 weeks and a day ago.
    let (amy, amy_client) = practitioner(
        &app,
        &coord,
        &supervisor,
        "amy@example.org",
        "Amy Overdue",
        200,
        (Some(85), Some(30)),
    )
    .await?;
    let (ben, _) = practitioner(
        &app,
        &coord,
        &supervisor,
        "ben@example.org",
        "Ben Current",
        200,
        (Some(20), Some(30)),
    )
    .await?;

    let d = coord.data(STANDARDS, json!({ "id": amy })).await?;
    let sup = standard(&d["facilitatorRecord"], "SUPERVISION");
    ensure!(
        sup["status"] == "OVERDUE"
            && sup["daysOverdue"] == 1
            && sup["words"] == "supervision overdue by 1 day",
        "{d}"
    );
    ensure!(
        standard(&d["facilitatorRecord"], "OBSERVED_PRACTICE")["status"] == "MET",
        "{d}"
    );

    let s = coord.data(SUGGEST, json!({ "id": case })).await?;
    let rows = s["suggestFacilitators"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let at = |id: &str| rows.iter().position(|r| r["facilitator"]["userId"] == id);
    let (Some(a), Some(b)) = (at(&amy), at(&ben)) else {
        anyhow::bail!("both should be suggested: {s}");
    };
    ensure!(b < a, "the one up to date ranks higher: {s}");
    let reasons = |i: usize| rows[i]["reasons"].to_string();
    ensure!(reasons(a).contains("supervision overdue by 1 day"), "{s}");
    ensure!(!reasons(b).contains("overdue"), "{s}");

    // Allocation warns in words and goes ahead only with a reason, which is recorded.
    let r = coord
        .gql(
            ASSIGN,
            json!({ "i": { "caseId": case, "facilitatorId": amy, "role": "LEAD" } }),
        )
        .await?;
    ensure!(
        error_code(&r).as_deref() == Some("VALIDATION")
            && error_field(&r).as_deref() == Some("standardsOverrideReason")
            && error_message(&r).contains("Amy Overdue: supervision overdue by 1 day"),
        "{r}"
    );
    coord
        .data(ASSIGN, json!({ "i": { "caseId": case, "facilitatorId": amy, "role": "LEAD", "standardsOverrideReason": "The only Polish speaker free; supervision booked for Friday" } }))
        .await?;
    let rows = app
        .rows("SELECT CAST(detail AS TEXT) AS d FROM audit_log WHERE action = 'assign_facilitator'")
        .await?;
    ensure!(
        rows.iter().any(|r| r["d"]
            .as_str()
            .is_some_and(|d| d.contains("supervision booked for Friday"))),
        "{rows:?}"
    );

    // Amy sees it on her week.
    let w = amy_client
        .data("{ myWeek { kind overdue words url } }", json!({}))
        .await?;
    ensure!(
        w["myWeek"]
            .as_array()
            .is_some_and(|items| items.iter().any(|i| i["kind"] == "STANDARD"
                && i["overdue"] == true
                && i["words"] == "Supervision overdue by 1 day")),
        "{w}"
    );

    // A lapsed accreditation is refused outright, and says when it lapsed.
    let (cal, _) = facilitator(&app, &coord, "cal@example.org", "Cal Lapsed", false).await?;
    coord
        .data(ACCREDIT, json!({ "i": { "facilitatorId": cal, "level": "PRACTITIONER", "awardingBody": "rjc", "awardedOn": day(800), "expiresOn": day(70) } }))
        .await?;
    let r = coord
        .gql(ASSIGN, json!({ "i": { "caseId": case, "facilitatorId": cal, "role": "CO", "standardsOverrideReason": "Please" } }))
        .await?;
    ensure!(
        error_code(&r).as_deref() == Some("VALIDATION")
            && error_field(&r).as_deref() == Some("facilitatorId"),
        "{r}"
    );
    let d = coord.data(STANDARDS, json!({ "id": cal })).await?;
    let lapsed = NaiveDate::parse_from_str(&day(70), "%Y-%m-%d")?;
    ensure!(
        standard(&d["facilitatorRecord"], "ACCREDITATION")["words"]
            == format!("accreditation lapsed on {}", lapsed.format("%-d %B %Y")),
        "{d}"
    );
    Ok(())
}

async fn r_st_1_cpd_hours_by_level_and_a_case_supervisor_holds_the_advanced_level(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let volunteer = app.login_demo("volunteer").await?;
    let vid = user_id(&app, "volunteer").await?;
    let today = Utc::now().date_naive();
    // The demo volunteer is at the foundation level (6 hours) with 4.5 logged, 3 approved.
    let d = volunteer.data(STANDARDS, json!({ "id": vid })).await?;
    let y = &d["facilitatorRecord"]["standards"]["cpdYear"];
    ensure!(
        y["hours"] == 4.5
            && y["approvedHours"] == 3.0
            && y["requiredHours"] == 6.0
            && y["met"] == false,
        "{d}"
    );
    let d = volunteer
        .data(LOG_CPD, json!({ "i": { "doneOn": today.to_string(), "hours": 2.5, "activity": "RJC conference workshop", "provider": "Restorative Justice Council", "rjcApproved": true } }))
        .await?;
    let y = &d["logCpd"]["record"]["standards"]["cpdYear"];
    ensure!(
        d["logCpd"]["entry"]["hours"] == 2.5
            && y["hours"] == 7.0
            && y["approvedHours"] == 5.5
            && y["met"] == true,
        "{d}"
    );
    // The advanced level asks for 16 hours: no longer met.
    let d = coord
        .data(
            SET_LEVEL,
            json!({ "i": { "userId": vid, "level": "ADVANCED" } }),
        )
        .await?;
    let st = &d["setPracticeLevel"]["record"]["standards"];
    ensure!(
        st["level"] == "ADVANCED"
            && st["cpdYear"]["requiredHours"] == 16.0
            && st["cpdYear"]["met"] == false,
        "{d}"
    );
    ensure!(
        standard(&d["setPracticeLevel"]["record"], "CPD")["words"]
            .as_str()
            .is_some_and(|w| w.contains("CPD 7 of 16 hours this year")),
        "{d}"
    );
    // Bad input is refused by field; nobody logs for someone else or sets their own level.
    for (input, field) in [
        (
            json!({ "doneOn": (today + Duration::days(1)).to_string(), "hours": 1.0, "activity": "Reading" }),
            "doneOn",
        ),
        (
            json!({ "doneOn": today.to_string(), "hours": 0.0, "activity": "Reading" }),
            "hours",
        ),
        (
            json!({ "doneOn": today.to_string(), "hours": 1.0, "activity": "  " }),
            "activity",
        ),
    ] {
        let r = volunteer.gql(LOG_CPD, json!({ "i": input })).await?;
        ensure!(
            error_code(&r).as_deref() == Some("VALIDATION")
                && error_field(&r).as_deref() == Some(field),
            "{r}"
        );
    }
    let r = volunteer
        .gql(
            SET_LEVEL,
            json!({ "i": { "userId": vid, "level": "FOUNDATION" } }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{r}");
    let special = app.login_demo("special").await?;
    let r = special.gql(STANDARDS, json!({ "id": vid })).await?;
    ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{r}");
    let entry = volunteer.data(STANDARDS, json!({ "id": vid })).await?["facilitatorRecord"]["cpdLog"][0]["id"].clone();
    let r = special
        .gql(
            "mutation($i: RemoveCpdInput!) { removeCpd(input: $i) { record { userId } } }",
            json!({ "i": { "id": entry } }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("NOT_FOUND"), "{r}");

    // A case supervisor must hold the advanced level.
    let sue = app
        .create_user("sue@example.org", "Sue Newly", &["supervisor"], None, None)
        .await?;
    let (case, _) = crate::cases::allocated_case(&app, &coord).await?;
    let r = coord
        .gql(
            ASSIGN_SUPERVISOR,
            json!({ "i": { "caseId": case, "supervisorId": sue } }),
        )
        .await?;
    ensure!(
        error_field(&r).as_deref() == Some("supervisorId")
            && error_message(&r).contains("advanced level"),
        "{r}"
    );
    let trainer = app.login_demo("trainer").await?;
    trainer
        .data(
            SET_LEVEL,
            json!({ "i": { "userId": sue, "level": "ADVANCED" } }),
        )
        .await?;
    let d = coord
        .data(
            ASSIGN_SUPERVISOR,
            json!({ "i": { "caseId": case, "supervisorId": sue } }),
        )
        .await?;
    ensure!(
        d["assignSupervisor"]["case"]["supervisorName"] == "Sue Newly",
        "{d}"
    );
    Ok(())
}

async fn emails_to(app: &TestApp, to: &str) -> Result<Vec<String>> {
    Ok(app
        .rows(&format!(
            "SELECT CAST(payload AS TEXT) AS p FROM outbox WHERE channel = 'email' AND recipient = '{to}'"
        ))
        .await?
        .into_iter()
        .map(|r| r["p"].as_str().unwrap_or_default().to_string())
        .collect())
}

async fn r_st_1_reminders_go_out_once_before_each_lapse(db: DbKind) -> Result<()> {
    let app = TestApp::builder(db)
        .env("RJHUB_NUDGES", "true")
        .start()
        .await?;
    app.set_now(t0())?;
    let coord = app.login_demo("coordinator").await?;
    let supervisor = app.login_demo("supervisor").await?;
    // Supervised 75 days ago: due in 9 days.
    practitioner(
        &app,
        &coord,
        &supervisor,
        "dee@example.org",
        "Dee Due",
        200,
        (Some(75), Some(30)),
    )
    .await?;
    let due = (t0() + Duration::days(9)).date_naive();
    let soon = format!("supervision due by {}", due.format("%-d %B %Y"));
    eventually_async("the reminder before the lapse", || async {
        emails_to(&app, "dee@example.org")
            .await
            .ok()?
            .iter()
            .any(|m| m.contains(&soon))
            .then_some(())
    })
    .await?;
    // More runs of the jobs: still one.
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let n = emails_to(&app, "dee@example.org")
        .await?
        .iter()
        .filter(|m| m.contains(&soon))
        .count();
    ensure!(n == 1, "one reminder, not {n}");
    // Ten days on it has lapsed: Dee is told, and the co-ordinator hears of it once.
    app.set_now(t0() + Duration::days(10))?;
    eventually_async("the notice of the lapse", || async {
        let dee = emails_to(&app, "dee@example.org").await.ok()?;
        let coordinator = emails_to(&app, "coordinator@demo.rjhub.test").await.ok()?;
        (dee.iter()
            .any(|m| m.contains("supervision overdue by 1 day"))
            && coordinator
                .iter()
                .any(|m| m.contains("Dee Due: supervision overdue by 1 day")))
        .then_some(())
    })
    .await?;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let coordinator = emails_to(&app, "coordinator@demo.rjhub.test").await?;
    let n = coordinator
        .iter()
        .filter(|m| m.contains("Dee Due: supervision overdue"))
        .count();
    ensure!(n == 1, "one notice to the co-ordinator, not {n}");
    Ok(())
}
