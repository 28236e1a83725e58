//! Intake: the public self-referral, enquiries and referrals (R-IN-1…8, R-SQ-1).

use anyhow::{Result, ensure};
use rjhub_tests::{
    DbKind, TestApp, error_code, error_field, error_message, eventually, on_both_databases,
    outbox_mails,
};
use serde_json::{Value, json};

pub const SELF_REFERRAL: &str = "mutation($i: SelfReferralFormInput!) { submitSelfReferral(input: $i) { reference nextSteps } }";
pub const CREATE_REFERRAL: &str = "mutation($i: CreateReferralInput!) { createReferral(input: $i) { referral { id reference stage stageLabel referralSource offenderInitiated } } }";
const INBOX: &str = "query($f: CaseFilterInput) { cases(filter: $f, first: 50) { edges { node { id reference stage referralSource awaitingOffender ageDays
    participants { role relationship person { fullName email phone contactChannels safeTimes mayLeaveMessage preferredLanguage interpreterNeeded } }
    consents { purpose given method } stageHistory { from to } } } } }";

pub fn self_referral(name: &str) -> Value {
    json!({
        "role": "VICTIM",
        "person": {
            "fullName": name,
            "email": "jo.victim@example.org",
            "phone": "07700 900982",
            "contactChannels": ["EMAIL", "PHONE"],
            "safeTimes": "Weekdays after 6pm",
            "mayLeaveMessage": false,
            "preferredLanguage": "pl",
            "interpreterNeeded": true
        },
        "offence": { "offenceCategory": "burglary", "reportedToPolice": true, "crimeReference": "CF0123456789", "proceedingsStage": "awaiting_court", "area": "fenland", "summary": "My shed was broken into." },
        "offenderKnown": true,
        "consentToContact": true,
        // Filled in in English: messages to them are in English, though they speak Polish.
        "locale": "en"
    })
}

on_both_databases!(
    r_in_3_self_referral_works_without_an_account_and_echoes_nothing,
    r_in_3_self_referral_is_validated_and_nothing_is_kept_from_a_refused_form,
    r_in_3_the_honeypot_stops_robots_and_a_busy_connection_is_marked_not_refused,
    r_in_3_the_person_is_acknowledged_by_the_channel_they_chose_in_words_safe_to_read,
    r_in_3_only_a_flood_is_refused_and_the_refusal_says_how_to_reach_the_hub,
    r_in_1_an_enquiry_is_recorded_and_becomes_a_referral,
    r_in_2_a_referrer_files_a_referral_and_follows_only_its_status,
    r_in_7_a_victim_can_wait_for_an_offender_to_be_identified,
    r_in_5_bereaved_family_are_victims_with_their_relationship,
    r_in_1_the_inbox_merges_stages_in_order_and_pages_without_gaps,
);

