//! Recording satisfaction and testimonials, and the six-month follow-up tasks.

use chrono::{DateTime, Months, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::model::{FOLLOW_UP_MONTHS, SCORES, SHOW_DAYS_BEFORE, SurveyStage, TaskKind, TaskStatus};
use crate::access::audit::{self, Purpose};
use crate::access::case as access;
use crate::access::rules::{Duty, require};
use crate::access::{Actor, Role};
use crate::areas::accounts::model::UserStatus;
use crate::areas::cases::model::{ConsentPurpose, FacilitatorRole, Side};
use crate::entities::{
    case, case_facilitator, case_participant, consent, follow_up_task, satisfaction_survey,
    testimonial, user,
};
use crate::error::{AppError, AppResult};
use crate::kernel::{optional_text, required_text, today};
use crate::notify::{self, Email, push::PushMessage};

pub struct SatisfactionInput {
    pub case_id: Uuid,
    pub participant_id: Uuid,
    pub stage: SurveyStage,
    pub score: i32,
    pub comment: Option<String>,
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::Harmed => "victim",
        Side::Responsible => "offender",
    }
}

pub fn side_of_stored(s: &str) -> Side {
    if s == "offender" {
        Side::Responsible
    } else {
        Side::Harmed
    }
}

/// Whether the participant's latest word on `purpose` is yes.
async fn consents(
    conn: &impl ConnectionTrait,
    participant_id: Uuid,
    purpose: ConsentPurpose,
) -> AppResult<bool> {
    Ok(consent::Entity::find()
        .filter(consent::Column::ParticipantId.eq(participant_id))
        .filter(consent::Column::Purpose.eq(purpose.as_str()))
        .order_by_desc(consent::Column::At)
        .one(conn)
        .await?
        .is_some_and(|c| c.given))
}

async fn open_task(
    conn: &impl ConnectionTrait,
    participant_id: Uuid,
) -> AppResult<Option<follow_up_task::Model>> {
    Ok(follow_up_task::Entity::find()
        .filter(follow_up_task::Column::ParticipantId.eq(participant_id))
        .filter(follow_up_task::Column::Kind.eq(TaskKind::SixMonthSurvey.as_str()))
        .filter(follow_up_task::Column::Status.eq(TaskStatus::Open.as_str()))
        .one(conn)
        .await?)
}

/// The facilitator the follow-up falls to: the case's lead, else any facilitator still on it.
async fn follow_up_owner(conn: &impl ConnectionTrait, case_id: Uuid) -> AppResult<Option<Uuid>> {
    let on_case = case_facilitator::Entity::find()
        .filter(case_facilitator::Column::CaseId.eq(case_id))
        .filter(case_facilitator::Column::EndedAt.is_null())
        .order_by_asc(case_facilitator::Column::AssignedAt)
        .all(conn)
        .await?;
    Ok(on_case
        .iter()
        .find(|f| f.role == FacilitatorRole::Lead.as_str())
        .or(on_case.first())
        .map(|f| f.user_id))
}

