//! Training, accreditation, supervision and the volunteer bank (R-TR-1…5, R-RP-11, R-ST-1).

use anyhow::{Result, ensure};
use chrono::{Duration, Utc};
use rjhub_tests::{
    DEMO_PASSWORD, DbKind, TestApp, error_code, error_field, eventually, on_both_databases,
    outbox_mails,
};
use serde_json::{Value, json};

use crate::cases::{ASSESS, ASSIGN, MOVE, ready_for_intervention, user_id};
use crate::intake::{SELF_REFERRAL, self_referral};

const ACCREDIT: &str = "mutation($i: RecordAccreditationInput!) { recordAccreditation(input: $i) { accreditation { id level expiresOn current } } }";
const RECORD: &str = "query($id: ID!) { facilitatorRecord(userId: $id) { eligibleForAllocation accreditations { level current expiresOn }
  training { courseTitle status } supervision { kind notes actions supervisorName } developmentPlan } }";

fn days_ago(n: i64) -> String {
    (Utc::now() - Duration::days(n)).date_naive().to_string()
}

on_both_databases!(
    r_tr_2_only_a_qualified_trainer_records_an_accreditation,
    r_tr_2_only_currently_accredited_facilitators_can_be_allocated,
    r_tr_1_courses_sessions_and_attendance,
    r_tr_4_supervision_notes_are_private,
    r_tr_5_applicants_move_through_recruitment_and_are_invited_when_active,
    r_tr_3_volunteer_compliance_figures_are_exact,
);

async fn r_tr_2_only_a_qualified_trainer_records_an_accreditation(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let newcomer = app
        .create_user(
            "new.facilitator@example.org",
            "New Facilitator",
            &["facilitator"],
            Some("volunteer"),
            None,
        )
        .await?;
    let input = |body: &str| json!({ "i": { "facilitatorId": newcomer, "level": "PRACTITIONER", "awardingBody": body, "awardedOn": days_ago(3) } });
    // The demo trainer holds a current trainer accreditation from the RJC.
    let trainer = app.login_demo("trainer").await?;
    let d = trainer.data(ACCREDIT, input("rjc")).await?;
    let a = &d["recordAccreditation"]["accreditation"];
    ensure!(a["level"] == "PRACTITIONER" && a["current"] == true, "{d}");
    // Two years by default.
    let expected = (Utc::now() - Duration::days(3))
        .date_naive()
        .checked_add_months(chrono::Months::new(24))
        .map(|d| d.to_string());
    ensure!(
        a["expiresOn"].as_str().map(str::to_string) == expected,
        "{d}"
    );
    let r = trainer.gql(ACCREDIT, input("a_diploma_mill")).await?;
    ensure!(error_field(&r).as_deref() == Some("awardingBody"), "{r}");
    // Nobody else may, and a trainer whose own accreditation has lapsed may not either.
    for who in [
        "volunteer",
        "supervisor",
        "referrer",
        "commissioner",
        "partner",
    ] {
        let r = app
            .login_demo(who)
            .await?
            .gql(ACCREDIT, input("rjc"))
            .await?;
        ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{who}: {r}");
    }
    let lapsed = app
        .create_user(
            "lapsed.trainer@example.org",
            "Lapsed Trainer",
            &["trainer"],
            None,
            None,
        )
        .await?;
    let coord = app.login_demo("coordinator").await?;
    coord.data(ACCREDIT, json!({ "i": { "facilitatorId": lapsed, "level": "TRAINER", "awardingBody": "rjc", "awardedOn": days_ago(800), "expiresOn": days_ago(70) } })).await?;
    let r = app
        .login("lapsed.trainer@example.org", DEMO_PASSWORD)
        .await?
        .gql(ACCREDIT, input("rjc"))
        .await?;
    ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{r}");
    // The co-ordinator records external awards.
    coord.data(ACCREDIT, json!({ "i": { "facilitatorId": newcomer, "level": "AWARENESS", "awardingBody": "restorative_solutions", "awardedOn": days_ago(1) } })).await?;
    let r = coord.gql(ACCREDIT, json!({ "i": { "facilitatorId": newcomer, "level": "AWARENESS", "awardingBody": "rjc", "awardedOn": days_ago(-5) } })).await?;
    ensure!(error_field(&r).as_deref() == Some("awardedOn"), "{r}");
    Ok(())
}

