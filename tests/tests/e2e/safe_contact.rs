//! Reaching people safely (R-ST-4, R-IN-4): every message goes through the safe-contact profile
//! — held until a safe time, never by a channel the person refused, in their language — texts
//! through GOV.UK Notify (a local stand-in checks the request and its token), and the profile
//! beside every phone number staff see.

use anyhow::{Result, ensure};
use chrono::{DateTime, Utc};
use rjhub_tests::notify_standin::{self, NotifyStandIn};
use rjhub_tests::{
    DbKind, TestApp, eventually, eventually_async, on_both_databases, outbox_mails, workspace_root,
};
use serde_json::{Value, json};

use crate::intake::self_referral;
use crate::mail::body_text;

on_both_databases!(
    r_st_4_an_email_outside_safe_times_is_held_and_sent_at_the_next_safe_time,
    r_st_4_a_channel_they_refused_is_never_used_and_the_staff_are_told_why,
    r_st_4_texts_go_through_notify_with_its_token_and_a_failed_receipt_tells_the_staff,
    r_st_4_the_profile_is_shown_beside_every_phone_number,
    r_in_4_the_acknowledgement_is_in_the_language_the_form_was_filled_in,
    r_st_4_letters_in_their_language_are_queued_printed_with_embedded_fonts_and_posted,
);

const SUBMIT: &str = "mutation($i: SelfReferralFormInput!) { submitSelfReferral(input: $i) { reference acknowledgementSent } }";
const MESSAGES: &str =
    "query($r: String) { cases(filter: { reference: $r }, first: 1) { edges { node { id reference
    participants { id person { fullName } }
    messages { channel kind locale status reason heldUntil sentAt deliveredAt } } } } }";
const UPDATE_PROFILE: &str = "mutation($i: UpdateContactProfileInput!) { updateContactProfile(input: $i) { person { contactChannels safeWindows { days from to } discreet locale } } }";

fn at(s: &str) -> Result<DateTime<Utc>> {
    Ok(DateTime::parse_from_rfc3339(s)?.with_timezone(&Utc))
}

fn evenings() -> Value {
    json!([{ "days": ["MON", "TUE", "WED", "THU", "FRI"], "from": "18:00", "to": "21:00" }])
}

/// The case of a reference, as the co-ordinator sees it: its id, participants and messages.
async fn case_of(app: &TestApp, reference: &str) -> Result<Value> {
    let c = app.login_demo("coordinator").await?;
    let d = c.data(MESSAGES, json!({ "r": reference })).await?;
    Ok(d["cases"]["edges"][0]["node"].clone())
}

async fn submit(app: &TestApp, form: Value) -> Result<String> {
    let d = app.client().data(SUBMIT, json!({ "i": form })).await?;
    Ok(d["submitSelfReferral"]["reference"]
        .as_str()
        .unwrap_or_default()
        .to_string())
}

fn mails_to(app: &TestApp, address: &str) -> Vec<String> {
    let to = format!("To: {address}");
    outbox_mails(&app.data_dir())
        .into_iter()
        .filter(|m| m.lines().any(|l| l.trim() == to))
        .collect()
}

/// Waits until the case's only message is in `status`.
async fn message_status(app: &TestApp, reference: &str, status: &str) -> Result<Value> {
    eventually_async(&format!("the message to be {status}"), || async {
        let c = case_of(app, reference).await.ok()?;
        let m = c["messages"][0].clone();
        (m["status"] == status).then_some(m)
    })
    .await
}

