//! Data protection: the audit log search (R-DP-4), who saw a person's record (R-ST-5),
//! retention and erasure, and subject access (R-DP-5).

pub mod access_log;
pub mod graphql;
pub mod retention;
pub mod service;
pub mod subject_access;
