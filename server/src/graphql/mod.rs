//! The graph: one root merged from every area's Query and Mutation objects.

pub mod context;
pub mod cost;
pub mod errors;
pub mod ids;
pub mod limits;
pub mod loaders;
pub mod pagination;
pub mod schema;
pub mod scopes;

pub use context::{RequestCtx, ServerCtx};
pub use schema::{AppSchema, build_schema};
