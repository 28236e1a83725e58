//! Offers (R-AL-3, R-AL-5): to one or several facilitators, exactly one acceptance wins, declines
//! with reasons, lapses at expiry; the anonymised summary a facilitator sees.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::model::{OfferResponse, OfferStatus};
use super::suggest::suggest;
use crate::access::audit::{self, Entry};
use crate::access::case::{self as access, CaseView};
use crate::access::rules::{Duty, require};
use crate::areas::accounts::model::{Actor, Role};
use crate::areas::cases::model::FacilitatorRole;
use crate::areas::cases::service as cases;
use crate::areas::reference::service::ReferenceList;
use crate::areas::training::service::accredited_to_facilitate;
use crate::entities::{case, offer, offer_recipient, user};
use crate::error::{AppError, AppResult};
use crate::idempotency::{self, Start};
use crate::kernel::today;
use crate::kernel::{optional_text, required_text};
use crate::notify::push::PushMessage;
use crate::notify::{self, Email};

pub struct OfferInput {
    pub case_id: Uuid,
    pub facilitator_ids: Vec<Uuid>,
    pub role: FacilitatorRole,
    pub expires_at: DateTime<Utc>,
    pub commitment: Option<String>,
    /// Why someone outside the suggestions is offered the case; recorded.
    pub outside_reason: Option<String>,
    /// Why the case is offered although someone's supervision or observed practice is
    /// overdue; recorded.
    pub standards_override_reason: Option<String>,
}

pub async fn offer_case(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    input: OfferInput,
) -> AppResult<offer::Model> {
    crate::access::require(actor, crate::access::Duty::CoordinateCases)?;
    if input.facilitator_ids.is_empty() {
        return Err(AppError::validation(
            "facilitatorIds",
            "Choose at least one facilitator",
        ));
    }
    if input.expires_at <= now + Duration::minutes(10) {
        return Err(AppError::validation(
            "expiresAt",
            "Give the facilitator at least ten minutes to answer",
        ));
    }
    let suggested: Vec<Uuid> = suggest(db, actor, now, input.case_id)
        .await?
        .into_iter()
        .map(|s| s.member.user.id)
        .collect();
    let txn = crate::db::begin_write(db).await?;
    let work = access::for_coordination(&txn, actor, input.case_id).await?;
    let c = work.case();
    if cases::allocatable(c).is_err() {
        return Err(AppError::validation(
            "caseId",
            "Only an open case assessed as suitable can be offered",
        ));
    }
    let outside = optional_text("outsideReason", input.outside_reason.as_deref(), 2000)?;
    let today = today(now);
    let mut ids = input.facilitator_ids.clone();
    ids.sort();
    ids.dedup();
    for id in &ids {
        if !accredited_to_facilitate(&txn, *id, today).await? {
            return Err(AppError::validation(
                "facilitatorIds",
                "Only facilitators with a current practitioner accreditation can be offered a case",
            ));
        }
        if !suggested.contains(id) && outside.is_none() {
            return Err(AppError::validation(
                "outsideReason",
                "Someone you chose is not among the suggestions: say why you are offering it to them",
            ));
        }
    }
    let overridden = super::assign::standards_override(
        &txn,
        now,
        &ids,
        input.standards_override_reason.as_deref(),
    )
    .await?;
    let o = offer::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(c.id),
        role: Set(input.role.as_str().into()),
        status: Set(OfferStatus::Open.as_str().into()),
        expires_at: Set(input.expires_at),
        commitment: Set(optional_text(
            "commitment",
            input.commitment.as_deref(),
            500,
        )?),
        outside_reason: Set(outside),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        accepted_by: Set(None),
        decided_at: Set(None),
    }
    .insert(&txn)
    .await?;
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(ids.clone()))
        .all(&txn)
        .await?;
    for id in &ids {
        offer_recipient::ActiveModel {
            offer_id: Set(o.id),
            user_id: Set(*id),
            response: Set(OfferResponse::Pending.as_str().into()),
            decline_reason: Set(None),
            responded_at: Set(None),
        }
        .insert(&txn)
        .await?;
        notify::enqueue_push(
            &txn,
            now,
            *id,
            &PushMessage {
                title: "New case offer".into(),
                body: "A case is offered to you. Open RJ Hub to see the summary and answer.".into(),
                url: "/offers".into(),
                ttl: 86_400,
                urgent: true,
            },
        )
        .await?;
        if let Some(u) = users.iter().find(|u| u.id == *id) {
            notify::messages::text_staff(
                &txn,
                now,
                u,
                "offer",
                "RJ Hub: a case is offered to you. Open the app's Offers to see it and answer.",
            )
            .await?;
            notify::enqueue_email(&txn, now, &u.email, &Email {
                subject: "RJ Hub: a case is offered to you".into(),
                text: format!("A case is offered to you in RJ Hub. Open the app to see the summary and accept or decline before {}.\n\nRJ Hub\n", input.expires_at.with_timezone(&chrono_tz::Europe::London).format("%-d %B %Y at %H:%M")),
            }).await?;
        }
    }
    audit::record_by(&txn, now, actor, work.entry("offer_case").detail(serde_json::json!({"offer": o.id.to_string(), "to": ids.iter().map(Uuid::to_string).collect::<Vec<_>>(), "outside": o.outside_reason.is_some(), "standardsOverride": overridden}))).await?;
    txn.commit().await?;
    Ok(o)
}

