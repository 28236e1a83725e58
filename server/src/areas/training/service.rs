//! Training operations. Accreditation decides who may be allocated (R-TR-2); the volunteer
//! bank's figures are computed from the records (R-TR-3, R-RP-11).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::model::{
    AccreditationLevel, ApplicantStage, AttendanceStatus, CourseKind, MIN_VOLUNTEERS,
    SupervisionKind, check_applicant_move, default_expiry, expected_by,
};
use super::policy;
use crate::areas::accounts::model::{Actor, FacilitatorKind, Role, normalise_email};
use crate::areas::accounts::sessions::roles_of;
use crate::areas::cases::model::{Stage, optional_text, required_text};
use crate::areas::cases::service::today;
use crate::areas::reference::service::{ReferenceList, check_code, label};
use crate::audit::{self, Entry};
use crate::entities::{
    accreditation, applicant, applicant_event, case_event, case_facilitator, course,
    course_session, development_plan, facilitator_profile, role_grant, session_attendee,
    supervision_session, user,
};
use crate::error::{AppError, AppResult};

async fn active_user(
    conn: &impl ConnectionTrait,
    id: Uuid,
    field: &'static str,
) -> AppResult<user::Model> {
    user::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|u| u.status == "active" && u.erased_at.is_none())
        .ok_or_else(|| AppError::validation(field, "Choose an active user"))
}

async fn require_role(
    conn: &impl ConnectionTrait,
    id: Uuid,
    role: Role,
    field: &'static str,
    what: &str,
) -> AppResult<user::Model> {
    let u = active_user(conn, id, field).await?;
    if !roles_of(conn, id).await?.contains(&role) {
        return Err(AppError::validation(field, format!("Choose {what}")));
    }
    Ok(u)
}

// ----- courses, sessions, attendance (R-TR-1) -----

pub async fn create_course(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    kind: CourseKind,
    title: Option<&str>,
    description: Option<&str>,
) -> AppResult<course::Model> {
    policy::may_run_training(actor)?;
    let title = match optional_text("title", title, 200)? {
        Some(t) => t,
        None if kind == CourseKind::Custom => {
            return Err(AppError::validation("title", "Enter the course title"));
        }
        None => kind.default_title().to_string(),
    };
    let txn = crate::db::begin_write(db).await?;
    let c = course::ActiveModel {
        id: Set(Uuid::now_v7()),
        kind: Set(kind.as_str().into()),
        title: Set(title),
        description: Set(optional_text("description", description, 4000)?),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("create_course", "course", c.id),
    )
    .await?;
    txn.commit().await?;
    Ok(c)
}

pub async fn courses(conn: &impl ConnectionTrait, actor: &Actor) -> AppResult<Vec<course::Model>> {
    policy::may_run_training(actor)?;
    Ok(course::Entity::find()
        .order_by_asc(course::Column::Title)
        .all(conn)
        .await?)
}

pub async fn sessions_of(
    conn: &impl ConnectionTrait,
    course_id: Uuid,
) -> AppResult<Vec<course_session::Model>> {
    Ok(course_session::Entity::find()
        .filter(course_session::Column::CourseId.eq(course_id))
        .order_by_asc(course_session::Column::StartsAt)
        .all(conn)
        .await?)
}

pub async fn attendees_of(
    conn: &impl ConnectionTrait,
    session_id: Uuid,
) -> AppResult<Vec<(session_attendee::Model, String)>> {
    let rows = session_attendee::Entity::find()
        .filter(session_attendee::Column::SessionId.eq(session_id))
        .all(conn)
        .await?;
    let mut out = crate::areas::accounts::service::with_names(conn, rows, |r| r.user_id).await?;
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

pub struct SessionInput<'a> {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub venue: &'a str,
    pub trainer_id: Option<Uuid>,
    pub attendees: Vec<Uuid>,
}

pub async fn schedule_session(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    course_id: Uuid,
    input: SessionInput<'_>,
) -> AppResult<course_session::Model> {
    policy::may_run_training(actor)?;
    if input.ends_at <= input.starts_at {
        return Err(AppError::validation(
            "endsAt",
            "The session must end after it starts",
        ));
    }
    let venue = required_text("venue", input.venue, 300, "where the session is held")?;
    let txn = crate::db::begin_write(db).await?;
    course::Entity::find_by_id(course_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("The course"))?;
    let trainer = match input.trainer_id {
        Some(t) => Some(
            require_role(&txn, t, Role::Trainer, "trainerId", "a trainer")
                .await?
                .id,
        ),
        None if actor.has(Role::Trainer) => Some(actor.user_id),
        None => None,
    };
    let s = course_session::ActiveModel {
        id: Set(Uuid::now_v7()),
        course_id: Set(course_id),
        starts_at: Set(input.starts_at),
        ends_at: Set(input.ends_at),
        venue: Set(venue),
        trainer_id: Set(trainer),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let mut seen = BTreeSet::new();
    for a in input.attendees {
        if seen.insert(a) {
            active_user(&txn, a, "attendees").await?;
            session_attendee::ActiveModel {
                session_id: Set(s.id),
                user_id: Set(a),
                status: Set(AttendanceStatus::Booked.as_str().into()),
                recorded_by: Set(None),
                recorded_at: Set(None),
            }
            .insert(&txn)
            .await?;
        }
    }
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("schedule_session", "course_session", s.id),
    )
    .await?;
    txn.commit().await?;
    Ok(s)
}

