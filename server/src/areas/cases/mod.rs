//! Case records: the lifecycle, participants, contacts, risk, consent and support. What a reader
//! may see and do is decided in `access/`; this area keeps the rules of the work itself.

pub mod clocks;
pub mod graphql;
pub mod letters;
pub mod lifecycle;
pub mod lists;
pub mod model;
pub mod participants;
pub mod people;
pub mod records;
pub mod service;
