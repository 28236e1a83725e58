//! Allocation operations: the profile, suggestions, offers, answers and expiry.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::model::{
    LanguageProficiency, LanguageSkill, OfferResponse, OfferStatus, Score, check_slots,
    conflicts_with, language_skills, store_language_skills,
};
use crate::areas::accounts::model::{Actor, FacilitatorKind, Role};
use crate::areas::cases::model::{FacilitatorRole, Stage, optional_text, required_text};
use crate::areas::cases::service::{self as cases, today};
use crate::areas::reference::service::{ReferenceList, check_code, label};
use crate::areas::training::model::{CONFERENCES_PER_YEAR, expected_by};
use crate::areas::training::service::accredited_to_facilitate;
use crate::audit::{self, Entry};
use crate::entities::{
    case, case_event, case_facilitator, facilitator_profile, facilitator_unavailability, offer,
    offer_recipient, person, role_grant, user,
};
use crate::error::{AppError, AppResult};
use crate::idempotency::{self, Start};
use crate::notify::push::PushMessage;
use crate::notify::{self, Email};

fn csv(s: &Option<String>) -> Vec<String> {
    s.as_deref()
        .unwrap_or_default()
        .split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

// ----- the profile (R-AL-1) -----

#[derive(Default)]
pub struct ProfileChange {
    /// Plain codes: recorded as fluent unless a level is already on file for that language.
    pub languages: Option<Vec<String>>,
    /// Languages with proficiency; replaces the list (takes precedence over `languages`).
    pub language_skills: Option<Vec<LanguageSkill>>,
    pub cultural_knowledge: Option<String>,
    pub community_knowledge: Option<String>,
    pub home_area: Option<String>,
    pub areas_served: Option<Vec<String>>,
    pub availability: Option<Vec<String>>,
    pub max_cases: Option<i32>,
    pub paused: Option<bool>,
    pub declared_conflicts: Option<String>,
    /// Replaces the list of dates they are away.
    pub unavailable: Option<Vec<(NaiveDate, NaiveDate, Option<String>)>>,
}

async fn codes(
    conn: &impl ConnectionTrait,
    list: ReferenceList,
    field: &'static str,
    values: &[String],
) -> AppResult<Option<String>> {
    let mut out = BTreeSet::new();
    for v in values {
        if let Some(c) = check_code(conn, list, field, Some(v)).await? {
            out.insert(c);
        }
    }
    Ok((!out.is_empty()).then(|| out.into_iter().collect::<Vec<_>>().join(",")))
}

/// A facilitator edits their own matching facts from the phone; only the fields sent change.
pub async fn update_my_profile(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    ch: ProfileChange,
) -> AppResult<facilitator_profile::Model> {
    if !actor.has(Role::Facilitator) {
        return Err(AppError::Forbidden);
    }
    let txn = crate::db::begin_write(db).await?;
    let p = facilitator_profile::Entity::find_by_id(actor.user_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("Your facilitator profile"))?;
    let on_file = language_skills(p.languages.as_deref());
    let skills = match (ch.language_skills, &ch.languages) {
        (Some(skills), _) => Some((skills, "languageSkills")),
        (None, Some(plain)) => Some((
            plain
                .iter()
                .map(|code| LanguageSkill {
                    code: code.clone(),
                    proficiency: on_file
                        .iter()
                        .find(|s| &s.code == code)
                        .map_or(LanguageProficiency::Fluent, |s| s.proficiency),
                })
                .collect(),
            "languages",
        )),
        (None, None) => None,
    };
    let mut a = p.into_active_model();
    if let Some((skills, field)) = skills {
        let mut checked = Vec::with_capacity(skills.len());
        for s in skills {
            if let Some(code) =
                check_code(&txn, ReferenceList::Language, field, Some(&s.code)).await?
            {
                checked.push(LanguageSkill { code, ..s });
            }
        }
        a.languages = Set(store_language_skills(&checked));
    }
    if let Some(k) = &ch.cultural_knowledge {
        a.cultural_knowledge = Set(optional_text("culturalKnowledge", Some(k), 2000)?);
    }
    if let Some(k) = &ch.community_knowledge {
        a.community_knowledge = Set(optional_text("communityKnowledge", Some(k), 2000)?);
    }
    if let Some(h) = &ch.home_area {
        a.home_area = Set(check_code(&txn, ReferenceList::Area, "homeArea", Some(h)).await?);
    }
    if let Some(areas) = &ch.areas_served {
        a.areas_served = Set(codes(&txn, ReferenceList::Area, "areasServed", areas).await?);
    }
    if let Some(slots) = &ch.availability {
        let slots = check_slots(slots)?;
        a.availability = Set((!slots.is_empty()).then(|| slots.join(",")));
    }
    if let Some(m) = ch.max_cases {
        if !(0..=20).contains(&m) {
            return Err(AppError::validation(
                "maxCases",
                "Choose between 0 and 20 cases at a time",
            ));
        }
        a.max_cases = Set(m);
    }
    if let Some(p) = ch.paused {
        a.paused = Set(p);
    }
    if let Some(c) = &ch.declared_conflicts {
        a.declared_conflicts = Set(optional_text("declaredConflicts", Some(c), 4000)?);
    }
    a.updated_at = Set(now);
    let row = a.update(&txn).await?;
    if let Some(ranges) = ch.unavailable {
        facilitator_unavailability::Entity::delete_many()
            .filter(facilitator_unavailability::Column::UserId.eq(actor.user_id))
            .exec(&txn)
            .await?;
        for (from, to, note) in ranges {
            if to < from {
                return Err(AppError::validation(
                    "away",
                    "An away period must end on or after its start",
                ));
            }
            facilitator_unavailability::ActiveModel {
                id: Set(Uuid::now_v7()),
                user_id: Set(actor.user_id),
                from_date: Set(from),
                to_date: Set(to),
                note: Set(optional_text("away", note.as_deref(), 200)?),
            }
            .insert(&txn)
            .await?;
        }
    }
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("update_facilitator_profile", "user", actor.user_id),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

pub async fn unavailability(
    conn: &impl ConnectionTrait,
    user_id: Uuid,
) -> AppResult<Vec<facilitator_unavailability::Model>> {
    Ok(facilitator_unavailability::Entity::find()
        .filter(facilitator_unavailability::Column::UserId.eq(user_id))
        .order_by_asc(facilitator_unavailability::Column::FromDate)
        .all(conn)
        .await?)
}

// ----- the pool and suggestions (R-AL-1, R-AL-2) -----

/// One facilitator with what matching needs to know.
#[derive(Clone)]
pub struct PoolMember {
    pub user: user::Model,
    pub profile: facilitator_profile::Model,
    pub open_cases: i64,
    pub accredited: bool,
}

/// Every active facilitator with their profile, open case count and accreditation today. A
/// fixed number of queries whatever the pool's size (the ranking benchmark runs 10,000).
pub async fn pool(conn: &impl ConnectionTrait, on: NaiveDate) -> AppResult<Vec<PoolMember>> {
    use crate::areas::training::model::AccreditationLevel;
    use crate::entities::accreditation;
    let facilitators: HashSet<Uuid> = role_grant::Entity::find()
        .filter(role_grant::Column::Role.eq(Role::Facilitator.as_str()))
        .all(conn)
        .await?
        .into_iter()
        .map(|g| g.user_id)
        .collect();
    let mut profiles: HashMap<Uuid, facilitator_profile::Model> =
        facilitator_profile::Entity::find()
            .all(conn)
            .await?
            .into_iter()
            .map(|p| (p.user_id, p))
            .collect();
    let accredited: HashSet<Uuid> = accreditation::Entity::find()
        .filter(accreditation::Column::Level.is_in([
            AccreditationLevel::Practitioner.as_str(),
            AccreditationLevel::Trainer.as_str(),
        ]))
        .filter(accreditation::Column::AwardedOn.lte(on))
        .filter(accreditation::Column::ExpiresOn.gte(on))
        .all(conn)
        .await?
        .into_iter()
        .map(|a| a.user_id)
        .collect();
    let open_stages: Vec<&str> = Stage::ALL
        .iter()
        .filter(|s| s.is_open())
        .map(|s| s.as_str())
        .collect();
    let open_case_ids: HashSet<Uuid> = case::Entity::find()
        .filter(case::Column::Stage.is_in(open_stages))
        .all(conn)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let mut load: HashMap<Uuid, i64> = HashMap::new();
    for f in case_facilitator::Entity::find()
        .filter(case_facilitator::Column::EndedAt.is_null())
        .all(conn)
        .await?
    {
        if open_case_ids.contains(&f.case_id) {
            *load.entry(f.user_id).or_default() += 1;
        }
    }
    let users = user::Entity::find()
        .filter(user::Column::Status.eq("active"))
        .filter(user::Column::ErasedAt.is_null())
        .order_by_asc(user::Column::Name)
        .all(conn)
        .await?;
    Ok(users
        .into_iter()
        .filter(|u| facilitators.contains(&u.id))
        .filter_map(|u| {
            let profile = profiles.remove(&u.id)?;
            Some(PoolMember {
                open_cases: load.get(&u.id).copied().unwrap_or(0),
                accredited: accredited.contains(&u.id),
                profile,
                user: u,
            })
        })
        .collect())
}

pub struct Suggestion {
    pub member: PoolMember,
    pub score: i32,
    pub reasons: Vec<String>,
}

/// What the case needs, for matching and for the anonymised offer summary.
pub struct CaseNeeds {
    pub area: Option<String>,
    /// (language code, interpreter needed)
    pub languages: Vec<(String, bool)>,
    pub names: Vec<String>,
}

pub async fn needs(conn: &impl ConnectionTrait, c: &case::Model) -> AppResult<CaseNeeds> {
    let rows =
        cases::participants(conn, c.id, crate::areas::cases::model::CaseAccess::Full).await?;
    let mut languages = Vec::new();
    for (_, p) in &rows {
        if let Some(l) = p.preferred_language.clone().filter(|l| l != "en") {
            languages.push((l, p.interpreter_needed));
        }
    }
    languages.sort();
    languages.dedup();
    Ok(CaseNeeds {
        area: c.area.clone(),
        languages,
        names: rows
            .into_iter()
            .map(|(_, p): (_, person::Model)| p.full_name)
            .collect(),
    })
}

/// Why a facilitator cannot take this case, or `None` when they can.
fn ineligible(
    m: &PoolMember,
    c: &case::Model,
    n: &CaseNeeds,
    allocated: &[Uuid],
    away: bool,
) -> Option<String> {
    if !m.accredited {
        return Some("no current practitioner accreditation".into());
    }
    if m.profile.paused {
        return Some("paused".into());
    }
    if allocated.contains(&m.user.id) {
        return Some("already on this case".into());
    }
    if m.open_cases >= i64::from(m.profile.max_cases) {
        return Some(format!(
            "full ({} of {} cases)",
            m.open_cases, m.profile.max_cases
        ));
    }
    if let Some(name) = m
        .profile
        .declared_conflicts
        .as_deref()
        .and_then(|d| conflicts_with(d, &n.names))
    {
        return Some(format!("declared a conflict of interest ({name})"));
    }
    if c.offender_initiated
        && m.user.agency.is_some()
        && m.user.agency.as_deref().map(str::to_lowercase)
            == c.referring_agency.as_deref().map(str::to_lowercase)
    {
        return Some("works for the agency on the offender's side".into());
    }
    if away {
        return Some("away for the next two weeks".into());
    }
    None
}

/// Cases each facilitator took to the restorative intervention this year (R-TR-3).
async fn conferences_this_year(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> AppResult<HashMap<Uuid, i64>> {
    let year = today(now).year();
    let start = NaiveDate::from_ymd_opt(year, 1, 1)
        .unwrap_or_default()
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    let events = case_event::Entity::find()
        .filter(case_event::Column::ToStage.eq(Stage::Intervention.as_str()))
        .filter(case_event::Column::At.gte(start))
        .all(conn)
        .await?;
    let case_ids: BTreeSet<Uuid> = events.iter().map(|e| e.case_id).collect();
    let mut per_user: HashMap<Uuid, BTreeSet<Uuid>> = HashMap::new();
    for f in case_facilitator::Entity::find()
        .filter(case_facilitator::Column::CaseId.is_in(case_ids))
        .all(conn)
        .await?
    {
        per_user.entry(f.user_id).or_default().insert(f.case_id);
    }
    Ok(per_user
        .into_iter()
        .map(|(u, cs)| (u, cs.len() as i64))
        .collect())
}

/// Eligible facilitators for a case, best first, each with its reasons (R-AL-2).
pub async fn suggest(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    now: DateTime<Utc>,
    case_id: Uuid,
) -> AppResult<Vec<Suggestion>> {
    crate::areas::cases::policy::require_coordinator(actor)?;
    let c = cases::load(conn, case_id).await?;
    let n = needs(conn, &c).await?;
    let today = today(now);
    let allocated: Vec<Uuid> = cases::active_facilitators(conn, c.id)
        .await?
        .into_iter()
        .map(|f| f.user_id)
        .collect();
    let mut away: HashMap<Uuid, Vec<facilitator_unavailability::Model>> = HashMap::new();
    for r in facilitator_unavailability::Entity::find()
        .filter(facilitator_unavailability::Column::ToDate.gte(today))
        .all(conn)
        .await?
    {
        away.entry(r.user_id).or_default().push(r);
    }
    let conferences = conferences_this_year(conn, now).await?;
    let mut labels: HashMap<(ReferenceList, String), String> = HashMap::new();
    for list in [ReferenceList::Language, ReferenceList::Area] {
        for item in crate::areas::reference::service::items(conn, list, true).await? {
            labels.insert((list, item.code), item.label);
        }
    }
    let name = |list: ReferenceList, code: &str| {
        labels
            .get(&(list, code.to_string()))
            .cloned()
            .unwrap_or_else(|| code.to_string())
    };
    let mut out = Vec::new();
    for m in pool(conn, today).await? {
        let away_rows = away.get(&m.user.id).map(Vec::as_slice).unwrap_or_default();
        let away_all = away_rows
            .iter()
            .any(|r| r.from_date <= today && r.to_date >= today + Duration::days(13));
        if ineligible(&m, &c, &n, &allocated, away_all).is_some() {
            continue;
        }
        let mut s = Score::default();
        let speaks = language_skills(m.profile.languages.as_deref());
        let mut language_names = Vec::new();
        for (lang, interpreter) in &n.languages {
            let name = name(ReferenceList::Language, lang);
            match speaks
                .iter()
                .find(|sk| &sk.code == lang)
                .map(|sk| sk.proficiency)
            {
                Some(LanguageProficiency::Native | LanguageProficiency::Fluent) => {
                    s.add(if *interpreter { 40 } else { 30 }, format!("speaks {name}"));
                }
                Some(LanguageProficiency::Working) => {
                    s.add(
                        if *interpreter { 20 } else { 15 },
                        format!("speaks {name} (working level)"),
                    );
                }
                Some(LanguageProficiency::Basic) => s.add(
                    5,
                    format!("basic {name} only: an interpreter may still be needed"),
                ),
                None if *interpreter => {
                    s.add(0, format!("would need an interpreter for {name}"));
                }
                None => {}
            }
            language_names.push(name);
        }
        // Knowledge of the community the people come from: a named language or area in what the
        // facilitator wrote counts a little; otherwise it is shown for the co-ordinator to judge.
        let area_name = n.area.as_ref().map(|a| name(ReferenceList::Area, a));
        for (label, text) in [
            ("cultural knowledge", &m.profile.cultural_knowledge),
            ("community knowledge", &m.profile.community_knowledge),
        ] {
            let Some(text) = text else { continue };
            let lower = text.to_lowercase();
            let hit = language_names
                .iter()
                .chain(area_name.iter())
                .find(|w| lower.contains(&w.to_lowercase()));
            match hit {
                Some(w) => s.add(5, format!("{label} relevant to {w}: {text}")),
                None => s.add(0, format!("{label}: {text}")),
            }
        }
        if let Some(area) = &n.area {
            let area_name = name(ReferenceList::Area, area);
            if csv(&m.profile.areas_served).contains(area) {
                s.add(20, format!("serves {area_name}"));
            }
            if m.profile.home_area.as_deref() == Some(area) {
                s.add(5, format!("lives in {area_name}"));
            }
        }
        let max = i64::from(m.profile.max_cases.max(1));
        s.add(
            ((max - m.open_cases) * 15 / max) as i32,
            format!(
                "{} open case{} of {}",
                m.open_cases,
                if m.open_cases == 1 { "" } else { "s" },
                m.profile.max_cases
            ),
        );
        let slots = csv(&m.profile.availability).len();
        if slots > 0 {
            s.add(
                (slots as i32).min(10),
                format!(
                    "available {slots} session{} a week",
                    if slots == 1 { "" } else { "s" }
                ),
            );
        }
        if let Some(r) = away_rows
            .iter()
            .find(|r| r.from_date <= today + Duration::days(13) && r.to_date >= today)
        {
            s.add(
                -10,
                format!(
                    "away {} to {}",
                    r.from_date.format("%-d %b"),
                    r.to_date.format("%-d %b")
                ),
            );
        }
        let kind: Option<FacilitatorKind> = m.profile.kind.parse().ok();
        if kind == Some(FacilitatorKind::Volunteer) {
            let done = conferences.get(&m.user.id).copied().unwrap_or(0);
            let behind = done < expected_by(today);
            s.add(
                if behind { 10 } else { 0 },
                format!(
                    "{done} of {CONFERENCES_PER_YEAR} conferences this year{}",
                    if behind { ", behind" } else { "" }
                ),
            );
        }
        out.push(Suggestion {
            score: s.points,
            reasons: s.reasons,
            member: m,
        });
    }
    out.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.member.user.name.cmp(&b.member.user.name))
    });
    Ok(out)
}

