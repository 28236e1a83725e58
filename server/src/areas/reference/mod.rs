//! Reference lists (areas, referral sources, offence categories, …): seeded on first start
//! from REFERENCE-DATA.md and extended by the co-ordinator, never hard-coded enums.

pub mod graphql;
pub mod service;
