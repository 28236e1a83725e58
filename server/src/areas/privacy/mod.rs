//! Data protection: the audit log search (R-DP-4); retention, erasure and subject access come
//! with issue #8.

pub mod graphql;
pub mod service;