// ----- offers (R-AL-3, R-AL-5) -----

pub struct OfferInput {
    pub case_id: Uuid,
    pub facilitator_ids: Vec<Uuid>,
    pub role: FacilitatorRole,
    pub expires_at: DateTime<Utc>,
    pub commitment: Option<String>,
    /// Why someone outside the suggestions is offered the case; recorded.
    pub outside_reason: Option<String>,
}

pub async fn offer_case(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    input: OfferInput,
) -> AppResult<offer::Model> {
    crate::areas::cases::policy::require_coordinator(actor)?;
    if input.facilitator_ids.is_empty() {
        return Err(AppError::validation(
            "facilitatorIds",
            "Choose at least one facilitator",
        ));
    }
    if input.expires_at <= now + Duration::minutes(10) {
        return Err(AppError::validation(
            "expiresAt",
            "Give the facilitator at least ten minutes to answer",
        ));
    }
    let suggested: Vec<Uuid> = suggest(db, actor, now, input.case_id)
        .await?
        .into_iter()
        .map(|s| s.member.user.id)
        .collect();
    let txn = crate::db::begin_write(db).await?;
    let c = cases::load(&txn, input.case_id).await?;
    let stage = cases::stage(&c);
    if c.suitable != Some(true)
        || !stage.is_open()
        || matches!(stage, Stage::Enquiry | Stage::Referral)
    {
        return Err(AppError::validation(
            "caseId",
            "Only an open case assessed as suitable can be offered",
        ));
    }
    let outside = optional_text("outsideReason", input.outside_reason.as_deref(), 2000)?;
    let today = today(now);
    let mut ids = input.facilitator_ids.clone();
    ids.sort();
    ids.dedup();
    for id in &ids {
        if !accredited_to_facilitate(&txn, *id, today).await? {
            return Err(AppError::validation(
                "facilitatorIds",
                "Only facilitators with a current practitioner accreditation can be offered a case",
            ));
        }
        if !suggested.contains(id) && outside.is_none() {
            return Err(AppError::validation(
                "outsideReason",
                "Someone you chose is not among the suggestions: say why you are offering it to them",
            ));
        }
    }
    let o = offer::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(c.id),
        role: Set(input.role.as_str().into()),
        status: Set(OfferStatus::Open.as_str().into()),
        expires_at: Set(input.expires_at),
        commitment: Set(optional_text(
            "commitment",
            input.commitment.as_deref(),
            500,
        )?),
        outside_reason: Set(outside),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        accepted_by: Set(None),
        decided_at: Set(None),
    }
    .insert(&txn)
    .await?;
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(ids.clone()))
        .all(&txn)
        .await?;
    for id in &ids {
        offer_recipient::ActiveModel {
            offer_id: Set(o.id),
            user_id: Set(*id),
            response: Set(OfferResponse::Pending.as_str().into()),
            decline_reason: Set(None),
            responded_at: Set(None),
        }
        .insert(&txn)
        .await?;
        notify::enqueue_push(
            &txn,
            now,
            *id,
            &PushMessage {
                title: "New case offer".into(),
                body: "A case is offered to you. Open RJ Hub to see the summary and answer.".into(),
                url: "/offers".into(),
                ttl: 86_400,
                urgent: true,
            },
        )
        .await?;
        if let Some(u) = users.iter().find(|u| u.id == *id) {
            notify::enqueue_email(&txn, now, &u.email, &Email {
                subject: "RJ Hub: a case is offered to you".into(),
                text: format!("A case is offered to you in RJ Hub. Open the app to see the summary and accept or decline before {}.\n\nRJ Hub\n", input.expires_at.with_timezone(&chrono_tz::Europe::London).format("%-d %B %Y at %H:%M")),
            }).await?;
        }
    }
    audit::record_by(&txn, now, actor, Entry::new("offer_case", "case", c.id).detail(serde_json::json!({"offer": o.id.to_string(), "to": ids.iter().map(Uuid::to_string).collect::<Vec<_>>(), "outside": o.outside_reason.is_some()}))).await?;
    txn.commit().await?;
    Ok(o)
}

