//! Free text as the service accepts it: trimmed, bounded, without control characters.

use crate::error::AppError;

/// Trims optional free text; empty becomes `None`; refuses text over `max` characters.
pub fn optional_text(
    field: &'static str,
    v: Option<&str>,
    max: usize,
) -> Result<Option<String>, AppError> {
    match v.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) if t.chars().count() > max => Err(AppError::validation(
            field,
            format!("This must be {max} characters or fewer"),
        )),
        Some(t)
            if t.chars()
                .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') =>
        {
            Err(AppError::validation(
                field,
                "This contains characters that are not allowed",
            ))
        }
        Some(t) => Ok(Some(t.to_string())),
    }
}

pub fn required_text(
    field: &'static str,
    v: &str,
    max: usize,
    what: &str,
) -> Result<String, AppError> {
    optional_text(field, Some(v), max)?
        .ok_or_else(|| AppError::validation(field, format!("Enter {what}")))
}

/// The first letter in capitals, for a phrase that starts a sentence ("supervision overdue…").
pub fn sentence_case(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}
