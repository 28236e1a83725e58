//! The graph: one root merged from every area's Query and Mutation objects.

pub mod context;
pub mod errors;
pub mod ids;
pub mod loaders;
pub mod pagination;
pub mod schema;

pub use context::{RequestCtx, ServerCtx};
pub use schema::{AppSchema, build_schema};
