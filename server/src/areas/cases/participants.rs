//! Who takes part in a case: adding participants (someone already known, or new), bereaved
//! family's relationship (R-IN-5), and the consent rows every change of consent writes.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::model::{ConsentMethod, ConsentPurpose, ParticipantRole};
use crate::access::Actor;
use crate::access::audit;
use crate::access::case as access;
use crate::entities::{case_participant, consent, person};
use crate::error::{AppError, AppResult};
use crate::kernel::optional_text;

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
    let role = n.role;
    let relationship = check_relationship(role, n.relationship.as_deref())?;
    let (existing_person, new_person) = (n.existing_person, n.new_person);
    let txn = crate::db::begin_write(db).await?;
    let work = access::for_coordination(&txn, actor, case_id).await?;
    let c = work.case();
    let stage = super::model::stage(c);
    if !stage.is_open() {
        return Err(AppError::validation(
            "caseId",
            format!(
                "A case that is {} cannot take new participants.",
                stage.label().to_lowercase()
            ),
        ));
    }
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
    audit::record_by(&txn, now, actor, work.entry("add_participant").detail(serde_json::json!({"participant": p.id.to_string(), "person": person_id.to_string(), "role": role.as_str()}))).await?;
    txn.commit().await?;
    Ok(p)
}

/// Every answer given on a case to "will you take part?", oldest first: the latest per
/// participant is where they stand.
pub async fn taking_part_answers(
    conn: &impl ConnectionTrait,
    case_id: Uuid,
) -> AppResult<Vec<consent::Model>> {
    Ok(consent::Entity::find()
        .filter(consent::Column::CaseId.eq(case_id))
        .filter(consent::Column::Purpose.eq(ConsentPurpose::TakingPart.as_str()))
        .order_by_asc(consent::Column::At)
        .all(conn)
        .await?)
}
