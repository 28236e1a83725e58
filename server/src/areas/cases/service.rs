//! Case operations: opening a case with need-to-know, stage moves, and the records kept on it.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::London;
use rand::Rng;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use super::model::{
    CaseAccess, ConsentMethod, ConsentPurpose, ContactChannel, FacilitatorRole, ParticipantRole,
    RiskLevel, RiskSubject, Side, Stage, check_transition, optional_text, required_text,
};
use super::policy::{self, CaseScope};
use crate::areas::accounts::model::{Actor, Role};
use crate::areas::reference::service::{ReferenceList, check_code};
use crate::audit::{self, Entry};
use crate::entities::{
    case, case_event, case_facilitator, case_participant, consent, contact, person,
    risk_assessment, user,
};
use crate::error::{AppError, AppResult};
use crate::graphql::pagination::Page;
use crate::idempotency::{self, Start};

pub async fn load(conn: &impl ConnectionTrait, id: Uuid) -> AppResult<case::Model> {
    case::Entity::find_by_id(id)
        .filter(case::Column::ErasedAt.is_null())
        .one(conn)
        .await?
        .ok_or(AppError::NotFound("The case"))
}

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

pub async fn is_allocated(
    conn: &impl ConnectionTrait,
    case_id: Uuid,
    user_id: Uuid,
) -> AppResult<bool> {
    Ok(case_facilitator::Entity::find()
        .filter(case_facilitator::Column::CaseId.eq(case_id))
        .filter(case_facilitator::Column::UserId.eq(user_id))
        .filter(case_facilitator::Column::EndedAt.is_null())
        .count(conn)
        .await?
        > 0)
}

/// A case the actor may see, with what they may see of it. Cases they may not see are
/// `NOT_FOUND`, exactly like cases that do not exist.
pub async fn visible(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> AppResult<(case::Model, CaseAccess)> {
    let c = load(conn, id).await?;
    let allocated = is_allocated(conn, id, actor.user_id).await?;
    let access = policy::case_access(actor, &c, allocated).ok_or(AppError::NotFound("The case"))?;
    Ok((c, access))
}

/// Opens a case to read it, and writes the read to the audit log (R-DP-4).
pub async fn open(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    id: Uuid,
) -> AppResult<(case::Model, CaseAccess)> {
    let (c, access) = visible(conn, actor, id).await?;
    audit::record_by(
        conn,
        now,
        actor,
        Entry::new("view", "case", c.id).detail(serde_json::json!({
            "access": match access { CaseAccess::Full => "full", CaseAccess::OffenderSide => "offender_side" },
        })),
    )
    .await?;
    Ok((c, access))
}

/// A case the actor may record work on (co-ordinator or allocated facilitator, full access).
pub(crate) async fn for_work(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> AppResult<(case::Model, bool)> {
    let c = load(conn, id).await?;
    let allocated = is_allocated(conn, id, actor.user_id).await?;
    policy::may_work_on(actor, policy::case_access(actor, &c, allocated), allocated)?;
    Ok((c, allocated))
}

fn stage_of(c: &case::Model) -> AppResult<Stage> {
    c.stage.parse()
}

pub fn today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&London).date_naive()
}

/// Moves a case and writes the `case_event` that every report is computed from.
async fn transition(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor_id: Option<Uuid>,
    c: case::Model,
    to: Stage,
    reason_code: Option<String>,
    reason_text: Option<String>,
) -> AppResult<case::Model> {
    let from = stage_of(&c)?;
    check_transition(from, to)?;
    // Guard against a concurrent move: only the row still at `from` is updated.
    let mut update = case::Entity::update_many()
        .col_expr(case::Column::Stage, Expr::value(to.as_str()))
        .col_expr(case::Column::UpdatedAt, Expr::value(now))
        .filter(case::Column::Id.eq(c.id))
        .filter(case::Column::Stage.eq(from.as_str()));
    if matches!(to, Stage::Withdrawn | Stage::NotSuitable) {
        update = update
            .col_expr(case::Column::StoppedAtStage, Expr::value(from.as_str()))
            .col_expr(
                case::Column::StopReasonCode,
                Expr::value(reason_code.clone()),
            )
            .col_expr(
                case::Column::StopReasonText,
                Expr::value(reason_text.clone()),
            );
    }
    if update.exec(conn).await?.rows_affected != 1 {
        return Err(AppError::Conflict(
            "The case was changed by someone else just now. Reload it and try again.".into(),
        ));
    }
    case_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(c.id),
        from_stage: Set(Some(from.as_str().into())),
        to_stage: Set(to.as_str().into()),
        at: Set(now),
        actor_id: Set(actor_id),
        reason_code: Set(reason_code),
        reason_text: Set(reason_text),
    }
    .insert(conn)
    .await?;
    load(conn, c.id).await
}

