//! Letters for people reached only by post (R-ST-4, R-IN-4): information about restorative
//! justice and a copy of the outcome agreement sent from the case, appointment and
//! acknowledgement letters written by the meetings and intake; all queued for the co-ordinator
//! to print and post, each printing a read of the person's name and address in the audit log.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use crate::access::audit::{self, Entry};
use crate::access::case as access;
use crate::access::rules::{Duty, require};
use crate::areas::accounts::model::Actor;
use crate::entities::{agreement_item, case, letter, message, person};
use crate::error::{AppError, AppResult};
use crate::notify::letters::{self, Letter, Sender};
use crate::notify::locales;
use crate::notify::messages::{self, Fate, Outgoing, Recipient, Update};
use crate::notify::safe_contact::Channel;

/// What a letter sent from a case says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterKind {
    /// What restorative justice is, that it is free and their choice.
    Information,
    /// A copy of the outcome agreement's items.
    AgreementCopy,
}

impl LetterKind {
    fn as_str(self) -> &'static str {
        match self {
            LetterKind::Information => "rj_information",
            LetterKind::AgreementCopy => "agreement_copy",
        }
    }
}

/// Writes a letter to a participant and queues it for printing. Refused, with nothing written,
/// when they have not agreed to post or there is no address.
pub async fn send(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    case_id: Uuid,
    participant_id: Uuid,
    kind: LetterKind,
    from: &Sender<'_>,
) -> AppResult<Uuid> {
    let txn = crate::db::begin_write(db).await?;
    let work = access::for_work(&txn, actor, case_id).await?;
    let c = work.case().clone();
    let p = access::participant(&txn, work.view(), participant_id).await?;
    let person = person::Entity::find_by_id(p.person_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("The person"))?;
    let profile = messages::profile_of(&txn, &person, Some(p.id)).await?;
    if let Some(why) = profile.blocked() {
        return Err(AppError::Conflict(why));
    }
    if profile.choose(&[Channel::Letter]).is_none() {
        return Err(AppError::validation(
            "participantId",
            "They have not agreed to letters, or there is no address: change their contact details first",
        ));
    }
    let locale = locales::resolve(
        person.locale.as_deref(),
        person.preferred_language.as_deref(),
    );
    let (title, paragraphs, items) = match kind {
        LetterKind::Information => (
            locales::text(locale, "letter-info-title", &[]),
            letters::paragraphs(&locales::text(locale, "letter-info-body", &[])),
            vec![],
        ),
        LetterKind::AgreementCopy => {
            let rows = agreement_item::Entity::find()
                .filter(agreement_item::Column::CaseId.eq(c.id))
                .order_by_asc(agreement_item::Column::CreatedAt)
                .all(&txn)
                .await?;
            if rows.is_empty() {
                return Err(AppError::validation(
                    "kind",
                    "The case has no outcome agreement to send yet",
                ));
            }
            let items = rows
                .iter()
                .map(|i| match i.due_on {
                    Some(due) => locales::text(
                        locale,
                        "letter-agreement-item",
                        &[
                            ("what", i.description.as_str()),
                            (
                                "due",
                                &locales::date(
                                    locale,
                                    due.and_hms_opt(12, 0, 0).map_or(now, |t| t.and_utc()),
                                ),
                            ),
                        ],
                    ),
                    None => locales::text(
                        locale,
                        "letter-agreement-item-undated",
                        &[("what", i.description.as_str())],
                    ),
                })
                .collect();
            (
                locales::text(locale, "letter-agreement-title", &[]),
                vec![locales::text(locale, "letter-agreement-intro", &[])],
                items,
            )
        }
    };
    let letter = letters::compose(
        locale,
        &person,
        &c.reference,
        now,
        from,
        title,
        paragraphs,
        items,
    );
    let fate = messages::send(
        &txn,
        now,
        &Recipient {
            case_id: c.id,
            participant_id: p.id,
            person: &person,
        },
        Outgoing {
            kind: kind.as_str(),
            locale,
            email: None,
            text: None,
            letter,
        },
    )
    .await?;
    if let Fate::NotSent(why) = fate {
        return Err(AppError::Conflict(why));
    }
    audit::record_by(
        &txn,
        now,
        actor,
        work.entry("send_letter")
            .detail(serde_json::json!({"participant": p.id.to_string(), "kind": kind.as_str()})),
    )
    .await?;
    let id = message::Entity::find()
        .filter(message::Column::CaseId.eq(c.id))
        .filter(message::Column::ParticipantId.eq(p.id))
        .order_by_desc(message::Column::CreatedAt)
        .one(&txn)
        .await?
        .map(|m| m.id)
        .ok_or(AppError::internal("the letter was not written"))?;
    txn.commit().await?;
    Ok(id)
}

