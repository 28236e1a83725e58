//! Points at which satisfaction is asked, and follow-up tasks. No I/O.

use crate::kernel::stored_enum;

stored_enum!(
    /// "Distance travelled" compares the answers at these three points.
    SurveyStage {
        Start => "start",
        End => "end",
        SixMonths => "six_months",
    }
);

stored_enum!(TaskKind {
    SixMonthSurvey => "six_month_survey",
});

stored_enum!(
    /// Cancelled: consent to the follow-up survey was withdrawn.
    TaskStatus {
        Open => "open",
        Done => "done",
        Cancelled => "cancelled",
    }
);

/// Scores run from 1 (very dissatisfied) to 5 (very satisfied).
pub const SCORES: std::ops::RangeInclusive<i32> = 1..=5;

/// How long after the end of the process the follow-up is due.
pub const FOLLOW_UP_MONTHS: u32 = 6;

/// A task shows in the facilitator's list this many days before it is due.
pub const SHOW_DAYS_BEFORE: i64 = 14;
