//! Disclosure control for a published edition: decided once over every table of the edition, so
//! that no hidden count can be worked out from the shown ones (R-RP-9, DESIGN "aggregates").
//!
//! The method is cell suppression as official statistics practise it (τ-ARGUS): primary
//! suppression of counts from 1 to 4 and of averages or shares computed from fewer than five;
//! then secondary suppression chosen by linear programming over every additive relation the
//! edition's tables share. A hidden count is protected when, given every shown figure and every
//! relation, the values it could take span at least [`SMALLEST_SHOWN`] (so a reader cannot tell
//! 1 from 5); while one is not, the cheapest shown figure linked to it is hidden too. Hiding a
//! figure only loosens what a reader can derive, so a figure once protected stays protected and
//! the loop ends. No I/O.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use good_lp::{
    Expression, ProblemVariables, ResolutionError, Solution, SolverModel, Variable, microlp,
    variable,
};

use super::model::{Dimension, Figure, SMALLEST_SHOWN};

/// One table of an edition: the report grouped one way.
#[derive(Debug, Clone)]
pub struct Table {
    pub group_by: Dimension,
    pub groups: Vec<String>,
    pub figures: Vec<Figure>,
}

/// Counts of cases, each at most the cases received in its group.
const CASE_COUNTS: &[&str] = &[
    "spoken_to",
    "engaging",
    "first_meeting",
    "first_meeting_before_offender_identified",
    "conference",
    "completed",
    "offenders_checked",
    "reoffended",
    "rj_information_clocks",
    "onward_referral_clocks",
];

/// `a ≤ b` within one group, by definition of the figures (README "What each figure counts").
const AT_MOST: &[(&str, &str)] = &[
    ("first_meeting_before_offender_identified", "first_meeting"),
    ("conference", "first_meeting"),
    ("completed", "conference"),
    ("spoken_to", "people_spoken_to"),
    ("engaging", "people_engaging"),
    ("reoffended", "offenders_checked"),
    ("agreement_items_completed", "agreement_items"),
    ("acknowledged_on_time", "complaints_received"),
    ("acknowledgement_overdue", "complaints_received"),
    ("resolved", "complaints_received"),
    ("resolved_on_time", "resolved"),
    ("upheld", "resolved"),
    ("volunteers_at_five_a_year", "active_volunteers"),
    ("rj_information_on_time", "rj_information_clocks"),
    ("onward_referral_on_time", "onward_referral_clocks"),
    ("pool:volunteer", "active_volunteers"),
];

/// Families of `family:value` measures whose values together are at most the cases received.
const FAMILIES_OF_CASES: &[&str] = &["reason", "left_at", "model"];

/// What a figure is, wherever it is printed: the same number in several tables is one quantity.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Key {
    /// A measure over the whole edition: the "total" group of every table.
    Total(String),
    /// A measure for one group of one table.
    Cell(&'static str, String, String),
}

/// `sum(parts) == whole`, or `sum(parts) <= whole`.
#[derive(Debug, Clone)]
struct Relation {
    whole: usize,
    parts: Vec<usize>,
    equal: bool,
}

struct Quantity {
    value: f64,
    hidden: bool,
    /// Printed in a "total" group: hidden last, since it is what the board reads first.
    total: bool,
}

/// The quantities of an edition and the relations between them.
struct Model {
    quantities: Vec<Quantity>,
    relations: Vec<Relation>,
    /// For each quantity, the relations it is in.
    involved: Vec<Vec<usize>>,
}

fn key(group_by: Dimension, f: &Figure) -> Key {
    // A model's cases grouped by model are the model's count (R-RP-8): one quantity.
    if group_by == Dimension::Model && f.group != "total" {
        let model_of_group = format!("model:{}", f.group);
        if f.measure == "received" || f.measure == model_of_group {
            return Key::Total(model_of_group);
        }
    }
    if f.group == "total" {
        Key::Total(f.measure.clone())
    } else {
        Key::Cell(group_by.code(), f.measure.clone(), f.group.clone())
    }
}

fn family(measure: &str) -> Option<&str> {
    measure.split_once(':').map(|(f, _)| f)
}

