//! The performance report's SQL. Each figure is one aggregate query over the cases received in
//! the period (the cohort), grouped in the database; no case rows are loaded into memory.
//! Queries are written once with `?` placeholders and numbered for PostgreSQL.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait, QueryResult, Set, Statement,
    Value,
};

use super::model::{Dimension, Figure, Filters, period, suppress};
use crate::areas::accounts::model::{Actor, Role};
use crate::entities::report_setting;
use crate::error::{AppError, AppResult};

/// Meetings that are the restorative intervention itself (not preparation).
const RESTORATIVE: &str = "('conference','community_conference','panel','shuttle')";
pub const BASELINE_KEY: &str = "victim_satisfaction_baseline";

pub struct Request {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub group_by: Dimension,
    pub filters: Filters,
}

pub struct Report {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub group_by: Dimension,
    /// Small numbers are suppressed (the commissioner's view).
    pub aggregates_only: bool,
    pub groups: Vec<String>,
    pub figures: Vec<Figure>,
    pub victim_satisfaction_baseline: Option<f64>,
}

/// Who may read reports, and how: the co-ordinator and supervisors in full, the commissioner
/// as suppressed aggregates, partner-agency staff for their own agency's cases only.
fn access(actor: &Actor, filters: &mut Filters) -> AppResult<bool> {
    if actor.has(Role::Coordinator) || actor.has(Role::Supervisor) {
        return Ok(false);
    }
    if actor.has(Role::Commissioner) {
        return Ok(true);
    }
    if actor.has(Role::Facilitator)
        && let Some(agency) = &actor.agency
    {
        filters.agency = Some(agency.clone());
        return Ok(false);
    }
    Err(AppError::Forbidden)
}

#[derive(Clone, Copy)]
struct Sql {
    backend: DatabaseBackend,
}

impl Sql {
    fn statement(&self, sql: &str, values: Vec<Value>) -> Statement {
        crate::db::statement(self.backend, sql, values)
    }

    fn group(&self, d: Dimension) -> &'static str {
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

    /// Days between two timestamps, as a real number.
    fn days(&self, later: &str, earlier: &str) -> String {
        match self.backend {
            DatabaseBackend::Postgres => format!(
                "CAST(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400.0 AS DOUBLE PRECISION)"
            ),
            _ => format!("(julianday({later}) - julianday({earlier}))"),
        }
    }
}

struct Cohort {
    cte: String,
    values: Vec<Value>,
}

