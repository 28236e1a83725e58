//! `rjhub demo --scale N`: N synthetic cases with their people, stage events, consents, contacts,
//! conferences and satisfaction answers, for demos, reports and benchmarks. Deterministic for a
//! seed; written with multi-row inserts, one transaction per batch.
//!
//! The cases follow the service's funnel: every referral is assessed or stops, some are not
//! suitable, most of the rest reach a conference, an outcome and closure, and a share stop on the
//! way with a reason. Names are made up from short lists and clearly synthetic.

use chrono::{DateTime, Duration, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};
use uuid::Uuid;

use crate::areas::cases::model::Stage;
use crate::areas::reference::service::{ReferenceList, seed_codes};
use crate::entities::{
    case, case_event, case_facilitator, case_participant, consent, contact, meeting, offer,
    offer_recipient, person, role_grant, satisfaction_survey,
};

/// Cases per transaction.
const BATCH: usize = 500;
/// Open cases given to each existing facilitator, and open offers each is sent, so that their
/// "my cases" and "my offers" look like a busy volunteer's.
const CASES_EACH: usize = 12;
const OFFERS_EACH: usize = 3;

const FIRST: &[&str] = &[
    "Alex", "Sam", "Jo", "Chris", "Pat", "Robin", "Kim", "Lee", "Ash", "Morgan", "Jamie", "Ola",
];
const LAST: &[&str] = &[
    "Example",
    "Sample",
    "Testcase",
    "Synthetic",
    "Demo",
    "Placeholder",
    "Fictional",
    "Madeup",
];

/// What was written, for the summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    pub cases: usize,
    pub events: usize,
    pub people: usize,
    pub contacts: usize,
    pub meetings: usize,
    pub surveys: usize,
}

#[derive(Default)]
struct Rows {
    facilitators: Vec<case_facilitator::ActiveModel>,
    offers: Vec<offer::ActiveModel>,
    recipients: Vec<offer_recipient::ActiveModel>,
    cases: Vec<case::ActiveModel>,
    events: Vec<case_event::ActiveModel>,
    people: Vec<person::ActiveModel>,
    participants: Vec<case_participant::ActiveModel>,
    consents: Vec<consent::ActiveModel>,
    contacts: Vec<contact::ActiveModel>,
    meetings: Vec<meeting::ActiveModel>,
    surveys: Vec<satisfaction_survey::ActiveModel>,
}

fn pick<'a>(rng: &mut StdRng, from: &[&'a str]) -> &'a str {
    from[rng.random_range(0..from.len())]
}

/// Synthetic references are numbered, so a million of them never collide, and start after the
/// ones a previous run wrote.
fn reference(n: u64) -> String {
    format!("SY-{n:08}")
}

/// The existing facilitators and how many open cases and offers each has been given so far.
struct Pool {
    next_reference: u64,
    users: Vec<Uuid>,
    cases: Vec<usize>,
    offers: Vec<usize>,
}

struct Lists {
    sources: Vec<&'static str>,
    offences: Vec<&'static str>,
    areas: Vec<&'static str>,
    models: Vec<&'static str>,
    reasons: Vec<&'static str>,
}

