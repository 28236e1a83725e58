//! Scheduled work: retention once a day, report facts, accreditation, meeting and follow-up
//! reminders, lapsing offers, and the nudges that keep cases moving. `serve` runs them on start and every
//! `jobs_interval_seconds`; `rjhub jobs` runs them once (from cron, or a test).

use std::sync::Arc;

use chrono::NaiveDate;
use sea_orm::DatabaseConnection;
use tokio::sync::{Notify, watch};

use crate::clock::Clock;
use crate::error::AppResult;

pub struct Jobs {
    pub db: DatabaseConnection,
    pub clock: Arc<dyn Clock>,
    /// Woken when a job queued mail or push, so the outbox worker sends it at once.
    pub wake: Option<Arc<Notify>>,
    pub retention_months: u32,
    pub nudges: NudgeSettings,
}

/// Whether nudges go out, how soon, and the address their links point to.
pub struct NudgeSettings {
    pub enabled: bool,
    pub public_url: String,
    pub every: crate::areas::workbench::nudges::Intervals,
}

impl NudgeSettings {
    pub fn from_config(c: &crate::config::Config) -> Self {
        Self {
            enabled: c.nudges,
            public_url: c.public_url(),
            every: crate::areas::workbench::nudges::Intervals {
                stale_days: c.stale_after_days,
                offer_hours: c.nudge_offer_hours,
            },
        }
    }
}

/// What one job did: how many things it handled, or why it failed.
pub struct Outcome {
    pub job: &'static str,
    pub result: AppResult<usize>,
}

impl Jobs {
    /// Every job once. Retention runs when `retention` is true (the loop runs it daily).
    pub async fn run_once(&self, retention: bool) -> Vec<Outcome> {
        let now = self.clock.now();
        let db = &self.db;
        let mut out = Vec::new();
        if retention {
            out.push(Outcome {
                job: "retention",
                result: crate::areas::privacy::retention::apply(
                    db,
                    now,
                    self.retention_months,
                    |_| {},
                )
                .await
                .map(|done| done.len()),
            });
        }
        // Report facts of cases changed since the last run (a report also does this first).
        out.push(Outcome {
            job: "report facts",
            result: crate::areas::reports::facts::refresh(db, &|_| {}).await,
        });
        out.push(Outcome {
            job: "accreditation reminders",
            result: crate::areas::training::reminders::run(db, now).await,
        });
        out.push(Outcome {
            job: "meeting reminders",
            result: crate::areas::meetings::reminders::run(db, now).await,
        });
        out.push(Outcome {
            job: "follow-up reminders",
            result: crate::areas::followup::service::remind_due(db, now).await,
        });
        out.push(Outcome {
            job: "lapsed offers",
            result: crate::areas::allocation::service::expire_due(db, now).await,
        });
        if self.nudges.enabled {
            out.push(Outcome {
                job: "practice standards reminders",
                result: crate::areas::training::reminders::standards(
                    db,
                    now,
                    &self.nudges.public_url,
                )
                .await,
            });
            out.push(Outcome {
                job: "nudges",
                result: crate::areas::workbench::nudges::run(
                    db,
                    now,
                    &self.nudges.public_url,
                    self.nudges.every,
                )
                .await,
            });
        }
        if let Some(wake) = &self.wake
            && out
                .iter()
                .any(|o| o.job != "report facts" && o.result.as_ref().is_ok_and(|n| *n > 0))
        {
            wake.notify_one();
        }
        out
    }

    /// On start, then every `interval` seconds until `stop` changes.
    pub async fn run_every(self, interval: u64, mut stop: watch::Receiver<bool>) {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(interval.max(1)));
        let mut retention_ran_on: Option<NaiveDate> = None;
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = stop.changed() => return,
            }
            // Retention once a day (per server: a second instance repeating it finds nothing due).
            let today = crate::kernel::today(self.clock.now());
            let retention = retention_ran_on != Some(today);
            for o in self.run_once(retention).await {
                match o.result {
                    Ok(n) => {
                        if o.job == "retention" {
                            retention_ran_on = Some(today);
                        }
                        if n > 0 {
                            tracing::info!(job = o.job, done = n, "scheduled job");
                        }
                    }
                    Err(e) => tracing::warn!(job = o.job, error = ?e, "scheduled job failed"),
                }
            }
        }
    }
}