impl Model {
    fn build(tables: &[Table]) -> (Self, HashMap<Key, usize>) {
        let mut ids: HashMap<Key, usize> = HashMap::new();
        let mut quantities: Vec<Quantity> = Vec::new();
        for t in tables {
            for f in t.figures.iter().filter(|f| f.count) {
                let k = key(t.group_by, f);
                let id = *ids.entry(k).or_insert_with(|| {
                    quantities.push(Quantity {
                        value: f.value.unwrap_or(0.0),
                        hidden: false,
                        total: false,
                    });
                    quantities.len() - 1
                });
                quantities[id].total |= f.group == "total";
            }
        }
        let mut relations = Vec::new();
        let mut seen = BTreeSet::new();
        let mut add = |whole: usize, mut parts: Vec<usize>, equal: bool| {
            parts.sort_unstable();
            parts.dedup();
            parts.retain(|p| *p != whole);
            if !parts.is_empty() && seen.insert((whole, parts.clone(), equal)) {
                relations.push(Relation {
                    whole,
                    parts,
                    equal,
                });
            }
        };
        for t in tables {
            let id = |measure: &str, group: &str| {
                let f = Figure::count("", measure, group, 0);
                ids.get(&key(t.group_by, &f)).copied()
            };
            // Each measure's groups add up to its total (the groups partition the cases).
            if t.group_by != Dimension::None {
                let mut by_measure: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
                for f in t.figures.iter().filter(|f| f.count && f.group != "total") {
                    if let Some(i) = id(&f.measure, &f.group) {
                        by_measure.entry(&f.measure).or_default().push(i);
                    }
                }
                for (measure, parts) in by_measure {
                    if let Some(whole) = id(measure, "total") {
                        add(whole, parts, true);
                    }
                }
            }
            // Within each group: the pool is the sum of its kinds; parts of a whole are at most
            // the whole.
            let mut groups: BTreeSet<&str> = t.groups.iter().map(String::as_str).collect();
            groups.insert("total");
            for g in groups {
                let in_group: Vec<&Figure> = t
                    .figures
                    .iter()
                    .filter(|f| f.count && f.group == g)
                    .collect();
                let kinds: Vec<usize> = in_group
                    .iter()
                    .filter(|f| family(&f.measure) == Some("pool"))
                    .filter_map(|f| id(&f.measure, g))
                    .collect();
                if let Some(whole) = id("pool_size", g) {
                    add(whole, kinds, true);
                }
                if let Some(received) = id("received", g) {
                    for m in CASE_COUNTS {
                        if let Some(part) = id(m, g) {
                            add(received, vec![part], false);
                        }
                    }
                    for fam in FAMILIES_OF_CASES {
                        let parts: Vec<usize> = in_group
                            .iter()
                            .filter(|f| family(&f.measure) == Some(fam))
                            .filter_map(|f| id(&f.measure, g))
                            .collect();
                        add(received, parts, false);
                    }
                }
                for (part, whole) in AT_MOST {
                    if let (Some(p), Some(w)) = (id(part, g), id(whole, g)) {
                        add(w, vec![p], false);
                    }
                }
                let offered: Vec<(&str, usize)> = in_group
                    .iter()
                    .filter_map(|f| f.measure.strip_prefix("accepted:").map(|a| (a, f)))
                    .filter_map(|(a, f)| id(&f.measure, g).map(|i| (a, i)))
                    .collect();
                for (agency, accepted) in offered {
                    if let Some(o) = id(&format!("offered:{agency}"), g) {
                        add(o, vec![accepted], false);
                    }
                }
                let acknowledged: Vec<usize> = ["acknowledged_on_time", "acknowledgement_overdue"]
                    .iter()
                    .filter_map(|m| id(m, g))
                    .collect();
                if let Some(w) = id("complaints_received", g) {
                    add(w, acknowledged, false);
                }
            }
        }
        let mut involved = vec![Vec::new(); quantities.len()];
        for (r, rel) in relations.iter().enumerate() {
            involved[rel.whole].push(r);
            for p in &rel.parts {
                involved[*p].push(r);
            }
        }
        (
            Model {
                quantities,
                relations,
                involved,
            },
            ids,
        )
    }

