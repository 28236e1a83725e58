//! Who may see and change a case. Deny by default: every rule names who may.

use uuid::Uuid;

use super::model::CaseAccess;
use crate::areas::accounts::model::{Actor, Role};
use crate::entities::case;
use crate::error::AppError;

/// A partner-agency practitioner on an offender-initiated case referred by their own agency.
/// Such a user sees the offender side only, even when allocated: the Hub is the firewall.
fn offender_side_agency(actor: &Actor, c: &case::Model) -> bool {
    c.offender_initiated
        && actor.agency.is_some()
        && c.referring_agency.as_deref().map(str::to_lowercase)
            == actor.agency.as_deref().map(str::to_lowercase)
}

/// What this actor may see of this case; `None` means nothing (the case "does not exist" for
/// them). `allocated` says whether they are one of its active facilitators.
pub fn case_access(actor: &Actor, c: &case::Model, allocated: bool) -> Option<CaseAccess> {
    if c.erased_at.is_some() {
        return None;
    }
    if actor.has(Role::Coordinator) {
        return Some(CaseAccess::Full);
    }
    if actor.has(Role::Supervisor) && c.supervisor_id == Some(actor.user_id) {
        return Some(CaseAccess::Full);
    }
    let agency_side = offender_side_agency(actor, c);
    if actor.has(Role::Facilitator) && allocated {
        return Some(if agency_side {
            CaseAccess::OffenderSide
        } else {
            CaseAccess::Full
        });
    }
    if actor.has(Role::Facilitator) && agency_side {
        return Some(CaseAccess::OffenderSide);
    }
    None
}

/// Recording work on a case (risk, consent, contacts, stage moves): the co-ordinator or an
/// allocated facilitator with full access.
pub fn may_work_on(
    actor: &Actor,
    access: Option<CaseAccess>,
    allocated: bool,
) -> Result<(), AppError> {
    match access {
        None => Err(AppError::NotFound("The case")),
        Some(CaseAccess::Full)
            if actor.has(Role::Coordinator) || (allocated && actor.has(Role::Facilitator)) =>
        {
            Ok(())
        }
        Some(_) => Err(AppError::Forbidden),
    }
}

pub fn require_coordinator(actor: &Actor) -> Result<(), AppError> {
    if actor.has(Role::Coordinator) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Which cases a user may list.
pub enum CaseScope {
    All,
    SupervisedBy(Uuid),
}

pub fn list_scope(actor: &Actor) -> Result<CaseScope, AppError> {
    if actor.has(Role::Coordinator) {
        Ok(CaseScope::All)
    } else if actor.has(Role::Supervisor) {
        Ok(CaseScope::SupervisedBy(actor.user_id))
    } else {
        Err(AppError::Forbidden)
    }
}

/// Which referrals' status a user may follow: their own, and for partner-agency staff their
/// agency's.
pub fn may_follow_referrals(actor: &Actor) -> Result<(), AppError> {
    if actor.has_any(&[Role::Referrer, Role::Coordinator])
        || (actor.has(Role::Facilitator) && actor.agency.is_some())
    {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Filing a referral: the co-ordinator, referrers and partner-agency staff.
pub fn may_refer(actor: &Actor) -> Result<(), AppError> {
    may_follow_referrals(actor)
}
