//! The cases slice's enums as the graph shows them.

use async_graphql::{Enum, Result};

use super::super::model;
use crate::error::AppError;

macro_rules! remote_enum {
    ($name:ident, $remote:literal, [$($v:ident),+]) => {
        #[derive(Enum, Copy, Clone, Eq, PartialEq)]
        #[graphql(remote = $remote)]
        pub enum $name { $($v),+ }
    };
}

remote_enum!(
    Stage,
    "model::Stage",
    [
        Enquiry,
        Referral,
        Assessment,
        NotSuitable,
        Allocated,
        Preparation,
        Intervention,
        Outcome,
        FollowUp,
        Closed,
        Withdrawn
    ]
);
remote_enum!(
    ParticipantRole,
    "model::ParticipantRole",
    [Victim, BereavedFamily, OtherAffected, Offender]
);
remote_enum!(
    ContactChannel,
    "model::ContactChannel",
    [Phone, Email, Post, Text, InPerson, Video, Other]
);
remote_enum!(RiskLevel, "model::RiskLevel", [Low, Medium, High]);
remote_enum!(
    RiskSubject,
    "model::RiskSubject",
    [Victim, Offender, Facilitator, Others]
);
remote_enum!(
    ConsentPurpose,
    "model::ConsentPurpose",
    [TakingPart, ContactByHub, ShareWithPartner, FollowUpSurvey]
);
remote_enum!(
    ConsentMethod,
    "model::ConsentMethod",
    [Verbal, Written, Email, OnlineForm]
);
remote_enum!(FacilitatorRole, "model::FacilitatorRole", [Lead, Co]);
remote_enum!(
    EnhancedRights,
    "model::EnhancedRights",
    [
        MostSeriousCrime,
        PersistentlyTargeted,
        VulnerableOrIntimidated
    ]
);

/// Which side of a case a participant is on.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "crate::access::case::Side")]
pub enum Side {
    /// Victims, bereaved family, others affected.
    Harmed,
    /// The person responsible.
    Responsible,
}

/// How much of a case the reader may see (DESIGN.md's need-to-know table).
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "crate::access::case::Level")]
pub enum CaseAccessLevel {
    Full,
    /// Partner-agency staff on an offender-initiated case: the offender side only.
    OffenderSide,
}

/// Why the reader may see the case: their relationship to it, which is also the purpose every
/// read of it is audited with.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "crate::access::case::Relation")]
pub enum CaseRelation {
    /// The co-ordinator (co-ordination).
    Coordinator,
    /// Its case supervisor (supervision).
    Supervisor,
    /// An allocated facilitator (casework).
    Facilitator,
    /// The partner agency that referred it: the offender side, as a disclosure.
    PartnerAgency,
    /// Outside the reader's own work, opened with a typed justification (it holds for an hour).
    Justified,
    /// The facilitator a six-month follow-up was given to.
    FollowUp,
    /// The service itself.
    Service,
}

pub(super) fn parse_stored<T: std::str::FromStr<Err = AppError>>(s: &str) -> Result<T> {
    Ok(s.parse::<T>()?)
}

/// A day of the week, for safe times (R-ST-4).
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl From<Weekday> for chrono::Weekday {
    fn from(d: Weekday) -> Self {
        match d {
            Weekday::Mon => chrono::Weekday::Mon,
            Weekday::Tue => chrono::Weekday::Tue,
            Weekday::Wed => chrono::Weekday::Wed,
            Weekday::Thu => chrono::Weekday::Thu,
            Weekday::Fri => chrono::Weekday::Fri,
            Weekday::Sat => chrono::Weekday::Sat,
            Weekday::Sun => chrono::Weekday::Sun,
        }
    }
}

impl From<chrono::Weekday> for Weekday {
    fn from(d: chrono::Weekday) -> Self {
        match d {
            chrono::Weekday::Mon => Weekday::Mon,
            chrono::Weekday::Tue => Weekday::Tue,
            chrono::Weekday::Wed => Weekday::Wed,
            chrono::Weekday::Thu => Weekday::Thu,
            chrono::Weekday::Fri => Weekday::Fri,
            chrono::Weekday::Sat => Weekday::Sat,
            chrono::Weekday::Sun => Weekday::Sun,
        }
    }
}
