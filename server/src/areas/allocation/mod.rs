//! Allocation (R-AL-1…5): the facilitator pool, explained suggestions, and offers that a
//! facilitator accepts or declines from their phone.

pub mod assign;
pub mod graphql;
pub mod model;
pub mod offers;
pub mod profile;
pub mod service;
pub mod suggest;
