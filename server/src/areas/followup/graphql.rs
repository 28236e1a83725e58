//! The follow-up slice of the graph: satisfaction, testimonials and follow-up tasks.

use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};

use super::model::{self, TaskStatus};
use super::service::{self, SatisfactionInput, TestimonialInput, side_of_stored};
use crate::areas::cases::graphql::Side;
use crate::entities::{case, follow_up_task, reoffending_check, satisfaction_survey, testimonial};
use crate::graphql::context::{actor, server};
use crate::graphql::ids::{parse, to_id};

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::SurveyStage")]
pub enum SurveyStage {
    /// When they first took part.
    Start,
    /// When the restorative process ended.
    End,
    /// Six months after the end ("distance travelled").
    SixMonths,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::TaskStatus")]
pub enum FollowUpStatus {
    Open,
    Done,
    /// Consent to the follow-up survey was withdrawn.
    Cancelled,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::TaskKind")]
pub enum FollowUpKind {
    SixMonthSurvey,
}

fn side(stored: &str) -> Side {
    side_of_stored(stored).into()
}

pub struct Satisfaction(satisfaction_survey::Model);

#[Object]
impl Satisfaction {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn case_id(&self) -> ID {
        to_id(self.0.case_id)
    }
    async fn participant_id(&self) -> ID {
        to_id(self.0.participant_id)
    }
    async fn side(&self) -> Side {
        side(&self.0.side)
    }
    async fn stage(&self) -> Result<SurveyStage> {
        Ok(self.0.stage.parse::<model::SurveyStage>()?.into())
    }
    /// 1 (very dissatisfied) to 5 (very satisfied).
    async fn score(&self) -> i32 {
        self.0.score
    }
    async fn comment(&self) -> Option<&str> {
        self.0.comment.as_deref()
    }
    async fn recorded_at(&self) -> DateTime<Utc> {
        self.0.recorded_at
    }
}

pub struct Testimonial(testimonial::Model);

#[Object]
impl Testimonial {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn case_id(&self) -> ID {
        to_id(self.0.case_id)
    }
    async fn participant_id(&self) -> ID {
        to_id(self.0.participant_id)
    }
    async fn text(&self) -> &str {
        &self.0.body
    }
    /// They agreed to their words being used (anonymised) in reports and publicity.
    async fn consent_to_use(&self) -> bool {
        self.0.consent_to_use
    }
    async fn consent_withdrawn_at(&self) -> Option<DateTime<Utc>> {
        self.0.consent_withdrawn_at
    }
    async fn recorded_at(&self) -> DateTime<Utc> {
        self.0.recorded_at
    }
}

/// A usable testimonial with the reference of its case (never a name).
#[derive(SimpleObject)]
pub struct UsableTestimonial {
    pub testimonial: Testimonial,
    pub case_reference: String,
}

pub struct FollowUpTask {
    task: follow_up_task::Model,
    case: case::Model,
}

#[Object]
impl FollowUpTask {
    async fn id(&self) -> ID {
        to_id(self.task.id)
    }
    async fn kind(&self) -> Result<FollowUpKind> {
        Ok(self.task.kind.parse::<model::TaskKind>()?.into())
    }
    async fn case_id(&self) -> ID {
        to_id(self.task.case_id)
    }
    async fn case_reference(&self) -> &str {
        &self.case.reference
    }
    /// Whose answers to record (a participant of the case).
    async fn participant_id(&self) -> ID {
        to_id(self.task.participant_id)
    }
    async fn due_on(&self) -> NaiveDate {
        self.task.due_on
    }
    async fn status(&self) -> Result<FollowUpStatus> {
        Ok(self.task.status.parse::<TaskStatus>()?.into())
    }
    async fn overdue(&self, ctx: &Context<'_>) -> bool {
        let today = crate::kernel::today(server(ctx).clock.now());
        self.task.status == TaskStatus::Open.as_str() && self.task.due_on < today
    }
    async fn assigned_to_id(&self) -> Option<ID> {
        self.task.assigned_to.map(to_id)
    }
}

#[derive(InputObject)]
pub struct RecordSatisfactionInput {
    pub case_id: ID,
    /// A victim-side or offender-side participant of the case.
    pub participant_id: ID,
    pub stage: SurveyStage,
    /// 1 (very dissatisfied) to 5 (very satisfied).
    pub score: i32,
    pub comment: Option<String>,
}

#[derive(SimpleObject)]
pub struct RecordSatisfactionPayload {
    pub satisfaction: Satisfaction,
    /// The six-month follow-up this answer set up or completed; none when they did not
    /// agree to the follow-up survey.
    pub follow_up: Option<FollowUpTask>,
}

#[derive(InputObject)]
pub struct RecordTestimonialInput {
    pub case_id: ID,
    pub participant_id: ID,
    /// Their words.
    pub text: String,
    /// They agreed to it being used, anonymised, in reports and publicity.
    pub consent_to_use: bool,
}

#[derive(SimpleObject)]
pub struct TestimonialPayload {
    pub testimonial: Testimonial,
}

/// What a check of an offender's record found (R-RP-12).
pub struct ReoffendingCheck(reoffending_check::Model);

#[Object]
impl ReoffendingCheck {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn participant_id(&self) -> ID {
        to_id(self.0.participant_id)
    }
    async fn checked_on(&self) -> NaiveDate {
        self.0.checked_on
    }
    /// police_records, probation, youth_justice, self_report or other.
    async fn source(&self) -> &str {
        &self.0.source
    }
    async fn reoffended(&self) -> bool {
        self.0.reoffended
    }
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
}

#[derive(InputObject)]
pub struct RecordReoffendingCheckInput {
    pub case_id: ID,
    /// The offender's participant id.
    pub participant_id: ID,
    pub checked_on: NaiveDate,
    /// police_records, probation, youth_justice, self_report or other.
    pub source: String,
    pub reoffended: bool,
    pub note: Option<String>,
}

#[derive(SimpleObject)]
pub struct ReoffendingCheckPayload {
    pub check: ReoffendingCheck,
}

#[derive(Default)]
pub struct FollowUpQuery;

#[Object]
impl FollowUpQuery {
    /// Re-offending checks recorded for a case's offenders (co-ordinator, the case's supervisor).
    async fn case_reoffending_checks(
        &self,
        ctx: &Context<'_>,
        case_id: ID,
    ) -> Result<Vec<ReoffendingCheck>> {
        Ok(
            super::reoffending::of_case(&server(ctx).db, actor(ctx)?, parse("caseId", &case_id)?)
                .await?
                .into_iter()
                .map(ReoffendingCheck)
                .collect(),
        )
    }

