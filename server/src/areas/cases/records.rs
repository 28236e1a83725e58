//! The records kept on a case — contacts (R-CW-2), risk assessments (R-AS-2), consent per
//! purpose (R-AS-3, R-ST-3), support needs (R-AS-4), the intervention model (R-CW-3) — and
//! reading them back through the reader's view, which shows the offender side only to
//! partner-agency staff.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::clocks::{self, ClockKind};
use super::model::{ConsentPurpose, ContactChannel, RiskLevel, RiskSubject};
use super::participants::{ConsentEntry, add_consent_row};
use crate::access::Actor;
use crate::access::audit;
use crate::access::case::{self as access, CaseView, CaseWork, Side, side_of_role};
use crate::areas::reference::service::{ReferenceList, check_code};
use crate::entities::{case_event, case_facilitator, consent, contact, risk_assessment};
use crate::error::{AppError, AppResult};
use crate::idempotency::{self, Start};
use crate::kernel::{optional_text, required_text, today};

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
    let work = access::for_work(&txn, actor, case_id).await?;
    let c = work.case();
    let with = match participant_id {
        Some(p) => Some(access::participant(&txn, work.view(), p).await?),
        None => None,
    };
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
    // Speaking with the victim's side gives them the information the Victims' Code clock
    // waits for (a contact with no one named counts: it is the case's own record).
    if with
        .as_ref()
        .is_none_or(|p| side_of_role(&p.role) == Side::Harmed)
    {
        clocks::meet(&txn, c.id, ClockKind::RjInformation, at).await?;
    }
    audit::record_by(
        &txn,
        now,
        actor,
        work.entry("log_contact")
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
    let work = access::for_work(&txn, actor, case_id).await?;
    let c = work.case();
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
        work.entry("record_risk_assessment")
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
    let work = access::for_work(&txn, actor, case_id).await?;
    let c = work.case();
    let p = access::participant(&txn, work.view(), entry.participant_id).await?;
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
    audit::record_by(&txn, now, actor, work.entry("record_consent").detail(serde_json::json!({"participant": p.id.to_string(), "purpose": purpose.as_str(), "given": given}))).await?;
    txn.commit().await?;
    Ok(rows)
}

/// Changes a participant's details and safe-contact profile (R-ST-4): what every later message
/// and call goes by. A person on several cases has one profile.
pub async fn update_contact_profile(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    participant_id: Uuid,
    input: &crate::areas::cases::people::PersonInput,
) -> AppResult<crate::entities::person::Model> {
    use crate::areas::cases::people;
    use crate::entities::person;
    let txn = crate::db::begin_write(db).await?;
    let work = access::for_work(&txn, actor, case_id).await?;
    let p = access::participant(&txn, work.view(), participant_id).await?;
    let checked = people::validate(&txn, &people::person_fields!("person."), input, now).await?;
    let current = person::Entity::find_by_id(p.person_id)
        .one(&txn)
        .await?
        .ok_or(crate::error::AppError::NotFound("The person"))?;
    if current.erased_at.is_some() {
        return Err(crate::error::AppError::Conflict(
            "This person's details have been erased".into(),
        ));
    }
    let mut row = checked;
    row.id = sea_orm::Set(current.id);
    row.created_at = sea_orm::Set(current.created_at);
    row.updated_at = sea_orm::Set(now);
    let updated = sea_orm::ActiveModelTrait::update(row.reset_all(), &txn).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        work.entry("update_contact_profile")
            .detail(serde_json::json!({
                "participant": p.id.to_string(),
                "person": current.id.to_string(),
            })),
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

pub async fn record_support(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    support_needs: Option<&str>,
    refer_to_victims_hub: bool,
) -> AppResult<CaseWork> {
    let needs = optional_text("supportNeeds", support_needs, 4000)?;
    let txn = crate::db::begin_write(db).await?;
    let work = access::for_work(&txn, actor, case_id).await?;
    let already = work.case().victims_hub_referred_at;
    let mut a = work.case().clone().into_active_model();
    a.support_needs = Set(needs);
    if refer_to_victims_hub && already.is_none() {
        a.victims_hub_referred_at = Set(Some(now));
    }
    a.updated_at = Set(now);
    let work = work.refreshed(a.update(&txn).await?)?;
    // Support needs identified start the onward-referral clock; the referral meets it.
    if work.case().support_needs.is_some() || refer_to_victims_hub {
        clocks::start(&txn, work.case(), ClockKind::OnwardReferral, now).await?;
    }
    if let Some(at) = work.case().victims_hub_referred_at {
        clocks::meet(&txn, work.case().id, ClockKind::OnwardReferral, at).await?;
    }
    audit::record_by(
        &txn,
        now,
        actor,
        work.entry("record_support_needs")
            .detail(serde_json::json!({"victims_hub": refer_to_victims_hub})),
    )
    .await?;
    txn.commit().await?;
    Ok(work)
}

/// Records whether the victim is entitled to enhanced rights (and why); a running information
/// clock is then due by the new allowance (co-ordinator).
pub async fn set_enhanced_rights(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    reason: Option<super::model::EnhancedRights>,
) -> AppResult<CaseWork> {
    let txn = crate::db::begin_write(db).await?;
    let work = access::for_coordination(&txn, actor, case_id).await?;
    let mut a = work.case().clone().into_active_model();
    a.enhanced_rights = Set(reason.is_some());
    a.enhanced_rights_reason = Set(reason.map(|r| r.as_str().to_string()));
    a.updated_at = Set(now);
    let work = work.refreshed(a.update(&txn).await?)?;
    clocks::recount(&txn, work.case()).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        work.entry("set_enhanced_rights")
            .detail(serde_json::json!({"enhanced": reason.is_some()})),
    )
    .await?;
    txn.commit().await?;
    Ok(work)
}

