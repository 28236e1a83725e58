//! An auditor of published editions, written apart from the server's disclosure control: it
//! reads an edition as any reader gets it (the graph's JSON) and, for each hidden count, works
//! out by linear programming the least and most it could be, given every shown figure and every
//! relation a reader knows holds between the edition's tables. A hidden count whose range is
//! narrower than the protection threshold has been given away.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use good_lp::{
    Expression, ProblemVariables, ResolutionError, Solution, SolverModel, Variable, microlp,
    variable,
};
use serde_json::Value;

/// A hidden count must be able to take values at least this far apart.
pub const PROTECTION: f64 = 5.0;

/// Units that are not counts (averages, shares, durations): not additive.
const NOT_COUNTS: &[&str] = &["days", "score", "percent"];

/// What a reader knows without being told: one figure is at most another, in any one group.
const KNOWN_AT_MOST: &[(&str, &str)] = &[
    ("spoken_to", "received"),
    ("engaging", "received"),
    ("first_meeting", "received"),
    ("first_meeting_before_offender_identified", "first_meeting"),
    ("conference", "first_meeting"),
    ("completed", "conference"),
    ("offenders_checked", "received"),
    ("reoffended", "offenders_checked"),
    ("spoken_to", "people_spoken_to"),
    ("engaging", "people_engaging"),
    ("agreement_items_completed", "agreement_items"),
    ("acknowledged_on_time", "complaints_received"),
    ("acknowledgement_overdue", "complaints_received"),
    ("resolved", "complaints_received"),
    ("resolved_on_time", "resolved"),
    ("upheld", "resolved"),
    ("volunteers_at_five_a_year", "active_volunteers"),
    ("pool:volunteer", "active_volunteers"),
];

#[derive(Debug, Clone)]
pub struct Leak {
    pub table: String,
    pub measure: String,
    pub group: String,
    pub least: f64,
    pub most: f64,
}

type Cell = (String, String, String);

enum Term {
    Known(f64),
    Hidden(usize),
}

struct Problem {
    hidden: Vec<Cell>,
    /// `sum(left) - sum(right) == 0` or `<= 0`.
    rows: Vec<(Vec<Cell>, Vec<Cell>, bool)>,
    values: HashMap<Cell, Option<f64>>,
}

impl Problem {
    fn term(&self, c: &Cell, index: &HashMap<Cell, usize>) -> Option<Term> {
        match self.values.get(c)? {
            Some(v) => Some(Term::Known(*v)),
            None => index.get(c).map(|i| Term::Hidden(*i)),
        }
    }
}

