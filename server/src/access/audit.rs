//! The append-only audit log (R-DP-4, R-ST-5): who read or changed which record, when, and why.
//! Rows point at records by id and never copy personal data.
//!
//! Changes are written in the transaction of the change. Reads are noted on the request's
//! [`ReadLog`] by the access layer as it hands out what may be read, and the request's answer
//! waits until the [`AuditSink`] has committed them: rows of concurrent requests are written in
//! one transaction (group commit), so auditing every read costs a share of one commit rather
//! than a commit per request, and no answered request loses its rows to a crash.
//!
//! A read is one entry per person, record, way of reading, purpose, operation and minute: once
//! such an entry is durable, the same read again within that minute is already on the log and
//! writes nothing (a phone refreshing its list of fifty cases writes fifty rows a minute, not
//! fifty a request). A read with a typed justification is always written on its own.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

use super::actor::Actor;
pub use super::purpose::Purpose;
pub use super::reads::{Read, ReadLog};
use super::reads::{ReadKey, Row, row};
use crate::entities::audit_log;
use crate::error::{AppError, AppResult};

pub struct Entry<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<String>,
    pub purpose: Option<Purpose>,
    /// Typed by a person: why they needed this (a read outside their relationship, an erasure).
    pub justification: Option<String>,
    pub detail: Option<serde_json::Value>,
}

impl<'a> Entry<'a> {
    pub fn new(action: &'a str, entity: &'a str, entity_id: impl ToString) -> Self {
        Self {
            action,
            entity,
            entity_id: Some(entity_id.to_string()),
            purpose: None,
            justification: None,
            detail: None,
        }
    }

    /// An entry about no single record (a sign-in, a search).
    pub fn about(action: &'a str, entity: &'a str) -> Self {
        Self {
            entity_id: None,
            ..Self::new(action, entity, "")
        }
    }

    pub fn detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = Some(detail);
        self
    }

    pub fn purpose(mut self, purpose: Purpose) -> Self {
        self.purpose = Some(purpose);
        self
    }

    pub fn justification(mut self, text: impl Into<String>) -> Self {
        self.justification = Some(text.into());
        self
    }

    fn row(self, now: DateTime<Utc>, actor_id: Option<Uuid>) -> audit_log::ActiveModel {
        row(Row {
            at: now,
            actor_id,
            action: self.action,
            entity: self.entity,
            entity_id: self.entity_id,
            purpose: self.purpose.unwrap_or(Purpose::Service),
            justification: self.justification,
            detail: self.detail,
        })
    }
}

/// Writes an entry in the caller's transaction; `actor_id` is `None` for the service itself.
pub async fn record(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor_id: Option<Uuid>,
    entry: Entry<'_>,
) -> AppResult<()> {
    entry.row(now, actor_id).insert(conn).await?;
    Ok(())
}

/// Writes an actor's entry; without a purpose of its own it takes the actor's standing purpose.
pub async fn record_by(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    mut entry: Entry<'_>,
) -> AppResult<()> {
    entry.purpose.get_or_insert(actor.standing_purpose());
    record(conn, now, Some(actor.user_id), entry).await
}

/// Notes a read that no case view covers (a search result, a person's own words).
pub fn note_read(actor: &Actor, now: DateTime<Utc>, read: Read<'_>) {
    actor.reads().note(now, actor.user_id, read);
}

struct Batch {
    rows: Vec<audit_log::ActiveModel>,
    done: oneshot::Sender<Result<(), String>>,
}

/// Group commit of read rows: one task writes whatever requests have handed it since its last
/// commit in one transaction, then answers them all.
#[derive(Clone)]
pub struct AuditSink {
    tx: mpsc::Sender<Batch>,
    /// Entries already durable this minute (and the last), which a read again needn't repeat.
    durable: std::sync::Arc<std::sync::Mutex<HashSet<ReadKey>>>,
}

/// Entries remembered as durable at most before those of past minutes are let go.
const MAX_DURABLE_KEYS: usize = 200_000;

/// Rows written in one transaction at most; more wait for the next.
const MAX_ROWS_PER_COMMIT: usize = 5_000;
/// Rows in one INSERT statement (SQLite's variable limit is far above 9 × this).
const ROWS_PER_STATEMENT: usize = 200;

impl AuditSink {
    pub fn start(db: DatabaseConnection) -> Self {
        let (tx, rx) = mpsc::channel(4_096);
        tokio::spawn(run(db, rx));
        Self {
            tx,
            durable: Default::default(),
        }
    }

    fn durable(&self) -> std::sync::MutexGuard<'_, HashSet<ReadKey>> {
        // Only a memory of what is already written: after a panic, forget it and write again.
        self.durable.lock().unwrap_or_else(|e| {
            let mut g = e.into_inner();
            g.clear();
            g
        })
    }

    /// Commits the request's reads; returns once they are durable (or were already).
    pub async fn commit(&self, log: &ReadLog) -> AppResult<()> {
        let noted = log.take();
        if noted.is_empty() {
            return Ok(());
        }
        let mut keys = Vec::new();
        let mut rows = Vec::new();
        {
            let durable = self.durable();
            let mut seen = HashSet::new();
            for n in noted {
                match n.key() {
                    Some(k) if durable.contains(&k) || !seen.insert(k.clone()) => {}
                    Some(k) => {
                        keys.push(k);
                        rows.push(n.into_row());
                    }
                    None => rows.push(n.into_row()),
                }
            }
        }
        if rows.is_empty() {
            return Ok(());
        }
        self.send(rows).await?;
        let mut durable = self.durable();
        if durable.len() + keys.len() > MAX_DURABLE_KEYS {
            let newest = keys.iter().map(|k| k.minute).max().unwrap_or_default();
            durable.retain(|k| k.minute >= newest - 1);
            if durable.len() + keys.len() > MAX_DURABLE_KEYS {
                durable.clear();
            }
        }
        durable.extend(keys);
        Ok(())
    }

    async fn send(&self, rows: Vec<audit_log::ActiveModel>) -> AppResult<()> {
        let (done, answer) = oneshot::channel();
        self.tx
            .send(Batch { rows, done })
            .await
            .map_err(|_| AppError::internal("the audit writer has stopped"))?;
        answer
            .await
            .map_err(|_| AppError::internal("the audit writer has stopped"))?
            .map_err(AppError::internal)
    }
}

async fn run(db: DatabaseConnection, mut rx: mpsc::Receiver<Batch>) {
    while let Some(first) = rx.recv().await {
        let mut n = first.rows.len();
        let mut batches = vec![first];
        while n < MAX_ROWS_PER_COMMIT {
            match rx.try_recv() {
                Ok(b) => {
                    n += b.rows.len();
                    batches.push(b);
                }
                Err(_) => break,
            }
        }
        let rows: Vec<_> = batches
            .iter_mut()
            .flat_map(|b| std::mem::take(&mut b.rows))
            .collect();
        let result = write(&db, rows).await.map_err(|e| {
            tracing::error!(error = ?e, "writing read audit rows failed");
            e.to_string()
        });
        for b in batches {
            let _ = b.done.send(result.clone());
        }
    }
}

async fn write(
    db: &DatabaseConnection,
    rows: Vec<audit_log::ActiveModel>,
) -> Result<(), sea_orm::DbErr> {
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(ROWS_PER_STATEMENT).collect();
        audit_log::Entity::insert_many(chunk).exec(&txn).await?;
    }
    txn.commit().await
}
