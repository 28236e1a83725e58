//! Published editions of the performance report (R-RP-1…12, R-RP-9's suppression): frozen when
//! published, corrected by a superseding edition with both readable, the only reports the
//! commissioner and partner agencies read, and disclosure-controlled across every table so that
//! an independent auditor (`rjhub_tests::disclosure_audit`) can work out no hidden count.

use anyhow::{Result, ensure};
use rjhub_tests::disclosure_audit::audit;
use rjhub_tests::{Client, DbKind, TestApp, error_code, error_field, on_both_databases};
use serde_json::{Value, json};

on_both_databases!(
    r_rp_editions_an_edition_stays_as_published_and_a_correction_keeps_both,
    r_rp_editions_the_commissioner_and_partners_read_published_editions_only,
    r_rp_9_no_hidden_figure_of_an_edition_can_be_worked_out_over_random_datasets,
    r_rp_9_the_leaks_an_auditor_found_are_closed,
);

const EDITION: &str = "id kind from to groupings publishedAt supersedesId supersededById reason current \
    tables { groupBy aggregatesOnly groups figures { section measure group value display suppressed unit } }";

fn publish_mutation() -> String {
    format!(
        "mutation($i: PublishReportEditionInput!) {{ publishReportEdition(input: $i) {{ edition {{ {EDITION} }} }} }}"
    )
}

async fn publish(c: &Client, input: Value) -> Result<Value> {
    Ok(c.data(&publish_mutation(), json!({ "i": input })).await?["publishReportEdition"]
        ["edition"]
        .clone())
}

async fn read(c: &Client, id: &Value) -> Result<Value> {
    Ok(c.data(
        &format!("query($id: ID!) {{ reportEdition(id: $id) {{ {EDITION} }} }}"),
        json!({ "id": id }),
    )
    .await?["reportEdition"]
        .clone())
}

const LIVE: &str = "query($i: PerformanceReportInput!) { performanceReport(input: $i) { groups figures { measure group value unit } } }";

/// The live figures of the half-year, as the co-ordinator reads them.
async fn live(c: &Client, from: &str, to: &str, group_by: &str) -> Result<Value> {
    Ok(c.data(
        LIVE,
        json!({ "i": { "from": from, "to": to, "groupBy": group_by } }),
    )
    .await?["performanceReport"]
        .clone())
}

fn received(table: &Value) -> Option<f64> {
    table["figures"]
        .as_array()?
        .iter()
        .find(|f| f["measure"] == "received" && f["group"] == "total")?["value"]
        .as_f64()
}

async fn demo(app: &TestApp, scale: u64, seed: u64) -> Result<()> {
    let out = app.cli(&[
        "demo",
        "--scale",
        &scale.to_string(),
        "--seed",
        &seed.to_string(),
    ])?;
    ensure!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(())
}

/// The most recent half-year and month that have ended (the synthetic data covers two years
/// back from today).
fn ended_periods() -> ((String, String), (String, String)) {
    use chrono::{Datelike, Months, NaiveDate};
    let today = chrono::Utc::now().date_naive();
    let month_start = today.with_day(1).unwrap_or(today);
    let last_month = month_start - Months::new(1);
    let (y, m) = (today.year(), today.month());
    let half = match m {
        10..=12 => NaiveDate::from_ymd_opt(y, 4, 1),
        4..=9 => NaiveDate::from_ymd_opt(y - 1, 10, 1),
        _ => NaiveDate::from_ymd_opt(y - 1, 4, 1),
    }
    .unwrap_or(today);
    let half_to = (half + Months::new(6)).pred_opt().unwrap_or(half);
    let month_to = month_start.pred_opt().unwrap_or(month_start);
    (
        (half.to_string(), half_to.to_string()),
        (last_month.to_string(), month_to.to_string()),
    )
}

