//! Case records: the lifecycle, participants, contacts, risk, consent and support — with
//! need-to-know access decided in `policy.rs`.

pub mod graphql;
pub mod model;
pub mod people;
pub mod policy;
pub mod service;
