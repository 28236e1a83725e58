//! The workbench's queues: the piles of cases that need someone to act, each one condition on
//! the case table. The same condition counts a queue on the home page and lists it when the
//! count is opened, so the number and the list can never disagree. The reader's list scope is
//! applied on top by the caller (need-to-know stays in SQL).

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, Condition};

use crate::access::{Actor, Duty, holds};
use crate::areas::allocation::model::OfferStatus;
use crate::areas::cases::model::Stage;
use crate::areas::meetings::model::{MeetingKind, MeetingStatus};
use crate::entities::{
    agreement_item, case, case_clock, case_event, contact, meeting, offer, sign_off,
};
use crate::kernel::stored_enum;
use crate::kernel::today;

stored_enum!(
    /// A pile of cases waiting for someone to act.
    Queue {
        ClocksOverdue => "clocks_overdue",
        ClocksDueToday => "clocks_due_today",
        NewReferrals => "new_referrals",
        BeingAssessed => "being_assessed",
        Unallocated => "unallocated",
        IntakeChecks => "intake_checks",
        OffersUnanswered => "offers_unanswered",
        SignOffsWaiting => "sign_offs_waiting",
        Stale => "stale",
        OverdueItems => "overdue_items",
    }
);

impl Queue {
    /// Whether the reader works from this queue: the intake piles are the co-ordinator's;
    /// sign-offs, quiet cases and overdue items are watched by supervisors too (their own
    /// cases, by the list scope).
    pub fn worked_by(self, actor: &Actor) -> bool {
        match self {
            Queue::ClocksOverdue
            | Queue::ClocksDueToday
            | Queue::NewReferrals
            | Queue::BeingAssessed
            | Queue::Unallocated
            | Queue::IntakeChecks
            | Queue::OffersUnanswered => holds(actor, Duty::CoordinateCases),
            Queue::SignOffsWaiting | Queue::Stale | Queue::OverdueItems => {
                holds(actor, Duty::ListCases)
            }
        }
    }