async fn r_rp_editions_an_edition_stays_as_published_and_a_correction_keeps_both(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    demo(&app, 120, 3).await?;
    let ((from, to), _) = ended_periods();
    let first = publish(
        &coord,
        json!({ "kind": "HALF_YEAR", "from": from, "groupings": ["MONTH", "AREA", "MODEL"] }),
    )
    .await?;
    ensure!(
        first["to"] == to.as_str() && first["current"] == true,
        "{first}"
    );
    let groupings: Vec<&str> = first["tables"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["groupBy"].as_str())
        .collect();
    ensure!(
        groupings == ["NONE", "MONTH", "AREA", "MODEL"],
        "{groupings:?}"
    );
    let before = live(&coord, &from, &to, "NONE").await?;

    // New data in the period: the live report moves, the edition does not.
    demo(&app, 80, 4).await?;
    let after = live(&coord, &from, &to, "NONE").await?;
    ensure!(received(&after) > received(&before), "{before} {after}");
    let again = read(&coord, &first["id"]).await?;
    ensure!(again["tables"] == first["tables"], "the edition changed");

    // A second edition of the period is a correction, with a reason.
    let plain = coord
        .gql(
            &publish_mutation(),
            json!({ "i": { "kind": "HALF_YEAR", "from": from } }),
        )
        .await?;
    ensure!(error_code(&plain).as_deref() == Some("CONFLICT"), "{plain}");
    let no_reason = coord
        .gql(
            &publish_mutation(),
            json!({ "i": { "kind": "HALF_YEAR", "from": from, "supersedesId": first["id"] } }),
        )
        .await?;
    ensure!(
        error_field(&no_reason).as_deref() == Some("reason"),
        "{no_reason}"
    );
    let reason = "Eighty referrals from the summer were entered late";
    let second = publish(
        &coord,
        json!({ "kind": "HALF_YEAR", "from": from, "groupings": ["AREA"], "supersedesId": first["id"], "reason": reason }),
    )
    .await?;
    ensure!(
        second["supersedesId"] == first["id"] && second["reason"] == reason,
        "{second}"
    );
    ensure!(received(&second["tables"][0]) != received(&first["tables"][0]));
    let old = read(&coord, &first["id"]).await?;
    ensure!(
        old["current"] == false && old["supersededById"] == second["id"],
        "{old}"
    );
    ensure!(
        old["tables"] == first["tables"],
        "the superseded edition changed"
    );
    let list = coord
        .data(
            "{ reportEditions { edges { node { id current } } } }",
            json!({}),
        )
        .await?;
    let ids: Vec<&Value> = list["reportEditions"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| &e["node"]["id"])
        .collect();
    ensure!(ids == [&second["id"], &first["id"]], "{list}");
    // The superseded edition cannot be corrected again: correct the latest.
    let twice = coord
        .gql(
            &publish_mutation(),
            json!({ "i": { "kind": "HALF_YEAR", "from": from, "supersedesId": first["id"], "reason": reason } }),
        )
        .await?;
    ensure!(error_code(&twice).as_deref() == Some("CONFLICT"), "{twice}");

    // Only ended periods, and only the periods there are.
    let today = chrono::Utc::now().date_naive();
    for (kind, from, field) in [
        (
            "MONTH",
            chrono::Datelike::with_day(&today, 1)
                .unwrap_or(today)
                .to_string(),
            "from",
        ),
        ("MONTH", "2026-04-15".to_string(), "from"),
        ("HALF_YEAR", "2026-05-01".to_string(), "from"),
    ] {
        let r = coord
            .gql(
                &publish_mutation(),
                json!({ "i": { "kind": kind, "from": from } }),
            )
            .await?;
        ensure!(
            error_field(&r).as_deref() == Some(field),
            "{kind} {from}: {r}"
        );
    }

    // The board's printable page and the CSV, behind the session.
    let id = first["id"].as_str().unwrap_or_default();
    let html = coord
        .http
        .get(app.url(&format!("/reports/editions/{id}.html")))
        .send()
        .await?;
    ensure!(html.status() == 200);
    let html = html.text().await?;
    ensure!(
        html.contains("Half-yearly performance report")
            && html.contains("A correction has replaced"),
        "{html}"
    );
    let csv = coord
        .http
        .get(app.url(&format!("/reports/editions/{id}.csv")))
        .send()
        .await?
        .text()
        .await?;
    ensure!(
        csv.starts_with("Table,Section,Measure,Group,Figure,Unit,What it counts\n")
            && csv.contains("\nAll cases,referrals,received,total,")
            && csv.contains("\narea,referrals,received,"),
        "{csv}"
    );
    let anonymous = app
        .client()
        .http
        .get(app.url(&format!("/reports/editions/{id}.csv")))
        .send()
        .await?;
    ensure!(anonymous.status() == 401);
    Ok(())
}