/// One case and everything that hangs off it.
fn one_case(rng: &mut StdRng, lists: &Lists, pool: &mut Pool, now: DateTime<Utc>, out: &mut Rows) {
    let id = Uuid::now_v7();
    let received = now - Duration::minutes(rng.random_range(0..(730 * 24 * 60)));
    let mut at = received;
    let mut events = vec![(None, Stage::Referral, at, None)];
    let mut stage = Stage::Referral;
    let mut stopped = None;
    let mut suitable = None;
    // Each step: the next stage, how likely it is reached, else the case stops there.
    let path = [
        (Stage::Assessment, 0.92),
        (Stage::Allocated, 0.85),
        (Stage::Preparation, 0.9),
        (Stage::Intervention, 0.8),
        (Stage::Outcome, 0.95),
        (Stage::FollowUp, 0.9),
        (Stage::Closed, 0.95),
    ];
    for (next, p) in path {
        let step = Duration::hours(rng.random_range(12..(24 * 25)));
        if at + step > now {
            break; // not there yet
        }
        at += step;
        if next == Stage::Allocated && rng.random_bool(0.15) {
            let reason = pick(rng, &lists.reasons);
            events.push((Some(stage), Stage::NotSuitable, at, Some(reason)));
            stage = Stage::NotSuitable;
            suitable = Some(false);
            break;
        }
        if !rng.random_bool(p) {
            let reason = pick(rng, &lists.reasons);
            events.push((Some(stage), Stage::Withdrawn, at, Some(reason)));
            stopped = Some((stage, reason));
            stage = Stage::Withdrawn;
            break;
        }
        if next == Stage::Allocated {
            suitable = Some(true);
        }
        events.push((Some(stage), next, at, None));
        stage = next;
    }
    let reached = |s: Stage| events.iter().any(|e| e.1 == s);
    let offender = rng.random_bool(0.7);
    let model = reached(Stage::Intervention).then(|| pick(rng, &lists.models).to_string());
    let assessed_at = events
        .iter()
        .find(|e| matches!(e.1, Stage::Allocated | Stage::NotSuitable))
        .map(|e| e.2);
    out.cases.push(case::ActiveModel {
        id: Set(id),
        reference: Set(reference(pool.next_reference)),
        stage: Set(stage.as_str().into()),
        stopped_at_stage: Set(stopped.map(|(s, _)| s.as_str().to_string())),
        stop_reason_code: Set(stopped.map(|(_, r)| r.to_string())),
        stop_reason_text: Set(None),
        referral_source: Set(pick(rng, &lists.sources).into()),
        referring_agency: Set(None),
        referrer_user_id: Set(None),
        offender_initiated: Set(rng.random_bool(0.1)),
        offence_category: Set(Some(pick(rng, &lists.offences).into())),
        hate_crime: Set(rng.random_bool(0.05)),
        offence_summary: Set(Some("Synthetic case for demonstration".into())),
        reported_to_police: Set(Some(rng.random_bool(0.85))),
        crime_reference: Set(None),
        proceedings_stage: Set(None),
        area: Set(Some(pick(rng, &lists.areas).into())),
        area_detail: Set(None),
        originating_area: Set(None),
        offender_identified: Set(offender),
        offender_identified_at: Set(offender.then_some(received)),
        awaiting_offender: Set(!offender && stage.is_open()),
        intervention_model: Set(model.clone()),
        suitable: Set(suitable),
        suitability_reason_code: Set(match (suitable, events.last()) {
            (Some(false), Some(e)) => e.3.map(String::from),
            _ => None,
        }),
        suitability_notes: Set(None),
        assessed_at: Set(assessed_at),
        support_needs: Set(None),
        victims_hub_referred_at: Set(None),
        supervisor_id: Set(None),
        received_at: Set(received),
        created_at: Set(received),
        updated_at: Set(at),
        erased_at: Set(None),
        anonymised_at: Set(None),
        intake_check: Set(None),
        enhanced_rights: Set(false),
        enhanced_rights_reason: Set(None),
    });
    for (from, to, when, reason) in &events {
        out.events.push(case_event::ActiveModel {
            id: Set(Uuid::now_v7()),
            case_id: Set(id),
            from_stage: Set(from.map(|s| s.as_str().to_string())),
            to_stage: Set(to.as_str().into()),
            at: Set(*when),
            actor_id: Set(None),
            reason_code: Set(reason.map(String::from)),
            reason_text: Set(None),
        });
    }
    let mut sides = vec![("victim", "victim")];
    if offender {
        sides.push(("offender", "offender"));
    }
    for (role, side) in sides {
        let person_id = Uuid::now_v7();
        let part_id = Uuid::now_v7();
        out.people.push(person::ActiveModel {
            id: Set(person_id),
            full_name: Set(format!("{} {}", pick(rng, FIRST), pick(rng, LAST))),
            email: Set(None),
            phone: Set(None),
            address: Set(None),
            postcode: Set(None),
            preferred_language: Set(Some(if rng.random_bool(0.9) { "en" } else { "pl" }.into())),
            interpreter_needed: Set(false),
            accessibility_needs: Set(None),
            contact_channels: Set(Some("phone".into())),
            safe_times: Set(None),
            may_leave_message: Set(Some(true)),
            safe_windows: Set(None),
            discreet: Set(false),
            locale: Set(None),
            created_at: Set(received),
            updated_at: Set(received),
            erased_at: Set(None),
        });
        out.participants.push(case_participant::ActiveModel {
            id: Set(part_id),
            case_id: Set(id),
            person_id: Set(person_id),
            role: Set(role.into()),
            relationship: Set(None),
            created_at: Set(received),
        });
        if reached(Stage::Assessment) {
            out.contacts.push(contact::ActiveModel {
                id: Set(Uuid::now_v7()),
                case_id: Set(id),
                participant_id: Set(Some(part_id)),
                at: Set(received + Duration::hours(30)),
                channel: Set("phone".into()),
                summary: Set("Synthetic first call".into()),
                actor_id: Set(None),
                created_at: Set(received + Duration::hours(30)),
            });
        }
        if reached(Stage::Allocated) {
            out.consents.push(consent::ActiveModel {
                id: Set(Uuid::now_v7()),
                case_id: Set(id),
                participant_id: Set(part_id),
                purpose: Set("taking_part".into()),
                given: Set(true),
                method: Set("written".into()),
                note: Set(None),
                recorded_by: Set(None),
                at: Set(assessed_at.unwrap_or(received)),
            });
        }
        if let Some(outcome) = events.iter().find(|e| e.1 == Stage::Outcome) {
            for (stage_name, when) in [("start", received), ("end", outcome.2)] {
                out.surveys.push(satisfaction_survey::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    case_id: Set(id),
                    participant_id: Set(part_id),
                    side: Set(side.into()),
                    stage: Set(stage_name.into()),
                    score: Set(if stage_name == "start" {
                        rng.random_range(1..=4)
                    } else {
                        rng.random_range(3..=5)
                    }),
                    comment: Set(None),
                    recorded_by: Set(None),
                    recorded_at: Set(when),
                });
            }
        }
    }
    pool.next_reference += 1;
    let working = matches!(
        stage,
        Stage::Allocated
            | Stage::Preparation
            | Stage::Intervention
            | Stage::Outcome
            | Stage::FollowUp
    );
    if let (true, Some(i)) = (working, pool.cases.iter().position(|n| *n < CASES_EACH)) {
        pool.cases[i] += 1;
        out.facilitators.push(case_facilitator::ActiveModel {
            case_id: Set(id),
            user_id: Set(pool.users[i]),
            role: Set("lead".into()),
            assigned_by: Set(None),
            assigned_at: Set(assessed_at.unwrap_or(received)),
            ended_at: Set(None),
        });
    }
    if stage == Stage::Assessment && pool.offers.iter().any(|n| *n < OFFERS_EACH) {
        let offer_id = Uuid::now_v7();
        out.offers.push(offer::ActiveModel {
            id: Set(offer_id),
            case_id: Set(id),
            role: Set("lead".into()),
            status: Set("open".into()),
            expires_at: Set(now + Duration::days(3)),
            commitment: Set(Some("About six hours over four weeks".into())),
            outside_reason: Set(None),
            created_by: Set(None),
            created_at: Set(now - Duration::hours(2)),
            accepted_by: Set(None),
            decided_at: Set(None),
        });
        for (i, user) in pool.users.iter().enumerate() {
            if pool.offers[i] < OFFERS_EACH {
                pool.offers[i] += 1;
                out.recipients.push(offer_recipient::ActiveModel {
                    offer_id: Set(offer_id),
                    user_id: Set(*user),
                    response: Set("pending".into()),
                    decline_reason: Set(None),
                    responded_at: Set(None),
                });
            }
        }
    }
    if let Some(held) = events.iter().find(|e| e.1 == Stage::Intervention) {
        let face_to_face = model.as_deref() == Some("face_to_face");
        out.meetings.push(meeting::ActiveModel {
            id: Set(Uuid::now_v7()),
            case_id: Set(id),
            kind: Set(if face_to_face {
                "conference"
            } else {
                "shuttle"
            }
            .into()),
            starts_at: Set(held.2),
            ends_at: Set(held.2 + Duration::hours(2)),
            venue_address: Set("Synthetic venue".into()),
            venue_room: Set(None),
            access_notes: Set(None),
            // Cases past the intervention stage held it.
            status: Set("held".into()),
            sequence: Set(0),
            override_reason: Set(None),
            created_by: Set(None),
            created_at: Set(held.2 - Duration::days(7)),
            updated_at: Set(held.2 + Duration::hours(2)),
            outcome_note: Set(None),
            outcome_recorded_at: Set(Some(held.2 + Duration::hours(2))),
            outcome_recorded_by: Set(None),
        });
    }
}

