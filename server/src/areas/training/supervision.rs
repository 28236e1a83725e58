//! Supervision sessions and development plans (R-TR-4); private notes go to the facilitator, the
//! supervisor who wrote them and the co-ordinator.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use super::model::SupervisionKind;
use super::service::require_role;
use crate::access::audit::{self, Entry};
use crate::access::facilitators;
use crate::access::rules::{Duty, require};
use crate::areas::accounts::model::{Actor, Role};
use crate::entities::{development_plan, supervision_session};
use crate::error::{AppError, AppResult};
use crate::kernel::today;
use crate::kernel::{optional_text, required_text};

pub struct SupervisionInput<'a> {
    pub facilitator_id: Uuid,
    pub held_on: NaiveDate,
    pub kind: SupervisionKind,
    pub notes: Option<&'a str>,
    pub actions: Option<&'a str>,
}

pub async fn record_supervision(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    input: SupervisionInput<'_>,
) -> AppResult<supervision_session::Model> {
    require(actor, Duty::RecordSupervision)?;
    if input.held_on > today(now) {
        return Err(AppError::validation(
            "heldOn",
            "Record supervision once it has taken place",
        ));
    }
    if input.facilitator_id == actor.user_id {
        return Err(AppError::validation(
            "facilitatorId",
            "You cannot record your own supervision",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    require_role(
        &txn,
        input.facilitator_id,
        Role::Facilitator,
        "facilitatorId",
        "a facilitator",
    )
    .await?;
    let row = supervision_session::ActiveModel {
        id: Set(Uuid::now_v7()),
        facilitator_id: Set(input.facilitator_id),
        supervisor_id: Set(actor.user_id),
        held_on: Set(input.held_on),
        kind: Set(input.kind.as_str().into()),
        notes: Set(optional_text("notes", input.notes, 8000)?),
        actions: Set(optional_text("actions", input.actions, 4000)?),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("record_supervision", "user", input.facilitator_id)
            .detail(serde_json::json!({"supervision": row.id.to_string()})),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

pub async fn supervision_of(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    facilitator_id: Uuid,
) -> AppResult<Vec<supervision_session::Model>> {
    facilitators::may_see_record(actor, facilitator_id)?;
    Ok(supervision_session::Entity::find()
        .filter(supervision_session::Column::FacilitatorId.eq(facilitator_id))
        .order_by_desc(supervision_session::Column::HeldOn)
        .all(conn)
        .await?)
}

pub async fn set_development_plan(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    facilitator_id: Uuid,
    plan: &str,
) -> AppResult<development_plan::Model> {
    require(actor, Duty::PlanDevelopment)?;
    let plan = required_text("plan", plan, 8000, "the development plan")?;
    let txn = crate::db::begin_write(db).await?;
    require_role(
        &txn,
        facilitator_id,
        Role::Facilitator,
        "facilitatorId",
        "a facilitator",
    )
    .await?;
    development_plan::Entity::delete_by_id(facilitator_id)
        .exec(&txn)
        .await?;
    let row = development_plan::ActiveModel {
        facilitator_id: Set(facilitator_id),
        plan: Set(plan),
        updated_by: Set(Some(actor.user_id)),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("set_development_plan", "user", facilitator_id),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

pub async fn development_plan_of(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    facilitator_id: Uuid,
) -> AppResult<Option<development_plan::Model>> {
    facilitators::may_see_record(actor, facilitator_id)?;
    Ok(development_plan::Entity::find_by_id(facilitator_id)
        .one(conn)
        .await?)
}
