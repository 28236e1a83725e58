//! Who may do what with training records. Deny by default.

use uuid::Uuid;

use crate::areas::accounts::model::{Actor, Role};
use crate::error::AppError;

/// Courses, sessions and attendance: trainers and the co-ordinator.
pub fn may_run_training(actor: &Actor) -> Result<(), AppError> {
    if actor.has_any(&[Role::Trainer, Role::Coordinator]) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// An accreditation is recorded by a trainer who holds a current trainer accreditation from an
/// accredited organisation, or by the co-ordinator recording an external award (R-TR-2).
pub fn may_record_accreditation(actor: &Actor, qualified_trainer: bool) -> Result<(), AppError> {
    if actor.has(Role::Coordinator) || (actor.has(Role::Trainer) && qualified_trainer) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Supervision is recorded by case supervisors.
pub fn may_supervise(actor: &Actor) -> Result<(), AppError> {
    if actor.has(Role::Supervisor) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A facilitator's training and supervision record: the facilitator, the co-ordinator,
/// supervisors and trainers.
pub fn may_see_record(actor: &Actor, facilitator: Uuid) -> Result<(), AppError> {
    if actor.user_id == facilitator
        || actor.has_any(&[Role::Coordinator, Role::Supervisor, Role::Trainer])
    {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Private supervision notes: the supervisor who wrote them, the facilitator, the co-ordinator.
pub fn may_read_notes(actor: &Actor, facilitator: Uuid, supervisor: Uuid) -> bool {
    actor.user_id == facilitator || actor.user_id == supervisor || actor.has(Role::Coordinator)
}

/// The volunteer bank and compliance: the co-ordinator (and supervisors may read compliance).
pub fn may_manage_volunteers(actor: &Actor) -> Result<(), AppError> {
    if actor.has(Role::Coordinator) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub fn may_read_compliance(actor: &Actor) -> Result<(), AppError> {
    if actor.has_any(&[Role::Coordinator, Role::Supervisor]) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}
