//! The performance report's SQL: three aggregate queries over the cases received in the period
//! (the cohort) as their per-case facts (facts.rs), grouped in the database; no case rows are
//! loaded into memory, and a grouped report's total is the sum of its groups. Queries are written
//! once with ? placeholders and numbered for PostgreSQL.

use chrono::{DateTime, Utc};
use sea_orm::{
    ConnectionTrait, DatabaseBackend, DatabaseConnection, QueryResult, Statement, Value,
};

use std::collections::{BTreeMap, BTreeSet};

use super::facts;
use super::model::{Dimension, Figure, Filters};
use crate::error::AppResult;

#[derive(Clone, Copy)]
pub(super) struct Sql {
    pub(super) backend: DatabaseBackend,
}

impl Sql {
    pub(super) fn statement(&self, sql: &str, values: Vec<Value>) -> Statement {
        crate::db::statement(self.backend, sql, values)
    }

    pub(super) fn group(&self, d: Dimension) -> &'static str {
        match (d, self.backend) {
            (Dimension::None, _) => "'total'",
            (Dimension::Month, DatabaseBackend::Postgres) => {
                "to_char(c.received_at AT TIME ZONE 'Europe/London', 'YYYY-MM')"
            }
            // SQLite keeps UTC text: a referral in the first hour of a BST month counts in
            // the month before. Documented in the README.
            (Dimension::Month, _) => "substr(c.received_at, 1, 7)",
            (Dimension::Source, _) => "c.referral_source",
            (Dimension::Offence, _) => "COALESCE(c.offence_category, 'not_recorded')",
            (Dimension::Area, _) => "COALESCE(c.area, 'not_recorded')",
            (Dimension::Model, _) => "COALESCE(c.intervention_model, 'not_recorded')",
            (Dimension::Agency, _) => "COALESCE(c.referring_agency, 'none')",
        }
    }
}

pub(super) struct Cohort {
    pub(super) cte: String,
    pub(super) values: Vec<Value>,
}

pub(super) fn cohort(
    sql: &Sql,
    d: Dimension,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    f: &Filters,
) -> Cohort {
    // The cases and their facts in one table, read as one range of its key (`facts.rs`).
    let mut cte = format!(
        "WITH cohort AS (SELECT c.*, {} AS g FROM case_facts c \
         WHERE c.received_at >= ? AND c.received_at < ? AND c.erased_at IS NULL \
         AND c.stage <> 'enquiry' AND COALESCE(c.stopped_at_stage, '') <> 'enquiry'",
        sql.group(d)
    );
    let mut values: Vec<Value> = vec![from.into(), to.into()];
    for (col, v) in [
        ("c.referral_source", &f.referral_source),
        ("c.offence_category", &f.offence_category),
        ("c.area", &f.area),
        ("c.intervention_model", &f.intervention_model),
        ("c.referring_agency", &f.agency),
    ] {
        if let Some(v) = v {
            cte.push_str(&format!(" AND {col} = ?"));
            values.push(v.clone().into());
        }
    }
    cte.push_str(") ");
    Cohort { cte, values }
}

pub(super) fn text(r: &QueryResult, col: &str) -> AppResult<String> {
    Ok(r.try_get::<String>("", col)?)
}
pub(super) fn int(r: &QueryResult, col: &str) -> AppResult<i64> {
    Ok(r.try_get::<Option<i64>>("", col)?.unwrap_or(0))
}
pub(super) fn real(r: &QueryResult, col: &str) -> AppResult<Option<f64>> {
    Ok(r.try_get::<Option<f64>>("", col)?)
}

/// Raw sums for one group: named counts, survey sums and `family:value` breakdowns. Every entry
/// adds up across groups, so the "total" of a grouped report is the sum of its groups.
#[derive(Default, Clone)]
pub(super) struct Tally(BTreeMap<String, i64>);

