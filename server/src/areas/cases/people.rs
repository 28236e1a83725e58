//! People taking part in cases: validation of their details and safe-contact profile.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use uuid::Uuid;

use super::model::ContactChannel;
use crate::access::audit;
use crate::access::rules::{Duty, require};
use crate::areas::accounts::model::normalise_email;
use crate::areas::reference::service::{ReferenceList, check_code};
use crate::entities::person;
use crate::error::{AppError, AppResult};
use crate::kernel::{optional_text, required_text};
use crate::notify::locales;
use crate::notify::safe_contact::{SafeWindow, check_windows, store_windows};

/// A person's details as given in a form.
#[derive(Debug, Clone, Default)]
pub struct PersonInput {
    pub full_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub preferred_language: Option<String>,
    pub interpreter_needed: bool,
    pub accessibility_needs: Option<String>,
    pub contact_channels: Vec<ContactChannel>,
    pub safe_times: Option<String>,
    pub may_leave_message: Option<bool>,
    /// Weekly windows it is safe to reach them (none: any day 08:00–20:00).
    pub safe_windows: Vec<SafeTimeDraft>,
    /// Do not mention restorative justice to anyone else who answers or sees a message.
    pub discreet: bool,
    /// The language written messages are in (a `locales/` code).
    pub locale: Option<String>,
}

/// A safe time as a form gave it, checked by `validate`.
#[derive(Debug, Clone, Default)]
pub struct SafeTimeDraft {
    pub days: Vec<chrono::Weekday>,
    pub from: String,
    pub to: String,
}

/// The field names errors point at, so a form with two people can say which one is wrong.
pub struct PersonFields {
    pub full_name: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub address: &'static str,
    pub postcode: &'static str,
    pub preferred_language: &'static str,
    pub accessibility_needs: &'static str,
    pub contact_channels: &'static str,
    pub safe_times: &'static str,
    pub safe_windows: &'static str,
    pub locale: &'static str,
}

macro_rules! person_fields {
    ($prefix:literal) => {
        $crate::areas::cases::people::PersonFields {
            full_name: concat!($prefix, "fullName"),
            email: concat!($prefix, "email"),
            phone: concat!($prefix, "phone"),
            address: concat!($prefix, "address"),
            postcode: concat!($prefix, "postcode"),
            preferred_language: concat!($prefix, "preferredLanguage"),
            accessibility_needs: concat!($prefix, "accessibilityNeeds"),
            contact_channels: concat!($prefix, "contactChannels"),
            safe_times: concat!($prefix, "safeTimes"),
            safe_windows: concat!($prefix, "safeWindows"),
            locale: concat!($prefix, "locale"),
        }
    };
}
pub(crate) use person_fields;

pub const TOP_LEVEL: PersonFields = person_fields!("");

fn phone(field: &'static str, v: Option<&str>) -> AppResult<Option<String>> {
    let Some(p) = optional_text(field, v, 40)? else {
        return Ok(None);
    };
    let digits = p.chars().filter(char::is_ascii_digit).count();
    if digits < 7
        || !p
            .chars()
            .all(|c| c.is_ascii_digit() || " +()-.".contains(c))
    {
        return Err(AppError::validation(
            field,
            "Enter a telephone number, like 01632 960 001 or +44 7700 900 982",
        ));
    }
    Ok(Some(p))
}

fn postcode(field: &'static str, v: Option<&str>) -> AppResult<Option<String>> {
    let Some(p) = optional_text(field, v, 12)? else {
        return Ok(None);
    };
    if !p.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ') {
        return Err(AppError::validation(field, "Enter a real postcode"));
    }
    Ok(Some(p.to_uppercase()))
}

/// The stored form of the safe times a form gave.
pub fn safe_windows(f: &PersonFields, drafts: &[SafeTimeDraft]) -> AppResult<Option<String>> {
    let windows = drafts
        .iter()
        .map(|d| SafeWindow::new(&d.days, &d.from, &d.to, f.safe_windows))
        .collect::<AppResult<Vec<_>>>()?;
    check_windows(&windows, f.safe_windows)?;
    Ok(store_windows(&windows))
}

/// One of the languages the Hub writes in, or none.
pub fn locale(f: &PersonFields, v: Option<&str>) -> AppResult<Option<String>> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(code) if locales::is_supported(code) => Ok(Some(code.to_string())),
        Some(_) => Err(AppError::validation(
            f.locale,
            format!(
                "Choose a language the Hub writes in: {}",
                locales::supported().join(", ")
            ),
        )),
    }
}

