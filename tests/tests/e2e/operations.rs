//! Operating it safely (issue #8): complaints, retention and erasure, subject access, backups,
//! crashes, bad input and several instances.

use anyhow::{Result, ensure};
use chrono::{Months, TimeZone, Utc};
use rjhub_tests::{
    DbKind, TestApp, error_code, error_field, eventually_async, on_both_databases, postgres_url,
    report,
};
use serde_json::{Value, json};

use crate::cases::{ASSESS, allocated_case};
use crate::intake::{SELF_REFERRAL, self_referral};

const RECORD: &str = "mutation($i: RecordComplaintInput!) { recordComplaint(input: $i) { complaint { id reference caseReference receivedOn acknowledgeBy respondBy acknowledgementOverdue responseOverdue outcome } } }";
const ACK: &str = "mutation($i: AcknowledgeComplaintInput!) { acknowledgeComplaint(input: $i) { complaint { acknowledgedOn acknowledgementOverdue } } }";
const NOTE: &str = "mutation($i: AddComplaintNoteInput!) { addComplaintNote(input: $i) { complaint { timeline { kind note actorName } } } }";
const RESOLVE: &str = "mutation($i: ResolveComplaintInput!) { resolveComplaint(input: $i) { complaint { outcome response respondedOn timeline { kind } } } }";
const LIST: &str = "query($s: ComplaintStatusFilter) { complaints(status: $s) { reference acknowledgementOverdue } }";
const REPORT: &str = "query($i: PerformanceReportInput!) { performanceReport(input: $i) { figures { section measure group value display } } }";
const CONTACT: &str = "mutation($i: LogContactInput!) { logContact(input: $i) { contact { id } } }";
const WITHDRAW: &str =
    "mutation($i: WithdrawCaseInput!) { withdrawCase(input: $i) { case { stage } } }";

on_both_databases!(
    r_dp_3_complaints_are_recorded_acknowledged_and_resolved_on_a_timeline,
    r_dp_5_retention_anonymises_ended_cases_and_keeps_every_report_figure,
    r_dp_5_subject_access_has_everything_about_the_person_and_nothing_of_anyone_else,
    r_sq_2_a_crash_mid_stream_loses_nothing_and_doubles_nothing,
    r_sq_2_random_and_malformed_requests_never_break_the_server,
);

fn figure(r: &Value, section: &str, measure: &str) -> Option<f64> {
    r["performanceReport"]["figures"]
        .as_array()?
        .iter()
        .find(|f| f["section"] == section && f["measure"] == measure && f["group"] == "total")
        .and_then(|f| f["value"].as_f64())
}

