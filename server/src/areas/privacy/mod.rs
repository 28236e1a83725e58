//! Data protection: the audit log search (R-DP-4), retention and erasure, and subject access
//! (R-DP-5).

pub mod graphql;
pub mod retention;
pub mod service;
pub mod subject_access;
