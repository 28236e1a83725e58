//! Courses, sessions and attendance (R-TR-1): awareness foundation, practitioner, recruit session,
//! refresher; the register safe to replay; each facilitator's training record.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::model::{AttendanceStatus, CourseKind};
use super::service::{active_user, require_role};
use crate::access::audit::{self, Entry};
use crate::access::facilitators;
use crate::access::rules::{Duty, holds, require};
use crate::areas::accounts::model::{Actor, Role};
use crate::entities::{course, course_session, session_attendee};
use crate::error::{AppError, AppResult};
use crate::kernel::{optional_text, required_text};

pub async fn create_course(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    kind: CourseKind,
    title: Option<&str>,
    description: Option<&str>,
) -> AppResult<course::Model> {
    require(actor, Duty::RunTraining)?;
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
    require(actor, Duty::RunTraining)?;
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
    require(actor, Duty::RunTraining)?;
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
        None if holds(actor, Duty::LeadSessions) => Some(actor.user_id),
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
    require(actor, Duty::RunTraining)?;
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
    facilitators::may_see_record(actor, user_id)?;
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
