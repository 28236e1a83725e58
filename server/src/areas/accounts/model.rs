//! Roles, facilitator kinds, the `Actor` and input validation. No I/O here.

use std::str::FromStr;

pub use crate::access::{Actor, Role};
use crate::error::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacilitatorKind {
    Volunteer,
    SpecialConstable,
    PartnerPractitioner,
}

impl FacilitatorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FacilitatorKind::Volunteer => "volunteer",
            FacilitatorKind::SpecialConstable => "special_constable",
            FacilitatorKind::PartnerPractitioner => "partner_practitioner",
        }
    }
}

impl FromStr for FacilitatorKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "volunteer" => Ok(Self::Volunteer),
            "special_constable" => Ok(Self::SpecialConstable),
            "partner_practitioner" => Ok(Self::PartnerPractitioner),
            _ => Err(format!(
                "unknown facilitator kind '{s}' (one of: volunteer, special_constable, partner_practitioner)"
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserStatus {
    Invited,
    Active,
    Disabled,
}

impl UserStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            UserStatus::Invited => "invited",
            UserStatus::Active => "active",
            UserStatus::Disabled => "disabled",
        }
    }
}

pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 128;

/// Lower-cases and checks an e-mail address enough to catch typing mistakes; the invitation
/// e-mail proves it is real.
pub fn normalise_email(field: &'static str, raw: &str) -> Result<String, AppError> {
    let email = raw.trim().to_lowercase();
    let bad = || {
        AppError::validation(
            field,
            "Enter an email address in the correct format, like name@example.com",
        )
    };
    if email.is_empty() {
        return Err(AppError::validation(field, "Enter an email address"));
    }
    if email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad());
    }
    let (local, domain) = email.rsplit_once('@').ok_or_else(bad)?;
    if local.is_empty() || local.contains('@') || !domain.contains('.') {
        return Err(bad());
    }
    if domain.starts_with('.') || domain.ends_with('.') || domain.contains("..") {
        return Err(bad());
    }
    Ok(email)
}

pub fn validate_name(field: &'static str, raw: &str) -> Result<String, AppError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(AppError::validation(field, "Enter a name"));
    }
    if name.chars().count() > 200 {
        return Err(AppError::validation(
            field,
            "Name must be 200 characters or fewer",
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(AppError::validation(
            field,
            "Name must not contain control characters",
        ));
    }
    Ok(name.to_string())
}

pub fn validate_password(field: &'static str, password: &str) -> Result<(), AppError> {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        return Err(AppError::validation(
            field,
            format!("Password must be at least {PASSWORD_MIN} characters"),
        ));
    }
    if n > PASSWORD_MAX {
        return Err(AppError::validation(
            field,
            format!("Password must be {PASSWORD_MAX} characters or fewer"),
        ));
    }
    if password.trim().is_empty() {
        return Err(AppError::validation(
            field,
            "Password must not be only spaces",
        ));
    }
    Ok(())
}

pub fn validate_agency(raw: Option<&str>) -> Result<Option<String>, AppError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(a) if a.chars().count() > 200 => Err(AppError::validation(
            "agency",
            "Agency must be 200 characters or fewer",
        )),
        Some(a) => Ok(Some(a.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            normalise_email("email", "  Jo.Bloggs@Example.ORG ").ok(),
            Some("jo.bloggs@example.org".to_string())
        );
        for bad in [
            "",
            "jo",
            "jo@",
            "@example.org",
            "jo@example",
            "jo @x.org",
            "a@b@c.org",
        ] {
            assert!(normalise_email("email", bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn passwords_have_length_limits() {
        assert!(validate_password("p", "short").is_err());
        assert!(validate_password("p", "long enough pass").is_ok());
        assert!(validate_password("p", &"x".repeat(129)).is_err());
        assert!(validate_password("p", "          ").is_err());
    }
}