    /// A case's satisfaction answers the reader may see, oldest first.
    async fn case_satisfaction(&self, ctx: &Context<'_>, case_id: ID) -> Result<Vec<Satisfaction>> {
        let s = server(ctx);
        Ok(service::satisfaction_of(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("caseId", &case_id)?,
        )
        .await?
        .into_iter()
        .map(Satisfaction)
        .collect())
    }
    /// A case's testimonials the reader may see.
    async fn case_testimonials(&self, ctx: &Context<'_>, case_id: ID) -> Result<Vec<Testimonial>> {
        let s = server(ctx);
        Ok(service::testimonials_of(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("caseId", &case_id)?,
        )
        .await?
        .into_iter()
        .map(Testimonial)
        .collect())
    }
    /// Testimonials with consent to use them, newest first (co-ordinator).
    async fn testimonials(&self, ctx: &Context<'_>) -> Result<Vec<UsableTestimonial>> {
        let s = server(ctx);
        Ok(
            service::usable_testimonials(&s.db, s.clock.now(), actor(ctx)?)
                .await?
                .into_iter()
                .map(|(t, c)| UsableTestimonial {
                    testimonial: Testimonial(t),
                    case_reference: c.reference,
                })
                .collect(),
        )
    }
    /// The signed-in facilitator's open follow-ups, from two weeks before they are due.
    async fn my_follow_ups(&self, ctx: &Context<'_>) -> Result<Vec<FollowUpTask>> {
        let s = server(ctx);
        Ok(
            service::follow_ups(&s.db, actor(ctx)?, s.clock.now(), false)
                .await?
                .into_iter()
                .map(|(task, case)| FollowUpTask { task, case })
                .collect(),
        )
    }
    /// Every open follow-up, soonest due first (co-ordinator).
    async fn follow_ups(&self, ctx: &Context<'_>) -> Result<Vec<FollowUpTask>> {
        let s = server(ctx);
        Ok(service::follow_ups(&s.db, actor(ctx)?, s.clock.now(), true)
            .await?
            .into_iter()
            .map(|(task, case)| FollowUpTask { task, case })
            .collect())
    }
}

#[derive(Default)]
pub struct FollowUpMutation;

#[Object]
impl FollowUpMutation {
    /// Records what a check of an offender's record found, for the longer-term figures (R-RP-12).
    async fn record_reoffending_check(
        &self,
        ctx: &Context<'_>,
        input: RecordReoffendingCheckInput,
    ) -> Result<ReoffendingCheckPayload> {
        let s = server(ctx);
        let row = super::reoffending::record(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            super::reoffending::CheckInput {
                case_id: parse("caseId", &input.case_id)?,
                participant_id: parse("participantId", &input.participant_id)?,
                checked_on: input.checked_on,
                source: &input.source,
                reoffended: input.reoffended,
                note: input.note.as_deref(),
            },
        )
        .await?;
        Ok(ReoffendingCheckPayload {
            check: ReoffendingCheck(row),
        })
    }

