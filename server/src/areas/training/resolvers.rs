//! The training slice's queries and mutations: extract, call the service, map.

use super::graphql::*;
use async_graphql::{Context, ID, Object, Result};

use super::model;
use super::service::{self, AccreditationInput, ApplicantInput, SessionInput, SupervisionInput};
use crate::access::facilitators;
use crate::error::AppError;
use crate::graphql::context::{actor, server};
use crate::graphql::ids::{parse, to_id};

#[derive(Default)]
pub struct TrainingQuery;

#[Object]
impl TrainingQuery {
    /// Courses with their sessions (trainers, co-ordinator).
    async fn courses(&self, ctx: &Context<'_>) -> Result<Vec<Course>> {
        Ok(service::courses(&server(ctx).db, actor(ctx)?)
            .await?
            .into_iter()
            .map(Course)
            .collect())
    }
    /// A facilitator's record (themselves, co-ordinator, supervisors, trainers).
    async fn facilitator_record(
        &self,
        ctx: &Context<'_>,
        user_id: ID,
    ) -> Result<FacilitatorRecord> {
        let id = parse("userId", &user_id)?;
        facilitators::may_see_record(actor(ctx)?, id)?;
        Ok(FacilitatorRecord { user_id: id })
    }
    /// The signed-in user's own record.
    async fn my_record(&self, ctx: &Context<'_>) -> Result<FacilitatorRecord> {
        Ok(FacilitatorRecord {
            user_id: actor(ctx)?.user_id,
        })
    }
    /// The volunteer bank against its minimums for a year (co-ordinator, supervisors).
    async fn volunteer_compliance(
        &self,
        ctx: &Context<'_>,
        year: i32,
    ) -> Result<VolunteerCompliance> {
        let s = server(ctx);
        let c = service::compliance(&s.db, actor(ctx)?, year, s.clock.now()).await?;
        let active = c.volunteers.len() as i64;
        Ok(VolunteerCompliance {
            year: c.year,
            active_volunteers: active,
            minimum_volunteers: c.minimum_volunteers,
            below_minimum: active < c.minimum_volunteers,
            languages_covered: c.languages,
            cultural_knowledge: c.cultural_knowledge,
            volunteers: c
                .volunteers
                .into_iter()
                .map(|v| VolunteerActivity {
                    user_id: to_id(v.user_id),
                    name: v.name,
                    languages: v.languages,
                    conferences: v.conferences,
                    target: model::CONFERENCES_PER_YEAR,
                    expected_by_now: v.expected_by_now,
                    behind: v.conferences < v.expected_by_now,
                })
                .collect(),
        })
    }
    /// Volunteer applicants, optionally at some stages (co-ordinator).
    async fn applicants(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] stages: Vec<ApplicantStage>,
    ) -> Result<Vec<Applicant>> {
        let stages: Vec<model::ApplicantStage> = stages.into_iter().map(Into::into).collect();
        Ok(service::applicants(&server(ctx).db, actor(ctx)?, &stages)
            .await?
            .into_iter()
            .map(Applicant)
            .collect())
    }
}

#[derive(Default)]
pub struct TrainingMutation;

#[Object]
impl TrainingMutation {
    async fn create_course(
        &self,
        ctx: &Context<'_>,
        input: CreateCourseInput,
    ) -> Result<CoursePayload> {
        let s = server(ctx);
        let c = service::create_course(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            input.kind.into(),
            input.title.as_deref(),
            input.description.as_deref(),
        )
        .await?;
        Ok(CoursePayload { course: Course(c) })
    }

    async fn schedule_course_session(
        &self,
        ctx: &Context<'_>,
        input: ScheduleCourseSessionInput,
    ) -> Result<CourseSessionPayload> {
        let s = server(ctx);
        let attendees = input
            .attendee_ids
            .iter()
            .map(|a| parse("attendeeIds", a))
            .collect::<Result<Vec<_>, _>>()?;
        let row = service::schedule_session(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("courseId", &input.course_id)?,
            SessionInput {
                starts_at: input.starts_at,
                ends_at: input.ends_at,
                venue: &input.venue,
                trainer_id: input
                    .trainer_id
                    .as_ref()
                    .map(|t| parse("trainerId", t))
                    .transpose()?,
                attendees,
            },
        )
        .await?;
        Ok(CourseSessionPayload {
            session: CourseSession(row),
        })
    }

