//! Outcome agreements and supervisor sign-off (R-CW-5, R-CW-6).

use anyhow::{Result, ensure};
use chrono::{Duration, Utc};
use rjhub_tests::{
    DEMO_PASSWORD, DbKind, TestApp, error_code, error_field, error_message, on_both_databases,
};
use serde_json::json;

use crate::cases::{
    MOVE, RECORD_OUTCOME, allocated_case, held_conference, ready_for_intervention, user_id,
    wellbeing_call,
};

const EVIDENCE: &str = "query($c: ID!, $m: ID) { signOffEvidence(caseId: $c, kind: CONFERENCE, meetingId: $m) { item label met shows missing } }";

const AGREE: &str = "mutation($i: RecordOutcomeAgreementInput!) { recordOutcomeAgreement(input: $i) { items { id kind description dueOn } } }";
const COMPLETE: &str = "mutation($i: CompleteAgreementItemInput!) { completeAgreementItem(input: $i) { item { completedAt completionNote } } }";
const CLOSURE: &str = "mutation($i: SignOffClosureInput!) { signOffClosure(input: $i) { signOff { approved comments } case { stage } } }";

on_both_databases!(
    r_cw_5_agreement_items_are_recorded_completed_and_flagged_when_overdue,
    r_cw_6_only_the_case_supervisor_signs_off_and_a_case_cannot_close_without_it,
    r_cw_4_a_meeting_records_what_happened_and_one_already_held_can_be_entered
);