/// Every hidden count of `edition` (a `ReportEdition` as JSON with its tables and figures)
/// that a reader could pin down to a range narrower than [`PROTECTION`].
pub fn audit(edition: &Value) -> Vec<Leak> {
    let mut values: HashMap<Cell, Option<f64>> = HashMap::new();
    let mut tables: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for t in edition["tables"].as_array().into_iter().flatten() {
        let table = t["groupBy"].as_str().unwrap_or_default().to_string();
        for f in t["figures"].as_array().into_iter().flatten() {
            if NOT_COUNTS.contains(&f["unit"].as_str().unwrap_or_default()) {
                continue;
            }
            let (m, g) = (
                f["measure"].as_str().unwrap_or_default().to_string(),
                f["group"].as_str().unwrap_or_default().to_string(),
            );
            let v = if f["suppressed"] == true {
                None
            } else {
                Some(f["value"].as_f64().unwrap_or(0.0))
            };
            values.insert((table.clone(), m.clone(), g.clone()), v);
            tables.entry(table.clone()).or_default().push((m, g));
        }
    }
    let cell = |t: &str, m: &str, g: &str| (t.to_string(), m.to_string(), g.to_string());
    let mut rows: Vec<(Vec<Cell>, Vec<Cell>, bool)> = Vec::new();
    for (t, cells) in &tables {
        let measures: BTreeSet<&str> = cells.iter().map(|(m, _)| m.as_str()).collect();
        let groups: BTreeSet<&str> = cells.iter().map(|(_, g)| g.as_str()).collect();
        let has = |m: &str, g: &str| values.contains_key(&cell(t, m, g));
        for m in &measures {
            // The same total in every table.
            for other in tables.keys().filter(|o| *o > t) {
                if has(m, "total") && values.contains_key(&cell(other, m, "total")) {
                    rows.push((
                        vec![cell(t, m, "total")],
                        vec![cell(other, m, "total")],
                        true,
                    ));
                }
            }
            // The groups of a grouped table add up to its total.
            let parts: Vec<Cell> = groups
                .iter()
                .filter(|g| **g != "total" && has(m, g))
                .map(|g| cell(t, m, g))
                .collect();
            if !parts.is_empty() && has(m, "total") {
                rows.push((parts, vec![cell(t, m, "total")], true));
            }
        }
        for g in &groups {
            let family = |f: &str| -> Vec<Cell> {
                measures
                    .iter()
                    .filter(|m| m.strip_prefix(f).is_some_and(|r| r.starts_with(':')))
                    .filter(|m| has(m, g))
                    .map(|m| cell(t, m, g))
                    .collect()
            };
            let kinds = family("pool");
            if !kinds.is_empty() && has("pool_size", g) {
                rows.push((kinds, vec![cell(t, "pool_size", g)], true));
            }
            for f in ["reason", "left_at", "model"] {
                let parts = family(f);
                if !parts.is_empty() && has("received", g) {
                    rows.push((parts, vec![cell(t, "received", g)], false));
                }
            }
            for (a, b) in KNOWN_AT_MOST {
                if has(a, g) && has(b, g) {
                    rows.push((vec![cell(t, a, g)], vec![cell(t, b, g)], false));
                }
            }
            for m in &measures {
                if let Some(agency) = m.strip_prefix("accepted:") {
                    let offered = format!("offered:{agency}");
                    if has(m, g) && has(&offered, g) {
                        rows.push((vec![cell(t, m, g)], vec![cell(t, &offered, g)], false));
                    }
                }
            }
            if has("complaints_received", g) {
                let parts: Vec<Cell> = ["acknowledged_on_time", "acknowledgement_overdue"]
                    .iter()
                    .filter(|m| has(m, g))
                    .map(|m| cell(t, m, g))
                    .collect();
                rows.push((parts, vec![cell(t, "complaints_received", g)], false));
            }
            // Grouped by model, a group's cases are that model's cases.
            if t == "MODEL" && *g != "total" {
                let model = format!("model:{g}");
                if has(&model, g) && has("received", g) {
                    rows.push((vec![cell(t, &model, g)], vec![cell(t, "received", g)], true));
                }
                for other in tables.keys() {
                    if values.contains_key(&cell(other, &model, "total")) && has("received", g) {
                        rows.push((
                            vec![cell(t, "received", g)],
                            vec![cell(other, &model, "total")],
                            true,
                        ));
                    }
                }
            }
        }
    }
    let hidden: Vec<Cell> = values
        .iter()
        .filter(|(_, v)| v.is_none())
        .map(|(c, _)| c.clone())
        .collect();
    let problem = Problem {
        hidden,
        rows,
        values,
    };
    let index: HashMap<Cell, usize> = problem
        .hidden
        .iter()
        .enumerate()
        .map(|(i, c)| (c.clone(), i))
        .collect();
    // Which hidden cells each row holds, and the rows each hidden cell is in.
    let row_hidden: Vec<Vec<usize>> = problem
        .rows
        .iter()
        .map(|(l, r, _)| {
            l.iter()
                .chain(r)
                .filter_map(|c| index.get(c).copied())
                .collect()
        })
        .collect();
    let mut cell_rows = vec![Vec::new(); problem.hidden.len()];
    for (r, hs) in row_hidden.iter().enumerate() {
        for h in hs {
            cell_rows[*h].push(r);
        }
    }
    // Hidden cells linked through rows form components; a cell's range depends on its own only.
    let mut component = vec![usize::MAX; problem.hidden.len()];
    let mut components: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    for start in 0..problem.hidden.len() {
        if component[start] != usize::MAX {
            continue;
        }
        let id = components.len();
        let (mut cells, mut rows) = (vec![start], BTreeSet::new());
        component[start] = id;
        let mut i = 0;
        while i < cells.len() {
            for &r in &cell_rows[cells[i]] {
                if rows.insert(r) {
                    for &h in &row_hidden[r] {
                        if component[h] == usize::MAX {
                            component[h] = id;
                            cells.push(h);
                        }
                    }
                }
            }
            i += 1;
        }
        components.push((cells, rows.into_iter().collect()));
    }
    let mut leaks = Vec::new();
    for (i, c) in problem.hidden.iter().enumerate() {
        let (cells, rows) = &components[component[i]];
        let (least, most) = range(&problem, &index, cells, rows, i);
        // A programme the solver could not solve counts against the edition.
        let width = most - least;
        if width.is_nan() || width < PROTECTION - 1e-6 {
            leaks.push(Leak {
                table: c.0.clone(),
                measure: c.1.clone(),
                group: c.2.clone(),
                least,
                most,
            });
        }
    }
    leaks
}