/// Closes a case after the supervisor's approved closure sign-off; the caller holds the
/// transaction and has checked the sign-off.
pub async fn close_after_sign_off(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    supervisor: Uuid,
    c: case::Model,
) -> AppResult<case::Model> {
    transition(conn, now, Some(supervisor), c, Stage::Closed, None, None).await
}

/// Everything that must be true before participants meet (R-AS-2, R-AS-3).
async fn ready_for_intervention(
    conn: &impl ConnectionTrait,
    c: &case::Model,
    today: NaiveDate,
) -> AppResult<()> {
    let mut missing = Vec::new();
    if c.awaiting_offender {
        missing.push("the offender has not been identified yet".to_string());
    }
    let risk = risk_assessment::Entity::find()
        .filter(risk_assessment::Column::CaseId.eq(c.id))
        .order_by_desc(risk_assessment::Column::AssessedAt)
        .one(conn)
        .await?;
    match risk {
        None => missing.push("record a risk assessment".into()),
        Some(r) if r.review_on < today => missing.push(format!(
            "review the risk assessment (its review date, {}, has passed)",
            r.review_on.format("%-d %B %Y")
        )),
        Some(_) => {}
    }
    let participants = case_participant::Entity::find()
        .filter(case_participant::Column::CaseId.eq(c.id))
        .all(conn)
        .await?;
    let consents = consent::Entity::find()
        .filter(consent::Column::CaseId.eq(c.id))
        .filter(consent::Column::Purpose.eq(ConsentPurpose::TakingPart.as_str()))
        .order_by_asc(consent::Column::At)
        .all(conn)
        .await?;
    let without = participants
        .iter()
        .filter(|p| {
            !consents
                .iter()
                .rfind(|k| k.participant_id == p.id)
                .is_some_and(|k| k.given)
        })
        .count();
    if participants.is_empty() {
        missing.push("add the participants".into());
    } else if without > 0 {
        missing.push(format!(
            "record consent to take part for {without} participant(s)"
        ));
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(AppError::validation(
            "to",
            format!("Before the intervention: {}.", missing.join("; ")),
        ))
    }
}

pub async fn move_case(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    to: Stage,
    reason_text: Option<&str>,
) -> AppResult<case::Model> {
    let txn = crate::db::begin_write(db).await?;
    let (c, _) = for_work(&txn, actor, case_id).await?;
    let from = stage_of(&c)?;
    let coordinator = actor.has(Role::Coordinator);
    match to {
        Stage::Withdrawn => {
            return Err(AppError::validation(
                "to",
                "Use “Stop the case” to withdraw it, with a reason.",
            ));
        }
        Stage::NotSuitable => {
            return Err(AppError::validation(
                "to",
                "Record the assessment to mark a case not suitable.",
            ));
        }
        Stage::Allocated => {
            return Err(AppError::validation(
                "to",
                "Allocate a lead facilitator: the case moves on when they are allocated.",
            ));
        }
        // A case closes only through its supervisor's approved closure sign-off (R-CW-6).
        Stage::Closed => {
            return Err(AppError::validation(
                "to",
                "A case closes when its case supervisor signs off the closure.",
            ));
        }
        Stage::Referral | Stage::Assessment if !coordinator => return Err(AppError::Forbidden),
        Stage::Intervention if from == Stage::Preparation => {
            ready_for_intervention(&txn, &c, today(now)).await?
        }
        _ => {}
    }
    let reason_text = optional_text("reasonText", reason_text, 2000)?;
    let c = transition(&txn, now, Some(actor.user_id), c, to, None, reason_text).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("move_case", "case", c.id)
            .detail(serde_json::json!({"from": from.as_str(), "to": to.as_str()})),
    )
    .await?;
    txn.commit().await?;
    Ok(c)
}

pub async fn withdraw(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    reason_code: &str,
    reason_text: Option<&str>,
) -> AppResult<case::Model> {
    let txn = crate::db::begin_write(db).await?;
    let (c, _) = for_work(&txn, actor, case_id).await?;
    let code = check_code(&txn, ReferenceList::Reason, "reasonCode", Some(reason_code))
        .await?
        .ok_or_else(|| AppError::validation("reasonCode", "Choose why the case is stopping"))?;
    let text = optional_text("reasonText", reason_text, 2000)?;
    if code == "other" && text.is_none() {
        return Err(AppError::validation(
            "reasonText",
            "Say why the case is stopping",
        ));
    }
    let from = stage_of(&c)?;
    let c = transition(
        &txn,
        now,
        Some(actor.user_id),
        c,
        Stage::Withdrawn,
        Some(code),
        text,
    )
    .await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("withdraw_case", "case", c.id)
            .detail(serde_json::json!({"from": from.as_str()})),
    )
    .await?;
    txn.commit().await?;
    Ok(c)
}

