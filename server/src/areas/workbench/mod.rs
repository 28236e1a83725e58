//! The co-ordinator's and supervisors' workbench: the queues of cases waiting for someone to
//! act, counted on the home page, and lists a person can triage from (area, offence, risk,
//! language, days waiting, next step); and a facilitator's week (`week`). It reads across cases, allocation, meetings and
//! outcomes, so it sits above them.

pub mod graphql;
pub mod nudges;
pub mod queues;
pub mod service;
pub mod triage;
pub mod week;
