//! Working days in England and Wales: Monday to Friday except bank holidays. Deadlines such as a
//! complaint's acknowledgement (and the Victims' Code's, R-ST-2) count these.
//!
//! The bank holidays follow the standing rules (New Year's Day, Good Friday, Easter Monday, the
//! first and last Mondays of May, the last Monday of August, Christmas Day and Boxing Day, with
//! weekend days moved to the next free weekday). One-off holidays proclaimed for an occasion are
//! not predictable and are not included.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Easter Sunday (Gregorian), by the anonymous Meeus/Jones/Butcher algorithm.
fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

fn first_monday(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 1)
}

fn last_monday(year: i32, month: u32) -> Option<NaiveDate> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }?;
    let mut d = next - Duration::days(1);
    while d.weekday() != Weekday::Mon {
        d -= Duration::days(1);
    }
    Some(d)
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The bank holidays of one year in England and Wales.
pub fn bank_holidays(year: i32) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    // New Year's Day, moved to Monday when it falls at a weekend.
    if let Some(mut d) = NaiveDate::from_ymd_opt(year, 1, 1) {
        while is_weekend(d) {
            d += Duration::days(1);
        }
        out.push(d);
    }
    if let Some(e) = easter(year) {
        out.push(e - Duration::days(2));
        out.push(e + Duration::days(1));
    }
    out.extend(first_monday(year, 5));
    out.extend(last_monday(year, 5));
    out.extend(last_monday(year, 8));
    // Christmas and Boxing Day: a day at a weekend moves to the next weekday not already taken.
    for day in [25, 26] {
        if let Some(mut d) = NaiveDate::from_ymd_opt(year, 12, day) {
            while is_weekend(d) || out.contains(&d) {
                d += Duration::days(1);
            }
            out.push(d);
        }
    }
    out.sort();
    out
}

pub fn is_working_day(d: NaiveDate) -> bool {
    !is_weekend(d) && !bank_holidays(d.year()).contains(&d)
}

/// The date `n` working days after `from` (a request received on Friday with n = 1 is due on
/// Monday, or Tuesday after a bank holiday Monday).
pub fn add_working_days(from: NaiveDate, n: u32) -> NaiveDate {
    let mut d = from;
    let mut left = n;
    while left > 0 {
        d += Duration::days(1);
        if is_working_day(d) {
            left -= 1;
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn bank_holidays_match_the_published_lists() {
        assert_eq!(
            bank_holidays(2026),
            vec![
                date(2026, 1, 1),
                date(2026, 4, 3),
                date(2026, 4, 6),
                date(2026, 5, 4),
                date(2026, 5, 25),
                date(2026, 8, 31),
                date(2026, 12, 25),
                date(2026, 12, 28),
            ]
        );
        // 2027: Christmas on a Saturday and Boxing Day on a Sunday move to Monday and Tuesday.
        assert_eq!(
            bank_holidays(2027),
            vec![
                date(2027, 1, 1),
                date(2027, 3, 26),
                date(2027, 3, 29),
                date(2027, 5, 3),
                date(2027, 5, 31),
                date(2027, 8, 30),
                date(2027, 12, 27),
                date(2027, 12, 28),
            ]
        );
        assert_eq!(bank_holidays(2028)[0], date(2028, 1, 3));
    }

    #[test]
    fn working_days_skip_weekends_and_bank_holidays() {
        // Thursday 2 April 2026 + 1: Good Friday and Easter Monday are skipped.
        assert_eq!(add_working_days(date(2026, 4, 2), 1), date(2026, 4, 7));
        // Friday + 3 → Wednesday.
        assert_eq!(add_working_days(date(2026, 11, 20), 3), date(2026, 11, 25));
        assert_eq!(add_working_days(date(2026, 11, 20), 0), date(2026, 11, 20));
        // Across Christmas 2026: Thursday 24 Dec + 2 → Wednesday 30 Dec (25 and 28 are holidays).
        assert_eq!(add_working_days(date(2026, 12, 24), 2), date(2026, 12, 30));
    }
}