/// Inserts `rows` in statements of at most `per` rows (the databases limit bind parameters).
async fn insert<A>(
    db: &impl sea_orm::ConnectionTrait,
    rows: Vec<A>,
    per: usize,
) -> Result<(), sea_orm::DbErr>
where
    A: ActiveModelTrait + Send,
    <A as ActiveModelTrait>::Entity: EntityTrait,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(per).collect();
        <A::Entity as EntityTrait>::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Writes `n` synthetic cases, calling `progress` with the number done after each batch.
pub async fn generate(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    n: usize,
    seed: u64,
    mut progress: impl FnMut(usize),
) -> anyhow::Result<Written> {
    let mut rng = StdRng::seed_from_u64(seed);
    let lists = Lists {
        sources: seed_codes(ReferenceList::ReferralSource),
        offences: seed_codes(ReferenceList::OffenceCategory),
        areas: seed_codes(ReferenceList::Area),
        models: seed_codes(ReferenceList::InterventionModel),
        reasons: seed_codes(ReferenceList::Reason),
    };
    anyhow::ensure!(
        !lists.sources.is_empty() && !lists.reasons.is_empty(),
        "the reference lists are empty"
    );
    let users: Vec<Uuid> = role_grant::Entity::find()
        .filter(role_grant::Column::Role.eq("facilitator"))
        .all(db)
        .await?
        .into_iter()
        .map(|g| g.user_id)
        .collect();
    let earlier = case::Entity::find()
        .filter(case::Column::Reference.starts_with("SY-"))
        .count(db)
        .await?;
    let mut pool = Pool {
        next_reference: earlier + 1,
        cases: vec![0; users.len()],
        offers: vec![0; users.len()],
        users,
    };
    let mut written = Written::default();
    let mut done = 0;
    while done < n {
        let size = BATCH.min(n - done);
        let mut rows = Rows::default();
        for _ in 0..size {
            one_case(&mut rng, &lists, &mut pool, now, &mut rows);
        }
        written.cases += rows.cases.len();
        written.events += rows.events.len();
        written.people += rows.people.len();
        written.contacts += rows.contacts.len();
        written.meetings += rows.meetings.len();
        written.surveys += rows.surveys.len();
        let txn = crate::db::begin_write(db).await?;
        // About 30,000 bind parameters per statement at most, under both databases' limits.
        insert(&txn, rows.cases, 800).await?;
        insert(&txn, rows.events, 3_500).await?;
        insert(&txn, rows.people, 2_000).await?;
        insert(&txn, rows.participants, 5_000).await?;
        insert(&txn, rows.consents, 3_000).await?;
        insert(&txn, rows.contacts, 3_500).await?;
        insert(&txn, rows.meetings, 2_000).await?;
        insert(&txn, rows.surveys, 3_000).await?;
        insert(&txn, rows.facilitators, 3_000).await?;
        insert(&txn, rows.offers, 2_000).await?;
        insert(&txn, rows.recipients, 5_000).await?;
        // The batch's report facts, while its rows are fresh in the cache.
        crate::areas::reports::facts::drain(&txn, usize::MAX).await?;
        txn.commit().await?;
        done += size;
        progress(done);
    }
    Ok(written)
}