    fn members(&self, r: usize) -> impl Iterator<Item = usize> + '_ {
        let rel = &self.relations[r];
        std::iter::once(rel.whole).chain(rel.parts.iter().copied())
    }

    /// The hidden quantities linked to `start` through relations, and those relations.
    fn component(&self, start: usize) -> (Vec<usize>, Vec<usize>) {
        let mut hidden = vec![start];
        let mut seen_q = BTreeSet::from([start]);
        let mut rels = BTreeSet::new();
        let mut i = 0;
        while i < hidden.len() {
            for &r in &self.involved[hidden[i]] {
                if rels.insert(r) {
                    for q in self.members(r) {
                        if self.quantities[q].hidden && seen_q.insert(q) {
                            hidden.push(q);
                        }
                    }
                }
            }
            i += 1;
        }
        (hidden, rels.into_iter().collect())
    }

    /// The least or most a reader can derive for a hidden quantity (`f64::INFINITY` when
    /// nothing bounds it from above).
    fn bound(&self, q: usize, maximise: bool) -> f64 {
        let (hidden, rels) = self.component(q);
        let mut vars = ProblemVariables::new();
        let xs: HashMap<usize, Variable> = hidden
            .iter()
            .map(|h| (*h, vars.add(variable().min(0.0))))
            .collect();
        let term = |i: usize| -> Expression {
            match xs.get(&i) {
                Some(v) => (*v).into(),
                None => Expression::from(self.quantities[i].value),
            }
        };
        let objective: Expression = xs[&q].into();
        let mut problem = if maximise {
            vars.maximise(objective)
        } else {
            vars.minimise(objective)
        }
        .using(microlp);
        for &r in &rels {
            let rel = &self.relations[r];
            let parts: Expression = rel.parts.iter().map(|p| term(*p)).sum();
            let whole = term(rel.whole);
            problem = problem.with(if rel.equal {
                parts.eq(whole)
            } else {
                parts.leq(whole)
            });
        }
        match problem.solve() {
            Ok(s) => s.value(xs[&q]),
            Err(ResolutionError::Unbounded) if maximise => f64::INFINITY,
            // The true values satisfy every relation, so the programme is feasible; were a
            // solver to fail, treat the quantity as unprotected so more is hidden.
            Err(_) => self.quantities[q].value,
        }
    }

    /// Whether the values a reader can derive for `q` span at least [`SMALLEST_SHOWN`]. The
    /// true value lies in the range, so a maximum 5 above it settles it with one programme.
    fn protected(&self, q: usize) -> bool {
        let width = SMALLEST_SHOWN as f64 - 1e-6;
        let hi = self.bound(q, true);
        if hi - self.quantities[q].value >= width {
            return true;
        }
        hi - self.bound(q, false) >= width
    }

    /// The shown quantity to hide next to protect `q`: one in a relation with its hidden
    /// component, the smallest non-zero count first (it costs the reader least), totals after
    /// the cells they sum, zeros last (hiding a zero rarely widens anything).
    fn next_to_hide(&self, q: usize) -> Option<usize> {
        let (_, rels) = self.component(q);
        rels.iter()
            .flat_map(|r| self.members(*r))
            .filter(|c| !self.quantities[*c].hidden)
            .min_by(|a, b| {
                let cost = |i: usize| {
                    let x = &self.quantities[i];
                    (x.value == 0.0, x.total, x.value as i64, i)
                };
                cost(*a).cmp(&cost(*b))
            })
    }
}