async fn inbox(app: &TestApp, filter: Value) -> Result<Vec<Value>> {
    let c = app.login_demo("coordinator").await?;
    let d = c.data(INBOX, json!({ "f": filter })).await?;
    Ok(d["cases"]["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|e| e["node"].clone())
        .collect())
}

async fn r_in_3_self_referral_works_without_an_account_and_echoes_nothing(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    let public = app.client();
    let d = public
        .data(SELF_REFERRAL, json!({ "i": self_referral("Jo Victim") }))
        .await?;
    let reference = d["submitSelfReferral"]["reference"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    ensure!(
        regex::Regex::new(r"^RJ\d\d-[0-9A-Z]{5}$")?.is_match(&reference),
        "{reference}"
    );
    let text = d.to_string();
    ensure!(
        !text.contains("Jo Victim") && !text.contains("jo.victim") && !text.contains("07700"),
        "echoed: {text}"
    );
    ensure!(text.contains("5 working days"), "{text}");

    let cases = inbox(&app, json!({ "stages": ["REFERRAL"], "oldestFirst": true })).await?;
    ensure!(cases.len() == 1, "{cases:?}");
    let c = &cases[0];
    ensure!(
        c["reference"] == reference.as_str()
            && c["referralSource"] == "self_referral"
            && c["ageDays"] == 0,
        "{c}"
    );
    let p = &c["participants"][0];
    ensure!(
        p["role"] == "VICTIM" && p["person"]["fullName"] == "Jo Victim",
        "{p}"
    );
    ensure!(
        p["person"]["contactChannels"] == json!(["PHONE", "EMAIL"]),
        "{p}"
    );
    ensure!(
        p["person"]["mayLeaveMessage"] == false && p["person"]["safeTimes"] == "Weekdays after 6pm",
        "{p}"
    );
    ensure!(
        p["person"]["preferredLanguage"] == "pl" && p["person"]["interpreterNeeded"] == true,
        "{p}"
    );
    ensure!(
        c["consents"]
            == json!([{ "purpose": "CONTACT_BY_HUB", "given": true, "method": "ONLINE_FORM" }]),
        "{c}"
    );
    ensure!(
        c["stageHistory"] == json!([{ "from": null, "to": "REFERRAL" }]),
        "{c}"
    );

    // The co-ordinator is told a referral arrived: by reference, never by name.
    let mail = eventually("the co-ordinator's e-mail", || {
        outbox_mails(&app.data_dir())
            .into_iter()
            .find(|m| m.contains(&reference) && m.contains("To: coordinator@demo.rjhub.test"))
    })
    .await?;
    ensure!(
        !mail.contains("Jo Victim") && !mail.contains("burglary"),
        "{mail}"
    );
    Ok(())
}

async fn r_in_3_self_referral_is_validated_and_nothing_is_kept_from_a_refused_form(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    let public = app.client();
    type Change = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(Change, &str)> = vec![
        (
            Box::new(|v| v["consentToContact"] = json!(false)),
            "consentToContact",
        ),
        (
            Box::new(|v| v["person"]["contactChannels"] = json!([])),
            "contactChannels",
        ),
        (Box::new(|v| v["person"]["email"] = Value::Null), "email"),
        (
            Box::new(|v| v["person"]["email"] = json!("not-an-address")),
            "email",
        ),
        (
            Box::new(|v| v["person"]["phone"] = json!("call me")),
            "phone",
        ),
        (
            Box::new(|v| v["person"]["fullName"] = json!("   ")),
            "fullName",
        ),
        (Box::new(|v| v["role"] = json!("OFFENDER")), "role"),
        (
            Box::new(|v| v["role"] = json!("BEREAVED_FAMILY")),
            "relationship",
        ),
        (
            Box::new(|v| v["offence"]["area"] = json!("outside_county")),
            "areaDetail",
        ),
        (
            Box::new(|v| v["offence"]["offenceCategory"] = json!("jaywalking")),
            "offenceCategory",
        ),
        (
            Box::new(|v| v["person"]["preferredLanguage"] = json!("klingon")),
            "preferredLanguage",
        ),
        (
            Box::new(|v| v["offence"]["summary"] = json!("x".repeat(4001))),
            "summary",
        ),
    ];
    // Refused forms do not count toward the per-address limit, so all of these can be tried.
    for (change, field) in &cases {
        let mut input = self_referral("Refused Person");
        change(&mut input);
        let r = public.gql(SELF_REFERRAL, json!({ "i": input })).await?;
        ensure!(
            error_code(&r).as_deref() == Some("VALIDATION"),
            "{field}: {r}"
        );
        ensure!(error_field(&r).as_deref() == Some(*field), "{field}: {r}");
    }
    ensure!(inbox(&app, json!({})).await?.is_empty());
    Ok(())
}

async fn r_in_3_the_honeypot_stops_robots_and_a_busy_connection_is_marked_not_refused(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    let public = app.client();
    let mut bot = self_referral("Spam Bot");
    bot["website"] = json!("http://spam.example");
    let r = public.data(SELF_REFERRAL, json!({ "i": bot })).await?;
    ensure!(
        r["submitSelfReferral"]["reference"]
            .as_str()
            .is_some_and(|s| s.starts_with("RJ")),
        "{r}"
    );
    ensure!(
        inbox(&app, json!({})).await?.is_empty(),
        "the honeypot stored a case"
    );
    // A refuge's shared connection: the robot used one place in the hour, four people the
    // rest; the sixth and seventh are still taken, marked for the co-ordinator to check.
    for i in 0..6 {
        let d = public
            .data(
                SELF_REFERRAL_ACK,
                json!({ "i": self_referral(&format!("Person {i}")) }),
            )
            .await?;
        let acknowledged = d["submitSelfReferral"]["acknowledgementSent"] == true;
        ensure!(acknowledged == (i < 4), "form {i}: {d}");
    }
    let cases = inbox(&app, json!({})).await?;
    ensure!(cases.len() == 6, "{cases:?}");
    let c = app.login_demo("coordinator").await?;
    let d = c
        .data(
            "{ cases(first: 50) { edges { node { intakeCheck participants { person { fullName } } } } } }",
            json!({}),
        )
        .await?;
    let mut marked: Vec<String> = d["cases"]["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter(|e| e["node"]["intakeCheck"].is_string())
        .map(|e| e["node"]["participants"][0]["person"]["fullName"].to_string())
        .collect();
    marked.sort();
    ensure!(marked == ["\"Person 4\"", "\"Person 5\""], "{d}");
    // The acknowledgements went only to the first four: the form cannot be used to mail
    // strangers over and over.
    let acks = outbox_mails(&app.data_dir())
        .into_iter()
        .filter(|m| m.contains("We have received your form"))
        .count();
    ensure!(acks == 4, "{acks} acknowledgements");
    Ok(())
}

const SELF_REFERRAL_ACK: &str = "mutation($i: SelfReferralFormInput!) { submitSelfReferral(input: $i) { reference nextSteps acknowledgementSent } }";

async fn r_in_3_the_person_is_acknowledged_by_the_channel_they_chose_in_words_safe_to_read(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::builder(db)
        .env("RJHUB_CONTACT_PHONE", "01632 960 123")
        .env("RJHUB_CONTACT_EMAIL", "help@hub.example")
        .env("RJHUB_CONTACT_HOURS", "Weekdays 9 to 5")
        .start()
        .await?;
    let public = app.client();
    let contact = public
        .data("{ serviceContact { phone email openingHours } }", json!({}))
        .await?;
    ensure!(
        contact["serviceContact"]
            == json!({ "phone": "01632 960 123", "email": "help@hub.example", "openingHours": "Weekdays 9 to 5" }),
        "{contact}"
    );
    let mut by_email = self_referral("Ada Quiet");
    by_email["person"]["email"] = json!("ada.quiet@example.org");
    let d = public
        .data(SELF_REFERRAL_ACK, json!({ "i": by_email }))
        .await?;
    let reference = d["submitSelfReferral"]["reference"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    ensure!(
        d["submitSelfReferral"]["acknowledgementSent"] == true
            && d["submitSelfReferral"]["nextSteps"]
                .as_str()
                .is_some_and(|s| s.contains("01632 960 123") && s.contains("help@hub.example")),
        "{d}"
    );
    // Phone only: no e-mail is sent even though an address was given.
    let mut by_phone = self_referral("Bea Phone");
    by_phone["person"]["email"] = json!("bea.phone@example.org");
    by_phone["person"]["contactChannels"] = json!(["PHONE"]);
    let d = public
        .data(SELF_REFERRAL_ACK, json!({ "i": by_phone }))
        .await?;
    ensure!(
        d["submitSelfReferral"]["acknowledgementSent"] == false,
        "{d}"
    );
    let mails = eventually("the acknowledgement is written", || {
        let m: Vec<String> = outbox_mails(&app.data_dir())
            .into_iter()
            .filter(|m| m.contains("We have received your form"))
            .collect();
        (!m.is_empty()).then_some(m)
    })
    .await?;
    ensure!(mails.len() == 1, "{mails:?}");
    let raw = &mails[0];
    ensure!(raw.contains("To: ada.quiet@example.org"), "{raw}");
    let mail = &format!(
        "{}\n{}",
        raw.lines()
            .find(|l| l.starts_with("Subject:"))
            .unwrap_or_default(),
        crate::mail::body_text(raw)
    );
    ensure!(mail.contains(&reference), "{mail}");
    ensure!(
        mail.contains("01632 960 123") && mail.contains("help@hub.example"),
        "{mail}"
    );
    // Someone else may read the inbox: no name, no crime, no offence, not what the service is.
    let lower = mail.to_lowercase();
    for word in [
        "ada quiet",
        "burglary",
        "shed",
        "crime",
        "offence",
        "offender",
        "restorative",
        "victim",
    ] {
        ensure!(
            !lower.contains(word),
            "the acknowledgement says {word:?}: {mail}"
        );
    }
    Ok(())
}

async fn r_in_3_only_a_flood_is_refused_and_the_refusal_says_how_to_reach_the_hub(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::builder(db)
        .env("RJHUB_SELF_REFERRALS_PER_HOUR", "3")
        .env("RJHUB_CONTACT_PHONE", "01632 960 456")
        .start()
        .await?;
    // Three different people on three connections fill the service's hour.
    for i in 0..3 {
        app.client()
            .data(
                SELF_REFERRAL,
                json!({ "i": self_referral(&format!("Person {i}")) }),
            )
            .await?;
    }
    let r = app
        .client()
        .gql(SELF_REFERRAL, json!({ "i": self_referral("One Too Many") }))
        .await?;
    ensure!(
        error_code(&r).as_deref() == Some("TOO_MANY_REQUESTS"),
        "{r}"
    );
    ensure!(
        error_message(&r).contains("01632 960 456"),
        "the refusal gives no way to reach the Hub: {r}"
    );
    ensure!(inbox(&app, json!({})).await?.len() == 3);
    // An hour on, forms are taken again.
    app.set_now(chrono::Utc::now() + chrono::Duration::minutes(61))?;
    app.client()
        .data(SELF_REFERRAL, json!({ "i": self_referral("Next Hour") }))
        .await?;
    Ok(())
}

async fn r_in_1_an_enquiry_is_recorded_and_becomes_a_referral(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let c = app.login_demo("coordinator").await?;
    let d = c
        .data(
            "mutation($i: CreateEnquiryInput!) { createEnquiry(input: $i) { case { id stage } } }",
            json!({ "i": { "person": { "fullName": "Sam Asker", "phone": "01632 960001", "contactChannels": ["PHONE"] },
                           "role": "OTHER_AFFECTED", "referralSource": "victims_hub", "notes": "Asked what RJ involves." } }),
        )
        .await?;
    ensure!(d["createEnquiry"]["case"]["stage"] == "ENQUIRY", "{d}");
    let id = d["createEnquiry"]["case"]["id"].clone();
    let d = c
        .data("mutation($i: CaseIdInput!) { convertEnquiry(input: $i) { case { stage stageHistory { from to } } } }", json!({ "i": { "caseId": id } }))
        .await?;
    ensure!(d["convertEnquiry"]["case"]["stage"] == "REFERRAL", "{d}");
    ensure!(
        d["convertEnquiry"]["case"]["stageHistory"]
            == json!([{"from": null, "to": "ENQUIRY"}, {"from": "ENQUIRY", "to": "REFERRAL"}]),
        "{d}"
    );
    let again = c
        .gql(
            "mutation($i: CaseIdInput!) { convertEnquiry(input: $i) { case { stage } } }",
            json!({ "i": { "caseId": id } }),
        )
        .await?;
    ensure!(
        error_code(&again).as_deref() == Some("VALIDATION"),
        "{again}"
    );
    Ok(())
}

async fn r_in_2_a_referrer_files_a_referral_and_follows_only_its_status(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let police = app.login_demo("referrer").await?;
    let d = police
        .data(CREATE_REFERRAL, json!({ "i": {
            "referralSource": "police", "consentConfirmed": true,
            "victim": { "fullName": "Vic Tim", "phone": "07700 900123", "contactChannels": ["PHONE"] },
            "offence": { "offenceCategory": "criminal_damage_arson", "area": "peterborough", "reportedToPolice": true }
        } }))
        .await?;
    let referral = &d["createReferral"]["referral"];
    ensure!(
        referral["stage"] == "REFERRAL" && referral["referralSource"] == "police",
        "{d}"
    );
    ensure!(!d.to_string().contains("Vic Tim"), "{d}");
    let id = referral["id"].clone();

    let mine = police
        .data(
            "{ myReferrals { edges { node { reference stage stageLabel } } } }",
            json!({}),
        )
        .await?;
    ensure!(
        mine["myReferrals"]["edges"].as_array().map(Vec::len) == Some(1),
        "{mine}"
    );
    ensure!(
        mine["myReferrals"]["edges"][0]["node"]["stageLabel"] == "Referral received",
        "{mine}"
    );
    // Status only: the case itself is not theirs to read.
    let r = police
        .gql(
            "query($id: ID!) { case(id: $id) { reference } }",
            json!({ "id": id }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("NOT_FOUND"), "{r}");

    // The source and the referrer's agency are recorded.
    let coord = app.login_demo("coordinator").await?;
    let c = coord.data("query($id: ID!) { case(id: $id) { referralSource referringAgency participants { person { fullName } } } }", json!({ "id": id })).await?;
    ensure!(
        c["case"]["referringAgency"] == "Cambridgeshire Constabulary",
        "{c}"
    );
    ensure!(
        c["case"]["participants"][0]["person"]["fullName"] == "Vic Tim",
        "{c}"
    );

    // Another referrer does not see it.
    app.create_user(
        "other.officer@example.org",
        "Other Officer",
        &["referrer"],
        None,
        Some("Hertfordshire Constabulary"),
    )
    .await?;
    let other = app
        .login("other.officer@example.org", rjhub_tests::DEMO_PASSWORD)
        .await?;
    let theirs = other
        .data(
            "{ myReferrals { edges { node { reference } } } }",
            json!({}),
        )
        .await?;
    ensure!(theirs["myReferrals"]["edges"] == json!([]), "{theirs}");
    // Missing consent confirmation, or an unknown source, are refused.
    let r = police.gql(CREATE_REFERRAL, json!({ "i": { "referralSource": "police", "consentConfirmed": false, "victim": { "fullName": "A" } } })).await?;
    ensure!(
        error_field(&r).as_deref() == Some("consentConfirmed"),
        "{r}"
    );
    let r = police.gql(CREATE_REFERRAL, json!({ "i": { "referralSource": "ouija", "consentConfirmed": true, "victim": { "fullName": "A" } } })).await?;
    ensure!(error_field(&r).as_deref() == Some("referralSource"), "{r}");
    // A commissioner cannot file referrals.
    let comm = app.login_demo("commissioner").await?;
    let r = comm.gql(CREATE_REFERRAL, json!({ "i": { "referralSource": "police", "consentConfirmed": true, "victim": { "fullName": "A" } } })).await?;
    ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{r}");
    Ok(())
}

async fn r_in_7_a_victim_can_wait_for_an_offender_to_be_identified(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let mut input = self_referral("Waiting Victim");
    input["offenderKnown"] = json!(false);
    input["contactIfOffenderIdentified"] = json!(true);
    app.client()
        .data(SELF_REFERRAL, json!({ "i": input }))
        .await?;
    let parked = inbox(&app, json!({ "awaitingOffender": true })).await?;
    ensure!(
        parked.len() == 1 && parked[0]["awaitingOffender"] == true,
        "{parked:?}"
    );
    let coord = app.login_demo("coordinator").await?;
    let d = coord
        .data("mutation($i: CaseIdInput!) { markOffenderIdentified(input: $i) { case { awaitingOffender offenderIdentified } } }", json!({ "i": { "caseId": parked[0]["id"] } }))
        .await?;
    ensure!(
        d["markOffenderIdentified"]["case"]
            == json!({"awaitingOffender": false, "offenderIdentified": true}),
        "{d}"
    );
    ensure!(
        inbox(&app, json!({ "awaitingOffender": true }))
            .await?
            .is_empty()
    );
    Ok(())
}

async fn r_in_5_bereaved_family_are_victims_with_their_relationship(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let mut input = self_referral("Bereaved Mother");
    input["role"] = json!("BEREAVED_FAMILY");
    input["relationship"] = json!("Mother");
    input["offence"]["offenceCategory"] = json!("road_death_injury");
    input["offence"]["area"] = json!("outside_county");
    input["offence"]["areaDetail"] = json!("Bedfordshire");
    input["offence"]["originatingArea"] = json!("Moved from Luton");
    app.client()
        .data(SELF_REFERRAL, json!({ "i": input }))
        .await?;
    let cases = inbox(&app, json!({})).await?;
    ensure!(
        cases[0]["participants"][0]["role"] == "BEREAVED_FAMILY"
            && cases[0]["participants"][0]["relationship"] == "Mother",
        "{cases:?}"
    );
    Ok(())
}

on_both_databases!(r_in_1_the_same_person_can_take_part_in_several_cases);

async fn r_in_1_the_same_person_can_take_part_in_several_cases(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    app.client()
        .data(SELF_REFERRAL, json!({ "i": self_referral("Jo Victim") }))
        .await?;
    let coord = app.login_demo("coordinator").await?;
    let d = coord
        .data(
            "mutation($i: CreateEnquiryInput!) { createEnquiry(input: $i) { case { id reference } } }",
            json!({ "i": { "person": { "fullName": "Sam Other", "phone": "01632 960001", "contactChannels": ["PHONE"] }, "role": "OTHER_AFFECTED", "referralSource": "victims_hub" } }),
        )
        .await?;
    let second = d["createEnquiry"]["case"]["id"].clone();
    let search = "query($s: String!) { people(search: $s) { person { id fullName } cases { reference role } } }";
    let found = coord.data(search, json!({ "s": "jo vic" })).await?;
    let matches = found["people"].as_array().cloned().unwrap_or_default();
    ensure!(
        matches.len() == 1 && matches[0]["cases"].as_array().map(Vec::len) == Some(1),
        "{found}"
    );
    let person = matches[0]["person"]["id"].clone();
    coord
        .data(
            "mutation($i: AddParticipantInput!) { addParticipant(input: $i) { participant { person { fullName } } } }",
            json!({ "i": { "caseId": second, "personId": person, "role": "VICTIM" } }),
        )
        .await?;
    let found = coord.data(search, json!({ "s": "JO VICTIM" })).await?;
    ensure!(
        found["people"][0]["cases"].as_array().map(Vec::len) == Some(2),
        "{found}"
    );
    let r = coord.gql(search, json!({ "s": "j" })).await?;
    ensure!(error_field(&r).as_deref() == Some("search"), "{r}");
    for who in ["volunteer", "supervisor", "referrer"] {
        let r = app
            .login_demo(who)
            .await?
            .gql(search, json!({ "s": "jo" }))
            .await?;
        ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{who}: {r}");
    }
    Ok(())
}

/// The inbox asks for two stages at once; it is read per stage and merged, so its order and
/// pages must match one list of every case filtered by hand.
async fn r_in_1_the_inbox_merges_stages_in_order_and_pages_without_gaps(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let start = chrono::Utc::now();
    let mut ids = Vec::new();
    for i in 0..6 {
        // Hours apart: the per-address limit on self-referrals does not apply.
        app.set_now(start + chrono::Duration::hours(2 * i))?;
        app.client()
            .data(
                SELF_REFERRAL,
                json!({ "i": self_referral(&format!("Inbox Person {i}")) }),
            )
            .await?;
        let newest = inbox(&app, json!({ "stages": ["REFERRAL"] })).await?;
        ids.push(newest[0]["id"].clone());
    }
    let coord = app.login_demo("coordinator").await?;
    for id in [&ids[1], &ids[2], &ids[4]] {
        coord
            .data(
                "mutation($i: MoveCaseInput!) { moveCase(input: $i) { case { stage } } }",
                json!({ "i": { "caseId": id, "to": "ASSESSMENT" } }),
            )
            .await?;
    }
    let page = "query($f: CaseFilterInput, $a: String) { cases(filter: $f, first: 2, after: $a) \
                { edges { node { id stage } } pageInfo { hasNextPage endCursor } } }";
    for oldest_first in [true, false] {
        // The oracle: every case in one ordered query, filtered here.
        let all = coord
            .data(
                "query($f: CaseFilterInput) { cases(filter: $f, first: 100) { edges { node { id stage } } } }",
                json!({ "f": { "oldestFirst": oldest_first } }),
            )
            .await?;
        let want: Vec<Value> = all["cases"]["edges"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e["node"].clone())
            .filter(|n| n["stage"] == "REFERRAL" || n["stage"] == "ASSESSMENT")
            .map(|n| n["id"].clone())
            .collect();
        ensure!(want.len() >= 6, "{all}");
        let mut got = Vec::new();
        let mut after = Value::Null;
        loop {
            let d = coord
                .data(
                    page,
                    json!({ "f": { "stages": ["ASSESSMENT", "REFERRAL", "ASSESSMENT"], "oldestFirst": oldest_first }, "a": after }),
                )
                .await?;
            let c = &d["cases"];
            got.extend(
                c["edges"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|e| e["node"]["id"].clone()),
            );
            if c["pageInfo"]["hasNextPage"] != true {
                break;
            }
            after = c["pageInfo"]["endCursor"].clone();
            ensure!(got.len() <= want.len(), "more pages than cases: {got:?}");
        }
        ensure!(
            got == want,
            "oldest first {oldest_first}: {got:?} != {want:?}"
        );
    }
    Ok(())
}
