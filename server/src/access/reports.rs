//! Who reads which reports. The live report (any period, every figure, for the service's own
//! management) is the co-ordinator's and supervisors'. Everyone outside the service's
//! management — the commissioner, partner-agency staff — reads published editions only: their
//! figures are frozen and disclosure-controlled across the whole edition, and with no ad-hoc
//! periods nobody can difference overlapping ones to single a person out.

use super::actor::Actor;
use super::rules::{Duty, require};
use crate::error::AppResult;

/// The live report: every case, every figure. Only this layer makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveReport(());

impl LiveReport {
    pub fn of(actor: &Actor) -> AppResult<Self> {
        require(actor, Duty::ReadLiveReports)?;
        Ok(LiveReport(()))
    }

    /// For the command line and jobs, which run as the service itself (publishing an edition
    /// computes its tables this way after checking the publisher's duty).
    pub fn system() -> Self {
        LiveReport(())
    }
}
