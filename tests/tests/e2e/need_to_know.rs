//! The need-to-know matrix, generated from the schema (R-DP-2, R-IN-6). Marker strings are
//! planted in every personal field of two cases, a facilitator's profile, a supervision session,
//! an applicant and a complaint; then every query of the graph — read from introspection, so a
//! query added later is covered without editing this test — is called as every role (and
//! anonymously) with every id the test collected, selecting every field it can reach, and the
//! answers (data and errors) are searched for markers. No marker may reach a role that may not
//! see it, and the co-ordinator, who may see everything, must see every marker: so the test
//! cannot pass by asking nothing. A session with the co-ordinator's password but not yet their
//! second factor is one more caller, allowed nothing. The personal pages of the HTTP surface are
//! called the same way.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use anyhow::{Result, ensure};
use chrono::{Duration, Utc};
use rjhub_tests::{Client, DbKind, TestApp, on_both_databases};
use serde_json::{Value, json};

use crate::cases::{ASSESS, ASSIGN, MOVE, user_id};
use crate::intake::CREATE_REFERRAL;

on_both_databases!(r_dp_2_no_marker_reaches_a_role_that_may_not_see_it);

const ROLES: &[&str] = &[
    "coordinator",
    "supervisor",
    "volunteer",
    "special",
    "partner",
    "trainer",
    "referrer",
    "commissioner",
    "dpo",
];

/// A marker and the roles that may see it.
struct Marker {
    text: String,
    allowed: BTreeSet<&'static str>,
}

/// Who may see what, by kind of record (DESIGN.md's need-to-know table).
fn allowed(kind: &str) -> BTreeSet<&'static str> {
    let roles: &[&str] = match kind {
        // Case A: offender-initiated through the Youth Offending Service; supervised by the
        // demo supervisor; the demo volunteer is its lead. The data protection officer sees a
        // person's own records through subject access, never the case's.
        "victim A" => &["coordinator", "supervisor", "volunteer", "dpo"],
        "case A" => &["coordinator", "supervisor", "volunteer"],
        "offender A" => &["coordinator", "supervisor", "volunteer", "partner", "dpo"],
        // Case B: a police referral; the Special Constable is its lead; no supervisor.
        "victim B" | "offender B" => &["coordinator", "special", "dpo"],
        "case B" => &["coordinator", "special"],
        "reoffending A" => &["coordinator", "supervisor", "dpo"],
        "profile" => &["coordinator", "volunteer"],
        "supervision notes" => &["coordinator", "supervisor", "volunteer"],
        "applicant" | "complaint" => &["coordinator"],
        _ => &[],
    };
    roles.iter().copied().collect()
}

struct Planted {
    markers: Vec<Marker>,
    /// Every id seen while planting, by the argument names that take it.
    ids: BTreeMap<&'static str, BTreeSet<String>>,
}

impl Planted {
    fn mark(&mut self, kind: &str, text: &str) -> String {
        self.markers.push(Marker {
            text: text.to_lowercase(),
            allowed: allowed(kind),
        });
        text.to_string()
    }

    fn id(&mut self, kind: &'static str, v: &Value) {
        if let Some(s) = v.as_str() {
            self.ids.entry(kind).or_default().insert(s.to_string());
        }
    }
}

fn person(p: &mut Planted, kind: &str, tag: &str, phone: &str, postcode: &str) -> Value {
    json!({
        "fullName": p.mark(kind, &format!("Zq{tag}name Person")),
        "email": p.mark(kind, &format!("zq{tag}mail@example.org")),
        "phone": p.mark(kind, phone),
        "address": p.mark(kind, &format!("1 Zq{tag}street, Ely")),
        "postcode": p.mark(kind, postcode),
        "accessibilityNeeds": p.mark(kind, &format!("zq{tag}access needs")),
        "safeTimes": p.mark(kind, &format!("zq{tag}safe evenings")),
        "contactChannels": ["EMAIL", "PHONE", "POST"],
    })
}