pub async fn assess(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    suitable: bool,
    reason_code: Option<&str>,
    notes: Option<&str>,
) -> AppResult<case::Model> {
    policy::require_coordinator(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let mut c = load(&txn, case_id).await?;
    let reason = check_code(&txn, ReferenceList::Reason, "reasonCode", reason_code).await?;
    let notes = optional_text("notes", notes, 4000)?;
    if !suitable && reason.is_none() {
        return Err(AppError::validation(
            "reasonCode",
            "Choose the reason the case is not suitable",
        ));
    }
    if !suitable && reason.as_deref() == Some("other") && notes.is_none() {
        return Err(AppError::validation(
            "notes",
            "Say why the case is not suitable",
        ));
    }
    match stage_of(&c)? {
        Stage::Referral => {
            c = transition(
                &txn,
                now,
                Some(actor.user_id),
                c,
                Stage::Assessment,
                None,
                None,
            )
            .await?
        }
        Stage::Assessment => {}
        other => {
            return Err(AppError::validation(
                "caseId",
                format!(
                    "Only referrals can be assessed; this case is {}.",
                    other.label().to_lowercase()
                ),
            ));
        }
    }
    let mut a = c.into_active_model();
    a.suitable = Set(Some(suitable));
    a.suitability_reason_code = Set(reason.clone());
    a.suitability_notes = Set(notes.clone());
    a.assessed_at = Set(Some(now));
    a.updated_at = Set(now);
    let mut c = a.update(&txn).await?;
    if !suitable {
        c = transition(
            &txn,
            now,
            Some(actor.user_id),
            c,
            Stage::NotSuitable,
            reason,
            notes,
        )
        .await?;
    }
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("assess_referral", "case", c.id)
            .detail(serde_json::json!({"suitable": suitable})),
    )
    .await?;
    txn.commit().await?;
    Ok(c)
}

pub async fn convert_enquiry(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
) -> AppResult<case::Model> {
    policy::require_coordinator(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let c = load(&txn, case_id).await?;
    if stage_of(&c)? != Stage::Enquiry {
        return Err(AppError::validation(
            "caseId",
            "Only an enquiry can be converted into a referral.",
        ));
    }
    let c = transition(
        &txn,
        now,
        Some(actor.user_id),
        c,
        Stage::Referral,
        None,
        None,
    )
    .await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("convert_enquiry", "case", c.id),
    )
    .await?;
    txn.commit().await?;
    Ok(c)
}

/// "Contact me if an offender is identified": the parked case comes back into the work.
pub async fn offender_identified(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
) -> AppResult<case::Model> {
    policy::require_coordinator(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let c = load(&txn, case_id).await?;
    let already = c.offender_identified;
    let mut a = c.into_active_model();
    if !already {
        a.offender_identified_at = Set(Some(now));
    }
    a.offender_identified = Set(true);
    a.awaiting_offender = Set(false);
    a.updated_at = Set(now);
    let c = a.update(&txn).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("offender_identified", "case", c.id),
    )
    .await?;
    txn.commit().await?;
    Ok(c)
}

/// Case references people can read out on the phone: `RJ26-K7Q9M`. Random, so they reveal
/// nothing about how many cases the Hub has.
fn new_reference(now: DateTime<Utc>) -> String {
    random_reference("RJ", now)
}

/// `<prefix><yy>-<5 letters or digits>`, without look-alike letters.
pub fn random_reference(prefix: &str, now: DateTime<Utc>) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut rng = rand::rng();
    let code: String = (0..5)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    format!("{prefix}{}-{code}", now.with_timezone(&London).format("%y"))
}

/// A reference in the same form as a real one, for answers that must not differ (the honeypot).
pub fn reference_for(now: DateTime<Utc>) -> String {
    new_reference(now)
}

/// The facts of a new case, already checked.
pub struct NewCase {
    pub stage: Stage,
    pub referral_source: String,
    pub referring_agency: Option<String>,
    pub referrer_user_id: Option<Uuid>,
    pub offender_initiated: bool,
    pub offence_category: Option<String>,
    pub hate_crime: bool,
    pub offence_summary: Option<String>,
    pub reported_to_police: Option<bool>,
    pub crime_reference: Option<String>,
    pub proceedings_stage: Option<String>,
    pub area: Option<String>,
    pub area_detail: Option<String>,
    pub originating_area: Option<String>,
    pub offender_identified: bool,
    pub awaiting_offender: bool,
}