fn cohort(sql: &Sql, d: Dimension, from: DateTime<Utc>, to: DateTime<Utc>, f: &Filters) -> Cohort {
    let mut cte = format!(
        "WITH cohort AS (SELECT c.id, {} AS g, c.stage, c.suitable, c.suitability_reason_code, \
         c.stopped_at_stage, c.intervention_model, c.received_at, c.offender_identified_at \
         FROM cases c WHERE c.received_at >= ? AND c.received_at < ? AND c.erased_at IS NULL \
         AND c.stage <> 'enquiry'",
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

fn text(r: &QueryResult, col: &str) -> AppResult<String> {
    Ok(r.try_get::<String>("", col)?)
}
fn int(r: &QueryResult, col: &str) -> AppResult<i64> {
    Ok(r.try_get::<Option<i64>>("", col)?.unwrap_or(0))
}
fn real(r: &QueryResult, col: &str) -> AppResult<Option<f64>> {
    Ok(r.try_get::<Option<f64>>("", col)?)
}

struct Runner<'a> {
    db: &'a DatabaseConnection,
    /// Called after each query (the CLI's progress bar).
    tick: &'a (dyn Fn() + Send + Sync),
    sql: Sql,
    cohort: Cohort,
    now: DateTime<Utc>,
    out: Vec<Figure>,
}

impl Runner<'_> {
    async fn rows(&self, body: &str, extra: Vec<Value>) -> AppResult<Vec<QueryResult>> {
        let mut values = self.cohort.values.clone();
        values.extend(extra);
        let stmt = self
            .sql
            .statement(&format!("{}{body}", self.cohort.cte), values);
        let rows = self.db.query_all_raw(stmt).await?;
        (self.tick)();
        Ok(rows)
    }

    /// Cases of the cohort matching `predicate` (over `k`, the cohort row), per group.
    async fn cases(
        &mut self,
        section: &'static str,
        measure: &str,
        predicate: &str,
        extra: Vec<Value>,
    ) -> AppResult<()> {
        let rows = self
            .rows(
                &format!(
                    "SELECT k.g AS g, COUNT(*) AS n FROM cohort k WHERE {predicate} GROUP BY k.g"
                ),
                extra,
            )
            .await?;
        for r in rows {
            self.out.push(Figure::count(
                section,
                measure,
                &text(&r, "g")?,
                int(&r, "n")?,
            ));
        }
        Ok(())
    }

    /// Cases of the cohort per group and per value of `column`: `family:value` measures.
    async fn breakdown(
        &mut self,
        section: &'static str,
        family: &str,
        body: &str,
    ) -> AppResult<()> {
        for r in self.rows(body, vec![]).await? {
            self.out.push(Figure::count(
                section,
                format!("{family}:{}", text(&r, "v")?),
                &text(&r, "g")?,
                int(&r, "n")?,
            ));
        }
        Ok(())
    }

    async fn run(&mut self) -> AppResult<()> {
        let now: Value = self.now.into();
        let held = |extra: &str| {
            format!(
                "EXISTS (SELECT 1 FROM meetings m WHERE m.case_id = k.id AND m.status = 'scheduled' \
                 AND m.starts_at <= ?{extra})"
            )
        };
        // R-RP-1
        self.cases("referrals", "received", "1 = 1", vec![]).await?;
        // R-RP-2
        self.cases(
            "engagement",
            "spoken_to",
            "EXISTS (SELECT 1 FROM contacts x WHERE x.case_id = k.id)",
            vec![],
        )
        .await?;
        self.cases(
            "engagement",
            "engaging",
            "EXISTS (SELECT 1 FROM consents x WHERE x.case_id = k.id AND x.purpose = 'taking_part' AND x.given = TRUE)",
            vec![],
        )
        .await?;
        // R-RP-3
        self.cases("conversion", "first_meeting", &held(""), vec![now.clone()])
            .await?;
        self.cases(
            "conversion",
            "first_meeting_before_offender_identified",
            &held(
                " AND (k.offender_identified_at IS NULL OR m.starts_at < k.offender_identified_at)",
            ),
            vec![now.clone()],
        )
        .await?;
        self.cases(
            "conversion",
            "conference",
            &held(&format!(" AND m.kind IN {RESTORATIVE}")),
            vec![now.clone()],
        )
        .await?;
        // R-RP-4, R-RP-5
        self.breakdown(
            "not_suitable",
            "reason",
            "SELECT k.g AS g, COALESCE(k.suitability_reason_code, 'not_recorded') AS v, COUNT(*) AS n \
             FROM cohort k WHERE k.suitable = FALSE GROUP BY k.g, COALESCE(k.suitability_reason_code, 'not_recorded')",
        )
        .await?;
        self.breakdown(
            "leaving",
            "left_at",
            "SELECT k.g AS g, COALESCE(k.stopped_at_stage, 'not_recorded') AS v, COUNT(*) AS n \
             FROM cohort k WHERE k.stage IN ('withdrawn', 'not_suitable') \
             GROUP BY k.g, COALESCE(k.stopped_at_stage, 'not_recorded')",
        )
        .await?;
        // R-RP-6: referral to the end of the first restorative meeting held; nearest-rank
        // median and 90th percentile, computed with window functions.
        let days = self.sql.days("MIN(m.ends_at)", "k.received_at");
        let rows = self
            .rows(
                &format!(
                    ", d AS (SELECT k.g AS g, {days} AS days FROM cohort k JOIN meetings m ON m.case_id = k.id \
                     WHERE m.status = 'scheduled' AND m.kind IN {RESTORATIVE} AND m.ends_at <= ? \
                     GROUP BY k.id, k.g, k.received_at), \
                     r AS (SELECT g, days, ROW_NUMBER() OVER (PARTITION BY g ORDER BY days) AS rn, \
                     COUNT(*) OVER (PARTITION BY g) AS n FROM d) \
                     SELECT g, MAX(n) AS n, MAX(CASE WHEN rn = (n * 50 + 99) / 100 THEN days END) AS p50, \
                     MAX(CASE WHEN rn = (n * 90 + 99) / 100 THEN days END) AS p90 FROM r GROUP BY g"
                ),
                vec![now.clone()],
            )
            .await?;
        for r in rows {
            let (g, n) = (text(&r, "g")?, int(&r, "n")?);
            self.out
                .push(Figure::count("timescales", "completed", &g, n));
            self.out.push(Figure::amount(
                "timescales",
                "median_days",
                &g,
                real(&r, "p50")?,
                n,
            ));
            self.out.push(Figure::amount(
                "timescales",
                "p90_days",
                &g,
                real(&r, "p90")?,
                n,
            ));
        }
        // R-RP-7: offers to partner-agency practitioners, and those accepted.
        for (measure, cond) in [
            ("offered", "1 = 1"),
            ("accepted", "r.response = 'accepted'"),
        ] {
            self.breakdown(
                "partners",
                measure,
                &format!(
                    "SELECT k.g AS g, u.agency AS v, COUNT(*) AS n FROM cohort k \
                     JOIN offers o ON o.case_id = k.id JOIN offer_recipients r ON r.offer_id = o.id \
                     JOIN users u ON u.id = r.user_id WHERE u.agency IS NOT NULL AND {cond} \
                     GROUP BY k.g, u.agency"
                ),
            )
            .await?;
        }
        // R-RP-8
        self.breakdown(
            "models",
            "model",
            "SELECT k.g AS g, k.intervention_model AS v, COUNT(*) AS n FROM cohort k \
             WHERE k.intervention_model IS NOT NULL GROUP BY k.g, k.intervention_model",
        )
        .await?;
        for r in self
            .rows(
                "SELECT k.g AS g, COUNT(*) AS n FROM cohort k JOIN meetings m ON m.case_id = k.id \
                 WHERE m.kind = 'conference' AND m.status = 'scheduled' AND m.starts_at <= ? GROUP BY k.g",
                vec![now.clone()],
            )
            .await?
        {
            self.out.push(Figure::count(
                "models",
                "face_to_face_conferences",
                &text(&r, "g")?,
                int(&r, "n")?,
            ));
        }
        // R-RP-9: average scores by side and point, the share of victims satisfied (4 or 5)
        // at the end, and distance travelled (later minus start, per person).
        for r in self
            .rows(
                "SELECT k.g AS g, s.side AS side, s.stage AS stage, COUNT(*) AS n, \
                 CAST(AVG(s.score * 1.0) AS DOUBLE PRECISION) AS v, \
                 CAST(SUM(CASE WHEN s.score >= 4 THEN 1 ELSE 0 END) * 100.0 / COUNT(*) AS DOUBLE PRECISION) AS pct \
                 FROM cohort k JOIN satisfaction_surveys s ON s.case_id = k.id GROUP BY k.g, s.side, s.stage",
                vec![],
            )
            .await?
        {
            let (g, side, stage, n) = (text(&r, "g")?, text(&r, "side")?, text(&r, "stage")?, int(&r, "n")?);
            self.out.push(Figure::amount("satisfaction", format!("{side}_{stage}_average"), &g, real(&r, "v")?, n));
            self.out.push(Figure::amount("satisfaction", format!("{side}_{stage}_satisfied_percent"), &g, real(&r, "pct")?, n));
        }
        for later in ["end", "six_months"] {
            for r in self
                .rows(
                    "SELECT k.g AS g, s.side AS side, COUNT(*) AS n, \
                     CAST(AVG((e.score - s.score) * 1.0) AS DOUBLE PRECISION) AS v FROM cohort k \
                     JOIN satisfaction_surveys s ON s.case_id = k.id AND s.stage = 'start' \
                     JOIN satisfaction_surveys e ON e.participant_id = s.participant_id AND e.stage = ? \
                     GROUP BY k.g, s.side",
                    vec![later.into()],
                )
                .await?
            {
                let (g, side, n) = (text(&r, "g")?, text(&r, "side")?, int(&r, "n")?);
                self.out.push(Figure::amount("satisfaction", format!("{side}_distance_to_{later}"), &g, real(&r, "v")?, n));
            }
        }
        // R-RP-10
        self.cases(
            "outcomes",
            "testimonials",
            "EXISTS (SELECT 1 FROM testimonials t WHERE t.case_id = k.id AND t.consent_to_use = TRUE)",
            vec![],
        )
        .await?;
        for r in self
            .rows(
                "SELECT k.g AS g, COUNT(*) AS n, SUM(CASE WHEN a.completed_at IS NOT NULL THEN 1 ELSE 0 END) AS done \
                 FROM cohort k JOIN agreement_items a ON a.case_id = k.id GROUP BY k.g",
                vec![],
            )
            .await?
        {
            let g = text(&r, "g")?;
            self.out.push(Figure::count("outcomes", "agreement_items", &g, int(&r, "n")?));
            self.out.push(Figure::count("outcomes", "agreement_items_completed", &g, int(&r, "done")?));
        }
        // R-RP-12: offenders whose record was checked, and those any check found re-offending.
        self.cases(
            "reoffending",
            "offenders_checked",
            "EXISTS (SELECT 1 FROM reoffending_checks x WHERE x.case_id = k.id)",
            vec![],
        )
        .await?;
        self.cases(
            "reoffending",
            "reoffended",
            "EXISTS (SELECT 1 FROM reoffending_checks x WHERE x.case_id = k.id AND x.reoffended = TRUE)",
            vec![],
        )
        .await?;
        Ok(())
    }
}