/// One case, planted through the API as the people who would record it.
async fn plant_case(
    app: &TestApp,
    p: &mut Planted,
    letter: &str,
    referrer: &Client,
    facilitator: (&Client, &str),
    supervised: bool,
) -> Result<()> {
    let (victim_kind, offender_kind, case_kind) = (
        format!("victim {letter}"),
        format!("offender {letter}"),
        format!("case {letter}"),
    );
    let v = letter.to_lowercase();
    let (vphone, ophone, vpost, opost) = if letter == "A" {
        ("07700 900401", "07700 900402", "ZQ1 1AV", "ZQ2 2AO")
    } else {
        ("07700 900403", "07700 900404", "ZQ3 3BV", "ZQ4 4BO")
    };
    let victim = person(p, &victim_kind, &format!("v{v}"), vphone, vpost);
    let offender = person(p, &offender_kind, &format!("o{v}"), ophone, opost);
    let input = json!({
        "referralSource": if letter == "A" { "youth_offending_service" } else { "police" },
        "offenderInitiated": letter == "A",
        "consentConfirmed": true,
        "offenderIdentified": true,
        "victim": victim,
        "offender": offender,
        "offence": {
            "offenceCategory": "robbery",
            "summary": p.mark(&case_kind, &format!("zqc{v}summary of the offence")),
            "crimeReference": p.mark(&case_kind, &format!("ZQC{v}CRIME")),
            "area": "east_cambridgeshire",
            "areaDetail": p.mark(&case_kind, &format!("zqc{v}area detail")),
        },
    });
    let d = referrer
        .data(CREATE_REFERRAL, json!({ "i": input }))
        .await?;
    let case = d["createReferral"]["referral"]["id"].clone();
    p.id("case", &case);
    let coord = app.login_demo("coordinator").await?;
    let notes = p.mark(&case_kind, &format!("zqc{v}suitability notes"));
    coord
        .data(
            ASSESS,
            json!({ "i": { "caseId": case, "suitable": true, "notes": notes } }),
        )
        .await?;
    if supervised {
        coord.data("mutation($i: AssignSupervisorInput!) { assignSupervisor(input: $i) { case { id } } }", json!({ "i": { "caseId": case, "supervisorId": user_id(app, "supervisor").await? } })).await?;
    }
    let (lead, lead_name) = facilitator;
    coord
        .data(
            ASSIGN,
            json!({ "i": { "caseId": case, "facilitatorId": user_id(app, lead_name).await?, "role": "LEAD" } }),
        )
        .await?;
    let c = coord
        .data(
            "query($id: ID!) { case(id: $id) { participants { id role person { id } } } }",
            json!({ "id": case }),
        )
        .await?;
    let parts = c["case"]["participants"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let pick = |role: &str| {
        parts
            .iter()
            .find(|x| x["role"] == role)
            .cloned()
            .unwrap_or_default()
    };
    let (vp, op) = (pick("VICTIM"), pick("OFFENDER"));
    for x in [&vp, &op] {
        p.id("participant", &x["id"]);
        p.id("person", &x["person"]["id"]);
    }
    for (x, kind, tag) in [(&vp, &victim_kind, "v"), (&op, &offender_kind, "o")] {
        let summary = p.mark(kind, &format!("zq{tag}{v}contact summary"));
        lead.data("mutation($i: LogContactInput!) { logContact(input: $i) { contact { id } } }", json!({ "i": { "caseId": case, "participantId": x["id"], "channel": "PHONE", "summary": summary } })).await?;
        let note = p.mark(kind, &format!("zq{tag}{v}consent note"));
        lead.data("mutation($i: RecordConsentInput!) { recordConsent(input: $i) { consents { id } } }", json!({ "i": { "caseId": case, "participantId": x["id"], "purpose": "TAKING_PART", "given": true, "method": "WRITTEN", "note": note } })).await?;
        lead.data("mutation($i: RecordConsentInput!) { recordConsent(input: $i) { consents { id } } }", json!({ "i": { "caseId": case, "participantId": x["id"], "purpose": "FOLLOW_UP_SURVEY", "given": true, "method": "WRITTEN" } })).await?;
    }
    let review = (Utc::now() + Duration::days(30)).date_naive().to_string();
    let factors = p.mark(&case_kind, &format!("zqc{v}risk factors"));
    let mitigations = p.mark(&case_kind, &format!("zqc{v}risk mitigations"));
    lead.data("mutation($i: RecordRiskAssessmentInput!) { recordRiskAssessment(input: $i) { riskAssessment { id } } }", json!({ "i": { "caseId": case, "riskTo": ["VICTIM"], "level": "MEDIUM", "factors": factors, "mitigations": mitigations, "reviewOn": review } })).await?;
    let support = p.mark(&case_kind, &format!("zqc{v}support needs"));
    lead.data(
        "mutation($i: RecordSupportNeedsInput!) { recordSupportNeeds(input: $i) { case { id } } }",
        json!({ "i": { "caseId": case, "supportNeeds": support } }),
    )
    .await?;
    lead.data(
        MOVE,
        json!({ "i": { "caseId": case, "to": "PREPARATION" } }),
    )
    .await?;
    // A preparation meeting with the victim alone: where and when is theirs.
    let start = Utc::now() + Duration::days(3);
    let venue = p.mark(&victim_kind, &format!("zqv{v}venue, 2 Quiet Road"));
    let m = lead.data("mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { meeting { id } } }", json!({ "i": { "caseId": case, "kind": "PREPARATION", "startsAt": start.to_rfc3339(), "endsAt": (start + Duration::hours(1)).to_rfc3339(), "venueAddress": venue, "participantIds": [vp["id"]] } })).await?;
    p.id("meeting", &m["scheduleMeeting"]["meeting"]["id"]);
    lead.data(
        MOVE,
        json!({ "i": { "caseId": case, "to": "INTERVENTION" } }),
    )
    .await?;
    let oitem = p.mark(&offender_kind, &format!("zqo{v}agreement item"));
    let vitem = p.mark(&victim_kind, &format!("zqv{v}agreement item"));
    let items = lead.data("mutation($i: RecordOutcomeAgreementInput!) { recordOutcomeAgreement(input: $i) { items { id } } }", json!({ "i": { "caseId": case, "items": [
        { "kind": "APOLOGY", "responsibleParticipantId": op["id"], "description": oitem },
        { "kind": "OTHER", "responsibleParticipantId": vp["id"], "description": vitem },
    ] } })).await?;
    for i in items["recordOutcomeAgreement"]["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
    {
        p.id("item", &i["id"]);
    }
    for (x, kind, tag) in [(&vp, &victim_kind, "v"), (&op, &offender_kind, "o")] {
        let comment = p.mark(kind, &format!("zq{tag}{v}satisfaction comment"));
        lead.data("mutation($i: RecordSatisfactionInput!) { recordSatisfaction(input: $i) { satisfaction { id } } }", json!({ "i": { "caseId": case, "participantId": x["id"], "stage": "END", "score": 4, "comment": comment } })).await?;
        let words = p.mark(kind, &format!("zq{tag}{v}testimonial words"));
        let t = lead.data("mutation($i: RecordTestimonialInput!) { recordTestimonial(input: $i) { testimonial { id } } }", json!({ "i": { "caseId": case, "participantId": x["id"], "text": words, "consentToUse": true } })).await?;
        p.id("testimonial", &t["recordTestimonial"]["testimonial"]["id"]);
    }
    if letter == "A" {
        let note = p.mark("reoffending A", "zqroa re-offending note");
        let today = Utc::now().date_naive().to_string();
        coord.data("mutation($i: RecordReoffendingCheckInput!) { recordReoffendingCheck(input: $i) { check { id } } }", json!({ "i": { "caseId": case, "participantId": op["id"], "checkedOn": today, "source": "police_records", "reoffended": false, "note": note } })).await?;
    }
    Ok(())
}

async fn plant(app: &TestApp) -> Result<Planted> {
    let mut p = Planted {
        markers: Vec::new(),
        ids: BTreeMap::new(),
    };
    let partner = app.login_demo("partner").await?;
    let volunteer = app.login_demo("volunteer").await?;
    plant_case(app, &mut p, "A", &partner, (&volunteer, "volunteer"), true).await?;
    let referrer = app.login_demo("referrer").await?;
    let special = app.login_demo("special").await?;
    plant_case(app, &mut p, "B", &referrer, (&special, "special"), false).await?;

    // The volunteer's private notes on their profile.
    let from = (Utc::now() + Duration::days(60)).date_naive();
    let conflicts = p.mark("profile", "zqfp declared conflict with a neighbour");
    let away = p.mark("profile", "zqfp away for a family funeral");
    volunteer.data("mutation($i: UpdateMyFacilitatorProfileInput!) { updateMyFacilitatorProfile(input: $i) { profile { paused } } }", json!({ "i": { "declaredConflicts": conflicts, "away": [{ "from": from.to_string(), "to": (from + Duration::days(7)).to_string(), "note": away }] } })).await?;
    // A supervision session's private notes.
    let supervisor = app.login_demo("supervisor").await?;
    let notes = p.mark("supervision notes", "zqsn supervision notes");
    let today = Utc::now().date_naive().to_string();
    supervisor.data("mutation($i: RecordSupervisionInput!) { recordSupervision(input: $i) { supervision { id } } }", json!({ "i": { "facilitatorId": user_id(app, "volunteer").await?, "heldOn": today, "kind": "ONE_TO_ONE", "notes": notes } })).await?;
    let coord = app.login_demo("coordinator").await?;
    let name = p.mark("applicant", "Zqap Applicant");
    let mail = p.mark("applicant", "zqapmail@example.org");
    let a = coord.data("mutation($i: CreateApplicantInput!) { createApplicant(input: $i) { applicant { id } } }", json!({ "i": { "fullName": name, "email": mail } })).await?;
    p.id("applicant", &a["createApplicant"]["applicant"]["id"]);
    let (cname, ccontact, about) = (
        p.mark("complaint", "Zqcp Complainant"),
        p.mark("complaint", "zqcpmail@example.org"),
        p.mark("complaint", "zqcp what the complaint is about"),
    );
    let c = coord.data("mutation($i: RecordComplaintInput!) { recordComplaint(input: $i) { complaint { id } } }", json!({ "i": { "complainantName": cname, "complainantContact": ccontact, "about": about, "category": "SERVICE", "receivedVia": "EMAIL" } })).await?;
    p.id("complaint", &c["recordComplaint"]["complaint"]["id"]);
    for who in ROLES {
        let id = user_id(app, who).await?;
        p.ids.entry("user").or_default().insert(id);
    }
    Ok(p)
}

/// The schema as introspection gives it, by type name.
struct Schema {
    types: HashMap<String, Value>,
    query: Vec<Value>,
}

const INTROSPECTION: &str = "{ __schema { queryType { name } types { kind name
  fields { name args { name defaultValue type { ...T } } type { ...T } }
  inputFields { name defaultValue type { ...T } } enumValues { name } } } }
  fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }";

