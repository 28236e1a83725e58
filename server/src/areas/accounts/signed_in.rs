//! Sessions people can see (#20): "signed in on these devices", signing out of one or all, a
//! co-ordinator suspending a user (every session ends at once), and an e-mail when someone signs
//! in from a device their account has not used before. A device is a summary of the browser's
//! User-Agent ("Chrome on Android") — enough to recognise, never the full string or the address.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::model::{Actor, UserStatus};
use super::sessions;
use crate::access::audit::{self, Entry};
use crate::access::rules::{Duty, require};
use crate::entities::{session, sign_in_device, user};
use crate::error::{AppError, AppResult};
use crate::kernel::required_text;
use crate::notify::{self, Email};

/// "Browser on system" from a User-Agent header. Only the families people recognise: the
/// order matters, since Edge and Samsung Internet also say "Chrome", and Chrome says "Safari".
pub fn device_of(user_agent: Option<&str>) -> String {
    let ua = user_agent.unwrap_or_default();
    let browser = [
        ("Edg/", "Edge"),
        ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"),
        ("FxiOS/", "Firefox"),
        ("CriOS/", "Chrome"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .iter()
    .find(|(token, _)| ua.contains(token))
    .map_or("A browser", |(_, name)| name);
    let system = [
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Android", "Android"),
        ("Windows", "Windows"),
        ("Mac OS X", "a Mac"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(token, _)| ua.contains(token))
    .map(|(_, name)| *name);
    match system {
        Some(s) => format!("{browser} on {s}"),
        None => browser.to_string(),
    }
}

/// After a sign-in: remembers the device, and when the account has signed in before but never
/// from this device, e-mails the user (queued in the same transaction as the session).
pub async fn note_sign_in(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    u: &user::Model,
    device: &str,
) -> AppResult<()> {
    let known = sign_in_device::Entity::find()
        .filter(sign_in_device::Column::UserId.eq(u.id))
        .count(conn)
        .await?;
    let inserted = sign_in_device::Entity::insert(sign_in_device::ActiveModel {
        user_id: Set(u.id),
        device: Set(device.into()),
        first_seen_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([
            sign_in_device::Column::UserId,
            sign_in_device::Column::Device,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    if inserted == 1 && known > 0 {
        let when = now
            .with_timezone(&chrono_tz::Europe::London)
            .format("%-d %B %Y at %H:%M");
        notify::enqueue_email(
            conn,
            now,
            &u.email,
            &Email {
                subject: "RJ Hub: a sign-in from a new device".into(),
                text: format!(
                    "Hello {},\n\nYour RJ Hub account was signed in on {when} from a device it has not used before: {device}.\n\nIf this was you, there is nothing to do. If it was not, open RJ Hub, go to \"Signed in on these devices\" in your settings, sign out everywhere and change your password, then tell the RJ co-ordinator.\n\nRJ Hub\n",
                    u.name
                ),
            },
        )
        .await?;
    }
    Ok(())
}

/// The signed-in user's own sessions, the newest first.
pub async fn my_sessions(
    conn: &impl ConnectionTrait,
    actor: &Actor,
) -> AppResult<Vec<session::Model>> {
    Ok(session::Entity::find()
        .filter(session::Column::UserId.eq(actor.user_id))
        .order_by_desc(session::Column::LastSeenAt)
        .all(conn)
        .await?)
}

/// Ends one of the user's own sessions (another device, or this one).
pub async fn sign_out_session(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    session_id: Uuid,
) -> AppResult<()> {
    let txn = crate::db::begin_write(db).await?;
    let ended = session::Entity::delete_many()
        .filter(session::Column::Id.eq(session_id))
        .filter(session::Column::UserId.eq(actor.user_id))
        .exec(&txn)
        .await?;
    if ended.rows_affected == 0 {
        return Err(AppError::NotFound("That session"));
    }
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("sign_out_session", "session", session_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Ends every session of the user, this one included.
pub async fn sign_out_everywhere(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
) -> AppResult<()> {
    let txn = crate::db::begin_write(db).await?;
    sessions::end_others(&txn, actor.user_id, None).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("sign_out_everywhere", "user", actor.user_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Moves an account from one status to another, or says why it cannot.
async fn change_status(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    user_id: Uuid,
    (from, to): (UserStatus, UserStatus),
    refusal: &str,
) -> AppResult<user::Model> {
    let u = user::Entity::find_by_id(user_id)
        .one(conn)
        .await?
        .filter(|u| u.erased_at.is_none())
        .ok_or(AppError::NotFound("The user"))?;
    if u.status != from.as_str() {
        return Err(AppError::Conflict(refusal.into()));
    }
    let mut a = u.into_active_model();
    a.status = Set(to.as_str().into());
    a.updated_at = Set(now);
    Ok(a.update(conn).await?)
}

/// The co-ordinator acting on someone else's account, with a reason for the audit log: the
/// duty, the reason (trimmed), and never one's own account (`about`: what the reason is for;
/// `own`: the refusal for one's own).
pub(super) fn on_anothers_account(
    actor: &Actor,
    user_id: Uuid,
    reason: &str,
    (about, own): (&str, &str),
) -> AppResult<String> {
    require(actor, Duty::ManageUsers)?;
    let reason = required_text("reason", reason, 1000, about)?;
    if user_id == actor.user_id {
        return Err(AppError::validation("userId", own));
    }
    Ok(reason)
}

/// The co-ordinator suspends a user: they can no longer sign in, and every session they have
/// ends at once (the next request of each is refused). The reason is recorded and the user is
/// told by e-mail.
pub async fn suspend_user(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    user_id: Uuid,
    reason: &str,
) -> AppResult<user::Model> {
    let reason = on_anothers_account(
        actor,
        user_id,
        reason,
        (
            "why the account is suspended",
            "You cannot suspend your own account",
        ),
    )?;
    let txn = crate::db::begin_write(db).await?;
    let u = change_status(
        &txn,
        now,
        user_id,
        (UserStatus::Active, UserStatus::Disabled),
        "Only an active account can be suspended",
    )
    .await?;
    sessions::end_others(&txn, user_id, None).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("suspend_user", "user", user_id).detail(serde_json::json!({ "reason": reason })),
    )
    .await?;
    notify::enqueue_email(
        &txn,
        now,
        &u.email,
        &Email {
            subject: "RJ Hub: your account is suspended".into(),
            text: format!(
                "Hello {},\n\nThe RJ co-ordinator has suspended your RJ Hub account, and you have been signed out everywhere. Contact the co-ordinator if you did not expect this.\n\nRJ Hub\n",
                u.name
            ),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(u)
}

/// The co-ordinator lifts a suspension; the user signs in again with their password.
pub async fn reinstate_user(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    user_id: Uuid,
) -> AppResult<user::Model> {
    require(actor, Duty::ManageUsers)?;
    let txn = crate::db::begin_write(db).await?;
    let u = change_status(
        &txn,
        now,
        user_id,
        (UserStatus::Disabled, UserStatus::Active),
        "Only a suspended account can be reinstated",
    )
    .await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("reinstate_user", "user", user_id),
    )
    .await?;
    notify::enqueue_email(
        &txn,
        now,
        &u.email,
        &Email {
            subject: "RJ Hub: your account is active again".into(),
            text: format!(
                "Hello {},\n\nThe RJ co-ordinator has lifted the suspension of your RJ Hub account: you can sign in again with your password.\n\nRJ Hub\n",
                u.name
            ),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_is_its_browser_and_system_in_words() {
        let android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";
        assert_eq!(device_of(Some(android)), "Chrome on Android");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        assert_eq!(device_of(Some(iphone)), "Safari on iPhone");
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0";
        assert_eq!(device_of(Some(edge)), "Edge on Windows");
        assert_eq!(device_of(Some("curl/8.5.0")), "A browser");
        assert_eq!(device_of(None), "A browser");
    }
}
