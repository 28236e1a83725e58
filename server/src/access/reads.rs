//! The reads a request made, noted as the access layer hands out what may be read and kept until
//! the request's answer is about to leave (see `audit::AuditSink`).

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use sea_orm::Set;
use uuid::Uuid;

use super::purpose::Purpose;
use crate::entities::audit_log;

/// The columns of one audit row.
pub(super) struct Row<'a> {
    pub at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<String>,
    pub purpose: Purpose,
    pub justification: Option<String>,
    pub detail: Option<serde_json::Value>,
}

pub(super) fn row(r: Row<'_>) -> audit_log::ActiveModel {
    audit_log::ActiveModel {
        id: Set(Uuid::now_v7()),
        at: Set(r.at),
        actor_id: Set(r.actor_id),
        action: Set(r.action.to_string()),
        entity: Set(r.entity.to_string()),
        entity_id: Set(r.entity_id),
        purpose: Set(Some(r.purpose.as_str().into())),
        justification: Set(r.justification),
        detail: Set(r.detail),
    }
}

/// One record handed to a reader.
pub struct Read<'a> {
    /// `view`, or `disclose` for what goes to a partner agency.
    pub action: &'static str,
    pub entity: &'static str,
    pub id: Uuid,
    pub purpose: Purpose,
    pub justification: Option<&'a str>,
    /// What of it: `full`, `offender_side`, `summary` …
    pub extent: &'static str,
    /// The operation that returned it (`case`, `myCases`, `people` …).
    pub via: &'static str,
}

/// One read noted, kept as its parts until the sink writes it (see [`Noted::key`]).
#[derive(Clone, Debug)]
pub struct Noted {
    pub at: DateTime<Utc>,
    pub actor: Uuid,
    pub action: &'static str,
    pub entity: &'static str,
    pub id: Uuid,
    pub purpose: Purpose,
    pub justification: Option<String>,
    pub extent: &'static str,
    pub via: &'static str,
}

/// What makes two reads the same entry of the log: the same person reading the same record
/// the same way, for the same reason, through the same operation, within the same minute.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ReadKey {
    pub minute: i64,
    actor: Uuid,
    action: &'static str,
    entity: &'static str,
    id: Uuid,
    purpose: &'static str,
    extent: &'static str,
    via: &'static str,
}

impl Noted {
    /// The entry this read is one of, or `None` when it must always be written on its own: a
    /// read with a justification typed by a person is evidence of that decision each time.
    pub fn key(&self) -> Option<ReadKey> {
        if self.justification.is_some() {
            return None;
        }
        Some(ReadKey {
            minute: self.at.timestamp().div_euclid(60),
            actor: self.actor,
            action: self.action,
            entity: self.entity,
            id: self.id,
            purpose: self.purpose.as_str(),
            extent: self.extent,
            via: self.via,
        })
    }

    pub fn into_row(self) -> audit_log::ActiveModel {
        row(Row {
            at: self.at,
            actor_id: Some(self.actor),
            action: self.action,
            entity: self.entity,
            entity_id: Some(self.id.to_string()),
            purpose: self.purpose,
            justification: self.justification,
            detail: Some(serde_json::json!({"extent": self.extent, "via": self.via})),
        })
    }
}

/// The reads made while answering one request, waiting for the sink.
#[derive(Clone, Default)]
pub struct ReadLog(Arc<Mutex<Vec<Noted>>>);

impl std::fmt::Debug for ReadLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ReadLog({} rows)", self.lock().len())
    }
}

impl ReadLog {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Noted>> {
        // A poisoned lock still holds whole rows: keep them rather than lose an audit entry.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn note(&self, now: DateTime<Utc>, actor: Uuid, read: Read<'_>) {
        self.lock().push(Noted {
            at: now,
            actor,
            action: read.action,
            entity: read.entity,
            id: read.id,
            purpose: read.purpose,
            justification: read.justification.map(str::to_string),
            extent: read.extent,
            via: read.via,
        });
    }

    pub fn take(&self) -> Vec<Noted> {
        std::mem::take(&mut *self.lock())
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