/// Creates a case and its first event; the caller holds the transaction.
pub async fn create(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor_id: Option<Uuid>,
    n: NewCase,
) -> AppResult<case::Model> {
    let mut reference = new_reference(now);
    for _ in 0..5 {
        if case::Entity::find()
            .filter(case::Column::Reference.eq(&reference))
            .count(conn)
            .await?
            == 0
        {
            break;
        }
        reference = new_reference(now);
    }
    let c = case::ActiveModel {
        id: Set(Uuid::now_v7()),
        reference: Set(reference),
        stage: Set(n.stage.as_str().into()),
        stopped_at_stage: Set(None),
        stop_reason_code: Set(None),
        stop_reason_text: Set(None),
        referral_source: Set(n.referral_source),
        referring_agency: Set(n.referring_agency),
        referrer_user_id: Set(n.referrer_user_id),
        offender_initiated: Set(n.offender_initiated),
        offence_category: Set(n.offence_category),
        hate_crime: Set(n.hate_crime),
        offence_summary: Set(n.offence_summary),
        reported_to_police: Set(n.reported_to_police),
        crime_reference: Set(n.crime_reference),
        proceedings_stage: Set(n.proceedings_stage),
        area: Set(n.area),
        area_detail: Set(n.area_detail),
        originating_area: Set(n.originating_area),
        offender_identified: Set(n.offender_identified),
        offender_identified_at: Set(n.offender_identified.then_some(now)),
        awaiting_offender: Set(n.awaiting_offender),
        intervention_model: Set(None),
        suitable: Set(None),
        suitability_reason_code: Set(None),
        suitability_notes: Set(None),
        assessed_at: Set(None),
        support_needs: Set(None),
        victims_hub_referred_at: Set(None),
        supervisor_id: Set(None),
        received_at: Set(now),
        created_at: Set(now),
        updated_at: Set(now),
        erased_at: Set(None),
        anonymised_at: Set(None),
    }
    .insert(conn)
    .await?;
    case_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(c.id),
        from_stage: Set(None),
        to_stage: Set(n.stage.as_str().into()),
        at: Set(now),
        actor_id: Set(actor_id),
        reason_code: Set(None),
        reason_text: Set(None),
    }
    .insert(conn)
    .await?;
    Ok(c)
}

pub async fn add_participant_row(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    case_id: Uuid,
    person_id: Uuid,
    role: ParticipantRole,
    relationship: Option<String>,
) -> AppResult<case_participant::Model> {
    Ok(case_participant::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(case_id),
        person_id: Set(person_id),
        role: Set(role.as_str().into()),
        relationship: Set(relationship),
        created_at: Set(now),
    }
    .insert(conn)
    .await?)
}

/// One consent given or withdrawn by one participant, for one purpose.
pub struct ConsentEntry {
    pub participant_id: Uuid,
    pub purpose: ConsentPurpose,
    pub given: bool,
    pub method: ConsentMethod,
    pub note: Option<String>,
}

pub async fn add_consent_row(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    recorded_by: Option<Uuid>,
    case_id: Uuid,
    e: ConsentEntry,
) -> AppResult<consent::Model> {
    Ok(consent::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(case_id),
        participant_id: Set(e.participant_id),
        purpose: Set(e.purpose.as_str().into()),
        given: Set(e.given),
        method: Set(e.method.as_str().into()),
        note: Set(e.note),
        recorded_by: Set(recorded_by),
        at: Set(now),
    }
    .insert(conn)
    .await?)
}

/// Relationship words for bereaved family members (R-IN-5) and others.
pub fn check_relationship(
    role: ParticipantRole,
    relationship: Option<&str>,
) -> AppResult<Option<String>> {
    let r = optional_text("relationship", relationship, 100)?;
    if role == ParticipantRole::BereavedFamily && r.is_none() {
        return Err(AppError::validation(
            "relationship",
            "Say how they are related to the person who died (for example: mother, partner, son)",
        ));
    }
    Ok(r)
}

/// Who joins a case: someone already known (people can take part in several cases) or new.
pub struct NewParticipant {
    pub existing_person: Option<Uuid>,
    pub new_person: Option<super::people::PersonInput>,
    pub role: ParticipantRole,
    pub relationship: Option<String>,
}

pub async fn add_participant(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    n: NewParticipant,
) -> AppResult<case_participant::Model> {
    policy::require_coordinator(actor)?;
    let role = n.role;
    let relationship = check_relationship(role, n.relationship.as_deref())?;
    let (existing_person, new_person) = (n.existing_person, n.new_person);
    let txn = crate::db::begin_write(db).await?;
    let c = load(&txn, case_id).await?;
    let person_id = match (existing_person, new_person) {
        (Some(id), None) => {
            person::Entity::find_by_id(id)
                .filter(person::Column::ErasedAt.is_null())
                .one(&txn)
                .await?
                .ok_or(AppError::NotFound("The person"))?
                .id
        }
        (None, Some(p)) => {
            let row =
                super::people::validate(&txn, &super::people::person_fields!("person."), &p, now)
                    .await?;
            super::people::insert(&txn, row).await?.id
        }
        _ => {
            return Err(AppError::validation(
                "person",
                "Give either an existing person or a new person's details",
            ));
        }
    };
    let dup = case_participant::Entity::find()
        .filter(case_participant::Column::CaseId.eq(c.id))
        .filter(case_participant::Column::PersonId.eq(person_id))
        .count(&txn)
        .await?;
    if dup > 0 {
        return Err(AppError::Conflict(
            "That person already takes part in this case".into(),
        ));
    }
    if role == ParticipantRole::Offender && !c.offender_identified {
        let mut a = c.clone().into_active_model();
        a.offender_identified_at = Set(Some(now));
        a.offender_identified = Set(true);
        a.awaiting_offender = Set(false);
        a.updated_at = Set(now);
        a.update(&txn).await?;
    }
    let p = add_participant_row(&txn, now, c.id, person_id, role, relationship).await?;
    audit::record_by(&txn, now, actor, Entry::new("add_participant", "case", c.id).detail(serde_json::json!({"participant": p.id.to_string(), "person": person_id.to_string(), "role": role.as_str()}))).await?;
    txn.commit().await?;
    Ok(p)
}

