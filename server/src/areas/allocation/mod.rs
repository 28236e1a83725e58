//! Allocation (R-AL-1…5): the facilitator pool, explained suggestions, and offers that a
//! facilitator accepts or declines from their phone.

pub mod graphql;
pub mod model;
pub mod service;
