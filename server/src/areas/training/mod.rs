//! Training, accreditation, supervision and the volunteer bank (R-TR-1…5, R-RP-11, R-ST-1).

pub mod graphql;
pub mod model;
pub mod policy;
pub mod reminders;
pub mod service;
