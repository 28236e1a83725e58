//! Ranking 10,000 facilitators for one case (issue #4): `cargo bench -p rjhub --bench suggest`.
//! Builds a SQLite pool of 10,000 facilitators with varied languages, areas, capacity and
//! accreditation, then times `suggestFacilitators`'s service call.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use chrono::{Duration, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use rjhub::areas::accounts::model::{Actor, Role};
use rjhub::areas::allocation::service::suggest;
use rjhub::areas::cases::model::{ParticipantRole, Stage};
use rjhub::areas::cases::service as cases;
use rjhub::config::Config;
use rjhub::entities::{accreditation, facilitator_profile, person, role_grant, user};
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, EntityTrait, IntoActiveModel, Set, TransactionTrait,
};
use uuid::Uuid;

const POOL: usize = 10_000;
const LANGS: [&str; 6] = ["en", "pl", "lt", "ro", "pa", "ar"];
const AREAS: [&str; 6] = [
    "cambridge",
    "east_cambridgeshire",
    "fenland",
    "huntingdonshire",
    "south_cambridgeshire",
    "peterborough",
];

async fn seed(db: &DatabaseConnection) -> Uuid {
    let now = Utc::now();
    let today = now.date_naive();
    let txn = db.begin().await.unwrap();
    for chunk in (0..POOL).collect::<Vec<_>>().chunks(500) {
        let mut users = Vec::new();
        let mut grants = Vec::new();
        let mut profiles = Vec::new();
        let mut accreditations = Vec::new();
        for &i in chunk {
            let id = Uuid::now_v7();
            users.push(user::ActiveModel {
                id: Set(id),
                email: Set(format!("f{i}@bench.example")),
                name: Set(format!("Facilitator {i:05}")),
                password_hash: Set(None),
                status: Set("active".into()),
                agency: Set(None),
                password_changed_at: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                erased_at: Set(None),
                practice_level: Set(None),
                mobile: Set(None),
                text_alerts: Set(false),
            });
            grants.push(role_grant::ActiveModel {
                user_id: Set(id),
                role: Set("facilitator".into()),
                granted_by: Set(None),
                created_at: Set(now),
            });
            profiles.push(facilitator_profile::ActiveModel {
                user_id: Set(id),
                kind: Set(if i % 3 == 0 {
                    "special_constable"
                } else {
                    "volunteer"
                }
                .into()),
                agency: Set(None),
                languages: Set(Some(format!(
                    "en:native,{}:{}",
                    LANGS[i % LANGS.len()],
                    ["basic", "working", "fluent"][i % 3]
                ))),
                cultural_knowledge: Set(None),
                community_knowledge: Set((i % 5 == 0).then(|| "Wisbech families".into())),
                home_area: Set(Some(AREAS[i % AREAS.len()].into())),
                areas_served: Set(Some(format!(
                    "{},{}",
                    AREAS[i % AREAS.len()],
                    AREAS[(i + 1) % AREAS.len()]
                ))),
                max_cases: Set((i % 4) as i32),
                paused: Set(i % 17 == 0),
                availability: Set(Some("mon_eve,sat_am".into())),
                declared_conflicts: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            });
            if i % 10 != 0 {
                accreditations.push(accreditation::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    user_id: Set(id),
                    level: Set("practitioner".into()),
                    awarding_body: Set("rjc".into()),
                    awarded_on: Set(today - Duration::days(100)),
                    expires_on: Set(today + Duration::days(600)),
                    evidence: Set(None),
                    recorded_by: Set(None),
                    created_at: Set(now),
                });
            }
        }
        user::Entity::insert_many(users).exec(&txn).await.unwrap();
        role_grant::Entity::insert_many(grants)
            .exec(&txn)
            .await
            .unwrap();
        facilitator_profile::Entity::insert_many(profiles)
            .exec(&txn)
            .await
            .unwrap();
        accreditation::Entity::insert_many(accreditations)
            .exec(&txn)
            .await
            .unwrap();
    }
    let c = cases::create(
        &txn,
        now,
        None,
        cases::NewCase {
            stage: Stage::Assessment,
            referral_source: "police".into(),
            referring_agency: None,
            referrer_user_id: None,
            offender_initiated: false,
            offence_category: Some("burglary".into()),
            hate_crime: false,
            offence_summary: None,
            reported_to_police: Some(true),
            crime_reference: None,
            proceedings_stage: None,
            area: Some("fenland".into()),
            area_detail: None,
            originating_area: None,
            offender_identified: true,
            awaiting_offender: false,
            intake_check: None,
            enhanced_rights: None,
        },
    )
    .await
    .unwrap();
    let p = person::ActiveModel {
        id: Set(Uuid::now_v7()),
        full_name: Set("Bench Victim".into()),
        email: Set(None),
        phone: Set(None),
        address: Set(None),
        postcode: Set(None),
        preferred_language: Set(Some("pl".into())),
        interpreter_needed: Set(true),
        accessibility_needs: Set(None),
        contact_channels: Set(None),
        safe_times: Set(None),
        may_leave_message: Set(None),
        safe_windows: Set(None),
        discreet: Set(false),
        locale: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        erased_at: Set(None),
    }
    .insert(&txn)
    .await
    .unwrap();
    cases::add_participant_row(&txn, now, c.id, p.id, ParticipantRole::Victim, None)
        .await
        .unwrap();
    let mut a = c.clone().into_active_model();
    a.suitable = Set(Some(true));
    a.update(&txn).await.unwrap();
    txn.commit().await.unwrap();
    c.id
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        data_dir: dir.path().to_path_buf(),
        ..Config::default()
    };
    let (db, case_id, seconds) = rt.block_on(async {
        let db = rjhub::db::connect(&config).await.unwrap();
        rjhub::db::migrate(&db).await.unwrap();
        let started = std::time::Instant::now();
        let case_id = seed(&db).await;
        (db, case_id, started.elapsed().as_secs_f64())
    });
    let coordinator = Actor::new(
        Uuid::nil(),
        Uuid::nil(),
        BTreeSet::from([Role::Coordinator]),
        None,
    );
    let eligible = rt
        .block_on(suggest(&db, &coordinator, Utc::now(), case_id))
        .unwrap()
        .len();
    println!("seeded {POOL} facilitators in {seconds:.1} s; {eligible} eligible for the case");
    let mut group = c.benchmark_group("allocation");
    group.sample_size(10);
    group.bench_function("suggest_facilitators_10000", |b| {
        b.to_async(&rt).iter(|| async {
            suggest(&db, &coordinator, Utc::now(), case_id)
                .await
                .unwrap()
                .len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
