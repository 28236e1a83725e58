//! Every message to a person goes through here (R-ST-4): the safe-contact profile chooses the
//! channel and the time, and each message becomes a row of the case's timeline (`messages`) —
//! queued, held until a safe time, sent, delivered, failed, or not sent and why. When a message
//! cannot go, the case's facilitators (or, with none, the co-ordinators) are told.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::safe_contact::{Channel, Decision, Profile, decide};
use super::texts::Text;
use super::{CHANNEL_CALENDAR, CHANNEL_EMAIL, CHANNEL_TEXT, CalendarEmail, Email};
use crate::entities::{case, case_facilitator, consent, message, outbox, person, role_grant, user};
use crate::error::{AppError, AppResult};

pub const HELD: &str = "held";
pub const QUEUED: &str = "queued";
pub const SENT: &str = "sent";
pub const DELIVERED: &str = "delivered";
pub const FAILED: &str = "failed";
pub const NOT_SENT: &str = "not_sent";

/// Who a message is for.
pub struct Recipient<'a> {
    pub case_id: Uuid,
    pub participant_id: Uuid,
    pub person: &'a person::Model,
}

/// One message in the words of each channel it may take; the first the person agreed to wins.
pub struct Outgoing {
    /// `acknowledgement`, `appointment`, …
    pub kind: &'static str,
    pub locale: &'static str,
    /// An e-mail, or an invitation for their calendar.
    pub email: Option<EmailPart>,
    pub text: Option<String>,
    /// A letter, for someone reached only by post (printed and posted by the co-ordinator).
    pub letter: Option<super::letters::Letter>,
}

pub enum EmailPart {
    Plain(Email),
    Invite(CalendarEmail),
}

/// What became of a message when it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    Queued(Channel),
    Held(Channel, DateTime<Utc>),
    NotSent(String),
}

/// Their latest word on being contacted, or on taking part, is no.
async fn withdrawn(
    conn: &impl ConnectionTrait,
    participant_id: Option<Uuid>,
) -> AppResult<Option<&'static str>> {
    let Some(p) = participant_id else {
        return Ok(None);
    };
    let answers = consent::Entity::find()
        .filter(consent::Column::ParticipantId.eq(p))
        .filter(consent::Column::Purpose.is_in(["contact_by_hub", "taking_part"]))
        .order_by_desc(consent::Column::At)
        .all(conn)
        .await?;
    for (purpose, why) in [
        (
            "contact_by_hub",
            "They withdrew consent to be contacted by the Hub",
        ),
        ("taking_part", "They withdrew consent to take part"),
    ] {
        if answers
            .iter()
            .find(|c| c.purpose == purpose)
            .is_some_and(|c| !c.given)
        {
            return Ok(Some(why));
        }
    }
    Ok(None)
}

pub async fn profile_of(
    conn: &impl ConnectionTrait,
    person: &person::Model,
    participant_id: Option<Uuid>,
) -> AppResult<Profile> {
    Ok(Profile::of(person, withdrawn(conn, participant_id).await?))
}

