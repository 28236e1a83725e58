//! The practice record behind the RJC standards (R-ST-1): practice levels, the CPD log a
//! practitioner keeps, and each practitioner's standards read in a fixed number of queries
//! (the suggestion ranking reads the whole pool at once).

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use super::accreditation::require_awarder;
use super::model::{AccreditationLevel, SupervisionKind};
use super::service::active_user;
use super::standards::{self, PracticeLevel, Record, Standards};
use crate::access::audit::{self, Entry};
use crate::access::facilitators;
use crate::access::rules::{Duty, require};
use crate::areas::accounts::model::Actor;
use crate::entities::{accreditation, cpd_entry, supervision_session, user};
use crate::error::{AppError, AppResult};
use crate::kernel::{optional_text, required_text, today};

/// Whose records to read: one practitioner, or everyone (the pool).
#[derive(Clone, Copy)]
pub enum Whose<'a> {
    One(Uuid),
    Many(&'a [Uuid]),
    All,
}

impl Whose<'_> {
    fn filter<C: ColumnTrait>(self, col: C) -> sea_orm::Condition {
        match self {
            Whose::One(id) => sea_orm::Condition::all().add(col.eq(id)),
            Whose::Many(ids) => sea_orm::Condition::all().add(col.is_in(ids.iter().copied())),
            Whose::All => sea_orm::Condition::all(),
        }
    }
}

/// The records the standards are worked out from: four queries whoever is asked for. CPD
/// entries from the last two years only (the current and the last CPD year), and only when
/// `with_cpd` (the ranking does not need them).
pub async fn records(
    conn: &impl ConnectionTrait,
    whose: Whose<'_>,
    today: NaiveDate,
    with_cpd: bool,
) -> AppResult<HashMap<Uuid, Record>> {
    let mut out: HashMap<Uuid, Record> = HashMap::new();
    let levels: Vec<(Uuid, Option<String>)> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::PracticeLevel)
        .filter(whose.filter(user::Column::Id))
        .filter(user::Column::PracticeLevel.is_not_null())
        .into_tuple()
        .all(conn)
        .await?;
    for (id, level) in levels {
        out.entry(id).or_default().level = level.and_then(|l| l.parse().ok());
    }
    for a in accreditation::Entity::find()
        .filter(whose.filter(accreditation::Column::UserId))
        .filter(accreditation::Column::Level.is_in([
            AccreditationLevel::Practitioner.as_str(),
            AccreditationLevel::Trainer.as_str(),
        ]))
        .filter(accreditation::Column::AwardedOn.lte(today))
        .all(conn)
        .await?
    {
        let r = out.entry(a.user_id).or_default();
        r.first_accredited_on = Some(
            r.first_accredited_on
                .map_or(a.awarded_on, |f| f.min(a.awarded_on)),
        );
        r.last_expiry = Some(r.last_expiry.map_or(a.expires_on, |e| e.max(a.expires_on)));
        if a.expires_on >= today {
            r.accreditation_expires_on = Some(
                r.accreditation_expires_on
                    .map_or(a.expires_on, |e| e.max(a.expires_on)),
            );
        }
    }
    let latest: Vec<(Uuid, String, Option<NaiveDate>)> = supervision_session::Entity::find()
        .select_only()
        .column(supervision_session::Column::FacilitatorId)
        .column(supervision_session::Column::Kind)
        .column_as(supervision_session::Column::HeldOn.max(), "latest")
        .filter(whose.filter(supervision_session::Column::FacilitatorId))
        .filter(supervision_session::Column::HeldOn.lte(today))
        .group_by(supervision_session::Column::FacilitatorId)
        .group_by(supervision_session::Column::Kind)
        .into_tuple()
        .all(conn)
        .await?;
    for (id, kind, on) in latest {
        let (Some(on), Ok(kind)) = (on, kind.parse::<SupervisionKind>()) else {
            continue;
        };
        let r = out.entry(id).or_default();
        // Observing practice is its own standard; every other kind is case supervision.
        let slot = if kind == SupervisionKind::ObservedPractice {
            &mut r.last_observed_practice
        } else {
            &mut r.last_supervision
        };
        *slot = Some(slot.map_or(on, |d| d.max(on)));
    }
    if with_cpd {
        for e in cpd_entry::Entity::find()
            .filter(whose.filter(cpd_entry::Column::UserId))
            .filter(cpd_entry::Column::DoneOn.gte(today - Duration::days(2 * 366)))
            .all(conn)
            .await?
        {
            out.entry(e.user_id).or_default().cpd.push((
                e.done_on,
                i64::from(e.minutes),
                e.rjc_approved,
            ));
        }
    }
    Ok(out)
}

