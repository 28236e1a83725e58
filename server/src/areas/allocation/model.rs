//! Offers, availability slots and how suggestions are scored. No I/O.

use crate::error::AppError;
use crate::kernel::stored_enum;

stored_enum!(OfferStatus {
    Open => "open",
    Accepted => "accepted",
    Declined => "declined",
    Expired => "expired",
    Withdrawn => "withdrawn",
});

// `Taken`: someone else accepted first.
stored_enum!(OfferResponse {
    Pending => "pending",
    Accepted => "accepted",
    Declined => "declined",
    Taken => "taken",
    Expired => "expired",
});

stored_enum!(
    /// How well a facilitator speaks a language; matching trusts fluent and native speakers to
    /// hold a conference without an interpreter.
    LanguageProficiency {
        Basic => "basic",
        Working => "working",
        Fluent => "fluent",
        Native => "native",
    }
);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageSkill {
    pub code: String,
    pub proficiency: LanguageProficiency,
}

/// Reads the profile's `languages` column: `pl:fluent,ro:working`. A bare code (written before
/// proficiency was recorded) counts as fluent, which is what listing a language used to mean.
pub fn language_skills(stored: Option<&str>) -> Vec<LanguageSkill> {
    stored
        .unwrap_or_default()
        .split(',')
        .filter(|x| !x.is_empty())
        .map(|item| match item.split_once(':') {
            Some((code, level)) => LanguageSkill {
                code: code.to_string(),
                proficiency: level.parse().unwrap_or(LanguageProficiency::Fluent),
            },
            None => LanguageSkill {
                code: item.to_string(),
                proficiency: LanguageProficiency::Fluent,
            },
        })
        .collect()
}

/// The language codes alone, for lists and labels.
pub fn language_codes(stored: Option<&str>) -> Vec<String> {
    language_skills(stored)
        .into_iter()
        .map(|s| s.code)
        .collect()
}

/// Writes skills back in code order, one per language (the last one given wins).
pub fn store_language_skills(skills: &[LanguageSkill]) -> Option<String> {
    let mut by_code = std::collections::BTreeMap::new();
    for s in skills {
        by_code.insert(s.code.as_str(), s.proficiency);
    }
    (!by_code.is_empty()).then(|| {
        by_code
            .into_iter()
            .map(|(code, level)| format!("{code}:{}", level.as_str()))
            .collect::<Vec<_>>()
            .join(",")
    })
}

pub const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
pub const PARTS: [&str; 3] = ["am", "pm", "eve"];

/// Weekly availability slots such as `mon_am` or `sat_eve`.
pub fn check_slots(slots: &[String]) -> Result<Vec<String>, AppError> {
    let mut out = Vec::new();
    for s in slots {
        let s = s.trim().to_lowercase();
        let ok = s
            .split_once('_')
            .is_some_and(|(d, p)| DAYS.contains(&d) && PARTS.contains(&p));
        if !ok {
            return Err(AppError::validation(
                "availability",
                format!("\"{s}\" is not a time slot (use e.g. mon_am, wed_eve)"),
            ));
        }
        if !out.contains(&s) {
            out.push(s);
        }
    }
    Ok(out)
}

/// Does a declared conflict (a name the facilitator knows) match one of the case's people?
pub fn conflicts_with(declared: &str, names: &[String]) -> Option<String> {
    declared
        .lines()
        .map(|l| l.trim().to_lowercase())
        .filter(|l| l.chars().filter(|c| c.is_alphanumeric()).count() >= 3)
        .find(|l| names.iter().any(|n| n.to_lowercase().contains(l.as_str())))
}

/// The parts of a suggestion's score, each with its reason in words.
#[derive(Debug, Default)]
pub struct Score {
    pub points: i32,
    pub reasons: Vec<String>,
}

impl Score {
    pub fn add(&mut self, points: i32, reason: impl Into<String>) {
        self.points += points;
        self.reasons.push(reason.into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_skills_round_trip_and_read_bare_codes_as_fluent() {
        let skills = language_skills(Some("ro:working,pl"));
        assert_eq!(
            skills,
            vec![
                LanguageSkill {
                    code: "ro".into(),
                    proficiency: LanguageProficiency::Working
                },
                LanguageSkill {
                    code: "pl".into(),
                    proficiency: LanguageProficiency::Fluent
                },
            ]
        );
        assert_eq!(
            store_language_skills(&skills).as_deref(),
            Some("pl:fluent,ro:working")
        );
        assert_eq!(store_language_skills(&[]), None);
        assert_eq!(language_codes(Some("pl:native,lt")), vec!["pl", "lt"]);
    }

    #[test]
    fn slots_are_checked() {
        assert!(check_slots(&["mon_am".into(), "SUN_EVE".into()]).is_ok());
        assert!(check_slots(&["monday".into()]).is_err());
        assert!(check_slots(&["mon_night".into()]).is_err());
    }

    #[test]
    fn r_al_2_declared_conflicts_match_names() {
        let names = vec!["Oliver Offender".to_string(), "Victoria Victim".to_string()];
        assert_eq!(
            conflicts_with("  oliver offender \nSomeone", &names).as_deref(),
            Some("oliver offender")
        );
        assert_eq!(conflicts_with("Al\nBob Smith", &names), None);
        assert_eq!(
            conflicts_with("victoria", &names).as_deref(),
            Some("victoria")
        );
    }
}
