//! Case stages and their legal transitions, participants' sides, consent purposes and the
//! levels of access to a case. No I/O here.

use crate::error::AppError;

/// Declares a string-backed enum whose stored form is its snake_case name.
macro_rules! stored_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::error::AppError;
            fn from_str(s: &str) -> Result<Self, $crate::error::AppError> {
                match s {
                    $($s => Ok($name::$variant),)+
                    other => Err($crate::error::AppError::internal(format!(
                        concat!("unknown ", stringify!($name), " '{}' in the database"), other
                    ))),
                }
            }
        }
    };
}
pub(crate) use stored_enum;

stored_enum!(
    /// DESIGN.md's lifecycle: enquiry → referral → assessment → (not_suitable | allocated) →
    /// preparation → intervention → outcome → follow_up → closed, and withdrawn from any open stage.
    Stage {
        Enquiry => "enquiry",
        Referral => "referral",
        Assessment => "assessment",
        NotSuitable => "not_suitable",
        Allocated => "allocated",
        Preparation => "preparation",
        Intervention => "intervention",
        Outcome => "outcome",
        FollowUp => "follow_up",
        Closed => "closed",
        Withdrawn => "withdrawn",
    }
);

impl Stage {
    pub fn is_open(self) -> bool {
        !matches!(self, Stage::NotSuitable | Stage::Closed | Stage::Withdrawn)
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Enquiry => "Enquiry",
            Stage::Referral => "Referral received",
            Stage::Assessment => "Being assessed",
            Stage::NotSuitable => "Not suitable",
            Stage::Allocated => "Facilitator allocated",
            Stage::Preparation => "Preparing participants",
            Stage::Intervention => "Restorative intervention",
            Stage::Outcome => "Outcome agreed",
            Stage::FollowUp => "Follow-up",
            Stage::Closed => "Closed",
            Stage::Withdrawn => "Stopped",
        }
    }

    /// The forward moves from this stage (withdrawal is separate: from any open stage).
    pub fn next(self) -> &'static [Stage] {
        match self {
            Stage::Enquiry => &[Stage::Referral],
            Stage::Referral => &[Stage::Assessment],
            Stage::Assessment => &[Stage::NotSuitable, Stage::Allocated],
            Stage::Allocated => &[Stage::Preparation],
            Stage::Preparation => &[Stage::Intervention],
            Stage::Intervention => &[Stage::Outcome],
            Stage::Outcome => &[Stage::FollowUp],
            Stage::FollowUp => &[Stage::Closed],
            Stage::NotSuitable | Stage::Closed | Stage::Withdrawn => &[],
        }
    }
}

/// Whether `from → to` is a move the lifecycle allows.
pub fn check_transition(from: Stage, to: Stage) -> Result<(), AppError> {
    let legal = if to == Stage::Withdrawn {
        from.is_open()
    } else {
        from.next().contains(&to)
    };
    if legal {
        Ok(())
    } else {
        let allowed: Vec<&str> = from
            .next()
            .iter()
            .map(|s| s.label())
            .chain(from.is_open().then_some(Stage::Withdrawn.label()))
            .collect();
        Err(AppError::validation(
            "to",
            if allowed.is_empty() {
                format!(
                    "This case is {} and cannot move on.",
                    from.label().to_lowercase()
                )
            } else {
                format!(
                    "A case that is \"{}\" cannot move to \"{}\". It can move to: {}.",
                    from.label(),
                    to.label(),
                    allowed.join(", ")
                )
            },
        ))
    }
}

stored_enum!(
    /// How someone takes part in a case. Bereaved family members of a person who died as a result
    /// of crime are victims in their own right (R-IN-5).
    ParticipantRole {
        Victim => "victim",
        BereavedFamily => "bereaved_family",
        OtherAffected => "other_affected",
        Offender => "offender",
    }
);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Harmed,
    Responsible,
}

impl ParticipantRole {
    pub fn side(self) -> Side {
        match self {
            ParticipantRole::Offender => Side::Responsible,
            _ => Side::Harmed,
        }
    }
}

stored_enum!(ContactChannel {
    Phone => "phone",
    Email => "email",
    Post => "post",
    Text => "text",
    InPerson => "in_person",
    Video => "video",
    Other => "other",
});

stored_enum!(RiskLevel {
    Low => "low",
    Medium => "medium",
    High => "high",
});

stored_enum!(RiskSubject {
    Victim => "victim",
    Offender => "offender",
    Facilitator => "facilitator",
    Others => "others",
});

stored_enum!(
    /// Consent is recorded per purpose (R-ST-3); taking part underlies all the others.
    ConsentPurpose {
        TakingPart => "taking_part",
        ContactByHub => "contact_by_hub",
        ShareWithPartner => "share_with_partner",
        FollowUpSurvey => "follow_up_survey",
    }
);

stored_enum!(ConsentMethod {
    Verbal => "verbal",
    Written => "written",
    Email => "email",
    OnlineForm => "online_form",
});

stored_enum!(FacilitatorRole {
    Lead => "lead",
    Co => "co",
});

/// What a user may see of one case (DESIGN.md's need-to-know table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseAccess {
    /// Everything: co-ordinator, the case's supervisor, its allocated facilitators.
    Full,
    /// The offender side only: partner-agency staff on an offender-initiated case of their
    /// agency (the Hub is the firewall, R-IN-6).
    OffenderSide,
}

impl CaseAccess {
    pub fn shows(self, side: Side) -> bool {
        self == CaseAccess::Full || side == Side::Responsible
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_cw_1_every_legal_and_illegal_transition() {
        let legal: &[(Stage, Stage)] = &[
            (Stage::Enquiry, Stage::Referral),
            (Stage::Referral, Stage::Assessment),
            (Stage::Assessment, Stage::NotSuitable),
            (Stage::Assessment, Stage::Allocated),
            (Stage::Allocated, Stage::Preparation),
            (Stage::Preparation, Stage::Intervention),
            (Stage::Intervention, Stage::Outcome),
            (Stage::Outcome, Stage::FollowUp),
            (Stage::FollowUp, Stage::Closed),
        ];
        for &from in Stage::ALL {
            for &to in Stage::ALL {
                let expected =
                    legal.contains(&(from, to)) || (to == Stage::Withdrawn && from.is_open());
                assert_eq!(
                    check_transition(from, to).is_ok(),
                    expected,
                    "{from:?} → {to:?}"
                );
            }
        }
    }

    #[test]
    fn the_offender_side_view_never_shows_the_harmed_side() {
        assert!(CaseAccess::OffenderSide.shows(ParticipantRole::Offender.side()));
        for r in [
            ParticipantRole::Victim,
            ParticipantRole::BereavedFamily,
            ParticipantRole::OtherAffected,
        ] {
            assert!(!CaseAccess::OffenderSide.shows(r.side()));
            assert!(CaseAccess::Full.shows(r.side()));
        }
    }

    #[test]
    fn stored_names_round_trip() {
        for s in Stage::ALL {
            assert_eq!(s.as_str().parse::<Stage>().ok(), Some(*s));
        }
        assert!("nonsense".parse::<Stage>().is_err());
    }
}
