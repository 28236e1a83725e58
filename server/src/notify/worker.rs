//! The outbox worker: claims due rows, delivers them, and reschedules failures with
//! exponential back-off. A row is claimed (`locked_until`) before delivery, so several server
//! instances on one PostgreSQL database never deliver the same row twice.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DbBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use tokio::sync::Notify;

use super::mail::Mailer;
use super::messages::{self, Update};
use super::push::{Outcome, PushMessage, Pusher};
use super::safe_contact::Decision;
use super::texts::{Text, TextError, Texter};
use super::{CHANNEL_CALENDAR, CHANNEL_EMAIL, CHANNEL_PUSH, CHANNEL_TEXT, CalendarEmail, Email};
use crate::clock::Clock;
use crate::entities::outbox;

const BATCH: u64 = 20;
const CLAIM_FOR: Duration = Duration::minutes(2);
const MAX_ATTEMPTS: i32 = 12;

pub struct Worker {
    pub db: DatabaseConnection,
    pub clock: Arc<dyn Clock>,
    pub mailer: Arc<Mailer>,
    pub pusher: Arc<Pusher>,
    pub texter: Arc<Texter>,
    pub wake: Arc<Notify>,
}

/// How one delivery went.
enum Delivery {
    Done {
        provider_ref: Option<String>,
    },
    /// Put off: held for a safe time, or not sent at all (already recorded).
    Settled,
    Retry(anyhow::Error),
    /// Will never go: give up now.
    GiveUp(String),
}

fn backoff(attempts: i32) -> Duration {
    // 30 s, 1 min, 2 min … capped at 1 hour.
    let secs = 30i64.saturating_mul(1i64 << attempts.clamp(0, 7));
    Duration::seconds(secs.min(3600))
}

