//! Outcome agreements (R-CW-5) and the case supervisor's sign-off (R-CW-6).

pub mod evidence;
pub mod graphql;
pub mod service;
