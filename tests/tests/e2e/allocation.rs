//! Allocation: the pool, explained suggestions and offers (R-AL-1…3).

use anyhow::{Result, ensure};
use chrono::{Duration, Utc};
use rjhub_tests::{
    Client, DEMO_PASSWORD, DbKind, TestApp, error_code, error_field, eventually, on_both_databases,
    outbox_mails,
};
use serde_json::{Value, json};

use crate::cases::{ASSESS, user_id};
use crate::intake::{SELF_REFERRAL, self_referral};

const SUGGEST: &str = "query($id: ID!) { suggestFacilitators(caseId: $id) { score reasons facilitator { name openCases accredited } } }";
const OFFER: &str = "mutation($i: OfferCaseInput!) { offerCase(input: $i) { offer { id status outsideReason recipients { name response } } } }";
const ACCEPT: &str = "mutation($i: AcceptOfferInput!) { acceptOffer(input: $i) { offerId response case { id stage facilitators { name role } } } }";
const DECLINE: &str =
    "mutation($i: DeclineOfferInput!) { declineOffer(input: $i) { offerId response } }";
const PROFILE: &str = "mutation($i: UpdateMyFacilitatorProfileInput!) { updateMyFacilitatorProfile(input: $i) { profile { languages areasServed availability maxCases paused } } }";
const ACCREDIT: &str = "mutation($i: RecordAccreditationInput!) { recordAccreditation(input: $i) { accreditation { id } } }";