async fn r_tr_2_only_currently_accredited_facilitators_can_be_allocated(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let now = Utc::now();
    app.set_now(now)?;
    let unaccredited = app
        .create_user(
            "fresh@example.org",
            "Fresh Volunteer",
            &["facilitator"],
            Some("volunteer"),
            None,
        )
        .await?;
    app.client()
        .data(SELF_REFERRAL, json!({ "i": self_referral("Jo Victim") }))
        .await?;
    let coord = app.login_demo("coordinator").await?;
    let id = coord
        .data("{ cases { edges { node { id } } } }", json!({}))
        .await?["cases"]["edges"][0]["node"]["id"]
        .clone();
    coord
        .data(ASSESS, json!({ "i": { "caseId": id, "suitable": true } }))
        .await?;
    let r = coord
        .gql(
            ASSIGN,
            json!({ "i": { "caseId": id, "facilitatorId": unaccredited, "role": "LEAD" } }),
        )
        .await?;
    ensure!(
        error_field(&r).as_deref() == Some("facilitatorId")
            && r["errors"][0]["message"]
                .as_str()
                .unwrap_or_default()
                .contains("accreditation"),
        "{r}"
    );
    // Awareness is not enough to facilitate.
    coord.data(ACCREDIT, json!({ "i": { "facilitatorId": unaccredited, "level": "AWARENESS", "awardingBody": "rjc", "awardedOn": days_ago(10) } })).await?;
    let r = coord
        .gql(
            ASSIGN,
            json!({ "i": { "caseId": id, "facilitatorId": unaccredited, "role": "LEAD" } }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("VALIDATION"), "{r}");
    let record = coord.data(RECORD, json!({ "id": unaccredited })).await?;
    ensure!(
        record["facilitatorRecord"]["eligibleForAllocation"] == false,
        "{record}"
    );
    // A practitioner accreditation that expires in 20 days makes them eligible now…
    coord.data(ACCREDIT, json!({ "i": { "facilitatorId": unaccredited, "level": "PRACTITIONER", "awardingBody": "rjc", "awardedOn": days_ago(710), "expiresOn": (now + Duration::days(20)).date_naive().to_string() } })).await?;
    let record = coord.data(RECORD, json!({ "id": unaccredited })).await?;
    ensure!(
        record["facilitatorRecord"]["eligibleForAllocation"] == true,
        "{record}"
    );
    // …and the facilitator and the co-ordinator are reminded before it expires, once.
    let mail = eventually("the expiry reminder", || {
        outbox_mails(&app.data_dir())
            .into_iter()
            .find(|m| m.contains("fresh@example.org") && m.contains("expires"))
    })
    .await?;
    ensure!(
        mail.contains("practitioner accreditation expires"),
        "{mail}"
    );
    eventually("the co-ordinator's copy", || {
        outbox_mails(&app.data_dir())
            .into_iter()
            .find(|m| m.contains("coordinator@demo.rjhub.test") && m.contains("Fresh Volunteer"))
    })
    .await?;
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    let reminders = outbox_mails(&app.data_dir())
        .into_iter()
        .filter(|m| m.contains("To: fresh@example.org"))
        .count();
    ensure!(reminders == 1, "{reminders} reminders sent");
    // After it expires they can no longer be allocated.
    app.set_now(now + Duration::days(21))?;
    let coord = app.login_demo("coordinator").await?;
    let record = coord.data(RECORD, json!({ "id": unaccredited })).await?;
    let r = coord
        .gql(
            ASSIGN,
            json!({ "i": { "caseId": id, "facilitatorId": unaccredited, "role": "LEAD" } }),
        )
        .await?;
    ensure!(
        error_code(&r).as_deref() == Some("VALIDATION"),
        "{r} {record}"
    );
    coord.data(ASSIGN, json!({ "i": { "caseId": id, "facilitatorId": user_id(&app, "volunteer").await?, "role": "LEAD" } })).await?;
    Ok(())
}

async fn r_tr_1_courses_sessions_and_attendance(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let now = Utc::now();
    let trainer = app.login_demo("trainer").await?;
    let d = trainer
        .data(
            "mutation { createCourse(input: {kind: PRACTITIONER}) { course { id title kind } } }",
            json!({}),
        )
        .await?;
    ensure!(
        d["createCourse"]["course"]["title"] == "Restorative justice practitioner (3 days)",
        "{d}"
    );
    let course = d["createCourse"]["course"]["id"].clone();
    let volunteer = user_id(&app, "volunteer").await?;
    let special = user_id(&app, "special").await?;
    let start = (now - Duration::hours(2)).to_rfc3339();
    let end = (now + Duration::hours(5)).to_rfc3339();
    let d = trainer
        .data("mutation($i: ScheduleCourseSessionInput!) { scheduleCourseSession(input: $i) { session { id trainerName attendees { name status } } } }",
            json!({ "i": { "courseId": course, "startsAt": start, "endsAt": end, "venue": "Parkside Police Station, Cambridge", "attendeeIds": [volunteer, special] } }))
        .await?;
    let session = d["scheduleCourseSession"]["session"]["id"].clone();
    ensure!(
        d["scheduleCourseSession"]["session"]["trainerName"] == "Helen Okafor",
        "{d}"
    );
    let att = "mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { session { attendees { name status } } } }";
    trainer
        .data(
            att,
            json!({ "i": { "sessionId": session, "userId": volunteer, "attended": true } }),
        )
        .await?;
    // Replaying the same answer (an offline phone catching up) changes nothing.
    trainer
        .data(
            att,
            json!({ "i": { "sessionId": session, "userId": volunteer, "attended": true } }),
        )
        .await?;
    let d = trainer
        .data(
            att,
            json!({ "i": { "sessionId": session, "userId": special, "attended": false } }),
        )
        .await?;
    ensure!(
        d["recordAttendance"]["session"]["attendees"]
            == json!([{"name": "Agnieszka Nowak", "status": "ATTENDED"}, {"name": "Tom Harding", "status": "ABSENT"}]),
        "{d}"
    );
    let mine = app
        .login_demo("volunteer")
        .await?
        .data(
            "{ myRecord { training { courseTitle status } } }",
            json!({}),
        )
        .await?;
    ensure!(
        mine["myRecord"]["training"]
            == json!([{"courseTitle": "Restorative justice practitioner (3 days)", "status": "ATTENDED"}]),
        "{mine}"
    );
    let r = trainer.gql("mutation($i: ScheduleCourseSessionInput!) { scheduleCourseSession(input: $i) { session { id } } }", json!({ "i": { "courseId": course, "startsAt": end, "endsAt": start, "venue": "x" } })).await?;
    ensure!(error_field(&r).as_deref() == Some("endsAt"), "{r}");
    for who in ["volunteer", "supervisor", "commissioner"] {
        let r = app
            .login_demo(who)
            .await?
            .gql(
                "mutation { createCourse(input: {kind: REFRESHER}) { course { id } } }",
                json!({}),
            )
            .await?;
        ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{who}: {r}");
    }
    Ok(())
}

async fn r_tr_4_supervision_notes_are_private(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    app.create_user(
        "second.supervisor@example.org",
        "Second Supervisor",
        &["supervisor"],
        None,
        None,
    )
    .await?;
    let volunteer = user_id(&app, "volunteer").await?;
    let sup = app.login_demo("supervisor").await?;
    sup.data("mutation($i: RecordSupervisionInput!) { recordSupervision(input: $i) { supervision { id } } }",
        json!({ "i": { "facilitatorId": volunteer, "heldOn": days_ago(1), "kind": "ONE_TO_ONE", "notes": "Finding the Okoro case heavy going.", "actions": "Book a debrief" } })).await?;
    sup.data("mutation($i: SetDevelopmentPlanInput!) { setDevelopmentPlan(input: $i) { plan } }", json!({ "i": { "facilitatorId": volunteer, "plan": "Co-facilitate two community conferences." } })).await?;
    let own = app
        .login_demo("volunteer")
        .await?
        .data(RECORD, json!({ "id": volunteer }))
        .await?;
    ensure!(
        own["facilitatorRecord"]["supervision"][0]["notes"]
            == "Finding the Okoro case heavy going.",
        "{own}"
    );
    ensure!(
        own["facilitatorRecord"]["developmentPlan"] == "Co-facilitate two community conferences.",
        "{own}"
    );
    let coord = app
        .login_demo("coordinator")
        .await?
        .data(RECORD, json!({ "id": volunteer }))
        .await?;
    ensure!(
        coord["facilitatorRecord"]["supervision"][0]["actions"] == "Book a debrief",
        "{coord}"
    );
    let other = app
        .login("second.supervisor@example.org", DEMO_PASSWORD)
        .await?
        .data(RECORD, json!({ "id": volunteer }))
        .await?;
    ensure!(
        other["facilitatorRecord"]["supervision"][0]["notes"].is_null()
            && other["facilitatorRecord"]["supervision"][0]["kind"] == "ONE_TO_ONE",
        "{other}"
    );
    // Another facilitator sees nothing of it; only supervisors record supervision.
    let r = app
        .login_demo("special")
        .await?
        .gql(RECORD, json!({ "id": volunteer }))
        .await?;
    ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{r}");
    let r = app.login_demo("trainer").await?.gql("mutation($i: RecordSupervisionInput!) { recordSupervision(input: $i) { supervision { id } } }",
        json!({ "i": { "facilitatorId": volunteer, "heldOn": days_ago(1), "kind": "GROUP" } })).await?;
    ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{r}");
    Ok(())
}

async fn r_tr_5_applicants_move_through_recruitment_and_are_invited_when_active(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let d = coord.data("mutation($i: CreateApplicantInput!) { createApplicant(input: $i) { applicant { id stage } } }",
        json!({ "i": { "fullName": "Nadia Popescu", "email": "nadia@example.org", "area": "peterborough", "languages": ["ro", "en"], "culturalKnowledge": "Romanian community" } })).await?;
    let id = d["createApplicant"]["applicant"]["id"].clone();
    let advance = "mutation($i: AdvanceApplicantInput!) { advanceApplicant(input: $i) { applicant { stage userId history { from to } } } }";
    let r = coord
        .gql(
            advance,
            json!({ "i": { "applicantId": id, "to": "VETTING" } }),
        )
        .await?;
    ensure!(error_field(&r).as_deref() == Some("to"), "{r}");
    let mut last = Value::Null;
    for to in [
        "APPLICATION",
        "ROLE_PROFILE_SENT",
        "VETTING",
        "TRAINING",
        "ACTIVE",
    ] {
        last = coord
            .data(advance, json!({ "i": { "applicantId": id, "to": to } }))
            .await?;
    }
    let a = &last["advanceApplicant"]["applicant"];
    ensure!(
        a["stage"] == "ACTIVE"
            && a["userId"].is_string()
            && a["history"].as_array().map(Vec::len) == Some(6),
        "{last}"
    );
    let mail = eventually("the volunteer's invitation", || {
        outbox_mails(&app.data_dir())
            .into_iter()
            .find(|m| m.contains("To: nadia@example.org"))
    })
    .await?;
    ensure!(mail.contains("as facilitator"), "{mail}");
    let r = coord
        .gql(
            advance,
            json!({ "i": { "applicantId": id, "to": "WITHDRAWN" } }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("VALIDATION"), "{r}");
    let r = app
        .login_demo("supervisor")
        .await?
        .gql("{ applicants { id } }", json!({}))
        .await?;
    ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{r}");
    Ok(())
}

/// A fixed dataset with hand-computed figures: the three demo facilitators, of whom one is a
/// volunteer (Agnieszka: English, Polish), plus two volunteers made here (Ben: English,
/// Romanian; Cara: no languages) and one paused by never accepting an invitation. Agnieszka
/// facilitates two cases that reach the intervention this year, Ben one, Cara none.
async fn r_tr_3_volunteer_compliance_figures_are_exact(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let ben = app
        .create_user(
            "ben@example.org",
            "Ben Adeyemi",
            &["facilitator"],
            Some("volunteer"),
            None,
        )
        .await?;
    app.create_user(
        "cara@example.org",
        "Cara Doyle",
        &["facilitator"],
        Some("volunteer"),
        None,
    )
    .await?;
    coord.data("mutation { inviteUser(input: {email: \"pending@example.org\", name: \"Pending Volunteer\", roles: [FACILITATOR], facilitatorKind: VOLUNTEER}) { invitation { id } } }", json!({})).await?;
    app.login("ben@example.org", DEMO_PASSWORD).await?.data("mutation { updateMyFacilitatorProfile(input: {languages: [\"en\", \"ro\"], culturalKnowledge: \"Romanian community\"}) { profile { languages } } }", json!({})).await?;
    coord.data(ACCREDIT, json!({ "i": { "facilitatorId": ben, "level": "PRACTITIONER", "awardingBody": "rjc", "awardedOn": days_ago(30) } })).await?;
    let agnieszka = user_id(&app, "volunteer").await?;
    for facilitator in [agnieszka.clone(), agnieszka.clone(), ben.clone()] {
        app.client()
            .data(SELF_REFERRAL, json!({ "i": self_referral("Some Victim") }))
            .await?;
        let d = coord.data("{ cases(filter: {stages: [REFERRAL]}) { edges { node { id participants { id } } } } }", json!({})).await?;
        let node = &d["cases"]["edges"][0]["node"];
        let id = node["id"].as_str().unwrap_or_default().to_string();
        let participants: Vec<String> = node["participants"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter_map(|p| p["id"].as_str().map(str::to_string))
            .collect();
        coord
            .data(ASSESS, json!({ "i": { "caseId": id, "suitable": true } }))
            .await?;
        coord
            .data(
                ASSIGN,
                json!({ "i": { "caseId": id, "facilitatorId": facilitator, "role": "LEAD" } }),
            )
            .await?;
        coord
            .data(MOVE, json!({ "i": { "caseId": id, "to": "PREPARATION" } }))
            .await?;
        ready_for_intervention(&app, &coord, &id, &participants).await?;
        coord
            .data(MOVE, json!({ "i": { "caseId": id, "to": "INTERVENTION" } }))
            .await?;
    }
    let year = chrono::Datelike::year(&Utc::now());
    let d = coord.data("query($y: Int!) { volunteerCompliance(year: $y) { activeVolunteers minimumVolunteers belowMinimum languagesCovered volunteers { name languages conferences target } } }", json!({ "y": year })).await?;
    let c = &d["volunteerCompliance"];
    ensure!(
        c["activeVolunteers"] == 3 && c["minimumVolunteers"] == 12 && c["belowMinimum"] == true,
        "{d}"
    );
    ensure!(
        c["languagesCovered"] == json!(["English", "Polish", "Romanian"]),
        "{d}"
    );
    ensure!(
        c["volunteers"]
            == json!([
                {"name": "Agnieszka Nowak", "languages": ["English", "Polish"], "conferences": 2, "target": 5},
                {"name": "Ben Adeyemi", "languages": ["English", "Romanian"], "conferences": 1, "target": 5},
                {"name": "Cara Doyle", "languages": [], "conferences": 0, "target": 5},
            ]),
        "{d}"
    );
    // Last year: nobody has any.
    let d = coord.data("query($y: Int!) { volunteerCompliance(year: $y) { volunteers { conferences expectedByNow behind } } }", json!({ "y": year - 1 })).await?;
    ensure!(
        d["volunteerCompliance"]["volunteers"]
            .as_array()
            .is_some_and(|v| v
                .iter()
                .all(|x| x["conferences"] == 0 && x["expectedByNow"] == 5 && x["behind"] == true)),
        "{d}"
    );
    for who in ["volunteer", "trainer", "commissioner"] {
        let r = app
            .login_demo(who)
            .await?
            .gql(
                "query($y: Int!) { volunteerCompliance(year: $y) { activeVolunteers } }",
                json!({ "y": year }),
            )
            .await?;
        ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{who}: {r}");
    }
    Ok(())
}