impl Schema {
    async fn load(c: &Client) -> Result<Self> {
        let d = c.data(INTROSPECTION, json!({})).await?;
        let root = d["__schema"]["queryType"]["name"]
            .as_str()
            .unwrap_or("Query")
            .to_string();
        let types: HashMap<String, Value> = d["__schema"]["types"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|t| Some((t["name"].as_str()?.to_string(), t)))
            .collect();
        let query = types
            .get(&root)
            .and_then(|t| t["fields"].as_array().cloned())
            .unwrap_or_default();
        Ok(Self { types, query })
    }
}

/// The named type under NON_NULL and LIST wrappers.
fn named(t: &Value) -> &Value {
    match t["kind"].as_str() {
        Some("NON_NULL" | "LIST") => named(&t["ofType"]),
        _ => t,
    }
}

fn type_string(t: &Value) -> String {
    match t["kind"].as_str() {
        Some("NON_NULL") => format!("{}!", type_string(&t["ofType"])),
        Some("LIST") => format!("[{}]", type_string(&t["ofType"])),
        _ => t["name"].as_str().unwrap_or_default().to_string(),
    }
}

fn required(arg: &Value) -> bool {
    arg["type"]["kind"] == "NON_NULL" && arg["defaultValue"].is_null()
}

/// Every field reachable from `type_name`, without going round a type twice on one path.
fn selection(s: &Schema, type_name: &str, depth: usize, path: &mut Vec<String>) -> String {
    let Some(t) = s.types.get(type_name) else {
        return String::new();
    };
    let mut out = Vec::new();
    for f in t["fields"].as_array().cloned().unwrap_or_default() {
        let args = f["args"].as_array().cloned().unwrap_or_default();
        if args.iter().any(required) {
            continue;
        }
        let name = f["name"].as_str().unwrap_or_default().to_string();
        let inner = named(&f["type"]);
        match inner["kind"].as_str() {
            Some("SCALAR" | "ENUM") => out.push(name),
            Some("OBJECT") if depth > 0 => {
                let tn = inner["name"].as_str().unwrap_or_default().to_string();
                if path.contains(&tn) {
                    continue;
                }
                path.push(tn.clone());
                let sub = selection(s, &tn, depth - 1, path);
                path.pop();
                if !sub.is_empty() {
                    out.push(format!("{name} {{ {sub} }}"));
                }
            }
            _ => {}
        }
    }
    out.join(" ")
}

