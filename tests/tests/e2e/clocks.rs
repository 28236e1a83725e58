//! The Victims' Code clocks (R-ST-2): due days counted in England and Wales working days over
//! weekends and bank holidays, the enhanced-rights one-day clock, met by the work recorded,
//! and the workbench's "due today" and "missed" queues.

use anyhow::{Result, ensure};
use chrono::{DateTime, TimeZone, Utc};
use rjhub_tests::{Client, DbKind, TestApp, error_code, on_both_databases};
use serde_json::{Value, json};

use crate::intake::{CREATE_REFERRAL, SELF_REFERRAL, self_referral};

on_both_databases!(
    r_st_2_the_information_clock_counts_working_days_and_enhanced_rights_make_it_one,
    r_st_2_a_referral_over_easter_and_the_onward_referral_clock,
    r_st_2_the_live_report_gives_the_share_of_deadlines_met_on_time
);

const CLOCKS: &str = "query($id: ID!) { case(id: $id) { enhancedRights clocks { kind dueOn metAt state lateBy dueIn } participants { id role } } }";

fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .unwrap_or_default()
}

async fn clocks(c: &Client, id: &str) -> Result<Value> {
    Ok(c.data(CLOCKS, json!({ "id": id })).await?["case"].clone())
}

async fn queue_ids(c: &Client, queue: &str) -> Result<Vec<String>> {
    let d = c
        .data(
            "query($q: WorkbenchQueue) { triage(filter: { queue: $q }, first: 100) { edges { node { case { id } } } } }",
            json!({ "q": queue }),
        )
        .await?;
    Ok(d["triage"]["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|e| e["node"]["case"]["id"].as_str().map(str::to_string))
        .collect())
}

async fn newest_case(c: &Client) -> Result<String> {
    let d = c
        .data("{ cases(first: 1) { edges { node { id } } } }", json!({}))
        .await?;
    Ok(d["cases"]["edges"][0]["node"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string())
}

async fn r_st_2_the_information_clock_counts_working_days_and_enhanced_rights_make_it_one(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    // Thursday 23 December 2027: Christmas and Boxing Day fall at the weekend, so Monday 27
    // and Tuesday 28 are the substitute bank holidays; 1 January 2028 is a Saturday, so
    // Monday 3 January is one too.
    app.set_now(at(2027, 12, 23, 10))?;
    app.client()
        .data(SELF_REFERRAL, json!({ "i": self_referral("Carol Clock") }))
        .await?;
    let coord = app.login_demo("coordinator").await?;
    let id = newest_case(&coord).await?;
    let c = clocks(&coord, &id).await?;
    ensure!(
        c["clocks"]
            == json!([{ "kind": "RJ_INFORMATION", "dueOn": "2028-01-04", "metAt": null, "state": "RUNNING", "lateBy": 0, "dueIn": 5 }]),
        "{c}"
    );
    // The victim is vulnerable: one working day, the Friday before Christmas.
    let d = coord
        .data(
            "mutation($i: SetEnhancedRightsInput!) { setEnhancedRights(input: $i) { case { enhancedRights clocks { dueOn } } } }",
            json!({ "i": { "caseId": id, "reason": "VULNERABLE_OR_INTIMIDATED" } }),
        )
        .await?;
    ensure!(
        d["setEnhancedRights"]["case"]
            == json!({ "enhancedRights": "VULNERABLE_OR_INTIMIDATED", "clocks": [{ "dueOn": "2027-12-24" }] }),
        "{d}"
    );
    let r = app
        .login_demo("volunteer")
        .await?
        .gql(
            "mutation($i: SetEnhancedRightsInput!) { setEnhancedRights(input: $i) { case { id } } }",
            json!({ "i": { "caseId": id, "reason": null } }),
        )
        .await?;
    ensure!(
        matches!(error_code(&r).as_deref(), Some("FORBIDDEN" | "NOT_FOUND")),
        "{r}"
    );
    // Due today on the Friday; on Wednesday 29th it is one working day overdue.
    app.set_now(at(2027, 12, 24, 9))?;
    let coord = app.login_demo("coordinator").await?;
    ensure!(queue_ids(&coord, "CLOCKS_DUE_TODAY").await?.contains(&id));
    ensure!(!queue_ids(&coord, "CLOCKS_OVERDUE").await?.contains(&id));
    app.set_now(at(2027, 12, 29, 9))?;
    let coord = app.login_demo("coordinator").await?;
    ensure!(queue_ids(&coord, "CLOCKS_OVERDUE").await?.contains(&id));
    let c = clocks(&coord, &id).await?;
    ensure!(
        c["clocks"][0]["state"] == "OVERDUE" && c["clocks"][0]["lateBy"] == 1,
        "{c}"
    );
    // The soonest deadline comes first in the inbox sorted by deadline.
    let d = coord
        .data(
            "{ triage(filter: { stages: [REFERRAL, ASSESSMENT], soonestDeadlineFirst: true }, first: 5) { edges { node { nextDeadline case { id } } } } }",
            json!({}),
        )
        .await?;
    ensure!(
        d["triage"]["edges"][0]["node"]
            == json!({ "nextDeadline": "2027-12-24", "case": { "id": id } }),
        "{d}"
    );
    // The co-ordinator phones the victim: met, one working day late.
    let victim = c["participants"][0]["id"].clone();
    coord
        .data(
            "mutation($i: LogContactInput!) { logContact(input: $i) { contact { id } } }",
            json!({ "i": { "caseId": id, "participantId": victim, "channel": "PHONE", "summary": "Explained what restorative justice involves" } }),
        )
        .await?;
    let c = clocks(&coord, &id).await?;
    ensure!(
        c["clocks"][0]["state"] == "MET_LATE" && c["clocks"][0]["lateBy"] == 1,
        "{c}"
    );
    ensure!(!queue_ids(&coord, "CLOCKS_OVERDUE").await?.contains(&id));
    Ok(())
}

async fn r_st_2_a_referral_over_easter_and_the_onward_referral_clock(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    // Maundy Thursday 2026: Good Friday (3 April) and Easter Monday (6 April) do not count.
    app.set_now(at(2026, 4, 2, 14))?;
    let referrer = app.login_demo("referrer").await?;
    let d = referrer
        .data(
            CREATE_REFERRAL,
            json!({ "i": { "referralSource": "police", "consentConfirmed": true,
                "victim": { "fullName": "Eve Easter", "phone": "07700 900321", "contactChannels": ["PHONE"] },
                "offence": { "offenceCategory": "burglary", "area": "fenland" } } }),
        )
        .await?;
    let id = d["createReferral"]["referral"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let coord = app.login_demo("coordinator").await?;
    let c = clocks(&coord, &id).await?;
    ensure!(
        c["clocks"][0]["dueOn"] == "2026-04-13" && c["clocks"][0]["dueIn"] == 5,
        "{c}"
    );
    // An offender's own request through a partner agency starts no victim's clock.
    let partner = app.login_demo("partner").await?;
    let d = partner
        .data(
            CREATE_REFERRAL,
            json!({ "i": { "referralSource": "youth_offending_service", "offenderInitiated": true, "consentConfirmed": true, "offenderIdentified": true,
                "offender": { "fullName": "Owen Own", "phone": "07700 900654", "contactChannels": ["PHONE"] },
                "offence": { "offenceCategory": "robbery", "area": "fenland" } } }),
        )
        .await?;
    let theirs = d["createReferral"]["referral"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    ensure!(
        clocks(&coord, &theirs).await?["clocks"] == json!([]),
        "an offender's request started a victim's clock"
    );
    // Support needs identified on the Thursday: two working days after Easter Monday, the
    // onward referral is due on Wednesday 8th.
    let support =
        "mutation($i: RecordSupportNeedsInput!) { recordSupportNeeds(input: $i) { case { id } } }";
    coord
        .data(
            support,
            json!({ "i": { "caseId": id, "supportNeeds": "Would like help with the insurance claim", "referToVictimsHub": false } }),
        )
        .await?;
    let c = clocks(&coord, &id).await?;
    ensure!(
        c["clocks"][1]["kind"] == "ONWARD_REFERRAL" && c["clocks"][1]["dueOn"] == "2026-04-08",
        "{c}"
    );
    // Monday 13th: the information is due today; the referral made that morning is late.
    app.set_now(at(2026, 4, 13, 9))?;
    let coord = app.login_demo("coordinator").await?;
    ensure!(queue_ids(&coord, "CLOCKS_DUE_TODAY").await?.contains(&id));
    coord
        .data(
            support,
            json!({ "i": { "caseId": id, "supportNeeds": "Would like help with the insurance claim", "referToVictimsHub": true } }),
        )
        .await?;
    coord
        .data(
            "mutation($i: LogContactInput!) { logContact(input: $i) { contact { id } } }",
            json!({ "i": { "caseId": id, "channel": "PHONE", "summary": "Information about RJ sent" } }),
        )
        .await?;
    let c = clocks(&coord, &id).await?;
    let states: Vec<(Value, Value, Value)> = c["clocks"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|k| (k["kind"].clone(), k["state"].clone(), k["lateBy"].clone()))
        .collect();
    ensure!(
        states
            == [
                (json!("RJ_INFORMATION"), json!("MET_ON_TIME"), json!(0)),
                (json!("ONWARD_REFERRAL"), json!("MET_LATE"), json!(3)),
            ],
        "{c}"
    );
    Ok(())
}

/// A self-referral received now, and its victim (the first participant).
async fn self_referred(app: &TestApp, coord: &Client, name: &str) -> Result<(String, Value)> {
    app.client()
        .data(SELF_REFERRAL, json!({ "i": self_referral(name) }))
        .await?;
    let id = newest_case(coord).await?;
    let victim = clocks(coord, &id).await?["participants"][0]["id"].clone();
    Ok((id, victim))
}

async fn phone(coord: &Client, id: &str, victim: &Value) -> Result<()> {
    coord
        .data(
            "mutation($i: LogContactInput!) { logContact(input: $i) { contact { id } } }",
            json!({ "i": { "caseId": id, "participantId": victim, "channel": "PHONE", "summary": "Explained what restorative justice involves" } }),
        )
        .await?;
    Ok(())
}

async fn r_st_2_the_live_report_gives_the_share_of_deadlines_met_on_time(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    // Monday 1 March 2027: three victims ask; each is due information by Monday 8 March.
    app.set_now(at(2027, 3, 1, 10))?;
    let coord = app.login_demo("coordinator").await?;
    let (on_time, v1) = self_referred(&app, &coord, "Ann Early").await?;
    let (late, v2) = self_referred(&app, &coord, "Bea Late").await?;
    self_referred(&app, &coord, "Cas Waiting").await?;
    app.set_now(at(2027, 3, 2, 10))?;
    let coord = app.login_demo("coordinator").await?;
    phone(&coord, &on_time, &v1).await?;
    // Wednesday 10 March: one met late, one past due unmet, and a new one still running.
    app.set_now(at(2027, 3, 10, 10))?;
    let coord = app.login_demo("coordinator").await?;
    phone(&coord, &late, &v2).await?;
    self_referred(&app, &coord, "Dot Running").await?;
    let d = coord
        .data(
            "query($i: PerformanceReportInput!) { performanceReport(input: $i) { figures { section measure group value suppressed } } }",
            json!({ "i": { "from": "2027-03-01", "to": "2027-03-31" } }),
        )
        .await?;
    let value = |m: &str| {
        d["performanceReport"]["figures"]
            .as_array()
            .and_then(|fs| {
                fs.iter()
                    .find(|f| f["measure"] == m && f["group"] == "total")
            })
            .map(|f| (f["section"].clone(), f["value"].as_f64()))
    };
    let section = json!("victims_code");
    ensure!(
        value("rj_information_clocks") == Some((section.clone(), Some(4.0))),
        "{d}"
    );
    ensure!(
        value("rj_information_on_time") == Some((section.clone(), Some(1.0))),
        "{d}"
    );
    // One on time of the three met or past due; the one still running is left out.
    ensure!(
        value("rj_information_on_time_percent") == Some((section.clone(), Some(33.33))),
        "{d}"
    );
    ensure!(
        value("onward_referral_clocks") == Some((section, Some(0.0))),
        "{d}"
    );
    Ok(())
}
