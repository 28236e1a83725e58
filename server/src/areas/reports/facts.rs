//! Per-case facts for the performance report (table `case_facts`, migration 000014): the case's
//! reporting codes and what the report would otherwise look up in seven tables, keyed by when
//! the case was received.
//!
//! Triggers put a case on `case_facts_dirty` whenever a row it has in one of the source tables
//! changes; [`refresh`] recomputes the dirty cases, a batch per transaction, with one set-based
//! statement. The report refreshes before it reads, so it never shows stale figures, and the
//! server's jobs loop keeps the list short. Facts that depend on the time (a meeting is "held"
//! once it has started) are kept as times and compared with "now" by the report.

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Value};
use uuid::Uuid;

use crate::error::AppResult;

/// Meetings that are the restorative intervention itself (not preparation).
const RESTORATIVE: &str = "('conference','community_conference','panel','shuttle')";
pub const SIDES: [&str; 2] = ["victim", "offender"];
pub const POINTS: [&str; 3] = ["start", "end", "six_months"];
/// Points compared with the start for "distance travelled".
pub const LATER: [&str; 2] = ["end", "six_months"];
/// The case's own columns copied into its facts, so the report reads one table: the key, and
/// the codes it selects, groups and filters on.
const CASE_COLUMNS: &[&str] = &[
    "case_id",
    "received_at",
    "erased_at",
    "offender_identified_at",
    "stage",
    "suitable",
    "suitability_reason_code",
    "stopped_at_stage",
    "intervention_model",
    "referral_source",
    "offence_category",
    "area",
    "referring_agency",
];
/// Cases recomputed per transaction: short write locks on SQLite.
const BATCH: usize = 500;

/// The survey columns: per side and point the number of answers, their sum and how many were
/// satisfied (4 or 5); per side and later point the pairs with a start answer and the sum of
/// their differences.
pub fn survey_columns() -> Vec<String> {
    let mut cols = Vec::new();
    for side in SIDES {
        for point in POINTS {
            for what in ["n", "sum", "satisfied"] {
                cols.push(format!("{side}_{point}_{what}"));
            }
        }
        for later in LATER {
            for what in ["n", "sum"] {
                cols.push(format!("{side}_to_{later}_{what}"));
            }
        }
    }
    cols
}

/// The recompute statement for `n` case ids, which are bound three times.
fn recompute_sql(backend: DatabaseBackend, n: usize) -> String {
    let ids = vec!["?"; n].join(", ");
    let mut answers = Vec::new();
    let mut pairs = Vec::new();
    for side in SIDES {
        for point in POINTS {
            let when = format!("s.side = '{side}' AND s.stage = '{point}'");
            answers.push(format!(
                "SUM(CASE WHEN {when} THEN 1 ELSE 0 END) AS {side}_{point}_n"
            ));
            answers.push(format!(
                "SUM(CASE WHEN {when} THEN s.score ELSE 0 END) AS {side}_{point}_sum"
            ));
            answers.push(format!(
                "SUM(CASE WHEN {when} AND s.score >= 4 THEN 1 ELSE 0 END) AS {side}_{point}_satisfied"
            ));
        }
        for later in LATER {
            let when = format!("s.side = '{side}' AND e.stage = '{later}'");
            pairs.push(format!(
                "SUM(CASE WHEN {when} THEN 1 ELSE 0 END) AS {side}_to_{later}_n"
            ));
            pairs.push(format!(
                "SUM(CASE WHEN {when} THEN e.score - s.score ELSE 0 END) AS {side}_to_{later}_sum"
            ));
        }
    }
    let survey = survey_columns();
    let from_answers: Vec<String> = survey
        .iter()
        .map(|c| {
            let from = if c.contains("_to_") { "dv" } else { "sv" };
            format!("COALESCE({from}.{c}, 0)")
        })
        .collect();
    // Held: recorded as held, or started and not recorded as called off or not happening.
    let held = "FROM meetings m WHERE m.case_id = c.id AND m.status IN ('scheduled', 'held')";
    let flag = |cond: &str| format!("CASE WHEN EXISTS ({cond}) THEN 1 ELSE 0 END");
    let columns = CASE_COLUMNS
        .iter()
        .chain(&[
            "spoken_to",
            "engaging",
            "people_spoken_to",
            "people_engaging",
            "first_meeting_at",
            "first_restorative_at",
            "first_restorative_end",
            "completion_days",
            "conferences",
            "last_conference_at",
            "testimonials",
            "agreement_items",
            "agreement_items_completed",
            "reoffending_checked",
            "reoffended",
        ])
        .map(|c| c.to_string())
        .chain(survey.iter().cloned())
        .collect::<Vec<_>>();
    let values = CASE_COLUMNS
        .iter()
        .map(|c| {
            if *c == "case_id" {
                "c.id".to_string()
            } else {
                format!("c.{c}")
            }
        })
        .chain([
            flag("SELECT 1 FROM contacts x WHERE x.case_id = c.id"),
            flag(
                "SELECT 1 FROM consents x WHERE x.case_id = c.id AND x.purpose = 'taking_part' \
             AND x.given = TRUE",
            ),
            // People, not cases (R-RP-2): a victim and two family members are three.
            "(SELECT COUNT(DISTINCT x.participant_id) FROM contacts x WHERE x.case_id = c.id \
             AND x.participant_id IS NOT NULL)"
                .into(),
            "(SELECT COUNT(DISTINCT x.participant_id) FROM consents x WHERE x.case_id = c.id \
             AND x.purpose = 'taking_part' AND x.given = TRUE)"
                .into(),
            format!("(SELECT MIN(m.starts_at) {held})"),
            format!("(SELECT MIN(m.starts_at) {held} AND m.kind IN {RESTORATIVE})"),
            format!("(SELECT MIN(m.ends_at) {held} AND m.kind IN {RESTORATIVE})"),
            days(
                backend,
                &format!("(SELECT MIN(m.ends_at) {held} AND m.kind IN {RESTORATIVE})"),
                "c.received_at",
            ),
            format!("(SELECT COUNT(*) {held} AND m.kind = 'conference')"),
            format!("(SELECT MAX(m.starts_at) {held} AND m.kind = 'conference')"),
            // Each testimonial with consent counts (R-RP-10), not "the case has one".
            "(SELECT COUNT(*) FROM testimonials t WHERE t.case_id = c.id AND t.consent_to_use = TRUE)"
                .into(),
            "(SELECT COUNT(*) FROM agreement_items a WHERE a.case_id = c.id)".into(),
            "(SELECT COUNT(*) FROM agreement_items a WHERE a.case_id = c.id \
         AND a.completed_at IS NOT NULL)"
                .into(),
            flag("SELECT 1 FROM reoffending_checks x WHERE x.case_id = c.id"),
            flag(
                "SELECT 1 FROM reoffending_checks x WHERE x.case_id = c.id AND x.reoffended = TRUE",
            ),
        ])
        .chain(from_answers)
        .collect::<Vec<_>>();
    let updates: Vec<String> = columns
        .iter()
        .filter(|c| *c != "case_id")
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    format!(
        "INSERT INTO case_facts ({}) SELECT {} FROM cases c \
         LEFT JOIN (SELECT s.case_id AS case_id, {} FROM satisfaction_surveys s \
         WHERE s.case_id IN ({ids}) GROUP BY s.case_id) sv ON sv.case_id = c.id \
         LEFT JOIN (SELECT s.case_id AS case_id, {} FROM satisfaction_surveys s \
         JOIN satisfaction_surveys e ON e.participant_id = s.participant_id \
         WHERE s.stage = 'start' AND s.case_id IN ({ids}) GROUP BY s.case_id) dv ON dv.case_id = c.id \
         WHERE c.id IN ({ids}) \
         ON CONFLICT (case_id) DO UPDATE SET {}",
        columns.join(", "),
        values.join(", "),
        answers.join(", "),
        pairs.join(", "),
        updates.join(", ")
    )
}

