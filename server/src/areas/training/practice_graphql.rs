//! The practice standards in the graph (R-ST-1): each practitioner's standards in words, their
//! CPD year and log, and the mutations to log CPD and record a practice level.

use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};

use super::graphql::FacilitatorRecord;
use super::practice::{self, CpdInput};
use super::standards;
use crate::entities::cpd_entry;
use crate::graphql::context::{actor, server};
use crate::graphql::ids::{parse, to_id};

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "standards::PracticeLevel")]
pub enum PracticeLevel {
    Foundation,
    Intermediate,
    Advanced,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "standards::StandardKind")]
pub enum StandardKind {
    Accreditation,
    Supervision,
    ObservedPractice,
    Cpd,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "standards::StandardStatus")]
pub enum StandardStatus {
    Met,
    DueSoon,
    Overdue,
}

/// One RJC standard for one practitioner.
#[derive(SimpleObject)]
pub struct PracticeStandard {
    pub kind: StandardKind,
    pub status: StandardStatus,
    /// When it falls (or fell) due.
    pub due_on: Option<NaiveDate>,
    pub days_overdue: i64,
    /// Where it stands, in words: "supervision overdue by 9 days".
    pub words: String,
}

/// The CPD year (from the anniversary of the first accreditation) and what is logged in it.
#[derive(SimpleObject)]
pub struct CpdYear {
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub hours: f64,
    pub approved_hours: f64,
    /// 6, 12 or 16 by level; at least half of them RJC-approved.
    pub required_hours: f64,
    pub met: bool,
}

/// The standards as the graph shows them.
#[derive(SimpleObject)]
pub struct PracticeStandards {
    pub level: PracticeLevel,
    /// Whether the level was recorded (otherwise foundation is assumed).
    pub level_recorded: bool,
    pub items: Vec<PracticeStandard>,
    pub cpd_year: Option<CpdYear>,
}

pub fn standards_view(
    s: standards::Standards,
    level_recorded: bool,
    today: NaiveDate,
) -> PracticeStandards {
    PracticeStandards {
        level: s.level.into(),
        level_recorded,
        items: s
            .items
            .iter()
            .map(|i| PracticeStandard {
                kind: i.kind.into(),
                status: i.status.into(),
                due_on: i.due_on,
                days_overdue: i.days_overdue(today),
                words: i.words.clone(),
            })
            .collect(),
        cpd_year: s.cpd_year.map(|y| CpdYear {
            met: y.met(),
            starts_on: y.starts_on,
            ends_on: y.ends_on,
            hours: y.minutes as f64 / 60.0,
            approved_hours: y.approved_minutes as f64 / 60.0,
            required_hours: y.required_minutes as f64 / 60.0,
        }),
    }
}

pub struct CpdEntry(pub cpd_entry::Model);

#[Object]
impl CpdEntry {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn done_on(&self) -> NaiveDate {
        self.0.done_on
    }
    async fn hours(&self) -> f64 {
        f64::from(self.0.minutes) / 60.0
    }
    async fn activity(&self) -> &str {
        &self.0.activity
    }
    async fn provider(&self) -> Option<&str> {
        self.0.provider.as_deref()
    }
    async fn rjc_approved(&self) -> bool {
        self.0.rjc_approved
    }
    async fn logged_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

#[derive(InputObject)]
pub struct LogCpdInput {
    pub done_on: NaiveDate,
    /// Hours, in quarter hours (1.5 is an hour and a half).
    pub hours: f64,
    /// What the activity was ("Refresher on shuttle RJ").
    pub activity: String,
    pub provider: Option<String>,
    /// Approved by the Restorative Justice Council (at least half the year's hours must be).
    #[graphql(default)]
    pub rjc_approved: bool,
}

#[derive(SimpleObject)]
pub struct CpdPayload {
    pub entry: CpdEntry,
    /// The practitioner's record, with the standards recounted.
    pub record: FacilitatorRecord,
}

#[derive(InputObject)]
pub struct RemoveCpdInput {
    pub id: ID,
}

#[derive(InputObject)]
pub struct SetPracticeLevelInput {
    pub user_id: ID,
    pub level: PracticeLevel,
}

#[derive(SimpleObject)]
pub struct PracticeRecordPayload {
    pub record: FacilitatorRecord,
}

#[derive(Default)]
pub struct PracticeMutation;

#[Object]
impl PracticeMutation {
    /// A practitioner logs CPD they have done (their own log only).
    async fn log_cpd(&self, ctx: &Context<'_>, input: LogCpdInput) -> Result<CpdPayload> {
        let s = server(ctx);
        let a = actor(ctx)?;
        let row = practice::log_cpd(
            &s.db,
            s.clock.now(),
            a,
            CpdInput {
                done_on: input.done_on,
                hours: input.hours,
                activity: &input.activity,
                provider: input.provider.as_deref(),
                rjc_approved: input.rjc_approved,
            },
        )
        .await?;
        Ok(CpdPayload {
            entry: CpdEntry(row),
            record: FacilitatorRecord { user_id: a.user_id },
        })
    }

    /// A practitioner removes an entry of their own CPD log.
    async fn remove_cpd(
        &self,
        ctx: &Context<'_>,
        input: RemoveCpdInput,
    ) -> Result<PracticeRecordPayload> {
        let s = server(ctx);
        let a = actor(ctx)?;
        practice::remove_cpd(&s.db, s.clock.now(), a, parse("id", &input.id)?).await?;
        Ok(PracticeRecordPayload {
            record: FacilitatorRecord { user_id: a.user_id },
        })
    }

    /// The co-ordinator or a qualified trainer records a practitioner's RJC level.
    async fn set_practice_level(
        &self,
        ctx: &Context<'_>,
        input: SetPracticeLevelInput,
    ) -> Result<PracticeRecordPayload> {
        let s = server(ctx);
        let id = parse("userId", &input.user_id)?;
        practice::set_practice_level(&s.db, s.clock.now(), actor(ctx)?, id, input.level.into())
            .await?;
        Ok(PracticeRecordPayload {
            record: FacilitatorRecord { user_id: id },
        })
    }
}
