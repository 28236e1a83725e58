//! Case records, the lifecycle, need-to-know and the audit trail (R-AS-1…4, R-CW-1…3, R-DP-2,
//! R-DP-4, R-IN-6).

use anyhow::{Result, ensure};
use chrono::{DateTime, Duration, Utc};
use rjhub_tests::{Client, DbKind, TestApp, error_code, error_field, on_both_databases};
use serde_json::{Value, json};

use crate::intake::{CREATE_REFERRAL, SELF_REFERRAL, self_referral};

/// Every case and person field the graph has.
const CASE_FIELDS: &str = "id reference access stage stageLabel stoppedAtStage stopReasonCode stopReasonText receivedAt updatedAt ageDays
  referralSource referringAgency offenderInitiated offenceCategory hateCrime offenceSummary reportedToPolice crimeReference
  proceedingsStage area areaDetail originatingArea offenderIdentified awaitingOffender interventionModel suitable
  suitabilityReasonCode suitabilityNotes assessedAt supportNeeds victimsHubReferredAt firstContactAt supervisorName
  participants { id role side relationship person { id fullName email phone address postcode preferredLanguage interpreterNeeded accessibilityNeeds contactChannels safeTimes mayLeaveMessage } }
  contacts { id at channel summary participantId recordedBy }
  consents { id participantId purpose given method note at }
  stageHistory { id from to at reasonCode reasonText actorName }
  riskAssessments { id riskTo level factors mitigations reviewOn assessedAt assessedBy }
  facilitators { userId name role assignedAt }";

fn case_query() -> String {
    format!("query($id: ID!) {{ case(id: $id) {{ {CASE_FIELDS} }} }}")
}

pub const MOVE: &str = "mutation($i: MoveCaseInput!) { moveCase(input: $i) { case { stage stageHistory { from to } } } }";
pub const ASSESS: &str = "mutation($i: AssessReferralInput!) { assessReferral(input: $i) { case { stage suitable stoppedAtStage stopReasonCode } } }";
pub const ASSIGN: &str = "mutation($i: AssignFacilitatorInput!) { assignFacilitator(input: $i) { case { stage facilitators { name role } } } }";
const RISK: &str = "mutation($i: RecordRiskAssessmentInput!) { recordRiskAssessment(input: $i) { riskAssessment { level } } }";
const CONSENT: &str = "mutation($i: RecordConsentInput!) { recordConsent(input: $i) { consents { purpose given } case { consents { purpose given } } } }";
const CONTACT: &str = "mutation($i: LogContactInput!) { logContact(input: $i) { contact { id channel } case { firstContactAt } } }";
const WITHDRAW: &str = "mutation($i: WithdrawCaseInput!) { withdrawCase(input: $i) { case { stage stoppedAtStage stopReasonCode } } }";