pub async fn recipients(
    conn: &impl ConnectionTrait,
    offer_id: Uuid,
) -> AppResult<Vec<(offer_recipient::Model, String)>> {
    let rows = offer_recipient::Entity::find()
        .filter(offer_recipient::Column::OfferId.eq(offer_id))
        .all(conn)
        .await?;
    crate::areas::accounts::service::with_names(conn, rows, |r| r.user_id).await
}

/// The offers made on a case, newest first (co-ordinator).
pub async fn offers_for_case(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    case_id: Uuid,
) -> AppResult<Vec<offer::Model>> {
    access::for_coordination(conn, actor, case_id).await?;
    Ok(offer::Entity::find()
        .filter(offer::Column::CaseId.eq(case_id))
        .order_by_desc(offer::Column::CreatedAt)
        .order_by_desc(offer::Column::Id)
        .all(conn)
        .await?)
}

/// A facilitator's open offers.
pub async fn my_offers(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    now: DateTime<Utc>,
) -> AppResult<Vec<(offer::Model, case::Model)>> {
    require(actor, Duty::WorkAsFacilitator)?;
    let offers = offer::Entity::find()
        .filter(
            offer::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(offer_recipient::Column::OfferId)
                    .from(offer_recipient::Entity)
                    .and_where(offer_recipient::Column::UserId.eq(actor.user_id))
                    .and_where(
                        offer_recipient::Column::Response.eq(OfferResponse::Pending.as_str()),
                    )
                    .to_owned(),
            ),
        )
        .filter(offer::Column::Status.eq(OfferStatus::Open.as_str()))
        .filter(offer::Column::ExpiresAt.gt(now))
        .order_by_asc(offer::Column::ExpiresAt)
        .all(conn)
        .await?;
    let cases = case::Entity::find()
        .filter(case::Column::Id.is_in(offers.iter().map(|o| o.case_id)))
        .all(conn)
        .await?;
    Ok(offers
        .into_iter()
        .filter_map(|o| Some((o.clone(), cases.iter().find(|c| c.id == o.case_id)?.clone())))
        .collect())
}

/// What happened to an answer; stored under its idempotency key.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Answer {
    pub offer_id: Uuid,
    pub case_id: Uuid,
    pub response: String,
}

async fn pending_offer(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    offer_id: Uuid,
) -> AppResult<(offer::Model, offer_recipient::Model)> {
    let r = offer_recipient::Entity::find_by_id((offer_id, actor.user_id))
        .one(conn)
        .await?
        .ok_or(AppError::NotFound("The offer"))?;
    let o = offer::Entity::find_by_id(offer_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound("The offer"))?;
    Ok((o, r))
}

fn gone(o: &offer::Model, now: DateTime<Utc>) -> AppError {
    let msg = match o.status.parse::<OfferStatus>() {
        Ok(OfferStatus::Accepted) => {
            "Another facilitator accepted this case first. Thank you for answering."
        }
        Ok(OfferStatus::Withdrawn) => "The co-ordinator has withdrawn this offer.",
        _ if o.expires_at <= now => "This offer has expired.",
        _ => "This offer is no longer open.",
    };
    AppError::Conflict(msg.into())
}

