//! Sessions people can see in the graph (#20): the signed-in user's devices and signing out of
//! one or all; the co-ordinator's suspension of an account.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use axum::http::header::SET_COOKIE;
use chrono::{DateTime, Utc};

use super::signed_in;
use crate::entities::user;
use crate::graphql::context::{actor, server};
use crate::graphql::ids::{parse, to_id};

/// One place the user is signed in.
#[derive(SimpleObject)]
pub struct SignedInSession {
    pub id: ID,
    /// The device in words, e.g. "Chrome on Android".
    pub device: String,
    pub signed_in_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// The session this request came with.
    pub current: bool,
}

#[derive(InputObject)]
pub struct SignOutSessionInput {
    pub session_id: ID,
}

#[derive(SimpleObject)]
pub struct SignedOutPayload {
    /// The sessions left (empty after signing out here or everywhere).
    pub sessions: Vec<SignedInSession>,
}

#[derive(InputObject)]
pub struct SuspendUserInput {
    pub user_id: ID,
    /// Recorded in the audit log; the user is told only that the account is suspended.
    pub reason: String,
}

#[derive(InputObject)]
pub struct ReinstateUserInput {
    pub user_id: ID,
}

#[derive(SimpleObject)]
pub struct AccountStatusPayload {
    pub user_id: ID,
    /// `active` or `disabled` (suspended).
    #[graphql(deprecation = "Use accountStatus, the same words as User.accountStatus.")]
    pub status: String,
    pub account_status: super::graphql::AccountStatus,
}

fn status(u: user::Model) -> AccountStatusPayload {
    AccountStatusPayload {
        user_id: to_id(u.id),
        account_status: super::graphql::AccountStatus::of(&u.status),
        status: u.status,
    }
}

async fn sessions_of(ctx: &Context<'_>) -> Result<Vec<SignedInSession>> {
    let a = actor(ctx)?;
    Ok(signed_in::my_sessions(&server(ctx).db, a)
        .await?
        .into_iter()
        .map(|s| SignedInSession {
            current: s.id == a.session_id,
            id: to_id(s.id),
            device: s.device.unwrap_or_else(|| "A browser".into()),
            signed_in_at: s.created_at,
            last_seen_at: s.last_seen_at,
        })
        .collect())
}

#[derive(Default)]
pub struct SignedInQuery;

#[Object]
impl SignedInQuery {
    /// Where the signed-in user is signed in, the most recently used first.
    async fn my_sessions(&self, ctx: &Context<'_>) -> Result<Vec<SignedInSession>> {
        sessions_of(ctx).await
    }
}

#[derive(Default)]
pub struct SignedInMutation;

#[Object]
impl SignedInMutation {
    /// Signs out one of the user's own sessions (another device, or this one).
    async fn sign_out_session(
        &self,
        ctx: &Context<'_>,
        input: SignOutSessionInput,
    ) -> Result<SignedOutPayload> {
        let s = server(ctx);
        let a = actor(ctx)?;
        let id = parse("sessionId", &input.session_id)?;
        signed_in::sign_out_session(&s.db, s.clock.now(), a, id).await?;
        if id == a.session_id {
            ctx.append_http_header(SET_COOKIE, s.sessions.clear_cookie());
            return Ok(SignedOutPayload { sessions: vec![] });
        }
        Ok(SignedOutPayload {
            sessions: sessions_of(ctx).await?,
        })
    }

    /// Signs out every session of the user, this one included.
    async fn sign_out_everywhere(&self, ctx: &Context<'_>) -> Result<SignedOutPayload> {
        let s = server(ctx);
        signed_in::sign_out_everywhere(&s.db, s.clock.now(), actor(ctx)?).await?;
        ctx.append_http_header(SET_COOKIE, s.sessions.clear_cookie());
        Ok(SignedOutPayload { sessions: vec![] })
    }

    /// The co-ordinator suspends an account: every session ends at once, the user is told.
    async fn suspend_user(
        &self,
        ctx: &Context<'_>,
        input: SuspendUserInput,
    ) -> Result<AccountStatusPayload> {
        let s = server(ctx);
        let id = parse("userId", &input.user_id)?;
        Ok(status(
            signed_in::suspend_user(&s.db, s.clock.now(), actor(ctx)?, id, &input.reason).await?,
        ))
    }

    /// The co-ordinator lifts a suspension.
    async fn reinstate_user(
        &self,
        ctx: &Context<'_>,
        input: ReinstateUserInput,
    ) -> Result<AccountStatusPayload> {
        let s = server(ctx);
        let id = parse("userId", &input.user_id)?;
        Ok(status(
            signed_in::reinstate_user(&s.db, s.clock.now(), actor(ctx)?, id).await?,
        ))
    }
}
