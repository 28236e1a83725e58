//! The lifecycle of a case (R-CW-1): stage moves, withdrawal, assessment, enquiries becoming
//! referrals, and what the reader may do next (`viewerCan`) — computed by the same functions the
//! mutations use, so the app offers exactly what the server accepts.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::model::{Stage, check_transition};
use crate::access::Actor;
use crate::access::audit;
use crate::access::case::{self as access, CaseView, CaseWork};
use crate::access::rules::{Duty, holds};
use crate::areas::meetings::model::{MeetingKind, MeetingStatus};
use crate::areas::reference::service::{ReferenceList, check_code};
use crate::entities::{
    agreement_item, case, case_event, case_participant, meeting, risk_assessment,
};
use crate::error::{AppError, AppResult};
use crate::kernel::{optional_text, today};

pub fn stage_of(c: &case::Model) -> AppResult<Stage> {
    c.stage.parse()
}

/// The stage of a row known to be valid (every write goes through `Stage`).
pub use super::model::stage;

/// Moves a case and writes the `case_event` that every report is computed from. The caller
/// holds the transaction and the capability.
pub(crate) async fn transition(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor_id: Option<Uuid>,
    c: &case::Model,
    to: Stage,
    reason_code: Option<String>,
    reason_text: Option<String>,
) -> AppResult<case::Model> {
    let from = stage_of(c)?;
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
    access::load(conn, c.id).await
}

/// Closes a case after its supervisor's approved closure sign-off (R-CW-6); the caller holds
/// the transaction and has checked the sign-off.
pub async fn close_after_sign_off(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    supervisor: Uuid,
    work: CaseWork,
) -> AppResult<CaseWork> {
    let row = transition(
        conn,
        now,
        Some(supervisor),
        work.case(),
        Stage::Closed,
        None,
        None,
    )
    .await?;
    work.refreshed(row)
}

/// Stages `moveCase` never takes: each has its own way, named in the refusal.
fn other_route(to: Stage) -> Option<&'static str> {
    match to {
        Stage::Referral => Some("Convert the enquiry into a referral."),
        Stage::Withdrawn => Some("Use “Stop the case” to withdraw it, with a reason."),
        Stage::NotSuitable => Some("Record the assessment to mark a case not suitable."),
        Stage::Allocated => {
            Some("Allocate a lead facilitator: the case moves on when they are allocated.")
        }
        // A case closes only through its supervisor's approved closure sign-off (R-CW-6).
        Stage::Closed => Some("A case closes when its case supervisor signs off the closure."),
        _ => None,
    }
}

/// Who may make a forward move: whoever may work on the case; back into intake only the
/// co-ordinator.
fn may_move(view: &CaseView, to: Stage) -> bool {
    view.may_work() && (view.coordinates() || !matches!(to, Stage::Referral | Stage::Assessment))
}

/// What must be true before the move can be made, in words; empty when nothing is missing.
async fn blockers(
    conn: &impl ConnectionTrait,
    c: &case::Model,
    to: Stage,
    today: NaiveDate,
    reason: Option<&str>,
) -> AppResult<Vec<String>> {
    match (stage(c), to) {
        (Stage::Preparation, Stage::Intervention) => ready_for_intervention(conn, c, today).await,
        (Stage::Intervention, Stage::Outcome) => ready_for_outcome(conn, c, reason).await,
        _ => Ok(Vec::new()),
    }
}

/// An outcome needs the intervention to have happened, and an agreement or the reason there
/// is none.
async fn ready_for_outcome(
    conn: &impl ConnectionTrait,
    c: &case::Model,
    reason: Option<&str>,
) -> AppResult<Vec<String>> {
    let mut missing = Vec::new();
    let held = meeting::Entity::find()
        .filter(meeting::Column::CaseId.eq(c.id))
        .filter(meeting::Column::Status.eq(MeetingStatus::Held.as_str()))
        .filter(meeting::Column::Kind.ne(MeetingKind::Preparation.as_str()))
        .count(conn)
        .await?;
    if held == 0 {
        missing.push("record that the conference or restorative session was held".to_string());
    }
    let items = agreement_item::Entity::find()
        .filter(agreement_item::Column::CaseId.eq(c.id))
        .count(conn)
        .await?;
    if items == 0 && reason.is_none_or(|r| r.trim().is_empty()) {
        missing.push("record the outcome agreement, or give the reason there is none".into());
    }
    Ok(missing)
}