async fn r_dp_3_complaints_are_recorded_acknowledged_and_resolved_on_a_timeline(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    // Thursday 2 April 2026: Good Friday and Easter Monday follow.
    app.set_now(
        Utc.with_ymd_and_hms(2026, 4, 2, 10, 0, 0)
            .single()
            .unwrap_or_default(),
    )?;
    let coord = app.login_demo("coordinator").await?;
    let (case_id, _) = allocated_case(&app, &coord).await?;
    let d = coord
        .data(
            RECORD,
            json!({ "i": { "caseId": case_id, "complainantName": "Jo Victim", "complainantContact": "jo.victim@example.org",
                           "about": "Nobody called me back for three weeks.", "category": "DELAY", "receivedVia": "EMAIL" } }),
        )
        .await?;
    let c = &d["recordComplaint"]["complaint"];
    ensure!(
        c["receivedOn"] == "2026-04-02"
            && c["acknowledgeBy"] == "2026-04-09"
            && c["respondBy"] == "2026-05-05"
            && c["acknowledgementOverdue"] == false
            && c["caseReference"]
                .as_str()
                .is_some_and(|r| r.starts_with("RJ26-"))
            && c["reference"]
                .as_str()
                .is_some_and(|r| r.starts_with("CP26-")),
        "{d}"
    );
    let id = c["id"].clone();
    for (input, field) in [
        (
            json!({ "about": " ", "category": "OTHER", "receivedVia": "PHONE" }),
            "about",
        ),
        (
            json!({ "about": "x", "category": "OTHER", "receivedVia": "PHONE", "receivedOn": "2030-01-01" }),
            "receivedOn",
        ),
        (
            json!({ "about": "x", "category": "OTHER", "receivedVia": "PHONE", "caseId": "019a0000-0000-7000-8000-000000000000" }),
            "caseId",
        ),
    ] {
        let r = coord.gql(RECORD, json!({ "i": input })).await?;
        ensure!(error_field(&r).as_deref() == Some(field), "{field}: {r}");
    }

    // Past the acknowledgement target it is flagged and listed as overdue.
    app.set_now(
        Utc.with_ymd_and_hms(2026, 4, 10, 9, 0, 0)
            .single()
            .unwrap_or_default(),
    )?;
    let coord = app.login_demo("coordinator").await?;
    let l = coord.data(LIST, json!({ "s": "OVERDUE" })).await?;
    ensure!(
        l["complaints"].as_array().map(Vec::len) == Some(1)
            && l["complaints"][0]["acknowledgementOverdue"] == true,
        "{l}"
    );
    let d = coord
        .data(ACK, json!({ "i": { "complaintId": id } }))
        .await?;
    ensure!(
        d["acknowledgeComplaint"]["complaint"]
            == json!({ "acknowledgedOn": "2026-04-10", "acknowledgementOverdue": false }),
        "{d}"
    );
    let d = coord
        .data(
            NOTE,
            json!({ "i": { "complaintId": id, "note": "Spoke to the facilitator: she was ill." } }),
        )
        .await?;
    let kinds: Vec<&str> = d["addComplaintNote"]["complaint"]["timeline"]
        .as_array()
        .map(|t| t.iter().filter_map(|e| e["kind"].as_str()).collect())
        .unwrap_or_default();
    ensure!(kinds == ["RECEIVED", "ACKNOWLEDGED", "NOTE"], "{d}");
    let d = coord
        .data(RESOLVE, json!({ "i": { "complaintId": id, "outcome": "UPHELD", "response": "We apologised and set up weekly calls." } }))
        .await?;
    ensure!(
        d["resolveComplaint"]["complaint"]["outcome"] == "UPHELD"
            && d["resolveComplaint"]["complaint"]["respondedOn"] == "2026-04-10",
        "{d}"
    );
    let r = coord
        .gql(
            RESOLVE,
            json!({ "i": { "complaintId": id, "outcome": "NOT_UPHELD", "response": "Again" } }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("CONFLICT"), "{r}");

    // Counted in the performance report for the period.
    let r = coord
        .data(
            REPORT,
            json!({ "i": { "from": "2026-04-01", "to": "2026-09-30" } }),
        )
        .await?;
    for (measure, n) in [
        ("complaints_received", 1.0),
        ("acknowledged_on_time", 0.0),
        ("resolved", 1.0),
        ("resolved_on_time", 1.0),
        ("upheld", 1.0),
    ] {
        ensure!(
            figure(&r, "complaints", measure) == Some(n),
            "{measure}: {r}"
        );
    }
    // Co-ordinator only.
    for who in ["supervisor", "volunteer", "commissioner"] {
        let c = app.login_demo(who).await?;
        let r = c.gql(LIST, json!({ "s": "ALL" })).await?;
        ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{who}: {r}");
        let r = c
            .gql(
                RECORD,
                json!({ "i": { "about": "x", "category": "OTHER", "receivedVia": "PHONE" } }),
            )
            .await?;
        ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{who}: {r}");
    }
    let r = app.client().gql(LIST, json!({})).await?;
    ensure!(error_code(&r).as_deref() == Some("UNAUTHENTICATED"), "{r}");
    let audited = app
        .rows("SELECT action FROM audit_log WHERE entity = 'complaint' ORDER BY at")
        .await?;
    ensure!(audited.len() >= 4, "{audited:?}");
    Ok(())
}

/// Everything a report counts, for comparing before and after.
async fn all_figures(
    coord: &rjhub_tests::Client,
    (from, to): (chrono::NaiveDate, chrono::NaiveDate),
) -> Result<Value> {
    let mut r = coord
        .data(
            REPORT,
            json!({ "i": { "from": from.to_string(), "to": to.to_string(), "groupBy": "MONTH" } }),
        )
        .await?;
    Ok(r["performanceReport"]["figures"].take())
}

async fn r_dp_5_retention_anonymises_ended_cases_and_keeps_every_report_figure(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::builder(db)
        .env("RJHUB_RETENTION_MONTHS", "72")
        .start()
        .await?;
    let start = Utc::now();
    app.set_now(start)?;
    let coord = app.login_demo("coordinator").await?;
    let (case_id, parts) = allocated_case(&app, &coord).await?;
    let volunteer = app.login_demo("volunteer").await?;
    volunteer
        .data(CONTACT, json!({ "i": { "caseId": case_id, "participantId": parts[0], "channel": "PHONE", "summary": "Jo says the shed door is still broken." } }))
        .await?;
    coord
        .data(RECORD, json!({ "i": { "caseId": case_id, "complainantName": "Jo Victim", "about": "Slow reply", "category": "DELAY", "receivedVia": "PHONE" } }))
        .await?;
    volunteer
        .data(WITHDRAW, json!({ "i": { "caseId": case_id, "reasonCode": "victim_declined", "reasonText": "Jo moved to Leeds." } }))
        .await?;
    // A second case, still open years later, with a person of its own: it must be kept.
    app.client()
        .data(SELF_REFERRAL, json!({ "i": self_referral("Kim Kept") }))
        .await?;
    let period = (
        start.date_naive() - chrono::Duration::days(40),
        start.date_naive(),
    );
    let before = all_figures(&coord, period).await?;
    let held = |sql: &'static str| {
        let app = &app;
        async move { app.rows(sql).await }
    };
    ensure!(
        held("SELECT full_name FROM people WHERE full_name = 'Jo Victim'")
            .await?
            .len()
            == 1
    );

    // 73 months on, the daily job anonymises the ended case.
    app.set_now(start + Months::new(73))?;
    eventually_async("retention to run", || async {
        let rows = held("SELECT full_name FROM people WHERE erased_at IS NOT NULL")
            .await
            .unwrap_or_default();
        (!rows.is_empty()).then_some(())
    })
    .await?;
    let names: Vec<String> = held("SELECT full_name FROM people ORDER BY full_name")
        .await?
        .iter()
        .filter_map(|r| r["full_name"].as_str().map(String::from))
        .collect();
    ensure!(
        names.contains(&"Erased person".to_string())
            && names.contains(&"Kim Kept".to_string())
            && !names
                .iter()
                .any(|n| n == "Jo Victim" || n == "Oscar Offender"),
        "{names:?}"
    );
    let text = format!(
        "{:?}{:?}{:?}",
        held("SELECT summary FROM contacts").await?,
        held("SELECT offence_summary, crime_reference, stop_reason_text FROM cases WHERE anonymised_at IS NOT NULL").await?,
        held("SELECT complainant_name, about FROM complaints").await?,
    );
    for secret in [
        "shed door",
        "CF0123456789",
        "Leeds",
        "Jo Victim",
        "jo.victim@",
    ] {
        ensure!(!text.contains(secret), "{secret} still held: {text}");
    }
    // Same figures, read with the clock back where it was (some figures depend on "now").
    app.set_now(start)?;
    let coord = app.login_demo("coordinator").await?;
    let after = all_figures(&coord, period).await?;
    ensure!(
        after == before,
        "report figures changed: {before} → {after}"
    );
    app.set_now(start + Months::new(73))?;
    let coord = app.login_demo("coordinator").await?;

    // The command line: a dry run lists, --apply anonymises (here with a shorter period).
    app.client()
        .data(SELF_REFERRAL, json!({ "i": self_referral("Lee Later") }))
        .await?;
    let d = coord
        .data("{ cases(filter: {stages: [REFERRAL]}, first: 5) { edges { node { id reference participants { person { fullName } } } } } }", json!({}))
        .await?;
    let later = d["cases"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|e| e["node"]["participants"][0]["person"]["fullName"] == "Lee Later")
        .cloned()
        .unwrap_or_default();
    coord
        .data(ASSESS, json!({ "i": { "caseId": later["node"]["id"], "suitable": false, "reasonCode": "risk_too_high" } }))
        .await?;
    app.set_now(start + Months::new(74))?;
    let out = app.cli(&["retention", "--months", "0"])?;
    let listed = String::from_utf8_lossy(&out.stdout).to_string();
    let reference = later["node"]["reference"].as_str().unwrap_or("?");
    ensure!(
        out.status.success() && listed.contains(reference),
        "{listed}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    ensure!(
        held("SELECT id FROM people WHERE full_name = 'Lee Later'")
            .await?
            .len()
            == 1,
        "a dry run changed data"
    );
    let out = app.cli(&["retention", "--apply", "--months", "0"])?;
    ensure!(
        out.status.success() && String::from_utf8_lossy(&out.stdout).contains("Anonymised 1 case"),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    ensure!(
        held("SELECT id FROM people WHERE full_name = 'Lee Later'")
            .await?
            .is_empty()
            && held("SELECT id FROM people WHERE full_name = 'Kim Kept'")
                .await?
                .len()
                == 1
    );
    let audited = held("SELECT action FROM audit_log WHERE action = 'retention_anonymise'").await?;
    ensure!(audited.len() == 2, "{audited:?}");
    Ok(())
}

async fn r_dp_5_subject_access_has_everything_about_the_person_and_nothing_of_anyone_else(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let (case_id, parts) = allocated_case(&app, &coord).await?;
    let volunteer = app.login_demo("volunteer").await?;
    volunteer
        .data(CONTACT, json!({ "i": { "caseId": case_id, "participantId": parts[0], "channel": "PHONE", "summary": "Jo would like a letter first." } }))
        .await?;
    volunteer
        .data(CONTACT, json!({ "i": { "caseId": case_id, "participantId": parts[1], "channel": "POST", "summary": "Oscar wrote back from HMP Whitemoor." } }))
        .await?;
    coord
        .data(
            "mutation($i: RecordConsentInput!) { recordConsent(input: $i) { consents { purpose } } }",
            json!({ "i": { "caseId": case_id, "participantId": parts[0], "purpose": "TAKING_PART", "given": true, "method": "WRITTEN", "note": "Signed form on file" } }),
        )
        .await?;
    let d = coord
        .data(
            "query($id: ID!) { case(id: $id) { participants { id person { id fullName } } } }",
            json!({ "id": case_id }),
        )
        .await?;
    let person = d["case"]["participants"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["person"]["fullName"] == "Jo Victim")
        .map(|p| p["person"]["id"].clone())
        .unwrap_or_default();
    let export = coord
        .data(
            "query($p: ID!) { subjectAccessExport(personId: $p) }",
            json!({ "p": person }),
        )
        .await?["subjectAccessExport"]
        .clone();
    let text = export.to_string();
    for held in [
        "Jo Victim",
        "jo.victim@example.org",
        "07700 900982",
        "Weekdays after 6pm",
        "Jo would like a letter first.",
        "Signed form on file",
        "taking_part",
        "record_consent",
    ] {
        ensure!(text.contains(held), "{held} missing: {text}");
    }
    for other in ["Oscar", "Whitemoor", "1 High St"] {
        ensure!(!text.contains(other), "{other} leaked: {text}");
    }
    let reference = export["participations"][0]["case"].as_str().unwrap_or("");
    ensure!(reference.starts_with("RJ"), "{export}");

    // The printable page, for the co-ordinator only.
    let url = app.url(&format!(
        "/privacy/subject-access/{}",
        person.as_str().unwrap_or_default()
    ));
    let page = coord.http.get(&url).send().await?;
    ensure!(page.status() == 200);
    let html = page.text().await?;
    ensure!(
        html.contains("Jo would like a letter first.") && !html.contains("Whitemoor"),
        "{html}"
    );
    let json_file = coord.http.get(format!("{url}?format=json")).send().await?;
    ensure!(json_file.status() == 200);
    ensure!(volunteer.http.get(&url).send().await?.status() == 403);
    ensure!(app.client().http.get(&url).send().await?.status() == 401);
    let r = volunteer
        .gql(
            "query($p: ID!) { subjectAccessExport(personId: $p) }",
            json!({ "p": person }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{r}");

    // Erasure waits for the case to end, then removes the person and keeps the reason.
    const ERASE: &str =
        "mutation($i: ErasePersonInput!) { erasePerson(input: $i) { person { name erasedAt } } }";
    let r = coord
        .gql(ERASE, json!({ "i": { "personId": person, "reason": "Letter of 3 March asking to be forgotten" } }))
        .await?;
    ensure!(error_field(&r).as_deref() == Some("personId"), "{r}");
    volunteer
        .data(
            WITHDRAW,
            json!({ "i": { "caseId": case_id, "reasonCode": "victim_declined" } }),
        )
        .await?;
    let r = coord
        .gql(ERASE, json!({ "i": { "personId": person, "reason": " " } }))
        .await?;
    ensure!(error_field(&r).as_deref() == Some("reason"), "{r}");
    let d = coord
        .data(ERASE, json!({ "i": { "personId": person, "reason": "Letter of 3 March asking to be forgotten" } }))
        .await?;
    ensure!(
        d["erasePerson"]["person"]["name"] == "Erased person"
            && d["erasePerson"]["person"]["erasedAt"].is_string(),
        "{d}"
    );
    let after = coord
        .data(
            "query($p: ID!) { subjectAccessExport(personId: $p) }",
            json!({ "p": person }),
        )
        .await?
        .to_string();
    for gone in ["Jo Victim", "jo.victim@", "Jo would like a letter first."] {
        ensure!(!after.contains(gone), "{gone} still held: {after}");
    }
    let audit = app
        .rows("SELECT purpose, justification FROM audit_log WHERE action = 'erase_person'")
        .await?;
    ensure!(
        audit.len() == 1
            && audit[0]["purpose"] == "data_protection"
            && audit[0]["justification"] == "Letter of 3 March asking to be forgotten",
        "{audit:?}"
    );
    // The other person on the case is untouched.
    let oscar = app
        .rows("SELECT full_name FROM people WHERE full_name = 'Oscar Offender'")
        .await?;
    ensure!(oscar.len() == 1);
    Ok(())
}

/// Idempotent contacts sent four at a time; the server is killed with SIGKILL part-way. After a
/// restart every unacknowledged one is sent again with its key: each is stored exactly once.
async fn r_sq_2_a_crash_mid_stream_loses_nothing_and_doubles_nothing(db: DbKind) -> Result<()> {
    const N: usize = 80;
    let mut app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let (case_id, _) = allocated_case(&app, &coord).await?;
    let volunteer = std::sync::Arc::new(app.login_demo("volunteer").await?);
    let send = move |i: usize| {
        let v = volunteer.clone();
        let case_id = case_id.clone();
        async move {
            v.gql(CONTACT, json!({ "i": { "caseId": case_id, "channel": "PHONE", "summary": format!("Call {i}"), "idempotencyKey": format!("crash-test-{i:04}") } }))
                .await
                .ok()
                .filter(|r| r["data"]["logContact"]["contact"]["id"].is_string())
                .map(|_| i)
        }
    };
    let stream = {
        let send = send.clone();
        tokio::spawn(async move {
            let mut acked = Vec::new();
            for chunk in (0..N).collect::<Vec<_>>().chunks(4) {
                let answers =
                    futures_join(chunk.iter().map(|&i| tokio::spawn(send(i))).collect()).await;
                acked.extend(answers.into_iter().flatten());
            }
            acked
        })
    };
    // Kill once a good part has been acknowledged.
    eventually_async("some contacts stored", || async {
        // Rows, not COUNT(*): the JSON reader skips SQLite expressions without a column type.
        let n = app.rows("SELECT id FROM contacts").await.ok()?.len();
        (n >= 20).then_some(())
    })
    .await?;
    app.crash_and_restart().await?;
    let acked = stream.await?;
    ensure!(acked.len() < N, "the crash came too late to test anything");
    // Replay everything not acknowledged, and a few that were, as a phone would.
    for i in (0..N)
        .filter(|i| !acked.contains(i))
        .chain(acked.iter().take(3).copied())
    {
        ensure!(send(i).await == Some(i), "replay {i} failed");
    }
    let mut stored = std::collections::HashMap::new();
    for r in app.rows("SELECT summary FROM contacts").await? {
        *stored
            .entry(r["summary"].as_str().unwrap_or_default().to_string())
            .or_insert(0) += 1;
    }
    ensure!(
        stored.len() == N,
        "{} distinct contacts: {stored:?}",
        stored.len()
    );
    ensure!(stored.values().all(|n| *n == 1), "doubled: {stored:?}");
    Ok(())
}

async fn futures_join<T>(handles: Vec<tokio::task::JoinHandle<Option<T>>>) -> Vec<Option<T>> {
    let mut out = Vec::with_capacity(handles.len());
    for h in handles {
        out.push(h.await.ok().flatten());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_sq_2_backup_of_a_live_database_restores_identically() {
    report(backup_round_trip().await);
}

/// Every row of every table, in a stable order. The report facts are left out: they are
/// derived from the other tables, and a server recomputes the ones a change left pending as it
/// starts.
async fn snapshot(app: &TestApp) -> Result<Vec<(String, Vec<Value>)>> {
    let tables = app
        .rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
               AND name NOT LIKE 'case_facts%' ORDER BY name",
        )
        .await?;
    let mut out = Vec::new();
    for t in tables {
        let name = t["name"].as_str().unwrap_or_default().to_string();
        let rows = app
            .rows(&format!("SELECT * FROM \"{name}\" ORDER BY 1"))
            .await?;
        out.push((name, rows));
    }
    Ok(out)
}

async fn backup_round_trip() -> Result<()> {
    let keep = tempfile::tempdir()?;
    let data = keep.path().join("data");
    let app = TestApp::builder(DbKind::Sqlite)
        .data_dir(&data)
        .start()
        .await?;
    let coord = app.login_demo("coordinator").await?;
    allocated_case(&app, &coord).await?;
    let backup = keep.path().join("backups").join("nightly.db");
    let backup_arg = backup.to_str().unwrap_or_default();
    // Online: the server keeps running while the copy is made.
    let saved = snapshot(&app).await?;
    let out = app.cli(&["backup", backup_arg])?;
    ensure!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    ensure!(
        snapshot(&app).await? == saved,
        "the data moved during the backup"
    );
    // Again to the same file: refused rather than overwritten.
    ensure!(!app.cli(&["backup", backup_arg])?.status.success());
    // Restoring under a running server is refused.
    let out = app.cli(&["restore", backup_arg])?;
    ensure!(
        !out.status.success() && String::from_utf8_lossy(&out.stderr).contains("stop it first"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Later work, then the server stops and the backup goes back.
    app.client()
        .data(SELF_REFERRAL, json!({ "i": self_referral("After Backup") }))
        .await?;
    ensure!(snapshot(&app).await? != saved);
    let restore = |file: &str| {
        std::process::Command::new(rjhub_tests::binary()?)
            .args(["restore", file, "--data-dir"])
            .arg(&data)
            .env_remove("DATABASE_URL")
            .output()
            .map_err(anyhow::Error::from)
    };
    ensure!(app.terminate().await?);
    let out = restore(backup_arg)?;
    ensure!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A damaged file is refused with a clear message, and nothing is replaced.
    let junk = keep.path().join("junk.db");
    std::fs::write(&junk, b"not a database")?;
    let out = restore(junk.to_str().unwrap_or_default())?;
    ensure!(
        !out.status.success() && String::from_utf8_lossy(&out.stderr).contains("junk.db"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let check = TestApp::builder(DbKind::Sqlite)
        .without_demo()
        .data_dir(&data)
        .start()
        .await?;
    ensure!(snapshot(&check).await? == saved, "restored data differs");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_sq_2_two_instances_deliver_each_notification_once() {
    if postgres_url().is_none() {
        eprintln!("PostgreSQL skipped: set RJHUB_TEST_POSTGRES to run the two-instance test");
        return;
    }
    report(two_instances().await);
}

async fn two_instances() -> Result<()> {
    let app = TestApp::start(DbKind::Postgres).await?;
    let second = app.second_instance().await?;
    // Sessions are in the database: a sign-in on one works on the other.
    let coord = app.login_demo("coordinator").await?;
    let me = coord
        .http
        .post(format!("{}/graphql", second.base))
        .json(&json!({ "query": "{ me { name } }" }))
        .send()
        .await?
        .json::<Value>()
        .await?;
    ensure!(me["data"]["me"]["name"].is_string(), "{me}");
    let before = count_mails(&app.data_dir()) + count_mails(&second.data_dir);
    app.rows(
        "INSERT INTO outbox (id, channel, recipient, payload, attempts, next_attempt_at, created_at) \
         SELECT gen_random_uuid(), 'email', 'person' || g || '@example.org', \
         json_build_object('subject', 'Notice ' || g, 'text', 'Hello'), 0, now(), now() \
         FROM generate_series(1, 1000) AS g RETURNING id",
    )
    .await?;
    eventually_async("1,000 notifications delivered", || async {
        let left = app
            .rows("SELECT COUNT(*) AS n FROM outbox WHERE delivered_at IS NULL")
            .await
            .ok()?
            .first()?["n"]
            .as_i64()?;
        (left == 0).then_some(())
    })
    .await?;
    let a = count_mails(&app.data_dir());
    let b = count_mails(&second.data_dir);
    ensure!(a + b - before == 1000, "{a} + {b} mails written");
    ensure!(
        a > before && b > 0,
        "one instance did all the work: {a} / {b}"
    );
    let mut subjects = std::collections::HashSet::new();
    for dir in [app.data_dir(), second.data_dir.clone()] {
        for mail in rjhub_tests::outbox_mails(&dir) {
            if let Some(s) = mail.lines().find(|l| l.starts_with("Subject: Notice ")) {
                ensure!(subjects.insert(s.to_string()), "{s} delivered twice");
            }
        }
    }
    ensure!(subjects.len() == 1000, "{} distinct", subjects.len());
    Ok(())
}

fn count_mails(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir.join("outbox"))
        .map(|d| d.count())
        .unwrap_or(0)
}

/// A small deterministic generator (xorshift), so a failure can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Documents and variables the app really sends, to mutate.
fn corpus(case_id: &str) -> Vec<(String, Value)> {
    vec![
        (SELF_REFERRAL.to_string(), json!({ "i": self_referral("Fuzz Person") })),
        (CONTACT.to_string(), json!({ "i": { "caseId": case_id, "channel": "PHONE", "summary": "x", "idempotencyKey": "fuzz-key-0001" } })),
        (RECORD.to_string(), json!({ "i": { "caseId": case_id, "about": "x", "category": "OTHER", "receivedVia": "PHONE" } })),
        ("query($id: ID!) { case(id: $id) { reference participants { person { fullName } } contacts { summary } } }".to_string(), json!({ "id": case_id })),
        ("query($f: CaseFilterInput) { cases(filter: $f, first: 10) { edges { node { id } } } }".to_string(), json!({ "f": { "stages": ["REFERRAL"] } })),
        (REPORT.to_string(), json!({ "i": { "from": "2026-01-01", "to": "2026-06-30", "groupBy": "AREA" } })),
        ("mutation($i: LoginInput!) { login(input: $i) { user { id } } }".to_string(), json!({ "i": { "email": "coordinator@demo.rjhub.test", "password": "wrong" } })),
    ]
}

fn random_value(rng: &mut Rng) -> Value {
    match rng.below(10) {
        0 => Value::Null,
        1 => json!(rng.next() as i64),
        2 => json!(f64::from(rng.below(1000) as u32) / 7.0),
        3 => json!(rng.below(2) == 1),
        4 => json!("x".repeat(rng.below(20_000))),
        5 => json!("\u{0}\u{202e}💥\n'\"; DROP TABLE cases; --"),
        6 => json!(vec![1; rng.below(5000)]),
        7 => {
            let mut v = json!("deep");
            for _ in 0..rng.below(200) {
                v = json!({ "a": v });
            }
            v
        }
        8 => json!("2026-02-30"),
        _ => json!("019a0000-0000-7000-8000-000000000000"),
    }
}

fn mutate_value(rng: &mut Rng, v: &mut Value) {
    match v {
        Value::Object(map) if !map.is_empty() && rng.below(4) != 0 => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let k = &keys[rng.below(keys.len())];
            if rng.below(6) == 0 {
                map.remove(k);
            } else if let Some(child) = map.get_mut(k) {
                mutate_value(rng, child);
            }
        }
        _ => *v = random_value(rng),
    }
}

fn mutate_document(rng: &mut Rng, doc: &str) -> String {
    let mut d: Vec<char> = doc.chars().collect();
    for _ in 0..=rng.below(3) {
        let at = rng.below(d.len() + 1);
        match rng.below(5) {
            0 => d.truncate(at),
            1 => {
                let junk: Vec<char> = "{}()[]:$!@\"\\ \n#.…é".chars().collect();
                d.insert(at.min(d.len()), junk[rng.below(junk.len())]);
            }
            2 if at < d.len() => {
                let end = (at + rng.below(30)).min(d.len());
                let piece: Vec<char> = d[at..end].to_vec();
                for (i, c) in piece.into_iter().enumerate() {
                    d.insert(end + i, c);
                }
            }
            3 if at < d.len() => {
                d.remove(at);
            }
            _ => {}
        }
    }
    d.into_iter().collect()
}

/// Random and malformed documents, variables of the wrong type, oversized strings and lists,
/// deep and wide queries: never a 5xx, never an INTERNAL error, and the server stays up.
async fn r_sq_2_random_and_malformed_requests_never_break_the_server(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let (case_id, _) = allocated_case(&app, &coord).await?;
    let anonymous = app.client();
    let seed = 0x5eed_u64 ^ u64::from(db == DbKind::Postgres);
    let mut rng = Rng(seed | 1);
    let corpus = corpus(&case_id);
    let mut wide = String::from("{");
    for i in 0..400 {
        wide.push_str(&format!(
            " a{i}: cases(first: 100) {{ edges {{ node {{ id }} }} }}"
        ));
    }
    wide.push('}');
    for n in 0..300 {
        let (doc, vars) = &corpus[rng.below(corpus.len())];
        let mut vars = vars.clone();
        let doc = match rng.below(4) {
            0 => mutate_document(&mut rng, doc),
            1 if n % 50 == 0 => wide.clone(),
            _ => {
                mutate_value(&mut rng, &mut vars);
                doc.clone()
            }
        };
        let who = if rng.below(2) == 0 {
            &coord
        } else {
            &anonymous
        };
        let res = who
            .http
            .post(app.url("/graphql"))
            .json(&json!({ "query": doc, "variables": vars }))
            .send()
            .await?;
        let status = res.status();
        let body = res.text().await?;
        ensure!(
            status.as_u16() < 500,
            "seed {seed} request {n}: {status} for {doc} {vars}\n{body}"
        );
        ensure!(
            !body.contains("\"INTERNAL\""),
            "seed {seed} request {n}: internal error for {doc} {vars}\n{body}"
        );
    }
    let health = anonymous.http.get(app.url("/healthz")).send().await?;
    ensure!(health.status() == 200);
    Ok(())
}