async fn r_st_4_an_email_outside_safe_times_is_held_and_sent_at_the_next_safe_time(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    // Wednesday 2 December 2026, 10:00 in London: they said weekday evenings.
    app.set_now(at("2026-12-02T10:00:00Z")?)?;
    let mut form = self_referral("Helen Held");
    form["person"]["email"] = json!("helen.held@example.org");
    form["person"]["contactChannels"] = json!(["EMAIL"]);
    form["person"]["safeWindows"] = evenings();
    let reference = submit(&app, form).await?;
    let held = message_status(&app, &reference, "HELD").await?;
    ensure!(
        held["channel"] == "EMAIL"
            && held["kind"] == "acknowledgement"
            && held["heldUntil"] == "2026-12-02T18:00:00+00:00"
            && held["reason"]
                .as_str()
                .is_some_and(|r| r.contains("Mon to Fri, 18:00 to 21:00")),
        "{held}"
    );
    // The worker runs every two seconds: give it a few passes, and nothing goes.
    tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    ensure!(
        mails_to(&app, "helen.held@example.org").is_empty(),
        "sent outside the safe time"
    );
    app.set_now(at("2026-12-02T18:01:00Z")?)?;
    let mail = eventually("the acknowledgement at 18:00", || {
        mails_to(&app, "helen.held@example.org").into_iter().next()
    })
    .await?;
    ensure!(body_text(&mail).contains(&reference), "{mail}");
    let sent = message_status(&app, &reference, "SENT").await?;
    ensure!(sent["sentAt"].is_string(), "{sent}");
    Ok(())
}

async fn r_st_4_a_channel_they_refused_is_never_used_and_the_staff_are_told_why(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    app.set_now(at("2026-12-02T10:00:00Z")?)?;
    // Phone calls only, though an address was given: the acknowledgement cannot go, and the
    // co-ordinators are told to call — by the reference, never by name.
    let mut form = self_referral("Paula Phone");
    form["person"]["email"] = json!("paula.phone@example.org");
    form["person"]["contactChannels"] = json!(["PHONE"]);
    let reference = submit(&app, form).await?;
    let m = message_status(&app, &reference, "NOT_SENT").await?;
    ensure!(
        m["reason"]
            .as_str()
            .is_some_and(|r| r.contains("call them")),
        "{m}"
    );
    let told = eventually("the co-ordinator told", || {
        outbox_mails(&app.data_dir())
            .into_iter()
            .find(|x| x.contains("did not go") && body_text(x).contains(&reference))
    })
    .await?;
    ensure!(
        !told.contains("Paula"),
        "the notice names the person: {told}"
    );

    // Held for the evening, then they take e-mail away: at the safe time it is not sent.
    let mut form = self_referral("Edith Evening");
    form["person"]["email"] = json!("edith.evening@example.org");
    form["person"]["contactChannels"] = json!(["EMAIL", "PHONE"]);
    form["person"]["safeWindows"] = evenings();
    let reference = submit(&app, form.clone()).await?;
    message_status(&app, &reference, "HELD").await?;
    let case = case_of(&app, &reference).await?;
    let mut person = form["person"].clone();
    person["contactChannels"] = json!(["PHONE"]);
    person["discreet"] = json!(true);
    let coordinator = app.login_demo("coordinator").await?;
    let d = coordinator
        .data(
            UPDATE_PROFILE,
            json!({ "i": { "caseId": case["id"], "participantId": case["participants"][0]["id"], "person": person } }),
        )
        .await?;
    let p = &d["updateContactProfile"]["person"];
    ensure!(
        p["contactChannels"] == json!(["PHONE"])
            && p["discreet"] == true
            && p["safeWindows"][0]["days"] == json!(["MON", "TUE", "WED", "THU", "FRI"]),
        "{d}"
    );
    // A bad safe time is refused at the edge, and the profile stays as it was.
    let mut bad = person.clone();
    bad["safeWindows"] = json!([{ "days": ["MON"], "from": "21:00", "to": "18:00" }]);
    let r = coordinator
        .gql(
            UPDATE_PROFILE,
            json!({ "i": { "caseId": case["id"], "participantId": case["participants"][0]["id"], "person": bad } }),
        )
        .await?;
    ensure!(
        rjhub_tests::error_code(&r).as_deref() == Some("VALIDATION")
            && rjhub_tests::error_field(&r).as_deref() == Some("person.safeWindows"),
        "{r}"
    );
    app.set_now(at("2026-12-02T18:01:00Z")?)?;
    let m = message_status(&app, &reference, "NOT_SENT").await?;
    ensure!(
        m["reason"]
            .as_str()
            .is_some_and(|r| r.contains("no longer agree")),
        "{m}"
    );
    ensure!(
        mails_to(&app, "edith.evening@example.org").is_empty(),
        "sent by a channel they took away"
    );
    Ok(())
}

