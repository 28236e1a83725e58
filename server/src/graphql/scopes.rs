//! What a scoped caller (a partner system's API token) may ask: the top-level fields of the
//! operation a request runs, through any fragments spread at the top, must all be in its scope.
//! Checked before anything runs, so a token for `createReferral` reads nothing else.

use std::collections::BTreeSet;

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};

fn collect<'a>(
    doc: &'a ExecutableDocument,
    set: &'a SelectionSet,
    seen: &mut BTreeSet<&'a str>,
    out: &mut BTreeSet<String>,
) {
    for item in &set.items {
        match &item.node {
            Selection::Field(f) => {
                out.insert(f.node.name.node.to_string());
            }
            Selection::InlineFragment(i) => collect(doc, &i.node.selection_set.node, seen, out),
            Selection::FragmentSpread(s) => {
                let name = s.node.fragment_name.node.as_str();
                // A fragment spreading itself is refused by the cost check; here it is read once.
                if seen.insert(name)
                    && let Some(f) = doc.fragments.get(&s.node.fragment_name.node)
                {
                    collect(doc, &f.node.selection_set.node, seen, out);
                }
            }
        }
    }
}

/// The top-level fields the request's operation (the named one, or every one) asks for.
pub fn top_level_fields(doc: &ExecutableDocument, operation: Option<&str>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (name, op) in doc.operations.iter() {
        if operation.is_some() && name.map(|n| n.as_str()) != operation {
            continue;
        }
        collect(
            doc,
            &op.node.selection_set.node,
            &mut BTreeSet::new(),
            &mut out,
        );
    }
    out
}

/// The fields outside `allowed` (`__typename` is always allowed).
pub fn outside(doc: &ExecutableDocument, operation: Option<&str>, allowed: &[&str]) -> Vec<String> {
    top_level_fields(doc, operation)
        .into_iter()
        .filter(|f| f != "__typename" && !allowed.contains(&f.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields_outside(q: &str) -> Vec<String> {
        match async_graphql::parser::parse_query(q) {
            Ok(doc) => outside(&doc, None, &["createReferral", "myReferrals"]),
            Err(e) => vec![e.to_string()],
        }
    }

    #[test]
    fn a_scoped_caller_asks_only_for_its_fields_through_aliases_and_fragments() {
        assert!(fields_outside("{ myReferrals { nodes { id } } __typename }").is_empty());
        assert_eq!(fields_outside("{ a: me { id } }"), vec!["me"]);
        assert_eq!(
            fields_outside(
                "query { ...F } fragment F on Query { myReferrals { nodes { id } } cases { nodes { id } } }"
            ),
            vec!["cases"]
        );
        assert_eq!(
            fields_outside("{ ... on Query { users { nodes { id } } } }"),
            vec!["users"]
        );
    }
}
