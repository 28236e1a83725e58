//! Allocating directly (R-AL-4): a lead and any co-facilitators, and the case supervisor. The
//! rules every allocation obeys live here, whether the co-ordinator assigns or a facilitator
//! accepts an offer.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use crate::access::audit;
use crate::access::case::{self as access, CaseWork};
use crate::access::{Actor, Role};
use crate::areas::cases::model::{FacilitatorRole, Stage};
use crate::areas::cases::service as cases;
use crate::areas::training::practice::{self, Whose};
use crate::areas::training::standards::PracticeLevel;
use crate::entities::{case, case_facilitator, user};
use crate::error::{AppError, AppResult};
use crate::kernel::{optional_text, today};

/// The case's current facilitators, in the order they were allocated.
pub async fn active_facilitators(
    conn: &impl ConnectionTrait,
    case_id: Uuid,
) -> AppResult<Vec<case_facilitator::Model>> {
    Ok(case_facilitator::Entity::find()
        .filter(case_facilitator::Column::CaseId.eq(case_id))
        .filter(case_facilitator::Column::EndedAt.is_null())
        .order_by_asc(case_facilitator::Column::AssignedAt)
        .all(conn)
        .await?)
}

/// Allocates a facilitator to a case (R-AL-4: one lead, any co-facilitators). A lead allocated
/// to an assessed, suitable case moves it to `allocated`.
/// Allocates inside the caller's transaction: the rules every allocation obeys, whether the
/// co-ordinator assigns directly or a facilitator accepts an offer.
pub async fn allocate_in(
    txn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    by: Uuid,
    case_id: Uuid,
    facilitator_id: Uuid,
    role: FacilitatorRole,
) -> AppResult<case::Model> {
    let c = access::load(txn, case_id).await?;
    let stage = cases::stage_of(&c)?;
    cases::allocatable(&c)?;
    let is_facilitator = crate::areas::accounts::sessions::roles_of(txn, facilitator_id)
        .await?
        .contains(&Role::Facilitator);
    let active = user::Entity::find_by_id(facilitator_id)
        .one(txn)
        .await?
        .is_some_and(|u| u.status == "active" && u.erased_at.is_none());
    if !is_facilitator || !active {
        return Err(AppError::validation(
            "facilitatorId",
            "Choose an active facilitator",
        ));
    }
    // Only accredited facilitators can be allocated (R-TR-2).
    if !crate::areas::training::service::accredited_to_facilitate(txn, facilitator_id, today(now))
        .await?
    {
        return Err(AppError::validation(
            "facilitatorId",
            "This facilitator has no current practitioner accreditation, so cannot be allocated",
        ));
    }
    let current = active_facilitators(txn, c.id).await?;
    if current.iter().any(|f| f.user_id == facilitator_id) {
        return Err(AppError::Conflict(
            "That facilitator is already allocated to this case".into(),
        ));
    }
    if role == FacilitatorRole::Lead
        && current
            .iter()
            .any(|f| f.role == FacilitatorRole::Lead.as_str())
    {
        return Err(AppError::Conflict(
            "This case already has a lead facilitator".into(),
        ));
    }
    if role == FacilitatorRole::Co
        && !current
            .iter()
            .any(|f| f.role == FacilitatorRole::Lead.as_str())
    {
        return Err(AppError::validation(
            "role",
            "Allocate a lead facilitator first",
        ));
    }
    case_facilitator::Entity::delete_many()
        .filter(case_facilitator::Column::CaseId.eq(c.id))
        .filter(case_facilitator::Column::UserId.eq(facilitator_id))
        .exec(txn)
        .await?;
    case_facilitator::ActiveModel {
        case_id: Set(c.id),
        user_id: Set(facilitator_id),
        role: Set(role.as_str().into()),
        assigned_by: Set(Some(by)),
        assigned_at: Set(now),
        ended_at: Set(None),
    }
    .insert(txn)
    .await?;
    if role == FacilitatorRole::Lead && stage == Stage::Assessment {
        cases::transition(txn, now, Some(by), &c, Stage::Allocated, None, None).await
    } else {
        Ok(c)
    }
}