async fn r_st_4_texts_go_through_notify_with_its_token_and_a_failed_receipt_tells_the_staff(
    db: DbKind,
) -> Result<()> {
    let notify = NotifyStandIn::start().await?;
    let app = TestApp::builder(db)
        .env("RJHUB_NOTIFY_API_KEY", notify_standin::API_KEY)
        .env("RJHUB_NOTIFY_SMS_TEMPLATE_ID", notify_standin::TEMPLATE_ID)
        .env("RJHUB_NOTIFY_BASE_URL", notify.url.clone())
        .env("RJHUB_NOTIFY_CALLBACK_TOKEN", "receipts-token-0123456789")
        .env("RJHUB_CONTACT_PHONE", "01632 960 123")
        .start()
        .await?;
    app.set_now(at("2026-12-02T12:00:00Z")?)?;
    let mut form = self_referral("Tess Textwell");
    form["person"]["email"] = Value::Null;
    form["person"]["phone"] = json!("07700 900982");
    form["person"]["contactChannels"] = json!(["TEXT"]);
    let reference = submit(&app, form.clone()).await?;
    let text = eventually("the text at Notify", || notify.texts().into_iter().next()).await?;
    let body = text["personalisation"]["body"].as_str().unwrap_or_default();
    ensure!(
        text["phone_number"] == "07700 900982"
            && text["template_id"] == notify_standin::TEMPLATE_ID
            && text["reference"].as_str().is_some_and(|r| r.len() == 36)
            && body.contains(&reference)
            && body.contains("01632 960 123"),
        "{text}"
    );
    for secret in [
        "Tess",
        "Textwell",
        "shed",
        "restorative",
        "Restorative",
        "burglary",
    ] {
        ensure!(!body.contains(secret), "the text says {secret:?}: {body}");
    }
    ensure!(notify.refused().is_empty(), "{:?}", notify.refused());
    message_status(&app, &reference, "SENT").await?;

    // The case gets its lead facilitator: she is the one told when a message fails.
    let coord = app.login_demo("coordinator").await?;
    let tess = case_of(&app, &reference).await?;
    coord
        .data(
            crate::cases::ASSESS,
            json!({ "i": { "caseId": tess["id"], "suitable": true } }),
        )
        .await?;
    let volunteer_id = crate::cases::user_id(&app, "volunteer").await?;
    coord
        .data(
            crate::cases::ASSIGN,
            json!({ "i": { "caseId": tess["id"], "facilitatorId": volunteer_id, "role": "LEAD" } }),
        )
        .await?;

    // Receipts: only Notify (with the shared token) may say what became of a text.
    let id = text["id"].as_str().unwrap_or_default();
    let receipt = json!({ "id": id, "reference": text["reference"], "to": "07700900982",
        "status": "permanent-failure", "notification_type": "sms",
        "created_at": "2026-12-02T12:00:01.000000Z", "completed_at": "2026-12-02T12:00:09.000000Z" });
    let http = reqwest::Client::new();
    for token in [None, Some("guess")] {
        let mut req = http.post(app.url("/notify/receipts")).json(&receipt);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let status = req.send().await?.status();
        ensure!(status == 401, "receipt with {token:?}: {status}");
    }
    message_status(&app, &reference, "SENT").await?;
    let status = http
        .post(app.url("/notify/receipts"))
        .bearer_auth("receipts-token-0123456789")
        .json(&receipt)
        .send()
        .await?
        .status();
    ensure!(status == 204, "{status}");
    let failed = message_status(&app, &reference, "FAILED").await?;
    ensure!(
        failed["reason"]
            .as_str()
            .is_some_and(|r| r.contains("number")),
        "{failed}"
    );
    let told = eventually("the facilitator told of the failure", || {
        mails_to(&app, "volunteer@demo.rjhub.test")
            .into_iter()
            .find(|x| x.contains("did not go") && body_text(x).contains(&reference))
    })
    .await?;
    ensure!(!told.contains("Tess"), "{told}");

    // 23:00 with no safe times of their own: a text waits for the morning.
    app.set_now(at("2026-12-02T23:00:00Z")?)?;
    let night = submit(&app, form).await?;
    let held = message_status(&app, &night, "HELD").await?;
    ensure!(held["heldUntil"] == "2026-12-03T08:00:00+00:00", "{held}");
    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    ensure!(notify.texts().len() == 1, "a text went at night");
    app.set_now(at("2026-12-03T08:00:30Z")?)?;
    eventually("the morning text", || {
        (notify.texts().len() == 2).then_some(())
    })
    .await?;
    // Straight away, as a fast network may: before the server has noted Notify's id. Notify
    // sends our reference back with every receipt.
    let morning = notify.texts()[1].clone();
    let delivered =
        json!({ "id": morning["id"], "reference": morning["reference"], "status": "delivered" });
    http.post(app.url("/notify/receipts"))
        .bearer_auth("receipts-token-0123456789")
        .json(&delivered)
        .send()
        .await?;
    let m = message_status(&app, &night, "DELIVERED").await?;
    ensure!(m["deliveredAt"].is_string(), "{m}");

    // A volunteer who chose text alerts gets one for a new offer: no case, no one named.
    let volunteer = app.login_demo("volunteer").await?;
    let r = volunteer
        .gql(
            "mutation { setMyTextAlerts(mobile: \"01632 960 000\", enabled: true) { textAlerts } }",
            json!({}),
        )
        .await?;
    ensure!(
        rjhub_tests::error_field(&r).as_deref() == Some("mobile"),
        "a landline for texts: {r}"
    );
    let d = volunteer
        .data("mutation { setMyTextAlerts(mobile: \"07700 900 123\", enabled: true) { mobile textAlerts } }", json!({}))
        .await?;
    ensure!(
        d["setMyTextAlerts"] == json!({ "mobile": "07700 900 123", "textAlerts": true }),
        "{d}"
    );
    // A new day on the test clock: the morning's session, not yesterday's.
    let coord = app.login_demo("coordinator").await?;
    let case = crate::allocation::polish_case(&app, &coord).await?;
    coord
        .data(
            "mutation($i: OfferCaseInput!) { offerCase(input: $i) { offer { id } } }",
            json!({ "i": { "caseId": case, "facilitatorIds": [volunteer_id], "role": "LEAD",
                "expiresAt": "2026-12-05T12:00:00Z", "commitment": "About 6 meetings" } }),
        )
        .await?;
    let alert = eventually("the offer text", || {
        notify
            .texts()
            .into_iter()
            .find(|t| t["phone_number"] == "07700 900 123")
    })
    .await?;
    let body = alert["personalisation"]["body"]
        .as_str()
        .unwrap_or_default();
    ensure!(
        body.contains("offered") && !body.contains("RJ26"),
        "{alert}"
    );
    Ok(())
}