pub(crate) async fn participant_of(
    conn: &impl ConnectionTrait,
    case_id: Uuid,
    participant_id: Uuid,
) -> AppResult<case_participant::Model> {
    case_participant::Entity::find_by_id(participant_id)
        .filter(case_participant::Column::CaseId.eq(case_id))
        .one(conn)
        .await?
        .ok_or_else(|| {
            AppError::validation(
                "participantId",
                "That person does not take part in this case",
            )
        })
}

pub struct ContactEntry<'a> {
    pub participant_id: Option<Uuid>,
    /// When it happened; now if not given.
    pub at: Option<DateTime<Utc>>,
    pub channel: ContactChannel,
    pub summary: &'a str,
    pub idempotency_key: Option<&'a str>,
}

pub async fn log_contact(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    entry: ContactEntry<'_>,
) -> AppResult<contact::Model> {
    let ContactEntry {
        participant_id,
        at,
        channel,
        summary,
        idempotency_key: key,
    } = entry;
    const OP: &str = "log_contact";
    let txn = match idempotency::start::<Uuid>(db, actor.user_id, key, OP).await? {
        Start::Replay(first) => {
            return contact::Entity::find_by_id(first)
                .one(db)
                .await?
                .ok_or(AppError::NotFound("The contact"));
        }
        Start::Fresh(txn) => txn,
    };
    let (c, _) = for_work(&txn, actor, case_id).await?;
    if let Some(p) = participant_id {
        participant_of(&txn, c.id, p).await?;
    }
    let at = at.unwrap_or(now);
    if at > now + chrono::Duration::minutes(5) {
        return Err(AppError::validation(
            "at",
            "A contact cannot be in the future",
        ));
    }
    let summary = required_text("summary", summary, 4000, "what was said or done")?;
    let row = contact::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(c.id),
        participant_id: Set(participant_id),
        at: Set(at),
        channel: Set(channel.as_str().into()),
        summary: Set(summary),
        actor_id: Set(Some(actor.user_id)),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("log_contact", "case", c.id)
            .detail(serde_json::json!({"contact": row.id.to_string()})),
    )
    .await?;
    idempotency::finish(&txn, now, actor.user_id, key, OP, &row.id).await?;
    txn.commit().await?;
    Ok(row)
}

pub struct RiskInput<'a> {
    pub risk_to: Vec<RiskSubject>,
    pub level: RiskLevel,
    pub factors: Option<&'a str>,
    pub mitigations: Option<&'a str>,
    pub review_on: NaiveDate,
}

