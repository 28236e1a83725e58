//! Report dimensions, figures and small-number suppression. No I/O.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Europe::London;

/// What a report can be grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    None,
    Month,
    Source,
    Offence,
    Area,
    Model,
    Agency,
}

impl Dimension {
    pub const ALL: [Dimension; 7] = [
        Dimension::None,
        Dimension::Month,
        Dimension::Source,
        Dimension::Offence,
        Dimension::Area,
        Dimension::Model,
        Dimension::Agency,
    ];

    /// The code used in URLs, the CLI and stored editions.
    pub fn code(self) -> &'static str {
        match self {
            Dimension::None => "none",
            Dimension::Month => "month",
            Dimension::Source => "source",
            Dimension::Offence => "offence",
            Dimension::Area => "area",
            Dimension::Model => "model",
            Dimension::Agency => "agency",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        let s = s.to_ascii_lowercase();
        Self::ALL.into_iter().find(|d| d.code() == s)
    }
}

/// Narrows the cases a report counts; every value is a stored code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub referral_source: Option<String>,
    pub offence_category: Option<String>,
    pub area: Option<String>,
    pub intervention_model: Option<String>,
    pub agency: Option<String>,
}

/// The report's sections, in order.
pub const SECTIONS: [&str; 14] = [
    "referrals",
    "engagement",
    "conversion",
    "not_suitable",
    "leaving",
    "timescales",
    "victims_code",
    "partners",
    "models",
    "satisfaction",
    "outcomes",
    "volunteers",
    "reoffending",
    "complaints",
];

/// A stored section name as the report's own (unknown names read as "other").
pub fn section_name(s: &str) -> &'static str {
    SECTIONS.into_iter().find(|n| *n == s).unwrap_or("other")
}

/// One number in a report: a measure for one group.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub section: &'static str,
    pub measure: String,
    pub group: String,
    pub value: Option<f64>,
    /// A count (suppressible); otherwise an average or a duration in days.
    pub count: bool,
    /// For averages and percentiles: how many answers or cases it is computed from.
    pub base: i64,
    pub suppressed: bool,
}

impl Figure {
    pub fn count(section: &'static str, measure: impl Into<String>, group: &str, n: i64) -> Self {
        Figure {
            section,
            measure: measure.into(),
            group: group.into(),
            value: Some(n as f64),
            count: true,
            base: n,
            suppressed: false,
        }
    }

    pub fn amount(
        section: &'static str,
        measure: impl Into<String>,
        group: &str,
        value: Option<f64>,
        base: i64,
    ) -> Self {
        Figure {
            section,
            measure: measure.into(),
            group: group.into(),
            value: value.map(|v| (v * 100.0).round() / 100.0),
            count: false,
            base,
            suppressed: false,
        }
    }

    /// What a reader sees: the number, "[c]" when hidden (the statistics convention for
    /// "confidential": a count from 1 to 4, or one hidden so that such a count cannot be worked
    /// out), "–" when there is nothing.
    pub fn display(&self) -> String {
        match (self.suppressed, self.value) {
            (true, _) => SUPPRESSED.into(),
            (false, None) => "–".into(),
            (false, Some(v)) if self.count => format!("{}", v as i64),
            (false, Some(v)) => format!("{v:.1}"),
        }
    }
}