pub async fn recipients(
    conn: &impl ConnectionTrait,
    offer_id: Uuid,
) -> AppResult<Vec<(offer_recipient::Model, String)>> {
    let rows = offer_recipient::Entity::find()
        .filter(offer_recipient::Column::OfferId.eq(offer_id))
        .all(conn)
        .await?;
    crate::areas::accounts::service::with_names(conn, rows, |r| r.user_id).await
}

/// The offers made on a case, newest first (co-ordinator).
pub async fn offers_for_case(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    case_id: Uuid,
) -> AppResult<Vec<offer::Model>> {
    crate::areas::cases::policy::require_coordinator(actor)?;
    Ok(offer::Entity::find()
        .filter(offer::Column::CaseId.eq(case_id))
        .order_by_desc(offer::Column::CreatedAt)
        .order_by_desc(offer::Column::Id)
        .all(conn)
        .await?)
}

/// A facilitator's open offers.
pub async fn my_offers(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    now: DateTime<Utc>,
) -> AppResult<Vec<(offer::Model, case::Model)>> {
    if !actor.has(Role::Facilitator) {
        return Err(AppError::Forbidden);
    }
    let pending: Vec<Uuid> = offer_recipient::Entity::find()
        .filter(offer_recipient::Column::UserId.eq(actor.user_id))
        .filter(offer_recipient::Column::Response.eq(OfferResponse::Pending.as_str()))
        .all(conn)
        .await?
        .into_iter()
        .map(|r| r.offer_id)
        .collect();
    let offers = offer::Entity::find()
        .filter(offer::Column::Id.is_in(pending))
        .filter(offer::Column::Status.eq(OfferStatus::Open.as_str()))
        .filter(offer::Column::ExpiresAt.gt(now))
        .order_by_asc(offer::Column::ExpiresAt)
        .all(conn)
        .await?;
    let cases = case::Entity::find()
        .filter(case::Column::Id.is_in(offers.iter().map(|o| o.case_id)))
        .all(conn)
        .await?;
    Ok(offers
        .into_iter()
        .filter_map(|o| Some((o.clone(), cases.iter().find(|c| c.id == o.case_id)?.clone())))
        .collect())
}