/// Writes the message: to the outbox now, or held for the next safe time, or not at all (and
/// the facilitators told). Call inside the transaction of the change that causes it.
pub async fn send(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    to: &Recipient<'_>,
    out: Outgoing,
) -> AppResult<Fate> {
    let profile = profile_of(conn, to.person, Some(to.participant_id)).await?;
    let mut preference = vec![];
    if out.email.is_some() {
        preference.push(Channel::Email);
    }
    if out.text.is_some() {
        preference.push(Channel::Text);
    }
    if out.letter.is_some() {
        preference.push(Channel::Letter);
    }
    let id = Uuid::now_v7();
    let row = |channel: Channel, status: &str| message::ActiveModel {
        case_id: Set(Some(to.case_id)),
        participant_id: Set(Some(to.participant_id)),
        person_id: Set(Some(to.person.id)),
        ..new_message(id, now, channel, out.kind, out.locale, status)
    };
    let chosen = profile.choose(&preference).and_then(|c| {
        let addr = profile.address_for(c)?.to_string();
        Some((c, addr))
    });
    let Some((channel, address)) = chosen else {
        let why = profile
            .blocked()
            .unwrap_or_else(|| profile.why_unreachable(&preference));
        let mut r = row(*preference.first().unwrap_or(&Channel::Email), NOT_SENT);
        r.reason = Set(Some(why.clone()));
        r.insert(conn).await?;
        tell_staff(conn, now, to.case_id, &why).await?;
        return Ok(Fate::NotSent(why));
    };
    let at = match decide(&profile, channel, &address, now) {
        Decision::NotSent(why) => {
            let mut r = row(channel, NOT_SENT);
            r.reason = Set(Some(why.clone()));
            r.insert(conn).await?;
            tell_staff(conn, now, to.case_id, &why).await?;
            return Ok(Fate::NotSent(why));
        }
        Decision::Hold(t) => Some(t),
        Decision::Send => None,
    };
    if let (Channel::Letter, Some(letter)) = (channel, &out.letter) {
        let mut r = row(channel, QUEUED);
        r.reason = Set(Some("To print and post".into()));
        r.insert(conn).await?;
        crate::entities::letter::ActiveModel {
            id: Set(id),
            case_id: Set(to.case_id),
            content: Set(json(letter)?),
            created_at: Set(now),
            printed_at: Set(None),
            posted_at: Set(None),
            posted_by: Set(None),
        }
        .insert(conn)
        .await?;
        return Ok(Fate::Queued(channel));
    }
    let (outbox_channel, payload) = match (channel, out.email, out.text) {
        (Channel::Email, Some(EmailPart::Plain(e)), _) => (CHANNEL_EMAIL, json(&e)?),
        (Channel::Email, Some(EmailPart::Invite(e)), _) => (CHANNEL_CALENDAR, json(&e)?),
        (Channel::Text, _, Some(body)) => (CHANNEL_TEXT, json(&Text { body })?),
        _ => {
            return Err(AppError::internal(
                "a message chose a channel it has no words for",
            ));
        }
    };
    let outbox_id = Uuid::now_v7();
    let mut r = row(channel, if at.is_some() { HELD } else { QUEUED });
    r.outbox_id = Set(Some(outbox_id));
    if let Some(t) = at {
        r.held_until = Set(Some(t));
        let windows = super::safe_contact::windows_for(&profile.windows, Some(channel));
        r.reason = Set(Some(format!(
            "Held until a safe time ({})",
            windows
                .iter()
                .map(|w| w.in_words())
                .collect::<Vec<_>>()
                .join("; ")
        )));
    }
    r.insert(conn).await?;
    super::queue(
        conn,
        now,
        outbox_id,
        outbox_channel,
        address,
        payload,
        at.unwrap_or(now),
        Some(id),
    )
    .await?;
    Ok(match at {
        Some(t) => Fate::Held(channel, t),
        None => Fate::Queued(channel),
    })
}

fn json<T: Serialize>(v: &T) -> AppResult<serde_json::Value> {
    serde_json::to_value(v).map_err(AppError::internal)
}

/// A timeline row for nobody yet: the caller says whose.
fn new_message(
    id: Uuid,
    now: DateTime<Utc>,
    channel: Channel,
    kind: &str,
    locale: &str,
    status: &str,
) -> message::ActiveModel {
    message::ActiveModel {
        id: Set(id),
        case_id: Set(None),
        participant_id: Set(None),
        person_id: Set(None),
        user_id: Set(None),
        channel: Set(channel.as_str().into()),
        kind: Set(kind.into()),
        locale: Set(locale.into()),
        status: Set(status.into()),
        reason: Set(None),
        held_until: Set(None),
        outbox_id: Set(None),
        provider_ref: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        delivered_at: Set(None),
        updated_at: Set(now),
    }
}