impl Tally {
    pub(super) fn add(&mut self, key: impl Into<String>, n: i64) {
        *self.0.entry(key.into()).or_default() += n;
    }
    pub(super) fn get(&self, key: &str) -> i64 {
        self.0.get(key).copied().unwrap_or(0)
    }
    pub(super) fn merge(&mut self, other: &Tally) {
        for (k, v) in &other.0 {
            self.add(k.clone(), *v);
        }
    }
    pub(super) fn family<'a>(
        &'a self,
        family: &'a str,
    ) -> impl Iterator<Item = (&'a str, i64)> + 'a {
        self.0.iter().filter_map(move |(k, v)| {
            k.strip_prefix(family)
                .and_then(|rest| rest.strip_prefix(':'))
                .map(|value| (value, *v))
        })
    }
}

/// Counts read straight from the main pass, by section.
pub(super) const COUNTED: &[(&str, &str)] = &[
    ("engagement", "spoken_to"),
    ("engagement", "engaging"),
    ("engagement", "people_spoken_to"),
    ("engagement", "people_engaging"),
    ("conversion", "first_meeting"),
    ("conversion", "first_meeting_before_offender_identified"),
    ("conversion", "conference"),
];
/// The Victims' Code clocks the report counts (stored codes of `cases::clocks::ClockKind`).
pub(super) const CLOCK_KINDS: [&str; 2] = ["rj_information", "onward_referral"];

pub(super) const OUTCOMES: &[(&str, &str)] = &[
    ("outcomes", "testimonials"),
    ("outcomes", "agreement_items"),
    ("outcomes", "agreement_items_completed"),
    ("reoffending", "offenders_checked"),
    ("reoffending", "reoffended"),
];

pub(super) struct Runner<'a> {
    pub(super) db: &'a DatabaseConnection,
    /// Called after each query (the CLI's progress bar).
    pub(super) tick: &'a (dyn Fn() + Send + Sync),
    pub(super) sql: Sql,
    pub(super) cohort: Cohort,
    /// Whether groups are summed into a "total" (false: the one group is the total).
    pub(super) grouped: bool,
    pub(super) now: DateTime<Utc>,
}