/// What happened to an answer; stored under its idempotency key.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Answer {
    pub offer_id: Uuid,
    pub case_id: Uuid,
    pub response: String,
}

async fn pending_offer(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    offer_id: Uuid,
) -> AppResult<(offer::Model, offer_recipient::Model)> {
    let r = offer_recipient::Entity::find_by_id((offer_id, actor.user_id))
        .one(conn)
        .await?
        .ok_or(AppError::NotFound("The offer"))?;
    let o = offer::Entity::find_by_id(offer_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound("The offer"))?;
    Ok((o, r))
}

fn gone(o: &offer::Model, now: DateTime<Utc>) -> AppError {
    let msg = match o.status.parse::<OfferStatus>() {
        Ok(OfferStatus::Accepted) => {
            "Another facilitator accepted this case first. Thank you for answering."
        }
        Ok(OfferStatus::Withdrawn) => "The co-ordinator has withdrawn this offer.",
        _ if o.expires_at <= now => "This offer has expired.",
        _ => "This offer is no longer open.",
    };
    AppError::Conflict(msg.into())
}

/// Accepts an offer. Of many simultaneous acceptances exactly one wins: the offer row is
/// claimed by a conditional update, and only the transaction that changed it allocates.
pub async fn accept(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    offer_id: Uuid,
    key: &str,
) -> AppResult<Answer> {
    const OP: &str = "accept_offer";
    let txn = match idempotency::start(db, actor.user_id, Some(key), OP).await? {
        Start::Replay(answer) => return Ok(answer),
        Start::Fresh(txn) => txn,
    };
    let (o, r) = pending_offer(&txn, actor, offer_id).await?;
    if r.response != OfferResponse::Pending.as_str() {
        return Err(gone(&o, now));
    }
    let claimed = offer::Entity::update_many()
        .col_expr(
            offer::Column::Status,
            Expr::value(OfferStatus::Accepted.as_str()),
        )
        .col_expr(offer::Column::AcceptedBy, Expr::value(actor.user_id))
        .col_expr(offer::Column::DecidedAt, Expr::value(now))
        .filter(offer::Column::Id.eq(o.id))
        .filter(offer::Column::Status.eq(OfferStatus::Open.as_str()))
        .filter(offer::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        let o = offer::Entity::find_by_id(o.id)
            .one(&txn)
            .await?
            .unwrap_or(o);
        return Err(gone(&o, now));
    }
    offer_recipient::Entity::update_many()
        .col_expr(
            offer_recipient::Column::Response,
            Expr::value(OfferResponse::Taken.as_str()),
        )
        .filter(offer_recipient::Column::OfferId.eq(o.id))
        .filter(offer_recipient::Column::Response.eq(OfferResponse::Pending.as_str()))
        .exec(&txn)
        .await?;
    offer_recipient::Entity::update_many()
        .col_expr(
            offer_recipient::Column::Response,
            Expr::value(OfferResponse::Accepted.as_str()),
        )
        .col_expr(offer_recipient::Column::RespondedAt, Expr::value(now))
        .filter(offer_recipient::Column::OfferId.eq(o.id))
        .filter(offer_recipient::Column::UserId.eq(actor.user_id))
        .exec(&txn)
        .await?;
    let role: FacilitatorRole = o.role.parse()?;
    cases::allocate_in(&txn, now, actor.user_id, o.case_id, actor.user_id, role).await?;
    if let Some(by) = o.created_by {
        let reference = cases::load(&txn, o.case_id).await?.reference;
        let msg = PushMessage {
            title: "Offer accepted".into(),
            body: format!("{reference} has been accepted."),
            url: format!("/cases/{}", o.case_id),
            ttl: 86_400,
            urgent: false,
        };
        notify::enqueue_push(&txn, now, by, &msg).await?;
    }
    let answer = Answer {
        offer_id: o.id,
        case_id: o.case_id,
        response: OfferResponse::Accepted.as_str().into(),
    };
    idempotency::finish(&txn, now, actor.user_id, Some(key), OP, &answer).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("accept_offer", "case", o.case_id)
            .detail(serde_json::json!({"offer": o.id.to_string()})),
    )
    .await?;
    txn.commit().await?;
    Ok(answer)
}

