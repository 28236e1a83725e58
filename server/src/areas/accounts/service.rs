//! Account operations. Each takes a connection, who is asking and the time, enforces the rules,
//! writes the audit record and queues notifications in the same transaction.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::model::{Role, UserStatus};
use crate::entities::{role_grant, user};
use crate::error::{AppError, AppResult};

pub use super::signin::{SignedIn, change_password, login, logout};
pub use super::throttle::LoginLimits;
pub use super::users::{
    InviteContext, NewUser, accept_invitation, any_users, create_user, invite_in, invite_user,
    list_users, user_id_of_invitation,
};
pub use super::view::{FacilitatorProfileView, UserView, user_view_of};

#[derive(Debug, Clone)]
pub struct InvitationView {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub roles: Vec<Role>,
    pub expires_at: DateTime<Utc>,
}

pub async fn user_view(conn: &impl ConnectionTrait, id: Uuid) -> AppResult<UserView> {
    let u = user::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound("The user"))?;
    let roles = super::view::roles_of(conn, id).await?;
    user_view_of(conn, u, roles).await
}

/// The signed-in user's choice of text alerts (new offers, a message that did not reach
/// someone): a mobile number, checked, and on or off.
pub async fn set_text_alerts(
    db: &sea_orm::DatabaseConnection,
    now: chrono::DateTime<chrono::Utc>,
    actor: &crate::areas::accounts::model::Actor,
    mobile: Option<&str>,
    enabled: bool,
) -> AppResult<UserView> {
    use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
    let mobile = crate::kernel::optional_text("mobile", mobile, 40)?;
    if let Some(m) = &mobile {
        let digits: String = m.chars().filter(char::is_ascii_digit).collect();
        let uk_mobile = digits.starts_with("07") && digits.len() == 11
            || digits.starts_with("447") && digits.len() == 12;
        if !uk_mobile || !m.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c)) {
            return Err(AppError::validation(
                "mobile",
                "Enter a UK mobile number, like 07700 900 982",
            ));
        }
    }
    if enabled && mobile.is_none() {
        return Err(AppError::validation(
            "mobile",
            "Enter the mobile number to send the texts to",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let u = user::Entity::find_by_id(actor.user_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound("The user"))?;
    let mut a = u.into_active_model();
    a.mobile = Set(mobile);
    a.text_alerts = Set(enabled);
    a.updated_at = Set(now);
    a.update(&txn).await?;
    crate::access::audit::record_by(
        &txn,
        now,
        actor,
        crate::access::audit::Entry::new("set_text_alerts", "user", actor.user_id)
            .detail(serde_json::json!({ "enabled": enabled })),
    )
    .await?;
    let view = user_view(&txn, actor.user_id).await?;
    txn.commit().await?;
    Ok(view)
}

/// A user's name, for records that point at who did something.
pub async fn name_of(conn: &impl ConnectionTrait, id: Uuid) -> AppResult<Option<String>> {
    Ok(user::Entity::find_by_id(id)
        .one(conn)
        .await?
        .map(|u| u.name))
}

/// Pairs each row with the name of the user it points at (`""` for a user who has gone).
pub async fn with_names<T>(
    conn: &impl ConnectionTrait,
    rows: Vec<T>,
    user_of: impl Fn(&T) -> Uuid,
) -> AppResult<Vec<(T, String)>> {
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().map(&user_of)))
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let name = users
                .iter()
                .find(|u| u.id == user_of(&r))
                .map(|u| u.name.clone())
                .unwrap_or_default();
            (r, name)
        })
        .collect())
}

/// The active users holding a role (for example the co-ordinators to tell about something).
pub async fn active_with_role(
    conn: &impl ConnectionTrait,
    role: Role,
) -> AppResult<Vec<user::Model>> {
    let ids: Vec<Uuid> = role_grant::Entity::find()
        .filter(role_grant::Column::Role.eq(role.as_str()))
        .all(conn)
        .await?
        .into_iter()
        .map(|g| g.user_id)
        .collect();
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .filter(user::Column::Status.eq(UserStatus::Active.as_str()))
        .filter(user::Column::ErasedAt.is_null())
        .all(conn)
        .await?)
}
