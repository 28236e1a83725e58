//! The workbench: each queue's count on the home page and the list it opens are the same
//! cases, within what the reader may list; rows carry what triage needs.

use anyhow::{Result, ensure};
use chrono::{Duration, Utc};
use rjhub_tests::{Client, DbKind, TestApp, error_code, on_both_databases};
use serde_json::{Value, json};

use crate::cases::{allocated_case, wellbeing_call};
use crate::intake::{SELF_REFERRAL, self_referral};

on_both_databases!(
    r_in_1_each_workbench_count_opens_to_exactly_its_cases,
    r_dp_2_the_workbench_counts_only_what_the_reader_may_list
);

const WORKBENCH: &str = "{ workbench { staleAfterDays queues { queue label hint count } } }";
const TRIAGE: &str = "query($f: TriageFilterInput, $after: String) { triage(filter: $f, first: 50, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { riskLevel languages interpreterNeeded daysInStage nextStep case { id reference area offenceCategory ageDays } } } } }";

/// Every row of a triage list, page by page.
async fn all_rows(c: &Client, filter: Value) -> Result<Vec<Value>> {
    let mut rows = Vec::new();
    let mut after = Value::Null;
    loop {
        let d = c
            .data(TRIAGE, json!({ "f": filter, "after": after }))
            .await?;
        let t = &d["triage"];
        rows.extend(
            t["edges"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|e| e["node"].clone()),
        );
        if t["pageInfo"]["hasNextPage"] != true {
            return Ok(rows);
        }
        after = t["pageInfo"]["endCursor"].clone();
    }
}

async fn counts(c: &Client) -> Result<Vec<(String, i64)>> {
    let d = c.data(WORKBENCH, json!({})).await?;
    Ok(d["workbench"]["queues"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|q| {
            (
                q["queue"].as_str().unwrap_or_default().to_string(),
                q["count"].as_i64().unwrap_or(-1),
            )
        })
        .collect())
}

/// Each queue's count equals the cases its list returns.
async fn counts_match_lists(c: &Client, who: &str) -> Result<Vec<(String, i64)>> {
    let counted = counts(c).await?;
    for (queue, n) in &counted {
        let rows = all_rows(c, json!({ "queue": queue })).await?;
        ensure!(
            rows.len() as i64 == *n,
            "{who}: {queue} counts {n} but lists {}",
            rows.len()
        );
    }
    Ok(counted)
}

fn count_of(counted: &[(String, i64)], queue: &str) -> i64 {
    counted
        .iter()
        .find(|(q, _)| q == queue)
        .map_or(-1, |(_, n)| *n)
}

async fn r_in_1_each_workbench_count_opens_to_exactly_its_cases(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let now = Utc::now();
    app.set_now(now)?;
    let coord = app.login_demo("coordinator").await?;
    let before = counts_match_lists(&coord, "co-ordinator").await?;
    ensure!(before.len() == 10, "{before:?}");
    // A new self-referral joins "new referrals", with what triage needs on its row.
    let d = app
        .client()
        .data(SELF_REFERRAL, json!({ "i": self_referral("Tess Triage") }))
        .await?;
    let reference = d["submitSelfReferral"]["reference"].clone();
    let after = counts_match_lists(&coord, "co-ordinator").await?;
    ensure!(
        count_of(&after, "NEW_REFERRALS") == count_of(&before, "NEW_REFERRALS") + 1,
        "{before:?} → {after:?}"
    );
    let rows = all_rows(&coord, json!({ "queue": "NEW_REFERRALS" })).await?;
    let row = rows
        .iter()
        .find(|r| r["case"]["reference"] == reference)
        .cloned()
        .unwrap_or_default();
    ensure!(
        row["nextStep"] == "Start the assessment"
            && row["languages"] == json!(["pl"])
            && row["interpreterNeeded"] == true
            && row["daysInStage"] == 0
            && row["case"]["area"] == "fenland"
            && row["case"]["offenceCategory"] == "burglary",
        "{row}"
    );
    // Filters narrow the same list.
    for r in all_rows(&coord, json!({ "area": "fenland" })).await? {
        ensure!(r["case"]["area"] == "fenland", "{r}");
    }
    // An allocated case nobody has contacted for longer than the stale interval has gone
    // quiet; a contact brings it back.
    let (case, _) = allocated_case(&app, &coord).await?;
    app.set_now(now + Duration::days(15))?;
    let coord = app.login_demo("coordinator").await?;
    let quiet = all_rows(&coord, json!({ "queue": "STALE" })).await?;
    ensure!(
        quiet.iter().any(|r| r["case"]["id"] == case.as_str()),
        "{quiet:?}"
    );
    counts_match_lists(&coord, "co-ordinator, later").await?;
    wellbeing_call(&app.login_demo("volunteer").await?, &case).await?;
    let quiet = all_rows(&coord, json!({ "queue": "STALE" })).await?;
    ensure!(
        !quiet.iter().any(|r| r["case"]["id"] == case.as_str()),
        "{quiet:?}"
    );
    Ok(())
}

async fn r_dp_2_the_workbench_counts_only_what_the_reader_may_list(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let supervisor = app.login_demo("supervisor").await?;
    let counted = counts_match_lists(&supervisor, "supervisor").await?;
    let queues: Vec<&str> = counted.iter().map(|(q, _)| q.as_str()).collect();
    ensure!(
        queues == ["SIGN_OFFS_WAITING", "STALE", "OVERDUE_ITEMS"],
        "{queues:?}"
    );
    // Every case a supervisor's list shows is one they supervise.
    let supervised = supervisor
        .data("{ cases(first: 100) { edges { node { id } } } }", json!({}))
        .await?;
    let mine: Vec<Value> = supervised["cases"]["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|e| e["node"]["id"].clone())
        .collect();
    for r in all_rows(&supervisor, json!({})).await? {
        ensure!(mine.contains(&r["case"]["id"]), "{r}");
    }
    for who in [
        "volunteer",
        "referrer",
        "commissioner",
        "trainer",
        "partner",
    ] {
        let c = app.login_demo(who).await?;
        for q in [
            WORKBENCH,
            "{ triage(first: 5) { edges { node { nextStep } } } }",
        ] {
            let r = c.gql(q, json!({})).await?;
            ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{who}: {r}");
        }
    }
    let r = app.client().gql(WORKBENCH, json!({})).await?;
    ensure!(error_code(&r).as_deref() == Some("UNAUTHENTICATED"), "{r}");
    Ok(())
}
