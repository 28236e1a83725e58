//! `Case.viewerCan` is the server's own answer to "what may I do now" (R-CW-1, R-DP-2): for each
//! stage and each reader, every move it offers as allowed succeeds, and every other `moveCase`
//! is refused — so the app, which shows exactly `viewerCan`, never offers what the server
//! refuses (a co-ordinator was once offered "Move to Closed").

use anyhow::{Result, ensure};
use chrono::{Duration, Utc};
use rjhub_tests::{Client, DbKind, TestApp, error_code, on_both_databases};
use serde_json::{Value, json};

use crate::cases::{ASSESS, ASSIGN, MOVE, held_and_agreed, user_id, wellbeing_call};
use crate::intake::CREATE_REFERRAL;

on_both_databases!(r_cw_1_viewer_can_offers_exactly_the_moves_the_server_accepts);

const STAGES: &[&str] = &[
    "ENQUIRY",
    "REFERRAL",
    "ASSESSMENT",
    "NOT_SUITABLE",
    "ALLOCATED",
    "PREPARATION",
    "INTERVENTION",
    "OUTCOME",
    "FOLLOW_UP",
    "CLOSED",
    "WITHDRAWN",
];

/// The readers: the co-ordinator, the case's supervisor, its lead, the partner agency that
/// referred it (offender side), and a facilitator not on it.
const READERS: &[&str] = &[
    "coordinator",
    "supervisor",
    "volunteer",
    "partner",
    "special",
];

const CAN: &str = "query($id: ID!) { case(id: $id) { stage viewerCan { work withdraw moves { to allowed blockers } } } }";

struct World<'a> {
    app: &'a TestApp,
    coord: Client,
    partner: Client,
    volunteer: Client,
    supervisor: Client,
    ids: (String, String),
}