/// A suitable self-referred case from a Polish speaker in Fenland who needs an interpreter.
pub async fn polish_case(app: &TestApp, coord: &Client) -> Result<String> {
    let mut input = self_referral("Jo Victim");
    input["person"]["preferredLanguage"] = json!("pl");
    input["person"]["interpreterNeeded"] = json!(true);
    app.client()
        .data(SELF_REFERRAL, json!({ "i": input }))
        .await?;
    let id = coord
        .data(
            "{ cases(filter: {stages: [REFERRAL]}) { edges { node { id } } } }",
            json!({}),
        )
        .await?["cases"]["edges"][0]["node"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    coord
        .data(ASSESS, json!({ "i": { "caseId": id, "suitable": true } }))
        .await?;
    Ok(id)
}

/// A facilitator made with the CLI, accredited by the co-ordinator, signed in.
pub async fn facilitator(
    app: &TestApp,
    coord: &Client,
    email: &str,
    name: &str,
    accredited: bool,
) -> Result<(String, Client)> {
    let id = app
        .create_user(email, name, &["facilitator"], Some("volunteer"), None)
        .await?;
    if accredited {
        let awarded = (Utc::now() - Duration::days(10)).date_naive().to_string();
        coord.data(ACCREDIT, json!({ "i": { "facilitatorId": id, "level": "PRACTITIONER", "awardingBody": "rjc", "awardedOn": awarded } })).await?;
    }
    Ok((id, app.login(email, DEMO_PASSWORD).await?))
}

fn names(d: &Value) -> Vec<String> {
    d["suggestFacilitators"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|s| s["facilitator"]["name"].as_str().map(str::to_string))
        .collect()
}

on_both_databases!(
    r_al_2_only_eligible_facilitators_are_suggested_ranked_with_reasons,
    r_al_3_only_one_acceptance_wins,
    r_al_3_offers_are_anonymised_declined_with_reasons_and_lapse,
    r_al_1_facilitators_keep_their_own_profile,
    r_al_1_language_proficiency_and_community_knowledge_count_in_matching,
);

async fn r_al_2_only_eligible_facilitators_are_suggested_ranked_with_reasons(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let case = polish_case(&app, &coord).await?;
    let (_, paused) =
        facilitator(&app, &coord, "paused@example.org", "Paused Person", true).await?;
    paused
        .data(PROFILE, json!({ "i": { "paused": true } }))
        .await?;
    let (_, conflicted) = facilitator(
        &app,
        &coord,
        "conflicted@example.org",
        "Conflicted Person",
        true,
    )
    .await?;
    conflicted
        .data(
            PROFILE,
            json!({ "i": { "declaredConflicts": "Jo Victim (neighbour)\nJo Victim" } }),
        )
        .await?;
    let (_, full) = facilitator(&app, &coord, "full@example.org", "Full Person", true).await?;
    full.data(PROFILE, json!({ "i": { "maxCases": 0 } }))
        .await?;
    let (unaccredited, _) = facilitator(
        &app,
        &coord,
        "unaccredited@example.org",
        "Unaccredited Person",
        false,
    )
    .await?;
    let (_, away) = facilitator(&app, &coord, "away@example.org", "Away Person", true).await?;
    let today = Utc::now().date_naive();
    away.data(PROFILE, json!({ "i": { "away": [{ "from": today.to_string(), "to": (today + Duration::days(30)).to_string(), "note": "Holiday" }] } })).await?;
    let (_, eligible) =
        facilitator(&app, &coord, "plain@example.org", "Plain Person", true).await?;
    eligible
        .data(PROFILE, json!({ "i": { "areasServed": ["cambridge"] } }))
        .await?;

    let d = coord.data(SUGGEST, json!({ "id": case })).await?;
    let n = names(&d);
    for excluded in [
        "Paused Person",
        "Conflicted Person",
        "Full Person",
        "Unaccredited Person",
        "Away Person",
    ] {
        ensure!(
            !n.contains(&excluded.to_string()),
            "{excluded} suggested: {n:?}"
        );
    }
    ensure!(
        n.contains(&"Plain Person".to_string()) && n.contains(&"Tom Harding".to_string()),
        "{n:?}"
    );
    // Nobody disappears without a word: each one left out is listed with the reason.
    let left = coord
        .data(
            "query($id: ID!) { facilitatorsLeftOut(caseId: $id) { reason facilitator { name } } }",
            json!({ "id": case }),
        )
        .await?;
    let why = |who: &str| {
        left["facilitatorsLeftOut"]
            .as_array()
            .and_then(|a| a.iter().find(|l| l["facilitator"]["name"] == who))
            .and_then(|l| l["reason"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    for (who, reason) in [
        ("Paused Person", "paused"),
        ("Conflicted Person", "declared a conflict of interest"),
        ("Full Person", "full (0 of 0 cases)"),
        (
            "Unaccredited Person",
            "no current practitioner accreditation",
        ),
        ("Away Person", "away for the next two weeks"),
    ] {
        ensure!(why(who).starts_with(reason), "{who}: {left}");
    }
    ensure!(
        why("Plain Person").is_empty(),
        "suggested and left out: {left}"
    );
    // A suggested facilitator who does not speak the case's language is told so.
    let plain = d["suggestFacilitators"]
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|s| s["facilitator"]["name"] == "Plain Person")
        })
        .cloned()
        .unwrap_or_default();
    ensure!(
        plain["reasons"]
            .to_string()
            .contains("does not speak Polish")
            || plain["reasons"]
                .to_string()
                .contains("would need an interpreter for Polish"),
        "{plain}"
    );
    let r = app
        .login_demo("volunteer")
        .await?
        .gql(
            "query($id: ID!) { facilitatorsLeftOut(caseId: $id) { reason } }",
            json!({ "id": case }),
        )
        .await?;
    ensure!(
        matches!(error_code(&r).as_deref(), Some("FORBIDDEN" | "NOT_FOUND")),
        "{r}"
    );
    // The Polish-speaking volunteer who serves Fenland comes first, and says why.
    let top = &d["suggestFacilitators"][0];
    ensure!(top["facilitator"]["name"] == "Agnieszka Nowak", "{d}");
    let reasons: Vec<&str> = top["reasons"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    for r in ["speaks Polish", "serves Fenland", "0 open cases of 3"] {
        ensure!(reasons.contains(&r), "{r} missing from {reasons:?}");
    }
    ensure!(
        reasons.iter().any(|r| r.contains("conferences this year")),
        "{reasons:?}"
    );
    let scores: Vec<i64> = d["suggestFacilitators"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["score"].as_i64()).collect())
        .unwrap_or_default();
    ensure!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "not ranked: {scores:?}"
    );

    // Offering outside the suggestions needs a reason, which is recorded; the unaccredited never.
    let expires = (Utc::now() + Duration::days(2)).to_rfc3339();
    let paused_id = user_id_of(&app, "paused@example.org").await?;
    let r = coord.gql(OFFER, json!({ "i": { "caseId": case, "facilitatorIds": [paused_id], "role": "LEAD", "expiresAt": expires } })).await?;
    ensure!(error_field(&r).as_deref() == Some("outsideReason"), "{r}");
    let r = coord.gql(OFFER, json!({ "i": { "caseId": case, "facilitatorIds": [unaccredited], "role": "LEAD", "expiresAt": expires, "outsideReason": "x" } })).await?;
    ensure!(error_field(&r).as_deref() == Some("facilitatorIds"), "{r}");
    let d = coord.data(OFFER, json!({ "i": { "caseId": case, "facilitatorIds": [paused_id], "role": "LEAD", "expiresAt": expires, "outsideReason": "Knows the family's faith community" } })).await?;
    ensure!(
        d["offerCase"]["offer"]["outsideReason"] == "Knows the family's faith community",
        "{d}"
    );
    for who in ["volunteer", "supervisor", "referrer"] {
        let r = app
            .login_demo(who)
            .await?
            .gql(SUGGEST, json!({ "id": case }))
            .await?;
        ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{who}: {r}");
    }
    Ok(())
}

