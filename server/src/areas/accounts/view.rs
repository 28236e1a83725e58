//! A user as the rest of the server sees them, read from their row, roles and facilitator
//! profile. Below both the sessions (a session's lookup reads it) and the account operations.

use std::collections::BTreeSet;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::model::{FacilitatorKind, Role};
use crate::entities::{facilitator_profile, role_grant, user};
use crate::error::AppResult;

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
    /// A mobile number for text alerts, and whether they want them.
    pub mobile: Option<String>,
    pub text_alerts: bool,
}

#[derive(Debug, Clone)]
pub struct FacilitatorProfileView {
    pub kind: FacilitatorKind,
    pub agency: Option<String>,
}

pub async fn roles_of(conn: &impl ConnectionTrait, user_id: Uuid) -> AppResult<BTreeSet<Role>> {
    Ok(role_grant::Entity::find()
        .filter(role_grant::Column::UserId.eq(user_id))
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|g| g.role.parse().ok())
        .collect())
}

/// The view of a user already read, with their roles: their facilitator profile is read here.
pub async fn user_view_of(
    conn: &impl ConnectionTrait,
    u: user::Model,
    roles: BTreeSet<Role>,
) -> AppResult<UserView> {
    let facilitator = facilitator_profile::Entity::find_by_id(u.id)
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
        roles: roles.into_iter().collect(),
        agency: u.agency,
        facilitator,
        status: u.status,
        mobile: u.mobile,
        text_alerts: u.text_alerts,
    })
}