/// Records (or corrects) one participant's satisfaction at one point (R-RP-9). Recording the
/// end of the process sets up the six-month follow-up when the participant agreed to it;
/// recording the six-month answer completes that task.
pub async fn record_satisfaction(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    input: SatisfactionInput,
) -> AppResult<(satisfaction_survey::Model, Option<follow_up_task::Model>)> {
    if !SCORES.contains(&input.score) {
        return Err(AppError::validation(
            "score",
            "Choose a score from 1 (very dissatisfied) to 5 (very satisfied)",
        ));
    }
    let comment = optional_text("comment", input.comment.as_deref(), 2000)?;
    let txn = crate::db::begin_write(db).await?;
    // The six-month answer may be recorded by the facilitator the follow-up was given to,
    // even once they are no longer on the case.
    let work = match access::for_work(&txn, actor, input.case_id).await {
        Ok(w) => w,
        Err(e) if input.stage == SurveyStage::SixMonths => {
            access::for_follow_up(&txn, actor, input.case_id, input.participant_id)
                .await
                .map_err(|_| e)?
        }
        Err(e) => return Err(e),
    };
    let c = work.case();
    let task = open_task(&txn, input.participant_id).await?;
    let p = access::participant(&txn, work.view(), input.participant_id).await?;
    let side = access::side_of_role(&p.role);
    let earlier = |stage: SurveyStage| {
        satisfaction_survey::Entity::find()
            .filter(satisfaction_survey::Column::ParticipantId.eq(p.id))
            .filter(satisfaction_survey::Column::Stage.eq(stage.as_str()))
            .one(&txn)
    };
    if input.stage == SurveyStage::SixMonths {
        if earlier(SurveyStage::End).await?.is_none() {
            return Err(AppError::validation(
                "stage",
                "Record their answer at the end of the process first",
            ));
        }
        if !consents(&txn, p.id, ConsentPurpose::FollowUpSurvey).await? {
            return Err(AppError::validation(
                "stage",
                "They have not agreed to the follow-up survey",
            ));
        }
    }
    let row = match earlier(input.stage).await? {
        Some(existing) => {
            let mut a = existing.into_active_model();
            a.score = Set(input.score);
            a.comment = Set(comment);
            a.recorded_by = Set(Some(actor.user_id));
            a.recorded_at = Set(now);
            a.update(&txn).await?
        }
        None => {
            satisfaction_survey::ActiveModel {
                id: Set(Uuid::now_v7()),
                case_id: Set(c.id),
                participant_id: Set(p.id),
                side: Set(side_name(side).into()),
                stage: Set(input.stage.as_str().into()),
                score: Set(input.score),
                comment: Set(comment),
                recorded_by: Set(Some(actor.user_id)),
                recorded_at: Set(now),
            }
            .insert(&txn)
            .await?
        }
    };
    let task = match input.stage {
        SurveyStage::End => set_up_follow_up(&txn, now, c, &p).await?,
        SurveyStage::SixMonths => match task {
            Some(t) => {
                let mut a = t.into_active_model();
                a.status = Set(TaskStatus::Done.as_str().into());
                a.closed_at = Set(Some(now));
                Some(a.update(&txn).await?)
            }
            None => None,
        },
        SurveyStage::Start => None,
    };
    audit::record_by(
        &txn,
        now,
        actor,
        work.entry("record_satisfaction").detail(serde_json::json!({
            "participant": p.id.to_string(), "stage": input.stage.as_str(),
        })),
    )
    .await?;
    txn.commit().await?;
    Ok((row, task))
}

async fn set_up_follow_up(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    c: &case::Model,
    p: &case_participant::Model,
) -> AppResult<Option<follow_up_task::Model>> {
    if !consents(conn, p.id, ConsentPurpose::FollowUpSurvey).await? {
        return Ok(None);
    }
    let existing = follow_up_task::Entity::find()
        .filter(follow_up_task::Column::ParticipantId.eq(p.id))
        .filter(follow_up_task::Column::Kind.eq(TaskKind::SixMonthSurvey.as_str()))
        .one(conn)
        .await?;
    let due_on = today(now)
        .checked_add_months(Months::new(FOLLOW_UP_MONTHS))
        .ok_or_else(|| AppError::internal("follow-up date out of range"))?;
    let task = match existing {
        // A corrected end answer moves an open follow-up; a done one stays done.
        Some(t) if t.status == TaskStatus::Open.as_str() => {
            let mut a = t.into_active_model();
            a.due_on = Set(due_on);
            a.update(conn).await?
        }
        Some(t) => t,
        None => {
            follow_up_task::ActiveModel {
                id: Set(Uuid::now_v7()),
                case_id: Set(c.id),
                participant_id: Set(p.id),
                kind: Set(TaskKind::SixMonthSurvey.as_str().into()),
                due_on: Set(due_on),
                assigned_to: Set(follow_up_owner(conn, c.id).await?),
                status: Set(TaskStatus::Open.as_str().into()),
                reminded_at: Set(None),
                closed_at: Set(None),
                created_at: Set(now),
            }
            .insert(conn)
            .await?
        }
    };
    Ok(Some(task))
}

/// Cancels a participant's open follow-up once they no longer agree to it (R-ST-3: withdrawing
/// a consent revokes what depended on it). Called where consent is recorded.
pub async fn cancel_without_consent(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    participant_id: Uuid,
) -> AppResult<()> {
    if consents(conn, participant_id, ConsentPurpose::FollowUpSurvey).await? {
        return Ok(());
    }
    if let Some(t) = open_task(conn, participant_id).await? {
        let mut a = t.into_active_model();
        a.status = Set(TaskStatus::Cancelled.as_str().into());
        a.closed_at = Set(Some(now));
        a.update(conn).await?;
    }
    Ok(())
}

