//! Retention and erasure (R-DP-5). Anonymising keeps every code, date, score and flag that the
//! reports count, and removes what identifies or describes a person: names, contact details,
//! free text. Rows are never deleted, so report figures stay the same.

use chrono::{DateTime, Months, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, Value,
};
use uuid::Uuid;

use crate::areas::accounts::model::Actor;
use crate::areas::cases::model::{Stage, required_text};
use crate::areas::cases::policy::require_coordinator;
use crate::audit::{self, Entry};
use crate::entities::{
    agreement_item, case, case_participant, complaint, complaint_event, consent, contact, meeting,
    person, reoffending_check, risk_assessment, satisfaction_survey, testimonial,
};
use crate::error::{AppError, AppResult};

/// What replaces free text that has been removed.
pub const REMOVED: &str = "[removed]";
/// The name an erased person is shown with.
pub const ERASED_NAME: &str = "Erased person";

/// A closed case whose retention period has run out.
#[derive(Debug, Clone)]
pub struct Expired {
    pub case_id: Uuid,
    pub reference: String,
    pub ended_at: DateTime<Utc>,
}

/// Cases that ended (closed, not suitable or stopped) more than `months` ago and still hold
/// personal data. When a case ended is the time of its last stage change.
pub async fn expired(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    months: u32,
) -> AppResult<Vec<Expired>> {
    let cutoff = now
        .checked_sub_months(Months::new(months))
        .ok_or_else(|| AppError::internal("retention period out of range"))?;
    let ended: Vec<Value> = [Stage::Closed, Stage::NotSuitable, Stage::Withdrawn]
        .iter()
        .map(|s| s.as_str().into())
        .collect();
    let mut values = ended;
    values.push(cutoff.into());
    let sql = "SELECT c.id AS id, c.reference AS reference, MAX(e.at) AS ended_at \
               FROM cases c JOIN case_events e ON e.case_id = c.id \
               WHERE c.stage IN (?, ?, ?) AND c.anonymised_at IS NULL \
               GROUP BY c.id, c.reference HAVING MAX(e.at) < ? ORDER BY MAX(e.at)";
    let rows = conn
        .query_all_raw(crate::db::statement(
            conn.get_database_backend(),
            sql,
            values,
        ))
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(Expired {
            case_id: r.try_get("", "id")?,
            reference: r.try_get("", "reference")?,
            ended_at: r.try_get("", "ended_at")?,
        });
    }
    Ok(out)
}