async fn r_st_4_the_profile_is_shown_beside_every_phone_number(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coordinator = app.login_demo("coordinator").await?;
    // Wherever the graph gives a participant's phone number, the profile is beside it.
    let types = coordinator
        .data("{ __schema { types { name fields { name } } } }", json!({}))
        .await?;
    let mut with_phone = vec![];
    for t in types["__schema"]["types"]
        .as_array()
        .cloned()
        .unwrap_or_default()
    {
        let fields: Vec<String> = t["fields"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter_map(|f| f["name"].as_str().map(String::from))
            .collect();
        let name = t["name"].as_str().unwrap_or_default().to_string();
        // The Hub's own number is for people to call; an applicant to volunteer is recruited,
        // not contacted about a crime. Every other number is a participant's.
        if fields.iter().any(|f| f == "phone") && name != "ServiceContact" && name != "Applicant" {
            ensure!(
                [
                    "beforeYouCall",
                    "mayLeaveMessage",
                    "safeWindows",
                    "discreet"
                ]
                .iter()
                .all(|f| fields.iter().any(|x| x == f)),
                "{name} has a phone number without the safe-contact profile"
            );
            with_phone.push(name);
        }
    }
    ensure!(with_phone == ["Person"], "{with_phone:?}");
    app.set_now(at("2026-12-02T10:00:00Z")?)?;
    let mut form = self_referral("Vera Voicemail");
    form["person"]["safeWindows"] = evenings();
    form["person"]["discreet"] = json!(true);
    let reference = submit(&app, form).await?;
    let d = coordinator
        .data(
            "query($r: String) { cases(filter: { reference: $r }, first: 1) { edges { node { participants { person {
                phone mayLeaveMessage discreet safeNow nextSafeAt beforeYouCall safeWindows { inWords } } } } } } }",
            json!({ "r": reference }),
        )
        .await?;
    let p = &d["cases"]["edges"][0]["node"]["participants"][0]["person"];
    let advice: Vec<&str> = p["beforeYouCall"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    ensure!(
        p["mayLeaveMessage"] == false
            && p["discreet"] == true
            && p["safeNow"] == false
            && p["nextSafeAt"] == "2026-12-02T18:00:00+00:00"
            && advice.first() == Some(&"No voicemail: do not leave a message")
            && advice
                .iter()
                .any(|a| a.contains("Do not mention restorative justice"))
            && advice.iter().any(|a| a.contains("interpreter"))
            && advice
                .iter()
                .any(|a| a.starts_with("Not a safe time to call now: next safe Wed 2 Dec 18:00")),
        "{p}"
    );
    // The same person found by the search shows the same.
    let found = coordinator
        .data(
            "{ people(search: \"Vera\") { person { phone beforeYouCall } } }",
            json!({}),
        )
        .await?;
    ensure!(
        found["people"][0]["person"]["beforeYouCall"][0] == "No voicemail: do not leave a message",
        "{found}"
    );
    Ok(())
}

