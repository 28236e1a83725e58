//! The volunteer bank (R-TR-5): applicants through vetting and training to activation, and the
//! compliance figures (R-TR-3, R-RP-11).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::model::{ApplicantStage, MIN_VOLUNTEERS, check_applicant_move, expected_by};
use crate::access::audit::{self, Entry};
use crate::access::rules::{Duty, require};
use crate::areas::accounts::model::{Actor, FacilitatorKind, Role, normalise_email};
use crate::areas::cases::model::Stage;
use crate::areas::reference::service::{ReferenceList, check_code, label};
use crate::entities::{
    applicant, applicant_event, case_event, case_facilitator, facilitator_profile, role_grant, user,
};
use crate::error::{AppError, AppResult};
use crate::kernel::today;
use crate::kernel::{optional_text, required_text};

pub struct ApplicantInput<'a> {
    pub full_name: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub area: Option<&'a str>,
    pub languages: &'a [String],
    pub cultural_knowledge: Option<&'a str>,
}

pub async fn create_applicant(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    input: ApplicantInput<'_>,
) -> AppResult<applicant::Model> {
    require(actor, Duty::ManageVolunteers)?;
    let txn = crate::db::begin_write(db).await?;
    let email = match optional_text("email", input.email, 254)? {
        Some(e) => Some(normalise_email("email", &e)?),
        None => None,
    };
    let mut langs = BTreeSet::new();
    for l in input.languages {
        if let Some(c) = check_code(&txn, ReferenceList::Language, "languages", Some(l)).await? {
            langs.insert(c);
        }
    }
    let row =
        applicant::ActiveModel {
            id: Set(Uuid::now_v7()),
            full_name: Set(required_text(
                "fullName",
                input.full_name,
                200,
                "their name",
            )?),
            email: Set(email),
            phone: Set(optional_text("phone", input.phone, 40)?),
            area: Set(check_code(&txn, ReferenceList::Area, "area", input.area).await?),
            languages: Set(
                (!langs.is_empty()).then(|| langs.into_iter().collect::<Vec<_>>().join(","))
            ),
            cultural_knowledge: Set(optional_text(
                "culturalKnowledge",
                input.cultural_knowledge,
                2000,
            )?),
            stage: Set(ApplicantStage::Enquiry.as_str().into()),
            user_id: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            erased_at: Set(None),
        }
        .insert(&txn)
        .await?;
    applicant_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        applicant_id: Set(row.id),
        from_stage: Set(None),
        to_stage: Set(ApplicantStage::Enquiry.as_str().into()),
        at: Set(now),
        actor_id: Set(Some(actor.user_id)),
        note: Set(None),
    }
    .insert(&txn)
    .await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("create_applicant", "applicant", row.id),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// Moves an applicant on. Becoming active invites them as a volunteer facilitator, in the same
/// transaction: if the invitation cannot be made, the applicant does not move.
pub async fn advance_applicant(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    invite: &crate::areas::accounts::service::InviteContext<'_>,
    id: Uuid,
    to: ApplicantStage,
    note: Option<&str>,
) -> AppResult<applicant::Model> {
    require(actor, Duty::ManageVolunteers)?;
    let note = optional_text("note", note, 2000)?;
    let txn = crate::db::begin_write(db).await?;
    let a = applicant::Entity::find_by_id(id)
        .filter(applicant::Column::ErasedAt.is_null())
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("The applicant"))?;
    let from: ApplicantStage = a.stage.parse()?;
    check_applicant_move(from, to)?;
    if to == ApplicantStage::Active && a.email.is_none() {
        return Err(AppError::validation(
            "to",
            "Add an email address first: activating a volunteer invites them to RJ Hub",
        ));
    }
    let mut m = a.into_active_model();
    m.stage = Set(to.as_str().into());
    m.updated_at = Set(now);
    let a = m.update(&txn).await?;
    applicant_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        applicant_id: Set(a.id),
        from_stage: Set(Some(from.as_str().into())),
        to_stage: Set(to.as_str().into()),
        at: Set(now),
        actor_id: Set(Some(actor.user_id)),
        note: Set(note),
    }
    .insert(&txn)
    .await?;
    let a = if to == ApplicantStage::Active {
        use crate::areas::accounts::service::{NewUser, invite_in, user_id_of_invitation};
        let inv = invite_in(
            &txn,
            now,
            actor,
            invite,
            NewUser {
                email: a.email.clone().unwrap_or_default(),
                name: a.full_name.clone(),
                roles: vec![Role::Facilitator],
                facilitator_kind: Some(FacilitatorKind::Volunteer),
                agency: None,
            },
        )
        .await?;
        let user_id = user_id_of_invitation(&txn, inv.id).await?;
        let langs = a.languages.clone();
        let cultural = a.cultural_knowledge.clone();
        facilitator_profile::Entity::update_many()
            .col_expr(
                facilitator_profile::Column::Languages,
                sea_orm::sea_query::Expr::value(langs),
            )
            .col_expr(
                facilitator_profile::Column::CulturalKnowledge,
                sea_orm::sea_query::Expr::value(cultural),
            )
            .filter(facilitator_profile::Column::UserId.eq(user_id))
            .exec(&txn)
            .await?;
        let mut m = a.into_active_model();
        m.user_id = Set(Some(user_id));
        m.update(&txn).await?
    } else {
        a
    };
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("advance_applicant", "applicant", a.id)
            .detail(serde_json::json!({"from": from.as_str(), "to": to.as_str()})),
    )
    .await?;
    txn.commit().await?;
    Ok(a)
}