impl Runner<'_> {
    pub(super) async fn rows(&self, body: &str, extra: Vec<Value>) -> AppResult<Vec<QueryResult>> {
        let mut values = self.cohort.values.clone();
        values.extend(extra);
        let stmt = self
            .sql
            .statement(&format!("{}{body}", self.cohort.cte), values);
        let rows = self.db.query_all_raw(stmt).await?;
        (self.tick)();
        Ok(rows)
    }

    /// One pass over the cohort's facts (R-RP-1…5, 8…10, 12), grouped by the
    /// dimension and by the case's own codes, so breakdowns come from the same rows.
    pub(super) async fn main_pass(&self) -> AppResult<BTreeMap<String, Tally>> {
        let now: Value = self.now.into();
        let sum = |expr: &str, name: &str| format!("CAST(SUM({expr}) AS BIGINT) AS {name}");
        let mut cols = vec![
            "COUNT(*) AS received".to_string(),
            sum("k.spoken_to", "spoken_to"),
            sum("k.engaging", "engaging"),
            sum("k.people_spoken_to", "people_spoken_to"),
            sum("k.people_engaging", "people_engaging"),
            sum(
                "CASE WHEN k.first_meeting_at <= ? THEN 1 ELSE 0 END",
                "first_meeting",
            ),
            sum(
                "CASE WHEN k.first_meeting_at <= ? AND (k.offender_identified_at IS NULL \
                 OR k.first_meeting_at < k.offender_identified_at) THEN 1 ELSE 0 END",
                "first_meeting_before_offender_identified",
            ),
            sum(
                "CASE WHEN k.first_restorative_at <= ? THEN 1 ELSE 0 END",
                "conference",
            ),
            // Conferences held: all of a case's unless one is still to come, then counted.
            sum(
                "CASE WHEN k.conferences = 0 THEN 0 \
                 WHEN k.last_conference_at <= ? THEN k.conferences \
                 ELSE (SELECT COUNT(*) FROM meetings m WHERE m.case_id = k.case_id \
                 AND m.kind = 'conference' AND m.status IN ('scheduled', 'held') AND m.starts_at <= ?) END",
                "face_to_face_conferences",
            ),
            sum("k.testimonials", "testimonials"),
            sum("k.agreement_items", "agreement_items"),
            sum("k.agreement_items_completed", "agreement_items_completed"),
            sum("k.reoffending_checked", "offenders_checked"),
            sum("k.reoffended", "reoffended"),
        ];
        let survey = facts::survey_columns();
        cols.extend(survey.iter().map(|c| sum(&format!("k.{c}"), c)));
        // Grouped by the case's codes too: the breakdowns come from the same pass, which costs
        // less than a second pass over the cohort.
        let codes = "k.g, k.suitable, k.suitability_reason_code, k.stage, k.stopped_at_stage, \
                     k.intervention_model";
        let rows = self
            .rows(
                &format!(
                    "SELECT k.g AS g, k.suitable AS suitable, k.suitability_reason_code AS reason, \
                     k.stage AS stage, k.stopped_at_stage AS stopped, k.intervention_model AS model, \
                     {} FROM cohort k GROUP BY {codes}",
                    cols.join(", ")
                ),
                vec![now.clone(), now.clone(), now.clone(), now.clone(), now],
            )
            .await?;
        let mut out: BTreeMap<String, Tally> = BTreeMap::new();
        for r in rows {
            let t = out.entry(text(&r, "g")?).or_default();
            let received = int(&r, "received")?;
            t.add("received", received);
            for (_, m) in COUNTED.iter().chain(OUTCOMES) {
                t.add(*m, int(&r, m)?);
            }
            t.add(
                "face_to_face_conferences",
                int(&r, "face_to_face_conferences")?,
            );
            for c in &survey {
                t.add(c.as_str(), int(&r, c)?);
            }
            let code = |col: &str| -> AppResult<String> {
                Ok(r.try_get::<Option<String>>("", col)?
                    .unwrap_or_else(|| "not_recorded".into()))
            };
            // R-RP-4, R-RP-5, R-RP-8
            if r.try_get::<Option<bool>>("", "suitable")? == Some(false) {
                t.add(format!("reason:{}", code("reason")?), received);
            }
            if matches!(text(&r, "stage")?.as_str(), "withdrawn" | "not_suitable") {
                t.add(format!("left_at:{}", code("stopped")?), received);
            }
            if let Some(model) = r.try_get::<Option<String>>("", "model")? {
                t.add(format!("model:{model}"), received);
            }
        }
        Ok(out)
    }

    /// R-RP-7: offers to partner-agency practitioners, and those accepted. Starts from the
    /// (few) partner practitioners rather than from every case of the cohort.
    pub(super) async fn partners(&self, tallies: &mut BTreeMap<String, Tally>) -> AppResult<()> {
        let rows = self
            .rows(
                "SELECT k.g AS g, u.agency AS v, COUNT(*) AS offered, \
                 CAST(SUM(CASE WHEN r.response = 'accepted' THEN 1 ELSE 0 END) AS BIGINT) AS accepted \
                 FROM users u CROSS JOIN facilitator_profiles p CROSS JOIN offer_recipients r \
                 CROSS JOIN offers o CROSS JOIN cohort k \
                 WHERE u.agency IS NOT NULL AND p.user_id = u.id AND p.kind = 'partner_practitioner' \
                 AND r.user_id = u.id AND o.id = r.offer_id \
                 AND k.case_id = o.case_id GROUP BY k.g, u.agency",
                vec![],
            )
            .await?;
        for r in rows {
            let (g, agency) = (text(&r, "g")?, text(&r, "v")?);
            let t = tallies.entry(g).or_default();
            t.add(format!("offered:{agency}"), int(&r, "offered")?);
            t.add(format!("accepted:{agency}"), int(&r, "accepted")?);
        }
        Ok(())
    }

    /// R-ST-2: the Victims' Code clocks of the cohort's cases, by kind: started, met on time
    /// (met on or before its due day), and decided (met, or past its due day unmet) — the base
    /// of the share met on time, which leaves out clocks still running.
    pub(super) async fn clocks(&self, tallies: &mut BTreeMap<String, Tally>) -> AppResult<()> {
        let today = crate::kernel::today(self.now);
        let rows = self
            .rows(
                "SELECT k.g AS g, t.kind AS v, COUNT(*) AS started, \
                 CAST(SUM(CASE WHEN t.met_on IS NOT NULL AND t.met_on <= t.due_on THEN 1 ELSE 0 END) AS BIGINT) AS on_time, \
                 CAST(SUM(CASE WHEN t.met_on IS NOT NULL OR t.due_on < ? THEN 1 ELSE 0 END) AS BIGINT) AS decided \
                 FROM case_clocks t CROSS JOIN cohort k WHERE t.case_id = k.case_id GROUP BY k.g, t.kind",
                vec![today.into()],
            )
            .await?;
        for r in rows {
            let (g, kind) = (text(&r, "g")?, text(&r, "v")?);
            let t = tallies.entry(g).or_default();
            t.add(format!("{kind}_clocks"), int(&r, "started")?);
            t.add(format!("{kind}_on_time"), int(&r, "on_time")?);
            t.add(format!("{kind}_decided"), int(&r, "decided")?);
        }
        Ok(())
    }

    /// R-RP-6: referral to the end of the first restorative meeting held; nearest-rank median
    /// and 90th percentile with window functions, per group and (when grouped) overall.
    pub(super) async fn timescales(
        &self,
    ) -> AppResult<BTreeMap<String, (i64, Option<f64>, Option<f64>)>> {
        let all = if self.grouped {
            "SELECT g, days FROM d UNION ALL SELECT 'total' AS g, days FROM d"
        } else {
            "SELECT g, days FROM d"
        };
        let rows = self
            .rows(
                &format!(
                    ", d AS (SELECT k.g AS g, k.completion_days AS days FROM cohort k \
                     WHERE k.first_restorative_end <= ?), \
                     r AS (SELECT g, days, ROW_NUMBER() OVER (PARTITION BY g ORDER BY days) AS rn, \
                     COUNT(*) OVER (PARTITION BY g) AS n FROM ({all}) a) \
                     SELECT g, MAX(n) AS n, MAX(CASE WHEN rn = (n * 50 + 99) / 100 THEN days END) AS p50, \
                     MAX(CASE WHEN rn = (n * 90 + 99) / 100 THEN days END) AS p90 FROM r GROUP BY g"
                ),
                vec![self.now.into()],
            )
            .await?;
        let mut out = BTreeMap::new();
        for r in rows {
            out.insert(
                text(&r, "g")?,
                (int(&r, "n")?, real(&r, "p50")?, real(&r, "p90")?),
            );
        }
        Ok(out)
    }

    pub(super) async fn run(&self) -> AppResult<Vec<Figure>> {
        let mut tallies = self.main_pass().await?;
        self.partners(&mut tallies).await?;
        self.clocks(&mut tallies).await?;
        let timescales = self.timescales().await?;
        if self.grouped {
            let mut total = Tally::default();
            for t in tallies.values() {
                total.merge(t);
            }
            tallies.insert("total".into(), total);
        }
        // Groups in order, the total last.
        let mut groups: Vec<(&String, &Tally)> =
            tallies.iter().filter(|(g, _)| *g != "total").collect();
        groups.extend(tallies.get_key_value("total"));
        Ok(figures(&groups, &timescales))
    }
}

