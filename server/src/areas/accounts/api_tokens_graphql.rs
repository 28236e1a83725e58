//! Partner systems' API tokens in the graph (#20): the co-ordinator issues, rotates, revokes
//! and lists them; the secret is in the answer once and never again.

use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use sea_orm::EntityTrait;

use super::api_tokens::{self, Issued, Scope, TokenRequest};
use crate::entities::{api_token, user};
use crate::graphql::context::{actor, server};
use crate::graphql::ids::{parse, to_id};

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "api_tokens::Scope")]
pub enum ApiScope {
    /// File referrals as the agency (`createReferral`).
    CreateReferral,
    /// Follow the agency's referrals (`myReferrals`).
    MyReferrals,
}

#[derive(SimpleObject)]
pub struct ApiToken {
    pub id: ID,
    /// The account the token acts as (audit rows name it).
    pub account_id: ID,
    pub name: String,
    pub agency: Option<String>,
    pub scopes: Vec<ApiScope>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    /// The token this one replaced, when it came from a rotation.
    pub rotated_from: Option<ID>,
    /// Neither revoked nor expired.
    pub usable: bool,
}

fn view(t: api_token::Model, u: Option<user::Model>, now: DateTime<Utc>) -> ApiToken {
    ApiToken {
        usable: t.revoked_at.is_none() && t.expires_at > now,
        id: to_id(t.id),
        account_id: to_id(t.user_id),
        name: u.as_ref().map(|u| u.name.clone()).unwrap_or_default(),
        agency: u.and_then(|u| u.agency),
        scopes: api_tokens::scopes_of(&t)
            .into_iter()
            .map(Into::into)
            .collect(),
        created_at: t.created_at,
        expires_at: t.expires_at,
        revoked_at: t.revoked_at,
        last_used_at: t.last_used_at,
        rotated_from: t.rotated_from.map(to_id),
    }
}

#[derive(SimpleObject)]
pub struct IssuedApiToken {
    pub token: ApiToken,
    /// Send it as `Authorization: Bearer <secret>`. Shown only now: it is not stored.
    pub secret: String,
}

#[derive(InputObject)]
pub struct IssueApiTokenInput {
    pub agency: String,
    /// The partner's system, in words ("YOS case system").
    pub name: String,
    pub scopes: Vec<ApiScope>,
    /// 90 unless given; at most 366.
    pub expires_in_days: Option<i64>,
}

#[derive(InputObject)]
pub struct RotateApiTokenInput {
    pub token_id: ID,
    pub expires_in_days: Option<i64>,
}

#[derive(InputObject)]
pub struct RevokeApiTokenInput {
    pub token_id: ID,
}

#[derive(SimpleObject)]
pub struct ApiTokenPayload {
    pub token: ApiToken,
}

async fn issued(ctx: &Context<'_>, i: Issued) -> Result<IssuedApiToken> {
    let s = server(ctx);
    let u = user::Entity::find_by_id(i.token.user_id).one(&s.db).await?;
    Ok(IssuedApiToken {
        token: view(i.token, u, s.clock.now()),
        secret: i.secret,
    })
}

#[derive(Default)]
pub struct ApiTokensQuery;

#[Object]
impl ApiTokensQuery {
    /// Every partner system's token, the newest first (co-ordinator).
    async fn api_tokens(&self, ctx: &Context<'_>) -> Result<Vec<ApiToken>> {
        let s = server(ctx);
        let now = s.clock.now();
        Ok(api_tokens::list(&s.db, actor(ctx)?)
            .await?
            .into_iter()
            .map(|(t, u)| view(t, u, now))
            .collect())
    }
}

#[derive(Default)]
pub struct ApiTokensMutation;

#[Object]
impl ApiTokensMutation {
    /// Issues a token to a partner agency's system for the operations named (co-ordinator).
    async fn issue_api_token(
        &self,
        ctx: &Context<'_>,
        input: IssueApiTokenInput,
    ) -> Result<IssuedApiToken> {
        let s = server(ctx);
        let i = api_tokens::issue(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            TokenRequest {
                agency: &input.agency,
                name: &input.name,
                scopes: input.scopes.into_iter().map(Scope::from).collect(),
                expires_in_days: input.expires_in_days,
            },
        )
        .await?;
        issued(ctx, i).await
    }

    /// A new secret for a token; the old one keeps working for a day (co-ordinator).
    async fn rotate_api_token(
        &self,
        ctx: &Context<'_>,
        input: RotateApiTokenInput,
    ) -> Result<IssuedApiToken> {
        let s = server(ctx);
        let id = parse("tokenId", &input.token_id)?;
        let i = api_tokens::rotate(&s.db, s.clock.now(), actor(ctx)?, id, input.expires_in_days)
            .await?;
        issued(ctx, i).await
    }

    /// Revokes a token at once (co-ordinator).
    async fn revoke_api_token(
        &self,
        ctx: &Context<'_>,
        input: RevokeApiTokenInput,
    ) -> Result<ApiTokenPayload> {
        let s = server(ctx);
        let id = parse("tokenId", &input.token_id)?;
        let t = api_tokens::revoke(&s.db, s.clock.now(), actor(ctx)?, id).await?;
        let u = user::Entity::find_by_id(t.user_id).one(&s.db).await?;
        Ok(ApiTokenPayload {
            token: view(t, u, s.clock.now()),
        })
    }
}