/// A value for a required input of this type; `ids` for an ID.
fn value(s: &Schema, t: &Value, arg: &str, id: &str) -> Value {
    match t["kind"].as_str() {
        Some("NON_NULL") => value(s, &t["ofType"], arg, id),
        Some("LIST") => json!([value(s, &t["ofType"], arg, id)]),
        Some("ENUM") => {
            let e = s.types.get(t["name"].as_str().unwrap_or_default());
            e.and_then(|e| e["enumValues"][0]["name"].as_str())
                .map_or(Value::Null, |v| json!(v))
        }
        Some("INPUT_OBJECT") => {
            let mut o = serde_json::Map::new();
            if let Some(it) = s.types.get(t["name"].as_str().unwrap_or_default()) {
                for f in it["inputFields"].as_array().cloned().unwrap_or_default() {
                    if required(&f) {
                        let n = f["name"].as_str().unwrap_or_default();
                        o.insert(n.to_string(), value(s, &f["type"], n, id));
                    }
                }
            }
            Value::Object(o)
        }
        _ => match (t["name"].as_str().unwrap_or_default(), arg) {
            ("ID", _) => json!(id),
            ("Int", "year") => json!(
                Utc::now()
                    .format("%Y")
                    .to_string()
                    .parse::<i32>()
                    .unwrap_or(2026)
            ),
            ("Int", _) => json!(50),
            ("Float", _) => json!(50.0),
            ("Boolean", _) => json!(false),
            ("NaiveDate", "from") => json!("2020-01-01"),
            ("NaiveDate", "to") => json!("2030-12-31"),
            ("NaiveDate", _) => json!(Utc::now().date_naive().to_string()),
            ("DateTime", _) => json!(Utc::now().to_rfc3339()),
            ("JSON", _) => json!({}),
            // A search: the start of every planted name.
            _ => json!("zq"),
        },
    }
}

