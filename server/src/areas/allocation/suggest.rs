//! The facilitator pool and explained suggestions (R-AL-1, R-AL-2): who is eligible for a case,
//! ranked, each with its reasons in words.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::model::{LanguageProficiency, Score, conflicts_with, language_skills};
use crate::access::case::{self as access, CaseView};
use crate::areas::accounts::model::{Actor, FacilitatorKind, Role};
use crate::areas::cases::model::Stage;
use crate::areas::reference::service::ReferenceList;
use crate::areas::training::model::{CONFERENCES_PER_YEAR, expected_by};
use crate::areas::training::practice::{Whose, records};
use crate::areas::training::standards::{Record, StandardKind, StandardStatus, evaluate};
use crate::entities::{
    case, case_event, case_facilitator, facilitator_profile, facilitator_unavailability, person,
    role_grant, user,
};
use crate::error::AppResult;
use crate::kernel::today;

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
    // Matching reads every participant's language on the service's behalf; only the codes
    // leave this function (and the names, to check declared conflicts).
    let rows = access::participants(conn, &CaseView::service(c.clone())).await?;
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
    Ok(suggest_and_left_out(conn, actor, now, case_id).await?.0)
}

/// A facilitator who cannot take the case, and why in words.
pub struct LeftOut {
    pub member: PoolMember,
    pub reason: String,
}

/// The suggestions, and everyone in the pool left out of them with the reason (at capacity,
/// away, no current accreditation, a declared conflict…), so the best match at her limit
/// does not simply disappear. Those already on the case are in neither.
pub async fn suggest_and_left_out(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    now: DateTime<Utc>,
    case_id: Uuid,
) -> AppResult<(Vec<Suggestion>, Vec<LeftOut>)> {
    let work = access::for_coordination(conn, actor, case_id).await?;
    let c = work.case();
    let n = needs(conn, c).await?;
    let today = today(now);
    let allocated: Vec<Uuid> = super::assign::active_facilitators(conn, c.id)
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
    let practice = records(conn, Whose::All, today, false).await?;
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
    let mut left_out = Vec::new();
    for m in pool(conn, today).await? {
        let away_rows = away.get(&m.user.id).map(Vec::as_slice).unwrap_or_default();
        let away_all = away_rows
            .iter()
            .any(|r| r.from_date <= today && r.to_date >= today + Duration::days(13));
        if allocated.contains(&m.user.id) {
            continue;
        }
        if let Some(reason) = ineligible(&m, c, &n, &allocated, away_all) {
            left_out.push(LeftOut { member: m, reason });
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
                None => s.add(0, format!("does not speak {name}")),
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
        // RJC standards (R-ST-1): overdue supervision or observed practice ranks lower, said in
        // words; an accreditation about to lapse is said too.
        let standards = evaluate(
            practice.get(&m.user.id).unwrap_or(&Record::default()),
            today,
        );
        for w in standards.allocation_warnings() {
            s.add(-25, w.words.clone());
        }
        if let Some(a) = standards
            .get(StandardKind::Accreditation)
            .filter(|a| a.status == StandardStatus::DueSoon)
        {
            s.add(0, a.words.clone());
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
    Ok((out, left_out))
}

fn csv(s: &Option<String>) -> Vec<String> {
    s.as_deref()
        .unwrap_or_default()
        .split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}