async fn r_rp_editions_the_commissioner_and_partners_read_published_editions_only(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let ((from, to), _) = ended_periods();
    let edition = publish(&coord, json!({ "kind": "HALF_YEAR", "from": from })).await?;
    let live_input = json!({ "i": { "from": from, "to": to } });
    for who in ["commissioner", "partner"] {
        let c = app.login_demo(who).await?;
        // No live report and no ad-hoc period: nothing to difference.
        let r = c.gql(LIVE, live_input.clone()).await?;
        ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{who}: {r}");
        let csv = c
            .http
            .get(app.url(&format!("/reports/performance.csv?from={from}&to={to}")))
            .send()
            .await?;
        ensure!(csv.status() == 403, "{who}: {}", csv.status());
        let e = read(&c, &edition["id"]).await?;
        ensure!(
            e["tables"] == edition["tables"] && e["tables"][0]["aggregatesOnly"] == true,
            "{who}: {e}"
        );
        let p = c
            .gql(
                &publish_mutation(),
                json!({ "i": { "kind": "MONTH", "from": "2026-01-01" } }),
            )
            .await?;
        ensure!(error_code(&p).as_deref() == Some("FORBIDDEN"), "{who}: {p}");
    }
    let supervisor = app.login_demo("supervisor").await?;
    supervisor.data(LIVE, live_input.clone()).await?;
    read(&supervisor, &edition["id"]).await?;
    let p = supervisor
        .gql(
            &publish_mutation(),
            json!({ "i": { "kind": "MONTH", "from": "2026-01-01" } }),
        )
        .await?;
    ensure!(error_code(&p).as_deref() == Some("FORBIDDEN"), "{p}");
    for who in ["volunteer", "referrer", "trainer"] {
        let r = app
            .login_demo(who)
            .await?
            .gql("{ reportEditions { edges { node { id } } } }", json!({}))
            .await?;
        ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{who}: {r}");
    }
    Ok(())
}

/// The edition against the live figures it was made from: every shown figure is the live one,
/// and every count from 1 to 4 is hidden.
fn faithful(edition: &Value, live_tables: &[Value]) -> Result<()> {
    for (t, l) in edition["tables"]
        .as_array()
        .into_iter()
        .flatten()
        .zip(live_tables)
    {
        for lf in l["figures"].as_array().into_iter().flatten() {
            let ef = t["figures"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|f| f["measure"] == lf["measure"] && f["group"] == lf["group"]);
            let Some(ef) = ef else {
                anyhow::bail!("{} missing from the edition: {lf}", t["groupBy"]);
            };
            if ef["suppressed"] == false {
                ensure!(ef["value"] == lf["value"], "{} {ef} vs {lf}", t["groupBy"]);
            }
            let small = lf["value"].as_f64().is_some_and(|v| v > 0.0 && v < 5.0);
            let count = !["days", "score", "percent"].contains(&lf["unit"].as_str().unwrap_or(""));
            if small && count {
                ensure!(ef["suppressed"] == true, "{} shown: {ef}", t["groupBy"]);
            }
        }
    }
    Ok(())
}

/// Publishes the half-year and the last month (a few cases, so many small cells) with the
/// given groupings, checks each against the live figures and audits it.
async fn publish_and_audit(
    coord: &Client,
    label: &str,
    half_groupings: &[&str],
    month_groupings: &[&str],
) -> Result<Vec<Value>> {
    let ((half_from, half_to), (month_from, month_to)) = ended_periods();
    let mut editions = Vec::new();
    for (kind, from, to, groupings) in [
        ("HALF_YEAR", &half_from, &half_to, half_groupings),
        ("MONTH", &month_from, &month_to, month_groupings),
    ] {
        let e = publish(
            coord,
            json!({ "kind": kind, "from": from, "groupings": groupings }),
        )
        .await?;
        let mut live_tables = Vec::new();
        for g in std::iter::once("NONE").chain(groupings.iter().copied()) {
            live_tables.push(live(coord, from, to, g).await?);
        }
        faithful(&e, &live_tables).map_err(|err| anyhow::anyhow!("{label} {kind}: {err}"))?;
        let leaks = audit(&e);
        ensure!(
            leaks.is_empty(),
            "{label} {kind}: {} hidden figures can be worked out: {leaks:?}",
            leaks.len()
        );
        editions.push(e);
    }
    Ok(editions)
}