/// A text alert to a member of staff who chose them (`users.text_alerts`): a timeline row of
/// its own, so its delivery receipt is recorded. Staff have no safe-contact profile; the words
/// name no case and no one.
pub async fn text_staff(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    u: &user::Model,
    kind: &'static str,
    body: &str,
) -> AppResult<bool> {
    let Some(mobile) = u.mobile.clone().filter(|_| u.text_alerts) else {
        return Ok(false);
    };
    let (id, outbox_id) = (Uuid::now_v7(), Uuid::now_v7());
    message::ActiveModel {
        user_id: Set(Some(u.id)),
        outbox_id: Set(Some(outbox_id)),
        ..new_message(
            id,
            now,
            Channel::Text,
            kind,
            super::locales::DEFAULT,
            QUEUED,
        )
    }
    .insert(conn)
    .await?;
    let payload = json(&Text { body: body.into() })?;
    super::queue(
        conn,
        now,
        outbox_id,
        CHANNEL_TEXT,
        mobile,
        payload,
        now,
        Some(id),
    )
    .await?;
    Ok(true)
}

/// What the worker should do with an outbox row that carries a message, asked again just
/// before it goes.
pub async fn recheck(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    row: &outbox::Model,
) -> AppResult<Decision> {
    let Some(m) = message_of(conn, row).await? else {
        return Ok(Decision::Send);
    };
    let Some(person_id) = m.person_id else {
        return Ok(Decision::Send);
    };
    let Some(channel) = Channel::parse(&row.channel) else {
        return Ok(Decision::Send);
    };
    let Some(p) = person::Entity::find_by_id(person_id).one(conn).await? else {
        return Ok(Decision::NotSent(
            "The person is no longer on record".into(),
        ));
    };
    let profile = profile_of(conn, &p, m.participant_id).await?;
    Ok(decide(&profile, channel, &row.recipient, now))
}

async fn message_of(
    conn: &impl ConnectionTrait,
    row: &outbox::Model,
) -> AppResult<Option<message::Model>> {
    Ok(match row.message_id {
        Some(id) => message::Entity::find_by_id(id).one(conn).await?,
        None => None,
    })
}

/// Records what became of a message; a failure or a refusal also tells the staff.
pub async fn record(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    message_id: Uuid,
    update: Update,
) -> AppResult<()> {
    let Some(m) = message::Entity::find_by_id(message_id).one(conn).await? else {
        return Ok(());
    };
    let mut a: message::ActiveModel = m.clone().into();
    a.updated_at = Set(now);
    let mut tell = None;
    match update {
        Update::Held(t) => {
            a.status = Set(HELD.into());
            a.held_until = Set(Some(t));
        }
        Update::Sent { provider_ref } => {
            // A receipt can overtake the worker's own note that the text went: keep its word.
            if m.status != DELIVERED && m.status != FAILED {
                a.status = Set(SENT.into());
                a.reason = Set(None);
            }
            a.sent_at = Set(Some(now));
            a.provider_ref = Set(provider_ref);
        }
        Update::Delivered => {
            a.status = Set(DELIVERED.into());
            a.delivered_at = Set(Some(now));
        }
        Update::Failed(why) => {
            a.status = Set(FAILED.into());
            a.reason = Set(Some(why.clone()));
            tell = Some(why);
        }
        Update::NotSent(why) => {
            a.status = Set(NOT_SENT.into());
            a.reason = Set(Some(why.clone()));
            tell = Some(why);
        }
    }
    a.update(conn).await?;
    if let (Some(why), Some(case_id)) = (tell, m.case_id) {
        tell_staff(conn, now, case_id, &why).await?;
    }
    Ok(())
}

pub enum Update {
    Held(DateTime<Utc>),
    Sent { provider_ref: Option<String> },
    Delivered,
    Failed(String),
    NotSent(String),
}

/// A delivery receipt from the text provider, by its id for the message.
#[derive(Debug, Deserialize)]
pub struct Receipt {
    pub id: String,
    #[serde(default)]
    pub reference: Option<String>,
    pub status: String,
}