/// Which planted ids an argument is tried with: by its name, or every id for a bare `id`.
fn candidates<'a>(p: &'a Planted, arg: &str) -> Vec<&'a String> {
    let kinds: &[&str] = match arg {
        "caseId" => &["case"],
        "personId" => &["person"],
        "participantId" => &["participant"],
        "meetingId" => &["meeting"],
        "userId" | "facilitatorId" => &["user"],
        _ => &[],
    };
    let all: Vec<&String> = p
        .ids
        .iter()
        .filter(|(k, _)| kinds.is_empty() || kinds.contains(k))
        .flat_map(|(_, v)| v.iter())
        .collect();
    all
}

/// Every document to run: each query field with each combination of candidate ids.
fn documents(s: &Schema, p: &Planted) -> Vec<(String, String, Value)> {
    let mut docs = Vec::new();
    for f in &s.query {
        let name = f["name"].as_str().unwrap_or_default();
        if name.starts_with("__") {
            continue;
        }
        let args = f["args"].as_array().cloned().unwrap_or_default();
        let ret = named(&f["type"]);
        let sel = if ret["kind"] == "OBJECT" {
            let tn = ret["name"].as_str().unwrap_or_default().to_string();
            format!(" {{ {} }}", selection(s, &tn, 6, &mut vec![tn.clone()]))
        } else {
            String::new()
        };
        // The arguments given: the required ones, and `first` to see a whole list.
        let given: Vec<&Value> = args
            .iter()
            .filter(|a| required(a) || a["name"] == "first")
            .collect();
        let id_arg = given
            .iter()
            .find(|a| named(&a["type"])["name"] == "ID")
            .and_then(|a| a["name"].as_str());
        let ids: Vec<String> = match id_arg {
            Some(a) => candidates(p, a).into_iter().cloned().collect(),
            None => vec![String::new()],
        };
        let decl: Vec<String> = given
            .iter()
            .enumerate()
            .map(|(i, a)| format!("$a{i}: {}", type_string(&a["type"])))
            .collect();
        let pass: Vec<String> = given
            .iter()
            .enumerate()
            .map(|(i, a)| format!("{}: $a{i}", a["name"].as_str().unwrap_or_default()))
            .collect();
        let doc = if given.is_empty() {
            format!("query {{ {name}{sel} }}")
        } else {
            format!(
                "query({}) {{ {name}({}){sel} }}",
                decl.join(", "),
                pass.join(", ")
            )
        };
        for id in ids {
            let mut vars = serde_json::Map::new();
            for (i, a) in given.iter().enumerate() {
                let an = a["name"].as_str().unwrap_or_default();
                vars.insert(format!("a{i}"), value(s, &a["type"], an, &id));
            }
            docs.push((name.to_string(), doc.clone(), Value::Object(vars)));
        }
    }
    docs
}