impl Worker {
    /// Runs until `shutdown` resolves.
    pub async fn run(self, mut shutdown: tokio::sync::watch::Receiver<bool>) {
        loop {
            match self.deliver_due().await {
                Ok(n) if n > 0 => continue,
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "outbox pass failed"),
            }
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(StdDuration::from_secs(2)) => {}
                _ = shutdown.changed() => return,
            }
        }
    }

    /// Rows this instance may deliver now, claimed for `CLAIM_FOR`. On PostgreSQL one statement
    /// claims a batch with `FOR UPDATE SKIP LOCKED`, so instances sharing the database take
    /// different rows without waiting on each other. On SQLite (one server per database) each
    /// row is claimed by a conditional update.
    async fn claim(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<outbox::Model>, sea_orm::DbErr> {
        if self.db.get_database_backend() == DbBackend::Postgres {
            let sql = "UPDATE outbox SET locked_until = ? WHERE id IN (\
                       SELECT id FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= ? \
                       AND attempts < ? AND (locked_until IS NULL OR locked_until < ?) \
                       ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING *";
            let stmt = crate::db::statement(
                DbBackend::Postgres,
                sql,
                vec![
                    (now + CLAIM_FOR).into(),
                    now.into(),
                    MAX_ATTEMPTS.into(),
                    now.into(),
                    (BATCH as i64).into(),
                ],
            );
            return outbox::Entity::find()
                .from_raw_sql(stmt)
                .all(&self.db)
                .await;
        }
        let due = outbox::Entity::find()
            .filter(outbox::Column::DeliveredAt.is_null())
            .filter(outbox::Column::NextAttemptAt.lte(now))
            .filter(outbox::Column::Attempts.lt(MAX_ATTEMPTS))
            .filter(
                Condition::any()
                    .add(outbox::Column::LockedUntil.is_null())
                    .add(outbox::Column::LockedUntil.lt(now)),
            )
            .order_by_asc(outbox::Column::NextAttemptAt)
            .limit(BATCH)
            .all(&self.db)
            .await?;
        let mut claimed = Vec::with_capacity(due.len());
        for row in due {
            let claim = outbox::Entity::update_many()
                .col_expr(outbox::Column::LockedUntil, Expr::value(now + CLAIM_FOR))
                .filter(outbox::Column::Id.eq(row.id))
                .filter(outbox::Column::DeliveredAt.is_null())
                .filter(
                    Condition::any()
                        .add(outbox::Column::LockedUntil.is_null())
                        .add(outbox::Column::LockedUntil.lt(now)),
                )
                .exec(&self.db)
                .await?;
            if claim.rows_affected == 1 {
                claimed.push(row);
            }
        }
        Ok(claimed)
    }

    /// One pass: returns how many rows it delivered.
    pub async fn deliver_due(&self) -> Result<usize, sea_orm::DbErr> {
        let now = self.clock.now();
        let mut delivered = 0;
        for row in self.claim(now).await? {
            let result = self.attempt(&row).await;
            let now = self.clock.now();
            let update = outbox::Entity::update_many().filter(outbox::Column::Id.eq(row.id));
            let unlocked = Option::<chrono::DateTime<chrono::Utc>>::None;
            match result {
                Delivery::Done { provider_ref } => {
                    update
                        .col_expr(outbox::Column::DeliveredAt, Expr::value(now))
                        .col_expr(outbox::Column::Attempts, Expr::value(row.attempts + 1))
                        .col_expr(outbox::Column::LockedUntil, Expr::value(unlocked))
                        .exec(&self.db)
                        .await?;
                    self.record(&row, Update::Sent { provider_ref }).await;
                    delivered += 1;
                    tracing::info!(outbox_id = %row.id, channel = %row.channel, "delivered");
                }
                Delivery::Settled => {}
                Delivery::GiveUp(why) => {
                    update
                        .col_expr(outbox::Column::Attempts, Expr::value(MAX_ATTEMPTS))
                        .col_expr(outbox::Column::LastError, Expr::value(why.clone()))
                        .col_expr(outbox::Column::LockedUntil, Expr::value(unlocked))
                        .exec(&self.db)
                        .await?;
                    self.record(&row, Update::Failed(why)).await;
                    tracing::warn!(outbox_id = %row.id, channel = %row.channel, "delivery refused; given up");
                }
                Delivery::Retry(e) => {
                    let attempts = row.attempts + 1;
                    // The error text can echo an address: keep it out of the logs, store it short.
                    let text: String = e.to_string().chars().take(480).collect();
                    update
                        .col_expr(outbox::Column::Attempts, Expr::value(attempts))
                        .col_expr(
                            outbox::Column::NextAttemptAt,
                            Expr::value(now + backoff(attempts)),
                        )
                        .col_expr(outbox::Column::LastError, Expr::value(text))
                        .col_expr(outbox::Column::LockedUntil, Expr::value(unlocked))
                        .exec(&self.db)
                        .await?;
                    if attempts >= MAX_ATTEMPTS {
                        self.record(
                            &row,
                            Update::Failed(format!("Tried {attempts} times without success")),
                        )
                        .await;
                    }
                    tracing::warn!(outbox_id = %row.id, channel = %row.channel, attempts, "delivery failed; will retry");
                }
            }
        }
        Ok(delivered)
    }

    /// A message's timeline row follows its outbox row; a failure here is logged, never
    /// undoes the delivery.
    async fn record(&self, row: &outbox::Model, update: Update) {
        let Some(id) = row.message_id else {
            return;
        };
        if let Err(e) = messages::record(&self.db, self.clock.now(), id, update).await {
            tracing::warn!(outbox_id = %row.id, error = ?e, "could not record a message's fate");
        }
    }

    /// Asks the safe-contact profile again, then delivers.
    async fn attempt(&self, row: &outbox::Model) -> Delivery {
        if row.message_id.is_some() {
            let now = self.clock.now();
            match messages::recheck(&self.db, now, row).await {
                Ok(Decision::Send) => {}
                Ok(Decision::Hold(until)) => {
                    let held = outbox::Entity::update_many()
                        .col_expr(outbox::Column::NextAttemptAt, Expr::value(until))
                        .col_expr(
                            outbox::Column::LockedUntil,
                            Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
                        )
                        .filter(outbox::Column::Id.eq(row.id))
                        .exec(&self.db)
                        .await;
                    return match held {
                        Ok(_) => {
                            self.record(row, Update::Held(until)).await;
                            Delivery::Settled
                        }
                        Err(e) => Delivery::Retry(e.into()),
                    };
                }
                Ok(Decision::NotSent(why)) => {
                    return match messages::close_unsent(&self.db, now, row, &why).await {
                        Ok(()) => {
                            self.record(row, Update::NotSent(why)).await;
                            Delivery::Settled
                        }
                        Err(e) => Delivery::Retry(e.into()),
                    };
                }
                Err(e) => return Delivery::Retry(e.into()),
            }
        }
        if row.channel == CHANNEL_TEXT {
            let text: Text = match serde_json::from_value(row.payload.clone()) {
                Ok(t) => t,
                Err(e) => return Delivery::GiveUp(format!("unreadable text: {e}")),
            };
            let reference = row.message_id.unwrap_or(row.id).to_string();
            return match self.texter.send(&row.recipient, &text, &reference).await {
                Ok(id) => Delivery::Done {
                    provider_ref: Some(id),
                },
                Err(TextError::Retry(e)) => Delivery::Retry(anyhow::anyhow!(e)),
                Err(TextError::Refused(e)) => Delivery::GiveUp(e),
            };
        }
        match self.deliver(row).await {
            Ok(()) => Delivery::Done { provider_ref: None },
            Err(e) => Delivery::Retry(e),
        }
    }

    async fn deliver(&self, row: &outbox::Model) -> anyhow::Result<()> {
        match row.channel.as_str() {
            CHANNEL_EMAIL => {
                let email: Email = serde_json::from_value(row.payload.clone())?;
                self.mailer.send(&row.recipient, &email).await
            }
            CHANNEL_CALENDAR => {
                let email: CalendarEmail = serde_json::from_value(row.payload.clone())?;
                self.mailer.send_calendar(&row.recipient, &email).await
            }
            CHANNEL_PUSH => {
                use crate::entities::push_subscription;
                use sea_orm::{EntityTrait, sea_query::Expr};
                let msg: PushMessage = serde_json::from_value(row.payload.clone())?;
                let id: uuid::Uuid = row.recipient.parse()?;
                // Unsubscribed since it was queued: nothing left to send to.
                let Some(sub) = push_subscription::Entity::find_by_id(id)
                    .one(&self.db)
                    .await?
                else {
                    return Ok(());
                };
                match self
                    .pusher
                    .send(&sub.endpoint, &sub.p256dh, &sub.auth, &msg)
                    .await?
                {
                    Outcome::Delivered => {
                        push_subscription::Entity::update_many()
                            .col_expr(
                                push_subscription::Column::LastSuccessAt,
                                Expr::value(self.clock.now()),
                            )
                            .filter(push_subscription::Column::Id.eq(sub.id))
                            .exec(&self.db)
                            .await?;
                    }
                    Outcome::Gone => {
                        push_subscription::Entity::delete_by_id(sub.id)
                            .exec(&self.db)
                            .await?;
                        tracing::info!(outbox_id = %row.id, "push subscription gone; removed");
                    }
                }
                Ok(())
            }
            other => anyhow::bail!("unknown outbox channel {other}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff(1), Duration::seconds(60));
        assert!(backoff(3) > backoff(2));
        assert_eq!(backoff(30), Duration::hours(1));
    }
}