/// The least and most hidden cell `target` can be, over the rows of its component (the rest of
/// the edition cannot move it).
fn range(
    p: &Problem,
    index: &HashMap<Cell, usize>,
    cells: &[usize],
    rows: &[usize],
    target: usize,
) -> (f64, f64) {
    let solve = |maximise: bool| -> f64 {
        let mut vars = ProblemVariables::new();
        let xs: HashMap<usize, Variable> = cells
            .iter()
            .map(|i| (*i, vars.add(variable().min(0.0))))
            .collect();
        let side = |cells: &[Cell]| -> Expression {
            cells
                .iter()
                .map(|c| match p.term(c, index) {
                    Some(Term::Known(v)) => Expression::from(v),
                    Some(Term::Hidden(i)) => xs.get(&i).map_or(0.0.into(), |v| (*v).into()),
                    None => 0.0.into(),
                })
                .sum()
        };
        let objective: Expression = xs[&target].into();
        let mut lp = if maximise {
            vars.maximise(objective)
        } else {
            vars.minimise(objective)
        }
        .using(microlp);
        for r in rows {
            let (left, right, equal) = &p.rows[*r];
            let (l, rr) = (side(left), side(right));
            lp = lp.with(if *equal { l.eq(rr) } else { l.leq(rr) });
        }
        match lp.solve() {
            Ok(s) => s.value(xs[&target]),
            Err(ResolutionError::Unbounded) => f64::INFINITY,
            Err(_) => f64::NAN,
        }
    };
    (solve(false), solve(true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn figure(measure: &str, group: &str, value: Option<f64>) -> Value {
        json!({ "measure": measure, "group": group, "unit": "cases",
                "value": value, "suppressed": value.is_none() })
    }

    /// The auditor can fail: what the first suppression let through, it finds.
    #[test]
    fn it_finds_a_count_given_away_by_subtraction_and_by_another_table() {
        // The Special Constable pool hidden alone: 40 − 30 − 9.
        let pool = json!({ "tables": [{ "groupBy": "NONE", "figures": [
            figure("pool:volunteer", "total", Some(30.0)),
            figure("pool:partner_practitioner", "total", Some(9.0)),
            figure("pool:special_constable", "total", None),
            figure("pool_size", "total", Some(40.0)),
        ]}]});
        let leaks = audit(&pool);
        assert_eq!(leaks.len(), 1);
        assert_eq!((leaks[0].least, leaks[0].most), (1.0, 1.0));
        // "letter" hidden in the table by model, shown as the model's total elsewhere.
        let linked = json!({ "tables": [
            { "groupBy": "NONE", "figures": [
                figure("received", "total", Some(30.0)),
                figure("model:letter", "total", Some(3.0)),
            ]},
            { "groupBy": "MODEL", "figures": [
                figure("received", "letter", None),
                figure("received", "face_to_face", None),
                figure("received", "total", Some(30.0)),
            ]},
        ]});
        let leaks = audit(&linked);
        assert!(leaks.iter().any(|l| l.group == "letter"), "{leaks:?}");
        // Two hidden cells of 3 and 20 in a row of 23 are safe: 0 to 23 each.
        let safe = json!({ "tables": [{ "groupBy": "AREA", "figures": [
            figure("received", "north", None),
            figure("received", "south", None),
            figure("received", "total", Some(23.0)),
        ]}]});
        assert!(audit(&safe).is_empty());
    }
}