async fn user_id_of(app: &TestApp, email: &str) -> Result<String> {
    let c = app.login(email, DEMO_PASSWORD).await?;
    Ok(c.data("{ me { id } }", json!({})).await?["me"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string())
}

async fn r_al_3_only_one_acceptance_wins(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let case = polish_case(&app, &coord).await?;
    let mut ids = Vec::new();
    let mut clients = Vec::new();
    for i in 0..50 {
        let (id, c) = facilitator(
            &app,
            &coord,
            &format!("f{i:02}@example.org"),
            &format!("Facilitator {i:02}"),
            true,
        )
        .await?;
        ids.push(id);
        clients.push(c);
    }
    let expires = (Utc::now() + Duration::days(1)).to_rfc3339();
    let offer = coord.data(OFFER, json!({ "i": { "caseId": case, "facilitatorIds": ids, "role": "LEAD", "expiresAt": expires, "outsideReason": "Load test" } })).await?;
    let offer_id = offer["offerCase"]["offer"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(clients.len()));
    let mut tasks = Vec::new();
    for (i, c) in clients.into_iter().enumerate() {
        let (offer_id, barrier) = (offer_id.clone(), barrier.clone());
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            let key = format!("accept-{i:02}-{offer_id}");
            let r = c
                .gql(
                    ACCEPT,
                    json!({ "i": { "offerId": offer_id, "idempotencyKey": key } }),
                )
                .await;
            (c, key, r)
        }));
    }
    let mut winners = Vec::new();
    let mut losers = Vec::new();
    for t in tasks {
        let (c, key, r) = t.await?;
        let r = r?;
        match error_code(&r).as_deref() {
            None => winners.push((c, key, r)),
            Some("CONFLICT") => losers.push((c, key, r)),
            other => anyhow::bail!("unexpected answer {other:?}: {r}"),
        }
    }
    ensure!(
        winners.len() == 1 && losers.len() == 49,
        "{} won, {} lost",
        winners.len(),
        losers.len()
    );
    let (winner, key, first) = winners.remove(0);
    ensure!(
        first["data"]["acceptOffer"]["case"]["stage"] == "ALLOCATED",
        "{first}"
    );
    ensure!(
        losers[0].2["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("accepted this case first"),
        "{}",
        losers[0].2
    );
    // A replay (the phone was offline and sends again) returns the first answer.
    let replay = winner
        .gql(
            ACCEPT,
            json!({ "i": { "offerId": offer_id, "idempotencyKey": key } }),
        )
        .await?;
    ensure!(
        replay["data"]["acceptOffer"]["response"] == "ACCEPTED"
            && replay["data"]["acceptOffer"]["offerId"] == first["data"]["acceptOffer"]["offerId"],
        "{replay}"
    );
    let (loser, lkey, _) = losers.remove(0);
    let r = loser
        .gql(
            ACCEPT,
            json!({ "i": { "offerId": offer_id, "idempotencyKey": lkey } }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("CONFLICT"), "{r}");
    let c = coord
        .data(
            "query($id: ID!) { case(id: $id) { facilitators { name role } } }",
            json!({ "id": case }),
        )
        .await?;
    ensure!(
        c["case"]["facilitators"].as_array().map(Vec::len) == Some(1),
        "{c}"
    );
    let offers = coord
        .data(
            "query($id: ID!) { caseOffers(caseId: $id) { status recipients { response } } }",
            json!({ "id": case }),
        )
        .await?;
    let responses: Vec<&str> = offers["caseOffers"][0]["recipients"]
        .as_array()
        .map(|r| r.iter().filter_map(|x| x["response"].as_str()).collect())
        .unwrap_or_default();
    ensure!(
        offers["caseOffers"][0]["status"] == "ACCEPTED"
            && responses.iter().filter(|r| **r == "ACCEPTED").count() == 1
            && responses.iter().filter(|r| **r == "TAKEN").count() == 49,
        "{offers}"
    );
    Ok(())
}

async fn r_al_3_offers_are_anonymised_declined_with_reasons_and_lapse(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let now = Utc::now();
    app.set_now(now)?;
    let coord = app.login_demo("coordinator").await?;
    let case = polish_case(&app, &coord).await?;
    let volunteer_id = user_id(&app, "volunteer").await?;
    coord.data(OFFER, json!({ "i": { "caseId": case, "facilitatorIds": [volunteer_id], "role": "LEAD", "expiresAt": (now + Duration::days(2)).to_rfc3339(), "commitment": "About 6 meetings over 8 weeks" } })).await?;
    let volunteer = app.login_demo("volunteer").await?;
    let mine = volunteer.data("{ myOffers { id role commitment summary { area offenceCategory languages interventionModel offenderInitiated } } }", json!({})).await?;
    let o = &mine["myOffers"][0];
    ensure!(
        o["summary"]["area"] == "Fenland"
            && o["summary"]["offenceCategory"] == "Burglary"
            && o["summary"]["languages"] == json!(["Polish (interpreter needed)"]),
        "{mine}"
    );
    let text = mine.to_string();
    for secret in [
        "Jo Victim",
        "jo.victim@example.org",
        "07700",
        "shed",
        "CF0123456789",
    ] {
        ensure!(!text.contains(secret), "myOffers shows {secret}: {text}");
    }
    let mail = eventually("the offer e-mail", || {
        outbox_mails(&app.data_dir())
            .into_iter()
            .find(|m| m.contains("To: volunteer@demo.rjhub.test") && m.contains("offered"))
    })
    .await?;
    ensure!(
        !mail.contains("Jo Victim") && !mail.contains("Burglary"),
        "{mail}"
    );
    // Declining needs a reason, which only the co-ordinator sees.
    let offer_id = o["id"].clone();
    let r = volunteer.gql(DECLINE, json!({ "i": { "offerId": offer_id, "reason": " ", "idempotencyKey": "decline-0001" } })).await?;
    ensure!(error_field(&r).as_deref() == Some("reason"), "{r}");
    volunteer.data(DECLINE, json!({ "i": { "offerId": offer_id, "reason": "I know the area too well", "idempotencyKey": "decline-0002" } })).await?;
    let offers = coord.data("query($id: ID!) { caseOffers(caseId: $id) { status recipients { name response declineReason } } }", json!({ "id": case })).await?;
    ensure!(
        offers["caseOffers"][0]["status"] == "DECLINED"
            && offers["caseOffers"][0]["recipients"][0]["declineReason"]
                == "I know the area too well",
        "{offers}"
    );
    eventually("the co-ordinator is told", || {
        outbox_mails(&app.data_dir())
            .into_iter()
            .find(|m| m.contains("To: coordinator@demo.rjhub.test") && m.contains("declined"))
    })
    .await?;
    ensure!(volunteer.data("{ myOffers { id } }", json!({})).await?["myOffers"] == json!([]));

    // An unanswered offer lapses at its expiry and the co-ordinator is told.
    let special = user_id(&app, "special").await?;
    coord.data(OFFER, json!({ "i": { "caseId": case, "facilitatorIds": [special], "role": "LEAD", "expiresAt": (now + Duration::minutes(30)).to_rfc3339() } })).await?;
    let special_client = app.login_demo("special").await?;
    let pending = special_client
        .data("{ myOffers { id } }", json!({}))
        .await?["myOffers"][0]["id"]
        .clone();
    app.set_now(now + Duration::minutes(31))?;
    eventually("the lapse notice", || {
        outbox_mails(&app.data_dir())
            .into_iter()
            .find(|m| m.contains("lapsed"))
    })
    .await?;
    let coord = app.login_demo("coordinator").await?;
    let offers = coord
        .data(
            "query($id: ID!) { caseOffers(caseId: $id) { status } }",
            json!({ "id": case }),
        )
        .await?;
    ensure!(offers["caseOffers"][0]["status"] == "EXPIRED", "{offers}");
    let special_client = app.login_demo("special").await?;
    let r = special_client
        .gql(
            ACCEPT,
            json!({ "i": { "offerId": pending, "idempotencyKey": "late-accept-01" } }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("CONFLICT"), "{r}");
    // Someone else's offer is not theirs to answer.
    let r = app
        .login_demo("partner")
        .await?
        .gql(
            ACCEPT,
            json!({ "i": { "offerId": pending, "idempotencyKey": "not-mine-0001" } }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("NOT_FOUND"), "{r}");
    Ok(())
}

async fn r_al_1_facilitators_keep_their_own_profile(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let volunteer = app.login_demo("volunteer").await?;
    let d = volunteer.data(PROFILE, json!({ "i": { "availability": ["tue_eve", "sat_am"], "maxCases": 2, "areasServed": ["fenland", "peterborough"] } })).await?;
    let p = &d["updateMyFacilitatorProfile"]["profile"];
    ensure!(
        p["availability"] == json!(["tue_eve", "sat_am"])
            && p["maxCases"] == 2
            && p["languages"] == json!(["en", "pl"]),
        "{d}"
    );
    for (input, field) in [
        (json!({ "availability": ["someday"] }), "availability"),
        (json!({ "languages": ["elvish"] }), "languages"),
        (json!({ "maxCases": 99 }), "maxCases"),
        (json!({ "areasServed": ["atlantis"] }), "areasServed"),
    ] {
        let r = volunteer.gql(PROFILE, json!({ "i": input })).await?;
        ensure!(error_field(&r).as_deref() == Some(field), "{field}: {r}");
    }
    let r = app
        .login_demo("trainer")
        .await?
        .gql(PROFILE, json!({ "i": { "paused": true } }))
        .await?;
    ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{r}");
    let pool = app
        .login_demo("coordinator")
        .await?
        .data(
            "{ facilitators { name accredited openCases profile { maxCases } } }",
            json!({}),
        )
        .await?;
    ensure!(
        pool["facilitators"].as_array().map(Vec::len) == Some(3),
        "{pool}"
    );
    Ok(())
}

async fn r_al_1_language_proficiency_and_community_knowledge_count_in_matching(
    db: DbKind,
) -> Result<()> {
    const SKILLS: &str = "mutation($i: UpdateMyFacilitatorProfileInput!) { updateMyFacilitatorProfile(input: $i) { profile { languages languageSkills { language proficiency } communityKnowledge } } }";
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let case = polish_case(&app, &coord).await?;
    for (email, name, level, community) in [
        ("fluent@example.org", "Fluent Speaker", "FLUENT", None),
        ("working@example.org", "Working Speaker", "WORKING", None),
        (
            "basic@example.org",
            "Basic Speaker",
            "BASIC",
            Some("Polish Saturday school in Wisbech"),
        ),
    ] {
        let (_, f) = facilitator(&app, &coord, email, name, true).await?;
        let d = f
            .data(
                SKILLS,
                json!({ "i": { "languageSkills": [{ "language": "pl", "proficiency": level }, { "language": "en", "proficiency": "NATIVE" }], "communityKnowledge": community } }),
            )
            .await?;
        let p = &d["updateMyFacilitatorProfile"]["profile"];
        ensure!(
            p["languages"] == json!(["en", "pl"])
                && p["languageSkills"]
                    == json!([{ "language": "en", "proficiency": "NATIVE" }, { "language": "pl", "proficiency": level }])
                && p["communityKnowledge"] == json!(community),
            "{d}"
        );
        // Plain codes (older clients) keep the level on file for a language already listed.
        if level == "WORKING" {
            let d = f
                .data(SKILLS, json!({ "i": { "languages": ["pl", "ro"] } }))
                .await?;
            ensure!(
                d["updateMyFacilitatorProfile"]["profile"]["languageSkills"]
                    == json!([{ "language": "pl", "proficiency": "WORKING" }, { "language": "ro", "proficiency": "FLUENT" }]),
                "{d}"
            );
        }
    }
    let r = app
        .login("fluent@example.org", DEMO_PASSWORD)
        .await?
        .gql(
            SKILLS,
            json!({ "i": { "languageSkills": [{ "language": "elvish", "proficiency": "FLUENT" }] } }),
        )
        .await?;
    ensure!(error_field(&r).as_deref() == Some("languageSkills"), "{r}");

    let d = coord.data(SUGGEST, json!({ "id": case })).await?;
    let n = names(&d);
    let pos = |who: &str| n.iter().position(|x| x == who);
    ensure!(
        pos("Fluent Speaker") < pos("Working Speaker")
            && pos("Working Speaker") < pos("Basic Speaker")
            && pos("Basic Speaker").is_some(),
        "{n:?}"
    );
    let reasons_of = |who: &str| -> Vec<String> {
        d["suggestFacilitators"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|s| s["facilitator"]["name"] == who)
            .and_then(|s| s["reasons"].as_array())
            .map(|r| {
                r.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    ensure!(
        reasons_of("Fluent Speaker").contains(&"speaks Polish".to_string()),
        "{d}"
    );
    ensure!(
        reasons_of("Working Speaker").contains(&"speaks Polish (working level)".to_string()),
        "{d}"
    );
    let basic = reasons_of("Basic Speaker");
    for r in [
        "basic Polish only: an interpreter may still be needed",
        "community knowledge relevant to Polish: Polish Saturday school in Wisbech",
    ] {
        ensure!(basic.contains(&r.to_string()), "{r} missing from {basic:?}");
    }
    Ok(())
}
