//! RJC practice standards per practitioner (R-ST-1), worked out from their record with no I/O:
//! case supervision at least every 12 weeks, one observed practice a year, CPD hours a year by
//! level (6 / 12 / 16, at least half of them RJC-approved), accreditation renewed every two
//! years. Each standard says where it stands in words ("supervision overdue by 9 days"), so the
//! facilitator, the co-ordinator, suggestions and allocation all say the same thing.

use chrono::{Duration, Months, NaiveDate};

use crate::kernel::stored_enum;

stored_enum!(
    /// The practitioner's level with the RJC: it sets the CPD hours a year, and only the advanced
    /// level may supervise cases.
    PracticeLevel {
        Foundation => "foundation",
        Intermediate => "intermediate",
        Advanced => "advanced",
    }
);

impl PracticeLevel {
    /// CPD a year at this level, in minutes (6, 12 or 16 hours).
    pub fn cpd_minutes(self) -> i64 {
        60 * match self {
            PracticeLevel::Foundation => 6,
            PracticeLevel::Intermediate => 12,
            PracticeLevel::Advanced => 16,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PracticeLevel::Foundation => "Foundation",
            PracticeLevel::Intermediate => "Intermediate",
            PracticeLevel::Advanced => "Advanced",
        }
    }
}

/// Case supervision at least every 12 weeks.
pub const SUPERVISION_DAYS: i64 = 12 * 7;
/// How soon before a standard falls due it shows as due, and its reminder goes out.
pub const SUPERVISION_WARN_DAYS: i64 = 14;
pub const OBSERVED_WARN_DAYS: i64 = 30;
pub const CPD_WARN_DAYS: i64 = 60;
pub const ACCREDITATION_WARN_DAYS: i64 = 60;

stored_enum!(StandardKind {
    Accreditation => "accreditation",
    Supervision => "supervision",
    ObservedPractice => "observed_practice",
    Cpd => "cpd",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StandardStatus {
    Met,
    DueSoon,
    Overdue,
}

/// One standard for one practitioner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standard {
    pub kind: StandardKind,
    pub status: StandardStatus,
    /// When it falls (or fell) due: the next supervision, the observed practice, the end of the
    /// CPD year, the accreditation's expiry.
    pub due_on: Option<NaiveDate>,
    /// The standard in words, for the facilitator and the co-ordinator.
    pub words: String,
}

impl Standard {
    pub fn days_overdue(&self, today: NaiveDate) -> i64 {
        match (self.status, self.due_on) {
            (StandardStatus::Overdue, Some(d)) => (today - d).num_days().max(0),
            _ => 0,
        }
    }
}

/// The CPD year the practitioner is in, and what they have logged in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CpdYear {
    pub starts_on: NaiveDate,
    /// The last day of the year.
    pub ends_on: NaiveDate,
    pub minutes: i64,
    pub approved_minutes: i64,
    pub required_minutes: i64,
}

impl CpdYear {
    /// The hours are there, and at least half of the required hours are RJC-approved.
    pub fn met(&self) -> bool {
        self.minutes >= self.required_minutes && 2 * self.approved_minutes >= self.required_minutes
    }
}

/// What the standards are worked out from.
#[derive(Debug, Clone, Default)]
pub struct Record {
    pub level: Option<PracticeLevel>,
    /// The first practitioner (or trainer) accreditation: the practice year runs from it.
    pub first_accredited_on: Option<NaiveDate>,
    /// The current practitioner accreditation's expiry, if one is current.
    pub accreditation_expires_on: Option<NaiveDate>,
    /// The latest expiry of any practitioner accreditation (for "lapsed on").
    pub last_expiry: Option<NaiveDate>,
    pub last_supervision: Option<NaiveDate>,
    pub last_observed_practice: Option<NaiveDate>,
    /// (done on, minutes, RJC-approved)
    pub cpd: Vec<(NaiveDate, i64, bool)>,
}

pub struct Standards {
    pub level: PracticeLevel,
    /// Whether the level was recorded (otherwise foundation is assumed).
    pub level_recorded: bool,
    pub items: Vec<Standard>,
    pub cpd_year: Option<CpdYear>,
}

impl Standards {
    pub fn get(&self, kind: StandardKind) -> Option<&Standard> {
        self.items.iter().find(|s| s.kind == kind)
    }

