//! Account operations. Each takes a connection, who is asking and the time, enforces the rules,
//! writes the audit record and queues notifications in the same transaction.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::model::{FacilitatorKind, Role, UserStatus};
use super::sessions::{self};
use crate::entities::{facilitator_profile, role_grant, user};
use crate::error::{AppError, AppResult};

pub use super::signin::{SignedIn, change_password, login, logout};
pub use super::throttle::LoginLimits;
pub use super::users::{
    InviteContext, NewUser, accept_invitation, any_users, create_user, invite_in, invite_user,
    list_users, user_id_of_invitation,
};

/// A user as the rest of the server sees them.
#[derive(Debug, Clone)]
pub struct UserView {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub roles: Vec<Role>,
    pub agency: Option<String>,
    pub facilitator: Option<FacilitatorProfileView>,
    /// `invited`, `active` or `disabled` (suspended).
    pub status: String,
}

#[derive(Debug, Clone)]
pub struct FacilitatorProfileView {
    pub kind: FacilitatorKind,
    pub agency: Option<String>,
}

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
    let roles = sessions::roles_of(conn, id).await?.into_iter().collect();
    let facilitator = facilitator_profile::Entity::find_by_id(id)
        .one(conn)
        .await?
        .and_then(|p| {
            Some(FacilitatorProfileView {
                kind: p.kind.parse().ok()?,
                agency: p.agency,
            })
        });
    Ok(UserView {
        id: u.id,
        email: u.email,
        name: u.name,
        roles,
        agency: u.agency,
        facilitator,
        status: u.status,
    })
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
