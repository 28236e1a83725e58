//! Course kinds, accreditation levels, supervision kinds and the applicant pipeline. No I/O.

use chrono::{Datelike, Months, NaiveDate};

use crate::error::AppError;
use crate::kernel::stored_enum;

stored_enum!(CourseKind {
    AwarenessFoundation => "awareness_foundation",
    Practitioner => "practitioner",
    RecruitSession => "recruit_session",
    Refresher => "refresher",
    Custom => "custom",
});

impl CourseKind {
    pub fn default_title(self) -> &'static str {
        match self {
            CourseKind::AwarenessFoundation => "Restorative justice awareness foundation (1 day)",
            CourseKind::Practitioner => "Restorative justice practitioner (3 days)",
            CourseKind::RecruitSession => "Volunteer recruit session (2 hours)",
            CourseKind::Refresher => "Refresher (half day)",
            CourseKind::Custom => "Course",
        }
    }
}

stored_enum!(AccreditationLevel {
    Awareness => "awareness",
    Practitioner => "practitioner",
    Trainer => "trainer",
});

stored_enum!(AttendanceStatus {
    Booked => "booked",
    Attended => "attended",
    Absent => "absent",
});

stored_enum!(SupervisionKind {
    OneToOne => "one_to_one",
    Group => "group",
    ObservedPractice => "observed_practice",
    CaseReview => "case_review",
});

stored_enum!(
    /// Volunteer recruitment (R-TR-5): forward one step at a time, or out.
    ApplicantStage {
        Enquiry => "enquiry",
        Application => "application",
        RoleProfileSent => "role_profile_sent",
        Vetting => "vetting",
        Training => "training",
        Active => "active",
        Withdrawn => "withdrawn",
        Declined => "declined",
    }
);

impl ApplicantStage {
    fn next(self) -> Option<ApplicantStage> {
        use ApplicantStage::*;
        match self {
            Enquiry => Some(Application),
            Application => Some(RoleProfileSent),
            RoleProfileSent => Some(Vetting),
            Vetting => Some(Training),
            Training => Some(Active),
            Active | Withdrawn | Declined => None,
        }
    }

    pub fn is_open(self) -> bool {
        self.next().is_some()
    }
}

pub fn check_applicant_move(from: ApplicantStage, to: ApplicantStage) -> Result<(), AppError> {
    let ok = match to {
        ApplicantStage::Withdrawn | ApplicantStage::Declined => from.is_open(),
        _ => from.next() == Some(to),
    };
    if ok {
        Ok(())
    } else {
        Err(AppError::validation(
            "to",
            match from.next() {
                Some(n) => format!(
                    "From {} the next step is {}, or withdrawn/declined.",
                    from.as_str().replace('_', " "),
                    n.as_str().replace('_', " ")
                ),
                None => format!(
                    "An applicant who is {} has finished the process.",
                    from.as_str().replace('_', " ")
                ),
            },
        ))
    }
}

/// Accreditation lasts two years (Restorative Justice Council code, R-ST-1).
pub const ACCREDITATION_YEARS: u32 = 2;

pub fn default_expiry(awarded_on: NaiveDate) -> NaiveDate {
    awarded_on
        .checked_add_months(Months::new(12 * ACCREDITATION_YEARS))
        .unwrap_or(awarded_on)
}

/// Volunteers take part in at least five conferences a year (R-TR-3).
pub const CONFERENCES_PER_YEAR: i64 = 5;
/// The Hub keeps at least twelve active volunteer facilitators (R-TR-3).
pub const MIN_VOLUNTEERS: i64 = 12;

/// How many conferences a volunteer should have reached by `today` to be on course for five.
pub fn expected_by(today: NaiveDate) -> i64 {
    let days_in_year = if NaiveDate::from_ymd_opt(today.year(), 2, 29).is_some() {
        366
    } else {
        365
    };
    (CONFERENCES_PER_YEAR * i64::from(today.ordinal())) / days_in_year
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_tr_5_applicants_move_one_step_at_a_time_or_out() {
        use ApplicantStage::*;
        assert!(check_applicant_move(Enquiry, Application).is_ok());
        assert!(check_applicant_move(Enquiry, Vetting).is_err());
        assert!(check_applicant_move(Vetting, Withdrawn).is_ok());
        assert!(check_applicant_move(Active, Withdrawn).is_err());
        assert!(check_applicant_move(Declined, Application).is_err());
    }

    #[test]
    fn r_st_1_accreditation_lasts_two_years_and_the_pace_is_prorated() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 28).unwrap_or_default();
        assert_eq!(
            default_expiry(d),
            NaiveDate::from_ymd_opt(2028, 2, 28).unwrap_or_default()
        );
        assert_eq!(
            expected_by(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default()),
            0
        );
        assert_eq!(
            expected_by(NaiveDate::from_ymd_opt(2026, 7, 2).unwrap_or_default()),
            2
        );
        assert_eq!(
            expected_by(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default()),
            5
        );
    }
}
