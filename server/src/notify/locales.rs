//! The words of messages to people, in their language: Project Fluent, one `locales/<code>.ftl`
//! per language, the same files the PWA's public pages use. A message a language lacks falls
//! back to English (and a test fails, so it is never shipped that way).

use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

mod files {
    include!(concat!(env!("OUT_DIR"), "/locales.rs"));
}

pub const DEFAULT: &str = "en";

struct Locales {
    bundles: HashMap<&'static str, FluentBundle<FluentResource>>,
}

fn bundle(code: &str, source: &str) -> FluentBundle<FluentResource> {
    // Plural rules come from the language itself: `en-x-easyread` is English.
    let base = code.split("-x-").next().unwrap_or(DEFAULT);
    let lang: LanguageIdentifier = base.parse().unwrap_or_default();
    let mut b = FluentBundle::new_concurrent(vec![lang]);
    // Plain-text e-mails and texts: no Unicode isolation marks around placeables.
    b.set_use_isolating(false);
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, errs)| {
        tracing::error!(
            locale = code,
            errors = errs.len(),
            "a locale file has syntax errors"
        );
        partial
    });
    if b.add_resource(resource).is_err() {
        tracing::error!(locale = code, "a locale file defines a message twice");
    }
    b
}

static LOCALES: LazyLock<Locales> = LazyLock::new(|| Locales {
    bundles: files::FILES
        .iter()
        .map(|(code, source)| (*code, bundle(code, source)))
        .collect(),
});

/// The codes of every language the Hub writes in, English first.
pub fn supported() -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = files::FILES.iter().map(|(c, _)| *c).collect();
    codes.sort_by_key(|c| (*c != DEFAULT, *c));
    codes
}

pub fn is_supported(code: &str) -> bool {
    files::FILES.iter().any(|(c, _)| *c == code)
}

/// The language to write to a person in: the one they chose for messages, else their
/// preferred language when the Hub writes in it, else English.
pub fn resolve(locale: Option<&str>, preferred_language: Option<&str>) -> &'static str {
    [locale, preferred_language]
        .into_iter()
        .flatten()
        .find_map(|code| {
            files::FILES
                .iter()
                .find(|(c, _)| *c == code)
                .map(|(c, _)| *c)
        })
        .unwrap_or(DEFAULT)
}

/// Message `id` in `locale` with its placeables filled in.
pub fn text(locale: &str, id: &str, args: &[(&str, &str)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (k, v) in args {
        fluent_args.set(*k, *v);
    }
    for code in [locale, DEFAULT] {
        let Some(b) = LOCALES.bundles.get(code) else {
            continue;
        };
        let Some(pattern) = b.get_message(id).and_then(|m| m.value()) else {
            continue;
        };
        let mut errors = vec![];
        let out = b.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if errors.is_empty() {
            return out.into_owned();
        }
        tracing::warn!(
            locale = code,
            message = id,
            "a message is missing a placeable"
        );
    }
    tracing::error!(message = id, "no language has this message");
    id.to_string()
}

fn chrono_locale(locale: &str) -> chrono::Locale {
    use chrono::Locale;
    match locale.split("-x-").next().unwrap_or(DEFAULT) {
        "pl" => Locale::pl_PL,
        "lt" => Locale::lt_LT,
        "ro" => Locale::ro_RO,
        "pt" => Locale::pt_PT,
        "ru" => Locale::ru_RU,
        "lv" => Locale::lv_LV,
        "bg" => Locale::bg_BG,
        _ => Locale::en_GB,
    }
}

/// A date as people in `locale` write it, in UK time: "3 December 2026".
pub fn date(locale: &str, t: chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&chrono_tz::Europe::London)
        .format_localized("%-d %B %Y", chrono_locale(locale))
        .to_string()
}

/// A time as people in `locale` write it, in UK time: "Monday 7 December 2026, 18:00".
pub fn when(locale: &str, t: chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&chrono_tz::Europe::London)
        .format_localized("%A %-d %B %Y, %H:%M", chrono_locale(locale))
        .to_string()
}

/// The ids of every message and attribute in a file (`id` and `id.attribute`).
fn ids(source: &str) -> Result<Vec<String>, String> {
    use fluent_syntax::ast::Entry;
    let resource = fluent_syntax::parser::parse(source).map_err(|(_, errs)| {
        errs.iter()
            .map(|e| format!("{e:?}"))
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    let mut out = vec![];
    for entry in resource.body {
        let (id, attributes) = match entry {
            Entry::Message(m) => (m.id.name.to_string(), m.attributes),
            Entry::Term(t) => (format!("-{}", t.id.name), t.attributes),
            _ => continue,
        };
        out.push(id.clone());
        out.extend(attributes.iter().map(|a| format!("{id}.{}", a.id.name)));
    }
    out.sort();
    Ok(out)
}

/// Every language file parses and has exactly the messages English has: what is wrong, per
/// language (empty when all is well).
pub fn problems() -> Vec<String> {
    let Some((_, english)) = files::FILES.iter().find(|(c, _)| *c == DEFAULT) else {
        return vec!["there is no locales/en.ftl".into()];
    };
    let english = match ids(english) {
        Ok(ids) => ids,
        Err(e) => return vec![format!("en: {e}")],
    };
    let mut problems = vec![];
    for (code, source) in files::FILES.iter().filter(|(c, _)| *c != DEFAULT) {
        match ids(source) {
            Err(e) => problems.push(format!("{code}: {e}")),
            Ok(theirs) => {
                for id in english.iter().filter(|id| !theirs.contains(id)) {
                    problems.push(format!("{code}: missing {id}"));
                }
                for id in theirs.iter().filter(|id| !english.contains(id)) {
                    problems.push(format!("{code}: {id} is not in English"));
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_in_4_every_language_has_every_message() {
        assert_eq!(problems(), Vec::<String>::new());
        assert!(supported().len() >= 7, "languages: {:?}", supported());
    }

    #[test]
    fn r_in_4_messages_render_in_the_persons_language() {
        assert_eq!(resolve(Some("pl"), None), "pl");
        assert_eq!(resolve(None, Some("pl")), "pl");
        assert_eq!(resolve(None, Some("bsl")), DEFAULT);
        assert_eq!(resolve(Some("xx"), Some("ru")), "ru");
        let s = text(
            "pl",
            "ack-text",
            &[("reference", "RJ26-ABCDE"), ("phone", "01632")],
        );
        assert!(s.contains("RJ26-ABCDE") && s.contains("01632"), "{s}");
        assert_ne!(
            s,
            text(
                "en",
                "ack-text",
                &[("reference", "RJ26-ABCDE"), ("phone", "01632")]
            )
        );
    }
}
