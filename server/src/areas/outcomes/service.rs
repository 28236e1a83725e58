//! Recording and completing outcome agreement items; signing off conferences and closures.
//! A case closes only through its supervisor's approved closure sign-off.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::evidence::{self, Item};
use crate::access::Actor;
use crate::access::audit;
use crate::access::case::{self as access, CaseView, CaseWork, ListScope};
use crate::access::rules::{Duty, require};
use crate::areas::cases::model::Stage;
use crate::areas::cases::{lifecycle, service as cases};
use crate::areas::meetings::model::{MeetingKind, MeetingStatus};
use crate::entities::{agreement_item, case, case_participant, meeting, sign_off};
use crate::error::{AppError, AppResult};
use crate::kernel::{optional_text, required_text, stored_enum, today};

stored_enum!(ItemKind {
    Apology => "apology",
    Reparation => "reparation",
    Undertaking => "undertaking",
    Other => "other",
});

stored_enum!(SignOffKind {
    Conference => "conference",
    Closure => "closure",
});

pub struct ItemInput {
    pub kind: ItemKind,
    pub responsible_participant_id: Option<Uuid>,
    pub description: String,
    pub due_on: Option<NaiveDate>,
}

/// Records the items agreed at a conference (R-CW-5): who does what by when.
pub async fn record_agreement(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    meeting_id: Option<Uuid>,
    items: Vec<ItemInput>,
) -> AppResult<Vec<agreement_item::Model>> {
    if items.is_empty() {
        return Err(AppError::validation(
            "items",
            "Add at least one thing that was agreed",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let work = access::for_work(&txn, actor, case_id).await?;
    let c = work.case();
    if !lifecycle::agreement_stage(cases::stage(c)) {
        return Err(AppError::validation(
            "caseId",
            "An agreement is recorded after the restorative intervention",
        ));
    }
    if let Some(m) = meeting_id {
        meeting::Entity::find_by_id(m)
            .filter(meeting::Column::CaseId.eq(c.id))
            .one(&txn)
            .await?
            .ok_or_else(|| {
                AppError::validation("meetingId", "That meeting is not part of this case")
            })?;
    }
    let participants: Vec<Uuid> = case_participant::Entity::find()
        .filter(case_participant::Column::CaseId.eq(c.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let mut out = Vec::new();
    for item in items {
        if let Some(p) = item.responsible_participant_id
            && !participants.contains(&p)
        {
            return Err(AppError::validation(
                "responsibleParticipantId",
                "Choose someone who takes part in this case",
            ));
        }
        if item.due_on.is_some_and(|d| d < today(now)) {
            return Err(AppError::validation(
                "dueOn",
                "The due date cannot be in the past",
            ));
        }
        out.push(
            agreement_item::ActiveModel {
                id: Set(Uuid::now_v7()),
                case_id: Set(c.id),
                meeting_id: Set(meeting_id),
                kind: Set(item.kind.as_str().into()),
                responsible_participant_id: Set(item.responsible_participant_id),
                description: Set(required_text(
                    "description",
                    &item.description,
                    2000,
                    "what was agreed",
                )?),
                due_on: Set(item.due_on),
                completed_at: Set(None),
                completed_by: Set(None),
                completion_note: Set(None),
                created_by: Set(Some(actor.user_id)),
                created_at: Set(now),
            }
            .insert(&txn)
            .await?,
        );
    }
    audit::record_by(
        &txn,
        now,
        actor,
        work.entry("record_outcome_agreement")
            .detail(serde_json::json!({"items": out.len()})),
    )
    .await?;
    txn.commit().await?;
    Ok(out)
}

/// Marks an item done with a note. Completing it again changes nothing (a replay is harmless).
pub async fn complete_item(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    item_id: Uuid,
    note: Option<&str>,
) -> AppResult<agreement_item::Model> {
    let note = optional_text("note", note, 2000)?;
    let txn = crate::db::begin_write(db).await?;
    let item = agreement_item::Entity::find_by_id(item_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("The agreement item"))?;
    let work = access::for_work(&txn, actor, item.case_id).await?;
    if item.completed_at.is_some() {
        return Ok(item);
    }
    let mut a = item.into_active_model();
    a.completed_at = Set(Some(now));
    a.completed_by = Set(Some(actor.user_id));
    a.completion_note = Set(note);
    let item = a.update(&txn).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        work.entry("complete_agreement_item")
            .detail(serde_json::json!({"item": item.id.to_string()})),
    )
    .await?;
    txn.commit().await?;
    Ok(item)
}

/// A case's items the reader may see: the offender side sees only items that are theirs.
pub async fn items_of(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
) -> AppResult<Vec<agreement_item::Model>> {
    let view = access::open(conn, now, actor, case_id, "agreementItems", None).await?;
    let items = agreement_item::Entity::find()
        .filter(agreement_item::Column::CaseId.eq(case_id))
        .order_by_asc(agreement_item::Column::CreatedAt)
        .all(conn)
        .await?;
    if view.full() {
        return Ok(items);
    }
    let visible = access::shown_participant_ids(conn, &view).await?;
    Ok(items
        .into_iter()
        .filter(|i| {
            i.responsible_participant_id
                .is_some_and(|p| visible.contains(&p))
        })
        .collect())
}

/// Items past their due date and not done, for the co-ordinator, with their case.
pub async fn overdue(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    now: DateTime<Utc>,
) -> AppResult<Vec<(agreement_item::Model, CaseView)>> {
    require(actor, Duty::OverseeCases)?;
    let items = agreement_item::Entity::find()
        .filter(agreement_item::Column::CompletedAt.is_null())
        .filter(agreement_item::Column::DueOn.lt(today(now)))
        .order_by_asc(agreement_item::Column::DueOn)
        .all(conn)
        .await?;
    let rows = case::Entity::find()
        .filter(case::Column::Id.is_in(items.iter().map(|i| i.case_id)))
        .all(conn)
        .await?;
    let views = access::views_of(conn, actor, now, rows, "overdueAgreementItems").await?;
    Ok(items
        .into_iter()
        .filter_map(|i| {
            let v = views.iter().find(|v| v.id() == i.case_id)?.clone();
            Some((i, v))
        })
        .collect())
}

/// The supervisor's checklist (R-ST-1): every box must be ticked to approve.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Checklist {
    pub risk_reviewed: bool,
    pub consent_confirmed: bool,
    pub agreement_recorded: bool,
    pub wellbeing_follow_up: bool,
}

impl Checklist {
    fn ticked(&self, item: Item) -> bool {
        match item {
            Item::RiskReviewed => self.risk_reviewed,
            Item::ConsentConfirmed => self.consent_confirmed,
            Item::AgreementRecorded => self.agreement_recorded,
            Item::WellbeingFollowUp => self.wellbeing_follow_up,
        }
    }

    fn complete(&self) -> bool {
        self.risk_reviewed
            && self.consent_confirmed
            && self.agreement_recorded
            && self.wellbeing_follow_up
    }
}

pub struct SignOffInput {
    pub kind: SignOffKind,
    pub case_id: Uuid,
    pub meeting_id: Option<Uuid>,
    pub checklist: Checklist,
    pub approve: bool,
    pub comments: Option<String>,
}

/// Signs off (or sends back with comments) a conference or a closure. An approved closure
/// closes the case.
pub async fn sign_off(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    input: SignOffInput,
) -> AppResult<(sign_off::Model, CaseWork)> {
    let comments = optional_text("comments", input.comments.as_deref(), 4000)?;
    if input.approve && !input.checklist.complete() {
        return Err(AppError::validation(
            "checklist",
            "Tick every item of the checklist to sign off, or send it back with comments",
        ));
    }
    if !input.approve && comments.is_none() {
        return Err(AppError::validation(
            "comments",
            "Say what needs doing before you can sign it off",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let work = access::for_supervision(&txn, actor, input.case_id).await?;
    let c = work.case().clone();
    let conference = match input.kind {
        SignOffKind::Conference => {
            let m = match input.meeting_id {
                Some(id) => {
                    meeting::Entity::find_by_id(id)
                        .filter(meeting::Column::CaseId.eq(c.id))
                        .one(&txn)
                        .await?
                }
                None => None,
            }
            .ok_or_else(|| {
                AppError::validation("meetingId", "Choose the conference to sign off")
            })?;
            let kind: MeetingKind = m.kind.parse()?;
            if matches!(kind, MeetingKind::Preparation) || m.status != MeetingStatus::Held.as_str()
            {
                return Err(AppError::validation(
                    "meetingId",
                    "Only a conference recorded as held can be signed off",
                ));
            }
            Some(m)
        }
        SignOffKind::Closure => {
            if cases::stage(&c) != Stage::FollowUp {
                return Err(AppError::validation(
                    "caseId",
                    "A case is signed off for closure at the follow-up stage",
                ));
            }
            None
        }
    };
    // An item is confirmed only when the record holds what it confirms.
    if input.approve {
        for e in evidence::gather(&txn, &c, conference.as_ref(), now).await? {
            if input.checklist.ticked(e.item) && !e.met {
                return Err(AppError::validation(
                    e.item.field(),
                    format!(
                        "{}: {}",
                        e.item.label(),
                        e.missing
                            .unwrap_or_else(|| "not shown by the record".into())
                    ),
                ));
            }
        }
    }
    let row = sign_off::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(c.id),
        meeting_id: Set(input.meeting_id),
        kind: Set(input.kind.as_str().into()),
        approved: Set(input.approve),
        checklist: Set(serde_json::to_value(input.checklist).map_err(AppError::internal)?),
        comments: Set(comments.clone()),
        supervisor_id: Set(actor.user_id),
        at: Set(now),
    }
    .insert(&txn)
    .await?;
    let work = if input.kind == SignOffKind::Closure && input.approve {
        cases::close_after_sign_off(&txn, now, actor.user_id, work).await?
    } else {
        work
    };
    audit::record_by(
        &txn,
        now,
        actor,
        work.entry("sign_off")
            .detail(serde_json::json!({"kind": input.kind.as_str(), "approved": input.approve})),
    )
    .await?;
    txn.commit().await?;
    Ok((row, work))
}

/// The evidence for a sign-off, for the case's own supervisor (a read of the case, noted).
pub async fn evidence_for(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    kind: SignOffKind,
    meeting_id: Option<Uuid>,
) -> AppResult<Vec<evidence::Evidence>> {
    require(actor, Duty::SignOff)?;
    let view = access::open(conn, now, actor, case_id, "signOffEvidence", None).await?;
    if !view.supervises() {
        return Err(AppError::Forbidden);
    }
    let conference = match (kind, meeting_id) {
        (SignOffKind::Conference, Some(id)) => Some(
            meeting::Entity::find_by_id(id)
                .filter(meeting::Column::CaseId.eq(case_id))
                .one(conn)
                .await?
                .ok_or(AppError::NotFound("The meeting"))?,
        ),
        (SignOffKind::Conference, None) => {
            return Err(AppError::validation(
                "meetingId",
                "Choose the conference to sign off",
            ));
        }
        (SignOffKind::Closure, _) => None,
    };
    evidence::gather(conn, view.case(), conference.as_ref(), now).await
}

pub async fn sign_offs_of(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
) -> AppResult<Vec<sign_off::Model>> {
    access::open(conn, now, actor, case_id, "signOffs", None).await?;
    Ok(sign_off::Entity::find()
        .filter(sign_off::Column::CaseId.eq(case_id))
        .order_by_asc(sign_off::Column::At)
        .all(conn)
        .await?)
}

/// A held conference (with its meeting) or a closure awaiting sign-off.
pub struct QueueItem {
    pub case: CaseView,
    pub conference: Option<meeting::Model>,
}

/// What awaits the supervisor: held conferences and follow-up cases of theirs not yet signed off.
pub async fn queue(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    now: DateTime<Utc>,
) -> AppResult<Vec<QueueItem>> {
    require(actor, Duty::SignOff)?;
    let scope = ListScope::SupervisedBy(actor.user_id);
    let mine = case::Entity::find()
        .filter(scope.condition())
        .all(conn)
        .await?;
    let approved = sign_off::Entity::find()
        .filter(sign_off::Column::CaseId.is_in(mine.iter().map(|c| c.id)))
        .filter(sign_off::Column::Approved.eq(true))
        .all(conn)
        .await?;
    let meetings = meeting::Entity::find()
        .filter(meeting::Column::CaseId.is_in(mine.iter().map(|c| c.id)))
        .filter(meeting::Column::Status.eq(MeetingStatus::Held.as_str()))
        .filter(meeting::Column::Kind.ne(MeetingKind::Preparation.as_str()))
        .order_by_asc(meeting::Column::StartsAt)
        .all(conn)
        .await?;
    let mut due: Vec<(Uuid, Option<meeting::Model>)> = Vec::new();
    for m in meetings {
        if !approved.iter().any(|s| s.meeting_id == Some(m.id)) {
            due.push((m.case_id, Some(m)));
        }
    }
    for c in mine.iter().filter(|c| cases::stage(c) == Stage::FollowUp) {
        due.push((c.id, None));
    }
    // The cases the queue shows, each noted as read once.
    let shown: Vec<case::Model> = mine
        .into_iter()
        .filter(|c| due.iter().any(|(id, _)| *id == c.id))
        .collect();
    let n = shown.len();
    let views = scope.views(actor, now, shown, "signOffQueue", n);
    Ok(due
        .into_iter()
        .filter_map(|(id, conference)| {
            let case = views.iter().find(|v| v.id() == id)?.clone();
            Some(QueueItem { case, conference })
        })
        .collect())
}
