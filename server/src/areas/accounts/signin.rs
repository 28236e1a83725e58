//! Signing in and out, and changing a password: argon2id off the async threads, the lock-out
//! throttle, sessions.

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    Set,
};

use super::model::{Actor, UserStatus, validate_password};
use super::secrets::{hash_password_blocking, verify_password_blocking};
use super::service::{UserView, user_view};
use super::sessions::{self, SessionPolicy};
use super::throttle::{self, LoginLimits};
use crate::access::audit::{self, Entry};
use crate::entities::user;
use crate::error::{AppError, AppResult};

/// A new signed-in session: the user and the cookie token.
pub struct SignedIn {
    pub user: UserView,
    pub token: String,
    /// Signed in, or waiting for a second factor.
    pub stage: sessions::Stage,
}

/// Where a sign-in comes from: the address (for throttling) and the device in words.
pub struct SignInFrom<'a> {
    pub address: IpAddr,
    pub device: &'a str,
}

pub async fn login(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    policy: &SessionPolicy,
    limits: &LoginLimits,
    from: SignInFrom<'_>,
    email: &str,
    password: &str,
) -> AppResult<SignedIn> {
    let SignInFrom {
        address: client,
        device,
    } = from;
    let email = email.trim().to_lowercase();
    if email.is_empty() || password.is_empty() {
        return Err(AppError::BadCredentials);
    }
    let acct_key = throttle::account_key(&email);
    let addr_key = throttle::address_key(&client);
    // The attempt is reserved on the account, then on the address, before anything is
    // checked; if the address is used up the account gets its reservation back, and nothing is
    // tried. (The address is asked only for attempts the account allows, so attempts refused
    // for the account never use up the address's.)
    if !throttle::reserve(db, now, &acct_key, limits.per_account, limits.lockout).await? {
        return Err(throttle::locked_message(limits.lockout));
    }
    if !throttle::reserve(db, now, &addr_key, limits.per_address, limits.lockout).await? {
        throttle::forgive(db, &acct_key).await?;
        return Err(throttle::locked_message(limits.lockout));
    }

    let found = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .filter(
            user::Column::Status
                .is_in([UserStatus::Active.as_str(), UserStatus::Disabled.as_str()]),
        )
        .filter(user::Column::ErasedAt.is_null())
        .one(db)
        .await?;
    let stored = found.as_ref().and_then(|u| u.password_hash.clone());
    let ok = verify_password_blocking(password.to_string(), stored).await;

    // A failure is already counted by its reservation.
    let Some(u) = found.filter(|_| ok) else {
        return Err(AppError::BadCredentials);
    };
    // Only someone who knows the password learns that the account is suspended (they have
    // been e-mailed so); anyone else gets the same answer as for a wrong password.
    if u.status == UserStatus::Disabled.as_str() {
        return Err(AppError::Conflict(
            "Your RJ Hub account is suspended, so you cannot sign in. Contact the RJ co-ordinator."
                .into(),
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    throttle::clear(&txn, &acct_key).await?;
    throttle::forgive(&txn, &addr_key).await?;
    let stage = super::factors::stage_after_password(&txn, policy, u.id).await?;
    let (token, session_id) = sessions::start(&txn, now, policy, u.id, device, stage).await?;
    super::signed_in::note_sign_in(&txn, now, &u, device).await?;
    audit::record(
        &txn,
        now,
        Some(u.id),
        Entry::new("login", "session", session_id)
            .detail(serde_json::json!({ "stage": stage.as_str() })),
    )
    .await?;
    let user = user_view(&txn, u.id).await?;
    txn.commit().await?;
    Ok(SignedIn { user, token, stage })
}

pub async fn logout(db: &DatabaseConnection, now: DateTime<Utc>, actor: &Actor) -> AppResult<()> {
    let txn = crate::db::begin_write(db).await?;
    sessions::end(&txn, actor.session_id).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("logout", "session", actor.session_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn change_password(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    current: &str,
    new: &str,
) -> AppResult<()> {
    validate_password("newPassword", new)?;
    if current == new {
        return Err(AppError::validation(
            "newPassword",
            "New password must be different from your current password",
        ));
    }
    let u = user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if !verify_password_blocking(current.to_string(), u.password_hash.clone()).await {
        return Err(AppError::validation(
            "currentPassword",
            "Your current password is not right",
        ));
    }
    let hash = hash_password_blocking(new.to_string()).await?;
    let txn = crate::db::begin_write(db).await?;
    let mut active = u.into_active_model();
    active.password_hash = Set(Some(hash));
    active.password_changed_at = Set(Some(now));
    active.updated_at = Set(now);
    active.update(&txn).await?;
    // Anyone else holding a session with the old password is signed out.
    sessions::end_others(&txn, actor.user_id, Some(actor.session_id)).await?;
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("change_password", "user", actor.user_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
