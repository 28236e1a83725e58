//! The training area's face to the others — courses (`courses`), accreditation
//! (`accreditation`), supervision and development (`supervision`), the volunteer bank and
//! compliance (`volunteers`) — and the checks they share on who is being recorded.

pub use super::accreditation::*;
pub use super::courses::*;
pub use super::supervision::*;
pub use super::volunteers::*;

use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

use crate::areas::accounts::model::Role;
use crate::areas::accounts::sessions::roles_of;
use crate::entities::user;
use crate::error::{AppError, AppResult};

pub(super) async fn active_user(
    conn: &impl ConnectionTrait,
    id: Uuid,
    field: &'static str,
) -> AppResult<user::Model> {
    user::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|u| u.status == "active" && u.erased_at.is_none())
        .ok_or_else(|| AppError::validation(field, "Choose an active user"))
}

pub(super) async fn require_role(
    conn: &impl ConnectionTrait,
    id: Uuid,
    role: Role,
    field: &'static str,
    what: &str,
) -> AppResult<user::Model> {
    let u = active_user(conn, id, field).await?;
    if !roles_of(conn, id).await?.contains(&role) {
        return Err(AppError::validation(field, format!("Choose {what}")));
    }
    Ok(u)
}
