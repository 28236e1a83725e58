//! Reads audited by whom, whose and why (R-DP-4, R-ST-5): every list and search names exactly
//! the records it returned, each row carries the reader's purpose, a read outside the reader's
//! relationship keeps its typed justification, the data protection officer sees who saw a
//! person's record, and an answered request never loses its rows to a crash.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Result, ensure};
use chrono::Timelike;
use rjhub_tests::{Client, DbKind, TestApp, error_code, on_both_databases};
use serde_json::{Value, json};

use crate::cases::allocated_case;
use crate::intake::{SELF_REFERRAL, self_referral};

on_both_databases!(
    r_dp_4_every_list_and_search_names_exactly_the_records_it_returned,
    r_st_5_a_read_outside_the_readers_relationship_keeps_its_justification,
    r_dp_4_a_crash_right_after_answers_loses_no_audit_row,
);

/// Rows of a demo user's, as SQL (ids are blobs on SQLite: compare them inside the database).
fn by(who: &str) -> String {
    format!("actor_id IN (SELECT id FROM users WHERE email = '{who}@demo.rjhub.test')")
}

/// The read rows a demo user has, as (row id, record id, purpose, via).
async fn reads(app: &TestApp, who: &str) -> Result<Vec<(String, String, String, String)>> {
    let rows = app
        .rows(&format!(
            "SELECT id, entity_id, purpose, detail FROM audit_log \
             WHERE {} AND action IN ('view', 'disclose')",
            by(who)
        ))
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let detail: Value = match &r["detail"] {
                Value::String(s) => serde_json::from_str(s).unwrap_or_default(),
                v => v.clone(),
            };
            let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
            (
                r["id"].to_string(),
                s(&r["entity_id"]),
                s(&r["purpose"]),
                s(&detail["via"]),
            )
        })
        .collect())
}

/// Runs `f`, then returns the record ids (with their purposes) of the rows it added through
/// `via`, as a multiset.
async fn added_by<F, Fut>(
    app: &TestApp,
    actor: &str,
    via: &str,
    f: F,
) -> Result<(Value, BTreeMap<String, usize>, Vec<String>)>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<Value>>,
{
    let before: Vec<String> = reads(app, actor).await?.into_iter().map(|r| r.0).collect();
    let answer = f().await?;
    let mut ids = BTreeMap::new();
    let mut purposes = Vec::new();
    for (row, record, purpose, v) in reads(app, actor).await? {
        if v == via && !before.contains(&row) {
            *ids.entry(record).or_insert(0) += 1;
            purposes.push(purpose);
        }
    }
    Ok((answer, ids, purposes))
}

fn returned(list: &Value) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for e in list.as_array().cloned().unwrap_or_default() {
        let id = e["node"]["id"].as_str().or(e["person"]["id"].as_str());
        if let Some(id) = id {
            *out.entry(id.to_string()).or_insert(0) += 1;
        }
    }
    out
}

async fn r_dp_4_every_list_and_search_names_exactly_the_records_it_returned(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    for name in ["Jo Aldous", "Jo Baxter", "Jo Carver"] {
        app.client()
            .data(SELF_REFERRAL, json!({ "i": self_referral(name) }))
            .await?;
    }
    allocated_case(&app, &coord).await?;
    let coord_id = "coordinator";

    // The inbox, one page of two: exactly the two shown are named, not the row read to know
    // that another page follows.
    let (page, ids, purposes) = added_by(&app, coord_id, "cases", || {
        coord.data(
            "{ cases(filter: { stages: [REFERRAL, ASSESSMENT] }, first: 2) { pageInfo { hasNextPage } edges { node { id } } } }",
            json!({}),
        )
    })
    .await?;
    ensure!(page["cases"]["pageInfo"]["hasNextPage"] == true, "{page}");
    ensure!(
        ids == returned(&page["cases"]["edges"]),
        "{ids:?} for {page}"
    );
    ensure!(
        ids.len() == 2 && purposes.iter().all(|p| p == "coordination"),
        "{purposes:?}"
    );

    // A facilitator's own cases.
    let volunteer = app.login_demo("volunteer").await?;
    let vol_id = "volunteer";
    let (mine, ids, purposes) = added_by(&app, vol_id, "myCases", || {
        volunteer.data("{ myCases { edges { node { id reference } } } }", json!({}))
    })
    .await?;
    ensure!(
        !ids.is_empty() && ids == returned(&mine["myCases"]["edges"]),
        "{ids:?} for {mine}"
    );
    ensure!(purposes.iter().all(|p| p == "casework"), "{purposes:?}");

    // A person search names each person found, for the co-ordinator and the data protection
    // officer alike, each with their own purpose.
    for (who, purpose) in [("coordinator", "coordination"), ("dpo", "data_protection")] {
        let c = app.login_demo(who).await?;
        let (found, ids, purposes) = added_by(&app, who, "people", || {
            c.data(
                "{ people(search: \"Jo\") { person { id fullName } } }",
                json!({}),
            )
        })
        .await?;
        ensure!(
            ids.len() >= 3 && ids == returned(&found["people"]),
            "{who}: {ids:?} for {found}"
        );
        ensure!(purposes.iter().all(|p| p == purpose), "{who}: {purposes:?}");
    }

    // One case: one row, with the reader's relationship as its purpose.
    let case = mine["myCases"]["edges"][0]["node"]["id"].clone();
    let (_, ids, purposes) = added_by(&app, vol_id, "case", || {
        volunteer.data(
            "query($id: ID!) { case(id: $id) { id participants { person { fullName } } } }",
            json!({ "id": case }),
        )
    })
    .await?;
    ensure!(
        ids.len() == 1 && ids.contains_key(case.as_str().unwrap_or_default()),
        "{ids:?}"
    );
    ensure!(purposes == ["casework"], "{purposes:?}");

    // A list that returns nothing names nothing.
    let supervisor = app.login_demo("supervisor").await?;
    let (empty, ids, _) = added_by(&app, "supervisor", "cases", || {
        supervisor.data("{ cases { edges { node { id } } } }", json!({}))
    })
    .await?;
    ensure!(
        empty["cases"]["edges"] == json!([]) && ids.is_empty(),
        "{empty} {ids:?}"
    );
    Ok(())
}