/// Removes a person's identifying details and everything written about them in their cases.
async fn anonymise_person(
    txn: &DatabaseTransaction,
    now: DateTime<Utc>,
    person_id: Uuid,
) -> AppResult<()> {
    person::Entity::update_many()
        .col_expr(person::Column::FullName, Expr::value(ERASED_NAME))
        .col_expr(person::Column::Email, Expr::value(Option::<String>::None))
        .col_expr(person::Column::Phone, Expr::value(Option::<String>::None))
        .col_expr(person::Column::Address, Expr::value(Option::<String>::None))
        .col_expr(
            person::Column::Postcode,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            person::Column::AccessibilityNeeds,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            person::Column::ContactChannels,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            person::Column::SafeTimes,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            person::Column::MayLeaveMessage,
            Expr::value(Option::<bool>::None),
        )
        .col_expr(person::Column::ErasedAt, Expr::value(now))
        .col_expr(person::Column::UpdatedAt, Expr::value(now))
        .filter(person::Column::Id.eq(person_id))
        .exec(txn)
        .await?;
    let parts: Vec<Uuid> = case_participant::Entity::find()
        .filter(case_participant::Column::PersonId.eq(person_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    case_participant::Entity::update_many()
        .col_expr(
            case_participant::Column::Relationship,
            Expr::value(Option::<String>::None),
        )
        .filter(case_participant::Column::Id.is_in(parts.clone()))
        .exec(txn)
        .await?;
    contact::Entity::update_many()
        .col_expr(contact::Column::Summary, Expr::value(REMOVED))
        .filter(contact::Column::ParticipantId.is_in(parts.clone()))
        .exec(txn)
        .await?;
    consent::Entity::update_many()
        .col_expr(consent::Column::Note, Expr::value(Option::<String>::None))
        .filter(consent::Column::ParticipantId.is_in(parts.clone()))
        .exec(txn)
        .await?;
    satisfaction_survey::Entity::update_many()
        .col_expr(
            satisfaction_survey::Column::Comment,
            Expr::value(Option::<String>::None),
        )
        .filter(satisfaction_survey::Column::ParticipantId.is_in(parts.clone()))
        .exec(txn)
        .await?;
    testimonial::Entity::update_many()
        .col_expr(testimonial::Column::Body, Expr::value(REMOVED))
        .filter(testimonial::Column::ParticipantId.is_in(parts.clone()))
        .exec(txn)
        .await?;
    reoffending_check::Entity::update_many()
        .col_expr(
            reoffending_check::Column::Note,
            Expr::value(Option::<String>::None),
        )
        .filter(reoffending_check::Column::ParticipantId.is_in(parts.clone()))
        .exec(txn)
        .await?;
    agreement_item::Entity::update_many()
        .col_expr(agreement_item::Column::Description, Expr::value(REMOVED))
        .col_expr(
            agreement_item::Column::CompletionNote,
            Expr::value(Option::<String>::None),
        )
        .filter(agreement_item::Column::ResponsibleParticipantId.is_in(parts))
        .exec(txn)
        .await?;
    Ok(())
}

/// Anonymises one ended case and the people in it who take part in no other live case.
pub async fn anonymise_case(
    txn: &DatabaseTransaction,
    now: DateTime<Utc>,
    case_id: Uuid,
) -> AppResult<()> {
    case::Entity::update_many()
        .col_expr(
            case::Column::OffenceSummary,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            case::Column::CrimeReference,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            case::Column::AreaDetail,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            case::Column::SuitabilityNotes,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            case::Column::SupportNeeds,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            case::Column::StopReasonText,
            Expr::value(Option::<String>::None),
        )
        .col_expr(case::Column::AnonymisedAt, Expr::value(now))
        .col_expr(case::Column::UpdatedAt, Expr::value(now))
        .filter(case::Column::Id.eq(case_id))
        .exec(txn)
        .await?;
    contact::Entity::update_many()
        .col_expr(contact::Column::Summary, Expr::value(REMOVED))
        .filter(contact::Column::CaseId.eq(case_id))
        .exec(txn)
        .await?;
    consent::Entity::update_many()
        .col_expr(consent::Column::Note, Expr::value(Option::<String>::None))
        .filter(consent::Column::CaseId.eq(case_id))
        .exec(txn)
        .await?;
    risk_assessment::Entity::update_many()
        .col_expr(
            risk_assessment::Column::Factors,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            risk_assessment::Column::Mitigations,
            Expr::value(Option::<String>::None),
        )
        .filter(risk_assessment::Column::CaseId.eq(case_id))
        .exec(txn)
        .await?;
    meeting::Entity::update_many()
        .col_expr(meeting::Column::VenueAddress, Expr::value(REMOVED))
        .col_expr(
            meeting::Column::VenueRoom,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            meeting::Column::AccessNotes,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            meeting::Column::OverrideReason,
            Expr::value(Option::<String>::None),
        )
        .filter(meeting::Column::CaseId.eq(case_id))
        .exec(txn)
        .await?;
    agreement_item::Entity::update_many()
        .col_expr(agreement_item::Column::Description, Expr::value(REMOVED))
        .col_expr(
            agreement_item::Column::CompletionNote,
            Expr::value(Option::<String>::None),
        )
        .filter(agreement_item::Column::CaseId.eq(case_id))
        .exec(txn)
        .await?;
    satisfaction_survey::Entity::update_many()
        .col_expr(
            satisfaction_survey::Column::Comment,
            Expr::value(Option::<String>::None),
        )
        .filter(satisfaction_survey::Column::CaseId.eq(case_id))
        .exec(txn)
        .await?;
    testimonial::Entity::update_many()
        .col_expr(testimonial::Column::Body, Expr::value(REMOVED))
        .filter(testimonial::Column::CaseId.eq(case_id))
        .exec(txn)
        .await?;
    reoffending_check::Entity::update_many()
        .col_expr(
            reoffending_check::Column::Note,
            Expr::value(Option::<String>::None),
        )
        .filter(reoffending_check::Column::CaseId.eq(case_id))
        .exec(txn)
        .await?;
    let complaints: Vec<Uuid> = complaint::Entity::find()
        .filter(complaint::Column::CaseId.eq(case_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    complaint::Entity::update_many()
        .col_expr(
            complaint::Column::ComplainantName,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            complaint::Column::ComplainantContact,
            Expr::value(Option::<String>::None),
        )
        .col_expr(complaint::Column::About, Expr::value(REMOVED))
        .col_expr(
            complaint::Column::OutcomeSummary,
            Expr::value(Option::<String>::None),
        )
        .col_expr(complaint::Column::ErasedAt, Expr::value(now))
        .filter(complaint::Column::Id.is_in(complaints.clone()))
        .exec(txn)
        .await?;
    complaint_event::Entity::update_many()
        .col_expr(
            complaint_event::Column::Note,
            Expr::value(Option::<String>::None),
        )
        .filter(complaint_event::Column::ComplaintId.is_in(complaints))
        .exec(txn)
        .await?;
    // People: erased unless they also take part in a case that is still kept.
    let people: Vec<Uuid> = case_participant::Entity::find()
        .filter(case_participant::Column::CaseId.eq(case_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|p| p.person_id)
        .collect();
    for person_id in people {
        let kept_elsewhere = case_participant::Entity::find()
            .filter(case_participant::Column::PersonId.eq(person_id))
            .filter(case_participant::Column::CaseId.ne(case_id))
            .all(txn)
            .await?;
        let mut still_kept = false;
        for p in kept_elsewhere {
            if case::Entity::find_by_id(p.case_id)
                .one(txn)
                .await?
                .is_some_and(|c| c.anonymised_at.is_none())
            {
                still_kept = true;
                break;
            }
        }
        if !still_kept {
            anonymise_person(txn, now, person_id).await?;
        }
    }
    Ok(())
}

/// Anonymises every expired case, one transaction each, calling `progress` after each. The
/// scheduled job and `rjhub retention --apply` both use this.
pub async fn apply(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    months: u32,
    mut progress: impl FnMut(&Expired),
) -> AppResult<Vec<Expired>> {
    let due = expired(db, now, months).await?;
    for e in &due {
        let txn = crate::db::begin_write(db).await?;
        anonymise_case(&txn, now, e.case_id).await?;
        audit::record(
            &txn,
            now,
            None,
            Entry::new("retention_anonymise", "case", e.case_id)
                .detail(serde_json::json!({ "retention_months": months })),
        )
        .await?;
        txn.commit().await?;
        progress(e);
    }
    Ok(due)
}

/// An individual's request to be forgotten (co-ordinator). Refused while one of their cases is
/// still open: the case must be stopped or closed first, so no one works a case with holes in it.
pub async fn erase_person(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    person_id: Uuid,
    reason: &str,
) -> AppResult<person::Model> {
    require_coordinator(actor)?;
    let reason = required_text("reason", reason, 1000, "why the person's data is erased")?;
    let txn = crate::db::begin_write(db).await?;
    let p = person::Entity::find_by_id(person_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("The person"))?;
    if p.erased_at.is_some() {
        return Ok(p);
    }
    for part in case_participant::Entity::find()
        .filter(case_participant::Column::PersonId.eq(person_id))
        .all(&txn)
        .await?
    {
        let c = case::Entity::find_by_id(part.case_id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound("The case"))?;
        if c.stage.parse::<Stage>()?.is_open() {
            return Err(AppError::validation(
                "personId",
                format!(
                    "{} is still open: stop or close it before erasing this person",
                    c.reference
                ),
            ));
        }
    }
    anonymise_person(&txn, now, person_id).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry {
            action: "erase_person",
            entity: "person",
            entity_id: Some(person_id.to_string()),
            purpose: Some(&reason),
            detail: None,
        },
    )
    .await?;
    let p = person::Entity::find_by_id(person_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("The person"))?;
    txn.commit().await?;
    Ok(p)
}
