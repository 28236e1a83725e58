//! Demo data: one account per role, so a newcomer can sign in as each kind of user.

use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr};

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::areas::accounts::model::{Actor, FacilitatorKind, Role};
use crate::areas::accounts::service::{self, NewUser};
use crate::areas::cases::model::{ContactChannel, FacilitatorRole, ParticipantRole, Stage};
use crate::areas::cases::people::PersonInput;
use crate::areas::cases::service as cases;
use crate::areas::intake::service::{
    self as intake, OffenceInput, ReferralInput, SelfReferralInput,
};
use crate::clock::Clock;
use crate::entities::user;

pub const DEMO_PASSWORD: &str = "rjhub-demo-2026";

pub struct DemoUser {
    pub email: &'static str,
    pub name: &'static str,
    pub roles: &'static [Role],
    pub kind: Option<FacilitatorKind>,
    pub agency: Option<&'static str>,
}

pub const DEMO_USERS: &[DemoUser] = &[
    DemoUser {
        email: "coordinator@demo.rjhub.test",
        name: "Priya Shah",
        roles: &[Role::Coordinator],
        kind: None,
        agency: None,
    },
    DemoUser {
        email: "supervisor@demo.rjhub.test",
        name: "Gareth Lewis",
        roles: &[Role::Supervisor],
        kind: None,
        agency: None,
    },
    DemoUser {
        email: "volunteer@demo.rjhub.test",
        name: "Agnieszka Nowak",
        roles: &[Role::Facilitator],
        kind: Some(FacilitatorKind::Volunteer),
        agency: None,
    },
    DemoUser {
        email: "special@demo.rjhub.test",
        name: "Tom Harding",
        roles: &[Role::Facilitator],
        kind: Some(FacilitatorKind::SpecialConstable),
        agency: None,
    },
    DemoUser {
        email: "partner@demo.rjhub.test",
        name: "Marcus Bell",
        roles: &[Role::Facilitator],
        kind: Some(FacilitatorKind::PartnerPractitioner),
        agency: Some("Youth Offending Service"),
    },
    DemoUser {
        email: "trainer@demo.rjhub.test",
        name: "Helen Okafor",
        roles: &[Role::Trainer],
        kind: None,
        agency: None,
    },
    DemoUser {
        email: "referrer@demo.rjhub.test",
        name: "PC Dan Whitmore",
        roles: &[Role::Referrer],
        kind: None,
        agency: Some("Cambridgeshire Constabulary"),
    },
    DemoUser {
        email: "commissioner@demo.rjhub.test",
        name: "OPCC Analyst",
        roles: &[Role::Commissioner],
        kind: None,
        agency: None,
    },
    DemoUser {
        email: "dpo@demo.rjhub.test",
        name: "Ruth Adeyemi",
        roles: &[Role::DataProtectionOfficer],
        kind: None,
        agency: None,
    },
];

/// Loads the demo data into an empty database. Returns false (and changes nothing) when the
/// database already has users.
pub async fn load(
    db: &DatabaseConnection,
    clock: &dyn Clock,
    with_cases: bool,
) -> anyhow::Result<bool> {
    if service::any_users(db).await? {
        return Ok(false);
    }
    let bar = indicatif::ProgressBar::new(DEMO_USERS.len() as u64).with_style(
        indicatif::ProgressStyle::with_template("{msg} {bar:30} {pos}/{len}")?,
    );
    bar.set_message("Loading demo accounts");
    for u in DEMO_USERS {
        let made = service::create_user(
            db,
            clock.now(),
            NewUser {
                email: u.email.into(),
                name: u.name.into(),
                roles: u.roles.to_vec(),
                facilitator_kind: u.kind,
                agency: u.agency.map(Into::into),
            },
            DEMO_PASSWORD,
        )
        .await;
        match made {
            Ok(_) => bar.inc(1),
            // Another instance sharing the database started at the same moment and is loading
            // the demo (the account exists now, found by this one's check or by the unique
            // index): its accounts stand, and this instance comes up beside it.
            Err(e) => {
                use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
                let theirs = crate::entities::user::Entity::find()
                    .filter(crate::entities::user::Column::Email.eq(u.email))
                    .one(db)
                    .await?
                    .is_some();
                if !theirs {
                    return Err(e.into());
                }
                bar.finish_and_clear();
                tracing::info!("another instance is loading the demo data");
                return Ok(false);
            }
        }
    }
    load_accreditations(db, clock.now()).await?;
    load_practice(db, clock.now()).await?;
    if with_cases {
        bar.set_message("Loading demo cases");
        load_cases(db, clock.now()).await?;
    }
    bar.finish_and_clear();
    Ok(true)
}