pub async fn set_intervention_model(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    model: &str,
) -> AppResult<CaseWork> {
    let txn = crate::db::begin_write(db).await?;
    let work = access::for_work(&txn, actor, case_id).await?;
    let code = check_code(&txn, ReferenceList::InterventionModel, "model", Some(model))
        .await?
        .ok_or_else(|| AppError::validation("model", "Choose an intervention model"))?;
    let mut a = work.case().clone().into_active_model();
    a.intervention_model = Set(Some(code.clone()));
    a.updated_at = Set(now);
    let work = work.refreshed(a.update(&txn).await?)?;
    audit::record_by(
        &txn,
        now,
        actor,
        work.entry("set_intervention_model")
            .detail(serde_json::json!({"model": code})),
    )
    .await?;
    txn.commit().await?;
    Ok(work)
}

// ----- reading the records of a case, through the reader's view -----

pub use access::participants;

pub async fn contacts(
    conn: &impl ConnectionTrait,
    view: &CaseView,
) -> AppResult<Vec<contact::Model>> {
    let mut q = contact::Entity::find().filter(contact::Column::CaseId.eq(view.id()));
    if !view.full() {
        q = q.filter(
            contact::Column::ParticipantId.is_in(access::shown_participant_ids(conn, view).await?),
        );
    }
    Ok(q.order_by_desc(contact::Column::At).all(conn).await?)
}

/// Messages to the case's participants, newest first: the contact timeline's automatic half.
pub async fn messages(
    conn: &impl ConnectionTrait,
    view: &CaseView,
) -> AppResult<Vec<crate::entities::message::Model>> {
    let shown = if view.full() {
        None
    } else {
        Some(access::shown_participant_ids(conn, view).await?)
    };
    crate::notify::messages::of_case(conn, view.id(), shown).await
}

pub async fn consents(
    conn: &impl ConnectionTrait,
    view: &CaseView,
) -> AppResult<Vec<consent::Model>> {
    let mut q = consent::Entity::find().filter(consent::Column::CaseId.eq(view.id()));
    if !view.full() {
        q = q.filter(
            consent::Column::ParticipantId.is_in(access::shown_participant_ids(conn, view).await?),
        );
    }
    Ok(q.order_by_asc(consent::Column::At).all(conn).await?)
}

/// Stage changes, oldest first (their free text is masked by the reader's view).
pub async fn events(
    conn: &impl ConnectionTrait,
    view: &CaseView,
) -> AppResult<Vec<case_event::Model>> {
    Ok(case_event::Entity::find()
        .filter(case_event::Column::CaseId.eq(view.id()))
        .order_by_asc(case_event::Column::At)
        .order_by_asc(case_event::Column::Id)
        .all(conn)
        .await?)
}

/// Risk assessments, newest first: full access only (they describe the victim's risks).
pub async fn risk_assessments(
    conn: &impl ConnectionTrait,
    view: &CaseView,
) -> AppResult<Vec<risk_assessment::Model>> {
    if !view.full() {
        return Ok(Vec::new());
    }
    Ok(risk_assessment::Entity::find()
        .filter(risk_assessment::Column::CaseId.eq(view.id()))
        .order_by_desc(risk_assessment::Column::AssessedAt)
        .all(conn)
        .await?)
}

/// The case's active facilitators with their names, lead first by time of allocation.
pub async fn facilitators(
    conn: &impl ConnectionTrait,
    view: &CaseView,
) -> AppResult<Vec<(case_facilitator::Model, String)>> {
    let rows = case_facilitator::Entity::find()
        .filter(case_facilitator::Column::CaseId.eq(view.id()))
        .filter(case_facilitator::Column::EndedAt.is_null())
        .order_by_asc(case_facilitator::Column::AssignedAt)
        .all(conn)
        .await?;
    crate::areas::accounts::service::with_names(conn, rows, |f| f.user_id).await
}

/// The first contact with anyone on the case: full access only.
pub async fn first_contact_at(
    conn: &impl ConnectionTrait,
    view: &CaseView,
) -> AppResult<Option<DateTime<Utc>>> {
    if !view.full() {
        return Ok(None);
    }
    Ok(contact::Entity::find()
        .filter(contact::Column::CaseId.eq(view.id()))
        .order_by_asc(contact::Column::At)
        .one(conn)
        .await?
        .map(|c| c.at))
}

pub fn channel(s: &str) -> ContactChannel {
    s.parse().unwrap_or(ContactChannel::Other)
}