/// Checks a person's details; returns the row to store.
pub async fn validate(
    conn: &impl ConnectionTrait,
    f: &PersonFields,
    p: &PersonInput,
    now: DateTime<Utc>,
) -> AppResult<person::ActiveModel> {
    let full_name = required_text(f.full_name, &p.full_name, 200, "a name")?;
    let email = match optional_text(f.email, p.email.as_deref(), 254)? {
        Some(e) => Some(normalise_email(f.email, &e)?),
        None => None,
    };
    let phone = phone(f.phone, p.phone.as_deref())?;
    let address = optional_text(f.address, p.address.as_deref(), 500)?;
    let postcode = postcode(f.postcode, p.postcode.as_deref())?;
    let language = check_code(
        conn,
        ReferenceList::Language,
        f.preferred_language,
        p.preferred_language.as_deref(),
    )
    .await?;
    let mut channels = p.contact_channels.clone();
    channels.sort();
    channels.dedup();
    for ch in &channels {
        let missing = match ch {
            ContactChannel::Email if email.is_none() => {
                Some((f.email, "Enter an email address, or do not choose email"))
            }
            ContactChannel::Phone | ContactChannel::Text if phone.is_none() => Some((
                f.phone,
                "Enter a telephone number, or do not choose phone or text",
            )),
            ContactChannel::Post if address.is_none() => {
                Some((f.address, "Enter an address, or do not choose post"))
            }
            _ => None,
        };
        if let Some((field, msg)) = missing {
            return Err(AppError::validation(field, msg));
        }
    }
    Ok(person::ActiveModel {
        id: Set(Uuid::now_v7()),
        full_name: Set(full_name),
        email: Set(email),
        phone: Set(phone),
        address: Set(address),
        postcode: Set(postcode),
        preferred_language: Set(language),
        interpreter_needed: Set(p.interpreter_needed),
        accessibility_needs: Set(optional_text(
            f.accessibility_needs,
            p.accessibility_needs.as_deref(),
            1000,
        )?),
        contact_channels: Set((!channels.is_empty()).then(|| {
            channels
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(",")
        })),
        safe_times: Set(optional_text(f.safe_times, p.safe_times.as_deref(), 500)?),
        may_leave_message: Set(p.may_leave_message),
        safe_windows: Set(safe_windows(f, &p.safe_windows)?),
        discreet: Set(p.discreet),
        locale: Set(locale(f, p.locale.as_deref())?),
        created_at: Set(now),
        updated_at: Set(now),
        erased_at: Set(None),
    })
}

pub async fn insert(
    conn: &impl ConnectionTrait,
    row: person::ActiveModel,
) -> AppResult<person::Model> {
    Ok(row.insert(conn).await?)
}

pub fn channels(p: &person::Model) -> Vec<ContactChannel> {
    p.contact_channels
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .filter_map(|s| s.parse().ok())
        .collect()
}

/// People whose name contains `text` (co-ordinator), with the cases each takes part in, so an
/// existing person can be added to another case. The search is audited.
pub async fn search(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &crate::areas::accounts::model::Actor,
    text: &str,
    limit: u64,
) -> AppResult<
    Vec<(
        person::Model,
        Vec<(
            crate::entities::case_participant::Model,
            crate::entities::case::Model,
        )>,
    )>,
> {
    use sea_orm::sea_query::{Expr, ExprTrait, Func};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

    use crate::entities::{case, case_participant};
    require(actor, Duty::SearchPeople)?;
    let needle = text.trim().to_lowercase().replace(['%', '_'], "");
    if needle.chars().count() < 2 {
        return Err(AppError::validation(
            "search",
            "Type at least two letters of the name",
        ));
    }
    let people = person::Entity::find()
        .filter(person::Column::ErasedAt.is_null())
        .filter(
            Expr::expr(Func::lower(Expr::col(person::Column::FullName)))
                .like(format!("%{needle}%")),
        )
        .order_by_asc(person::Column::FullName)
        .limit(limit.clamp(1, 50))
        .all(conn)
        .await?;
    let parts = case_participant::Entity::find()
        .filter(case_participant::Column::PersonId.is_in(people.iter().map(|p| p.id)))
        .all(conn)
        .await?;
    let cases = case::Entity::find()
        .filter(case::Column::Id.is_in(parts.iter().map(|p| p.case_id)))
        .all(conn)
        .await?;
    // Each person found is a read of their record, named in the audit log.
    for p in &people {
        audit::note_read(
            actor,
            now,
            audit::Read {
                action: "view",
                entity: "person",
                id: p.id,
                purpose: actor.standing_purpose(),
                justification: None,
                extent: "search_result",
                via: "people",
            },
        );
    }
    Ok(people
        .into_iter()
        .map(|p| {
            let of: Vec<_> = parts
                .iter()
                .filter(|cp| cp.person_id == p.id)
                .filter_map(|cp| {
                    Some((
                        cp.clone(),
                        cases.iter().find(|c| c.id == cp.case_id)?.clone(),
                    ))
                })
                .collect();
            (p, of)
        })
        .collect())
}
