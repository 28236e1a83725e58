//! Training, accreditation, supervision and the volunteer bank (R-TR-1…5, R-RP-11, R-ST-1).

pub mod accreditation;
pub mod courses;
pub mod graphql;
pub mod model;
pub mod practice;
pub mod practice_graphql;
pub mod practice_types;
pub mod reminders;
pub mod resolvers;
pub mod service;
pub mod standards;
pub mod supervision;
pub mod volunteers;