/// Supervision or observed practice overdue (R-ST-1): allocation warns, in words, and goes
/// ahead only with the co-ordinator's reason, which is recorded. Returns the reason to record.
pub async fn standards_override(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    facilitator_ids: &[Uuid],
    reason: Option<&str>,
) -> AppResult<Option<String>> {
    let standards = practice::standards_for(conn, Whose::Many(facilitator_ids), today(now)).await?;
    let mut warnings = Vec::new();
    for id in facilitator_ids {
        let Some(s) = standards.get(id) else { continue };
        let words: Vec<&str> = s
            .allocation_warnings()
            .into_iter()
            .map(|w| w.words.as_str())
            .collect();
        if !words.is_empty() {
            let name = user::Entity::find_by_id(*id)
                .one(conn)
                .await?
                .map_or_else(|| "This facilitator".to_string(), |u| u.name);
            warnings.push(format!("{name}: {}", words.join(", ")));
        }
    }
    let reason = optional_text("standardsOverrideReason", reason, 2000)?;
    if warnings.is_empty() {
        return Ok(None);
    }
    match reason {
        Some(r) => Ok(Some(r)),
        None => Err(AppError::validation(
            "standardsOverrideReason",
            format!(
                "{}. Say why you are allocating anyway; the reason is recorded.",
                warnings.join("; ")
            ),
        )),
    }
}

pub async fn assign_facilitator(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    facilitator_id: Uuid,
    role: FacilitatorRole,
    standards_override_reason: Option<&str>,
) -> AppResult<CaseWork> {
    let txn = crate::db::begin_write(db).await?;
    let work = access::for_coordination(&txn, actor, case_id).await?;
    let overridden =
        standards_override(&txn, now, &[facilitator_id], standards_override_reason).await?;
    let work = work
        .refreshed(allocate_in(&txn, now, actor.user_id, case_id, facilitator_id, role).await?)?;
    audit::record_by(
        &txn,
        now,
        actor,
        work.entry("assign_facilitator").detail(serde_json::json!({
            "facilitator": facilitator_id.to_string(),
            "role": role.as_str(),
            "standardsOverride": overridden,
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(work)
}

pub async fn assign_supervisor(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    supervisor_id: Uuid,
) -> AppResult<CaseWork> {
    let txn = crate::db::begin_write(db).await?;
    let work = access::for_coordination(&txn, actor, case_id).await?;
    let stage = cases::stage(work.case());
    if !stage.is_open() {
        return Err(AppError::validation(
            "caseId",
            format!(
                "A case that is {} needs no case supervisor.",
                stage.label().to_lowercase()
            ),
        ));
    }
    if !crate::areas::accounts::sessions::roles_of(&txn, supervisor_id)
        .await?
        .contains(&Role::Supervisor)
    {
        return Err(AppError::validation(
            "supervisorId",
            "Choose a case supervisor",
        ));
    }
    // A case supervisor holds the RJC advanced level (R-ST-1).
    if practice::practice_level(&txn, supervisor_id).await? != Some(PracticeLevel::Advanced) {
        return Err(AppError::validation(
            "supervisorId",
            "A case supervisor must hold the RJC advanced level: record their level on their training record first",
        ));
    }
    let mut a = work.case().clone().into_active_model();
    a.supervisor_id = Set(Some(supervisor_id));
    a.updated_at = Set(now);
    let work = work.refreshed(a.update(&txn).await?)?;
    audit::record_by(
        &txn,
        now,
        actor,
        work.entry("assign_supervisor")
            .detail(serde_json::json!({"supervisor": supervisor_id.to_string()})),
    )
    .await?;
    txn.commit().await?;
    Ok(work)
}