/// Days between two timestamps, as a real number.
fn days(backend: DatabaseBackend, later: &str, earlier: &str) -> String {
    match backend {
        DatabaseBackend::Postgres => {
            format!("CAST(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400.0 AS DOUBLE PRECISION)")
        }
        _ => format!("(julianday({later}) - julianday({earlier}))"),
    }
}

/// Claims up to `limit` dirty cases and recomputes their facts, on `conn` (a transaction).
/// Returns how many were claimed.
pub async fn drain<C: ConnectionTrait>(conn: &C, limit: usize) -> AppResult<usize> {
    let backend = conn.get_database_backend();
    // PostgreSQL: skip marks a writer still holds; they stay for the next refresh.
    let lock = if backend == DatabaseBackend::Postgres {
        " FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let claim = crate::db::statement(
        backend,
        &format!(
            "DELETE FROM case_facts_dirty WHERE case_id IN \
             (SELECT case_id FROM case_facts_dirty LIMIT ?{lock}) RETURNING case_id"
        ),
        vec![(limit.min(i64::MAX as usize) as i64).into()],
    );
    let ids: Vec<Uuid> = conn
        .query_all_raw(claim)
        .await?
        .iter()
        .map(|r| r.try_get::<Uuid>("", "case_id"))
        .collect::<Result<_, _>>()?;
    for chunk in ids.chunks(BATCH) {
        let mut values: Vec<Value> = Vec::with_capacity(chunk.len() * 3);
        for _ in 0..3 {
            values.extend(chunk.iter().map(|id| Value::from(*id)));
        }
        conn.execute_raw(crate::db::statement(
            backend,
            &recompute_sql(backend, chunk.len()),
            values,
        ))
        .await?;
    }
    Ok(ids.len())
}

/// The PostgreSQL advisory lock that serialises refreshes.
const REFRESH_LOCK: i64 = 0x726a_6875_6200_0002;

/// Recomputes every dirty case, a batch per transaction; `tick` gets the number done so far.
pub async fn refresh(
    db: &DatabaseConnection,
    tick: &(dyn Fn(usize) + Send + Sync),
) -> AppResult<usize> {
    let backend = db.get_database_backend();
    let any = crate::db::statement(
        backend,
        "SELECT case_id FROM case_facts_dirty LIMIT 1",
        vec![],
    );
    if db.query_one_raw(any).await?.is_none() {
        return Ok(0);
    }
    let mut done = 0;
    loop {
        let txn = crate::db::begin_write(db).await?;
        // One refresher at a time on PostgreSQL: a report's own refresh waits for a batch the
        // scheduled job (or another instance) is computing, rather than skip it and read the
        // cases' facts before they are written. (SQLite's write lock already serialises them.)
        if backend == DatabaseBackend::Postgres {
            txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({REFRESH_LOCK})"))
                .await?;
        }
        let n = drain(&txn, BATCH).await?;
        txn.commit().await?;
        if n == 0 {
            return Ok(done);
        }
        done += n;
        tick(done);
    }
}

/// How many cases wait to be recomputed (for the progress bar).
pub async fn pending(db: &DatabaseConnection) -> AppResult<i64> {
    let stmt = crate::db::statement(
        db.get_database_backend(),
        "SELECT COUNT(*) AS n FROM case_facts_dirty",
        vec![],
    );
    Ok(match db.query_one_raw(stmt).await? {
        Some(r) => r.try_get::<i64>("", "n")?,
        None => 0,
    })
}
