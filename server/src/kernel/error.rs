//! One error type for the whole server. Services return it; `graphql/errors.rs` maps it to
//! GraphQL `extensions.code` in one place.
//!
//! `AppError` deliberately does not implement `Display`: async-graphql converts anything
//! displayable into an error *without* a code, so a `?` that bypassed our mapping would compile.
//! Without `Display`, the only way in is our own `From<AppError>`.

use sea_orm::DbErr;

#[derive(Debug)]
pub enum AppError {
    Unauthenticated,
    /// A failed sign-in: one message whether the address is unknown or the password wrong.
    BadCredentials,
    Forbidden,
    /// A read outside the reader's own relationship to the record: they must say why.
    JustificationRequired,
    NotFound(&'static str),
    Validation {
        field: Option<&'static str>,
        message: String,
    },
    Conflict(String),
    TooManyRequests(String),
    Database(DbErr),
    Internal(String),
}

impl From<DbErr> for AppError {
    fn from(e: DbErr) -> Self {
        Self::Database(e)
    }
}

impl AppError {
    pub fn validation(field: &'static str, message: impl Into<String>) -> Self {
        Self::Validation {
            field: Some(field),
            message: message.into(),
        }
    }

    pub fn internal(what: impl std::fmt::Display) -> Self {
        Self::Internal(what.to_string())
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated | Self::BadCredentials => "UNAUTHENTICATED",
            Self::Forbidden => "FORBIDDEN",
            Self::JustificationRequired => "JUSTIFICATION_REQUIRED",
            Self::NotFound(_) => "NOT_FOUND",
            Self::Validation { .. } => "VALIDATION",
            Self::Conflict(_) => "CONFLICT",
            Self::TooManyRequests(_) => "TOO_MANY_REQUESTS",
            Self::Database(_) | Self::Internal(_) => "INTERNAL",
        }
    }

    /// What a person is told. Internal details never leave the server.
    pub fn message(&self) -> String {
        match self {
            Self::Unauthenticated => "Sign in to continue.".into(),
            Self::BadCredentials => {
                "The email address or password is not right. Check them and try again.".into()
            }
            Self::Forbidden => "You do not have permission to do that.".into(),
            Self::JustificationRequired => "This case is outside your own work. Say why you need to open it: your reason is kept in the audit log for the data protection officer.".into(),
            Self::NotFound(what) => format!("{what} was not found."),
            Self::Validation { message, .. }
            | Self::Conflict(message)
            | Self::TooManyRequests(message) => message.clone(),
            Self::Database(_) | Self::Internal(_) => {
                "Something went wrong on our side. Try again in a moment.".into()
            }
        }
    }
}

/// For the CLI, which reports errors through anyhow.
impl From<AppError> for anyhow::Error {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Database(db) => anyhow::Error::new(db),
            AppError::Internal(s) => anyhow::anyhow!(s),
            other => anyhow::anyhow!(other.message()),
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;