async fn r_st_5_a_read_outside_the_readers_relationship_keeps_its_justification(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let (case, _) = allocated_case(&app, &coord).await?;
    // The demo supervisor does not supervise this case.
    let supervisor = app.login_demo("supervisor").await?;
    let q = "query($id: ID!, $why: String) { case(id: $id, justification: $why) { id access viewerCan { work moves { to } } participants { id person { id fullName } } } }";
    let r = supervisor.gql(q, json!({ "id": case })).await?;
    ensure!(
        error_code(&r).as_deref() == Some("JUSTIFICATION_REQUIRED") && r["data"].is_null(),
        "{r}"
    );
    let r = supervisor
        .gql(q, json!({ "id": case, "why": "short" }))
        .await?;
    ensure!(error_code(&r).as_deref() == Some("VALIDATION"), "{r}");
    let why = "Covering for Sam while on leave: complaint about delay";
    let c = supervisor
        .data(q, json!({ "id": case, "why": why }))
        .await?;
    // Read only: nothing to do on it.
    ensure!(
        c["case"]["access"] == "FULL"
            && c["case"]["viewerCan"]["work"] == false
            && c["case"]["viewerCan"]["moves"] == json!([]),
        "{c}"
    );
    let rows = app
        .rows(&format!(
            "SELECT purpose, justification FROM audit_log WHERE {} AND entity_id = '{case}'",
            by("supervisor")
        ))
        .await?;
    ensure!(
        rows.iter()
            .any(|r| r["purpose"] == "justified" && r["justification"] == why),
        "{rows:?}"
    );
    // For an hour the case's other parts open without asking again, each read still noted.
    supervisor
        .data(
            "query($c: ID!) { caseMeetings(caseId: $c) { id } agreementItems(caseId: $c) { id } }",
            json!({ "c": case }),
        )
        .await?;
    let noted = app
        .rows(&format!(
            "SELECT justification FROM audit_log WHERE {} AND entity_id = '{case}' AND purpose = 'justified'",
            by("supervisor")
        ))
        .await?;
    ensure!(
        noted.len() >= 3 && noted.iter().all(|r| r["justification"] == why),
        "{noted:?}"
    );
    // The justification does not open anything else: no work on the case.
    let m = supervisor
        .gql(
            "mutation($i: LogContactInput!) { logContact(input: $i) { contact { id } } }",
            json!({ "i": { "caseId": case, "channel": "PHONE", "summary": "Called" } }),
        )
        .await?;
    ensure!(error_code(&m).is_some() && m["data"].is_null(), "{m}");

    // The data protection officer sees who saw the victim's record, and why.
    let person = c["case"]["participants"][0]["person"]["id"].clone();
    let dpo = app.login_demo("dpo").await?;
    let log = dpo
        .data(
            "query($p: ID!) { personAccessLog(personId: $p, first: 100) { edges { node { actorName action purpose justification record caseReference through } } } }",
            json!({ "p": person }),
        )
        .await?;
    let entries: Vec<Value> = log["personAccessLog"]["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|e| e["node"].clone())
        .collect();
    ensure!(
        entries.iter().any(|e| e["actorName"] == "Gareth Lewis"
            && e["purpose"] == "justified"
            && e["justification"] == why
            && e["record"] == "case"
            && e["caseReference"].is_string()),
        "{log}"
    );
    ensure!(
        entries
            .iter()
            .any(|e| e["actorName"] == "Priya Shah" && e["purpose"] == "coordination"),
        "{log}"
    );
    // As CSV, with the same rows.
    let csv = dpo
        .http
        .get(app.url(&format!(
            "/privacy/access-log/{}.csv",
            person.as_str().unwrap_or_default()
        )))
        .send()
        .await?;
    ensure!(csv.status() == 200, "{}", csv.status());
    let text = csv.text().await?;
    ensure!(
        text.starts_with("when,who,action,purpose,justification"),
        "{text}"
    );
    ensure!(
        text.contains(why) && text.contains("Gareth Lewis"),
        "{text}"
    );
    // Nobody else reads it.
    for who in ["supervisor", "volunteer", "commissioner", "partner"] {
        let r = app
            .login_demo(who)
            .await?
            .gql(
                "query($p: ID!) { personAccessLog(personId: $p) { edges { node { id } } } }",
                json!({ "p": person }),
            )
            .await?;
        ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{who}: {r}");
    }
    Ok(())
}

async fn r_dp_4_a_crash_right_after_answers_loses_no_audit_row(db: DbKind) -> Result<()> {
    let mut app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    allocated_case(&app, &coord).await?;
    let volunteer = app.login_demo("volunteer").await?;
    // A read is one row per reader, record and minute, so the clock moves a minute every 150 ms:
    // the answers fall in many minutes, and every minute in which one was sent needs its row.
    let base = chrono::Utc::now()
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .ok_or_else(|| anyhow::anyhow!("no whole minute"))?;
    let minute = Arc::new(AtomicUsize::new(0));
    app.set_now(base)?;
    let clock = {
        let (file, minute) = (app.clock_file().to_path_buf(), minute.clone());
        tokio::spawn(async move {
            for k in 1..=60 {
                tokio::time::sleep(std::time::Duration::from_millis(150)).await;
                if rjhub_tests::write_clock(&file, base + chrono::Duration::minutes(k)).is_err() {
                    return;
                }
                minute.store(k as usize, Ordering::SeqCst);
            }
        })
    };
    let answered = Arc::new(std::sync::Mutex::new(BTreeSet::new()));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let (c, answered, minute): (Client, _, _) =
            (volunteer.clone(), answered.clone(), minute.clone());
        tasks.spawn(async move {
            loop {
                let before = minute.load(Ordering::SeqCst);
                match c
                    .gql("{ myCases { edges { node { id } } } }", json!({}))
                    .await
                {
                    Ok(r) if r["data"]["myCases"]["edges"].as_array().map(Vec::len) == Some(1) => {
                        // Answered within one minute of the clock: that minute needs its row.
                        if minute.load(Ordering::SeqCst) == before
                            && let Ok(mut a) = answered.lock()
                        {
                            a.insert(before as i64);
                        }
                    }
                    _ => return,
                }
            }
        });
    }
    // Kill the server (SIGKILL: no shutdown, no flush) while requests are streaming in.
    rjhub_tests::eventually("answers in a dozen minutes before the crash", || {
        (answered.lock().map(|a| a.len()).unwrap_or_default() >= 12).then_some(())
    })
    .await?;
    app.crash_and_restart().await?;
    while tasks.join_next().await.is_some() {}
    clock.abort();
    let answered = answered.lock().map(|a| a.clone()).unwrap_or_default();
    let kept: BTreeSet<i64> = app
        .rows(&format!(
            "SELECT at, detail FROM audit_log WHERE {} AND action = 'view'",
            by("volunteer")
        ))
        .await?
        .into_iter()
        .filter(|r| r["detail"].to_string().contains("myCases"))
        .filter_map(|r| {
            // Both databases keep UTC: "2026-12-03 15:41:00.1 +00:00" or "2026-12-03T15:41:00Z".
            let text = r["at"].as_str()?.replacen('T', " ", 1);
            let at =
                chrono::NaiveDateTime::parse_from_str(text.get(..16)?, "%Y-%m-%d %H:%M").ok()?;
            Some((at.and_utc().timestamp() - base.timestamp()).div_euclid(60))
        })
        .collect();
    let lost: Vec<_> = answered.difference(&kept).collect();
    ensure!(
        !kept.is_empty() && lost.is_empty(),
        "answers were sent in minutes {lost:?} whose audit rows did not survive the crash (kept {kept:?})"
    );
    Ok(())
}
