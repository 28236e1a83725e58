//! What of a facilitator is shown to whom. Everyone who may read the pool sees the matching
//! facts (languages, areas, availability, load); a facilitator's declared conflicts of interest
//! and the notes on their away dates name people and private circumstances, so only the
//! facilitator and the co-ordinator see them. Training and supervision records go to the
//! facilitator and to those who train, supervise and co-ordinate; private supervision notes only
//! to the facilitator, the supervisor who wrote them and the co-ordinator.

use uuid::Uuid;

use super::actor::{Actor, Role};
use super::rules::{Duty, holds};
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolView {
    /// Declared conflicts and away notes.
    pub private_notes: bool,
}

/// How much of one facilitator's profile this actor sees, or `None` for nothing.
pub fn profile_view(actor: &Actor, facilitator: Uuid) -> Option<PoolView> {
    let own = actor.user_id == facilitator;
    if own || holds(actor, Duty::ReadFacilitatorPool) || holds(actor, Duty::CoordinateCases) {
        Some(PoolView {
            private_notes: own || actor.has(Role::Coordinator),
        })
    } else {
        None
    }
}

/// A facilitator's training and supervision record.
pub fn may_see_record(actor: &Actor, facilitator: Uuid) -> AppResult<()> {
    if actor.user_id == facilitator || holds(actor, Duty::ReadTrainingRecords) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Private supervision notes: the supervisor who wrote them, the facilitator, the co-ordinator.
pub fn may_read_notes(actor: &Actor, facilitator: Uuid, supervisor: Uuid) -> bool {
    actor.user_id == facilitator || actor.user_id == supervisor || actor.has(Role::Coordinator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_dp_2_private_notes_go_to_the_facilitator_and_the_co_ordinator_only() {
        let f = Uuid::now_v7();
        let as_role = |r: Role| Actor::new(Uuid::now_v7(), Uuid::nil(), [r].into(), None);
        assert_eq!(
            profile_view(&as_role(Role::Coordinator), f),
            Some(PoolView {
                private_notes: true
            })
        );
        for r in [Role::Supervisor, Role::Trainer] {
            assert_eq!(
                profile_view(&as_role(r), f),
                Some(PoolView {
                    private_notes: false
                })
            );
        }
        for r in [
            Role::Facilitator,
            Role::Referrer,
            Role::Commissioner,
            Role::DataProtectionOfficer,
        ] {
            assert_eq!(profile_view(&as_role(r), f), None);
        }
        let me = Actor::new(f, Uuid::nil(), [Role::Facilitator].into(), None);
        assert_eq!(
            profile_view(&me, f),
            Some(PoolView {
                private_notes: true
            })
        );
    }
}