/// Accepts an offer. Of many simultaneous acceptances exactly one wins: the offer row is
/// claimed by a conditional update, and only the transaction that changed it allocates.
pub async fn accept(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    offer_id: Uuid,
    key: &str,
) -> AppResult<Answer> {
    const OP: &str = "accept_offer";
    let txn = match idempotency::start(db, actor.user_id, Some(key), OP).await? {
        Start::Replay(answer) => return Ok(answer),
        Start::Fresh(txn) => txn,
    };
    let (o, r) = pending_offer(&txn, actor, offer_id).await?;
    if r.response != OfferResponse::Pending.as_str() {
        return Err(gone(&o, now));
    }
    let claimed = offer::Entity::update_many()
        .col_expr(
            offer::Column::Status,
            Expr::value(OfferStatus::Accepted.as_str()),
        )
        .col_expr(offer::Column::AcceptedBy, Expr::value(actor.user_id))
        .col_expr(offer::Column::DecidedAt, Expr::value(now))
        .filter(offer::Column::Id.eq(o.id))
        .filter(offer::Column::Status.eq(OfferStatus::Open.as_str()))
        .filter(offer::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        let o = offer::Entity::find_by_id(o.id)
            .one(&txn)
            .await?
            .unwrap_or(o);
        return Err(gone(&o, now));
    }
    offer_recipient::Entity::update_many()
        .col_expr(
            offer_recipient::Column::Response,
            Expr::value(OfferResponse::Taken.as_str()),
        )
        .filter(offer_recipient::Column::OfferId.eq(o.id))
        .filter(offer_recipient::Column::Response.eq(OfferResponse::Pending.as_str()))
        .exec(&txn)
        .await?;
    offer_recipient::Entity::update_many()
        .col_expr(
            offer_recipient::Column::Response,
            Expr::value(OfferResponse::Accepted.as_str()),
        )
        .col_expr(offer_recipient::Column::RespondedAt, Expr::value(now))
        .filter(offer_recipient::Column::OfferId.eq(o.id))
        .filter(offer_recipient::Column::UserId.eq(actor.user_id))
        .exec(&txn)
        .await?;
    let role: FacilitatorRole = o.role.parse()?;
    let reference =
        super::assign::allocate_in(&txn, now, actor.user_id, o.case_id, actor.user_id, role)
            .await?
            .reference;
    if let Some(by) = o.created_by {
        let msg = PushMessage {
            title: "Offer accepted".into(),
            body: format!("{reference} has been accepted."),
            url: format!("/cases/{}", o.case_id),
            ttl: 86_400,
            urgent: false,
        };
        notify::enqueue_push(&txn, now, by, &msg).await?;
    }
    let answer = Answer {
        offer_id: o.id,
        case_id: o.case_id,
        response: OfferResponse::Accepted.as_str().into(),
    };
    idempotency::finish(&txn, now, actor.user_id, Some(key), OP, &answer).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("accept_offer", "case", o.case_id)
            .detail(serde_json::json!({"offer": o.id.to_string()})),
    )
    .await?;
    txn.commit().await?;
    Ok(answer)
}

pub async fn decline(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    offer_id: Uuid,
    reason: &str,
    key: &str,
) -> AppResult<Answer> {
    const OP: &str = "decline_offer";
    let reason = required_text(
        "reason",
        reason,
        1000,
        "why you cannot take it (only the co-ordinator sees this)",
    )?;
    let txn = match idempotency::start(db, actor.user_id, Some(key), OP).await? {
        Start::Replay(answer) => return Ok(answer),
        Start::Fresh(txn) => txn,
    };
    let (o, r) = pending_offer(&txn, actor, offer_id).await?;
    if r.response != OfferResponse::Pending.as_str() || o.status != OfferStatus::Open.as_str() {
        return Err(gone(&o, now));
    }
    let mut a = r.into_active_model();
    a.response = Set(OfferResponse::Declined.as_str().into());
    a.decline_reason = Set(Some(reason));
    a.responded_at = Set(Some(now));
    a.update(&txn).await?;
    let still_pending = offer_recipient::Entity::find()
        .filter(offer_recipient::Column::OfferId.eq(o.id))
        .filter(offer_recipient::Column::Response.eq(OfferResponse::Pending.as_str()))
        .one(&txn)
        .await?
        .is_some();
    if !still_pending {
        offer::Entity::update_many()
            .col_expr(
                offer::Column::Status,
                Expr::value(OfferStatus::Declined.as_str()),
            )
            .col_expr(offer::Column::DecidedAt, Expr::value(now))
            .filter(offer::Column::Id.eq(o.id))
            .exec(&txn)
            .await?;
        tell_coordinators(
            &txn,
            now,
            o.case_id,
            "Everyone it was offered to declined it",
        )
        .await?;
    }
    let answer = Answer {
        offer_id: o.id,
        case_id: o.case_id,
        response: OfferResponse::Declined.as_str().into(),
    };
    idempotency::finish(&txn, now, actor.user_id, Some(key), OP, &answer).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("decline_offer", "case", o.case_id)
            .detail(serde_json::json!({"offer": o.id.to_string()})),
    )
    .await?;
    txn.commit().await?;
    Ok(answer)
}

async fn tell_coordinators(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    case_id: Uuid,
    what: &str,
) -> AppResult<()> {
    let reference = access::load(conn, case_id)
        .await
        .map(|c| c.reference)
        .unwrap_or_default();
    for u in crate::areas::accounts::service::active_with_role(conn, Role::Coordinator).await? {
        // The reference is random and names nobody: safe on a lock screen.
        let msg = PushMessage {
            title: "Offer needs you".into(),
            body: format!("{what}: {reference}."),
            url: format!("/cases/{case_id}"),
            ttl: 86_400,
            urgent: false,
        };
        notify::enqueue_push(conn, now, u.id, &msg).await?;
        notify::enqueue_email(
            conn,
            now,
            &u.email,
            &Email {
                subject: format!("RJ Hub: the offer for {reference} needs you"),
                text: format!(
                    "{what}: {reference}. Open the case in RJ Hub to offer it again.\n\nRJ Hub\n"
                ),
            },
        )
        .await?;
    }
    Ok(())
}