impl World<'_> {
    /// A new case brought to `stage` the way people would: an offender-initiated referral from
    /// the Youth Offending Service (an enquiry is the co-ordinator's), assessed, supervised and
    /// led by the demo volunteer once allocated.
    async fn case_at(&self, stage: &str) -> Result<String> {
        let coord = &self.coord;
        if stage == "ENQUIRY" {
            let d = coord.data("mutation($i: CreateEnquiryInput!) { createEnquiry(input: $i) { case { id } } }", json!({ "i": { "person": { "fullName": "Sam Asker", "phone": "01632 960001", "contactChannels": ["PHONE"] }, "role": "VICTIM", "referralSource": "victims_hub" } })).await?;
            return Ok(d["createEnquiry"]["case"]["id"]
                .as_str()
                .unwrap_or_default()
                .to_string());
        }
        let d = self.partner.data(CREATE_REFERRAL, json!({ "i": {
            "referralSource": "youth_offending_service", "offenderInitiated": true, "consentConfirmed": true, "offenderIdentified": true,
            "offender": { "fullName": "Owen Moves", "phone": "07700 900777", "contactChannels": ["PHONE"] },
            "victim": { "fullName": "Vera Moves", "phone": "07700 900778", "contactChannels": ["PHONE"] },
            "offence": { "offenceCategory": "robbery", "area": "fenland" } } })).await?;
        let id = d["createReferral"]["referral"]["id"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let (volunteer_id, supervisor_id) = &self.ids;
        let step = |stage: &str| STAGES.iter().position(|s| *s == stage).unwrap_or(0);
        let at = step(stage);
        if stage == "REFERRAL" {
            return Ok(id);
        }
        if stage == "NOT_SUITABLE" {
            coord.data(ASSESS, json!({ "i": { "caseId": id, "suitable": false, "reasonCode": "other", "notes": "Not now" } })).await?;
            return Ok(id);
        }
        coord
            .data(ASSESS, json!({ "i": { "caseId": id, "suitable": true } }))
            .await?;
        coord.data("mutation($i: AssignSupervisorInput!) { assignSupervisor(input: $i) { case { id } } }", json!({ "i": { "caseId": id, "supervisorId": supervisor_id } })).await?;
        if stage == "ASSESSMENT" {
            return Ok(id);
        }
        if stage == "WITHDRAWN" {
            coord.data("mutation($i: WithdrawCaseInput!) { withdrawCase(input: $i) { case { id } } }", json!({ "i": { "caseId": id, "reasonCode": "other", "reasonText": "They moved away" } })).await?;
            return Ok(id);
        }
        coord
            .data(
                ASSIGN,
                json!({ "i": { "caseId": id, "facilitatorId": volunteer_id, "role": "LEAD" } }),
            )
            .await?;
        if at >= step("PREPARATION") {
            self.volunteer
                .data(MOVE, json!({ "i": { "caseId": id, "to": "PREPARATION" } }))
                .await?;
        }
        if at >= step("INTERVENTION") {
            let c = coord
                .data(
                    "query($id: ID!) { case(id: $id) { participants { id } } }",
                    json!({ "id": id }),
                )
                .await?;
            for p in c["case"]["participants"]
                .as_array()
                .cloned()
                .unwrap_or_default()
            {
                self.volunteer.data("mutation($i: RecordConsentInput!) { recordConsent(input: $i) { consents { id } } }", json!({ "i": { "caseId": id, "participantId": p["id"], "purpose": "TAKING_PART", "given": true, "method": "VERBAL" } })).await?;
            }
            let review = (Utc::now() + Duration::days(30)).date_naive().to_string();
            self.volunteer.data("mutation($i: RecordRiskAssessmentInput!) { recordRiskAssessment(input: $i) { riskAssessment { id } } }", json!({ "i": { "caseId": id, "riskTo": ["VICTIM"], "level": "LOW", "reviewOn": review } })).await?;
            self.volunteer
                .data(MOVE, json!({ "i": { "caseId": id, "to": "INTERVENTION" } }))
                .await?;
            // The conference has been held and something agreed: the outcome can follow.
            let ids: Vec<String> = c["case"]["participants"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .filter_map(|p| p["id"].as_str().map(str::to_string))
                .collect();
            held_and_agreed(&self.volunteer, &id, &ids, Utc::now()).await?;
        }
        for next in ["OUTCOME", "FOLLOW_UP"] {
            if at >= step(next) {
                self.volunteer
                    .data(MOVE, json!({ "i": { "caseId": id, "to": next } }))
                    .await?;
            }
        }
        if stage == "CLOSED" {
            wellbeing_call(&self.volunteer, &id).await?;
            let ticked = json!({ "riskReviewed": true, "consentConfirmed": true, "agreementRecorded": true, "wellbeingFollowUp": true });
            self.supervisor.data("mutation($i: SignOffClosureInput!) { signOffClosure(input: $i) { case { stage } } }", json!({ "i": { "caseId": id, "checklist": ticked, "approve": true } })).await?;
        }
        let _ = self.app;
        Ok(id)
    }
}

fn offered(r: &Value) -> Vec<(String, bool)> {
    r["data"]["case"]["viewerCan"]["moves"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|m| {
            (
                m["to"].as_str().unwrap_or_default().to_string(),
                m["allowed"] == true,
            )
        })
        .collect()
}

async fn r_cw_1_viewer_can_offers_exactly_the_moves_the_server_accepts(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let world = World {
        coord: app.login_demo("coordinator").await?,
        partner: app.login_demo("partner").await?,
        volunteer: app.login_demo("volunteer").await?,
        supervisor: app.login_demo("supervisor").await?,
        ids: (
            user_id(&app, "volunteer").await?,
            user_id(&app, "supervisor").await?,
        ),
        app: &app,
    };
    let mut readers = Vec::new();
    for who in READERS {
        readers.push((*who, app.login_demo(who).await?));
    }
    let mut accepted = 0;
    for stage in STAGES {
        let case = world.case_at(stage).await?;
        let mut to_try: Vec<(&str, String)> = Vec::new();
        for (who, c) in &readers {
            let r = c.gql(CAN, json!({ "id": case })).await?;
            let offers = if r["data"].is_null() {
                Vec::new()
            } else {
                ensure!(r["data"]["case"]["stage"] == *stage, "{stage}: {r}");
                offered(&r)
            };
            // Closing is the supervisor's sign-off and never a move.
            ensure!(
                offers.iter().all(|(to, _)| to != "CLOSED"),
                "{who} at {stage} is offered Closed: {r}"
            );
            // Every move not offered as allowed is refused, and changes nothing.
            for to in STAGES {
                if offers.iter().any(|(o, ok)| o == to && *ok) {
                    continue;
                }
                let m = c
                    .gql(MOVE, json!({ "i": { "caseId": case, "to": to } }))
                    .await?;
                ensure!(
                    error_code(&m).is_some() && m["data"].is_null(),
                    "{who} at {stage}: moveCase to {to} was not offered but succeeded: {m}"
                );
            }
            for (to, ok) in offers {
                if ok {
                    to_try.push((who, to));
                }
            }
        }
        // Every move offered as allowed succeeds (each on a case of its own at this stage).
        for (who, to) in to_try {
            let fresh = world.case_at(stage).await?;
            let c = &readers
                .iter()
                .find(|(w, _)| *w == who)
                .map(|(_, c)| c.clone());
            let Some(c) = c else { continue };
            let m = c
                .gql(MOVE, json!({ "i": { "caseId": fresh, "to": to } }))
                .await?;
            ensure!(
                m["data"]["moveCase"]["case"]["stage"] == to.as_str(),
                "{who} at {stage} was offered {to}, but: {m}"
            );
            accepted += 1;
        }
    }
    // The offers are not empty: the work moves forward at each open stage.
    // Referral → assessment (the co-ordinator); allocated → preparation, intervention → outcome
    // and outcome → follow-up (the co-ordinator and the lead); preparation → intervention waits
    // for its blockers.
    ensure!(accepted == 7, "{accepted} moves were offered and made");
    Ok(())
}