/// What a figure means, in words, and what it counts: the definitions the README and the API
/// give beside each figure.
pub fn definition(measure: &str) -> (&'static str, &'static str) {
    let family = measure.split_once(':').map_or(measure, |(f, _)| f);
    let side_measure = |m: &str| {
        let rest = m
            .strip_prefix("victim_")
            .or_else(|| m.strip_prefix("offender_"))
            .unwrap_or(m);
        rest.to_string()
    };
    match family {
        "received" => (
            "Referrals received in the period: every case received, by its source; enquiries that never became referrals are not counted (R-RP-1).",
            "cases",
        ),
        "spoken_to" => ("Cases with at least one contact logged (R-RP-2).", "cases"),
        "engaging" => (
            "Cases where someone agreed to take part (consent to take part given) (R-RP-2).",
            "cases",
        ),
        "people_spoken_to" => (
            "People with at least one contact logged with them: a victim and two family members are three (R-RP-2).",
            "people",
        ),
        "people_engaging" => (
            "People who agreed to take part (consent to take part given) (R-RP-2).",
            "people",
        ),
        "first_meeting" => (
            "Cases whose first meeting of any kind has been held (R-RP-3).",
            "cases",
        ),
        "first_meeting_before_offender_identified" => (
            "Cases whose first meeting was held before an offender was identified (R-RP-3).",
            "cases",
        ),
        "conference" => (
            "Cases whose first restorative meeting (conference, community conference, panel or shuttle) has been held (R-RP-3).",
            "cases",
        ),
        "reason" => (
            "Cases assessed as not suitable, by the reason recorded (R-RP-4).",
            "cases",
        ),
        "left_at" => (
            "Cases that stopped (withdrawn or not suitable), by the stage they stopped at (R-RP-5).",
            "cases",
        ),
        "completed" => (
            "Cases whose first restorative meeting has ended: the base of the timescales (R-RP-6).",
            "cases",
        ),
        "rj_information_clocks" => (
            "Cases whose victim asked for information about restorative justice, starting the Victims' Code clock: 5 working days, 1 with enhanced rights (R-ST-2).",
            "cases",
        ),
        "rj_information_on_time" => (
            "Of those, information given (a contact with the victim's side) by the due day.",
            "cases",
        ),
        "rj_information_on_time_percent" => (
            "The share given on time, of those given or past their due day (clocks still running are left out).",
            "percent",
        ),
        "onward_referral_clocks" => (
            "Cases with support needs identified, starting the 2-working-day clock for the referral to the Victims' Hub (R-ST-2).",
            "cases",
        ),
        "onward_referral_on_time" => ("Of those, referred on by the due day.", "cases"),
        "onward_referral_on_time_percent" => (
            "The share referred on time, of those referred or past their due day (clocks still running are left out).",
            "percent",
        ),
        "median_days" => (
            "Days from referral to the end of the first restorative meeting: the nearest-rank median (R-RP-6).",
            "days",
        ),
        "p90_days" => (
            "Days from referral to the end of the first restorative meeting: the nearest-rank 90th percentile (R-RP-6).",
            "days",
        ),
        "offered" => (
            "Offers made to partner-agency practitioners of each agency (facilitators of the partner-practitioner kind only) (R-RP-7).",
            "offers",
        ),
        "accepted" => (
            "Offers accepted by partner-agency practitioners of each agency (R-RP-7).",
            "offers",
        ),
        "model" => (
            "Cases by the intervention model recorded (R-RP-8).",
            "cases",
        ),
        "face_to_face_conferences" => ("Face-to-face conferences held (R-RP-8).", "conferences"),
        "testimonials" => (
            "Testimonials whose giver agreed to their use, each counted (R-RP-10).",
            "testimonials",
        ),
        "agreement_items" => ("Outcome agreement items recorded (R-RP-10).", "items"),
        "agreement_items_completed" => ("Outcome agreement items completed (R-RP-10).", "items"),
        "offenders_checked" => (
            "Cases whose offender's record was checked for re-offending (R-RP-12).",
            "cases",
        ),
        "reoffended" => (
            "Cases whose offender was found to have re-offended (R-RP-12).",
            "cases",
        ),
        "complaints_received" => ("Complaints received in the period (R-DP-3).", "complaints"),
        "acknowledged_on_time" => (
            "Complaints acknowledged within 3 working days.",
            "complaints",
        ),
        "acknowledgement_overdue" => (
            "Complaints not yet acknowledged and past the 3 working days.",
            "complaints",
        ),
        "resolved" => ("Complaints with an outcome.", "complaints"),
        "resolved_on_time" => ("Complaints answered within 20 working days.", "complaints"),
        "upheld" => ("Complaints upheld or partly upheld.", "complaints"),
        "active_volunteers" => ("Active volunteer facilitators (R-RP-11).", "volunteers"),
        "volunteer_conferences" => (
            "Cases a volunteer facilitated that reached the restorative intervention in the period, per volunteer and case (R-RP-11).",
            "conferences",
        ),
        "volunteers_at_five_a_year" => (
            "Volunteers at or above five conferences a year, pro rata for the period (R-RP-11).",
            "volunteers",
        ),
        "pool" => (
            "Active facilitators not paused, by kind (R-RP-11).",
            "facilitators",
        ),
        "pool_size" => ("Active facilitators not paused (R-RP-11).", "facilitators"),
        "languages_covered" => (
            "Languages spoken by the active facilitators not paused — the same pool as its size (R-RP-11).",
            "languages",
        ),
        _ => match side_measure(measure).as_str() {
            m if m.ends_with("_average") => (
                "Average satisfaction score (1–5) of those who answered at that point (R-RP-9).",
                "score",
            ),
            m if m.ends_with("_satisfied_percent") => (
                "Share of those who answered at that point who were satisfied (4 or 5) (R-RP-9).",
                "percent",
            ),
            m if m.starts_with("distance_to_") => (
                "Distance travelled: the later answer minus the same person's first, averaged (R-RP-9).",
                "score",
            ),
            _ => ("", ""),
        },
    }
}