/// Marks someone present or absent; booking them if they were not booked. Setting the same
/// answer twice changes nothing, so a replay from a phone that was offline is harmless.
pub async fn record_attendance(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    session_id: Uuid,
    user_id: Uuid,
    attended: bool,
) -> AppResult<session_attendee::Model> {
    policy::may_run_training(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let s = course_session::Entity::find_by_id(session_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("The session"))?;
    if s.starts_at > now {
        return Err(AppError::validation(
            "sessionId",
            "Attendance can be recorded once the session has started",
        ));
    }
    active_user(&txn, user_id, "userId").await?;
    let status = if attended {
        AttendanceStatus::Attended
    } else {
        AttendanceStatus::Absent
    };
    let existing = session_attendee::Entity::find_by_id((session_id, user_id))
        .one(&txn)
        .await?;
    let row = match existing {
        Some(r) => {
            let mut a = r.into_active_model();
            a.status = Set(status.as_str().into());
            a.recorded_by = Set(Some(actor.user_id));
            a.recorded_at = Set(Some(now));
            a.update(&txn).await?
        }
        None => {
            session_attendee::ActiveModel {
                session_id: Set(session_id),
                user_id: Set(user_id),
                status: Set(status.as_str().into()),
                recorded_by: Set(Some(actor.user_id)),
                recorded_at: Set(Some(now)),
            }
            .insert(&txn)
            .await?
        }
    };
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("record_attendance", "course_session", session_id)
            .detail(serde_json::json!({"user": user_id.to_string(), "status": status.as_str()})),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// The sessions a person is booked on or attended, newest first.
pub async fn training_of(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    user_id: Uuid,
) -> AppResult<
    Vec<(
        session_attendee::Model,
        course_session::Model,
        course::Model,
    )>,
> {
    policy::may_see_record(actor, user_id)?;
    let rows = session_attendee::Entity::find()
        .filter(session_attendee::Column::UserId.eq(user_id))
        .all(conn)
        .await?;
    let sessions = course_session::Entity::find()
        .filter(course_session::Column::Id.is_in(rows.iter().map(|r| r.session_id)))
        .all(conn)
        .await?;
    let courses = course::Entity::find()
        .filter(course::Column::Id.is_in(sessions.iter().map(|s| s.course_id)))
        .all(conn)
        .await?;
    let mut out: Vec<_> = rows
        .into_iter()
        .filter_map(|r| {
            let s = sessions.iter().find(|s| s.id == r.session_id)?.clone();
            let c = courses.iter().find(|c| c.id == s.course_id)?.clone();
            Some((r, s, c))
        })
        .collect();
    out.sort_by_key(|r| std::cmp::Reverse(r.1.starts_at));
    Ok(out)
}

// ----- accreditation (R-TR-2) -----

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
    let qualified = actor.has(Role::Trainer) && qualified_trainer(db, actor.user_id, today).await?;
    policy::may_record_accreditation(actor, qualified)?;
    if input.user_id == actor.user_id && !actor.has(Role::Coordinator) {
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
    policy::may_see_record(actor, user_id)?;
    Ok(accreditation::Entity::find()
        .filter(accreditation::Column::UserId.eq(user_id))
        .order_by_desc(accreditation::Column::ExpiresOn)
        .all(conn)
        .await?)
}

// ----- supervision and development (R-TR-4) -----

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
    policy::may_supervise(actor)?;
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
    policy::may_see_record(actor, facilitator_id)?;
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
    if !actor.has_any(&[Role::Supervisor, Role::Coordinator]) {
        return Err(AppError::Forbidden);
    }
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
    policy::may_see_record(actor, facilitator_id)?;
    Ok(development_plan::Entity::find_by_id(facilitator_id)
        .one(conn)
        .await?)
}

// ----- the volunteer bank (R-TR-5) -----

pub struct ApplicantInput<'a> {
    pub full_name: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub area: Option<&'a str>,
    pub languages: &'a [String],
    pub cultural_knowledge: Option<&'a str>,
}