    /// Present or absent; setting the same answer again changes nothing (safe to replay).
    async fn record_attendance(
        &self,
        ctx: &Context<'_>,
        input: RecordAttendanceInput,
    ) -> Result<AttendancePayload> {
        let s = server(ctx);
        let session_id = parse("sessionId", &input.session_id)?;
        service::record_attendance(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            session_id,
            parse("userId", &input.user_id)?,
            input.attended,
        )
        .await?;
        let session =
            <crate::entities::course_session::Entity as sea_orm::EntityTrait>::find_by_id(
                session_id,
            )
            .one(&s.db)
            .await?
            .ok_or(AppError::NotFound("The session"))?;
        Ok(AttendancePayload {
            session: CourseSession(session),
        })
    }

    /// Only a trainer with a current trainer accreditation from an accredited organisation, or
    /// the co-ordinator recording an external award (R-TR-2).
    async fn record_accreditation(
        &self,
        ctx: &Context<'_>,
        input: RecordAccreditationInput,
    ) -> Result<AccreditationPayload> {
        let s = server(ctx);
        let row = service::record_accreditation(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            AccreditationInput {
                user_id: parse("facilitatorId", &input.facilitator_id)?,
                level: input.level.into(),
                awarding_body: &input.awarding_body,
                awarded_on: input.awarded_on,
                expires_on: input.expires_on,
                evidence: input.evidence.as_deref(),
            },
        )
        .await?;
        Ok(AccreditationPayload {
            accreditation: Accreditation(row),
        })
    }

    /// A case supervisor records a supervision session (R-TR-4).
    async fn record_supervision(
        &self,
        ctx: &Context<'_>,
        input: RecordSupervisionInput,
    ) -> Result<SupervisionPayload> {
        let s = server(ctx);
        let row = service::record_supervision(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            SupervisionInput {
                facilitator_id: parse("facilitatorId", &input.facilitator_id)?,
                held_on: input.held_on,
                kind: input.kind.into(),
                notes: input.notes.as_deref(),
                actions: input.actions.as_deref(),
            },
        )
        .await?;
        Ok(SupervisionPayload {
            supervision: Supervision {
                row,
                show_notes: true,
            },
        })
    }

    async fn set_development_plan(
        &self,
        ctx: &Context<'_>,
        input: SetDevelopmentPlanInput,
    ) -> Result<DevelopmentPlanPayload> {
        let s = server(ctx);
        let row = service::set_development_plan(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("facilitatorId", &input.facilitator_id)?,
            &input.plan,
        )
        .await?;
        Ok(DevelopmentPlanPayload { plan: row.plan })
    }

    async fn create_applicant(
        &self,
        ctx: &Context<'_>,
        input: CreateApplicantInput,
    ) -> Result<ApplicantPayload> {
        let s = server(ctx);
        let row = service::create_applicant(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            ApplicantInput {
                full_name: &input.full_name,
                email: input.email.as_deref(),
                phone: input.phone.as_deref(),
                area: input.area.as_deref(),
                languages: &input.languages,
                cultural_knowledge: input.cultural_knowledge.as_deref(),
            },
        )
        .await?;
        Ok(ApplicantPayload {
            applicant: Applicant(row),
        })
    }

    /// Moves an applicant on (R-TR-5). Becoming ACTIVE invites them to RJ Hub as a volunteer
    /// facilitator.
    async fn advance_applicant(
        &self,
        ctx: &Context<'_>,
        input: AdvanceApplicantInput,
    ) -> Result<ApplicantPayload> {
        let s = server(ctx);
        let a = actor(ctx)?;
        let id = parse("applicantId", &input.applicant_id)?;
        let public_url = s.config.public_url();
        let invite = crate::areas::accounts::service::InviteContext {
            public_url: &public_url,
            invitation_days: s.config.invitation_days,
        };
        let row = service::advance_applicant(
            &s.db,
            s.clock.now(),
            a,
            &invite,
            id,
            input.to.into(),
            input.note.as_deref(),
        )
        .await?;
        s.outbox_wake.notify_one();
        Ok(ApplicantPayload {
            applicant: Applicant(row),
        })
    }
}
