//! Retention and erasure (R-DP-5). Anonymising keeps every code, date, score and flag that the
//! reports count, and removes what identifies or describes a person: names, contact details,
//! free text. Rows are never deleted, so report figures stay the same.

use chrono::{DateTime, Months, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, Value,
};
use uuid::Uuid;

use crate::access::audit::{self, Entry, Purpose};
use crate::access::rules::{Duty, require};
use crate::areas::accounts::model::Actor;
use crate::areas::cases::model::Stage;
use crate::entities::{
    agreement_item, case, case_participant, complaint, complaint_event, consent, contact, meeting,
    person, reoffending_check, risk_assessment, satisfaction_survey, testimonial,
};
use crate::error::{AppError, AppResult};
use crate::kernel::required_text;

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

/// Sets `nulls` to NULL and `removed` to "[removed]" on the rows of `E` matching `filter`.
async fn blank<E: EntityTrait>(
    txn: &DatabaseTransaction,
    nulls: &[E::Column],
    removed: &[E::Column],
    filter: Condition,
) -> AppResult<()> {
    let mut q = E::update_many();
    for c in nulls {
        q = q.col_expr(*c, Expr::value(Option::<String>::None));
    }
    for c in removed {
        q = q.col_expr(*c, Expr::value(REMOVED));
    }
    q.filter(filter).exec(txn).await?;
    Ok(())
}

fn when(c: impl sea_orm::sea_query::IntoCondition) -> Condition {
    Condition::all().add(c)
}