/// The report's figures from the groups' tallies, measure by measure.
pub(super) fn figures(
    groups: &[(&String, &Tally)],
    timescales: &BTreeMap<String, (i64, Option<f64>, Option<f64>)>,
) -> Vec<Figure> {
    let mut out = Vec::new();
    let counts = |out: &mut Vec<Figure>, section: &'static str, measure: &str| {
        for (g, t) in groups {
            out.push(Figure::count(section, measure, g, t.get(measure)));
        }
    };
    counts(&mut out, "referrals", "received");
    for (section, measure) in COUNTED {
        counts(&mut out, section, measure);
    }
    let families = |out: &mut Vec<Figure>, section: &'static str, family: &str| {
        let values: BTreeSet<&str> = groups
            .iter()
            .flat_map(|(_, t)| t.family(family).map(|(v, _)| v))
            .collect();
        for v in values {
            let key = format!("{family}:{v}");
            for (g, t) in groups {
                out.push(Figure::count(section, key.clone(), g, t.get(&key)));
            }
        }
    };
    families(&mut out, "not_suitable", "reason");
    families(&mut out, "leaving", "left_at");
    for (g, _) in groups {
        let (n, p50, p90) = timescales.get(*g).copied().unwrap_or((0, None, None));
        out.push(Figure::count("timescales", "completed", g, n));
        out.push(Figure::amount("timescales", "median_days", g, p50, n));
        out.push(Figure::amount("timescales", "p90_days", g, p90, n));
    }
    // R-ST-2: each clock kind's count, those met on time, and the share of those decided.
    for kind in CLOCK_KINDS {
        counts(&mut out, "victims_code", &format!("{kind}_clocks"));
        counts(&mut out, "victims_code", &format!("{kind}_on_time"));
        for (g, t) in groups {
            let decided = t.get(&format!("{kind}_decided"));
            out.push(Figure::amount(
                "victims_code",
                format!("{kind}_on_time_percent"),
                g,
                (decided > 0)
                    .then(|| t.get(&format!("{kind}_on_time")) as f64 * 100.0 / decided as f64),
                decided,
            ));
        }
    }
    families(&mut out, "partners", "offered");
    families(&mut out, "partners", "accepted");
    families(&mut out, "models", "model");
    counts(&mut out, "models", "face_to_face_conferences");
    // R-RP-9: average scores by side and point, the share satisfied (4 or 5), and distance
    // travelled (a later answer minus the same person's start), where anyone answered.
    let ratio = |a: i64, n: i64, scale: f64| (n > 0).then(|| a as f64 * scale / n as f64);
    for side in facts::SIDES {
        for point in facts::POINTS {
            for (g, t) in groups {
                let n = t.get(&format!("{side}_{point}_n"));
                if n == 0 {
                    continue;
                }
                let sum = t.get(&format!("{side}_{point}_sum"));
                let satisfied = t.get(&format!("{side}_{point}_satisfied"));
                out.push(Figure::amount(
                    "satisfaction",
                    format!("{side}_{point}_average"),
                    g,
                    ratio(sum, n, 1.0),
                    n,
                ));
                out.push(Figure::amount(
                    "satisfaction",
                    format!("{side}_{point}_satisfied_percent"),
                    g,
                    ratio(satisfied, n, 100.0),
                    n,
                ));
            }
        }
        for later in facts::LATER {
            for (g, t) in groups {
                let n = t.get(&format!("{side}_to_{later}_n"));
                if n > 0 {
                    out.push(Figure::amount(
                        "satisfaction",
                        format!("{side}_distance_to_{later}"),
                        g,
                        ratio(t.get(&format!("{side}_to_{later}_sum")), n, 1.0),
                        n,
                    ));
                }
            }
        }
    }
    // R-RP-10, R-RP-12
    for (section, measure) in OUTCOMES {
        counts(&mut out, section, measure);
    }
    out
}