/// The first line of message `id` in `locales/<code>.ftl`, placeables as written.
fn ftl_first_line(code: &str, id: &str) -> Result<String> {
    let text = std::fs::read_to_string(workspace_root().join(format!("locales/{code}.ftl")))?;
    let mut lines = text
        .lines()
        .skip_while(|l| !l.starts_with(&format!("{id} =")));
    let head = lines.next().unwrap_or_default();
    let inline = head.split_once('=').map(|x| x.1.trim()).unwrap_or_default();
    Ok(if inline.is_empty() {
        lines.next().unwrap_or_default().trim().to_string()
    } else {
        inline.to_string()
    })
}

async fn r_in_4_the_acknowledgement_is_in_the_language_the_form_was_filled_in(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    app.set_now(at("2026-12-02T10:00:00Z")?)?;
    let mut form = self_referral("Zofia Nowak");
    form["person"]["email"] = json!("zofia@example.org");
    form["person"]["preferredLanguage"] = Value::Null;
    form["locale"] = json!("pl");
    let reference = submit(&app, form).await?;
    let mail = eventually("the Polish acknowledgement", || {
        mails_to(&app, "zofia@example.org").into_iter().next()
    })
    .await?;
    let body = body_text(&mail);
    let polish = ftl_first_line("pl", "ack-email-body")?;
    ensure!(
        !polish.is_empty() && polish != ftl_first_line("en", "ack-email-body")?,
        "pl.ftl has no Polish acknowledgement"
    );
    ensure!(
        body.contains(&polish) && body.contains(&reference),
        "{body}"
    );
    let case = case_of(&app, &reference).await?;
    ensure!(case["messages"][0]["locale"] == "pl", "{case}");
    // An unknown language is refused, naming those the Hub writes in.
    let mut form = self_referral("Xavier Unknown");
    form["locale"] = json!("xx");
    let r = app.client().gql(SUBMIT, json!({ "i": form })).await?;
    ensure!(
        rjhub_tests::error_code(&r).as_deref() == Some("VALIDATION")
            && rjhub_tests::error_message(&r).contains("pl"),
        "{r}"
    );
    Ok(())
}