/// A letter waiting to be posted, as the print queue lists it: no name, no address.
pub struct Queued {
    pub message: message::Model,
    pub letter: letter::Model,
    pub case_reference: String,
}

/// Letters not yet posted, oldest first.
pub async fn queue(conn: &impl ConnectionTrait, actor: &Actor) -> AppResult<Vec<Queued>> {
    require(actor, Duty::PrintLetters)?;
    let waiting = letter::Entity::find()
        .filter(letter::Column::PostedAt.is_null())
        .order_by_asc(letter::Column::CreatedAt)
        .all(conn)
        .await?;
    let ids: Vec<Uuid> = waiting.iter().map(|l| l.id).collect();
    let msgs = message::Entity::find()
        .filter(message::Column::Id.is_in(ids))
        .all(conn)
        .await?;
    let cases = case::Entity::find()
        .filter(case::Column::Id.is_in(waiting.iter().map(|l| l.case_id)))
        .all(conn)
        .await?;
    Ok(waiting
        .into_iter()
        .filter_map(|l| {
            let message = msgs.iter().find(|m| m.id == l.id)?.clone();
            // Written off (the person erased or withdrew since): nothing left to post.
            if message.status == messages::NOT_SENT {
                return None;
            }
            let case_reference = cases.iter().find(|c| c.id == l.case_id)?.reference.clone();
            Some(Queued {
                message,
                letter: l,
                case_reference,
            })
        })
        .collect())
}

/// The letter as a PDF to print: a read of the person's name and address, audited; the first
/// printing is noted on the queue.
pub async fn pdf(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    id: Uuid,
) -> AppResult<Vec<u8>> {
    require(actor, Duty::PrintLetters)?;
    let txn = crate::db::begin_write(db).await?;
    let l = letter::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("The letter"))?;
    let m = message::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("The letter"))?;
    if let Some(person_id) = m.person_id {
        let erased = person::Entity::find_by_id(person_id)
            .one(&txn)
            .await?
            .is_none_or(|p| p.erased_at.is_some());
        if erased {
            return Err(AppError::Conflict(
                "This person's details have been erased: the letter cannot be printed".into(),
            ));
        }
    }
    let content: Letter = serde_json::from_value(l.content.clone()).map_err(AppError::internal)?;
    let bytes = letters::pdf(&content).map_err(AppError::internal)?;
    if l.printed_at.is_none() {
        let mut a: letter::ActiveModel = l.clone().into();
        a.printed_at = Set(Some(now));
        a.update(&txn).await?;
    }
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("print_letter", "person", m.person_id.unwrap_or_default())
            .detail(serde_json::json!({"letter": id.to_string(), "case": l.case_id.to_string()})),
    )
    .await?;
    txn.commit().await?;
    Ok(bytes)
}

/// Marks a printed letter posted: the message is sent. Posting it twice changes nothing.
pub async fn mark_posted(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    id: Uuid,
) -> AppResult<letter::Model> {
    require(actor, Duty::PrintLetters)?;
    let txn = crate::db::begin_write(db).await?;
    let l = letter::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("The letter"))?;
    if l.posted_at.is_some() {
        return Ok(l);
    }
    if l.printed_at.is_none() {
        return Err(AppError::validation(
            "messageId",
            "Print the letter before marking it posted",
        ));
    }
    let mut a: letter::ActiveModel = l.into();
    a.posted_at = Set(Some(now));
    a.posted_by = Set(Some(actor.user_id));
    let l = a.update(&txn).await?;
    messages::record(&txn, now, id, Update::Sent { provider_ref: None }).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("post_letter", "case", l.case_id)
            .detail(serde_json::json!({"letter": id.to_string()})),
    )
    .await?;
    txn.commit().await?;
    Ok(l)
}