/// A case's satisfaction answers about participants the reader may see (the offender side sees
/// its own).
pub async fn satisfaction_of(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
) -> AppResult<Vec<satisfaction_survey::Model>> {
    let view = access::open(conn, now, actor, case_id, "caseSatisfaction", None).await?;
    let seen = access::shown_participant_ids(conn, &view).await?;
    Ok(satisfaction_survey::Entity::find()
        .filter(satisfaction_survey::Column::CaseId.eq(case_id))
        .order_by_asc(satisfaction_survey::Column::RecordedAt)
        .all(conn)
        .await?
        .into_iter()
        .filter(|s| seen.contains(&s.participant_id))
        .collect())
}

pub struct TestimonialInput {
    pub case_id: Uuid,
    pub participant_id: Uuid,
    pub text: String,
    pub consent_to_use: bool,
}

/// Keeps a participant's testimonial, and whether they agreed to it being used (R-RP-10).
pub async fn record_testimonial(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    input: TestimonialInput,
) -> AppResult<testimonial::Model> {
    let body = required_text("text", &input.text, 4000, "what they said")?;
    let txn = crate::db::begin_write(db).await?;
    let work = access::for_work(&txn, actor, input.case_id).await?;
    let c = work.case();
    let p = access::participant(&txn, work.view(), input.participant_id).await?;
    let row = testimonial::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(c.id),
        participant_id: Set(p.id),
        body: Set(body),
        consent_to_use: Set(input.consent_to_use),
        consent_withdrawn_at: Set(None),
        recorded_by: Set(Some(actor.user_id)),
        recorded_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record_by(
        &txn,
        now,
        actor,
        work.entry("record_testimonial").detail(serde_json::json!({
            "participant": p.id.to_string(), "consent_to_use": input.consent_to_use,
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// The participant no longer agrees to their words being used: they stay on the case, out of
/// every report.
pub async fn withdraw_testimonial_consent(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    id: Uuid,
) -> AppResult<testimonial::Model> {
    let txn = crate::db::begin_write(db).await?;
    let t = testimonial::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("The testimonial"))?;
    let work = access::for_work(&txn, actor, t.case_id).await?;
    let mut a = t.into_active_model();
    a.consent_to_use = Set(false);
    a.consent_withdrawn_at = Set(Some(now));
    let t = a.update(&txn).await?;
    audit::record_by(&txn, now, actor, work.entry("withdraw_testimonial_consent")).await?;
    txn.commit().await?;
    Ok(t)
}

pub async fn testimonials_of(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
) -> AppResult<Vec<testimonial::Model>> {
    let view = access::open(conn, now, actor, case_id, "caseTestimonials", None).await?;
    let seen = access::shown_participant_ids(conn, &view).await?;
    Ok(testimonial::Entity::find()
        .filter(testimonial::Column::CaseId.eq(case_id))
        .order_by_asc(testimonial::Column::RecordedAt)
        .all(conn)
        .await?
        .into_iter()
        .filter(|t| seen.contains(&t.participant_id))
        .collect())
}

/// Testimonials that may be used (consent given and not withdrawn), newest first, with their
/// case: the co-ordinator's material for the board and the commissioner.
pub async fn usable_testimonials(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
) -> AppResult<Vec<(testimonial::Model, case::Model)>> {
    require(actor, Duty::OverseeCases)?;
    let rows = testimonial::Entity::find()
        .filter(testimonial::Column::ConsentToUse.eq(true))
        .order_by_desc(testimonial::Column::RecordedAt)
        .all(conn)
        .await?;
    // A participant's own words: each is a read of their record.
    for t in &rows {
        audit::note_read(
            actor,
            now,
            audit::Read {
                action: "view",
                entity: "testimonial",
                id: t.id,
                purpose: Purpose::Coordination,
                justification: None,
                extent: "testimonial",
                via: "testimonials",
            },
        );
    }
    with_cases(conn, rows, |t| t.case_id).await
}

/// Pairs each row with its case, in one query for all the cases.
async fn with_cases<T>(
    conn: &impl ConnectionTrait,
    rows: Vec<T>,
    case_of: fn(&T) -> Uuid,
) -> AppResult<Vec<(T, case::Model)>> {
    let ids: Vec<Uuid> = rows.iter().map(case_of).collect();
    let found = case::Entity::find()
        .filter(case::Column::Id.is_in(ids))
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let c = found.iter().find(|c| c.id == case_of(&r))?.clone();
            Some((r, c))
        })
        .collect())
}

/// Open follow-ups: the facilitator's own from two weeks before they are due; the
/// co-ordinator's view has them all. Each comes with its case.
pub async fn follow_ups(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    now: DateTime<Utc>,
    everyone: bool,
) -> AppResult<Vec<(follow_up_task::Model, case::Model)>> {
    let mut q = follow_up_task::Entity::find()
        .filter(follow_up_task::Column::Status.eq(TaskStatus::Open.as_str()))
        .order_by_asc(follow_up_task::Column::DueOn);
    if everyone {
        require(actor, Duty::OverseeCases)?;
    } else {
        q = q
            .filter(follow_up_task::Column::AssignedTo.eq(actor.user_id))
            .filter(
                follow_up_task::Column::DueOn
                    .lte(today(now) + chrono::Duration::days(SHOW_DAYS_BEFORE)),
            );
    }
    let tasks = q.all(conn).await?;
    with_cases(conn, tasks, |t| t.case_id).await
}

/// The job: on the day a follow-up is due, remind the facilitator it falls to (or every
/// co-ordinator when nobody is on the case) by push and e-mail, once. Follow-ups whose consent
/// was withdrawn are cancelled instead. Returns how many reminders were queued.
pub async fn remind_due(db: &DatabaseConnection, now: DateTime<Utc>) -> AppResult<usize> {
    let due = follow_up_task::Entity::find()
        .filter(follow_up_task::Column::Status.eq(TaskStatus::Open.as_str()))
        .filter(follow_up_task::Column::RemindedAt.is_null())
        .filter(follow_up_task::Column::DueOn.lte(today(now)))
        .all(db)
        .await?;
    let mut sent = 0;
    for t in due {
        let txn = crate::db::begin_write(db).await?;
        cancel_without_consent(&txn, now, t.participant_id).await?;
        let Some(t) = open_task(&txn, t.participant_id).await? else {
            txn.commit().await?;
            continue;
        };
        // The claim: the transaction that marks the task reminded sends the reminders; another
        // instance running the job at the same moment changes nothing and sends nothing.
        let claimed = follow_up_task::Entity::update_many()
            .col_expr(follow_up_task::Column::RemindedAt, Expr::value(now))
            .filter(follow_up_task::Column::Id.eq(t.id))
            .filter(follow_up_task::Column::RemindedAt.is_null())
            .exec(&txn)
            .await?
            .rows_affected
            == 1;
        if !claimed {
            txn.rollback().await?;
            continue;
        }
        let c = access::load(&txn, t.case_id).await?;
        let recipients: Vec<user::Model> = match t.assigned_to {
            Some(u) => {
                user::Entity::find_by_id(u)
                    .filter(user::Column::Status.eq(UserStatus::Active.as_str()))
                    .filter(user::Column::ErasedAt.is_null())
                    .all(&txn)
                    .await?
            }
            None => vec![],
        };
        let recipients = if recipients.is_empty() {
            crate::areas::accounts::service::active_with_role(&txn, Role::Coordinator).await?
        } else {
            recipients
        };
        for u in &recipients {
            notify::enqueue_push(
                &txn,
                now,
                u.id,
                &PushMessage {
                    title: "A six-month follow-up is due".into(),
                    body: "Open RJ Hub to see which case and record the answers.".into(),
                    url: "/follow-ups".into(),
                    ttl: 7 * 86_400,
                    urgent: false,
                },
            )
            .await?;
            notify::enqueue_email(
                &txn,
                now,
                &u.email,
                &Email {
                    subject: format!("RJ Hub: six-month follow-up due for {}", c.reference),
                    text: format!(
                        "The six-month follow-up survey for case {} is due. Open RJ Hub, go to \"Follow-ups\", and record the answers after you have spoken to them.\n\nRJ Hub\n",
                        c.reference
                    ),
                },
            )
            .await?;
        }
        txn.commit().await?;
        sent += 1;
    }
    Ok(sent)
}