/// Decides what an edition hides, over all its tables at once, and blanks the hidden values.
pub fn protect(tables: &mut [Table]) {
    for t in tables.iter_mut() {
        for f in t.figures.iter_mut() {
            f.suppressed = f.base > 0 && f.base < SMALLEST_SHOWN;
        }
    }
    let (mut model, ids) = Model::build(tables);
    for t in tables.iter() {
        for f in t.figures.iter().filter(|f| f.count && f.suppressed) {
            if let Some(&i) = ids.get(&key(t.group_by, f)) {
                model.quantities[i].hidden = true;
            }
        }
    }
    let mut queue: Vec<usize> = (0..model.quantities.len())
        .filter(|i| model.quantities[*i].hidden)
        .collect();
    while let Some(q) = queue.pop() {
        while !model.protected(q) {
            let Some(next) = model.next_to_hide(q) else {
                break;
            };
            model.quantities[next].hidden = true;
            queue.push(next);
        }
    }
    for t in tables.iter_mut() {
        let group_by = t.group_by;
        for f in t.figures.iter_mut() {
            if f.count
                && ids
                    .get(&key(group_by, f))
                    .is_some_and(|i| model.quantities[*i].hidden)
            {
                f.suppressed = true;
            }
            if f.suppressed {
                f.value = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(measure: &str, group: &str, n: i64) -> Figure {
        Figure::count("s", measure, group, n)
    }

    fn table(group_by: Dimension, figures: Vec<Figure>) -> Table {
        let mut groups: Vec<String> = figures
            .iter()
            .map(|f| f.group.clone())
            .filter(|g| g != "total")
            .collect();
        groups.sort();
        groups.dedup();
        Table {
            group_by,
            groups,
            figures,
        }
    }

    fn hidden(t: &Table) -> Vec<(String, String)> {
        t.figures
            .iter()
            .filter(|f| f.suppressed)
            .map(|f| (f.measure.clone(), f.group.clone()))
            .collect()
    }

    #[test]
    fn counts_of_one_to_four_and_averages_over_few_are_hidden_and_zero_is_not() {
        let mut t = vec![table(
            Dimension::None,
            vec![
                c("a", "total", 0),
                c("b", "total", 4),
                c("c", "total", 5),
                Figure::amount("satisfaction", "victim_end_average", "total", Some(4.5), 3),
            ],
        )];
        protect(&mut t);
        let shown: Vec<String> = t[0].figures.iter().map(Figure::display).collect();
        assert_eq!(shown, ["0", "[c]", "5", "[c]"]);
        assert!(
            t[0].figures
                .iter()
                .filter(|f| f.suppressed)
                .all(|f| f.value.is_none())
        );
    }

    #[test]
    fn a_lone_hidden_cell_takes_the_next_smallest_of_its_row_with_it() {
        // 3 + 7 + 20 = 30: hiding only the 3 would let 30 − 7 − 20 reveal it.
        let mut t = vec![table(
            Dimension::Source,
            vec![
                c("received", "police", 3),
                c("received", "self", 7),
                c("received", "hub", 20),
                c("received", "total", 30),
            ],
        )];
        protect(&mut t);
        let shown: Vec<String> = t[0].figures.iter().map(Figure::display).collect();
        assert_eq!(shown, ["[c]", "[c]", "20", "30"]);
    }

    #[test]
    fn a_pool_kind_of_one_takes_another_kind_with_it() {
        // 1 Special Constable: pool 40 − 30 − 9 would give it away.
        let mut t = vec![table(
            Dimension::None,
            vec![
                c("pool:volunteer", "total", 30),
                c("pool:partner_practitioner", "total", 9),
                c("pool:special_constable", "total", 1),
                c("pool_size", "total", 40),
            ],
        )];
        protect(&mut t);
        let h = hidden(&t[0]);
        assert!(h.contains(&("pool:special_constable".into(), "total".into())));
        assert!(h.contains(&("pool:partner_practitioner".into(), "total".into())));
        assert_eq!(h.len(), 2);
    }

    #[test]
    fn the_only_non_zero_cell_of_a_row_hides_the_row_total() {
        let mut t = vec![table(
            Dimension::Area,
            vec![
                c("received", "north", 20),
                c("received", "south", 20),
                c("received", "total", 40),
                c("reoffended", "north", 3),
                c("reoffended", "south", 0),
                c("reoffended", "total", 3),
            ],
        )];
        protect(&mut t);
        assert!(t[0].figures[5].suppressed, "{:?}", hidden(&t[0]));
    }

    #[test]
    fn the_same_count_in_two_tables_is_hidden_in_both() {
        // "letter" has 3 cases: hidden in the models section and in the table by model.
        let mut t = vec![
            table(
                Dimension::None,
                vec![
                    c("received", "total", 30),
                    c("model:letter", "total", 3),
                    c("model:face_to_face", "total", 27),
                ],
            ),
            table(
                Dimension::Model,
                vec![
                    c("received", "letter", 3),
                    c("received", "face_to_face", 27),
                    c("received", "total", 30),
                ],
            ),
        ];
        protect(&mut t);
        assert!(t[1].figures[0].suppressed && t[0].figures[1].suppressed);
        // And a second figure goes with it, or 30 − 27 would tell.
        assert!(t[0].figures[2].suppressed && t[1].figures[1].suppressed);
    }
}
