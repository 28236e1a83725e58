//! Everything a request handler needs, built once at start-up.

use std::sync::Arc;

use sea_orm::DatabaseConnection;
use tokio::sync::Notify;

use crate::access::AuditSink;
use crate::areas::accounts::service::LoginLimits;
use crate::areas::accounts::sessions::SessionPolicy;
use crate::clock::Clock;
use crate::config::Config;
use crate::graphql::limits::ExpensiveBudget;
use crate::graphql::{AppSchema, ServerCtx, build_schema};
use crate::http::metrics::Metrics;

#[derive(Clone)]
pub struct AppState {
    pub ctx: Arc<ServerCtx>,
    pub schema: AppSchema,
    pub metrics: Arc<Metrics>,
    /// Commits the reads each request made (group commit) before its answer leaves.
    pub audit: AuditSink,
    /// Each user's budget of expensive operations a minute.
    pub expensive: Arc<ExpensiveBudget>,
}

impl AppState {
    pub fn new(
        db: DatabaseConnection,
        config: Config,
        clock: Arc<dyn Clock>,
        pusher: Arc<crate::notify::push::Pusher>,
    ) -> Self {
        let ctx = Arc::new(ServerCtx {
            sessions: SessionPolicy::from_config(&config),
            login_limits: LoginLimits::from_config(&config),
            outbox_wake: Arc::new(Notify::new()),
            pusher,
            passkeys: match crate::areas::accounts::passkeys::relying_party(&config) {
                Ok(rp) => Some(rp),
                Err(reason) => {
                    tracing::info!(%reason, "passkeys are off");
                    None
                }
            },
            session_memory: crate::areas::accounts::session_memory::SessionMemory::new(
                std::time::Duration::from_secs(config.session_memory_seconds),
            ),
            config: Arc::new(config),
            db,
            clock,
        });
        let schema = build_schema(Some(ctx.clone()), ctx.config.introspection());
        Self {
            audit: AuditSink::start(ctx.db.clone()),
            expensive: Arc::new(ExpensiveBudget::new(ctx.config.expensive_per_minute)),
            ctx,
            schema,
            metrics: Arc::new(Metrics::new()),
        }
    }
}
