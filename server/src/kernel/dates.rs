//! Dates as people in England and Wales mean them.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::London;

/// The London calendar day of an instant: "today" for every rule that counts days.
pub fn today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&London).date_naive()
}
