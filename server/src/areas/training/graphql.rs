//! The training slice of the graph.

use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};

use super::model;
use super::service::{self};
use crate::access::facilitators;
use crate::entities::{accreditation, applicant, course, course_session, supervision_session};
use crate::error::AppError;
use crate::graphql::context::{actor, server};
use crate::graphql::ids::to_id;

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::CourseKind")]
pub enum CourseKind {
    AwarenessFoundation,
    Practitioner,
    RecruitSession,
    Refresher,
    Custom,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::AccreditationLevel")]
pub enum AccreditationLevel {
    Awareness,
    Practitioner,
    Trainer,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::AttendanceStatus")]
pub enum AttendanceStatus {
    Booked,
    Attended,
    Absent,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::SupervisionKind")]
pub enum SupervisionKind {
    OneToOne,
    Group,
    ObservedPractice,
    CaseReview,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::ApplicantStage")]
pub enum ApplicantStage {
    Enquiry,
    Application,
    RoleProfileSent,
    Vetting,
    Training,
    Active,
    Withdrawn,
    Declined,
}

fn stored<T: std::str::FromStr<Err = AppError>>(s: &str) -> Result<T> {
    Ok(s.parse::<T>()?)
}

pub struct Course(pub(super) course::Model);

#[Object]
impl Course {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn kind(&self) -> Result<CourseKind> {
        Ok(stored::<model::CourseKind>(&self.0.kind)?.into())
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    async fn sessions(&self, ctx: &Context<'_>) -> Result<Vec<CourseSession>> {
        Ok(service::sessions_of(&server(ctx).db, self.0.id)
            .await?
            .into_iter()
            .map(CourseSession)
            .collect())
    }
}

pub struct CourseSession(pub(super) course_session::Model);

#[Object]
impl CourseSession {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn starts_at(&self) -> DateTime<Utc> {
        self.0.starts_at
    }
    async fn ends_at(&self) -> DateTime<Utc> {
        self.0.ends_at
    }
    async fn venue(&self) -> &str {
        &self.0.venue
    }
    async fn trainer_name(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        Ok(crate::graphql::loaders::user_name(ctx, self.0.trainer_id).await?)
    }
    async fn attendees(&self, ctx: &Context<'_>) -> Result<Vec<Attendee>> {
        Ok(service::attendees_of(&server(ctx).db, self.0.id)
            .await?
            .into_iter()
            .map(|(a, name)| Attendee {
                user_id: to_id(a.user_id),
                name,
                status: a
                    .status
                    .parse::<model::AttendanceStatus>()
                    .map(Into::into)
                    .unwrap_or(AttendanceStatus::Booked),
                recorded_at: a.recorded_at,
            })
            .collect())
    }
}

#[derive(SimpleObject)]
pub struct Attendee {
    pub user_id: ID,
    pub name: String,
    pub status: AttendanceStatus,
    pub recorded_at: Option<DateTime<Utc>>,
}

/// One session of someone's own training.
#[derive(SimpleObject)]
pub struct TrainingRecord {
    pub session_id: ID,
    pub course_title: String,
    pub course_kind: CourseKind,
    pub starts_at: DateTime<Utc>,
    pub venue: String,
    pub status: AttendanceStatus,
}

pub struct Accreditation(pub(super) accreditation::Model);

#[Object]
impl Accreditation {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn level(&self) -> Result<AccreditationLevel> {
        Ok(stored::<model::AccreditationLevel>(&self.0.level)?.into())
    }
    /// A code from the `ACCREDITING_BODY` list.
    async fn awarding_body(&self) -> &str {
        &self.0.awarding_body
    }
    async fn awarded_on(&self) -> NaiveDate {
        self.0.awarded_on
    }
    async fn expires_on(&self) -> NaiveDate {
        self.0.expires_on
    }
    async fn evidence(&self) -> Option<&str> {
        self.0.evidence.as_deref()
    }
    /// Current today (awarded and not expired).
    async fn current(&self, ctx: &Context<'_>) -> bool {
        let today = crate::kernel::today(server(ctx).clock.now());
        self.0.awarded_on <= today && today <= self.0.expires_on
    }
}

pub struct Supervision {
    pub(super) row: supervision_session::Model,
    pub(super) show_notes: bool,
}

#[Object]
impl Supervision {
    async fn id(&self) -> ID {
        to_id(self.row.id)
    }
    async fn held_on(&self) -> NaiveDate {
        self.row.held_on
    }
    async fn kind(&self) -> Result<SupervisionKind> {
        Ok(stored::<model::SupervisionKind>(&self.row.kind)?.into())
    }
    async fn supervisor_name(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        Ok(crate::graphql::loaders::user_name(ctx, Some(self.row.supervisor_id)).await?)
    }
    /// Private: the supervisor who wrote them, the facilitator and the co-ordinator.
    async fn notes(&self) -> Option<&str> {
        self.show_notes
            .then_some(self.row.notes.as_deref())
            .flatten()
    }
    async fn actions(&self) -> Option<&str> {
        self.show_notes
            .then_some(self.row.actions.as_deref())
            .flatten()
    }
}

/// A facilitator's training, accreditation and supervision record.
pub struct FacilitatorRecord {
    pub(super) user_id: uuid::Uuid,
}

#[Object]
impl FacilitatorRecord {
    async fn user_id(&self) -> ID {
        to_id(self.user_id)
    }
    async fn name(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        Ok(crate::graphql::loaders::user_name(ctx, Some(self.user_id)).await?)
    }
    async fn accreditations(&self, ctx: &Context<'_>) -> Result<Vec<Accreditation>> {
        Ok(
            service::accreditations_of(&server(ctx).db, actor(ctx)?, self.user_id)
                .await?
                .into_iter()
                .map(Accreditation)
                .collect(),
        )
    }
    /// The RJC practice standards today, each in words (R-ST-1).
    async fn standards(
        &self,
        ctx: &Context<'_>,
    ) -> Result<super::practice_types::PracticeStandards> {
        let s = server(ctx);
        let now = s.clock.now();
        let st = super::practice::standards_of(&s.db, actor(ctx)?, self.user_id, now).await?;
        Ok(super::practice_types::standards_view(
            st,
            crate::kernel::today(now),
        ))
    }
    /// The CPD log, newest first.
    async fn cpd_log(&self, ctx: &Context<'_>) -> Result<Vec<super::practice_types::CpdEntry>> {
        Ok(
            super::practice::cpd_log(&server(ctx).db, actor(ctx)?, self.user_id)
                .await?
                .into_iter()
                .map(super::practice_types::CpdEntry)
                .collect(),
        )
    }
    /// Whether they can be allocated today: a current practitioner or trainer accreditation.
    async fn eligible_for_allocation(&self, ctx: &Context<'_>) -> Result<bool> {
        let s = server(ctx);
        facilitators::may_see_record(actor(ctx)?, self.user_id)?;
        Ok(service::accredited_to_facilitate(
            &s.db,
            self.user_id,
            crate::kernel::today(s.clock.now()),
        )
        .await?)
    }
    async fn training(&self, ctx: &Context<'_>) -> Result<Vec<TrainingRecord>> {
        let rows = service::training_of(&server(ctx).db, actor(ctx)?, self.user_id).await?;
        Ok(rows
            .into_iter()
            .map(|(a, s, c)| TrainingRecord {
                session_id: to_id(s.id),
                course_title: c.title,
                course_kind: c
                    .kind
                    .parse::<model::CourseKind>()
                    .map(Into::into)
                    .unwrap_or(CourseKind::Custom),
                starts_at: s.starts_at,
                venue: s.venue,
                status: a
                    .status
                    .parse::<model::AttendanceStatus>()
                    .map(Into::into)
                    .unwrap_or(AttendanceStatus::Booked),
            })
            .collect())
    }
    async fn supervision(&self, ctx: &Context<'_>) -> Result<Vec<Supervision>> {
        let a = actor(ctx)?;
        Ok(service::supervision_of(&server(ctx).db, a, self.user_id)
            .await?
            .into_iter()
            .map(|row| Supervision {
                show_notes: facilitators::may_read_notes(a, row.facilitator_id, row.supervisor_id),
                row,
            })
            .collect())
    }
    async fn development_plan(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        Ok(
            service::development_plan_of(&server(ctx).db, actor(ctx)?, self.user_id)
                .await?
                .map(|p| p.plan),
        )
    }
}

pub struct Applicant(pub(super) applicant::Model);

#[Object]
impl Applicant {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn full_name(&self) -> &str {
        &self.0.full_name
    }
    async fn email(&self) -> Option<&str> {
        self.0.email.as_deref()
    }
    async fn phone(&self) -> Option<&str> {
        self.0.phone.as_deref()
    }
    async fn area(&self) -> Option<&str> {
        self.0.area.as_deref()
    }
    async fn languages(&self) -> Vec<String> {
        crate::areas::allocation::model::language_codes(self.0.languages.as_deref())
    }
    async fn cultural_knowledge(&self) -> Option<&str> {
        self.0.cultural_knowledge.as_deref()
    }
    async fn stage(&self) -> Result<ApplicantStage> {
        Ok(stored::<model::ApplicantStage>(&self.0.stage)?.into())
    }
    async fn user_id(&self) -> Option<ID> {
        self.0.user_id.map(to_id)
    }
    async fn history(&self, ctx: &Context<'_>) -> Result<Vec<ApplicantEvent>> {
        Ok(service::applicant_history(&server(ctx).db, self.0.id)
            .await?
            .into_iter()
            .map(|e| ApplicantEvent {
                from: e
                    .from_stage
                    .and_then(|s| s.parse::<model::ApplicantStage>().ok())
                    .map(Into::into),
                to: e
                    .to_stage
                    .parse::<model::ApplicantStage>()
                    .map(Into::into)
                    .unwrap_or(ApplicantStage::Enquiry),
                at: e.at,
                note: e.note,
            })
            .collect())
    }
}

#[derive(SimpleObject)]
pub struct ApplicantEvent {
    pub from: Option<ApplicantStage>,
    pub to: ApplicantStage,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
}

#[derive(SimpleObject)]
pub struct VolunteerActivity {
    pub user_id: ID,
    pub name: String,
    pub languages: Vec<String>,
    /// Cases they facilitated that reached the restorative intervention this year.
    pub conferences: i64,
    pub target: i64,
    /// Where they should be by now to reach the target in the year.
    pub expected_by_now: i64,
    pub behind: bool,
}

#[derive(SimpleObject)]
pub struct VolunteerCompliance {
    pub year: i32,
    pub active_volunteers: i64,
    pub minimum_volunteers: i64,
    pub below_minimum: bool,
    pub languages_covered: Vec<String>,
    pub cultural_knowledge: Vec<String>,
    pub volunteers: Vec<VolunteerActivity>,
}

#[derive(InputObject)]
pub struct CreateCourseInput {
    pub kind: CourseKind,
    /// Defaults to the standard title for the kind (required for CUSTOM).
    pub title: Option<String>,
    pub description: Option<String>,
}

#[derive(InputObject)]
pub struct ScheduleCourseSessionInput {
    pub course_id: ID,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub venue: String,
    /// Defaults to the trainer scheduling it.
    pub trainer_id: Option<ID>,
    #[graphql(default)]
    pub attendee_ids: Vec<ID>,
}

#[derive(InputObject)]
pub struct RecordAttendanceInput {
    pub session_id: ID,
    pub user_id: ID,
    pub attended: bool,
}

#[derive(InputObject)]
pub struct RecordAccreditationInput {
    pub facilitator_id: ID,
    pub level: AccreditationLevel,
    /// A code from the `ACCREDITING_BODY` list.
    pub awarding_body: String,
    pub awarded_on: NaiveDate,
    /// Defaults to two years after the award.
    pub expires_on: Option<NaiveDate>,
    pub evidence: Option<String>,
}

#[derive(InputObject)]
pub struct RecordSupervisionInput {
    pub facilitator_id: ID,
    pub held_on: NaiveDate,
    pub kind: SupervisionKind,
    pub notes: Option<String>,
    pub actions: Option<String>,
}

#[derive(InputObject)]
pub struct SetDevelopmentPlanInput {
    pub facilitator_id: ID,
    pub plan: String,
}

#[derive(InputObject)]
pub struct CreateApplicantInput {
    pub full_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub area: Option<String>,
    #[graphql(default)]
    pub languages: Vec<String>,
    pub cultural_knowledge: Option<String>,
}

#[derive(InputObject)]
pub struct AdvanceApplicantInput {
    pub applicant_id: ID,
    pub to: ApplicantStage,
    pub note: Option<String>,
}

#[derive(SimpleObject)]
pub struct CoursePayload {
    pub course: Course,
}
#[derive(SimpleObject)]
pub struct CourseSessionPayload {
    pub session: CourseSession,
}
#[derive(SimpleObject)]
pub struct AttendancePayload {
    pub session: CourseSession,
}
#[derive(SimpleObject)]
pub struct AccreditationPayload {
    pub accreditation: Accreditation,
}
#[derive(SimpleObject)]
pub struct SupervisionPayload {
    pub supervision: Supervision,
}
#[derive(SimpleObject)]
pub struct DevelopmentPlanPayload {
    pub plan: String,
}
#[derive(SimpleObject)]
pub struct ApplicantPayload {
    pub applicant: Applicant,
}

pub use super::resolvers::{TrainingMutation, TrainingQuery};