/// Everything that must be true before participants meet (R-AS-2, R-AS-3).
async fn ready_for_intervention(
    conn: &impl ConnectionTrait,
    c: &case::Model,
    today: NaiveDate,
) -> AppResult<Vec<String>> {
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
    let consents = super::participants::taking_part_answers(conn, c.id).await?;
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
    Ok(missing)
}

/// A move the reader could make from the case's stage, and what still stands in its way.
pub struct MoveOption {
    pub to: Stage,
    pub blockers: Vec<String>,
    /// A reason in words stands in for one of the blockers (an outcome with no agreement).
    pub reason_replaces: bool,
}

/// The `moveCase` moves this reader is offered now: the lifecycle's next stages that take no
/// other route, that the reader may make, each with what is missing (empty: it can be made).
pub async fn move_options(
    conn: &impl ConnectionTrait,
    view: &CaseView,
    now: DateTime<Utc>,
) -> AppResult<Vec<MoveOption>> {
    let mut out = Vec::new();
    for &to in stage(view.case()).next() {
        if other_route(to).is_none() && may_move(view, to) {
            let missing = blockers(conn, view.case(), to, today(now), None).await?;
            let with_reason = if missing.is_empty() {
                Vec::new()
            } else {
                blockers(conn, view.case(), to, today(now), Some("a reason")).await?
            };
            out.push(MoveOption {
                to,
                reason_replaces: with_reason.len() < missing.len(),
                blockers: missing,
            });
        }
    }
    Ok(out)
}

/// What the reader may do with this case now (`Case.viewerCan`). Each answer is the rule the
/// matching mutation applies.
pub struct ViewerCan {
    pub work: bool,
    pub withdraw: bool,
    pub assess: bool,
    pub convert_enquiry: bool,
    pub mark_offender_identified: bool,
    pub add_participants: bool,
    pub allocate: bool,
    pub assign_supervisor: bool,
    pub sign_off: bool,
    pub record_reoffending_check: bool,
    pub record_agreement: bool,
    pub answer_data_rights: bool,
    pub handle_complaints: bool,
}

pub fn viewer_can(actor: &Actor, view: &CaseView) -> ViewerCan {
    let s = stage(view.case());
    let open = s.is_open();
    ViewerCan {
        work: view.may_work(),
        withdraw: view.may_work() && open,
        assess: view.coordinates() && may_assess(s),
        convert_enquiry: view.coordinates() && s == Stage::Enquiry,
        mark_offender_identified: view.coordinates() && view.case().awaiting_offender && open,
        add_participants: view.coordinates() && open,
        allocate: view.coordinates() && allocatable(view.case()).is_ok(),
        assign_supervisor: view.coordinates() && open,
        sign_off: view.supervises(),
        record_reoffending_check: view.coordinates() || view.supervises(),
        record_agreement: view.may_work() && agreement_stage(s),
        answer_data_rights: view.full() && holds(actor, Duty::AnswerDataRights),
        handle_complaints: holds(actor, Duty::HandleComplaints),
    }
}

fn may_assess(s: Stage) -> bool {
    matches!(s, Stage::Referral | Stage::Assessment)
}

/// An agreement is recorded after the restorative intervention (R-CW-5).
pub fn agreement_stage(s: Stage) -> bool {
    matches!(s, Stage::Intervention | Stage::Outcome | Stage::FollowUp)
}

/// Whether a case can take facilitators now: assessed as suitable, open, past intake.
pub fn allocatable(c: &case::Model) -> AppResult<()> {
    let s = stage_of(c)?;
    if !s.is_open() || matches!(s, Stage::Enquiry | Stage::Referral) {
        return Err(AppError::validation(
            "caseId",
            format!(
                "A case that is {} cannot be allocated.",
                s.label().to_lowercase()
            ),
        ));
    }
    if c.suitable != Some(true) {
        return Err(AppError::validation(
            "caseId",
            "Assess the case as suitable before allocating it.",
        ));
    }
    Ok(())
}

