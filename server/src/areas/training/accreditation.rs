//! Accreditation (R-TR-2): recorded by a qualified trainer or the co-ordinator, with expiry; only
//! a current practitioner accreditation makes a facilitator allocatable.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use super::model::{AccreditationLevel, default_expiry};
use super::service::active_user;
use crate::access::audit::{self, Entry};
use crate::access::facilitators;
use crate::access::rules::{Duty, holds, require};
use crate::areas::accounts::model::Actor;
use crate::areas::reference::service::{ReferenceList, check_code};
use crate::entities::accreditation;
use crate::error::{AppError, AppResult};
use crate::kernel::optional_text;
use crate::kernel::today;

async fn current(
    conn: &impl ConnectionTrait,
    user_id: Uuid,
    levels: &[AccreditationLevel],
    on: NaiveDate,
) -> AppResult<Vec<accreditation::Model>> {
    Ok(accreditation::Entity::find()
        .filter(accreditation::Column::UserId.eq(user_id))
        .filter(accreditation::Column::Level.is_in(levels.iter().map(|l| l.as_str())))
        .filter(accreditation::Column::AwardedOn.lte(on))
        .filter(accreditation::Column::ExpiresOn.gte(on))
        .all(conn)
        .await?)
}

/// A trainer with a current trainer accreditation from an organisation the Hub recognises.
pub async fn qualified_trainer(
    conn: &impl ConnectionTrait,
    user_id: Uuid,
    on: NaiveDate,
) -> AppResult<bool> {
    for a in current(conn, user_id, &[AccreditationLevel::Trainer], on).await? {
        if check_code(
            conn,
            ReferenceList::AccreditingBody,
            "awardingBody",
            Some(&a.awarding_body),
        )
        .await
        .is_ok()
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Only facilitators with a current practitioner (or trainer) accreditation can be allocated.
pub async fn accredited_to_facilitate(
    conn: &impl ConnectionTrait,
    user_id: Uuid,
    on: NaiveDate,
) -> AppResult<bool> {
    Ok(!current(
        conn,
        user_id,
        &[
            AccreditationLevel::Practitioner,
            AccreditationLevel::Trainer,
        ],
        on,
    )
    .await?
    .is_empty())
}

/// A trainer records accreditation (and practice levels) only while holding a current trainer
/// accreditation from a recognised organisation (R-TR-2); the co-ordinator records external
/// awards.
pub async fn require_awarder(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    today: NaiveDate,
) -> AppResult<()> {
    require(actor, Duty::RecordAccreditation)?;
    if !holds(actor, Duty::AwardExternally)
        && !qualified_trainer(conn, actor.user_id, today).await?
    {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

pub struct AccreditationInput<'a> {
    pub user_id: Uuid,
    pub level: AccreditationLevel,
    pub awarding_body: &'a str,
    pub awarded_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub evidence: Option<&'a str>,
}

pub async fn record_accreditation(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    input: AccreditationInput<'_>,
) -> AppResult<accreditation::Model> {
    let today = today(now);
    require_awarder(db, actor, today).await?;
    if input.user_id == actor.user_id && !holds(actor, Duty::AwardExternally) {
        return Err(AppError::validation(
            "facilitatorId",
            "You cannot record your own accreditation",
        ));
    }
    if input.awarded_on > today {
        return Err(AppError::validation(
            "awardedOn",
            "The award date cannot be in the future",
        ));
    }
    let expires_on = input
        .expires_on
        .unwrap_or_else(|| default_expiry(input.awarded_on));
    if expires_on <= input.awarded_on {
        return Err(AppError::validation(
            "expiresOn",
            "The expiry date must be after the award date",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    active_user(&txn, input.user_id, "facilitatorId").await?;
    let body = check_code(
        &txn,
        ReferenceList::AccreditingBody,
        "awardingBody",
        Some(input.awarding_body),
    )
    .await?
    .ok_or_else(|| AppError::validation("awardingBody", "Choose the awarding organisation"))?;
    let row = accreditation::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(input.user_id),
        level: Set(input.level.as_str().into()),
        awarding_body: Set(body),
        awarded_on: Set(input.awarded_on),
        expires_on: Set(expires_on),
        evidence: Set(optional_text("evidence", input.evidence, 2000)?),
        recorded_by: Set(Some(actor.user_id)),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("record_accreditation", "user", input.user_id).detail(
            serde_json::json!({"accreditation": row.id.to_string(), "level": input.level.as_str()}),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

pub async fn accreditations_of(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    user_id: Uuid,
) -> AppResult<Vec<accreditation::Model>> {
    facilitators::may_see_record(actor, user_id)?;
    Ok(accreditation::Entity::find()
        .filter(accreditation::Column::UserId.eq(user_id))
        .order_by_desc(accreditation::Column::ExpiresOn)
        .all(conn)
        .await?)
}
