//! Case stages and their legal transitions, participants' roles and sides, consent purposes.
//! No I/O here.

pub use crate::access::case::Side;
use crate::access::case::side_of_role;
use crate::error::AppError;
use crate::kernel::stored_enum;

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

impl ParticipantRole {
    pub fn side(self) -> Side {
        side_of_role(self.as_str())
    }
}

stored_enum!(
    /// Why a victim is entitled to enhanced rights under the Victims' Code.
    EnhancedRights {
        MostSeriousCrime => "most_serious_crime",
        PersistentlyTargeted => "persistently_targeted",
        VulnerableOrIntimidated => "vulnerable_or_intimidated",
    }
);

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

/// A case's stage (a stored code the database only ever holds valid).
pub fn stage(c: &crate::entities::case::Model) -> Stage {
    c.stage.parse().unwrap_or(Stage::Referral)
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
    fn only_the_offender_is_on_the_responsible_side() {
        for r in ParticipantRole::ALL {
            assert_eq!(
                r.side() == Side::Responsible,
                *r == ParticipantRole::Offender
            );
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