pub async fn record_risk(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    input: RiskInput<'_>,
) -> AppResult<risk_assessment::Model> {
    let mut risk_to = input.risk_to;
    risk_to.sort();
    risk_to.dedup();
    if risk_to.is_empty() {
        return Err(AppError::validation("riskTo", "Choose who the risk is to"));
    }
    if input.review_on < today(now) {
        return Err(AppError::validation(
            "reviewOn",
            "The review date must be today or later",
        ));
    }
    let mitigations = optional_text("mitigations", input.mitigations, 4000)?;
    if input.level != RiskLevel::Low && mitigations.is_none() {
        return Err(AppError::validation(
            "mitigations",
            "Say how a medium or high risk will be managed",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let (c, _) = for_work(&txn, actor, case_id).await?;
    let row = risk_assessment::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(c.id),
        risk_to: Set(risk_to
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(",")),
        level: Set(input.level.as_str().into()),
        factors: Set(optional_text("factors", input.factors, 4000)?),
        mitigations: Set(mitigations),
        review_on: Set(input.review_on),
        assessed_by: Set(Some(actor.user_id)),
        assessed_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("record_risk_assessment", "case", c.id)
            .detail(serde_json::json!({"level": input.level.as_str()})),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// Records consent given or withdrawn. Withdrawing consent to take part withdraws every other
/// consent of that participant on the case, since they depend on it (R-ST-3).
pub async fn record_consent(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    entry: ConsentEntry,
) -> AppResult<Vec<consent::Model>> {
    let note = optional_text("note", entry.note.as_deref(), 2000)?;
    let (purpose, given, method) = (entry.purpose, entry.given, entry.method);
    let txn = crate::db::begin_write(db).await?;
    let (c, _) = for_work(&txn, actor, case_id).await?;
    let p = participant_of(&txn, c.id, entry.participant_id).await?;
    let first = ConsentEntry {
        participant_id: p.id,
        note,
        ..entry
    };
    let mut rows = vec![add_consent_row(&txn, now, Some(actor.user_id), c.id, first).await?];
    if purpose == ConsentPurpose::TakingPart && !given {
        let current = consent::Entity::find()
            .filter(consent::Column::CaseId.eq(c.id))
            .filter(consent::Column::ParticipantId.eq(p.id))
            .order_by_asc(consent::Column::At)
            .all(&txn)
            .await?;
        for dependent in ConsentPurpose::ALL
            .iter()
            .filter(|x| **x != ConsentPurpose::TakingPart)
        {
            let still_given = current
                .iter()
                .rfind(|k| k.purpose == dependent.as_str())
                .is_some_and(|k| k.given);
            if still_given {
                rows.push(
                    add_consent_row(
                        &txn,
                        now,
                        Some(actor.user_id),
                        c.id,
                        ConsentEntry {
                            participant_id: p.id,
                            purpose: *dependent,
                            given: false,
                            method,
                            note: Some("Withdrawn with consent to take part".into()),
                        },
                    )
                    .await?,
                );
            }
        }
    }
    crate::areas::followup::service::cancel_without_consent(&txn, now, p.id).await?;
    audit::record_by(&txn, now, actor, Entry::new("record_consent", "case", c.id).detail(serde_json::json!({"participant": p.id.to_string(), "purpose": purpose.as_str(), "given": given}))).await?;
    txn.commit().await?;
    Ok(rows)
}

pub async fn record_support(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    support_needs: Option<&str>,
    refer_to_victims_hub: bool,
) -> AppResult<case::Model> {
    let needs = optional_text("supportNeeds", support_needs, 4000)?;
    let txn = crate::db::begin_write(db).await?;
    let (c, _) = for_work(&txn, actor, case_id).await?;
    let already = c.victims_hub_referred_at;
    let mut a = c.into_active_model();
    a.support_needs = Set(needs);
    if refer_to_victims_hub && already.is_none() {
        a.victims_hub_referred_at = Set(Some(now));
    }
    a.updated_at = Set(now);
    let c = a.update(&txn).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("record_support_needs", "case", c.id)
            .detail(serde_json::json!({"victims_hub": refer_to_victims_hub})),
    )
    .await?;
    txn.commit().await?;
    Ok(c)
}

pub async fn set_intervention_model(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    model: &str,
) -> AppResult<case::Model> {
    let txn = crate::db::begin_write(db).await?;
    let (c, _) = for_work(&txn, actor, case_id).await?;
    let code = check_code(&txn, ReferenceList::InterventionModel, "model", Some(model))
        .await?
        .ok_or_else(|| AppError::validation("model", "Choose an intervention model"))?;
    let mut a = c.into_active_model();
    a.intervention_model = Set(Some(code.clone()));
    a.updated_at = Set(now);
    let c = a.update(&txn).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("set_intervention_model", "case", c.id)
            .detail(serde_json::json!({"model": code})),
    )
    .await?;
    txn.commit().await?;
    Ok(c)
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
    let c = load(txn, case_id).await?;
    let stage = stage_of(&c)?;
    if !stage.is_open() || matches!(stage, Stage::Enquiry | Stage::Referral) {
        return Err(AppError::validation(
            "caseId",
            format!(
                "A case that is {} cannot be allocated.",
                stage.label().to_lowercase()
            ),
        ));
    }
    if c.suitable != Some(true) {
        return Err(AppError::validation(
            "caseId",
            "Assess the case as suitable before allocating it.",
        ));
    }
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
        transition(txn, now, Some(by), c, Stage::Allocated, None, None).await
    } else {
        Ok(c)
    }
}

pub async fn assign_facilitator(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    facilitator_id: Uuid,
    role: FacilitatorRole,
) -> AppResult<case::Model> {
    policy::require_coordinator(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let c = allocate_in(&txn, now, actor.user_id, case_id, facilitator_id, role).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("assign_facilitator", "case", c.id).detail(
            serde_json::json!({"facilitator": facilitator_id.to_string(), "role": role.as_str()}),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(c)
}

pub async fn assign_supervisor(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    supervisor_id: Uuid,
) -> AppResult<case::Model> {
    policy::require_coordinator(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let c = load(&txn, case_id).await?;
    if !crate::areas::accounts::sessions::roles_of(&txn, supervisor_id)
        .await?
        .contains(&Role::Supervisor)
    {
        return Err(AppError::validation(
            "supervisorId",
            "Choose a case supervisor",
        ));
    }
    let mut a = c.into_active_model();
    a.supervisor_id = Set(Some(supervisor_id));
    a.updated_at = Set(now);
    let c = a.update(&txn).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("assign_supervisor", "case", c.id)
            .detail(serde_json::json!({"supervisor": supervisor_id.to_string()})),
    )
    .await?;
    txn.commit().await?;
    Ok(c)
}

// ----- reading the records of a case (callers have checked access) -----

pub async fn participants(
    conn: &impl ConnectionTrait,
    case_id: Uuid,
    access: CaseAccess,
) -> AppResult<Vec<(case_participant::Model, person::Model)>> {
    let rows: Vec<_> = case_participant::Entity::find()
        .filter(case_participant::Column::CaseId.eq(case_id))
        .order_by_asc(case_participant::Column::CreatedAt)
        .all(conn)
        .await?
        .into_iter()
        .filter(|cp| {
            cp.role
                .parse::<ParticipantRole>()
                .is_ok_and(|r| access.shows(r.side()))
        })
        .collect();
    let people = person::Entity::find()
        .filter(person::Column::Id.is_in(rows.iter().map(|cp| cp.person_id)))
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|cp| {
            let p = people.iter().find(|p| p.id == cp.person_id)?.clone();
            Some((cp, p))
        })
        .collect())
}

async fn visible_participant_ids(
    conn: &impl ConnectionTrait,
    case_id: Uuid,
    access: CaseAccess,
) -> AppResult<Vec<Uuid>> {
    Ok(case_participant::Entity::find()
        .filter(case_participant::Column::CaseId.eq(case_id))
        .all(conn)
        .await?
        .into_iter()
        .filter(|cp| {
            cp.role
                .parse::<ParticipantRole>()
                .is_ok_and(|r| access.shows(r.side()))
        })
        .map(|cp| cp.id)
        .collect())
}

pub async fn contacts(
    conn: &impl ConnectionTrait,
    case_id: Uuid,
    access: CaseAccess,
) -> AppResult<Vec<contact::Model>> {
    let mut q = contact::Entity::find().filter(contact::Column::CaseId.eq(case_id));
    if access != CaseAccess::Full {
        q = q.filter(
            contact::Column::ParticipantId
                .is_in(visible_participant_ids(conn, case_id, access).await?),
        );
    }
    Ok(q.order_by_desc(contact::Column::At).all(conn).await?)
}

pub async fn consents(
    conn: &impl ConnectionTrait,
    case_id: Uuid,
    access: CaseAccess,
) -> AppResult<Vec<consent::Model>> {
    let mut q = consent::Entity::find().filter(consent::Column::CaseId.eq(case_id));
    if access != CaseAccess::Full {
        q = q.filter(
            consent::Column::ParticipantId
                .is_in(visible_participant_ids(conn, case_id, access).await?),
        );
    }
    Ok(q.order_by_asc(consent::Column::At).all(conn).await?)
}

pub async fn events(
    conn: &impl ConnectionTrait,
    case_id: Uuid,
) -> AppResult<Vec<case_event::Model>> {
    Ok(case_event::Entity::find()
        .filter(case_event::Column::CaseId.eq(case_id))
        .order_by_asc(case_event::Column::At)
        .order_by_asc(case_event::Column::Id)
        .all(conn)
        .await?)
}

pub async fn risk_assessments(
    conn: &impl ConnectionTrait,
    case_id: Uuid,
) -> AppResult<Vec<risk_assessment::Model>> {
    Ok(risk_assessment::Entity::find()
        .filter(risk_assessment::Column::CaseId.eq(case_id))
        .order_by_desc(risk_assessment::Column::AssessedAt)
        .all(conn)
        .await?)
}

pub async fn facilitators(
    conn: &impl ConnectionTrait,
    case_id: Uuid,
) -> AppResult<Vec<(case_facilitator::Model, String)>> {
    let rows = active_facilitators(conn, case_id).await?;
    crate::areas::accounts::service::with_names(conn, rows, |f| f.user_id).await
}

pub async fn user_name(conn: &impl ConnectionTrait, id: Uuid) -> AppResult<Option<String>> {
    Ok(user::Entity::find_by_id(id)
        .one(conn)
        .await?
        .map(|u| u.name))
}

pub async fn first_contact_at(
    conn: &impl ConnectionTrait,
    case_id: Uuid,
) -> AppResult<Option<DateTime<Utc>>> {
    Ok(contact::Entity::find()
        .filter(contact::Column::CaseId.eq(case_id))
        .order_by_asc(contact::Column::At)
        .one(conn)
        .await?
        .map(|c| c.at))
}

// ----- lists -----

#[derive(Default)]
pub struct CaseFilter {
    pub stages: Vec<Stage>,
    pub awaiting_offender: Option<bool>,
    pub reference: Option<String>,
    pub oldest_first: bool,
}

/// The co-ordinator's and supervisors' case list, scoped in SQL (need-to-know).
pub async fn list(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    filter: CaseFilter,
    page: Page,
) -> AppResult<Vec<case::Model>> {
    let mut q = case::Entity::find().filter(case::Column::ErasedAt.is_null());
    if let CaseScope::SupervisedBy(id) = policy::list_scope(actor)? {
        q = q.filter(case::Column::SupervisorId.eq(id));
    }
    if let Some(a) = filter.awaiting_offender {
        q = q.filter(case::Column::AwaitingOffender.eq(a));
    }
    if let Some(r) = filter
        .reference
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        q = q.filter(
            Expr::expr(Func::upper(Expr::col(case::Column::Reference)))
                .like(format!("%{}%", r.to_uppercase().replace(['%', '_'], ""))),
        );
    }
    q = if filter.oldest_first {
        q.order_by_asc(case::Column::ReceivedAt)
            .order_by_asc(case::Column::Id)
    } else {
        q.order_by_desc(case::Column::ReceivedAt)
            .order_by_desc(case::Column::Id)
    };
    let stages: std::collections::BTreeSet<&str> =
        filter.stages.iter().map(|s| s.as_str()).collect();
    let stages: Vec<&str> = stages.into_iter().collect();
    let rows = match stages.as_slice() {
        [] => q.offset(page.offset).limit(page.fetch()).all(conn).await?,
        [one] => {
            q.filter(case::Column::Stage.eq(*one))
                .offset(page.offset)
                .limit(page.fetch())
                .all(conn)
                .await?
        }
        // Several stages (the inbox): the first rows of each, read in order from the
        // (stage, received_at, id) index, merged here. Asking for both stages at once would
        // read and sort every open case of both on each request.
        stages => {
            let upto = page.offset + page.fetch();
            let mut rows = Vec::new();
            for stage in stages {
                rows.extend(
                    q.clone()
                        .filter(case::Column::Stage.eq(*stage))
                        .limit(upto)
                        .all(conn)
                        .await?,
                );
            }
            rows.sort_by_key(|c| (c.received_at, c.id));
            if !filter.oldest_first {
                rows.reverse();
            }
            rows.into_iter()
                .skip(page.offset as usize)
                .take(page.fetch() as usize)
                .collect()
        }
    };
    audit::record_by(
        conn,
        now,
        actor,
        Entry {
            action: "list",
            entity: "case",
            entity_id: None,
            purpose: None,
            detail: Some(serde_json::json!({"count": rows.len()})),
        },
    )
    .await?;
    Ok(rows)
}