pub async fn applicants(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    stages: &[ApplicantStage],
) -> AppResult<Vec<applicant::Model>> {
    require(actor, Duty::ManageVolunteers)?;
    let mut q = applicant::Entity::find().filter(applicant::Column::ErasedAt.is_null());
    if !stages.is_empty() {
        q = q.filter(applicant::Column::Stage.is_in(stages.iter().map(|s| s.as_str())));
    }
    Ok(q.order_by_asc(applicant::Column::CreatedAt)
        .all(conn)
        .await?)
}

pub async fn applicant_history(
    conn: &impl ConnectionTrait,
    id: Uuid,
) -> AppResult<Vec<applicant_event::Model>> {
    Ok(applicant_event::Entity::find()
        .filter(applicant_event::Column::ApplicantId.eq(id))
        .order_by_asc(applicant_event::Column::At)
        .all(conn)
        .await?)
}

// ----- compliance (R-TR-3, R-RP-11) -----

pub struct VolunteerActivity {
    pub user_id: Uuid,
    pub name: String,
    pub languages: Vec<String>,
    pub conferences: i64,
    pub expected_by_now: i64,
}

pub struct Compliance {
    pub year: i32,
    pub minimum_volunteers: i64,
    pub volunteers: Vec<VolunteerActivity>,
    /// Language labels covered by active volunteers.
    pub languages: Vec<String>,
    pub cultural_knowledge: Vec<String>,
}

/// The volunteer bank's figures for a year. A volunteer's conference count is the number of
/// cases they were allocated to that reached the restorative intervention in that year.
pub async fn compliance(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    year: i32,
    now: DateTime<Utc>,
) -> AppResult<Compliance> {
    require(actor, Duty::ReadCompliance)?;
    let (Some(start), Some(end)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year + 1, 1, 1),
    ) else {
        return Err(AppError::validation("year", "Enter a year, like 2026"));
    };
    let today = today(now);
    // On course for five: pro rata through the current year, the full five for past years.
    let pace_day = if today < start {
        start
    } else if today >= end {
        end.pred_opt().unwrap_or(end)
    } else {
        today
    };
    let volunteer_ids: Vec<Uuid> = facilitator_profile::Entity::find()
        .filter(facilitator_profile::Column::Kind.eq(FacilitatorKind::Volunteer.as_str()))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| p.user_id)
        .collect();
    let with_role: BTreeSet<Uuid> = role_grant::Entity::find()
        .filter(role_grant::Column::Role.eq(Role::Facilitator.as_str()))
        .filter(role_grant::Column::UserId.is_in(volunteer_ids.clone()))
        .all(conn)
        .await?
        .into_iter()
        .map(|g| g.user_id)
        .collect();
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(with_role.iter().copied()))
        .filter(user::Column::Status.eq("active"))
        .filter(user::Column::ErasedAt.is_null())
        .order_by_asc(user::Column::Name)
        .all(conn)
        .await?;
    let profiles = facilitator_profile::Entity::find()
        .filter(facilitator_profile::Column::UserId.is_in(users.iter().map(|u| u.id)))
        .all(conn)
        .await?;
    let (from, to) = (
        start.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc(),
        end.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc(),
    );
    let interventions = case_event::Entity::find()
        .filter(case_event::Column::ToStage.eq(Stage::Intervention.as_str()))
        .filter(case_event::Column::At.gte(from))
        .filter(case_event::Column::At.lt(to))
        .all(conn)
        .await?;
    let allocations = case_facilitator::Entity::find()
        .filter(case_facilitator::Column::CaseId.is_in(interventions.iter().map(|e| e.case_id)))
        .filter(case_facilitator::Column::UserId.is_in(users.iter().map(|u| u.id)))
        .all(conn)
        .await?;
    let mut per_user: BTreeMap<Uuid, BTreeSet<Uuid>> = BTreeMap::new();
    for e in &interventions {
        for a in allocations.iter().filter(|a| {
            a.case_id == e.case_id
                && a.assigned_at <= e.at
                && a.ended_at.is_none_or(|end| end > e.at)
        }) {
            per_user.entry(a.user_id).or_default().insert(e.case_id);
        }
    }
    let mut covered = BTreeSet::new();
    let mut cultural = Vec::new();
    let mut volunteers = Vec::new();
    for u in users {
        let profile = profiles.iter().find(|p| p.user_id == u.id);
        let codes = crate::areas::allocation::model::language_codes(
            profile.and_then(|p| p.languages.as_deref()),
        );
        let mut labels = Vec::new();
        for c in &codes {
            let l = label(conn, ReferenceList::Language, c).await?;
            covered.insert(l.clone());
            labels.push(l);
        }
        if let Some(k) = profile.and_then(|p| p.cultural_knowledge.clone()) {
            cultural.push(k);
        }
        volunteers.push(VolunteerActivity {
            user_id: u.id,
            name: u.name,
            languages: labels,
            conferences: per_user.get(&u.id).map(|s| s.len() as i64).unwrap_or(0),
            expected_by_now: expected_by(pace_day),
        });
    }
    Ok(Compliance {
        year,
        minimum_volunteers: MIN_VOLUNTEERS,
        volunteers,
        languages: covered.into_iter().collect(),
        cultural_knowledge: cultural,
    })
}