    /// Words for the home page.
    pub fn label(self) -> &'static str {
        match self {
            Queue::ClocksOverdue => "Victims' Code deadlines missed",
            Queue::ClocksDueToday => "Victims' Code deadlines today",
            Queue::NewReferrals => "New referrals",
            Queue::BeingAssessed => "Waiting for a suitability decision",
            Queue::Unallocated => "Suitable, not yet allocated",
            Queue::IntakeChecks => "Self-referrals to check",
            Queue::OffersUnanswered => "Offers not yet answered",
            Queue::SignOffsWaiting => "Waiting for sign-off",
            Queue::Stale => "Gone quiet",
            Queue::OverdueItems => "Agreement items overdue",
        }
    }

    /// What being in the queue means, for the home page's hint.
    pub fn hint(self, stale_days: i64) -> String {
        match self {
            Queue::ClocksOverdue => {
                "Information or an onward referral past its due working day".into()
            }
            Queue::ClocksDueToday => {
                "Information or an onward referral due by the end of today".into()
            }
            Queue::NewReferrals => "Received, assessment not started".into(),
            Queue::BeingAssessed => "Assessment started, no decision yet".into(),
            Queue::Unallocated => "Assessed as suitable, with no lead facilitator".into(),
            Queue::IntakeChecks => {
                "One of many forms from one connection: check before contacting".into()
            }
            Queue::OffersUnanswered => "Offered to facilitators who have not answered".into(),
            Queue::SignOffsWaiting => {
                "A held conference or a closure the supervisor has not signed off".into()
            }
            Queue::Stale => {
                format!("Open, with no contact logged and nothing changed for {stale_days} days")
            }
            Queue::OverdueItems => "An outcome agreement item past its due date".into(),
        }
    }

    /// The cases in the queue at `now`.
    pub fn condition(self, now: DateTime<Utc>, stale_days: i64) -> Condition {
        let stage = |s: Stage| case::Column::Stage.eq(s.as_str());
        let open = || {
            case::Column::Stage.is_not_in([
                Stage::NotSuitable.as_str(),
                Stage::Closed.as_str(),
                Stage::Withdrawn.as_str(),
            ])
        };
        let clocks = |due: sea_orm::sea_query::SimpleExpr| {
            Condition::all().add(open()).add(
                case::Column::Id.in_subquery(
                    Query::select()
                        .column(case_clock::Column::CaseId)
                        .from(case_clock::Entity)
                        .and_where(case_clock::Column::MetAt.is_null())
                        .and_where(due)
                        .to_owned(),
                ),
            )
        };
        match self {
            Queue::ClocksOverdue => clocks(case_clock::Column::DueOn.lt(today(now))),
            Queue::ClocksDueToday => clocks(case_clock::Column::DueOn.eq(today(now))),
            Queue::NewReferrals => Condition::all().add(stage(Stage::Referral)),
            Queue::BeingAssessed => Condition::all()
                .add(stage(Stage::Assessment))
                .add(case::Column::Suitable.is_null()),
            Queue::Unallocated => Condition::all()
                .add(stage(Stage::Assessment))
                .add(case::Column::Suitable.eq(true)),
            Queue::IntakeChecks => Condition::all()
                .add(case::Column::IntakeCheck.is_not_null())
                .add(case::Column::Stage.is_in([
                    Stage::Enquiry.as_str(),
                    Stage::Referral.as_str(),
                    Stage::Assessment.as_str(),
                ])),
            Queue::OffersUnanswered => Condition::all().add(
                case::Column::Id.in_subquery(
                    Query::select()
                        .column(offer::Column::CaseId)
                        .from(offer::Entity)
                        .and_where(offer::Column::Status.eq(OfferStatus::Open.as_str()))
                        .to_owned(),
                ),
            ),
            Queue::SignOffsWaiting => awaiting_sign_off(),
            Queue::Stale => {
                let since = now - Duration::days(stale_days);
                Condition::all()
                    .add(case::Column::Stage.is_in(WORKED.map(Stage::as_str)))
                    .add(
                        case::Column::Id.not_in_subquery(
                            Query::select()
                                .column(contact::Column::CaseId)
                                .from(contact::Entity)
                                .and_where(contact::Column::At.gt(since))
                                .to_owned(),
                        ),
                    )
                    .add(
                        case::Column::Id.not_in_subquery(
                            Query::select()
                                .column(case_event::Column::CaseId)
                                .from(case_event::Entity)
                                .and_where(case_event::Column::At.gt(since))
                                .to_owned(),
                        ),
                    )
            }
            Queue::OverdueItems => Condition::all().add(
                case::Column::Id.in_subquery(
                    Query::select()
                        .column(agreement_item::Column::CaseId)
                        .from(agreement_item::Entity)
                        .and_where(agreement_item::Column::CompletedAt.is_null())
                        .and_where(agreement_item::Column::DueOn.lt(today(now)))
                        .to_owned(),
                ),
            ),
        }
    }
}

/// The stages in which facilitators work with participants: where a case can go quiet.
const WORKED: [Stage; 5] = [
    Stage::Allocated,
    Stage::Preparation,
    Stage::Intervention,
    Stage::Outcome,
    Stage::FollowUp,
];

/// Cases with a held conference not yet approved, and cases in follow-up (their closure waits
/// for the supervisor).
pub fn awaiting_sign_off() -> Condition {
    Condition::any()
        .add(case::Column::Stage.eq(Stage::FollowUp.as_str()))
        .add(
            case::Column::Id.in_subquery(
                Query::select()
                    .column(meeting::Column::CaseId)
                    .from(meeting::Entity)
                    .and_where(meeting::Column::Status.eq(MeetingStatus::Held.as_str()))
                    .and_where(meeting::Column::Kind.ne(MeetingKind::Preparation.as_str()))
                    .and_where(
                        meeting::Column::Id.not_in_subquery(
                            Query::select()
                                .column(sign_off::Column::MeetingId)
                                .from(sign_off::Entity)
                                .and_where(sign_off::Column::Approved.eq(true))
                                .and_where(sign_off::Column::MeetingId.is_not_null())
                                .to_owned(),
                        ),
                    )
                    .to_owned(),
            ),
        )
}