pub async fn decline(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    offer_id: Uuid,
    reason: &str,
    key: &str,
) -> AppResult<Answer> {
    const OP: &str = "decline_offer";
    let reason = required_text(
        "reason",
        reason,
        1000,
        "why you cannot take it (only the co-ordinator sees this)",
    )?;
    let txn = match idempotency::start(db, actor.user_id, Some(key), OP).await? {
        Start::Replay(answer) => return Ok(answer),
        Start::Fresh(txn) => txn,
    };
    let (o, r) = pending_offer(&txn, actor, offer_id).await?;
    if r.response != OfferResponse::Pending.as_str() || o.status != OfferStatus::Open.as_str() {
        return Err(gone(&o, now));
    }
    let mut a = r.into_active_model();
    a.response = Set(OfferResponse::Declined.as_str().into());
    a.decline_reason = Set(Some(reason));
    a.responded_at = Set(Some(now));
    a.update(&txn).await?;
    let still_pending = offer_recipient::Entity::find()
        .filter(offer_recipient::Column::OfferId.eq(o.id))
        .filter(offer_recipient::Column::Response.eq(OfferResponse::Pending.as_str()))
        .one(&txn)
        .await?
        .is_some();
    if !still_pending {
        offer::Entity::update_many()
            .col_expr(
                offer::Column::Status,
                Expr::value(OfferStatus::Declined.as_str()),
            )
            .col_expr(offer::Column::DecidedAt, Expr::value(now))
            .filter(offer::Column::Id.eq(o.id))
            .exec(&txn)
            .await?;
        tell_coordinators(
            &txn,
            now,
            o.case_id,
            "Everyone it was offered to declined it",
        )
        .await?;
    }
    let answer = Answer {
        offer_id: o.id,
        case_id: o.case_id,
        response: OfferResponse::Declined.as_str().into(),
    };
    idempotency::finish(&txn, now, actor.user_id, Some(key), OP, &answer).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("decline_offer", "case", o.case_id)
            .detail(serde_json::json!({"offer": o.id.to_string()})),
    )
    .await?;
    txn.commit().await?;
    Ok(answer)
}

