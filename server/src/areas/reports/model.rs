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

/// Narrows the cases a report counts; every value is a stored code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub referral_source: Option<String>,
    pub offence_category: Option<String>,
    pub area: Option<String>,
    pub intervention_model: Option<String>,
    pub agency: Option<String>,
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

    /// What a reader sees: the number, "<5" when suppressed, "–" when there is nothing.
    pub fn display(&self) -> String {
        match (self.suppressed, self.value) {
            (true, _) => "<5".into(),
            (false, None) => "–".into(),
            (false, Some(v)) if self.count => format!("{}", v as i64),
            (false, Some(v)) => format!("{v:.1}"),
        }
    }
}

/// Counts from 1 to 4 are suppressed, and so is anything computed from fewer than 5 answers.
pub const SMALLEST_SHOWN: i64 = 5;

/// The family of measures that add up to a whole (e.g. `not_suitable:` reasons): if one of
/// them were hidden alone, subtracting the others from the total would reveal it.
fn family(measure: &str) -> &str {
    measure.split_once(':').map_or(measure, |(f, _)| f)
}

/// Suppresses small numbers for aggregate-only readers. Primary: counts of 1–4 and
/// averages over fewer than 5. Secondary: wherever a set of counts adds up to a total that is
/// shown — one measure across the groups (with the "total" group), or one family of measures
/// within a group — a lone suppressed cell takes the next smallest with it, so that no
/// suppressed value can be recovered by subtraction.
pub fn suppress(figures: &mut [Figure]) {
    for f in figures.iter_mut() {
        let small = f.base > 0 && f.base < SMALLEST_SHOWN;
        if small {
            f.suppressed = true;
        }
    }
    // Repeat until stable: hiding one cell can leave another set with a lone hidden cell.
    loop {
        let mut changed = false;
        let mut sets: Vec<Vec<usize>> = Vec::new();
        let mut by_measure: std::collections::BTreeMap<(&str, &str), Vec<usize>> =
            Default::default();
        let mut by_family: std::collections::BTreeMap<(&str, &str, &str), Vec<usize>> =
            Default::default();
        for (i, f) in figures.iter().enumerate().filter(|(_, f)| f.count) {
            by_measure
                .entry((f.section, f.measure.as_str()))
                .or_default()
                .push(i);
            if f.measure.contains(':') {
                by_family
                    .entry((f.section, family(&f.measure), f.group.as_str()))
                    .or_default()
                    .push(i);
            }
        }
        sets.extend(by_measure.into_values().filter(|s| s.len() > 1));
        sets.extend(by_family.into_values().filter(|s| s.len() > 1));
        for set in sets {
            let hidden = set.iter().filter(|i| figures[**i].suppressed).count();
            if hidden != 1 {
                continue;
            }
            let next = set
                .iter()
                .copied()
                .filter(|i| !figures[*i].suppressed && figures[*i].base > 0)
                .filter(|i| figures[*i].group != "total")
                .min_by_key(|i| figures[*i].base);
            if let Some(i) = next {
                figures[i].suppressed = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for f in figures.iter_mut().filter(|f| f.suppressed) {
        f.value = None;
    }
}

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

    fn c(measure: &str, group: &str, n: i64) -> Figure {
        Figure::count("s", measure, group, n)
    }

    #[test]
    fn counts_of_one_to_four_are_suppressed_and_zero_is_not() {
        let mut f = vec![c("a", "x", 0), c("b", "x", 4), c("c", "x", 5)];
        suppress(&mut f);
        assert_eq!(
            f.iter().map(Figure::display).collect::<Vec<_>>(),
            ["0", "<5", "5"]
        );
    }

    #[test]
    fn a_lone_suppressed_cell_takes_the_next_smallest_with_it() {
        // 3 + 7 + 20 = 30: hiding only the 3 would let total − 7 − 20 reveal it.
        let mut f = vec![
            c("received", "police", 3),
            c("received", "self", 7),
            c("received", "hub", 20),
            c("received", "total", 30),
        ];
        suppress(&mut f);
        let shown: Vec<_> = f.iter().map(Figure::display).collect();
        assert_eq!(shown, ["<5", "<5", "20", "30"]);
    }

    #[test]
    fn families_within_a_group_are_protected_too() {
        let mut f = vec![
            c("not_suitable:risk", "all", 2),
            c("not_suitable:declined", "all", 9),
            c("not_suitable:other", "all", 12),
        ];
        suppress(&mut f);
        assert!(f[0].suppressed && f[1].suppressed && !f[2].suppressed);
    }

    #[test]
    fn averages_over_few_answers_are_suppressed() {
        let mut f = vec![Figure::amount("sat", "victim_end_avg", "all", Some(4.5), 3)];
        suppress(&mut f);
        assert_eq!(f[0].display(), "<5");
        assert_eq!(f[0].value, None);
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