pub async fn move_case(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    to: Stage,
    reason_text: Option<&str>,
) -> AppResult<CaseWork> {
    let txn = crate::db::begin_write(db).await?;
    let work = access::for_work(&txn, actor, case_id).await?;
    let from = stage_of(work.case())?;
    if let Some(why) = other_route(to) {
        return Err(AppError::validation("to", why));
    }
    if !may_move(work.view(), to) {
        return Err(AppError::Forbidden);
    }
    check_transition(from, to)?;
    let reason_text = optional_text("reason", reason_text, 2000)?;
    let missing = blockers(&txn, work.case(), to, today(now), reason_text.as_deref()).await?;
    if !missing.is_empty() {
        let before = match to {
            Stage::Outcome => "Before the outcome",
            _ => "Before the intervention",
        };
        return Err(AppError::validation(
            "to",
            format!("{before}: {}.", missing.join("; ")),
        ));
    }
    let row = transition(
        &txn,
        now,
        Some(actor.user_id),
        work.case(),
        to,
        None,
        reason_text,
    )
    .await?;
    let work = work.refreshed(row)?;
    audit::record_by(
        &txn,
        now,
        actor,
        work.entry("move_case")
            .detail(serde_json::json!({"from": from.as_str(), "to": to.as_str()})),
    )
    .await?;
    txn.commit().await?;
    Ok(work)
}

pub async fn withdraw(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    reason_code: &str,
    reason_text: Option<&str>,
) -> AppResult<CaseWork> {
    let txn = crate::db::begin_write(db).await?;
    let work = access::for_work(&txn, actor, case_id).await?;
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
    let from = stage_of(work.case())?;
    let row = transition(
        &txn,
        now,
        Some(actor.user_id),
        work.case(),
        Stage::Withdrawn,
        Some(code),
        text,
    )
    .await?;
    let work = work.refreshed(row)?;
    audit::record_by(
        &txn,
        now,
        actor,
        work.entry("withdraw_case")
            .detail(serde_json::json!({"from": from.as_str()})),
    )
    .await?;
    txn.commit().await?;
    Ok(work)
}

pub async fn assess(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    suitable: bool,
    reason_code: Option<&str>,
    notes: Option<&str>,
) -> AppResult<CaseWork> {
    let txn = crate::db::begin_write(db).await?;
    let mut work = access::for_coordination(&txn, actor, case_id).await?;
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
    match stage_of(work.case())? {
        Stage::Referral => {
            let row = transition(
                &txn,
                now,
                Some(actor.user_id),
                work.case(),
                Stage::Assessment,
                None,
                None,
            )
            .await?;
            work = work.refreshed(row)?;
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
    let mut a = work.case().clone().into_active_model();
    a.suitable = Set(Some(suitable));
    a.suitability_reason_code = Set(reason.clone());
    a.suitability_notes = Set(notes.clone());
    a.assessed_at = Set(Some(now));
    a.updated_at = Set(now);
    let mut work = work.refreshed(a.update(&txn).await?)?;
    if !suitable {
        let row = transition(
            &txn,
            now,
            Some(actor.user_id),
            work.case(),
            Stage::NotSuitable,
            reason,
            notes,
        )
        .await?;
        work = work.refreshed(row)?;
    }
    audit::record_by(
        &txn,
        now,
        actor,
        work.entry("assess_referral")
            .detail(serde_json::json!({"suitable": suitable})),
    )
    .await?;
    txn.commit().await?;
    Ok(work)
}

pub async fn convert_enquiry(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
) -> AppResult<CaseWork> {
    let txn = crate::db::begin_write(db).await?;
    let work = access::for_coordination(&txn, actor, case_id).await?;
    if stage_of(work.case())? != Stage::Enquiry {
        return Err(AppError::validation(
            "caseId",
            "Only an enquiry can be converted into a referral.",
        ));
    }
    let row = transition(
        &txn,
        now,
        Some(actor.user_id),
        work.case(),
        Stage::Referral,
        None,
        None,
    )
    .await?;
    let work = work.refreshed(row)?;
    audit::record_by(&txn, now, actor, work.entry("convert_enquiry")).await?;
    txn.commit().await?;
    Ok(work)
}

/// "Contact me if an offender is identified": the parked case comes back into the work.
pub async fn offender_identified(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
) -> AppResult<CaseWork> {
    let txn = crate::db::begin_write(db).await?;
    let work = access::for_coordination(&txn, actor, case_id).await?;
    let already = work.case().offender_identified;
    let mut a = work.case().clone().into_active_model();
    if !already {
        a.offender_identified_at = Set(Some(now));
    }
    a.offender_identified = Set(true);
    a.awaiting_offender = Set(false);
    a.updated_at = Set(now);
    let work = work.refreshed(a.update(&txn).await?)?;
    audit::record_by(&txn, now, actor, work.entry("offender_identified")).await?;
    txn.commit().await?;
    Ok(work)
}
