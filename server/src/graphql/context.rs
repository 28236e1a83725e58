//! What every resolver can reach: the server's shared parts and this request's actor.

use std::net::IpAddr;
use std::sync::Arc;

use async_graphql::Context;
use sea_orm::DatabaseConnection;
use tokio::sync::Notify;

use crate::areas::accounts::model::Actor;
use crate::areas::accounts::service::LoginLimits;
use crate::areas::accounts::sessions::SessionPolicy;
use crate::clock::Clock;
use crate::config::Config;
use crate::error::AppError;

pub struct ServerCtx {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub clock: Arc<dyn Clock>,
    pub sessions: SessionPolicy,
    pub login_limits: LoginLimits,
    pub outbox_wake: Arc<Notify>,
    pub pusher: Arc<crate::notify::push::Pusher>,
    /// The WebAuthn relying party; `None` when the public address cannot be one.
    pub passkeys: Option<webauthn_rs::Webauthn>,
    /// Sessions this process resolved a moment ago (see `session_memory`).
    pub session_memory: crate::areas::accounts::session_memory::SessionMemory,
}

pub struct RequestCtx {
    pub actor: Option<Actor>,
    pub client: IpAddr,
    /// The browser's User-Agent header (summarised for sessions, never stored whole).
    pub user_agent: Option<String>,
    /// The signed-in user as the session's lookup found them (what `me` answers from).
    pub me: Option<std::sync::Arc<crate::areas::accounts::service::UserView>>,
}

pub fn server<'a>(ctx: &Context<'a>) -> &'a ServerCtx {
    // Both are inserted by `build_schema` and the HTTP handler before any resolver runs.
    ctx.data_unchecked::<Arc<ServerCtx>>()
}

pub fn request<'a>(ctx: &Context<'a>) -> &'a RequestCtx {
    ctx.data_unchecked::<RequestCtx>()
}

/// The signed-in actor, or `UNAUTHENTICATED`.
pub fn actor<'a>(ctx: &Context<'a>) -> Result<&'a Actor, AppError> {
    request(ctx).actor.as_ref().ok_or(AppError::Unauthenticated)
}
