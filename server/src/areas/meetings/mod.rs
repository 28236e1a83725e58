//! Meetings and conferences with iCal invites (R-CW-4): scheduled, rescheduled and cancelled
//! in everyone's calendar, and a private feed per user.

pub mod calendar;
pub mod graphql;
pub mod ical;
pub mod model;
pub mod reminders;
pub mod service;