async fn r_dp_2_no_marker_reaches_a_role_that_may_not_see_it(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let planted = plant(&app).await?;
    let coord = app.login_demo("coordinator").await?;
    let schema = Schema::load(&coord).await?;
    let docs = Arc::new(documents(&schema, &planted));
    ensure!(docs.len() > 100, "only {} documents", docs.len());

    let mut clients: Vec<(&str, Client)> = vec![("anonymous", app.client())];
    for who in ROLES {
        clients.push((who, app.login_demo(who).await?));
    }
    // The co-ordinator sets up an authenticator app: the password alone now reaches nothing.
    crate::second_factor::enrol(&coord, Utc::now()).await?;
    let waiting = app.client();
    let r = waiting
        .data(
            "mutation($i: LoginInput!) { login(input: $i) { nextStep } }",
            json!({ "i": { "email": "coordinator@demo.rjhub.test", "password": rjhub_tests::DEMO_PASSWORD } }),
        )
        .await?;
    ensure!(r["login"]["nextStep"] == "SECOND_FACTOR", "{r}");
    clients.push(("the co-ordinator's password alone", waiting));
    // Everything each role was answered, as one lower-case text per query field.
    let mut seen: Vec<(&str, String, String)> = Vec::new();
    for (who, client) in &clients {
        let limit = Arc::new(tokio::sync::Semaphore::new(6));
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..docs.len() {
            let (docs, client, limit) = (docs.clone(), client.clone(), limit.clone());
            tasks.spawn(async move {
                let _slot = limit.acquire_owned().await;
                let (field, doc, vars) = &docs[i];
                let r = client.gql(doc, vars.clone()).await;
                (field.clone(), r.map(|v| v.to_string()))
            });
        }
        while let Some(done) = tasks.join_next().await {
            let (field, text) = done?;
            let text = text?;
            ensure!(
                !text.contains("\"BAD_REQUEST\""),
                "{who}: the generated {field} query was refused: {text}"
            );
            seen.push((who, field, text.to_lowercase()));
        }
        // The personal pages of the HTTP surface, with every person id.
        for id in planted.ids.get("person").into_iter().flatten() {
            for path in [
                format!("/privacy/subject-access/{id}"),
                format!("/privacy/access-log/{id}.csv"),
            ] {
                let body = client.http.get(app.url(&path)).send().await?.text().await?;
                seen.push((who, path, body.to_lowercase()));
            }
        }
    }

    let mut leaks = Vec::new();
    let mut unseen = Vec::new();
    for m in &planted.markers {
        for (who, field, text) in &seen {
            if text.contains(&m.text) && !m.allowed.contains(who) {
                leaks.push(format!("{who} got “{}” from {field}", m.text));
            }
        }
        if !seen
            .iter()
            .any(|(who, _, text)| *who == "coordinator" && text.contains(&m.text))
        {
            unseen.push(m.text.clone());
        }
    }
    ensure!(
        leaks.is_empty(),
        "need-to-know leaks:\n{}",
        leaks.join("\n")
    );
    ensure!(
        unseen.is_empty(),
        "the co-ordinator never saw these markers, so the matrix did not reach them: {unseen:?}"
    );
    Ok(())
}
