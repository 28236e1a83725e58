//! The one place where domain errors become GraphQL errors with `extensions.code`.

use async_graphql::{Error, ErrorExtensions};

use crate::error::AppError;

impl From<AppError> for Error {
    fn from(e: AppError) -> Self {
        if let AppError::Database(db) = &e {
            tracing::error!(error = %db, "database error");
        }
        if let AppError::Internal(what) = &e {
            tracing::error!(error = %what, "internal error");
        }
        let code = e.code();
        let field = match &e {
            AppError::Validation { field, .. } => *field,
            _ => None,
        };
        Error::new(e.message()).extend_with(|_, ext| {
            ext.set("code", code);
            if let Some(field) = field {
                ext.set("field", field);
            }
        })
    }
}

/// Errors produced by async-graphql itself (a malformed document, an unknown field, a wrong
/// variable type, a limit exceeded) carry no code: they are the caller's request at fault.
pub const REQUEST_ERROR_CODE: &str = "BAD_REQUEST";
