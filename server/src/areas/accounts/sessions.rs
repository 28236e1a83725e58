//! Server-side sessions: an opaque token in an HttpOnly cookie, its hash in the database, idle
//! and absolute expiry checked on every request.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
};
use uuid::Uuid;

use super::model::{Actor, Role, UserStatus};
use super::secrets::{new_token, token_hash};
use super::session_memory::{Remembered, SessionMemory};
use super::view::UserView;
pub use super::view::roles_of;
use crate::access::Pending;
use crate::config::Config;
use crate::entities::{session, user};
use crate::error::AppResult;

pub const COOKIE: &str = "rjhub_session";

/// A session waiting for its second factor lasts this long at most: enough to find the phone.
const WAITING_FOR: Duration = Duration::minutes(10);

/// Refresh `last_seen_at` at most this often, so reads do not each cost a write.
const TOUCH_EVERY: Duration = Duration::seconds(60);

pub struct SessionPolicy {
    pub idle: Duration,
    pub absolute: Duration,
    pub secure_cookie: bool,
    /// Roles whose sessions wait for a second factor (enrolment if the user has none yet).
    pub second_factor_roles: BTreeSet<Role>,
}

impl SessionPolicy {
    pub fn from_config(cfg: &Config) -> Self {
        Self {
            idle: Duration::minutes(cfg.session_idle_minutes.max(1)),
            absolute: Duration::hours(cfg.session_absolute_hours.max(1)),
            secure_cookie: cfg.cookie_secure(),
            // `serve` refuses to start on a bad list; anywhere else a bad list fails closed.
            second_factor_roles: cfg
                .second_factor_roles()
                .unwrap_or_else(|_| crate::config::roles_seeing_personal_data()),
        }
    }

    pub fn set_cookie(&self, token: &str) -> String {
        let mut c = cookie::Cookie::build((COOKIE, token.to_string()))
            .http_only(true)
            .same_site(cookie::SameSite::Strict)
            .path("/")
            .max_age(cookie::time::Duration::seconds(self.absolute.num_seconds()))
            .secure(self.secure_cookie)
            .build();
        c.set_secure(self.secure_cookie);
        c.to_string()
    }

    pub fn clear_cookie(&self) -> String {
        cookie::Cookie::build((COOKIE, ""))
            .http_only(true)
            .same_site(cookie::SameSite::Strict)
            .path("/")
            .max_age(cookie::time::Duration::ZERO)
            .secure(self.secure_cookie)
            .build()
            .to_string()
    }
}

/// How far a session is signed in: fully, or after the password only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Full,
    Waiting(Pending),
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Full => "full",
            Stage::Waiting(Pending::SecondFactor) => "second_factor",
            Stage::Waiting(Pending::Enrol) => "enrol",
        }
    }

    /// Anything not known is treated as the strictest stage still waiting, never as signed in.
    fn parse(s: &str) -> Self {
        match s {
            "full" => Stage::Full,
            "enrol" => Stage::Waiting(Pending::Enrol),
            _ => Stage::Waiting(Pending::SecondFactor),
        }
    }
}

/// Starts a session; returns the token for the cookie.
pub async fn start(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    policy: &SessionPolicy,
    user_id: Uuid,
    device: &str,
    stage: Stage,
) -> AppResult<(String, Uuid)> {
    let token = new_token();
    let id = Uuid::now_v7();
    session::ActiveModel {
        id: Set(id),
        token_hash: Set(token_hash(&token)),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now
            + match stage {
                Stage::Full => policy.absolute,
                Stage::Waiting(_) => WAITING_FOR.min(policy.absolute),
            }),
        device: Set(Some(device.into())),
        stage: Set(stage.as_str().into()),
    }
    .insert(conn)
    .await?;
    Ok((token, id))
}

/// A signed-in request: the actor, and for a fully signed-in session the user as `me` shows
/// them, read in the same lookup.
pub struct SignedIn {
    pub actor: Actor,
    pub user: Option<Arc<UserView>>,
}

/// The signed-in request for a cookie's token, or `None` when the session is unknown, expired
/// (idle or absolute) or its user is no longer active (expired sessions are deleted), through
/// the process's memory of recent lookups: a session seen within the
/// memory's lifetime, still inside its expiry and not due a `last_seen_at` refresh, costs no
/// query (see `session_memory`).
pub async fn resolve_remembered(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    policy: &SessionPolicy,
    memory: &SessionMemory,
    token: &str,
) -> AppResult<Option<SignedIn>> {
    let hash = token_hash(token);
    if let Some(r) = memory.recall(&hash)
        && r.expires_at > now
        && r.last_seen_at + policy.idle > now
        && now - r.last_seen_at < TOUCH_EVERY
        && r.last_seen_at <= now
    {
        return Ok(Some(SignedIn {
            actor: r.actor.for_another_request(),
            user: r.user,
        }));
    }
    let generation = memory.generation();
    let Some(found) = look_up(conn, now, policy, &hash).await? else {
        return Ok(None);
    };
    let signed_in = SignedIn {
        actor: found.actor.for_another_request(),
        user: found.user.clone(),
    };
    memory.remember(hash, generation, found);
    Ok(Some(signed_in))
}

async fn look_up(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    policy: &SessionPolicy,
    hash: &str,
) -> AppResult<Option<Remembered>> {
    let Some(s) = session::Entity::find()
        .filter(session::Column::TokenHash.eq(hash))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    if s.expires_at <= now || s.last_seen_at + policy.idle <= now {
        session::Entity::delete_by_id(s.id).exec(conn).await?;
        return Ok(None);
    }
    let Some(u) = user::Entity::find_by_id(s.user_id).one(conn).await? else {
        return Ok(None);
    };
    if u.status != UserStatus::Active.as_str() || u.erased_at.is_some() {
        session::Entity::delete_by_id(s.id).exec(conn).await?;
        return Ok(None);
    }
    let session_id = s.id;
    let expires_at = s.expires_at;
    let stage = Stage::parse(&s.stage);
    let mut last_seen_at = s.last_seen_at;
    if now - s.last_seen_at >= TOUCH_EVERY {
        let mut active = s.into_active_model();
        active.last_seen_at = Set(now);
        active.update(conn).await?;
        last_seen_at = now;
    }
    let (actor, user) = match stage {
        Stage::Waiting(p) => (Actor::pending(u.id, session_id, p), None),
        Stage::Full => {
            let roles = roles_of(conn, u.id).await?;
            let actor = Actor::new(u.id, session_id, roles.clone(), u.agency.clone());
            let view = super::view::user_view_of(conn, u, roles).await?;
            (actor, Some(Arc::new(view)))
        }
    };
    Ok(Some(Remembered {
        actor,
        last_seen_at,
        expires_at,
        user,
    }))
}

pub async fn end(conn: &impl ConnectionTrait, session_id: Uuid) -> AppResult<()> {
    session::Entity::delete_by_id(session_id).exec(conn).await?;
    Ok(())
}

/// Ends every session of a user but one (after a password change).
pub async fn end_others(
    conn: &impl ConnectionTrait,
    user_id: Uuid,
    keep: Option<Uuid>,
) -> AppResult<()> {
    let mut q = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(keep) = keep {
        q = q.filter(session::Column::Id.ne(keep));
    }
    q.exec(conn).await?;
    Ok(())
}