/// The demo facilitators are accredited practitioners and the trainer a qualified trainer, so
/// allocation and training work from the first sign-in.
async fn load_accreditations(db: &DatabaseConnection, now: DateTime<Utc>) -> anyhow::Result<()> {
    use crate::areas::allocation::model::{LanguageProficiency as L, LanguageSkill};
    use crate::areas::training::model::AccreditationLevel;
    use crate::areas::training::service::{AccreditationInput, record_accreditation};
    let coord = actor_for(db, "coordinator@demo.rjhub.test").await?;
    let awarded = crate::kernel::today(now) - Duration::days(300);
    for (who, level, langs, cultural) in [
        (
            "volunteer",
            AccreditationLevel::Practitioner,
            vec![("en", L::Native), ("pl", L::Fluent)],
            Some("Polish community in Fenland and Peterborough"),
        ),
        (
            "special",
            AccreditationLevel::Practitioner,
            vec![("en", L::Native), ("lt", L::Basic)],
            None,
        ),
        (
            "partner",
            AccreditationLevel::Practitioner,
            vec![("en", L::Native), ("pa", L::Working)],
            Some("Young people; Sikh community"),
        ),
        ("trainer", AccreditationLevel::Trainer, vec![], None),
    ] {
        let a = actor_for(db, &format!("{who}@demo.rjhub.test")).await?;
        record_accreditation(
            db,
            now,
            &coord,
            AccreditationInput {
                user_id: a.user_id,
                level,
                awarding_body: "rjc",
                awarded_on: awarded,
                expires_on: None,
                evidence: Some("Certificate seen"),
            },
        )
        .await?;
        if a.has(Role::Facilitator) {
            use crate::areas::allocation::service::{ProfileChange, update_my_profile};
            let areas: Vec<String> = [
                "fenland",
                "peterborough",
                "huntingdonshire",
                "east_cambridgeshire",
                "cambridge",
            ]
            .map(String::from)
            .to_vec();
            update_my_profile(
                db,
                now,
                &a,
                ProfileChange {
                    language_skills: Some(
                        langs
                            .into_iter()
                            .map(|(code, proficiency)| LanguageSkill {
                                code: code.into(),
                                proficiency,
                            })
                            .collect(),
                    ),
                    cultural_knowledge: cultural.map(Into::into),
                    home_area: Some("fenland".into()),
                    areas_served: Some(areas),
                    availability: Some(vec!["mon_eve".into(), "wed_eve".into(), "sat_am".into()]),
                    ..Default::default()
                },
            )
            .await?;
        }
    }
    Ok(())
}

/// Practice levels, supervision and CPD as a working Hub keeps them (R-ST-1): the supervisor
/// and trainer at the advanced level, the facilitators supervised two months ago and observed
/// in the spring; the volunteer has logged some CPD and is short of approved hours.
async fn load_practice(db: &DatabaseConnection, now: DateTime<Utc>) -> anyhow::Result<()> {
    use crate::areas::training::model::SupervisionKind;
    use crate::areas::training::practice::{CpdInput, log_cpd, set_practice_level};
    use crate::areas::training::service::{SupervisionInput, record_supervision};
    use crate::areas::training::standards::PracticeLevel;
    let coord = actor_for(db, "coordinator@demo.rjhub.test").await?;
    let supervisor = actor_for(db, "supervisor@demo.rjhub.test").await?;
    let today = crate::kernel::today(now);
    for (who, level) in [
        ("supervisor", PracticeLevel::Advanced),
        ("trainer", PracticeLevel::Advanced),
        ("volunteer", PracticeLevel::Foundation),
        ("special", PracticeLevel::Foundation),
        ("partner", PracticeLevel::Intermediate),
    ] {
        let a = actor_for(db, &format!("{who}@demo.rjhub.test")).await?;
        set_practice_level(db, now, &coord, a.user_id, level).await?;
        if !a.has(Role::Facilitator) {
            continue;
        }
        // Before the demo cases are allocated (up to 40 days ago), so allocation finds them
        // supervised.
        for (days, kind) in [
            (60, SupervisionKind::OneToOne),
            (200, SupervisionKind::ObservedPractice),
        ] {
            record_supervision(
                db,
                now,
                &supervisor,
                SupervisionInput {
                    facilitator_id: a.user_id,
                    held_on: today - Duration::days(days),
                    kind,
                    notes: None,
                    actions: None,
                },
            )
            .await?;
        }
        if who == "volunteer" {
            for (days, hours, activity, approved) in [
                (90, 3.0, "Shuttle RJ refresher", true),
                (40, 1.5, "Reading: RJC practice guidance", false),
            ] {
                log_cpd(
                    db,
                    now,
                    &a,
                    CpdInput {
                        done_on: today - Duration::days(days),
                        hours,
                        activity,
                        provider: approved.then_some("Restorative Justice Council"),
                        rjc_approved: approved,
                    },
                )
                .await?;
            }
        }
    }
    Ok(())
}