async fn r_rp_9_no_hidden_figure_of_an_edition_can_be_worked_out_over_random_datasets(
    db: DbKind,
) -> Result<()> {
    // Twenty datasets, from a few cases a month (mostly small cells) to a few hundred a year;
    // four at a time.
    let mut hidden = 0;
    for batch in (1..=20u64).collect::<Vec<_>>().chunks(4) {
        let mut runs = tokio::task::JoinSet::new();
        for &seed in batch {
            runs.spawn(async move {
                // Four servers publish at once beside the browser tests on two cores: this is
                // about what an edition discloses, not how fast, so no request is cut short.
                let app = TestApp::builder(db)
                    .env("RJHUB_REQUEST_TIMEOUT_SECONDS", "300")
                    .start()
                    .await?;
                // 20 to 200 cases over two years: a few to fifty in the half-year.
                let scale = 20 + (seed * 23) % 180;
                demo(&app, scale, 1000 + seed).await?;
                let coord = app.login_demo("coordinator").await?;
                let label = format!("seed {seed}, {scale} cases");
                let editions = publish_and_audit(
                    &coord,
                    &label,
                    &["MONTH", "SOURCE", "AREA", "MODEL"],
                    &["AREA", "MODEL"],
                )
                .await?;
                Ok::<usize, anyhow::Error>(
                    editions
                        .iter()
                        .flat_map(|e| e["tables"].as_array().cloned().unwrap_or_default())
                        .flat_map(|t| t["figures"].as_array().cloned().unwrap_or_default())
                        .filter(|f| f["suppressed"] == true)
                        .count(),
                )
            });
        }
        while let Some(r) = runs.join_next().await {
            hidden += r??;
        }
    }
    // The datasets did exercise suppression.
    ensure!(hidden > 100, "only {hidden} hidden figures");
    Ok(())
}

/// The leaks found in the first suppression, each reproduced: the one Special Constable of the
/// pool (pool − the other kinds), a model with few cases hidden in one table but printed as the
/// model's count in another, and a hidden count that is the only non-zero one of its row.
async fn r_rp_9_the_leaks_an_auditor_found_are_closed(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    demo(&app, 60, 11).await?;
    let coord = app.login_demo("coordinator").await?;
    let editions = publish_and_audit(
        &coord,
        "leaks",
        &["MONTH", "SOURCE", "OFFENCE", "AREA", "MODEL", "AGENCY"],
        &["AREA", "MODEL", "SOURCE"],
    )
    .await?;
    let half = &editions[0];
    let cell = |table: &str, measure: &str, group: &str| -> Value {
        half["tables"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|t| t["groupBy"] == table)
            .flat_map(|t| t["figures"].as_array().cloned().unwrap_or_default())
            .find(|f| f["measure"] == measure && f["group"] == group)
            .unwrap_or_default()
    };
    // The demo pool has one Special Constable.
    ensure!(cell("NONE", "pool:special_constable", "total")["suppressed"] == true);
    // A model with 1–4 cases in the period: hidden as a group of the table by model and as
    // the model's count in every table.
    let ((from, to), _) = ended_periods();
    let by_model = live(&coord, &from, &to, "MODEL").await?;
    let few: Vec<String> = by_model["figures"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| {
            f["measure"] == "received" && f["group"] != "total" && f["group"] != "not_recorded"
        })
        .filter(|f| f["value"].as_f64().is_some_and(|v| v > 0.0 && v < 5.0))
        .filter_map(|f| f["group"].as_str().map(String::from))
        .collect();
    for m in &few {
        ensure!(cell("MODEL", "received", m)["suppressed"] == true, "{m}");
        for t in ["NONE", "MONTH", "AREA"] {
            ensure!(
                cell(t, &format!("model:{m}"), "total")["suppressed"] == true,
                "{t} model:{m}"
            );
        }
    }
    Ok(())
}