/// Removes a person's identifying details and everything written about them in their cases.
async fn anonymise_person(
    txn: &DatabaseTransaction,
    now: DateTime<Utc>,
    person_id: Uuid,
) -> AppResult<()> {
    use person::Column as P;
    person::Entity::update_many()
        .col_expr(P::FullName, Expr::value(ERASED_NAME))
        .col_expr(P::MayLeaveMessage, Expr::value(Option::<bool>::None))
        .col_expr(P::ErasedAt, Expr::value(now))
        .col_expr(P::UpdatedAt, Expr::value(now))
        .filter(P::Id.eq(person_id))
        .exec(txn)
        .await?;
    blank::<person::Entity>(
        txn,
        &[
            P::Email,
            P::Phone,
            P::Address,
            P::Postcode,
            P::AccessibilityNeeds,
            P::ContactChannels,
            P::SafeTimes,
        ],
        &[],
        when(P::Id.eq(person_id)),
    )
    .await?;
    let parts: Vec<Uuid> = case_participant::Entity::find()
        .filter(case_participant::Column::PersonId.eq(person_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    blank::<case_participant::Entity>(
        txn,
        &[case_participant::Column::Relationship],
        &[],
        when(case_participant::Column::Id.is_in(parts.clone())),
    )
    .await?;
    blank::<contact::Entity>(
        txn,
        &[],
        &[contact::Column::Summary],
        when(contact::Column::ParticipantId.is_in(parts.clone())),
    )
    .await?;
    blank::<consent::Entity>(
        txn,
        &[consent::Column::Note],
        &[],
        when(consent::Column::ParticipantId.is_in(parts.clone())),
    )
    .await?;
    blank::<satisfaction_survey::Entity>(
        txn,
        &[satisfaction_survey::Column::Comment],
        &[],
        when(satisfaction_survey::Column::ParticipantId.is_in(parts.clone())),
    )
    .await?;
    blank::<testimonial::Entity>(
        txn,
        &[],
        &[testimonial::Column::Body],
        when(testimonial::Column::ParticipantId.is_in(parts.clone())),
    )
    .await?;
    blank::<reoffending_check::Entity>(
        txn,
        &[reoffending_check::Column::Note],
        &[],
        when(reoffending_check::Column::ParticipantId.is_in(parts.clone())),
    )
    .await?;
    blank::<agreement_item::Entity>(
        txn,
        &[agreement_item::Column::CompletionNote],
        &[agreement_item::Column::Description],
        when(agreement_item::Column::ResponsibleParticipantId.is_in(parts)),
    )
    .await
}

/// Anonymises one ended case and the people in it who take part in no other live case.
pub async fn anonymise_case(
    txn: &DatabaseTransaction,
    now: DateTime<Utc>,
    case_id: Uuid,
) -> AppResult<bool> {
    use case::Column as C;
    // The claim: of several instances anonymising at once, only the one that marks the case
    // does the rest (and writes the audit row).
    let claimed = case::Entity::update_many()
        .col_expr(C::AnonymisedAt, Expr::value(now))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::Id.eq(case_id))
        .filter(C::AnonymisedAt.is_null())
        .exec(txn)
        .await?
        .rows_affected
        == 1;
    if !claimed {
        return Ok(false);
    }
    blank::<case::Entity>(
        txn,
        &[
            C::OffenceSummary,
            C::CrimeReference,
            C::AreaDetail,
            C::SuitabilityNotes,
            C::SupportNeeds,
            C::StopReasonText,
        ],
        &[],
        when(C::Id.eq(case_id)),
    )
    .await?;
    blank::<contact::Entity>(
        txn,
        &[],
        &[contact::Column::Summary],
        when(contact::Column::CaseId.eq(case_id)),
    )
    .await?;
    blank::<consent::Entity>(
        txn,
        &[consent::Column::Note],
        &[],
        when(consent::Column::CaseId.eq(case_id)),
    )
    .await?;
    blank::<risk_assessment::Entity>(
        txn,
        &[
            risk_assessment::Column::Factors,
            risk_assessment::Column::Mitigations,
        ],
        &[],
        when(risk_assessment::Column::CaseId.eq(case_id)),
    )
    .await?;
    blank::<meeting::Entity>(
        txn,
        &[
            meeting::Column::VenueRoom,
            meeting::Column::AccessNotes,
            meeting::Column::OverrideReason,
        ],
        &[meeting::Column::VenueAddress],
        when(meeting::Column::CaseId.eq(case_id)),
    )
    .await?;
    blank::<agreement_item::Entity>(
        txn,
        &[agreement_item::Column::CompletionNote],
        &[agreement_item::Column::Description],
        when(agreement_item::Column::CaseId.eq(case_id)),
    )
    .await?;
    blank::<satisfaction_survey::Entity>(
        txn,
        &[satisfaction_survey::Column::Comment],
        &[],
        when(satisfaction_survey::Column::CaseId.eq(case_id)),
    )
    .await?;
    blank::<testimonial::Entity>(
        txn,
        &[],
        &[testimonial::Column::Body],
        when(testimonial::Column::CaseId.eq(case_id)),
    )
    .await?;
    blank::<reoffending_check::Entity>(
        txn,
        &[reoffending_check::Column::Note],
        &[],
        when(reoffending_check::Column::CaseId.eq(case_id)),
    )
    .await?;
    let complaints: Vec<Uuid> = complaint::Entity::find()
        .filter(complaint::Column::CaseId.eq(case_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    complaint::Entity::update_many()
        .col_expr(complaint::Column::ErasedAt, Expr::value(now))
        .filter(complaint::Column::Id.is_in(complaints.clone()))
        .exec(txn)
        .await?;
    blank::<complaint::Entity>(
        txn,
        &[
            complaint::Column::ComplainantName,
            complaint::Column::ComplainantContact,
            complaint::Column::OutcomeSummary,
        ],
        &[complaint::Column::About],
        when(complaint::Column::Id.is_in(complaints.clone())),
    )
    .await?;
    blank::<complaint_event::Entity>(
        txn,
        &[complaint_event::Column::Note],
        &[],
        when(complaint_event::Column::ComplaintId.is_in(complaints)),
    )
    .await?;
    // People: erased unless they also take part in a case that is still kept (one query each,
    // not one per other case).
    let people: Vec<Uuid> = case_participant::Entity::find()
        .filter(case_participant::Column::CaseId.eq(case_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|p| p.person_id)
        .collect();
    for person_id in people {
        let elsewhere: Vec<Uuid> = case_participant::Entity::find()
            .filter(case_participant::Column::PersonId.eq(person_id))
            .filter(case_participant::Column::CaseId.ne(case_id))
            .all(txn)
            .await?
            .into_iter()
            .map(|p| p.case_id)
            .collect();
        let still_kept = !elsewhere.is_empty()
            && case::Entity::find()
                .filter(C::Id.is_in(elsewhere))
                .filter(C::AnonymisedAt.is_null())
                .one(txn)
                .await?
                .is_some();
        if !still_kept {
            anonymise_person(txn, now, person_id).await?;
        }
    }
    Ok(true)
}

/// Anonymises every expired case, one transaction each, calling `progress` after each. The
/// scheduled job and `rjhub retention --apply` both use this.
pub async fn apply(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    months: u32,
    mut progress: impl FnMut(&Expired),
) -> AppResult<Vec<Expired>> {
    let mut done = Vec::new();
    for e in expired(db, now, months).await? {
        let txn = crate::db::begin_write(db).await?;
        if !anonymise_case(&txn, now, e.case_id).await? {
            // Another instance did it first.
            continue;
        }
        audit::record(
            &txn,
            now,
            None,
            Entry::new("retention_anonymise", "case", e.case_id)
                .detail(serde_json::json!({ "retention_months": months })),
        )
        .await?;
        txn.commit().await?;
        progress(&e);
        done.push(e);
    }
    Ok(done)
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
    require(actor, Duty::AnswerDataRights)?;
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
        Entry::new("erase_person", "person", person_id)
            .purpose(Purpose::DataProtection)
            .justification(reason),
    )
    .await?;
    let p = person::Entity::find_by_id(person_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("The person"))?;
    txn.commit().await?;
    Ok(p)
}