async fn actor_for(db: &DatabaseConnection, email: &str) -> anyhow::Result<Actor> {
    let u = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo user {email} missing"))?;
    let roles: BTreeSet<Role> = crate::areas::accounts::sessions::roles_of(db, u.id).await?;
    Ok(Actor::new(u.id, Uuid::nil(), roles, u.agency))
}

fn person(
    name: &str,
    email: Option<&str>,
    phone: Option<&str>,
    channels: &[ContactChannel],
) -> PersonInput {
    PersonInput {
        full_name: name.into(),
        email: email.map(Into::into),
        phone: phone.map(Into::into),
        contact_channels: channels.to_vec(),
        ..Default::default()
    }
}

fn offence(category: &str, area: &str, stage: &str, summary: &str) -> OffenceInput {
    OffenceInput {
        offence_category: Some(category.into()),
        reported_to_police: Some(stage != "not_reported"),
        proceedings_stage: Some(stage.into()),
        area: Some(area.into()),
        summary: Some(summary.into()),
        ..Default::default()
    }
}

/// A handful of cases at different stages and ages, made through the same services people
/// use, so the inbox, the case page and the firewall all have something to show.
async fn load_cases(db: &DatabaseConnection, now: DateTime<Utc>) -> anyhow::Result<()> {
    let coord = actor_for(db, "coordinator@demo.rjhub.test").await?;
    let referrer = actor_for(db, "referrer@demo.rjhub.test").await?;
    let partner = actor_for(db, "partner@demo.rjhub.test").await?;
    let volunteer = actor_for(db, "volunteer@demo.rjhub.test").await?.user_id;
    let supervisor = actor_for(db, "supervisor@demo.rjhub.test").await?.user_id;
    let days = |n: i64| now - Duration::days(n);
    let public = intake::PublicIntake {
        contact: intake::ServiceContact::from_config(&crate::config::Config::default()),
        per_hour: i32::MAX,
    };
    // Documentation addresses (TEST-NET-1): the demo never uses up a real address's allowance.
    let addr = |n: u8| IpAddr::V4(Ipv4Addr::new(192, 0, 2, n));

    let self_referral =
        |name: &str, role, relationship: Option<&str>, o: OffenceInput, known: bool| {
            SelfReferralInput {
                role: Some(role),
                relationship: relationship.map(Into::into),
                person: PersonInput {
                    safe_times: Some("Weekday evenings, when the children are in bed".into()),
                    may_leave_message: Some(false),
                    discreet: true,
                    safe_windows: vec![crate::areas::cases::people::SafeTimeDraft {
                        days: vec![
                            chrono::Weekday::Mon,
                            chrono::Weekday::Tue,
                            chrono::Weekday::Wed,
                            chrono::Weekday::Thu,
                            chrono::Weekday::Fri,
                        ],
                        from: "18:00".into(),
                        to: "21:00".into(),
                    }],
                    ..person(
                        name,
                        Some("demo.person@example.org"),
                        Some("07700 900111"),
                        &[ContactChannel::Phone, ContactChannel::Email],
                    )
                },
                offence: o,
                offender_known: Some(known),
                contact_if_offender_identified: !known,
                consent_to_contact: true,
                honeypot: None,
            }
        };
    intake::submit_self_referral(
        db,
        days(1),
        addr(1),
        &public,
        self_referral(
            "Jo Turner",
            ParticipantRole::Victim,
            None,
            offence(
                "burglary",
                "fenland",
                "awaiting_court",
                "Our garden shed was broken into and tools taken.",
            ),
            true,
        ),
    )
    .await?;
    intake::submit_self_referral(
        db,
        days(4),
        addr(2),
        &public,
        self_referral(
            "Margaret Hale",
            ParticipantRole::BereavedFamily,
            Some("Mother"),
            offence(
                "road_death_injury",
                "huntingdonshire",
                "custody",
                "My son was killed by a driver who was speeding.",
            ),
            true,
        ),
    )
    .await?;
    intake::submit_self_referral(
        db,
        days(9),
        addr(3),
        &public,
        self_referral(
            "Daniel Okoro",
            ParticipantRole::Victim,
            None,
            offence(
                "violence",
                "cambridge",
                "under_investigation",
                "I was assaulted outside a bar; nobody has been charged yet.",
            ),
            false,
        ),
    )
    .await?;

    let police = |victim: &str, o: OffenceInput| ReferralInput {
        referral_source: "police".into(),
        referring_agency: None,
        offender_initiated: false,
        victim: Some(person(
            victim,
            None,
            Some("01632 960123"),
            &[ContactChannel::Phone],
        )),
        victim_role: Some(ParticipantRole::Victim),
        victim_relationship: None,
        offender: Some(person("Kyle Morgan", None, None, &[])),
        offence: o,
        offender_identified: Some(true),
        contact_if_offender_identified: false,
        consent_confirmed: true,
        enhanced_rights: None,
    };
    let c = intake::create_referral(
        db,
        days(21),
        &referrer,
        police(
            "Aisha Rahman",
            offence(
                "criminal_damage_arson",
                "peterborough",
                "out_of_court",
                "Car windows smashed on the driveway.",
            ),
        ),
    )
    .await?;
    cases::assess(
        db,
        days(18),
        &coord,
        c.id,
        true,
        None,
        Some("Victim keen; offender accepts responsibility."),
    )
    .await?;
    crate::areas::allocation::assign::assign_supervisor(db, days(18), &coord, c.id, supervisor)
        .await?;
    crate::areas::allocation::assign::assign_facilitator(
        db,
        days(17),
        &coord,
        c.id,
        volunteer,
        FacilitatorRole::Lead,
        None,
    )
    .await?;
    cases::move_case(db, days(12), &coord, c.id, Stage::Preparation, None).await?;

    let c = intake::create_referral(
        db,
        days(30),
        &partner,
        ReferralInput {
            referral_source: "youth_offending_service".into(),
            referring_agency: None,
            offender_initiated: true,
            victim: Some(person(
                "Sophie Clarke",
                Some("sophie.demo@example.org"),
                None,
                &[ContactChannel::Email],
            )),
            victim_role: Some(ParticipantRole::Victim),
            victim_relationship: None,
            offender: Some(person(
                "Liam Price",
                None,
                Some("07700 900222"),
                &[ContactChannel::Phone],
            )),
            offence: offence(
                "robbery",
                "east_cambridgeshire",
                "community_sentence",
                "Phone taken at a bus stop; Liam wants to apologise.",
            ),
            offender_identified: Some(true),
            contact_if_offender_identified: false,
            consent_confirmed: true,
            enhanced_rights: None,
        },
    )
    .await?;
    cases::assess(db, days(26), &coord, c.id, true, None, None).await?;
    crate::areas::allocation::assign::assign_supervisor(db, days(26), &coord, c.id, supervisor)
        .await?;
    crate::areas::allocation::assign::assign_facilitator(
        db,
        days(25),
        &coord,
        c.id,
        volunteer,
        FacilitatorRole::Lead,
        None,
    )
    .await?;

    let c = intake::create_referral(
        db,
        days(40),
        &referrer,
        police(
            "Peter Walsh",
            offence(
                "public_order",
                "south_cambridgeshire",
                "awaiting_court",
                "Threats shouted in the street.",
            ),
        ),
    )
    .await?;
    cases::assess(
        db,
        days(35),
        &coord,
        c.id,
        false,
        Some("proceedings_prejudice"),
        Some("Trial due next month."),
    )
    .await?;

    intake::create_enquiry(
        db,
        days(2),
        &coord,
        intake::EnquiryInput {
            person: person(
                "Ray Fletcher",
                None,
                Some("01632 960555"),
                &[ContactChannel::Phone],
            ),
            role: ParticipantRole::Victim,
            relationship: None,
            referral_source: "victims_hub".into(),
            referring_agency: None,
            offence: OffenceInput::default(),
            notes: Some("Asked the Victims' Hub what meeting the offender would involve.".into()),
            enhanced_rights: None,
        },
    )
    .await?;
    Ok(())
}

/// `factor_optional`: the server at `base_url` lets these accounts in with the password alone.
pub fn print_logins(base_url: &str, factor_optional: bool) {
    println!("\nDemo logins for {base_url} (password for all: {DEMO_PASSWORD})");
    for u in DEMO_USERS {
        let roles: Vec<_> = u.roles.iter().map(|r| r.label()).collect();
        let kind = u
            .kind
            .map(|k| format!(" ({})", k.as_str().replace('_', " ")))
            .unwrap_or_default();
        println!("  {:<32} {}{}", u.email, roles.join(", "), kind);
    }
    if factor_optional {
        println!(
            "A second factor is optional on the demo: set one up under Your account, Security, or set RJHUB_SECOND_FACTOR_ROLES to ask for it."
        );
    } else {
        println!(
            "Served without --demo, these accounts set up a second factor at their first sign-in (see RJHUB_SECOND_FACTOR_ROLES)."
        );
    }
    println!();
}
