//! Outcome agreements and supervisor sign-off (R-CW-5, R-CW-6).

use anyhow::{Result, ensure};
use chrono::{Duration, Utc};
use rjhub_tests::{DEMO_PASSWORD, DbKind, TestApp, error_code, error_field, on_both_databases};
use serde_json::json;

use crate::cases::{MOVE, allocated_case, ready_for_intervention, user_id};

const AGREE: &str = "mutation($i: RecordOutcomeAgreementInput!) { recordOutcomeAgreement(input: $i) { items { id kind description dueOn } } }";
const COMPLETE: &str = "mutation($i: CompleteAgreementItemInput!) { completeAgreementItem(input: $i) { item { completedAt completionNote } } }";
const CLOSURE: &str = "mutation($i: SignOffClosureInput!) { signOffClosure(input: $i) { signOff { approved comments } case { stage } } }";

on_both_databases!(
    r_cw_5_agreement_items_are_recorded_completed_and_flagged_when_overdue,
    r_cw_6_only_the_case_supervisor_signs_off_and_a_case_cannot_close_without_it
);

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
    let (case, _) = at_intervention(&app).await?;
    let volunteer = app.login_demo("volunteer").await?;
    // A conference held yesterday awaits the supervisor's sign-off.
    let starts = now + Duration::hours(1);
    let m = volunteer
        .data("mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { meeting { id } } }",
            json!({ "i": { "caseId": case, "kind": "CONFERENCE", "startsAt": starts.to_rfc3339(), "endsAt": (starts + Duration::hours(2)).to_rfc3339(), "venueAddress": "Wisbech Library" } }))
        .await?;
    let meeting = m["scheduleMeeting"]["meeting"]["id"].clone();
    app.set_now(now + Duration::days(1))?;
    let supervisor = app.login_demo("supervisor").await?;
    let queue = supervisor
        .data("{ signOffQueue { kind meetingId case { id } } }", json!({}))
        .await?;
    ensure!(
        queue["signOffQueue"]
            == json!([{ "kind": "CONFERENCE", "meetingId": meeting, "case": { "id": case } }]),
        "{queue}"
    );
    let ticked = json!({ "riskReviewed": true, "consentConfirmed": true, "agreementRecorded": true, "wellbeingFollowUp": true });
    let partly = json!({ "riskReviewed": true, "consentConfirmed": false, "agreementRecorded": true, "wellbeingFollowUp": true });
    let conf = "mutation($i: SignOffConferenceInput!) { signOffConference(input: $i) { signOff { approved } } }";
    let r = supervisor.gql(conf, json!({ "i": { "caseId": case, "meetingId": meeting, "checklist": partly, "approve": true } })).await?;
    ensure!(error_field(&r).as_deref() == Some("checklist"), "{r}");
    supervisor.data(conf, json!({ "i": { "caseId": case, "meetingId": meeting, "checklist": ticked, "approve": true } })).await?;
    ensure!(
        supervisor
            .data("{ signOffQueue { kind } }", json!({}))
            .await?["signOffQueue"]
            == json!([])
    );

    let volunteer = app.login_demo("volunteer").await?;
    for to in ["OUTCOME", "FOLLOW_UP"] {
        volunteer
            .data(MOVE, json!({ "i": { "caseId": case, "to": to } }))
            .await?;
    }
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