/// A facilitator's own cases.
pub async fn mine(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    page: Page,
) -> AppResult<Vec<case::Model>> {
    if !actor.has(Role::Facilitator) {
        return Err(AppError::Forbidden);
    }
    let ids: Vec<Uuid> = case_facilitator::Entity::find()
        .filter(case_facilitator::Column::UserId.eq(actor.user_id))
        .filter(case_facilitator::Column::EndedAt.is_null())
        .all(conn)
        .await?
        .into_iter()
        .map(|f| f.case_id)
        .collect();
    Ok(case::Entity::find()
        .filter(case::Column::Id.is_in(ids))
        .filter(case::Column::ErasedAt.is_null())
        .order_by_desc(case::Column::UpdatedAt)
        .offset(page.offset)
        .limit(page.fetch())
        .all(conn)
        .await?)
}

/// Referrals whose status the actor follows: those they filed, and for partner-agency staff
/// those of their agency. Only status, never the people in them.
pub async fn referrals_followed(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    page: Page,
) -> AppResult<Vec<case::Model>> {
    policy::may_follow_referrals(actor)?;
    let mut cond = Condition::any().add(case::Column::ReferrerUserId.eq(actor.user_id));
    if let Some(agency) = &actor.agency {
        cond = cond.add(
            Condition::all()
                .add(
                    Expr::expr(Func::lower(Expr::col(case::Column::ReferringAgency)))
                        .eq(agency.to_lowercase()),
                )
                .add(case::Column::ReferralSource.ne("self_referral")),
        );
    }
    Ok(case::Entity::find()
        .filter(cond)
        .filter(case::Column::ErasedAt.is_null())
        .order_by_desc(case::Column::ReceivedAt)
        .offset(page.offset)
        .limit(page.fetch())
        .all(conn)
        .await?)
}

pub fn stage(c: &case::Model) -> Stage {
    c.stage.parse().unwrap_or(Stage::Referral)
}

pub fn side_of(role: &str) -> Side {
    role.parse::<ParticipantRole>()
        .map(|r| r.side())
        .unwrap_or(Side::Harmed)
}

pub fn channel(s: &str) -> ContactChannel {
    s.parse().unwrap_or(ContactChannel::Other)
}