async fn r_cw_4_a_meeting_records_what_happened_and_one_already_held_can_be_entered(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    let now = Utc::now();
    app.set_now(now)?;
    let (case, participants) = at_intervention(&app).await?;
    let volunteer = app.login_demo("volunteer").await?;
    let schedule = "mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { meeting { id status awaitingOutcome } } }";
    let past = now - Duration::days(2);
    let meeting = |already: bool| {
        json!({ "i": { "caseId": case, "kind": "CONFERENCE", "alreadyHeld": already,
        "startsAt": past.to_rfc3339(), "endsAt": (past + Duration::hours(2)).to_rfc3339(),
        "venueAddress": "March Community Centre", "participantIds": participants } })
    };
    // A past time is a mistake unless the meeting is being entered afterwards.
    let r = volunteer.gql(schedule, meeting(false)).await?;
    ensure!(error_field(&r).as_deref() == Some("startsAt"), "{r}");
    let mails_before = rjhub_tests::outbox_mails(&app.data_dir()).len();
    let d = volunteer.data(schedule, meeting(true)).await?;
    let m = d["scheduleMeeting"]["meeting"].clone();
    ensure!(
        m["status"] == "SCHEDULED" && m["awaitingOutcome"] == true,
        "{d}"
    );
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    ensure!(
        rjhub_tests::outbox_mails(&app.data_dir()).len() == mails_before,
        "invites went out for a meeting that is over"
    );
    // Did not happen: the reason is required, and it is not signed off or counted as held.
    let r = volunteer
        .gql(
            RECORD_OUTCOME,
            json!({ "i": { "meetingId": m["id"], "held": false } }),
        )
        .await?;
    ensure!(error_field(&r).as_deref() == Some("note"), "{r}");
    let d = volunteer
        .data(RECORD_OUTCOME, json!({ "i": { "meetingId": m["id"], "held": false, "note": "The offender did not come" } }))
        .await?;
    ensure!(
        d["recordMeetingOutcome"]["meeting"]["status"] == "NOT_HELD"
            && d["recordMeetingOutcome"]["meeting"]["outcomeNote"] == "The offender did not come",
        "{d}"
    );
    let supervisor = app.login_demo("supervisor").await?;
    ensure!(
        supervisor
            .data("{ signOffQueue { kind } }", json!({}))
            .await?["signOffQueue"]
            == json!([]),
        "a meeting that did not happen awaits sign-off"
    );
    let r = volunteer
        .gql(MOVE, json!({ "i": { "caseId": case, "to": "OUTCOME", "reason": "No agreement was reached" } }))
        .await?;
    ensure!(error_message(&r).contains("was held"), "{r}");
    // Nobody came is not "held".
    let again = held_conference(&volunteer, &case, &[], now).await;
    ensure!(again.is_err(), "held with no participant there");
    // Held: now the outcome can be recorded, with the reason there is no agreement — and the
    // case says so, so the app can ask for it.
    held_conference(&volunteer, &case, &participants, now).await?;
    let can = volunteer
        .data(
            "query($id: ID!) { case(id: $id) { viewerCan { moves { to allowed reasonCanReplace } } } }",
            json!({ "id": case }),
        )
        .await?;
    ensure!(
        can["case"]["viewerCan"]["moves"]
            == json!([{ "to": "OUTCOME", "allowed": false, "reasonCanReplace": true }]),
        "{can}"
    );
    let d = volunteer
        .data(MOVE, json!({ "i": { "caseId": case, "to": "OUTCOME", "reason": "They talked; no agreement was reached" } }))
        .await?;
    ensure!(d["moveCase"]["case"]["stage"] == "OUTCOME", "{d}");
    // The meeting no longer moves or cancels once what happened is recorded.
    let r = volunteer
        .gql(
            "mutation($i: CancelMeetingInput!) { cancelMeeting(input: $i) { meeting { id } } }",
            json!({ "i": { "meetingId": m["id"] } }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("CONFLICT"), "{r}");
    Ok(())
}

/// A case at the intervention stage, its participants, and the supervisor assigned.
async fn at_intervention(app: &TestApp) -> Result<(String, Vec<String>)> {
    let coord = app.login_demo("coordinator").await?;
    let (id, participants) = allocated_case(app, &coord).await?;
    coord
        .data(
            "mutation($i: AssignSupervisorInput!) { assignSupervisor(input: $i) { case { id } } }",
            json!({ "i": { "caseId": id, "supervisorId": user_id(app, "supervisor").await? } }),
        )
        .await?;
    coord
        .data(MOVE, json!({ "i": { "caseId": id, "to": "PREPARATION" } }))
        .await?;
    ready_for_intervention(app, &coord, &id, &participants).await?;
    coord
        .data(MOVE, json!({ "i": { "caseId": id, "to": "INTERVENTION" } }))
        .await?;
    Ok((id, participants))
}

async fn r_cw_5_agreement_items_are_recorded_completed_and_flagged_when_overdue(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    let now = Utc::now();
    app.set_now(now)?;
    let (case, participants) = at_intervention(&app).await?;
    let volunteer = app.login_demo("volunteer").await?;
    let d = volunteer
        .data(AGREE, json!({ "i": { "caseId": case, "items": [
            { "kind": "APOLOGY", "responsibleParticipantId": participants[1], "description": "Written apology to the household", "dueOn": (now + Duration::days(7)).date_naive().to_string() },
            { "kind": "REPARATION", "responsibleParticipantId": participants[1], "description": "Repair the shed door", "dueOn": (now + Duration::days(14)).date_naive().to_string() },
        ] } }))
        .await?;
    let items = d["recordOutcomeAgreement"]["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    ensure!(items.len() == 2, "{d}");
    let r = volunteer
        .gql(AGREE, json!({ "i": { "caseId": case, "items": [] } }))
        .await?;
    ensure!(error_field(&r).as_deref() == Some("items"), "{r}");
    let r = volunteer.gql(AGREE, json!({ "i": { "caseId": case, "items": [{ "kind": "OTHER", "description": "x", "dueOn": "2001-01-01" }] } })).await?;
    ensure!(error_field(&r).as_deref() == Some("dueOn"), "{r}");
    let first = items[0]["id"].clone();
    let done = volunteer
        .data(
            COMPLETE,
            json!({ "i": { "itemId": first, "note": "Letter received and read" } }),
        )
        .await?;
    ensure!(
        done["completeAgreementItem"]["item"]["completionNote"] == "Letter received and read",
        "{done}"
    );
    // Completing again (a replay from an offline phone) changes nothing.
    let again = volunteer
        .data(
            COMPLETE,
            json!({ "i": { "itemId": first, "note": "again" } }),
        )
        .await?;
    ensure!(
        again["completeAgreementItem"]["item"] == done["completeAgreementItem"]["item"],
        "{again}"
    );
    // Past its due date, the open item is flagged to the co-ordinator.
    app.set_now(now + Duration::days(15))?;
    let coord = app.login_demo("coordinator").await?;
    let overdue = coord
        .data(
            "{ overdueAgreementItems { caseReference item { description overdue } } }",
            json!({}),
        )
        .await?;
    let list = overdue["overdueAgreementItems"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    ensure!(
        list.len() == 1
            && list[0]["item"]["description"] == "Repair the shed door"
            && list[0]["item"]["overdue"] == true,
        "{overdue}"
    );
    let r = app
        .login_demo("volunteer")
        .await?
        .gql("{ overdueAgreementItems { caseReference } }", json!({}))
        .await?;
    ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{r}");
    Ok(())
}

async fn r_cw_6_only_the_case_supervisor_signs_off_and_a_case_cannot_close_without_it(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    let now = Utc::now();
    app.set_now(now)?;
    app.create_user(
        "other.sup@example.org",
        "Other Supervisor",
        &["supervisor"],
        None,
        None,
    )
    .await?;
    let (case, participants) = at_intervention(&app).await?;
    let volunteer = app.login_demo("volunteer").await?;
    // A conference in an hour: once its time has passed it still counts for nothing until
    // someone records what happened.
    let starts = now + Duration::hours(1);
    let m = volunteer
        .data("mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { meeting { id } } }",
            json!({ "i": { "caseId": case, "kind": "CONFERENCE", "startsAt": starts.to_rfc3339(), "endsAt": (starts + Duration::hours(2)).to_rfc3339(), "venueAddress": "Wisbech Library", "participantIds": participants } }))
        .await?;
    let meeting = m["scheduleMeeting"]["meeting"]["id"].clone();
    let early = volunteer
        .gql(
            RECORD_OUTCOME,
            json!({ "i": { "meetingId": meeting, "held": true, "attendedIds": participants } }),
        )
        .await?;
    ensure!(
        error_field(&early).as_deref() == Some("meetingId"),
        "recorded before it began: {early}"
    );
    let later = now + Duration::days(1);
    app.set_now(later)?;
    let supervisor = app.login_demo("supervisor").await?;
    let queue = supervisor
        .data("{ signOffQueue { kind meetingId case { id } } }", json!({}))
        .await?;
    ensure!(
        queue["signOffQueue"] == json!([]),
        "counted as held from its start time: {queue}"
    );
    let ticked = json!({ "riskReviewed": true, "consentConfirmed": true, "agreementRecorded": true, "wellbeingFollowUp": true });
    let conf = "mutation($i: SignOffConferenceInput!) { signOffConference(input: $i) { signOff { approved } } }";
    let r = supervisor.gql(conf, json!({ "i": { "caseId": case, "meetingId": meeting, "checklist": ticked, "approve": true } })).await?;
    ensure!(error_field(&r).as_deref() == Some("meetingId"), "{r}");
    // Held, with the victim only (a participant id that was not invited is refused).
    let volunteer = app.login_demo("volunteer").await?;
    let stranger = volunteer
        .gql(
            RECORD_OUTCOME,
            json!({ "i": { "meetingId": meeting, "held": true, "attendedIds": [case] } }),
        )
        .await?;
    ensure!(
        error_field(&stranger).as_deref() == Some("attendedIds"),
        "{stranger}"
    );
    let held = volunteer
        .data(RECORD_OUTCOME, json!({ "i": { "meetingId": meeting, "held": true, "attendedIds": [participants[0]], "note": "Went well" } }))
        .await?;
    let attendees = &held["recordMeetingOutcome"]["meeting"]["attendees"];
    ensure!(
        held["recordMeetingOutcome"]["meeting"]["status"] == "HELD"
            && attendees.as_array().is_some_and(|a| a
                .iter()
                .filter(|x| x["attended"] == true)
                .count()
                == 1),
        "{held}"
    );
    let queue = supervisor
        .data("{ signOffQueue { kind meetingId case { id } } }", json!({}))
        .await?;
    ensure!(
        queue["signOffQueue"]
            == json!([{ "kind": "CONFERENCE", "meetingId": meeting, "case": { "id": case } }]),
        "{queue}"
    );
    // The evidence: risk and consent are on the record; no agreement, no contact since.
    let ev = supervisor
        .data(EVIDENCE, json!({ "c": case, "m": meeting }))
        .await?;
    let met: Vec<(String, bool)> = ev["signOffEvidence"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|e| {
            (
                e["item"].as_str().unwrap_or_default().to_string(),
                e["met"] == true,
            )
        })
        .collect();
    ensure!(
        met == [
            ("risk_reviewed".to_string(), true),
            ("consent_confirmed".to_string(), true),
            ("agreement_recorded".to_string(), false),
            ("wellbeing_follow_up".to_string(), false)
        ],
        "{ev}"
    );
    ensure!(
        ev.to_string().contains("Risk assessed on")
            && ev.to_string().contains("agreed to take part"),
        "the evidence does not show the record: {ev}"
    );
    let r = supervisor.gql(conf, json!({ "i": { "caseId": case, "meetingId": meeting, "checklist": ticked, "approve": true } })).await?;
    ensure!(
        error_field(&r).as_deref() == Some("checklist.agreementRecorded"),
        "ticked without evidence: {r}"
    );
    let partly = json!({ "riskReviewed": true, "consentConfirmed": false, "agreementRecorded": true, "wellbeingFollowUp": true });
    let r = supervisor.gql(conf, json!({ "i": { "caseId": case, "meetingId": meeting, "checklist": partly, "approve": true } })).await?;
    ensure!(error_field(&r).as_deref() == Some("checklist"), "{r}");
    // The outcome stage waits for the agreement too.
    let r = volunteer
        .gql(MOVE, json!({ "i": { "caseId": case, "to": "OUTCOME" } }))
        .await?;
    ensure!(
        error_message(&r).contains("record the outcome agreement"),
        "{r}"
    );
    volunteer
        .data(AGREE, json!({ "i": { "caseId": case, "meetingId": meeting, "items": [
            { "kind": "APOLOGY", "responsibleParticipantId": participants[1], "description": "Written apology to the household" } ] } }))
        .await?;
    wellbeing_call(&volunteer, &case).await?;
    supervisor.data(conf, json!({ "i": { "caseId": case, "meetingId": meeting, "checklist": ticked, "approve": true } })).await?;
    ensure!(
        supervisor
            .data("{ signOffQueue { kind } }", json!({}))
            .await?["signOffQueue"]
            == json!([])
    );
    // Signed off: what happened can no longer be changed.
    let r = volunteer
        .gql(
            RECORD_OUTCOME,
            json!({ "i": { "meetingId": meeting, "held": false, "note": "Changed my mind" } }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("CONFLICT"), "{r}");

    for to in ["OUTCOME", "FOLLOW_UP"] {
        volunteer
            .data(MOVE, json!({ "i": { "caseId": case, "to": to } }))
            .await?;
    }
    // The closure's wellbeing item needs a contact since the outcome.
    let supervisor = app.login_demo("supervisor").await?;
    let r = supervisor
        .gql(
            CLOSURE,
            json!({ "i": { "caseId": case, "checklist": ticked, "approve": true } }),
        )
        .await?;
    ensure!(
        error_field(&r).as_deref() == Some("checklist.wellbeingFollowUp"),
        "{r}"
    );
    app.set_now(later + Duration::minutes(10))?;
    wellbeing_call(&volunteer, &case).await?;
    // Only this case's supervisor: not another supervisor, the co-ordinator or the facilitator.
    for (who, c) in [
        (
            "other supervisor",
            app.login("other.sup@example.org", DEMO_PASSWORD).await?,
        ),
        ("co-ordinator", app.login_demo("coordinator").await?),
        ("volunteer", app.login_demo("volunteer").await?),
    ] {
        let r = c
            .gql(
                CLOSURE,
                json!({ "i": { "caseId": case, "checklist": ticked, "approve": true } }),
            )
            .await?;
        ensure!(
            matches!(error_code(&r).as_deref(), Some("FORBIDDEN" | "NOT_FOUND")),
            "{who}: {r}"
        );
    }
    let supervisor = app.login_demo("supervisor").await?;
    let r = supervisor
        .gql(
            CLOSURE,
            json!({ "i": { "caseId": case, "checklist": ticked, "approve": false } }),
        )
        .await?;
    ensure!(error_field(&r).as_deref() == Some("comments"), "{r}");
    let back = supervisor.data(CLOSURE, json!({ "i": { "caseId": case, "checklist": partly, "approve": false, "comments": "Arrange the wellbeing call first" } })).await?;
    ensure!(
        back["signOffClosure"]["case"]["stage"] == "FOLLOW_UP",
        "{back}"
    );
    let closed = supervisor
        .data(
            CLOSURE,
            json!({ "i": { "caseId": case, "checklist": ticked, "approve": true } }),
        )
        .await?;
    ensure!(
        closed["signOffClosure"]["case"]["stage"] == "CLOSED",
        "{closed}"
    );
    let history = supervisor
        .data(
            "query($id: ID!) { signOffs(caseId: $id) { kind approved comments } }",
            json!({ "id": case }),
        )
        .await?;
    ensure!(
        history["signOffs"].as_array().map(Vec::len) == Some(3),
        "{history}"
    );
    Ok(())
}
