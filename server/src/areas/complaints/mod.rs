//! Complaints (R-DP-3): recorded, acknowledged within a target of working days, investigated
//! with notes, resolved with an outcome and a response date, each step on a timeline.

pub mod graphql;
pub mod model;
pub mod service;
