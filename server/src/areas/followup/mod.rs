//! After the restorative process (R-RP-9, R-RP-10): victims' and offenders' satisfaction at the
//! start, at the end and six months later; testimonials kept with consent to use them; and the
//! six-month follow-up that becomes a facilitator's task, with a reminder, when it is due.

pub mod graphql;
pub mod model;
pub mod reoffending;
pub mod service;
