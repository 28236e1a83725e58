//! The live performance report (R-RP-1…12) over fixed datasets with hand-computed figures, who
//! may read it, and the CSV export. Published editions and their suppression: editions.rs.

use anyhow::{Result, ensure};
use chrono::{DateTime, Utc};
use rjhub_tests::{Client, DbKind, TestApp, error_code, on_both_databases};
use serde_json::{Value, json};

use crate::cases::{ASSESS, MOVE, allocated_case, ready_for_intervention};
use crate::intake::{SELF_REFERRAL, self_referral};

on_both_databases!(
    r_rp_1_to_10_the_half_year_report_matches_hand_counted_figures,
    r_rp_exports_synthetic_data_to_csv_html_and_the_command_line,
    r_rp_11_a_volunteers_case_reaching_its_conference_counts_towards_five_a_year,
    r_rp_9_a_partner_agency_with_one_case_cannot_read_the_victims_own_answer,
    r_rp_1_to_11_each_figure_counts_what_its_definition_says,
);

const CONSENT_GIVEN: &str =
    "mutation($i: RecordConsentInput!) { recordConsent(input: $i) { consents { id } } }";
const CONTACT: &str = "mutation($i: LogContactInput!) { logContact(input: $i) { contact { id } } }";

/// The six figures an auditor found counting the wrong thing, each with hand-counted data:
/// a withdrawn enquiry is no referral; people are counted as people; each testimonial counts;
/// partner engagement is partner practitioners' only; languages are the active pool's; and the
/// printable page prints "–" where there is nothing, as the API's null.
async fn r_rp_1_to_11_each_figure_counts_what_its_definition_says(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let today = Utc::now().date_naive();
    let period = json!({ "i": { "from": (today - chrono::Duration::days(1)).to_string(), "to": (today + chrono::Duration::days(1)).to_string() } });
    let report = |c: &Client, v: Value| {
        let c = c.clone();
        async move { Ok::<Value, anyhow::Error>(c.data(REPORT, v).await?["performanceReport"].clone()) }
    };

    // 1. An enquiry that stops before it becomes a referral.
    let e = coord.data("mutation($i: CreateEnquiryInput!) { createEnquiry(input: $i) { case { id } } }", json!({ "i": { "person": { "fullName": "Enid Asker", "phone": "01632 960002", "contactChannels": ["PHONE"] }, "role": "VICTIM", "referralSource": "victims_hub" } })).await?;
    coord.data("mutation($i: WithdrawCaseInput!) { withdrawCase(input: $i) { case { stage } } }", json!({ "i": { "caseId": e["createEnquiry"]["case"]["id"], "reasonCode": "other", "reasonText": "Only wanted information" } })).await?;

    // 2 and 3. One case with a victim and two family members: each spoken to and each agreeing
    // to take part; two testimonials with consent and one without.
    let (case, _) = crate::cases::allocated_case(&app, &coord).await?;
    let mut people = Vec::new();
    for (name, role, rel) in [
        ("Fay Family", "BEREAVED_FAMILY", Some("mother")),
        ("Gil Family", "BEREAVED_FAMILY", Some("brother")),
    ] {
        let p = coord.data("mutation($i: AddParticipantInput!) { addParticipant(input: $i) { participant { id } } }", json!({ "i": { "caseId": case, "role": role, "relationship": rel, "person": { "fullName": name, "phone": "01632 960003", "contactChannels": ["PHONE"] } } })).await?;
        people.push(p["addParticipant"]["participant"]["id"].clone());
    }
    let all = coord
        .data(
            "query($id: ID!) { case(id: $id) { participants { id role } } }",
            json!({ "id": case }),
        )
        .await?;
    let harmed: Vec<Value> = all["case"]["participants"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p["role"] != "OFFENDER")
        .map(|p| p["id"].clone())
        .collect();
    ensure!(harmed.len() == 3, "{all}");
    for p in &harmed {
        coord.data(CONTACT, json!({ "i": { "caseId": case, "participantId": p, "channel": "PHONE", "summary": "Called" } })).await?;
        coord.data(CONSENT_GIVEN, json!({ "i": { "caseId": case, "participantId": p, "purpose": "TAKING_PART", "given": true, "method": "VERBAL" } })).await?;
    }
    for (p, consent) in [(&harmed[0], true), (&harmed[1], true), (&harmed[2], false)] {
        coord.data("mutation($i: RecordTestimonialInput!) { recordTestimonial(input: $i) { testimonial { id } } }", json!({ "i": { "caseId": case, "participantId": p, "text": "It helped.", "consentToUse": consent } })).await?;
    }

    // 4. Offers: one to the partner practitioner, one to a Special Constable whose agency is
    // the constabulary (not a partner agency).
    let sc = app
        .create_user(
            "sc.agency@example.org",
            "Sam Constable",
            &["facilitator"],
            Some("special_constable"),
            Some("Cambridgeshire Constabulary"),
        )
        .await?;
    coord.data("mutation($i: RecordAccreditationInput!) { recordAccreditation(input: $i) { accreditation { id } } }", json!({ "i": { "facilitatorId": sc, "level": "PRACTITIONER", "awardingBody": "rjc", "awardedOn": (today - chrono::Duration::days(10)).to_string() } })).await?;
    let partner = crate::cases::user_id(&app, "partner").await?;
    let expires = (Utc::now() + chrono::Duration::days(2)).to_rfc3339();
    for who in [&partner, &sc] {
        let r = coord.gql("mutation($i: OfferCaseInput!) { offerCase(input: $i) { offer { id } } }", json!({ "i": { "caseId": case, "facilitatorIds": [who], "role": "CO", "expiresAt": expires, "outsideReason": "Test of partner engagement" } })).await?;
        ensure!(r.get("errors").is_none(), "{r}");
    }

    let r = report(&coord, period.clone()).await?;
    let v = |m: &str| value(&r, m);
    // The withdrawn enquiry is neither a referral nor someone who left at the enquiry.
    ensure!(v("received") == Some(1.0), "received: {:?}", v("received"));
    ensure!(figure(&r, "left_at:enquiry", "total").is_none(), "{r}");
    // Cases and people, each labelled.
    ensure!(
        v("spoken_to") == Some(1.0) && v("people_spoken_to") == Some(3.0),
        "{:?} {:?}",
        v("spoken_to"),
        v("people_spoken_to")
    );
    ensure!(
        v("engaging") == Some(1.0) && v("people_engaging") == Some(3.0),
        "{:?} {:?}",
        v("engaging"),
        v("people_engaging")
    );
    ensure!(
        figure(&r, "people_engaging", "total").is_some_and(|f| f["unit"] == "people"
            && f["definition"]
                .as_str()
                .is_some_and(|d| d.contains("people") || d.contains("People"))),
        "{r}"
    );
    // Testimonials one by one, with consent only.
    ensure!(
        v("testimonials") == Some(2.0),
        "testimonials: {:?}",
        v("testimonials")
    );
    // Partner engagement: the Youth Offending Service, not the constabulary.
    ensure!(v("offered:Youth Offending Service") == Some(1.0), "{r}");
    ensure!(
        figure(&r, "offered:Cambridgeshire Constabulary", "total").is_none(),
        "{r}"
    );

    // 5. Languages covered: the active pool's, which leaves out a paused volunteer as its size
    // does. Counted by hand from the pool.
    let pool_languages = |pool: &Value| {
        let mut set = std::collections::BTreeSet::new();
        for f in pool["facilitators"].as_array().cloned().unwrap_or_default() {
            if f["profile"]["paused"] == false {
                for l in f["profile"]["languageSkills"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                {
                    set.insert(l["language"].as_str().unwrap_or_default().to_string());
                }
            }
        }
        set.len() as f64
    };
    let volunteer = app.login_demo("volunteer").await?;
    volunteer.data("mutation($i: UpdateMyFacilitatorProfileInput!) { updateMyFacilitatorProfile(input: $i) { profile { paused } } }", json!({ "i": { "languageSkills": [{ "language": "pl", "proficiency": "NATIVE" }, { "language": "ti", "proficiency": "FLUENT" }] } })).await?;
    let pool_q = "{ facilitators { profile { paused languageSkills { language } } } }";
    let before = pool_languages(&coord.data(pool_q, json!({})).await?);
    ensure!(value(&report(&coord, period.clone()).await?, "languages_covered") == Some(before));
    volunteer.data("mutation($i: UpdateMyFacilitatorProfileInput!) { updateMyFacilitatorProfile(input: $i) { profile { paused } } }", json!({ "i": { "paused": true } })).await?;
    let after = pool_languages(&coord.data(pool_q, json!({})).await?);
    let r = report(&coord, period.clone()).await?;
    ensure!(
        after < before && value(&r, "languages_covered") == Some(after),
        "{after} of {before}: {:?}",
        value(&r, "languages_covered")
    );

    // 6. The printable page: by month, an average nobody answered in a month prints "–" there.
    app.set_now(Utc::now() - chrono::Duration::days(40))?;
    app.client()
        .data(SELF_REFERRAL, json!({ "i": self_referral("Ola October") }))
        .await?;
    app.set_now(Utc::now())?;
    coord.data("mutation($i: RecordSatisfactionInput!) { recordSatisfaction(input: $i) { satisfaction { id } } }", json!({ "i": { "caseId": case, "participantId": harmed[0], "stage": "START", "score": 3 } })).await?;
    let from = (today - chrono::Duration::days(60)).to_string();
    let to = (today + chrono::Duration::days(1)).to_string();
    let html = coord
        .http
        .get(app.url(&format!(
            "/reports/performance.html?from={from}&to={to}&groupBy=month"
        )))
        .send()
        .await?
        .text()
        .await?;
    let row = html
        .split("<tr>")
        .find(|r| r.contains("victim start average"))
        .unwrap_or_default()
        .to_string();
    ensure!(
        row.contains(">3.0<") && row.contains(">–<") && !row.contains(">0<"),
        "{row}"
    );
    Ok(())
}

/// The offender's agency reads no live report, and a published edition hides what one case
/// would give away: with one case, an average satisfaction would be the victim's own answer.
async fn r_rp_9_a_partner_agency_with_one_case_cannot_read_the_victims_own_answer(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    let partner = app.login_demo("partner").await?;
    let d = partner.data(crate::intake::CREATE_REFERRAL, json!({ "i": {
        "referralSource": "youth_offending_service", "offenderInitiated": true, "consentConfirmed": true, "offenderIdentified": true,
        "offender": { "fullName": "Owen Agency", "phone": "07700 900600", "contactChannels": ["PHONE"] },
        "victim": { "fullName": "Vic Agency", "phone": "07700 900601", "contactChannels": ["PHONE"] },
        "offence": { "offenceCategory": "robbery", "area": "fenland" } } })).await?;
    let case = d["createReferral"]["referral"]["id"].clone();
    let coord = app.login_demo("coordinator").await?;
    coord
        .data(ASSESS, json!({ "i": { "caseId": case, "suitable": true } }))
        .await?;
    let c = coord
        .data(
            "query($id: ID!) { case(id: $id) { participants { id role } } }",
            json!({ "id": case }),
        )
        .await?;
    let victim = c["case"]["participants"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["role"] == "VICTIM"))
        .map(|p| p["id"].clone())
        .unwrap_or_default();
    for (stage, score) in [("START", 1), ("END", 2)] {
        coord.data("mutation($i: RecordSatisfactionInput!) { recordSatisfaction(input: $i) { satisfaction { id } } }",
            json!({ "i": { "caseId": case, "participantId": victim, "stage": stage, "score": score } })).await?;
    }
    let today = Utc::now().date_naive();
    let input = json!({ "i": { "from": (today - chrono::Duration::days(1)).to_string(), "to": (today + chrono::Duration::days(1)).to_string() } });
    // The co-ordinator reads the victim's answers as they are.
    let full = coord.data(REPORT, input.clone()).await?["performanceReport"].clone();
    let answered = |r: &Value| {
        r["figures"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter(|f| {
                f["section"] == "satisfaction" && f["value"].as_f64().is_some_and(|v| v > 0.0)
            })
            .count()
    };
    ensure!(answered(&full) > 0, "{full}");
    // The agency reads no live report; once the month has ended, the published edition shows
    // nothing computed from its one case.
    let r = partner.gql(REPORT, input).await?;
    ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{r}");
    let month = chrono::Datelike::with_day(&today, 1).unwrap_or(today);
    std::fs::write(
        app.clock_file(),
        (Utc::now() + chrono::Duration::days(40)).to_rfc3339(),
    )?;
    // Sessions have expired meanwhile.
    let (coord, partner) = (
        app.login_demo("coordinator").await?,
        app.login_demo("partner").await?,
    );
    let e = coord
        .data(
            "mutation($i: PublishReportEditionInput!) { publishReportEdition(input: $i) { edition { id } } }",
            json!({ "i": { "kind": "MONTH", "from": month.to_string(), "groupings": ["AGENCY"] } }),
        )
        .await?;
    let read = partner
        .data(
            "query($id: ID!) { reportEdition(id: $id) { tables { aggregatesOnly figures { section measure group value suppressed } } } }",
            json!({ "id": e["publishReportEdition"]["edition"]["id"] }),
        )
        .await?;
    for t in read["reportEdition"]["tables"]
        .as_array()
        .cloned()
        .unwrap_or_default()
    {
        ensure!(t["aggregatesOnly"] == true && answered(&t) == 0, "{t}");
        for f in t["figures"].as_array().cloned().unwrap_or_default() {
            ensure!(
                f["section"] != "satisfaction" || f["suppressed"] == true,
                "{f}"
            );
        }
    }
    Ok(())
}

/// `rjhub demo --scale` writes synthetic cases; the report counts every one of them the same
/// way through the graph, `rjhub report` and the printable page.
async fn r_rp_exports_synthetic_data_to_csv_html_and_the_command_line(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let out = app.cli(&["demo", "--scale", "300", "--seed", "7"])?;
    ensure!(
        out.status.success()
            && String::from_utf8_lossy(&out.stdout).contains("Added 300 synthetic cases"),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let today = Utc::now().date_naive();
    let from = (today - chrono::Duration::days(800)).to_string();
    let to = today.to_string();
    let coord = app.login_demo("coordinator").await?;
    let r = coord
        .data(REPORT, json!({ "i": { "from": from, "to": to } }))
        .await?;
    let received = r["performanceReport"]["figures"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["measure"] == "received" && f["group"] == "total")
        .and_then(|f| f["value"].as_f64());
    ensure!(received == Some(300.0), "{r}");

    let out = app.cli(&["report", "--from", &from, "--to", &to, "--format", "csv"])?;
    let csv = String::from_utf8_lossy(&out.stdout).to_string();
    ensure!(
        out.status.success() && csv.contains("\nreferrals,received,total,300,cases,"),
        "{csv}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let api_csv = coord
        .http
        .get(app.url(&format!("/reports/performance.csv?from={from}&to={to}")))
        .send()
        .await?
        .text()
        .await?;
    ensure!(api_csv == csv, "the CLI and the download differ");

    let page = coord
        .http
        .get(app.url(&format!(
            "/reports/performance.html?from={from}&to={to}&groupBy=area"
        )))
        .send()
        .await?;
    ensure!(page.status() == 200);
    let html = page.text().await?;
    ensure!(
        html.contains("<caption>Referrals received (R-RP-1)</caption>")
            && html.contains("<svg role=\"img\"")
            && !html.contains("<script"),
        "{html}"
    );
    let volunteer = app.login_demo("volunteer").await?;
    let denied = volunteer
        .http
        .get(app.url(&format!("/reports/performance.html?from={from}&to={to}")))
        .send()
        .await?;
    ensure!(denied.status() == 403);
    // `--aggregates-only`: the same disclosure control as an edition, from the command line.
    let out = app.cli(&[
        "report",
        "--from",
        &from,
        "--to",
        &to,
        "--format",
        "html",
        "--aggregates-only",
    ])?;
    ensure!(
        out.status.success() && String::from_utf8_lossy(&out.stdout).contains("[c]: hidden"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(())
}

const REPORT: &str = "query($i: PerformanceReportInput!) { performanceReport(input: $i) { aggregatesOnly groups victimSatisfactionBaseline figures { section measure group value display suppressed unit definition } } }";

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

/// A self-referred case received at `when`; returns (case id, victim participant id).
async fn referral(app: &TestApp, when: &str, name: &str) -> Result<(String, String, Client)> {
    app.set_now(at(when))?;
    app.client()
        .data(SELF_REFERRAL, json!({ "i": self_referral(name) }))
        .await?;
    let coord = app.login_demo("coordinator").await?;
    let d = coord
        .data(
            "{ cases(first: 1) { edges { node { id participants { id } } } } }",
            json!({}),
        )
        .await?;
    let node = &d["cases"]["edges"][0]["node"];
    Ok((
        node["id"].as_str().unwrap_or_default().to_string(),
        node["participants"][0]["id"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        coord,
    ))
}

fn figure<'a>(r: &'a Value, measure: &str, group: &str) -> Option<&'a Value> {
    r["figures"]
        .as_array()?
        .iter()
        .find(|f| f["measure"] == measure && f["group"] == group)
}

fn value(r: &Value, measure: &str) -> Option<f64> {
    figure(r, measure, "total")?["value"].as_f64()
}

async fn r_rp_1_to_10_the_half_year_report_matches_hand_counted_figures(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    // 23:30 BST on 31 March is before the half-year that starts on 1 April (London).
    referral(&app, "2026-03-31T22:30:00Z", "Early Bird").await?;
    // A: engaged, met at a conference, satisfied.
    let (a, victim, coord) = referral(&app, "2026-05-10T09:00:00Z", "Anna Able").await?;
    coord
        .data(ASSESS, json!({ "i": { "caseId": a, "suitable": true } }))
        .await?;
    coord.data("mutation($i: LogContactInput!) { logContact(input: $i) { contact { id } } }",
        json!({ "i": { "caseId": a, "participantId": victim, "at": "2026-05-10T09:00:00Z", "channel": "PHONE", "summary": "Call" } })).await?;
    coord.data("mutation($i: RecordConsentInput!) { recordConsent(input: $i) { consents { given } } }",
        json!({ "i": { "caseId": a, "participantId": victim, "purpose": "TAKING_PART", "given": true, "method": "WRITTEN" } })).await?;
    coord.data("mutation($i: SetInterventionModelInput!) { setInterventionModel(input: $i) { case { id } } }",
        json!({ "i": { "caseId": a, "model": "face_to_face" } })).await?;
    let m = coord.gql("mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { meeting { id } } }",
        json!({ "i": { "caseId": a, "kind": "CONFERENCE", "startsAt": "2026-06-10T09:00:00Z", "endsAt": "2026-06-10T11:00:00Z",
            "venueAddress": "March Community Centre", "staffIds": [], "participantIds": [victim] } })).await?;
    ensure!(m.get("errors").is_none(), "{m}");
    for (stage, score) in [("START", 2), ("END", 4)] {
        coord.data("mutation($i: RecordSatisfactionInput!) { recordSatisfaction(input: $i) { satisfaction { id } } }",
            json!({ "i": { "caseId": a, "participantId": victim, "stage": stage, "score": score } })).await?;
    }
    // B: not suitable.
    let (b, _, coord) = referral(&app, "2026-06-01T12:00:00Z", "Ben Bell").await?;
    coord
        .data(
            ASSESS,
            json!({ "i": { "caseId": b, "suitable": false, "reasonCode": "risk_too_high" } }),
        )
        .await?;
    // C: spoken to, then withdrew.
    let (c, cv, coord) = referral(&app, "2026-07-01T12:00:00Z", "Cara Cole").await?;
    coord.data("mutation($i: LogContactInput!) { logContact(input: $i) { contact { id } } }",
        json!({ "i": { "caseId": c, "participantId": cv, "at": "2026-07-01T12:00:00Z", "channel": "EMAIL", "summary": "Mail" } })).await?;
    coord
        .data(
            "mutation($i: WithdrawCaseInput!) { withdrawCase(input: $i) { case { stage } } }",
            json!({ "i": { "caseId": c, "reasonCode": "victim_declined" } }),
        )
        .await?;
    // After the half-year: not counted.
    referral(&app, "2026-10-01T09:00:00Z", "Late Comer").await?;

    app.set_now(at("2026-11-01T09:00:00Z"))?;
    let coord = app.login_demo("coordinator").await?;
    coord
        .data(
            "mutation { setSatisfactionBaseline(percent: 72.5) }",
            json!({}),
        )
        .await?;
    let input = json!({ "i": { "from": "2026-04-01", "to": "2026-09-30" } });
    let r = coord.data(REPORT, input.clone()).await?["performanceReport"].clone();
    let expect = [
        ("received", 3.0),
        // R-RP-11: the demo pool is one volunteer, a Special Constable and a partner
        // practitioner, speaking English, Polish, Lithuanian and Punjabi between them.
        ("active_volunteers", 1.0),
        // Case A's conference was run by the co-ordinator: no volunteer was allocated.
        ("volunteer_conferences", 0.0),
        ("pool_size", 3.0),
        ("pool:volunteer", 1.0),
        ("languages_covered", 4.0),
        ("spoken_to", 2.0),
        ("engaging", 1.0),
        ("first_meeting", 1.0),
        // Self-referrals here know their offender from the start.
        ("first_meeting_before_offender_identified", 0.0),
        ("conference", 1.0),
        ("reason:risk_too_high", 1.0),
        ("left_at:assessment", 1.0),
        ("completed", 1.0),
        // 09:00 on 10 May to 11:00 on 10 June: 31 days and 2 hours.
        ("median_days", 31.08),
        ("p90_days", 31.08),
        ("model:face_to_face", 1.0),
        ("face_to_face_conferences", 1.0),
        ("victim_start_average", 2.0),
        ("victim_end_average", 4.0),
        ("victim_end_satisfied_percent", 100.0),
        ("victim_distance_to_end", 2.0),
    ];
    for (measure, want) in expect {
        let got = value(&r, measure).unwrap_or(f64::NAN);
        ensure!(
            (got - want).abs() < 0.005,
            "{measure}: {got}, expected {want}\n{r}"
        );
    }
    ensure!(r["victimSatisfactionBaseline"] == 72.5, "{r}");
    for measure in [
        "testimonials",
        "agreement_items",
        "offenders_checked",
        "reoffended",
    ] {
        ensure!(value(&r, measure) == Some(0.0), "{measure}\n{r}");
    }

    // Figures follow every change at once: a testimonial that may be used counts, and stops
    // counting when its consent is withdrawn.
    let t = coord
        .data(
            "mutation($i: RecordTestimonialInput!) { recordTestimonial(input: $i) { testimonial { id } } }",
            json!({ "i": { "caseId": a, "participantId": victim, "text": "It helped me move on.", "consentToUse": true } }),
        )
        .await?;
    let testimonials = |r: Value| value(&r["performanceReport"], "testimonials");
    ensure!(testimonials(coord.data(REPORT, input.clone()).await?) == Some(1.0));
    coord
        .data(
            "mutation($t: ID!) { withdrawTestimonialConsent(testimonialId: $t) { testimonial { id } } }",
            json!({ "t": t["recordTestimonial"]["testimonial"]["id"] }),
        )
        .await?;
    ensure!(testimonials(coord.data(REPORT, input.clone()).await?) == Some(0.0));
    ensure!(r["aggregatesOnly"] == false, "{r}");

    // Grouped by area: every case of the demo self-referral is in Fenland.
    let grouped = coord
        .data(REPORT, json!({ "i": { "from": "2026-04-01", "to": "2026-09-30", "groupBy": "AREA", "filters": { "offenceCategory": "burglary" } } }))
        .await?["performanceReport"]
        .clone();
    ensure!(
        grouped["groups"] == json!(["fenland", "total"]),
        "{grouped}"
    );
    ensure!(
        figure(&grouped, "received", "fenland").and_then(|f| f["value"].as_f64()) == Some(3.0),
        "{grouped}"
    );

    // The commissioner and partner agencies read published editions only (editions.rs).
    for who in [
        "commissioner",
        "partner",
        "volunteer",
        "referrer",
        "trainer",
    ] {
        let r = app
            .login_demo(who)
            .await?
            .gql(REPORT, input.clone())
            .await?;
        ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{who}: {r}");
    }

    // CSV for spreadsheets, behind the same session and rules.
    let url = app.url("/reports/performance.csv?from=2026-04-01&to=2026-09-30");
    let anonymous = app.client().http.get(&url).send().await?;
    ensure!(anonymous.status() == 401);
    let resp = coord.http.get(&url).send().await?;
    ensure!(resp.status() == 200, "{}", resp.status());
    ensure!(
        resp.headers()["content-type"]
            .to_str()?
            .starts_with("text/csv")
    );
    let body = resp.text().await?;
    ensure!(
        body.starts_with("Section,Measure,Group,Figure,Unit,What it counts\n"),
        "{body}"
    );
    ensure!(
        body.contains("\nreferrals,received,total,3,cases,"),
        "{body}"
    );
    ensure!(!body.contains("Anna") && !body.contains("Able"), "{body}");
    let bad = coord
        .http
        .get(app.url("/reports/performance.csv?from=2026-13-01&to=x"))
        .send()
        .await?;
    ensure!(bad.status() == 400);
    Ok(())
}

/// R-RP-11: the demo volunteer leads a case to its restorative intervention this month: one
/// conference, which is on track for five a year over a month (five twelfths of one).
async fn r_rp_11_a_volunteers_case_reaching_its_conference_counts_towards_five_a_year(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let today = Utc::now().date_naive();
    // To tomorrow: in summer, London's date is a day ahead of UTC's late in the evening.
    let tomorrow = today + chrono::Duration::days(1);
    let month = json!({ "i": { "from": (today - chrono::Duration::days(29)).to_string(), "to": tomorrow.to_string() } });
    let volunteers = |r: &Value, m: &str| value(&r["performanceReport"], m);
    let before = coord.data(REPORT, month.clone()).await?;
    ensure!(
        volunteers(&before, "volunteer_conferences") == Some(0.0),
        "{before}"
    );
    ensure!(
        volunteers(&before, "volunteers_at_five_a_year") == Some(0.0),
        "{before}"
    );
    // The helper allocates the demo volunteer as the case's lead.
    let (case, participants) = allocated_case(&app, &coord).await?;
    coord
        .data(
            MOVE,
            json!({ "i": { "caseId": case, "to": "PREPARATION" } }),
        )
        .await?;
    ready_for_intervention(&app, &coord, &case, &participants).await?;
    coord
        .data(
            MOVE,
            json!({ "i": { "caseId": case, "to": "INTERVENTION" } }),
        )
        .await?;
    let after = coord.data(REPORT, month.clone()).await?;
    ensure!(
        volunteers(&after, "active_volunteers") == Some(1.0),
        "{after}"
    );
    ensure!(
        volunteers(&after, "volunteer_conferences") == Some(1.0),
        "{after}"
    );
    ensure!(
        volunteers(&after, "volunteers_at_five_a_year") == Some(1.0),
        "{after}"
    );
    // A period before it: not counted there.
    let earlier = json!({ "i": { "from": (today - chrono::Duration::days(400)).to_string(), "to": (today - chrono::Duration::days(370)).to_string() } });
    let old = coord.data(REPORT, earlier).await?;
    ensure!(
        volunteers(&old, "volunteer_conferences") == Some(0.0),
        "{old}"
    );
    Ok(())
}