    /// What allocation warns about: supervision or observed practice overdue.
    pub fn allocation_warnings(&self) -> Vec<&Standard> {
        self.items
            .iter()
            .filter(|s| {
                s.status == StandardStatus::Overdue
                    && matches!(
                        s.kind,
                        StandardKind::Supervision | StandardKind::ObservedPractice
                    )
            })
            .collect()
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn plural(n: i64, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

fn hours(minutes: i64) -> String {
    if minutes % 60 == 0 {
        format!("{}", minutes / 60)
    } else {
        format!("{:.1}", minutes as f64 / 60.0)
    }
}

fn add_years(d: NaiveDate, years: u32) -> NaiveDate {
    d.checked_add_months(Months::new(12 * years)).unwrap_or(d)
}

/// A standard that falls due on `due`: overdue after it, due soon within `warn` days of it.
fn dated(kind: StandardKind, today: NaiveDate, due: NaiveDate, warn: i64, name: &str) -> Standard {
    let (status, words) = if today > due {
        (
            StandardStatus::Overdue,
            format!(
                "{name} overdue by {}",
                plural((today - due).num_days(), "day")
            ),
        )
    } else if (due - today).num_days() <= warn {
        (
            StandardStatus::DueSoon,
            format!("{name} due by {}", day(due)),
        )
    } else {
        (
            StandardStatus::Met,
            format!("{name} next due by {}", day(due)),
        )
    };
    Standard {
        kind,
        status,
        due_on: Some(due),
        words,
    }
}

/// The CPD year containing `today`: years run from the anniversary of the first accreditation.
fn cpd_year_bounds(start: NaiveDate, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let mut from = start;
    let mut years = 0;
    while add_years(start, years + 1) <= today && years < 200 {
        years += 1;
        from = add_years(start, years);
    }
    let to = add_years(start, years + 1) - Duration::days(1);
    (from, to)
}

fn cpd_in(record: &Record, from: NaiveDate, to: NaiveDate, required: i64) -> CpdYear {
    let mut year = CpdYear {
        starts_on: from,
        ends_on: to,
        minutes: 0,
        approved_minutes: 0,
        required_minutes: required,
    };
    for (on, minutes, approved) in &record.cpd {
        if *on >= from && *on <= to {
            year.minutes += minutes;
            if *approved {
                year.approved_minutes += minutes;
            }
        }
    }
    year
}

fn cpd_shortfall(y: &CpdYear) -> String {
    let short = (y.required_minutes - y.minutes).max(0);
    let approved_short = (y.required_minutes - 2 * y.approved_minutes).max(0);
    let mut parts = Vec::new();
    if short > 0 {
        parts.push(format!("{} hours short", hours(short)));
    }
    if approved_short > 0 {
        parts.push(format!(
            "{} more RJC-approved hours needed",
            hours((approved_short + 1) / 2)
        ));
    }
    parts.join(", ")
}

/// Every standard for one practitioner on `today`.
pub fn evaluate(record: &Record, today: NaiveDate) -> Standards {
    let level = record.level.unwrap_or(PracticeLevel::Foundation);
    let mut items = Vec::new();
    items.push(
        match (record.accreditation_expires_on, record.last_expiry) {
            (Some(expires), _) => dated(
                StandardKind::Accreditation,
                today,
                expires,
                ACCREDITATION_WARN_DAYS,
                "accreditation renewal",
            ),
            (None, Some(lapsed)) => Standard {
                kind: StandardKind::Accreditation,
                status: StandardStatus::Overdue,
                due_on: Some(lapsed),
                words: format!("accreditation lapsed on {}", day(lapsed)),
            },
            (None, None) => Standard {
                kind: StandardKind::Accreditation,
                status: StandardStatus::Overdue,
                due_on: None,
                words: "no practitioner accreditation".into(),
            },
        },
    );
    // A newly accredited practitioner's clocks start at their accreditation.
    let Some(start) = record.first_accredited_on else {
        return Standards {
            level,
            level_recorded: record.level.is_some(),
            items,
            cpd_year: None,
        };
    };
    let since = record.last_supervision.unwrap_or(start).max(start);
    items.push(dated(
        StandardKind::Supervision,
        today,
        since + Duration::days(SUPERVISION_DAYS),
        SUPERVISION_WARN_DAYS,
        "supervision",
    ));
    let observed = record.last_observed_practice.unwrap_or(start).max(start);
    items.push(dated(
        StandardKind::ObservedPractice,
        today,
        add_years(observed, 1),
        OBSERVED_WARN_DAYS,
        "observed practice",
    ));
    let required = level.cpd_minutes();
    let (from, to) = cpd_year_bounds(start, today);
    let year = cpd_in(record, from, to, required);
    let last_year = (from > start).then(|| {
        let prev_from = cpd_year_bounds(start, from - Duration::days(1)).0;
        cpd_in(record, prev_from, from - Duration::days(1), required)
    });
    let logged = format!(
        "CPD {} of {} hours this year ({} RJC-approved)",
        hours(year.minutes),
        hours(required),
        hours(year.approved_minutes)
    );
    items.push(match last_year.as_ref().filter(|y| !y.met()) {
        Some(y) => Standard {
            kind: StandardKind::Cpd,
            status: StandardStatus::Overdue,
            due_on: Some(y.ends_on),
            words: format!(
                "CPD for the year to {} not met ({}); {logged}",
                day(y.ends_on),
                cpd_shortfall(y)
            ),
        },
        None if year.met() => Standard {
            kind: StandardKind::Cpd,
            status: StandardStatus::Met,
            due_on: Some(year.ends_on),
            words: logged,
        },
        None if (year.ends_on - today).num_days() <= CPD_WARN_DAYS => Standard {
            kind: StandardKind::Cpd,
            status: StandardStatus::DueSoon,
            due_on: Some(year.ends_on),
            words: format!(
                "{logged}: {} by {}",
                cpd_shortfall(&year),
                day(year.ends_on)
            ),
        },
        None => Standard {
            kind: StandardKind::Cpd,
            status: StandardStatus::Met,
            due_on: Some(year.ends_on),
            words: format!("{logged}, year ends {}", day(year.ends_on)),
        },
    });
    Standards {
        level,
        level_recorded: record.level.is_some(),
        items,
        cpd_year: Some(year),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn accredited(on: NaiveDate) -> Record {
        Record {
            level: Some(PracticeLevel::Foundation),
            first_accredited_on: Some(on),
            accreditation_expires_on: Some(add_years(on, 2)),
            last_expiry: Some(add_years(on, 2)),
            ..Record::default()
        }
    }

    #[test]
    fn r_st_1_supervision_12_weeks_and_a_day_ago_is_overdue_in_words() {
        let today = d(2026, 12, 2);
        let mut r = accredited(d(2025, 1, 6));
        r.last_observed_practice = Some(d(2026, 6, 1));
        r.last_supervision = Some(today - Duration::days(SUPERVISION_DAYS + 1));
        let s = evaluate(&r, today);
        let sup = s.get(StandardKind::Supervision).cloned();
        assert_eq!(
            sup.as_ref().map(|s| (s.status, s.words.as_str())),
            Some((StandardStatus::Overdue, "supervision overdue by 1 day"))
        );
        assert_eq!(s.allocation_warnings().len(), 1);
        // Exactly twelve weeks ago: due today, not overdue.
        r.last_supervision = Some(today - Duration::days(SUPERVISION_DAYS));
        let s = evaluate(&r, today);
        assert_eq!(
            s.get(StandardKind::Supervision).map(|s| s.status),
            Some(StandardStatus::DueSoon)
        );
        assert!(s.allocation_warnings().is_empty());
    }

    #[test]
    fn r_st_1_observed_practice_once_a_year_from_accreditation() {
        let today = d(2026, 12, 2);
        let mut r = accredited(d(2025, 11, 1));
        r.last_supervision = Some(d(2026, 11, 20));
        let s = evaluate(&r, today);
        let o = s.get(StandardKind::ObservedPractice).cloned();
        assert_eq!(o.as_ref().map(|o| o.status), Some(StandardStatus::Overdue));
        assert_eq!(o.map(|o| o.days_overdue(today)), Some(31));
        r.last_observed_practice = Some(d(2026, 3, 1));
        let s = evaluate(&r, today);
        assert_eq!(
            s.get(StandardKind::ObservedPractice)
                .map(|o| o.words.clone()),
            Some("observed practice next due by 1 March 2027".into())
        );
    }

    #[test]
    fn r_st_1_cpd_hours_by_level_with_half_rjc_approved() {
        let today = d(2026, 12, 2);
        let start = d(2024, 1, 10);
        for (level, hours) in [
            (PracticeLevel::Foundation, 6),
            (PracticeLevel::Intermediate, 12),
            (PracticeLevel::Advanced, 16),
        ] {
            let mut r = accredited(start);
            r.level = Some(level);
            // Last year met, so only this year counts.
            r.cpd.push((d(2025, 6, 1), 60 * 16, true));
            // All the hours, but under half approved: not met.
            r.cpd.push((d(2026, 3, 1), 60 * hours, false));
            r.cpd.push((d(2026, 4, 1), 30 * hours - 30, true));
            let y = evaluate(&r, today).cpd_year;
            assert_eq!(y.as_ref().map(CpdYear::met), Some(false), "{level:?}");
            assert_eq!(y.as_ref().map(|y| y.required_minutes), Some(60 * hours));
            r.cpd.push((d(2026, 5, 1), 30, true));
            let s = evaluate(&r, today);
            assert_eq!(s.cpd_year.as_ref().map(CpdYear::met), Some(true));
            assert_eq!(
                s.get(StandardKind::Cpd).map(|c| c.status),
                Some(StandardStatus::Met)
            );
        }
        // The CPD year runs from the anniversary: 10 January 2026 to 9 January 2027.
        let s = evaluate(&accredited(start), today);
        assert_eq!(
            s.cpd_year.as_ref().map(|y| (y.starts_on, y.ends_on)),
            Some((d(2026, 1, 10), d(2027, 1, 9)))
        );
        // Last year not met: overdue, with what was short.
        let c = s.get(StandardKind::Cpd).cloned();
        assert_eq!(c.as_ref().map(|c| c.status), Some(StandardStatus::Overdue));
        assert!(
            c.is_some_and(|c| c.words.contains("6 hours short")),
            "{:?}",
            s.items
        );
    }

    #[test]
    fn r_st_1_lapsed_accreditation_is_overdue_and_says_when() {
        let today = d(2026, 12, 2);
        let mut r = accredited(d(2024, 1, 10));
        r.accreditation_expires_on = None;
        let s = evaluate(&r, today);
        assert_eq!(
            s.get(StandardKind::Accreditation).map(|a| a.words.clone()),
            Some("accreditation lapsed on 10 January 2026".into())
        );
    }
}