const QUEUE: &str = "{ letterQueue { id caseReference kindLabel locale printedAt } }";
const SEND_LETTER: &str = "mutation($i: SendLetterInput!) { sendLetter(input: $i) { messageId case { messages { kind channel status } } } }";

/// `pdftotext` and `pdffonts` (poppler) read the PDF as a printer would.
fn poppler(tool: &str, pdf: &std::path::Path) -> Result<String> {
    let mut cmd = std::process::Command::new(tool);
    cmd.arg(pdf);
    if tool == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd.output()?;
    ensure!(
        out.status.success(),
        "{tool} failed (apt-get install poppler-utils?): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

async fn letter_pdf(app: &TestApp, who: &rjhub_tests::Client, id: &str) -> Result<(u16, Vec<u8>)> {
    let res = who
        .http
        .get(app.url(&format!("/letters/{id}.pdf")))
        .send()
        .await?;
    let status = res.status().as_u16();
    Ok((status, res.bytes().await?.to_vec()))
}

async fn r_st_4_letters_in_their_language_are_queued_printed_with_embedded_fonts_and_posted(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    app.set_now(at("2026-12-02T10:00:00Z")?)?;
    // Post only, in Polish: the acknowledgement is a letter to print.
    let mut form = self_referral("Zofia Nowak");
    form["locale"] = json!("pl");
    form["person"]["email"] = Value::Null;
    form["person"]["address"] = json!("12 High Street, March");
    form["person"]["postcode"] = json!("PE15 8AA");
    form["person"]["contactChannels"] = json!(["POST"]);
    let reference = submit(&app, form).await?;
    let m = message_status(&app, &reference, "QUEUED").await?;
    ensure!(m["channel"] == "LETTER" && m["locale"] == "pl", "{m}");
    let coordinator = app.login_demo("coordinator").await?;
    let queue = coordinator.data(QUEUE, json!({})).await?;
    let queued = queue["letterQueue"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .find(|l| l["caseReference"] == reference.as_str())
        .ok_or_else(|| anyhow::anyhow!("not in the queue: {queue}"))?;
    ensure!(
        queued["locale"] == "pl"
            && queued["printedAt"].is_null()
            && !queue.to_string().contains("Zofia"),
        "{queue}"
    );
    let id = queued["id"].as_str().unwrap_or_default().to_string();
    // Only the co-ordinator prints letters: the queue and the PDF are refused to others.
    let volunteer = app.login_demo("volunteer").await?;
    let r = volunteer.gql(QUEUE, json!({})).await?;
    ensure!(
        rjhub_tests::error_code(&r).as_deref() == Some("FORBIDDEN"),
        "{r}"
    );
    let (status, _) = letter_pdf(&app, &volunteer, &id).await?;
    ensure!(status == 403, "the volunteer got the letter: {status}");
    let r = coordinator
        .gql(
            "mutation($id: ID!) { markLetterPosted(id: $id) { postedAt } }",
            json!({ "id": id }),
        )
        .await?;
    ensure!(
        rjhub_tests::error_code(&r).as_deref() == Some("VALIDATION"),
        "posted unprinted: {r}"
    );

    // The other side of the case is never in the letter.
    let case = case_of(&app, &reference).await?;
    coordinator
        .data(
            "mutation($i: AddParticipantInput!) { addParticipant(input: $i) { participant { id } } }",
            json!({ "i": { "caseId": case["id"], "role": "OFFENDER", "person": { "fullName": "Oscar Offender", "address": "1 Mill Lane, Wisbech", "contactChannels": ["POST"] } } }),
        )
        .await?;
    let (status, bytes) = letter_pdf(&app, &coordinator, &id).await?;
    ensure!(status == 200 && bytes.starts_with(b"%PDF"), "{status}");
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, &bytes)?;
    let text = poppler("pdftotext", &path)?;
    let title = ftl_first_line("pl", "letter-ack-title")?;
    ensure!(
        title != ftl_first_line("en", "letter-ack-title")?,
        "pl.ftl has no Polish letter"
    );
    for expected in [
        title.as_str(),
        "Zofia Nowak",
        "12 High Street",
        "PE15 8AA",
        reference.as_str(),
    ] {
        ensure!(
            text.contains(expected),
            "the letter lacks {expected:?}: {text}"
        );
    }
    for secret in [
        "Oscar",
        "Offender",
        "Mill Lane",
        "shed",
        "burglary",
        "Burglary",
    ] {
        ensure!(!text.contains(secret), "the letter says {secret:?}: {text}");
    }
    let fonts = poppler("pdffonts", &path)?;
    let rows: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    ensure!(
        !rows.is_empty()
            && rows.iter().all(|l| {
                // name, type…, encoding, emb, sub, uni, object, generation
                let cols: Vec<&str> = l.split_whitespace().collect();
                cols.len() >= 7 && cols[cols.len() - 5] == "yes" && cols[cols.len() - 3] == "yes"
            }),
        "fonts not embedded: {fonts}"
    );
    // Printing is a read of her name and address, in her access log.
    let audit = app
        .rows("SELECT action FROM audit_log WHERE action = 'print_letter'")
        .await?;
    ensure!(audit.len() == 1, "{audit:?}");
    let queue = coordinator.data(QUEUE, json!({})).await?;
    ensure!(queue.to_string().contains("printedAt\":\"2026"), "{queue}");
    let posted = coordinator
        .data(
            "mutation($id: ID!) { markLetterPosted(id: $id) { postedAt } }",
            json!({ "id": id }),
        )
        .await?;
    ensure!(
        posted["markLetterPosted"]["postedAt"].is_string(),
        "{posted}"
    );
    message_status(&app, &reference, "SENT").await?;
    let queue = coordinator.data(QUEUE, json!({})).await?;
    ensure!(
        !queue.to_string().contains(&id),
        "posted but still queued: {queue}"
    );

    // Information about restorative justice, sent from the case, in Polish too.
    let d = coordinator
        .data(
            SEND_LETTER,
            json!({ "i": { "caseId": case["id"], "participantId": case["participants"][0]["id"], "kind": "INFORMATION" } }),
        )
        .await?;
    ensure!(
        d["sendLetter"]["case"]["messages"][0]
            == json!({ "kind": "rj_information", "channel": "LETTER", "status": "QUEUED" }),
        "{d}"
    );
    let info = d["sendLetter"]["messageId"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let (_, bytes) = letter_pdf(&app, &coordinator, &info).await?;
    std::fs::write(&path, &bytes)?;
    let text = poppler("pdftotext", &path)?;
    ensure!(
        text.contains(&ftl_first_line("pl", "letter-info-title")?),
        "{text}"
    );
    // Someone who did not agree to post gets no letter, and nothing is written.
    let mut form = self_referral("Ema Only");
    form["person"]["email"] = json!("ema@example.org");
    form["person"]["address"] = json!("3 Quay, Wisbech");
    form["person"]["contactChannels"] = json!(["EMAIL"]);
    let other = submit(&app, form).await?;
    let c = case_of(&app, &other).await?;
    let r = coordinator
        .gql(
            SEND_LETTER,
            json!({ "i": { "caseId": c["id"], "participantId": c["participants"][0]["id"], "kind": "INFORMATION" } }),
        )
        .await?;
    ensure!(
        rjhub_tests::error_code(&r).as_deref() == Some("VALIDATION"),
        "{r}"
    );
    ensure!(
        case_of(&app, &other).await?["messages"]
            .as_array()
            .map(Vec::len)
            == Some(1),
        "a refused letter was written"
    );
    Ok(())
}
