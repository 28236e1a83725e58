//! The allocation area's face to the others: the facilitator's profile (`profile`), the pool and
//! suggestions (`suggest`), offers and their answers (`offers`), and direct allocation
//! (`assign`).

pub use super::assign::{active_facilitators, assign_facilitator, assign_supervisor};
pub use super::offers::{
    Answer, OfferInput, OfferSummary, accept, decline, expire_due, my_offers, offer_case,
    offers_for_case, recipients, summaries, summary,
};
pub use super::profile::{ProfileChange, unavailability, update_my_profile};
pub use super::suggest::{
    CaseNeeds, LeftOut, PoolMember, Suggestion, needs, pool, suggest, suggest_and_left_out,
};
