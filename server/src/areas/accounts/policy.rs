//! Who may do what with accounts. Deny by default: each check names the roles that may.

use super::model::{Actor, Role};
use crate::error::AppError;

/// Only the co-ordinator brings new people into the Hub.
pub fn may_invite(actor: &Actor) -> Result<(), AppError> {
    if actor.has(Role::Coordinator) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}