pub async fn create_applicant(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    input: ApplicantInput<'_>,
) -> AppResult<applicant::Model> {
    policy::may_manage_volunteers(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let email = match optional_text("email", input.email, 254)? {
        Some(e) => Some(normalise_email("email", &e)?),
        None => None,
    };
    let mut langs = BTreeSet::new();
    for l in input.languages {
        if let Some(c) = check_code(&txn, ReferenceList::Language, "languages", Some(l)).await? {
            langs.insert(c);
        }
    }
    let row =
        applicant::ActiveModel {
            id: Set(Uuid::now_v7()),
            full_name: Set(required_text(
                "fullName",
                input.full_name,
                200,
                "their name",
            )?),
            email: Set(email),
            phone: Set(optional_text("phone", input.phone, 40)?),
            area: Set(check_code(&txn, ReferenceList::Area, "area", input.area).await?),
            languages: Set(
                (!langs.is_empty()).then(|| langs.into_iter().collect::<Vec<_>>().join(","))
            ),
            cultural_knowledge: Set(optional_text(
                "culturalKnowledge",
                input.cultural_knowledge,
                2000,
            )?),
            stage: Set(ApplicantStage::Enquiry.as_str().into()),
            user_id: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            erased_at: Set(None),
        }
        .insert(&txn)
        .await?;
    applicant_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        applicant_id: Set(row.id),
        from_stage: Set(None),
        to_stage: Set(ApplicantStage::Enquiry.as_str().into()),
        at: Set(now),
        actor_id: Set(Some(actor.user_id)),
        note: Set(None),
    }
    .insert(&txn)
    .await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("create_applicant", "applicant", row.id),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// Moves an applicant on. Becoming active invites them as a volunteer facilitator, in the same
/// transaction: if the invitation cannot be made, the applicant does not move.
pub async fn advance_applicant(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    invite: &crate::areas::accounts::service::InviteContext<'_>,
    id: Uuid,
    to: ApplicantStage,
    note: Option<&str>,
) -> AppResult<applicant::Model> {
    policy::may_manage_volunteers(actor)?;
    let note = optional_text("note", note, 2000)?;
    let txn = crate::db::begin_write(db).await?;
    let a = applicant::Entity::find_by_id(id)
        .filter(applicant::Column::ErasedAt.is_null())
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("The applicant"))?;
    let from: ApplicantStage = a.stage.parse()?;
    check_applicant_move(from, to)?;
    if to == ApplicantStage::Active && a.email.is_none() {
        return Err(AppError::validation(
            "to",
            "Add an email address first: activating a volunteer invites them to RJ Hub",
        ));
    }
    let mut m = a.into_active_model();
    m.stage = Set(to.as_str().into());
    m.updated_at = Set(now);
    let a = m.update(&txn).await?;
    applicant_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        applicant_id: Set(a.id),
        from_stage: Set(Some(from.as_str().into())),
        to_stage: Set(to.as_str().into()),
        at: Set(now),
        actor_id: Set(Some(actor.user_id)),
        note: Set(note),
    }
    .insert(&txn)
    .await?;
    let a = if to == ApplicantStage::Active {
        use crate::areas::accounts::service::{NewUser, invite_in, user_id_of_invitation};
        let inv = invite_in(
            &txn,
            now,
            actor,
            invite,
            NewUser {
                email: a.email.clone().unwrap_or_default(),
                name: a.full_name.clone(),
                roles: vec![Role::Facilitator],
                facilitator_kind: Some(FacilitatorKind::Volunteer),
                agency: None,
            },
        )
        .await?;
        let user_id = user_id_of_invitation(&txn, inv.id).await?;
        let langs = a.languages.clone();
        let cultural = a.cultural_knowledge.clone();
        facilitator_profile::Entity::update_many()
            .col_expr(
                facilitator_profile::Column::Languages,
                sea_orm::sea_query::Expr::value(langs),
            )
            .col_expr(
                facilitator_profile::Column::CulturalKnowledge,
                sea_orm::sea_query::Expr::value(cultural),
            )
            .filter(facilitator_profile::Column::UserId.eq(user_id))
            .exec(&txn)
            .await?;
        let mut m = a.into_active_model();
        m.user_id = Set(Some(user_id));
        m.update(&txn).await?
    } else {
        a
    };
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("advance_applicant", "applicant", a.id)
            .detail(serde_json::json!({"from": from.as_str(), "to": to.as_str()})),
    )
    .await?;
    txn.commit().await?;
    Ok(a)
}

pub async fn applicants(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    stages: &[ApplicantStage],
) -> AppResult<Vec<applicant::Model>> {
    policy::may_manage_volunteers(actor)?;
    let mut q = applicant::Entity::find().filter(applicant::Column::ErasedAt.is_null());
    if !stages.is_empty() {
        q = q.filter(applicant::Column::Stage.is_in(stages.iter().map(|s| s.as_str())));
    }
    Ok(q.order_by_asc(applicant::Column::CreatedAt)
        .all(conn)
        .await?)
}

