//! Intake: enquiries, referrals from agencies and the public self-referral (R-IN-1…8).

pub mod graphql;
pub mod service;
