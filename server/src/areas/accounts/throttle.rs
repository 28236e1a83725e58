//! Sign-in throttling per account (the address typed) and per client address. A key is locked
//! for `lockout` once it has `max` failures inside one `lockout`-long window. Attempts are
//! reserved before the password is hashed, atomically on both databases, so sending attempts at
//! once cannot get more of them tried.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, EntityTrait};

use super::secrets::token_hash;
use crate::config::Config;
use crate::entities::login_throttle;
use crate::error::{AppError, AppResult};

/// How many failures a key may have in a window, and how long a lock lasts.
pub struct LoginLimits {
    pub per_account: i32,
    pub per_address: i32,
    pub lockout: Duration,
}

impl LoginLimits {
    pub fn from_config(cfg: &Config) -> Self {
        Self {
            per_account: cfg.login_max_failures_per_account.max(1),
            per_address: cfg.login_max_failures_per_address.max(1),
            lockout: Duration::minutes(cfg.login_lockout_minutes.max(1)),
        }
    }
}

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

/// Reserves one attempt for `key` before the password is checked, in a single statement, so
/// that however many attempts arrive at once at most `max` are ever tried in a window: the
/// attempt counts as a failure until `forgive` takes it back. Returns false (nothing reserved)
/// while the key is locked, or when the window's attempts are used up; the attempt that uses up
/// the last one locks the key for `lockout`.
pub async fn reserve(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    key: &str,
    max: i32,
    lockout: Duration,
) -> AppResult<bool> {
    let edge = now - lockout;
    let until = now + lockout;
    // The window starts afresh once its lockout has passed; `failures` is the attempts in it.
    let fresh = "login_throttle.window_started_at <= ?";
    let sql = format!(
        "INSERT INTO login_throttle (key, failures, window_started_at, locked_until) \
         VALUES (?, 1, ?, CASE WHEN 1 >= ? THEN ? ELSE NULL END) \
         ON CONFLICT (key) DO UPDATE SET \
           failures = CASE WHEN {fresh} THEN 1 ELSE login_throttle.failures + 1 END, \
           window_started_at = CASE WHEN {fresh} THEN ? ELSE login_throttle.window_started_at END, \
           locked_until = CASE WHEN (CASE WHEN {fresh} THEN 1 ELSE login_throttle.failures + 1 END) >= ? \
             THEN ? ELSE NULL END \
         WHERE (login_throttle.locked_until IS NULL OR login_throttle.locked_until <= ?) \
           AND ({fresh} OR login_throttle.failures < ?) \
         RETURNING failures"
    );
    let values: Vec<sea_orm::Value> = vec![
        key.into(),
        now.into(),
        max.into(),
        until.into(),
        edge.into(),
        edge.into(),
        now.into(),
        edge.into(),
        max.into(),
        until.into(),
        now.into(),
        edge.into(),
        max.into(),
    ];
    let row = conn
        .query_one_raw(crate::db::statement(
            conn.get_database_backend(),
            &sql,
            values,
        ))
        .await?;
    Ok(row.is_some())
}

/// Takes back an attempt that turned out not to be a failure (the password was right, or
/// another key's lock stopped it before it was tried).
pub async fn forgive(conn: &impl ConnectionTrait, key: &str) -> AppResult<()> {
    conn.execute_raw(crate::db::statement(
        conn.get_database_backend(),
        "UPDATE login_throttle SET failures = failures - 1 WHERE key = ? AND failures > 0",
        vec![key.into()],
    ))
    .await?;
    Ok(())
}

pub async fn clear(conn: &impl ConnectionTrait, key: &str) -> AppResult<()> {
    login_throttle::Entity::delete_by_id(key.to_string())
        .exec(conn)
        .await?;
    Ok(())
}
