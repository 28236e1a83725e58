//! The practice standards' types in the graph (R-ST-1): each practitioner's standards in words,
//! their CPD year and log. Shown on `FacilitatorRecord`; changed by `practice_graphql`.

use async_graphql::{Enum, ID, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};

use super::standards;
use crate::entities::cpd_entry;
use crate::graphql::ids::to_id;

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

pub fn standards_view(s: standards::Standards, today: NaiveDate) -> PracticeStandards {
    PracticeStandards {
        level: s.level.into(),
        level_recorded: s.level_recorded,
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
