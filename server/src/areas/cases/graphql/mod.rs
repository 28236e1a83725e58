//! The cases slice of the graph. A `Case` is made only from the access layer's `CaseView`:
//! fields outside the reader's access resolve to `null` and lists are filtered, so the firewall
//! holds field by field, and `viewerCan` says what the reader may do.

mod case;
mod inputs;
mod letters;
mod mutation;
mod query;
mod records;
mod types;

pub use case::{Case, CaseFacilitator, CaseViewerCan, StageMove};
pub use inputs::*;
pub use letters::{LettersMutation, LettersQuery};
pub use mutation::CasesMutation;
pub(crate) use mutation::payload;
pub use query::CasesQuery;
pub use records::{
    CaseEvent, CaseMessage, Consent, Contact, Participant, Person, ReferralStatus, RiskAssessment,
    SafeTime,
};
pub use types::*;
