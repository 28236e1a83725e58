//! Performance reporting (R-RP-1…11): every figure is an SQL aggregate over the case records
//! and their `case_event`s, the same on SQLite and PostgreSQL; the commissioner sees counts
//! under five suppressed so that no one can be singled out.

pub mod disclosure;
pub mod editions;
pub mod facts;
pub mod graphql;
pub mod html;
pub mod model;
pub mod queries;
pub mod service;