async fn tell_coordinators(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    case_id: Uuid,
    what: &str,
) -> AppResult<()> {
    let reference = cases::load(conn, case_id)
        .await
        .map(|c| c.reference)
        .unwrap_or_default();
    for u in crate::areas::accounts::service::active_with_role(conn, Role::Coordinator).await? {
        // The reference is random and names nobody: safe on a lock screen.
        let msg = PushMessage {
            title: "Offer needs you".into(),
            body: format!("{what}: {reference}."),
            url: format!("/cases/{case_id}"),
            ttl: 86_400,
            urgent: false,
        };
        notify::enqueue_push(conn, now, u.id, &msg).await?;
        notify::enqueue_email(
            conn,
            now,
            &u.email,
            &Email {
                subject: format!("RJ Hub: the offer for {reference} needs you"),
                text: format!(
                    "{what}: {reference}. Open the case in RJ Hub to offer it again.\n\nRJ Hub\n"
                ),
            },
        )
        .await?;
    }
    Ok(())
}

/// Offers nobody answered in time lapse, and the co-ordinator is told (R-AL-3).
pub async fn expire_due(db: &DatabaseConnection, now: DateTime<Utc>) -> AppResult<usize> {
    let due = offer::Entity::find()
        .filter(offer::Column::Status.eq(OfferStatus::Open.as_str()))
        .filter(offer::Column::ExpiresAt.lte(now))
        .all(db)
        .await?;
    let mut n = 0;
    for o in due {
        let txn = crate::db::begin_write(db).await?;
        let changed = offer::Entity::update_many()
            .col_expr(
                offer::Column::Status,
                Expr::value(OfferStatus::Expired.as_str()),
            )
            .col_expr(offer::Column::DecidedAt, Expr::value(now))
            .filter(offer::Column::Id.eq(o.id))
            .filter(offer::Column::Status.eq(OfferStatus::Open.as_str()))
            .exec(&txn)
            .await?;
        if changed.rows_affected == 1 {
            offer_recipient::Entity::update_many()
                .col_expr(
                    offer_recipient::Column::Response,
                    Expr::value(OfferResponse::Expired.as_str()),
                )
                .filter(offer_recipient::Column::OfferId.eq(o.id))
                .filter(offer_recipient::Column::Response.eq(OfferResponse::Pending.as_str()))
                .exec(&txn)
                .await?;
            tell_coordinators(&txn, now, o.case_id, "An offer lapsed without an answer").await?;
            audit::record(
                &txn,
                now,
                None,
                Entry::new("offer_expired", "case", o.case_id)
                    .detail(serde_json::json!({"offer": o.id.to_string()})),
            )
            .await?;
            n += 1;
        }
        txn.commit().await?;
    }
    Ok(n)
}

/// The anonymised summary a facilitator sees before accepting: never a name, address or
/// contact detail.
pub struct OfferSummary {
    pub area: Option<String>,
    pub offence_category: Option<String>,
    pub languages: Vec<String>,
    pub intervention_model: Option<String>,
    pub offender_initiated: bool,
}

pub async fn summary(conn: &impl ConnectionTrait, c: &case::Model) -> AppResult<OfferSummary> {
    let n = needs(conn, c).await?;
    let mut languages = Vec::new();
    for (l, interp) in n.languages {
        let name = label(conn, ReferenceList::Language, &l).await?;
        languages.push(if interp {
            format!("{name} (interpreter needed)")
        } else {
            name
        });
    }
    Ok(OfferSummary {
        area: match &c.area {
            Some(a) => Some(label(conn, ReferenceList::Area, a).await?),
            None => None,
        },
        offence_category: match &c.offence_category {
            Some(a) => Some(label(conn, ReferenceList::OffenceCategory, a).await?),
            None => None,
        },
        languages,
        intervention_model: match &c.intervention_model {
            Some(a) => Some(label(conn, ReferenceList::InterventionModel, a).await?),
            None => None,
        },
        offender_initiated: c.offender_initiated,
    })
}
