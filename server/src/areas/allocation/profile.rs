//! A facilitator's own matching profile (R-AL-1): languages with proficiency, knowledge, areas,
//! availability, capacity, conflicts and dates away.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::model::{
    LanguageProficiency, LanguageSkill, check_slots, language_skills, store_language_skills,
};
use crate::access::audit::{self, Entry};
use crate::access::rules::{Duty, require};
use crate::areas::accounts::model::Actor;
use crate::areas::reference::service::{ReferenceList, check_code};
use crate::entities::{facilitator_profile, facilitator_unavailability};
use crate::error::{AppError, AppResult};
use crate::kernel::optional_text;

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
    require(actor, Duty::WorkAsFacilitator)?;
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
