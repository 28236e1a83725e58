//! Relay connections over offset cursors. Services fetch `limit + 1` rows; the extra row says
//! whether there is a next page.

pub use crate::kernel::page::Page;
use crate::kernel::page::encode;
use async_graphql::OutputType;
use async_graphql::connection::{Connection, Edge};

pub fn connection<T: OutputType>(page: Page, mut rows: Vec<T>) -> Connection<String, T> {
    let has_next = rows.len() as u64 > page.limit;
    rows.truncate(page.limit as usize);
    let mut c = Connection::new(page.offset > 0, has_next);
    c.edges.extend(
        rows.into_iter()
            .enumerate()
            .map(|(i, node)| Edge::new(encode(page.offset + i as u64), node)),
    );
    c
}