    /// Records (or corrects) a participant's satisfaction at the start, the end or six months
    /// later (R-RP-9).
    async fn record_satisfaction(
        &self,
        ctx: &Context<'_>,
        input: RecordSatisfactionInput,
    ) -> Result<RecordSatisfactionPayload> {
        let s = server(ctx);
        let (row, task) = service::record_satisfaction(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            SatisfactionInput {
                case_id: parse("caseId", &input.case_id)?,
                participant_id: parse("participantId", &input.participant_id)?,
                stage: input.stage.into(),
                score: input.score,
                comment: input.comment,
            },
        )
        .await?;
        let follow_up = match task {
            Some(task) => {
                let case = crate::access::case::load(&s.db, task.case_id).await?;
                Some(FollowUpTask { task, case })
            }
            None => None,
        };
        Ok(RecordSatisfactionPayload {
            satisfaction: Satisfaction(row),
            follow_up,
        })
    }

    /// Keeps a participant's testimonial and whether they agree to it being used (R-RP-10).
    async fn record_testimonial(
        &self,
        ctx: &Context<'_>,
        input: RecordTestimonialInput,
    ) -> Result<TestimonialPayload> {
        let s = server(ctx);
        let row = service::record_testimonial(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            TestimonialInput {
                case_id: parse("caseId", &input.case_id)?,
                participant_id: parse("participantId", &input.participant_id)?,
                text: input.text,
                consent_to_use: input.consent_to_use,
            },
        )
        .await?;
        Ok(TestimonialPayload {
            testimonial: Testimonial(row),
        })
    }

    /// The participant no longer agrees to their testimonial being used.
    async fn withdraw_testimonial_consent(
        &self,
        ctx: &Context<'_>,
        testimonial_id: ID,
    ) -> Result<TestimonialPayload> {
        let s = server(ctx);
        let row = service::withdraw_testimonial_consent(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("testimonialId", &testimonial_id)?,
        )
        .await?;
        Ok(TestimonialPayload {
            testimonial: Testimonial(row),
        })
    }
}