/// Complaints received in the period (R-DP-3), for the whole service: they are not all about a
/// case, so they are counted only when the report is not filtered.
pub(super) async fn complaints(
    db: &DatabaseConnection,
    sql: &Sql,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
) -> AppResult<Vec<Figure>> {
    let day = |t: DateTime<Utc>| crate::kernel::today(t);
    let stmt = sql.statement(
        "SELECT COUNT(*) AS received,          SUM(CASE WHEN acknowledged_on IS NOT NULL AND acknowledged_on <= acknowledge_by THEN 1 ELSE 0 END) AS ack_on_time,          SUM(CASE WHEN acknowledged_on IS NULL AND acknowledge_by < ? THEN 1 ELSE 0 END) AS ack_overdue,          SUM(CASE WHEN outcome IS NOT NULL THEN 1 ELSE 0 END) AS resolved,          SUM(CASE WHEN responded_on IS NOT NULL AND responded_on <= respond_by THEN 1 ELSE 0 END) AS resolved_on_time,          SUM(CASE WHEN outcome IN ('upheld', 'partly_upheld') THEN 1 ELSE 0 END) AS upheld          FROM complaints WHERE received_on >= ? AND received_on < ?",
        vec![day(now).into(), day(from).into(), day(to).into()],
    );
    let mut out = Vec::new();
    if let Some(r) = db.query_one_raw(stmt).await? {
        for m in [
            "received",
            "ack_on_time",
            "ack_overdue",
            "resolved",
            "resolved_on_time",
            "upheld",
        ] {
            let measure = match m {
                "received" => "complaints_received",
                "ack_on_time" => "acknowledged_on_time",
                "ack_overdue" => "acknowledgement_overdue",
                other => other,
            };
            out.push(Figure::count("complaints", measure, "total", int(&r, m)?));
        }
    }
    Ok(out)
}

