//! Re-offending follow-up (R-RP-12): the co-ordinator, or the case's supervisor, records what a
//! check of an offender's record found. Reports count offenders checked and those found to have
//! re-offended; nothing else reads these rows.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use crate::access::Actor;
use crate::access::audit;
use crate::access::case as access;
use crate::areas::cases::model::ParticipantRole;
use crate::entities::reoffending_check;
use crate::error::{AppError, AppResult};
use crate::kernel::{optional_text, today};

pub const SOURCES: &[&str] = &[
    "police_records",
    "probation",
    "youth_justice",
    "self_report",
    "other",
];

pub struct CheckInput<'a> {
    pub case_id: Uuid,
    pub participant_id: Uuid,
    pub checked_on: NaiveDate,
    pub source: &'a str,
    pub reoffended: bool,
    pub note: Option<&'a str>,
}

pub async fn record(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    input: CheckInput<'_>,
) -> AppResult<reoffending_check::Model> {
    if !SOURCES.contains(&input.source) {
        return Err(AppError::validation(
            "source",
            format!("Choose one of: {}", SOURCES.join(", ")),
        ));
    }
    if input.checked_on > today(now) {
        return Err(AppError::validation(
            "checkedOn",
            "A check cannot be dated in the future",
        ));
    }
    let note = optional_text("note", input.note, 2000)?;
    let txn = crate::db::begin_write(db).await?;
    let work = access::for_oversight(&txn, actor, input.case_id).await?;
    let c = work.case();
    let p = access::participant(&txn, work.view(), input.participant_id).await?;
    if p.role != ParticipantRole::Offender.as_str() {
        return Err(AppError::validation(
            "participantId",
            "Re-offending is checked for the person responsible for the harm",
        ));
    }
    let row = reoffending_check::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(c.id),
        participant_id: Set(p.id),
        checked_on: Set(input.checked_on),
        source: Set(input.source.into()),
        reoffended: Set(input.reoffended),
        note: Set(note),
        recorded_by: Set(Some(actor.user_id)),
        recorded_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record_by(
        &txn,
        now,
        actor,
        work.entry("record_reoffending_check")
            .detail(serde_json::json!({ "participant": p.id.to_string() })),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

pub async fn of_case(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    case_id: Uuid,
) -> AppResult<Vec<reoffending_check::Model>> {
    access::for_oversight(conn, actor, case_id).await?;
    Ok(reoffending_check::Entity::find()
        .filter(reoffending_check::Column::CaseId.eq(case_id))
        .order_by_asc(reoffending_check::Column::CheckedOn)
        .all(conn)
        .await?)
}