pub async fn applicant_history(
    conn: &impl ConnectionTrait,
    id: Uuid,
) -> AppResult<Vec<applicant_event::Model>> {
    Ok(applicant_event::Entity::find()
        .filter(applicant_event::Column::ApplicantId.eq(id))
        .order_by_asc(applicant_event::Column::At)
        .all(conn)
        .await?)
}

// ----- compliance (R-TR-3, R-RP-11) -----

pub struct VolunteerActivity {
    pub user_id: Uuid,
    pub name: String,
    pub languages: Vec<String>,
    pub conferences: i64,
    pub expected_by_now: i64,
}

pub struct Compliance {
    pub year: i32,
    pub minimum_volunteers: i64,
    pub volunteers: Vec<VolunteerActivity>,
    /// Language labels covered by active volunteers.
    pub languages: Vec<String>,
    pub cultural_knowledge: Vec<String>,
}

/// The volunteer bank's figures for a year. A volunteer's conference count is the number of
/// cases they were allocated to that reached the restorative intervention in that year.
pub async fn compliance(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    year: i32,
    now: DateTime<Utc>,
) -> AppResult<Compliance> {
    policy::may_read_compliance(actor)?;
    let (Some(start), Some(end)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year + 1, 1, 1),
    ) else {
        return Err(AppError::validation("year", "Enter a year, like 2026"));
    };
    let today = today(now);
    // On course for five: pro rata through the current year, the full five for past years.
    let pace_day = if today < start {
        start
    } else if today >= end {
        end.pred_opt().unwrap_or(end)
    } else {
        today
    };
    let volunteer_ids: Vec<Uuid> = facilitator_profile::Entity::find()
        .filter(facilitator_profile::Column::Kind.eq(FacilitatorKind::Volunteer.as_str()))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| p.user_id)
        .collect();
    let with_role: BTreeSet<Uuid> = role_grant::Entity::find()
        .filter(role_grant::Column::Role.eq(Role::Facilitator.as_str()))
        .filter(role_grant::Column::UserId.is_in(volunteer_ids.clone()))
        .all(conn)
        .await?
        .into_iter()
        .map(|g| g.user_id)
        .collect();
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(with_role.iter().copied()))
        .filter(user::Column::Status.eq("active"))
        .filter(user::Column::ErasedAt.is_null())
        .order_by_asc(user::Column::Name)
        .all(conn)
        .await?;
    let profiles = facilitator_profile::Entity::find()
        .filter(facilitator_profile::Column::UserId.is_in(users.iter().map(|u| u.id)))
        .all(conn)
        .await?;
    let (from, to) = (
        start.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc(),
        end.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc(),
    );
    let interventions = case_event::Entity::find()
        .filter(case_event::Column::ToStage.eq(Stage::Intervention.as_str()))
        .filter(case_event::Column::At.gte(from))
        .filter(case_event::Column::At.lt(to))
        .all(conn)
        .await?;
    let allocations = case_facilitator::Entity::find()
        .filter(case_facilitator::Column::CaseId.is_in(interventions.iter().map(|e| e.case_id)))
        .filter(case_facilitator::Column::UserId.is_in(users.iter().map(|u| u.id)))
        .all(conn)
        .await?;
    let mut per_user: BTreeMap<Uuid, BTreeSet<Uuid>> = BTreeMap::new();
    for e in &interventions {
        for a in allocations.iter().filter(|a| {
            a.case_id == e.case_id
                && a.assigned_at <= e.at
                && a.ended_at.is_none_or(|end| end > e.at)
        }) {
            per_user.entry(a.user_id).or_default().insert(e.case_id);
        }
    }
    let mut covered = BTreeSet::new();
    let mut cultural = Vec::new();
    let mut volunteers = Vec::new();
    for u in users {
        let profile = profiles.iter().find(|p| p.user_id == u.id);
        let codes = crate::areas::allocation::model::language_codes(
            profile.and_then(|p| p.languages.as_deref()),
        );
        let mut labels = Vec::new();
        for c in &codes {
            let l = label(conn, ReferenceList::Language, c).await?;
            covered.insert(l.clone());
            labels.push(l);
        }
        if let Some(k) = profile.and_then(|p| p.cultural_knowledge.clone()) {
            cultural.push(k);
        }
        volunteers.push(VolunteerActivity {
            user_id: u.id,
            name: u.name,
            languages: labels,
            conferences: per_user.get(&u.id).map(|s| s.len() as i64).unwrap_or(0),
            expected_by_now: expected_by(pace_day),
        });
    }
    Ok(Compliance {
        year,
        minimum_volunteers: MIN_VOLUNTEERS,
        volunteers,
        languages: covered.into_iter().collect(),
        cultural_knowledge: cultural,
    })
}