/// Counts from 1 to 4 are suppressed, and so is anything computed from fewer than 5 answers.
pub const SMALLEST_SHOWN: i64 = 5;

/// How a hidden figure prints.
pub const SUPPRESSED: &str = "[c]";

/// A reporting period in London dates, as the UTC instants it starts and ends at.
pub fn period(from: NaiveDate, to: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let start = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)?
            .and_local_timezone(London)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    };
    Some((start(from)?, start(to.succ_opt()?)?))
}

/// The two formal half-years (April–September, October–March) and months, for presets.
pub fn half_year_containing(d: NaiveDate) -> (NaiveDate, NaiveDate) {
    let y = d.year();
    let ymd = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or(d);
    match d.month() {
        4..=9 => (ymd(y, 4, 1), ymd(y, 9, 30)),
        10..=12 => (ymd(y, 10, 1), ymd(y + 1, 3, 31)),
        _ => (ymd(y - 1, 10, 1), ymd(y, 3, 31)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_measure_has_a_definition() {
        for m in [
            "received",
            "spoken_to",
            "engaging",
            "people_spoken_to",
            "people_engaging",
            "first_meeting",
            "first_meeting_before_offender_identified",
            "conference",
            "reason:declined",
            "left_at:assessment",
            "completed",
            "median_days",
            "p90_days",
            "rj_information_clocks",
            "rj_information_on_time",
            "rj_information_on_time_percent",
            "onward_referral_clocks",
            "onward_referral_on_time",
            "onward_referral_on_time_percent",
            "offered:Probation",
            "accepted:Probation",
            "model:face_to_face",
            "face_to_face_conferences",
            "victim_end_average",
            "offender_start_satisfied_percent",
            "victim_distance_to_six_months",
            "testimonials",
            "agreement_items",
            "agreement_items_completed",
            "offenders_checked",
            "reoffended",
            "complaints_received",
            "acknowledged_on_time",
            "acknowledgement_overdue",
            "resolved",
            "resolved_on_time",
            "upheld",
            "active_volunteers",
            "volunteer_conferences",
            "volunteers_at_five_a_year",
            "pool:volunteer",
            "pool_size",
            "languages_covered",
        ] {
            let (words, unit) = definition(m);
            assert!(!words.is_empty() && !unit.is_empty(), "{m}");
        }
    }

    #[test]
    fn periods_are_london_days() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default();
        let (from, to) = period(d(4, 1), d(9, 30)).unwrap_or_default();
        assert_eq!(from.to_rfc3339(), "2026-03-31T23:00:00+00:00");
        assert_eq!(to.to_rfc3339(), "2026-09-30T23:00:00+00:00");
        assert_eq!(
            half_year_containing(d(2, 10)),
            (
                NaiveDate::from_ymd_opt(2025, 10, 1).unwrap_or_default(),
                d(3, 31)
            )
        );
    }
}
