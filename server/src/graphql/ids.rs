//! Parsing IDs from the graph: a malformed ID is the caller's mistake, said plainly.

use async_graphql::ID;
use uuid::Uuid;

use crate::error::AppError;

pub fn parse(field: &'static str, id: &ID) -> Result<Uuid, AppError> {
    Uuid::parse_str(id.as_str()).map_err(|_| AppError::validation(field, "That is not a valid ID"))
}

pub fn to_id(id: Uuid) -> ID {
    ID(id.to_string())
}
