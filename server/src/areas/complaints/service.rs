//! Recording and working complaints: co-ordinator only. Every step writes a timeline event and
//! an audit row in the same transaction.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::model::{
    ACKNOWLEDGE_WITHIN, ComplaintCategory, ComplaintEventKind, ComplaintOutcome, RESPOND_WITHIN,
    ReceivedVia,
};
use crate::access::audit::{self, Entry};
use crate::access::rules::{Duty, require};
use crate::areas::accounts::model::Actor;
use crate::areas::cases::service as cases;
use crate::entities::{complaint, complaint_event};
use crate::error::{AppError, AppResult};
use crate::kernel::today;
use crate::kernel::{optional_text, required_text};
use crate::working_days::add_working_days;

pub struct NewComplaint<'a> {
    pub case_id: Option<Uuid>,
    pub complainant_name: Option<&'a str>,
    pub complainant_contact: Option<&'a str>,
    pub about: &'a str,
    pub category: ComplaintCategory,
    pub received_via: ReceivedVia,
    pub received_on: Option<NaiveDate>,
}

fn not_after_today(field: &'static str, d: NaiveDate, now: DateTime<Utc>) -> AppResult<()> {
    if d > today(now) {
        return Err(AppError::validation(
            field,
            "The date cannot be in the future",
        ));
    }
    Ok(())
}

async fn event(
    txn: &DatabaseTransaction,
    now: DateTime<Utc>,
    actor: &Actor,
    complaint_id: Uuid,
    kind: ComplaintEventKind,
    note: Option<String>,
) -> AppResult<()> {
    complaint_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        complaint_id: Set(complaint_id),
        at: Set(now),
        actor_id: Set(Some(actor.user_id)),
        kind: Set(kind.as_str().into()),
        note: Set(note),
    }
    .insert(txn)
    .await?;
    audit::record_by(
        txn,
        now,
        actor,
        Entry::new(
            match kind {
                ComplaintEventKind::Received => "record_complaint",
                ComplaintEventKind::Acknowledged => "acknowledge_complaint",
                ComplaintEventKind::Note => "note_complaint",
                ComplaintEventKind::Resolved => "resolve_complaint",
            },
            "complaint",
            complaint_id,
        ),
    )
    .await
}

pub async fn record(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    input: NewComplaint<'_>,
) -> AppResult<complaint::Model> {
    require(actor, Duty::HandleComplaints)?;
    let about = required_text("about", input.about, 4000, "what the complaint is about")?;
    let name = optional_text("complainantName", input.complainant_name, 200)?;
    let contact = optional_text("complainantContact", input.complainant_contact, 400)?;
    let received_on = input.received_on.unwrap_or_else(|| today(now));
    not_after_today("receivedOn", received_on, now)?;
    let txn = crate::db::begin_write(db).await?;
    if let Some(case_id) = input.case_id {
        crate::access::case::load(&txn, case_id)
            .await
            .map_err(|_| AppError::validation("caseId", "There is no such case"))?;
    }
    let row = complaint::ActiveModel {
        id: Set(Uuid::now_v7()),
        reference: Set(cases::random_reference("CP", now)),
        case_id: Set(input.case_id),
        complainant_name: Set(name),
        complainant_contact: Set(contact),
        about: Set(about),
        category: Set(input.category.as_str().into()),
        received_via: Set(input.received_via.as_str().into()),
        received_on: Set(received_on),
        acknowledge_by: Set(add_working_days(received_on, ACKNOWLEDGE_WITHIN)),
        acknowledged_on: Set(None),
        respond_by: Set(add_working_days(received_on, RESPOND_WITHIN)),
        outcome: Set(None),
        outcome_summary: Set(None),
        responded_on: Set(None),
        recorded_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        updated_at: Set(now),
        erased_at: Set(None),
    }
    .insert(&txn)
    .await?;
    event(&txn, now, actor, row.id, ComplaintEventKind::Received, None).await?;
    txn.commit().await?;
    Ok(row)
}

async fn open_for_change(
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: Uuid,
) -> AppResult<complaint::Model> {
    require(actor, Duty::HandleComplaints)?;
    complaint::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound("The complaint"))
}

