//! Sign-in throttling per account (the address typed) and per client address. A key is locked
//! for `lockout` once it has `max` failures inside one `lockout`-long window.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set};

use super::secrets::token_hash;
use crate::entities::login_throttle;
use crate::error::{AppError, AppResult};

pub fn account_key(email: &str) -> String {
    format!("acct:{}", &token_hash(email)[..40])
}

pub fn address_key(addr: &std::net::IpAddr) -> String {
    format!("addr:{}", &token_hash(&addr.to_string())[..40])
}

pub fn locked_message(lockout: Duration) -> AppError {
    AppError::TooManyRequests(format!(
        "Too many failed sign-in attempts. Wait {} minutes and try again, or ask the co-ordinator to reset your password.",
        lockout.num_minutes()
    ))
}

/// Refuses when any key is locked now.
pub async fn check(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    keys: &[&str],
    lockout: Duration,
) -> AppResult<()> {
    for key in keys {
        if let Some(row) = login_throttle::Entity::find_by_id(key.to_string())
            .one(conn)
            .await?
            && row.locked_until.is_some_and(|until| until > now)
        {
            return Err(locked_message(lockout));
        }
    }
    Ok(())
}

pub async fn record_failure(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    key: &str,
    max: i32,
    lockout: Duration,
) -> AppResult<()> {
    login_throttle::Entity::insert(login_throttle::ActiveModel {
        key: Set(key.to_string()),
        failures: Set(0),
        window_started_at: Set(now),
        locked_until: Set(None),
    })
    .on_conflict_do_nothing_on([login_throttle::Column::Key])
    .exec(conn)
    .await?;
    let Some(row) = login_throttle::Entity::find_by_id(key.to_string())
        .one(conn)
        .await?
    else {
        return Ok(());
    };
    let window_over = row.window_started_at + lockout <= now;
    let failures = if window_over { 1 } else { row.failures + 1 };
    let mut active = row.into_active_model();
    if window_over {
        active.window_started_at = Set(now);
    }
    active.failures = Set(failures);
    active.locked_until = Set((failures >= max).then(|| now + lockout));
    active.update(conn).await?;
    Ok(())
}

pub async fn clear(conn: &impl ConnectionTrait, key: &str) -> AppResult<()> {
    login_throttle::Entity::delete_by_id(key.to_string())
        .exec(conn)
        .await?;
    Ok(())
}
