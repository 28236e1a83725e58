//! The areas of the service, one folder each: model (no I/O) → policy → service → graphql.

pub mod accounts;
pub mod allocation;
pub mod cases;
pub mod complaints;
pub mod followup;
pub mod intake;
pub mod meetings;
pub mod outcomes;
pub mod privacy;
pub mod reference;
pub mod reports;
pub mod training;
pub mod workbench;