/// Applies a receipt; false when no message has that id. The provider's id is recorded once
/// the send is answered; a receipt that comes sooner is matched by its `reference`, the
/// message's own id.
pub async fn receipt(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    r: &Receipt,
) -> AppResult<bool> {
    let by_provider = message::Entity::find()
        .filter(message::Column::ProviderRef.eq(r.id.as_str()))
        .one(conn)
        .await?;
    let m = match (by_provider, r.reference.as_deref().map(Uuid::parse_str)) {
        (Some(m), _) => m,
        (None, Some(Ok(id))) => match message::Entity::find_by_id(id)
            .filter(message::Column::Channel.eq(Channel::Text.as_str()))
            .filter(message::Column::ProviderRef.is_null())
            .one(conn)
            .await?
        {
            Some(m) => m,
            None => return Ok(false),
        },
        _ => return Ok(false),
    };
    let update = match r.status.as_str() {
        "delivered" => Update::Delivered,
        "permanent-failure" => Update::Failed(
            "The phone network says the number does not exist or cannot take texts".into(),
        ),
        "temporary-failure" => {
            Update::Failed("The phone was off or out of signal until the network gave up".into())
        }
        "technical-failure" => Update::Failed("The text service could not send it".into()),
        // `created`, `sending`, `pending`: still on its way.
        _ => return Ok(true),
    };
    if m.status == DELIVERED || m.status == FAILED {
        return Ok(true);
    }
    record(conn, now, m.id, update).await?;
    Ok(true)
}

/// Tells the case's facilitators (or the co-ordinators, when it has none) that a message did
/// not reach someone — by the case reference and the reason only, never who.
async fn tell_staff(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    case_id: Uuid,
    why: &str,
) -> AppResult<()> {
    let Some(c) = case::Entity::find_by_id(case_id).one(conn).await? else {
        return Ok(());
    };
    let mut ids: Vec<Uuid> = case_facilitator::Entity::find()
        .filter(case_facilitator::Column::CaseId.eq(case_id))
        .filter(case_facilitator::Column::EndedAt.is_null())
        .all(conn)
        .await?
        .into_iter()
        .map(|f| f.user_id)
        .collect();
    if ids.is_empty() {
        ids = role_grant::Entity::find()
            .filter(role_grant::Column::Role.eq("coordinator"))
            .all(conn)
            .await?
            .into_iter()
            .map(|g| g.user_id)
            .collect();
    }
    let staff = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .filter(user::Column::Status.eq("active"))
        .filter(user::Column::ErasedAt.is_null())
        .all(conn)
        .await?;
    for u in staff {
        super::enqueue_email(
            conn,
            now,
            &u.email,
            &Email {
                subject: format!("RJ Hub: a message on {} did not go", c.reference),
                text: format!(
                    "A message to someone on case {} was not delivered: {why}.\n\nOpen the case in RJ Hub and look at its messages to see which, and contact them another way.\n\nRJ Hub\n",
                    c.reference
                ),
            },
        )
        .await?;
        super::enqueue_push(
            conn,
            now,
            u.id,
            &super::push::PushMessage {
                title: "A message did not go".into(),
                body: format!("Case {}: open it to see why.", c.reference),
                url: format!("/cases/{}#messages", c.id),
                ttl: 86_400,
                urgent: false,
            },
        )
        .await?;
    }
    Ok(())
}

/// A case's messages, newest first (the caller has checked who may see which participants').
pub async fn of_case(
    conn: &impl ConnectionTrait,
    case_id: Uuid,
    participants: Option<Vec<Uuid>>,
) -> AppResult<Vec<message::Model>> {
    let mut q = message::Entity::find().filter(message::Column::CaseId.eq(case_id));
    if let Some(ids) = participants {
        q = q.filter(message::Column::ParticipantId.is_in(ids));
    }
    Ok(q.order_by_desc(message::Column::CreatedAt)
        .all(conn)
        .await?)
}

/// Marks the outbox row done without sending (the message was refused at the last moment).
pub async fn close_unsent(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    row: &outbox::Model,
    why: &str,
) -> AppResult<()> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::DeliveredAt, Expr::value(now))
        .col_expr(
            outbox::Column::LastError,
            Expr::value(format!("not sent: {why}")),
        )
        .col_expr(
            outbox::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(outbox::Column::Id.eq(row.id))
        .exec(conn)
        .await?;
    Ok(())
}