/// Volunteer activity against five conferences a year, pro rata for the period, and the pool's
/// size and spread (R-RP-11). A volunteer's conference is a case they facilitated that reached
/// the restorative intervention in the period, as in the volunteer bank's figures.
pub(super) async fn volunteers(
    db: &DatabaseConnection,
    sql: &Sql,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> AppResult<Vec<Figure>> {
    let expected = 5.0 * (to - from).num_days() as f64 / 365.0;
    // From the volunteers' own cases: `|| ''` keeps SQLite (which has no statistics) from
    // reading every intervention of the period through the (to_stage, at) index instead of each
    // case's events through (case_id, at).
    let stmt = sql.statement(
        "WITH vols AS (SELECT u.id FROM users u JOIN facilitator_profiles p ON p.user_id = u.id \
         WHERE p.kind = 'volunteer' AND u.status = 'active' AND u.erased_at IS NULL), \
         conf AS (SELECT f.user_id, COUNT(DISTINCT f.case_id) AS n FROM vols v \
         JOIN case_facilitators f ON f.user_id = v.id WHERE EXISTS (SELECT 1 FROM case_events e \
         WHERE e.case_id = f.case_id AND e.to_stage || '' = 'intervention' AND e.at >= ? AND e.at < ?) \
         GROUP BY f.user_id) \
         SELECT COUNT(*) AS volunteers, \
         SUM(CASE WHEN COALESCE(c.n, 0) >= ? THEN 1 ELSE 0 END) AS on_track, \
         CAST(SUM(COALESCE(c.n, 0)) AS BIGINT) AS conferences \
         FROM vols v LEFT JOIN conf c ON c.user_id = v.id",
        vec![from.into(), to.into(), expected.into()],
    );
    let mut out = Vec::new();
    if let Some(r) = db.query_one_raw(stmt).await? {
        for (col, measure) in [
            ("volunteers", "active_volunteers"),
            ("conferences", "volunteer_conferences"),
            ("on_track", "volunteers_at_five_a_year"),
        ] {
            out.push(Figure::count("volunteers", measure, "total", int(&r, col)?));
        }
    }
    let pool = sql.statement(
        "SELECT p.kind AS v, COUNT(*) AS n FROM facilitator_profiles p JOIN users u ON u.id = p.user_id \
         WHERE u.status = 'active' AND u.erased_at IS NULL AND p.paused = FALSE GROUP BY p.kind",
        vec![],
    );
    let mut total = 0;
    for r in db.query_all_raw(pool).await? {
        let n = int(&r, "n")?;
        total += n;
        out.push(Figure::count(
            "volunteers",
            format!("pool:{}", text(&r, "v")?),
            "total",
            n,
        ));
    }
    out.push(Figure::count("volunteers", "pool_size", "total", total));
    // Languages the active pool speaks: a small table, read whole.
    let langs = sql.statement(
        "SELECT p.languages AS v FROM facilitator_profiles p JOIN users u ON u.id = p.user_id \
         WHERE u.status = 'active' AND u.erased_at IS NULL AND p.paused = FALSE \
         AND p.languages IS NOT NULL",
        vec![],
    );
    let mut covered = std::collections::BTreeSet::new();
    for r in db.query_all_raw(langs).await? {
        covered.extend(crate::areas::allocation::model::language_codes(Some(
            &text(&r, "v")?,
        )));
    }
    out.push(Figure::count(
        "volunteers",
        "languages_covered",
        "total",
        covered.len() as i64,
    ));
    Ok(out)
}
