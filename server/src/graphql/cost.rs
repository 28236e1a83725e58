//! What a document would cost, counted before anything runs — after fragments are expanded and
//! with every alias counted — so that neither a fragment bomb (fragments spreading fragments,
//! multiplying with each level) nor an alias bomb (the same expensive field three hundred times)
//! gets past the limit. Each fragment's cost is worked out once and reused, so counting is linear
//! in the size of the text however large the expansion. Fields whose work is a database pass over
//! many cases carry a weight that says so, and a document may ask for only a few of them.

use std::collections::HashMap;

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};

/// The most a document may cost: fields after expansion, expensive ones by their weight.
pub const MAX_COST: u64 = 2_000;
/// The deepest a document may reach after expansion.
pub const MAX_DEPTH: u64 = 12;
/// Expensive fields one document may ask for.
pub const MAX_EXPENSIVE: u64 = 3;

/// Fields whose work is a database pass over many records, and what each costs.
fn weight(field: &str) -> Option<u64> {
    Some(match field {
        "performanceReport" => 500,
        "suggestFacilitators" | "facilitatorsLeftOut" => 200,
        "subjectAccessExport" => 200,
        "volunteerCompliance" => 200,
        "personAccessLog" | "auditLog" | "people" => 100,
        _ => return None,
    })
}

/// A selection set's cost: fields, deepest nesting, expensive fields.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Cost {
    pub fields: u64,
    pub depth: u64,
    pub expensive: u64,
}

impl Cost {
    fn add(self, o: Cost) -> Cost {
        Cost {
            fields: self.fields.saturating_add(o.fields),
            depth: self.depth.max(o.depth),
            expensive: self.expensive.saturating_add(o.expensive),
        }
    }
}

struct Counter<'a> {
    doc: &'a ExecutableDocument,
    done: HashMap<&'a str, Cost>,
    /// Fragments being counted now: a spread of one of these is a cycle.
    open: Vec<&'a str>,
    /// Selections visited: what the counting itself cost, linear in the text.
    visited: u64,
}

impl<'a> Counter<'a> {
    fn set(&mut self, set: &'a SelectionSet) -> Result<Cost, String> {
        let mut total = Cost::default();
        for item in &set.items {
            self.visited += 1;
            let c = match &item.node {
                Selection::Field(f) => {
                    let name = f.node.name.node.as_str();
                    let inner = self.set(&f.node.selection_set.node)?;
                    let w = weight(name);
                    Cost {
                        fields: inner.fields.saturating_add(w.unwrap_or(1)),
                        depth: inner.depth + 1,
                        expensive: inner.expensive + u64::from(w.is_some()),
                    }
                }
                Selection::InlineFragment(f) => self.set(&f.node.selection_set.node)?,
                Selection::FragmentSpread(s) => {
                    self.fragment(s.node.fragment_name.node.as_str())?
                }
            };
            total = total.add(c);
        }
        Ok(total)
    }

    fn fragment(&mut self, name: &'a str) -> Result<Cost, String> {
        if let Some(c) = self.done.get(name) {
            return Ok(*c);
        }
        if self.open.contains(&name) {
            return Err(format!("The fragment {name} spreads itself."));
        }
        let Some((key, def)) = self.doc.fragments.get_key_value(name) else {
            // An unknown fragment: validation names it properly.
            return Ok(Cost::default());
        };
        self.open.push(key.as_str());
        let c = self.set(&def.node.selection_set.node)?;
        self.open.pop();
        self.done.insert(key.as_str(), c);
        Ok(c)
    }
}

/// The cost of the operation a request runs (the named one, or every one when unnamed).
pub fn of(doc: &ExecutableDocument, operation: Option<&str>) -> Result<Cost, String> {
    counted(doc, operation).map(|(c, _)| c)
}

/// The cost, and how many selections counting it visited.
fn counted(doc: &ExecutableDocument, operation: Option<&str>) -> Result<(Cost, u64), String> {
    let mut counter = Counter {
        doc,
        done: HashMap::new(),
        open: Vec::new(),
        visited: 0,
    };
    let mut total = Cost::default();
    for (name, op) in doc.operations.iter() {
        if operation.is_some() && name.map(|n| n.as_str()) != operation {
            continue;
        }
        total = total.add(counter.set(&op.node.selection_set.node)?);
    }
    Ok((total, counter.visited))
}

/// Refuses, in words, a document over the limits.
pub fn check(doc: &ExecutableDocument, operation: Option<&str>) -> Result<Cost, String> {
    let c = of(doc, operation)?;
    if c.fields > MAX_COST {
        return Err(format!(
            "This request is too complex: it would cost {}, over {MAX_COST}. Ask for fewer fields.",
            c.fields
        ));
    }
    if c.depth > MAX_DEPTH {
        return Err(format!(
            "This request nests too deeply ({} levels, over {MAX_DEPTH}).",
            c.depth
        ));
    }
    if c.expensive > MAX_EXPENSIVE {
        return Err(format!(
            "This request asks for {} reports, suggestions or exports at once; ask for {MAX_EXPENSIVE} or fewer.",
            c.expensive
        ));
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::parser::parse_query;

    fn cost(q: &str) -> Result<Cost, String> {
        let doc = parse_query(q).map_err(|e| e.to_string())?;
        of(&doc, None)
    }

    #[test]
    fn fragments_are_counted_expanded_and_in_linear_time() {
        // 25 levels, each spreading the one below three times: 3^25 fields once expanded.
        let mut q = String::from("query { me { ...F0 } }\n");
        for i in 0..25 {
            q.push_str(&format!(
                "fragment F{i} on User {{ ...F{n} ...F{n} ...F{n} }}\n",
                n = i + 1
            ));
        }
        q.push_str("fragment F25 on User { id }\n");
        let doc = parse_query(&q);
        assert!(doc.is_ok(), "the bomb parses");
        let Ok(doc) = doc else { return };
        let (c, visited) = counted(&doc, None).unwrap_or_default();
        assert!(c.fields > MAX_COST, "{c:?}");
        // Each selection in the text is visited once, not once per expansion: 2 in the
        // operation, 3 in each of 25 fragments, 1 in the last.
        assert_eq!(visited, 2 + 3 * 25 + 1);
        assert!(check(&doc, None).is_err());
    }

    #[test]
    fn aliases_each_count_and_expensive_fields_weigh_their_work() {
        let mut q = String::from("query {");
        for i in 0..4 {
            q.push_str(&format!(
                " r{i}: performanceReport(input: {{from: \"2026-01-01\", to: \"2026-06-30\"}}) {{ groups }}"
            ));
        }
        q.push('}');
        let c = cost(&q).unwrap_or_default();
        assert_eq!(c.expensive, 4);
        assert!(c.fields >= 2_000, "{c:?}");
        let one = cost(
            "{ performanceReport(input: {from: \"2026-01-01\", to: \"2026-06-30\"}) { groups } }",
        )
        .unwrap_or_default();
        assert_eq!((one.expensive, one.fields, one.depth), (1, 501, 2));
    }

    #[test]
    fn a_fragment_that_spreads_itself_is_refused() {
        assert!(
            cost("query { me { ...A } } fragment A on User { ...B } fragment B on User { ...A }")
                .is_err()
        );
    }

    #[test]
    fn an_ordinary_page_costs_what_it_asks() {
        let c = cost("query Q { me { id email roles } cases(first: 10) { edges { node { id reference } } } }")
            .unwrap_or_default();
        assert_eq!((c.fields, c.depth, c.expensive), (9, 4, 0));
    }
}