/// One practitioner's standards today (themselves, the co-ordinator, supervisors, trainers).
pub async fn standards_of(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<Standards> {
    facilitators::may_see_record(actor, user_id)?;
    let today = today(now);
    let record = records(conn, Whose::One(user_id), today, true)
        .await?
        .remove(&user_id)
        .unwrap_or_default();
    Ok(standards::evaluate(&record, today))
}

/// The standards of several practitioners, for the service's own checks (allocation,
/// reminders): no reader to check.
pub async fn standards_for(
    conn: &impl ConnectionTrait,
    whose: Whose<'_>,
    today: NaiveDate,
) -> AppResult<HashMap<Uuid, Standards>> {
    Ok(records(conn, whose, today, true)
        .await?
        .into_iter()
        .map(|(id, r)| (id, standards::evaluate(&r, today)))
        .collect())
}

pub async fn practice_level(
    conn: &impl ConnectionTrait,
    user_id: Uuid,
) -> AppResult<Option<PracticeLevel>> {
    Ok(user::Entity::find_by_id(user_id)
        .one(conn)
        .await?
        .and_then(|u| u.practice_level)
        .and_then(|l| l.parse().ok()))
}

/// The co-ordinator, or a qualified trainer, records a practitioner's level.
pub async fn set_practice_level(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    user_id: Uuid,
    level: PracticeLevel,
) -> AppResult<user::Model> {
    require_awarder(db, actor, today(now)).await?;
    let txn = crate::db::begin_write(db).await?;
    let u = active_user(&txn, user_id, "userId").await?;
    let mut a = u.into_active_model();
    a.practice_level = Set(Some(level.as_str().into()));
    a.updated_at = Set(now);
    let u = a.update(&txn).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("set_practice_level", "user", user_id)
            .detail(serde_json::json!({"level": level.as_str()})),
    )
    .await?;
    txn.commit().await?;
    Ok(u)
}

pub struct CpdInput<'a> {
    pub done_on: NaiveDate,
    pub hours: f64,
    pub activity: &'a str,
    pub provider: Option<&'a str>,
    pub rjc_approved: bool,
}

/// A practitioner logs their own CPD, in quarter hours, up to two years back.
pub async fn log_cpd(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    input: CpdInput<'_>,
) -> AppResult<cpd_entry::Model> {
    require(actor, Duty::KeepCpdLog)?;
    let today = today(now);
    if input.done_on > today {
        return Err(AppError::validation(
            "doneOn",
            "Log CPD once you have done it",
        ));
    }
    if input.done_on < today - Duration::days(2 * 365) {
        return Err(AppError::validation(
            "doneOn",
            "CPD counts for the last two years only",
        ));
    }
    if !input.hours.is_finite() || input.hours < 0.25 || input.hours > 40.0 {
        return Err(AppError::validation(
            "hours",
            "Enter the hours, between a quarter of an hour and 40",
        ));
    }
    // Quarter hours: 1.3 hours is logged as 1 hour 15 minutes.
    let minutes = ((input.hours * 4.0).round() as i32) * 15;
    let row = cpd_entry::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(actor.user_id),
        done_on: Set(input.done_on),
        minutes: Set(minutes),
        activity: Set(required_text(
            "activity",
            input.activity,
            200,
            "what you did",
        )?),
        provider: Set(optional_text("provider", input.provider, 200)?),
        rjc_approved: Set(input.rjc_approved),
        created_at: Set(now),
    };
    let txn = crate::db::begin_write(db).await?;
    let row = row.insert(&txn).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("log_cpd", "user", actor.user_id)
            .detail(serde_json::json!({"entry": row.id.to_string(), "minutes": minutes})),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// A practitioner removes an entry of their own log (logged by mistake).
pub async fn remove_cpd(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    id: Uuid,
) -> AppResult<()> {
    require(actor, Duty::KeepCpdLog)?;
    let txn = crate::db::begin_write(db).await?;
    let deleted = cpd_entry::Entity::delete_many()
        .filter(cpd_entry::Column::Id.eq(id))
        .filter(cpd_entry::Column::UserId.eq(actor.user_id))
        .exec(&txn)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(AppError::NotFound("The CPD entry"));
    }
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("remove_cpd", "user", actor.user_id)
            .detail(serde_json::json!({"entry": id.to_string()})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A practitioner's CPD log, newest first.
pub async fn cpd_log(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    user_id: Uuid,
) -> AppResult<Vec<cpd_entry::Model>> {
    facilitators::may_see_record(actor, user_id)?;
    Ok(cpd_entry::Entity::find()
        .filter(cpd_entry::Column::UserId.eq(user_id))
        .order_by_desc(cpd_entry::Column::DoneOn)
        .order_by_desc(Expr::col(cpd_entry::Column::CreatedAt))
        .limit(500)
        .all(conn)
        .await?)
}