pub async fn user_id(app: &TestApp, who: &str) -> Result<String> {
    let c = app.login_demo(who).await?;
    Ok(c.data("{ me { id } }", json!({})).await?["me"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string())
}

/// A self-referred case assessed as suitable, with the demo volunteer as lead facilitator.
pub async fn allocated_case(app: &TestApp, coord: &Client) -> Result<(String, Vec<String>)> {
    app.client()
        .data(SELF_REFERRAL, json!({ "i": self_referral("Jo Victim") }))
        .await?;
    let d = coord
        .data(
            "{ cases(first: 1) { edges { node { id participants { id } } } } }",
            json!({}),
        )
        .await?;
    let id = d["cases"]["edges"][0]["node"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    coord
        .data(ASSESS, json!({ "i": { "caseId": id, "suitable": true } }))
        .await?;
    let volunteer = user_id(app, "volunteer").await?;
    coord
        .data(
            ASSIGN,
            json!({ "i": { "caseId": id, "facilitatorId": volunteer, "role": "LEAD" } }),
        )
        .await?;
    let add = coord
        .data(
            "mutation($i: AddParticipantInput!) { addParticipant(input: $i) { participant { id } } }",
            json!({ "i": { "caseId": id, "role": "OFFENDER", "person": { "fullName": "Oscar Offender", "address": "1 High St, March", "contactChannels": ["POST"] } } }),
        )
        .await?;
    let participants = vec![
        d["cases"]["edges"][0]["node"]["participants"][0]["id"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        add["addParticipant"]["participant"]["id"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
    ];
    Ok((id, participants))
}

on_both_databases!(
    r_as_1_assessment_records_suitability_with_a_reason,
    r_cw_1_a_case_moves_through_every_stage_with_its_history,
    r_as_2_the_intervention_waits_for_a_current_risk_assessment_and_consent,
    r_cw_1_a_stopped_case_records_the_stage_it_stopped_at_and_why,
    r_as_3_withdrawing_consent_to_take_part_withdraws_what_depends_on_it,
    r_cw_2_contacts_are_logged_by_the_facilitator,
    r_dp_2_authorisation_matrix_and_the_offender_side_firewall,
    r_dp_4_reads_and_changes_of_a_case_are_audited,
    r_as_1_the_coordinator_maintains_the_reason_lists,
);

async fn r_as_1_assessment_records_suitability_with_a_reason(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let public = app.client();
    public
        .data(SELF_REFERRAL, json!({ "i": self_referral("First Person") }))
        .await?;
    let coord = app.login_demo("coordinator").await?;
    let id = coord
        .data("{ cases { edges { node { id } } } }", json!({}))
        .await?["cases"]["edges"][0]["node"]["id"]
        .clone();
    let r = coord
        .gql(ASSESS, json!({ "i": { "caseId": id, "suitable": false } }))
        .await?;
    ensure!(error_field(&r).as_deref() == Some("reasonCode"), "{r}");
    let r = coord
        .gql(
            ASSESS,
            json!({ "i": { "caseId": id, "suitable": false, "reasonCode": "other" } }),
        )
        .await?;
    ensure!(error_field(&r).as_deref() == Some("notes"), "{r}");
    let d = coord.data(ASSESS, json!({ "i": { "caseId": id, "suitable": false, "reasonCode": "risk_too_high", "notes": "Ongoing threats." } })).await?;
    ensure!(
        d["assessReferral"]["case"]
            == json!({"stage": "NOT_SUITABLE", "suitable": false, "stoppedAtStage": "ASSESSMENT", "stopReasonCode": "risk_too_high"}),
        "{d}"
    );
    // A decided case cannot be assessed again.
    let r = coord
        .gql(ASSESS, json!({ "i": { "caseId": id, "suitable": true } }))
        .await?;
    ensure!(error_code(&r).as_deref() == Some("VALIDATION"), "{r}");
    // Only the co-ordinator assesses.
    public
        .data(
            SELF_REFERRAL,
            json!({ "i": self_referral("Second Person") }),
        )
        .await?;
    let second = coord
        .data(
            "{ cases(filter: {stages: [REFERRAL]}) { edges { node { id } } } }",
            json!({}),
        )
        .await?["cases"]["edges"][0]["node"]["id"]
        .clone();
    for who in [
        "supervisor",
        "volunteer",
        "partner",
        "referrer",
        "commissioner",
    ] {
        let r = app
            .login_demo(who)
            .await?
            .gql(
                ASSESS,
                json!({ "i": { "caseId": second, "suitable": true } }),
            )
            .await?;
        ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{who}: {r}");
    }
    let d = coord
        .data(
            ASSESS,
            json!({ "i": { "caseId": second, "suitable": true } }),
        )
        .await?;
    ensure!(
        d["assessReferral"]["case"]["stage"] == "ASSESSMENT"
            && d["assessReferral"]["case"]["suitable"] == true,
        "{d}"
    );
    Ok(())
}

pub async fn ready_for_intervention(
    app: &TestApp,
    who: &Client,
    id: &str,
    participants: &[String],
) -> Result<()> {
    let review = (Utc::now() + Duration::days(30)).date_naive().to_string();
    who.data(RISK, json!({ "i": { "caseId": id, "riskTo": ["VICTIM"], "level": "MEDIUM", "mitigations": "Separate waiting rooms", "reviewOn": review } })).await?;
    for p in participants {
        who.data(CONSENT, json!({ "i": { "caseId": id, "participantId": p, "purpose": "TAKING_PART", "given": true, "method": "WRITTEN" } })).await?;
    }
    let _ = app;
    Ok(())
}

pub const RECORD_OUTCOME: &str = "mutation($i: RecordMeetingOutcomeInput!) { recordMeetingOutcome(input: $i) { meeting { id status outcomeNote attendees { id participant attended } } } }";

/// A conference that ended an hour before `now` (the server's time), entered afterwards and
/// recorded as held with every participant there; returns its id.
pub async fn held_conference(
    who: &Client,
    id: &str,
    participants: &[String],
    now: DateTime<Utc>,
) -> Result<String> {
    let starts = now - Duration::hours(3);
    let m = who
        .data(
            "mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { meeting { id } } }",
            json!({ "i": { "caseId": id, "kind": "CONFERENCE", "alreadyHeld": true,
                "startsAt": starts.to_rfc3339(), "endsAt": (starts + Duration::hours(2)).to_rfc3339(),
                "venueAddress": "Wisbech Library", "participantIds": participants } }),
        )
        .await?;
    let meeting = m["scheduleMeeting"]["meeting"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    who.data(
        RECORD_OUTCOME,
        json!({ "i": { "meetingId": meeting, "held": true, "attendedIds": participants } }),
    )
    .await?;
    Ok(meeting)
}

/// What the outcome stage needs: a held conference and an agreed item.
pub async fn held_and_agreed(
    who: &Client,
    id: &str,
    participants: &[String],
    now: DateTime<Utc>,
) -> Result<String> {
    let meeting = held_conference(who, id, participants, now).await?;
    who.data(
        "mutation($i: RecordOutcomeAgreementInput!) { recordOutcomeAgreement(input: $i) { items { id } } }",
        json!({ "i": { "caseId": id, "meetingId": meeting, "items": [
            { "kind": "APOLOGY", "description": "A letter of apology" } ] } }),
    )
    .await?;
    Ok(meeting)
}

/// A wellbeing call logged now.
pub async fn wellbeing_call(who: &Client, id: &str) -> Result<()> {
    who.data(
        CONTACT,
        json!({ "i": { "caseId": id, "channel": "PHONE", "summary": "Wellbeing call after the conference" } }),
    )
    .await?;
    Ok(())
}

async fn r_cw_1_a_case_moves_through_every_stage_with_its_history(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let (id, participants) = allocated_case(&app, &coord).await?;
    let volunteer = app.login_demo("volunteer").await?;
    // An illegal jump is refused with the legal moves named.
    let r = volunteer
        .gql(MOVE, json!({ "i": { "caseId": id, "to": "OUTCOME" } }))
        .await?;
    ensure!(error_code(&r).as_deref() == Some("VALIDATION"), "{r}");
    ensure!(
        r["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("Preparing participants"),
        "{r}"
    );
    volunteer
        .data(MOVE, json!({ "i": { "caseId": id, "to": "PREPARATION" } }))
        .await?;
    ready_for_intervention(&app, &volunteer, &id, &participants).await?;
    volunteer
        .data(MOVE, json!({ "i": { "caseId": id, "to": "INTERVENTION" } }))
        .await?;
    held_and_agreed(&volunteer, &id, &participants, Utc::now()).await?;
    for to in ["OUTCOME", "FOLLOW_UP"] {
        volunteer
            .data(MOVE, json!({ "i": { "caseId": id, "to": to } }))
            .await?;
    }
    wellbeing_call(&volunteer, &id).await?;
    // Nobody closes a case by moving it: only the supervisor's closure sign-off does (R-CW-6).
    for who in [&volunteer, &coord] {
        let r = who
            .gql(MOVE, json!({ "i": { "caseId": id, "to": "CLOSED" } }))
            .await?;
        ensure!(error_code(&r).as_deref() == Some("VALIDATION"), "{r}");
    }
    coord
        .data(
            "mutation($i: AssignSupervisorInput!) { assignSupervisor(input: $i) { case { id } } }",
            json!({ "i": { "caseId": id, "supervisorId": user_id(&app, "supervisor").await? } }),
        )
        .await?;
    let all_ticked = json!({ "riskReviewed": true, "consentConfirmed": true, "agreementRecorded": true, "wellbeingFollowUp": true });
    let d = app
        .login_demo("supervisor")
        .await?
        .data(
            "mutation($i: SignOffClosureInput!) { signOffClosure(input: $i) { case { stage stageHistory { from to } } } }",
            json!({ "i": { "caseId": id, "checklist": all_ticked, "approve": true } }),
        )
        .await?;
    let d = json!({ "moveCase": d["signOffClosure"] });
    let history: Vec<(Value, Value)> = d["moveCase"]["case"]["stageHistory"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|e| (e["from"].clone(), e["to"].clone()))
        .collect();
    let expected = [
        (Value::Null, "REFERRAL"),
        (json!("REFERRAL"), "ASSESSMENT"),
        (json!("ASSESSMENT"), "ALLOCATED"),
        (json!("ALLOCATED"), "PREPARATION"),
        (json!("PREPARATION"), "INTERVENTION"),
        (json!("INTERVENTION"), "OUTCOME"),
        (json!("OUTCOME"), "FOLLOW_UP"),
        (json!("FOLLOW_UP"), "CLOSED"),
    ];
    ensure!(history.len() == expected.len(), "{history:?}");
    for ((f, t), (ef, et)) in history.iter().zip(expected.iter()) {
        ensure!(f == ef && t == et, "{history:?}");
    }
    // Every change is a case_event row with its actor: the reports are built from these.
    let rows = app
        .rows("SELECT to_stage, actor_id FROM case_events ORDER BY at, id")
        .await?;
    ensure!(
        rows.len() == 8 && rows.iter().skip(1).all(|r| r["actor_id"].is_string()),
        "{rows:?}"
    );
    // A closed case moves nowhere, not even to withdrawn.
    let r = coord
        .gql(
            WITHDRAW,
            json!({ "i": { "caseId": id, "reasonCode": "contact_lost" } }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("VALIDATION"), "{r}");
    Ok(())
}

async fn r_as_2_the_intervention_waits_for_a_current_risk_assessment_and_consent(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    let now = Utc::now();
    app.set_now(now)?;
    let coord = app.login_demo("coordinator").await?;
    let (id, participants) = allocated_case(&app, &coord).await?;
    coord
        .data(MOVE, json!({ "i": { "caseId": id, "to": "PREPARATION" } }))
        .await?;
    let r = coord
        .gql(MOVE, json!({ "i": { "caseId": id, "to": "INTERVENTION" } }))
        .await?;
    let msg = r["errors"][0]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    ensure!(
        msg.contains("risk assessment") && msg.contains("consent to take part for 2"),
        "{r}"
    );
    let review = (now + Duration::days(7)).date_naive().to_string();
    coord.data(RISK, json!({ "i": { "caseId": id, "riskTo": ["VICTIM", "OFFENDER"], "level": "LOW", "reviewOn": review } })).await?;
    coord.data(CONSENT, json!({ "i": { "caseId": id, "participantId": participants[0], "purpose": "TAKING_PART", "given": true, "method": "WRITTEN" } })).await?;
    let r = coord
        .gql(MOVE, json!({ "i": { "caseId": id, "to": "INTERVENTION" } }))
        .await?;
    ensure!(
        r["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("for 1 participant"),
        "{r}"
    );
    coord.data(CONSENT, json!({ "i": { "caseId": id, "participantId": participants[1], "purpose": "TAKING_PART", "given": true, "method": "VERBAL" } })).await?;
    // The risk assessment must be reviewed again once its review date has passed.
    app.set_now(now + Duration::days(9))?;
    let coord = app.login_demo("coordinator").await?;
    let r = coord
        .gql(MOVE, json!({ "i": { "caseId": id, "to": "INTERVENTION" } }))
        .await?;
    ensure!(
        r["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("review the risk assessment"),
        "{r}"
    );
    let review = (now + Duration::days(40)).date_naive().to_string();
    coord.data(RISK, json!({ "i": { "caseId": id, "riskTo": ["VICTIM"], "level": "LOW", "reviewOn": review } })).await?;
    coord
        .data(MOVE, json!({ "i": { "caseId": id, "to": "INTERVENTION" } }))
        .await?;
    // A medium or high risk needs mitigations; a past review date is refused.
    let r = coord.gql(RISK, json!({ "i": { "caseId": id, "riskTo": ["VICTIM"], "level": "HIGH", "reviewOn": review } })).await?;
    ensure!(error_field(&r).as_deref() == Some("mitigations"), "{r}");
    let r = coord.gql(RISK, json!({ "i": { "caseId": id, "riskTo": ["VICTIM"], "level": "LOW", "reviewOn": "2001-01-01" } })).await?;
    ensure!(error_field(&r).as_deref() == Some("reviewOn"), "{r}");
    Ok(())
}

async fn r_cw_1_a_stopped_case_records_the_stage_it_stopped_at_and_why(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let (id, _) = allocated_case(&app, &coord).await?;
    let volunteer = app.login_demo("volunteer").await?;
    volunteer
        .data(MOVE, json!({ "i": { "caseId": id, "to": "PREPARATION" } }))
        .await?;
    let r = volunteer
        .gql(
            WITHDRAW,
            json!({ "i": { "caseId": id, "reasonCode": "other" } }),
        )
        .await?;
    ensure!(error_field(&r).as_deref() == Some("reasonText"), "{r}");
    let r = volunteer
        .gql(
            WITHDRAW,
            json!({ "i": { "caseId": id, "reasonCode": "made_up" } }),
        )
        .await?;
    ensure!(error_field(&r).as_deref() == Some("reasonCode"), "{r}");
    let d = volunteer.data(WITHDRAW, json!({ "i": { "caseId": id, "reasonCode": "victim_declined", "reasonText": "Felt it was too soon." } })).await?;
    ensure!(
        d["withdrawCase"]["case"]
            == json!({"stage": "WITHDRAWN", "stoppedAtStage": "PREPARATION", "stopReasonCode": "victim_declined"}),
        "{d}"
    );
    let c = coord.data(&case_query(), json!({ "id": id })).await?;
    let last = c["case"]["stageHistory"]
        .as_array()
        .and_then(|h| h.last().cloned())
        .unwrap_or_default();
    ensure!(
        last["from"] == "PREPARATION"
            && last["to"] == "WITHDRAWN"
            && last["reasonCode"] == "victim_declined"
            && last["reasonText"] == "Felt it was too soon.",
        "{last}"
    );
    Ok(())
}

async fn r_as_3_withdrawing_consent_to_take_part_withdraws_what_depends_on_it(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let (id, participants) = allocated_case(&app, &coord).await?;
    let victim = &participants[0];
    for purpose in ["TAKING_PART", "SHARE_WITH_PARTNER", "FOLLOW_UP_SURVEY"] {
        coord.data(CONSENT, json!({ "i": { "caseId": id, "participantId": victim, "purpose": purpose, "given": true, "method": "WRITTEN" } })).await?;
    }
    let d = coord.data(CONSENT, json!({ "i": { "caseId": id, "participantId": victim, "purpose": "TAKING_PART", "given": false, "method": "VERBAL", "note": "Phoned to stop." } })).await?;
    let written: Vec<(Value, Value)> = d["recordConsent"]["consents"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|c| (c["purpose"].clone(), c["given"].clone()))
        .collect();
    // The self-referral's contact consent and the two just given all go with it.
    ensure!(
        written.len() == 4 && written.iter().all(|(_, g)| g == &json!(false)),
        "{written:?}"
    );
    // The history is kept: given, then withdrawn.
    let history = d["recordConsent"]["case"]["consents"]
        .as_array()
        .map(Vec::len)
        .unwrap_or_default();
    ensure!(history == 8, "{d}");
    let r = coord.gql(CONSENT, json!({ "i": { "caseId": id, "participantId": "00000000-0000-7000-8000-000000000000", "purpose": "TAKING_PART", "given": true, "method": "VERBAL" } })).await?;
    ensure!(error_field(&r).as_deref() == Some("participantId"), "{r}");
    Ok(())
}

async fn r_cw_2_contacts_are_logged_by_the_facilitator(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let (id, participants) = allocated_case(&app, &coord).await?;
    let volunteer = app.login_demo("volunteer").await?;
    let at = (Utc::now() - Duration::hours(2)).to_rfc3339();
    let d = volunteer.data(CONTACT, json!({ "i": { "caseId": id, "participantId": participants[0], "at": at, "channel": "PHONE", "summary": "Introduced myself; she would like to meet." } })).await?;
    ensure!(
        d["logContact"]["contact"]["channel"] == "PHONE"
            && d["logContact"]["case"]["firstContactAt"].is_string(),
        "{d}"
    );
    let r = volunteer
        .gql(
            CONTACT,
            json!({ "i": { "caseId": id, "channel": "PHONE", "summary": "  " } }),
        )
        .await?;
    ensure!(error_field(&r).as_deref() == Some("summary"), "{r}");
    let future = (Utc::now() + Duration::days(1)).to_rfc3339();
    let r = volunteer
        .gql(
            CONTACT,
            json!({ "i": { "caseId": id, "channel": "PHONE", "summary": "x", "at": future } }),
        )
        .await?;
    ensure!(error_field(&r).as_deref() == Some("at"), "{r}");
    // A facilitator not on the case cannot log contacts on it, nor learn it exists.
    let other = app.login_demo("special").await?;
    let r = other
        .gql(
            CONTACT,
            json!({ "i": { "caseId": id, "channel": "PHONE", "summary": "x" } }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("NOT_FOUND"), "{r}");
    let c = volunteer.data(&case_query(), json!({ "id": id })).await?;
    ensure!(
        c["case"]["contacts"][0]["recordedBy"] == "Agnieszka Nowak",
        "{c}"
    );
    // A phone replaying an entry after being offline logs it once; a key reused for another
    // action is refused; a malformed key is a validation error.
    let entry = json!({ "i": { "caseId": id, "channel": "IN_PERSON", "summary": "Home visit.", "idempotencyKey": "contact-0001-abcd" } });
    let first = volunteer.data(CONTACT, entry.clone()).await?;
    let again = volunteer.data(CONTACT, entry).await?;
    ensure!(
        first["logContact"]["contact"]["id"] == again["logContact"]["contact"]["id"],
        "{first} vs {again}"
    );
    let c = volunteer.data(&case_query(), json!({ "id": id })).await?;
    ensure!(
        c["case"]["contacts"].as_array().map(Vec::len) == Some(2),
        "{c}"
    );
    let r = volunteer
        .gql(
            "mutation($i: AcceptOfferInput!) { acceptOffer(input: $i) { response } }",
            json!({ "i": { "offerId": id, "idempotencyKey": "contact-0001-abcd" } }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("CONFLICT"), "{r}");
    let r = volunteer
        .gql(
            CONTACT,
            json!({ "i": { "caseId": id, "channel": "PHONE", "summary": "x", "idempotencyKey": "no spaces please" } }),
        )
        .await?;
    ensure!(error_field(&r).as_deref() == Some("idempotencyKey"), "{r}");
    Ok(())
}

/// The offender-initiated case the matrix is about, and who is on it.
struct MatrixCase {
    id: String,
}

async fn offender_initiated_case(app: &TestApp) -> Result<MatrixCase> {
    let partner = app.login_demo("partner").await?;
    let d = partner
        .data(CREATE_REFERRAL, json!({ "i": {
            "referralSource": "youth_offending_service", "offenderInitiated": true, "consentConfirmed": true,
            "offender": { "fullName": "Oliver Offender", "phone": "07700 900444", "contactChannels": ["PHONE"] },
            "victim": { "fullName": "Victoria Victim", "email": "victoria.victim@example.org", "phone": "07700 900555", "address": "9 Secret Lane, Ely", "postcode": "CB7 4AA", "contactChannels": ["EMAIL"] },
            "offence": { "offenceCategory": "robbery", "summary": "Victoria was robbed at the bus stop.", "crimeReference": "CF999", "area": "east_cambridgeshire" }
        } }))
        .await?;
    let id = d["createReferral"]["referral"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let coord = app.login_demo("coordinator").await?;
    coord
        .data(
            ASSESS,
            json!({ "i": { "caseId": id, "suitable": true, "notes": "Victoria keen to meet." } }),
        )
        .await?;
    coord.data("mutation($i: AssignSupervisorInput!) { assignSupervisor(input: $i) { case { supervisorName } } }", json!({ "i": { "caseId": id, "supervisorId": user_id(app, "supervisor").await? } })).await?;
    coord.data(ASSIGN, json!({ "i": { "caseId": id, "facilitatorId": user_id(app, "volunteer").await?, "role": "LEAD" } })).await?;
    let c = coord.data(&case_query(), json!({ "id": id })).await?;
    let victim = c["case"]["participants"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["role"] == "VICTIM").cloned())
        .unwrap_or_default();
    let offender = c["case"]["participants"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["role"] == "OFFENDER").cloned())
        .unwrap_or_default();
    coord.data(CONTACT, json!({ "i": { "caseId": id, "participantId": victim["id"], "channel": "EMAIL", "summary": "Wrote to Victoria at victoria.victim@example.org" } })).await?;
    coord.data(CONTACT, json!({ "i": { "caseId": id, "participantId": offender["id"], "channel": "PHONE", "summary": "Oliver wants to apologise" } })).await?;
    let review = (Utc::now() + Duration::days(30)).date_naive().to_string();
    coord.data(RISK, json!({ "i": { "caseId": id, "riskTo": ["VICTIM"], "level": "LOW", "factors": "Victoria anxious", "reviewOn": review } })).await?;
    coord.data("mutation($i: RecordSupportNeedsInput!) { recordSupportNeeds(input: $i) { case { id } } }", json!({ "i": { "caseId": id, "supportNeeds": "Victoria needs step-free access", "referToVictimsHub": true } })).await?;
    Ok(MatrixCase { id })
}

const VICTIM_SECRETS: &[&str] = &[
    "Victoria",
    "victoria.victim@example.org",
    "07700 900555",
    "Secret Lane",
    "CB7 4AA",
    "bus stop",
    "step-free",
    "CF999",
];

async fn r_dp_2_authorisation_matrix_and_the_offender_side_firewall(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    app.create_user(
        "other.supervisor@example.org",
        "Other Supervisor",
        &["supervisor"],
        None,
        None,
    )
    .await?;
    let case = offender_initiated_case(&app).await?;
    let q = case_query();
    let vars = json!({ "id": case.id });

    // Full access: the co-ordinator, the case's supervisor, its allocated facilitator.
    for who in ["coordinator", "supervisor", "volunteer"] {
        let c = app.login_demo(who).await?.data(&q, vars.clone()).await?;
        ensure!(c["case"]["access"] == "FULL", "{who}: {c}");
        let text = c.to_string();
        ensure!(
            VICTIM_SECRETS.iter().all(|s| text.contains(s)),
            "{who} should see everything: {text}"
        );
        ensure!(
            c["case"]["participants"].as_array().map(Vec::len) == Some(2),
            "{who}"
        );
        ensure!(
            c["case"]["riskAssessments"].as_array().map(Vec::len) == Some(1),
            "{who}"
        );
    }

    // The partner practitioner of the referring agency: the offender side, and nothing of the victim.
    let partner = app.login_demo("partner").await?;
    let c = partner.data(&q, vars.clone()).await?;
    ensure!(c["case"]["access"] == "OFFENDER_SIDE", "{c}");
    let parts = c["case"]["participants"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    ensure!(
        parts.len() == 1
            && parts[0]["role"] == "OFFENDER"
            && parts[0]["person"]["fullName"] == "Oliver Offender",
        "{c}"
    );
    ensure!(
        c["case"]["contacts"].as_array().map(Vec::len) == Some(1),
        "{c}"
    );
    ensure!(
        c["case"]["riskAssessments"] == json!([])
            && c["case"]["offenceSummary"].is_null()
            && c["case"]["supportNeeds"].is_null(),
        "{c}"
    );
    let text = c.to_string();
    for secret in VICTIM_SECRETS {
        ensure!(
            !text.contains(secret),
            "the partner's response contains {secret}: {text}"
        );
    }
    // …nor through their referral list, nor through any error.
    let mine = partner
        .data(
            "{ myReferrals { edges { node { reference stage offenderInitiated } } } }",
            json!({}),
        )
        .await?;
    ensure!(
        mine["myReferrals"]["edges"].as_array().map(Vec::len) == Some(1),
        "{mine}"
    );
    let participants_of_coord = app
        .login_demo("coordinator")
        .await?
        .data(&q, vars.clone())
        .await?;
    let victim_participant = participants_of_coord["case"]["participants"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["role"] == "VICTIM").cloned())
        .unwrap_or_default();
    let attempts = [
        (
            CONTACT,
            json!({ "i": { "caseId": case.id, "participantId": victim_participant["id"], "channel": "PHONE", "summary": "x" } }),
        ),
        (
            CONSENT,
            json!({ "i": { "caseId": case.id, "participantId": victim_participant["id"], "purpose": "TAKING_PART", "given": true, "method": "VERBAL" } }),
        ),
        (
            MOVE,
            json!({ "i": { "caseId": case.id, "to": "PREPARATION" } }),
        ),
        (
            WITHDRAW,
            json!({ "i": { "caseId": case.id, "reasonCode": "other", "reasonText": "x" } }),
        ),
        (
            ASSESS,
            json!({ "i": { "caseId": case.id, "suitable": true } }),
        ),
        (
            "mutation($i: RecordSupportNeedsInput!) { recordSupportNeeds(input: $i) { case { supportNeeds } } }",
            json!({ "i": { "caseId": case.id, "supportNeeds": "x" } }),
        ),
    ];
    for (m, v) in &attempts {
        let r = partner.gql(m, v.clone()).await?;
        ensure!(
            error_code(&r).as_deref() == Some("FORBIDDEN"),
            "partner {m}: {r}"
        );
        let t = r.to_string();
        ensure!(VICTIM_SECRETS.iter().all(|s| !t.contains(s)), "{t}");
    }
    // Even when allocated as co-facilitator, a partner-agency practitioner stays behind the firewall.
    let coord = app.login_demo("coordinator").await?;
    coord.data(ASSIGN, json!({ "i": { "caseId": case.id, "facilitatorId": user_id(&app, "partner").await?, "role": "CO" } })).await?;
    let c = partner.data(&q, vars.clone()).await?;
    ensure!(c["case"]["access"] == "OFFENDER_SIDE", "{c}");
    let text = c.to_string();
    ensure!(
        VICTIM_SECRETS.iter().all(|s| !text.contains(s)),
        "allocated partner sees: {text}"
    );
    let mine = partner
        .data(
            "{ myCases { edges { node { access participants { role } } } } }",
            json!({}),
        )
        .await?;
    ensure!(
        mine["myCases"]["edges"][0]["node"]
            == json!({"access": "OFFENDER_SIDE", "participants": [{"role": "OFFENDER"}]}),
        "{mine}"
    );

    // Nothing: a facilitator not on the case, another supervisor, the referrer, the commissioner.
    let other_sup = app
        .login("other.supervisor@example.org", rjhub_tests::DEMO_PASSWORD)
        .await?;
    for (who, c) in [
        ("special", app.login_demo("special").await?),
        ("other supervisor", other_sup),
        ("referrer", app.login_demo("referrer").await?),
        ("commissioner", app.login_demo("commissioner").await?),
    ] {
        let r = c.gql(&q, vars.clone()).await?;
        // A supervisor is told the case is outside their work and may ask with a reason;
        // everyone else cannot tell it from a case that does not exist.
        let expected = if who == "other supervisor" {
            "JUSTIFICATION_REQUIRED"
        } else {
            "NOT_FOUND"
        };
        ensure!(
            error_code(&r).as_deref() == Some(expected) && r["data"].is_null(),
            "{who}: {r}"
        );
        for (m, v) in &attempts {
            let r = c.gql(m, v.clone()).await?;
            let code = error_code(&r);
            ensure!(
                matches!(code.as_deref(), Some("NOT_FOUND" | "FORBIDDEN")),
                "{who} {m}: {r}"
            );
            ensure!(
                VICTIM_SECRETS.iter().all(|s| !r.to_string().contains(s)),
                "{who}: {r}"
            );
        }
    }
    // Lists: every case for the co-ordinator, supervised ones for a supervisor, nothing for others.
    let list = "{ cases { edges { node { id } } } }";
    ensure!(
        app.login_demo("supervisor")
            .await?
            .data(list, json!({}))
            .await?["cases"]["edges"]
            .as_array()
            .map(Vec::len)
            == Some(1)
    );
    let other_sup = app
        .login("other.supervisor@example.org", rjhub_tests::DEMO_PASSWORD)
        .await?;
    ensure!(other_sup.data(list, json!({})).await?["cases"]["edges"] == json!([]));
    for who in [
        "volunteer",
        "partner",
        "referrer",
        "commissioner",
        "trainer",
    ] {
        let r = app.login_demo(who).await?.gql(list, json!({})).await?;
        ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{who}: {r}");
    }
    for who in ["commissioner", "trainer", "supervisor"] {
        let r = app
            .login_demo(who)
            .await?
            .gql("{ myReferrals { edges { node { id } } } }", json!({}))
            .await?;
        ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{who}: {r}");
    }
    // Anonymous: nothing at all.
    let anon = app.client();
    for (m, v) in attempts
        .iter()
        .chain([(q.as_str(), vars.clone()), (list, json!({}))].iter())
    {
        let r = anon.gql(m, v.clone()).await?;
        ensure!(
            error_code(&r).as_deref() == Some("UNAUTHENTICATED"),
            "anonymous {m}: {r}"
        );
    }
    Ok(())
}

async fn r_dp_4_reads_and_changes_of_a_case_are_audited(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let case = offender_initiated_case(&app).await?;
    let partner = app.login_demo("partner").await?;
    partner
        .data(&case_query(), json!({ "id": case.id }))
        .await?;
    let coord = app.login_demo("coordinator").await?;
    let log = coord
        .data("query($f: AuditFilterInput) { auditLog(filter: $f, first: 100) { edges { node { action actorName detail purpose } } } }", json!({ "f": { "entity": "case", "entityId": case.id } }))
        .await?;
    let entries: Vec<Value> = log["auditLog"]["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|e| e["node"].clone())
        .collect();
    let actions: Vec<&str> = entries
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    for a in [
        "create_referral",
        "assess_referral",
        "assign_supervisor",
        "assign_facilitator",
        "log_contact",
        "record_risk_assessment",
        "record_support_needs",
        "view",
        "disclose",
    ] {
        ensure!(actions.contains(&a), "{a} missing from {actions:?}");
    }
    // The partner agency's read is a disclosure of the offender side.
    ensure!(
        entries.iter().any(|e| e["action"] == "disclose"
            && e["actorName"] == "Marcus Bell"
            && e["purpose"] == "partner_disclosure"
            && e["detail"]
                .as_str()
                .unwrap_or_default()
                .contains("offender_side")),
        "{entries:?}"
    );
    // Every row says why: the reader's relationship to the case.
    ensure!(
        entries
            .iter()
            .all(|e| e["purpose"].as_str().is_some_and(|p| !p.is_empty())),
        "{entries:?}"
    );
    let text = log.to_string();
    ensure!(
        VICTIM_SECRETS.iter().all(|s| !text.contains(s)),
        "the audit log copies personal data: {text}"
    );
    for who in ["supervisor", "volunteer", "commissioner"] {
        let r = app
            .login_demo(who)
            .await?
            .gql("{ auditLog { edges { node { id } } } }", json!({}))
            .await?;
        ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{who}: {r}");
    }
    Ok(())
}

async fn r_as_1_the_coordinator_maintains_the_reason_lists(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let anon = app.client();
    let areas = anon
        .data("{ referenceData(list: AREA) { code label } }", json!({}))
        .await?;
    ensure!(
        areas["referenceData"].as_array().map(Vec::len) == Some(7),
        "{areas}"
    );
    ensure!(
        areas["referenceData"][0] == json!({"code": "cambridge", "label": "Cambridge"}),
        "{areas}"
    );
    let coord = app.login_demo("coordinator").await?;
    let d = coord.data("mutation { addReferenceItem(input: {list: REASON, label: \"Offender deported\"}) { item { id code active } } }", json!({})).await?;
    ensure!(
        d["addReferenceItem"]["item"]["code"] == "offender_deported",
        "{d}"
    );
    let dup = coord.gql("mutation { addReferenceItem(input: {list: REASON, label: \"Offender deported\"}) { item { id } } }", json!({})).await?;
    ensure!(error_code(&dup).as_deref() == Some("CONFLICT"), "{dup}");
    let item = d["addReferenceItem"]["item"]["id"].clone();
    coord.data("mutation($i: SetReferenceItemActiveInput!) { setReferenceItemActive(input: $i) { item { active } } }", json!({ "i": { "id": item, "active": false } })).await?;
    let public = anon
        .data("{ referenceData(list: REASON) { code } }", json!({}))
        .await?;
    ensure!(
        !public.to_string().contains("offender_deported"),
        "{public}"
    );
    let all = coord
        .data(
            "{ referenceData(list: REASON, includeInactive: true) { code active } }",
            json!({}),
        )
        .await?;
    ensure!(all.to_string().contains("offender_deported"), "{all}");
    let r = anon
        .gql(
            "{ referenceData(list: REASON, includeInactive: true) { code } }",
            json!({}),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{r}");
    let r = app
        .login_demo("volunteer")
        .await?
        .gql(
            "mutation { addReferenceItem(input: {list: AREA, label: \"Mars\"}) { item { id } } }",
            json!({}),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{r}");
    Ok(())
}