pub async fn acknowledge(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    id: Uuid,
    on: Option<NaiveDate>,
) -> AppResult<complaint::Model> {
    let on = on.unwrap_or_else(|| today(now));
    not_after_today("acknowledgedOn", on, now)?;
    let txn = crate::db::begin_write(db).await?;
    let c = open_for_change(&txn, actor, id).await?;
    if c.acknowledged_on.is_some() {
        return Ok(c);
    }
    if on < c.received_on {
        return Err(AppError::validation(
            "acknowledgedOn",
            "A complaint cannot be acknowledged before it was received",
        ));
    }
    let mut a = c.into_active_model();
    a.acknowledged_on = Set(Some(on));
    a.updated_at = Set(now);
    let c = a.update(&txn).await?;
    event(
        &txn,
        now,
        actor,
        c.id,
        ComplaintEventKind::Acknowledged,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(c)
}

pub async fn add_note(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    id: Uuid,
    note: &str,
) -> AppResult<complaint::Model> {
    let note = required_text("note", note, 4000, "what was found or done")?;
    let txn = crate::db::begin_write(db).await?;
    let c = open_for_change(&txn, actor, id).await?;
    let mut a = c.into_active_model();
    a.updated_at = Set(now);
    let c = a.update(&txn).await?;
    event(&txn, now, actor, c.id, ComplaintEventKind::Note, Some(note)).await?;
    txn.commit().await?;
    Ok(c)
}

pub async fn resolve(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    id: Uuid,
    outcome: ComplaintOutcome,
    summary: &str,
    responded_on: Option<NaiveDate>,
) -> AppResult<complaint::Model> {
    let summary = required_text("response", summary, 4000, "what the complainant was told")?;
    let on = responded_on.unwrap_or_else(|| today(now));
    not_after_today("respondedOn", on, now)?;
    let txn = crate::db::begin_write(db).await?;
    let c = open_for_change(&txn, actor, id).await?;
    if c.outcome.is_some() {
        return Err(AppError::Conflict(
            "This complaint has already been resolved".into(),
        ));
    }
    if on < c.received_on {
        return Err(AppError::validation(
            "respondedOn",
            "The response cannot be dated before the complaint was received",
        ));
    }
    let unacknowledged = c.acknowledged_on.is_none();
    let mut a = c.into_active_model();
    // Answering in full also acknowledges, if that step was skipped.
    if unacknowledged {
        a.acknowledged_on = Set(Some(on));
    }
    a.outcome = Set(Some(outcome.as_str().into()));
    a.outcome_summary = Set(Some(summary));
    a.responded_on = Set(Some(on));
    a.updated_at = Set(now);
    let c = a.update(&txn).await?;
    event(&txn, now, actor, c.id, ComplaintEventKind::Resolved, None).await?;
    txn.commit().await?;
    Ok(c)
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ComplaintFilter {
    Open,
    /// Open and past the acknowledgement or response target.
    Overdue,
    Resolved,
    All,
}

pub async fn list(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    filter: ComplaintFilter,
    case_id: Option<Uuid>,
) -> AppResult<Vec<complaint::Model>> {
    require(actor, Duty::HandleComplaints)?;
    let day = today(now);
    let mut q = complaint::Entity::find();
    q = match filter {
        ComplaintFilter::Open => q.filter(complaint::Column::Outcome.is_null()),
        ComplaintFilter::Resolved => q.filter(complaint::Column::Outcome.is_not_null()),
        ComplaintFilter::All => q,
        ComplaintFilter::Overdue => q.filter(complaint::Column::Outcome.is_null()).filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(complaint::Column::AcknowledgedOn.is_null())
                        .add(complaint::Column::AcknowledgeBy.lt(day)),
                )
                .add(complaint::Column::RespondBy.lt(day)),
        ),
    };
    if let Some(c) = case_id {
        q = q.filter(complaint::Column::CaseId.eq(c));
    }
    Ok(q.order_by_asc(complaint::Column::ReceivedOn)
        .order_by_asc(complaint::Column::CreatedAt)
        .all(conn)
        .await?)
}

pub async fn get(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    id: Uuid,
) -> AppResult<complaint::Model> {
    require(actor, Duty::HandleComplaints)?;
    let c = complaint::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound("The complaint"))?;
    audit::record_by(conn, now, actor, Entry::new("view", "complaint", c.id)).await?;
    Ok(c)
}

pub async fn timeline(
    conn: &impl ConnectionTrait,
    complaint_id: Uuid,
) -> AppResult<Vec<complaint_event::Model>> {
    Ok(complaint_event::Entity::find()
        .filter(complaint_event::Column::ComplaintId.eq(complaint_id))
        .order_by_asc(complaint_event::Column::At)
        .order_by_asc(complaint_event::Column::Id)
        .all(conn)
        .await?)
}

/// Not acknowledged and past its target.
pub fn acknowledgement_overdue(c: &complaint::Model, now: DateTime<Utc>) -> bool {
    c.acknowledged_on.is_none() && today(now) > c.acknowledge_by
}

/// Not answered in full and past its target.
pub fn response_overdue(c: &complaint::Model, now: DateTime<Utc>) -> bool {
    c.responded_on.is_none() && today(now) > c.respond_by
}
