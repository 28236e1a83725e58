//! The browsers a user asked to be notified on (web push subscriptions).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use super::model::Actor;
use crate::entities::push_subscription;
use crate::error::{AppError, AppResult};

fn check_endpoint(endpoint: &str, allow_http: bool) -> AppResult<String> {
    let bad = || AppError::validation("endpoint", "That is not a push service address");
    let e = endpoint.trim();
    if e.len() > 1000 {
        return Err(bad());
    }
    let url = reqwest::Url::parse(e).map_err(|_| bad())?;
    let ok_scheme = url.scheme() == "https" || (allow_http && url.scheme() == "http");
    if !ok_scheme || url.host_str().is_none() || !url.username().is_empty() {
        return Err(bad());
    }
    Ok(url.to_string())
}

fn check_key(field: &'static str, v: &str, len: usize) -> AppResult<String> {
    let bytes = URL_SAFE_NO_PAD
        .decode(v.trim().trim_end_matches('='))
        .map_err(|_| AppError::validation(field, "That key is not base64url"))?;
    if bytes.len() != len || (len == 65 && bytes.first() != Some(&4)) {
        return Err(AppError::validation(field, "That key has the wrong length"));
    }
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// Registers (or moves to this user) a browser's subscription.
pub async fn register(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    endpoint: &str,
    p256dh: &str,
    auth: &str,
    allow_http: bool,
) -> AppResult<()> {
    let endpoint = check_endpoint(endpoint, allow_http)?;
    let p256dh = check_key("p256dh", p256dh, 65)?;
    let auth = check_key("auth", auth, 16)?;
    let txn = crate::db::begin_write(db).await?;
    push_subscription::Entity::delete_many()
        .filter(push_subscription::Column::Endpoint.eq(&endpoint))
        .exec(&txn)
        .await?;
    push_subscription::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(actor.user_id),
        endpoint: Set(endpoint),
        p256dh: Set(p256dh),
        auth: Set(auth),
        created_at: Set(now),
        last_success_at: Set(None),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn remove(db: &DatabaseConnection, actor: &Actor, endpoint: &str) -> AppResult<()> {
    push_subscription::Entity::delete_many()
        .filter(push_subscription::Column::UserId.eq(actor.user_id))
        .filter(push_subscription::Column::Endpoint.eq(endpoint.trim()))
        .exec(db)
        .await?;
    Ok(())
}
