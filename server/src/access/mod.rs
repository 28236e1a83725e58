//! The one need-to-know layer (R-DP-2, R-DP-4). Every area asks here who may see and do what:
//! the `Actor` and roles, the table of duties, case capabilities only this layer can make, list
//! scopes as query conditions, what the facilitator pool and the reports show to whom, and the
//! audit of reads (whose, why). It depends on `kernel` and `entities` only.

pub mod actor;
pub mod audit;
pub mod case;
pub mod facilitators;
pub mod lists;
pub mod participants;
pub mod purpose;
pub mod reads;
pub mod reports;
pub mod rules;

pub use actor::{Actor, Pending, Role};
pub use audit::{AuditSink, Entry, Purpose};
pub use case::{CaseView, CaseWork, Level, ListScope, Relation, Side};
pub use rules::{Duty, holds, require};