/// Offers nobody answered in time lapse, and the co-ordinator is told (R-AL-3).
pub async fn expire_due(db: &DatabaseConnection, now: DateTime<Utc>) -> AppResult<usize> {
    let due = offer::Entity::find()
        .filter(offer::Column::Status.eq(OfferStatus::Open.as_str()))
        .filter(offer::Column::ExpiresAt.lte(now))
        .all(db)
        .await?;
    let mut n = 0;
    for o in due {
        let txn = crate::db::begin_write(db).await?;
        let changed = offer::Entity::update_many()
            .col_expr(
                offer::Column::Status,
                Expr::value(OfferStatus::Expired.as_str()),
            )
            .col_expr(offer::Column::DecidedAt, Expr::value(now))
            .filter(offer::Column::Id.eq(o.id))
            .filter(offer::Column::Status.eq(OfferStatus::Open.as_str()))
            .exec(&txn)
            .await?;
        if changed.rows_affected == 1 {
            offer_recipient::Entity::update_many()
                .col_expr(
                    offer_recipient::Column::Response,
                    Expr::value(OfferResponse::Expired.as_str()),
                )
                .filter(offer_recipient::Column::OfferId.eq(o.id))
                .filter(offer_recipient::Column::Response.eq(OfferResponse::Pending.as_str()))
                .exec(&txn)
                .await?;
            tell_coordinators(&txn, now, o.case_id, "An offer lapsed without an answer").await?;
            audit::record(
                &txn,
                now,
                None,
                Entry::new("offer_expired", "case", o.case_id)
                    .detail(serde_json::json!({"offer": o.id.to_string()})),
            )
            .await?;
            n += 1;
        }
        txn.commit().await?;
    }
    Ok(n)
}

/// The anonymised summary a facilitator sees before accepting: never a name, address or
/// contact detail.
pub struct OfferSummary {
    pub area: Option<String>,
    pub offence_category: Option<String>,
    pub languages: Vec<String>,
    pub intervention_model: Option<String>,
    pub offender_initiated: bool,
}

pub async fn summary(conn: &impl ConnectionTrait, c: &case::Model) -> AppResult<OfferSummary> {
    summaries(conn, std::slice::from_ref(c))
        .await?
        .pop()
        .ok_or_else(|| AppError::internal("no summary of the case"))
}

/// The anonymised summaries of several cases, in their order, in three queries: every
/// participant's language on the service's behalf (only the codes leave), and the labels.
pub async fn summaries(
    conn: &impl ConnectionTrait,
    cases: &[case::Model],
) -> AppResult<Vec<OfferSummary>> {
    let views: Vec<_> = cases.iter().cloned().map(CaseView::service).collect();
    let people = crate::access::participants::participants_of(conn, &views).await?;
    let labels = crate::areas::reference::service::labels(
        conn,
        &[
            ReferenceList::Language,
            ReferenceList::Area,
            ReferenceList::OffenceCategory,
            ReferenceList::InterventionModel,
        ],
    )
    .await?;
    let name = |list: ReferenceList, code: &str| {
        labels
            .get(&(list.as_str().to_string(), code.to_string()))
            .cloned()
            .unwrap_or_else(|| code.to_string())
    };
    Ok(cases
        .iter()
        .map(|c| {
            let mut langs: Vec<(String, bool)> = people
                .iter()
                .filter(|(cp, _)| cp.case_id == c.id)
                .filter_map(|(_, p)| {
                    let l = p.preferred_language.clone().filter(|l| l != "en")?;
                    Some((l, p.interpreter_needed))
                })
                .collect();
            langs.sort();
            langs.dedup();
            OfferSummary {
                area: c.area.as_deref().map(|a| name(ReferenceList::Area, a)),
                offence_category: c
                    .offence_category
                    .as_deref()
                    .map(|a| name(ReferenceList::OffenceCategory, a)),
                languages: langs
                    .into_iter()
                    .map(|(l, interp)| {
                        let n = name(ReferenceList::Language, &l);
                        if interp {
                            format!("{n} (interpreter needed)")
                        } else {
                            n
                        }
                    })
                    .collect(),
                intervention_model: c
                    .intervention_model
                    .as_deref()
                    .map(|a| name(ReferenceList::InterventionModel, a)),
                offender_initiated: c.offender_initiated,
            }
        })
        .collect())
}