/// Complaints received in the period (R-DP-3), for the whole service: they are not all about a
/// case, so they are counted only when the report is not filtered.
async fn complaints(
    db: &DatabaseConnection,
    sql: &Sql,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
) -> AppResult<Vec<Figure>> {
    let day = |t: DateTime<Utc>| crate::areas::cases::service::today(t);
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
async fn volunteers(
    db: &DatabaseConnection,
    sql: &Sql,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> AppResult<Vec<Figure>> {
    let expected = 5.0 * (to - from).num_days() as f64 / 365.0;
    let stmt = sql.statement(
        "WITH vols AS (SELECT u.id FROM users u JOIN facilitator_profiles p ON p.user_id = u.id \
         WHERE p.kind = 'volunteer' AND u.status = 'active' AND u.erased_at IS NULL), \
         conf AS (SELECT f.user_id, COUNT(DISTINCT e.case_id) AS n FROM case_events e \
         JOIN case_facilitators f ON f.case_id = e.case_id \
         WHERE e.to_stage = 'intervention' AND e.at >= ? AND e.at < ? GROUP BY f.user_id) \
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
         WHERE u.status = 'active' AND u.erased_at IS NULL AND p.languages IS NOT NULL",
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

/// The performance report for a period (R-RP-1…10).
pub async fn performance(
    db: &DatabaseConnection,
    actor: &Actor,
    now: DateTime<Utc>,
    req: Request,
) -> AppResult<Report> {
    performance_with_progress(db, actor, now, req, &|| {}).await
}

/// The same, calling `tick` after each of its queries.
pub async fn performance_with_progress(
    db: &DatabaseConnection,
    actor: &Actor,
    now: DateTime<Utc>,
    mut req: Request,
    tick: &(dyn Fn() + Send + Sync),
) -> AppResult<Report> {
    let aggregates_only = access(actor, &mut req.filters)?;
    if req.to < req.from {
        return Err(AppError::validation(
            "to",
            "The period ends before it starts",
        ));
    }
    if (req.to - req.from).num_days() > 366 * 5 {
        return Err(AppError::validation(
            "to",
            "Choose a period of five years or less",
        ));
    }
    let (from, to) = period(req.from, req.to)
        .ok_or_else(|| AppError::validation("from", "That is not a date we can report on"))?;
    let sql = Sql {
        backend: db.get_database_backend(),
    };
    let mut dims = vec![req.group_by];
    if req.group_by != Dimension::None {
        dims.push(Dimension::None);
    }
    let mut figures = Vec::new();
    for d in dims {
        let mut runner = Runner {
            db,
            tick,
            cohort: cohort(&sql, d, from, to, &req.filters),
            sql,
            now,
            out: Vec::new(),
        };
        runner.run().await?;
        figures.extend(runner.out);
    }
    if req.filters == Filters::default() {
        figures.extend(complaints(db, &sql, from, to, now).await?);
        figures.extend(volunteers(db, &sql, from, to).await?);
    }
    let mut groups: Vec<String> = figures
        .iter()
        .filter(|f| f.section == "referrals")
        .map(|f| f.group.clone())
        .filter(|g| g != "total")
        .collect();
    groups.sort();
    groups.dedup();
    groups.push("total".into());
    if aggregates_only {
        suppress(&mut figures);
    }
    let baseline = report_setting::Entity::find_by_id(BASELINE_KEY)
        .one(db)
        .await?
        .map(|s| s.value);
    Ok(Report {
        from: req.from,
        to: req.to,
        group_by: req.group_by,
        aggregates_only,
        groups,
        figures,
        victim_satisfaction_baseline: baseline,
    })
}

/// The co-ordinator enters the overall victim-satisfaction baseline (percent satisfied) the
/// service is compared with (R-RP-9).
pub async fn set_baseline(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    percent: f64,
) -> AppResult<f64> {
    crate::areas::cases::policy::require_coordinator(actor)?;
    if !(0.0..=100.0).contains(&percent) || percent.is_nan() {
        return Err(AppError::validation(
            "percent",
            "Give a percentage from 0 to 100",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    report_setting::Entity::delete_by_id(BASELINE_KEY)
        .exec(&txn)
        .await?;
    report_setting::Entity::insert(report_setting::ActiveModel {
        key: Set(BASELINE_KEY.into()),
        value: Set(percent),
        updated_by: Set(Some(actor.user_id)),
        updated_at: Set(now),
    })
    .exec(&txn)
    .await?;
    crate::audit::record_by(
        &txn,
        now,
        actor,
        crate::audit::Entry::new("set_satisfaction_baseline", "report_setting", BASELINE_KEY),
    )
    .await?;
    txn.commit().await?;
    Ok(percent)
}

/// The report as CSV: one row per figure, in the order of the report.
pub fn csv(report: &Report) -> String {
    let mut out = String::from("section,measure,group,value\n");
    for f in &report.figures {
        let cells = [
            f.section,
            f.measure.as_str(),
            f.group.as_str(),
            &f.display(),
        ];
        let line: Vec<String> = cells
            .iter()
            .map(|c| {
                // Quote what needs it, and defuse spreadsheet formulas.
                let c = if c.starts_with(['=', '+', '-', '@']) && c.parse::<f64>().is_err() {
                    format!("'{c}")
                } else {
                    (*c).to_string()
                };
                if c.contains([',', '"', '\n']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c
                }
            })
            .collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}
