//! Connecting to SQLite (the embedded default) or PostgreSQL, and running migrations.

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

use crate::config::{Config, SqliteSync};

pub async fn connect(config: &Config) -> Result<DatabaseConnection, DbErr> {
    let url = config.database_url();
    if url.starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir).map_err(|e| {
            DbErr::Custom(format!(
                "cannot create data directory {}: {e}",
                config.data_dir.display()
            ))
        })?;
    }
    let sync = config.sqlite_synchronous;
    let mut opts = ConnectOptions::new(url);
    opts.sqlx_logging(false)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        // sqlx pings a pooled connection on every acquire by default: a round trip per query
        // (through SQLite's worker thread, or to PostgreSQL) that doubled a list's cost (#19).
        // Only a connection idle for a while is checked before use.
        .test_before_acquire_if_idle_for(Duration::from_secs(30))
        .map_sqlx_sqlite_opts(move |o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(match sync {
                    SqliteSync::Full => SqliteSynchronous::Full,
                    SqliteSync::Normal => SqliteSynchronous::Normal,
                })
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .create_if_missing(true)
        });
    // PostgreSQL stops a statement at the request deadline, so a stopped request leaves no
    // query running behind it.
    let statement_timeout = format!("{}s", config.request_timeout_seconds.max(1));
    opts.map_sqlx_postgres_opts(move |o| {
        o.options([("statement_timeout", statement_timeout.as_str())])
    });
    if config.database_url().starts_with("sqlite:") {
        // SQLite has one writer; a small pool avoids queueing on the write lock.
        opts.max_connections(8).min_connections(1);
    } else {
        opts.max_connections(20).min_connections(1);
    }
    Database::connect(opts).await
}

/// Brings the schema up to date and fills empty reference lists.
/// The PostgreSQL advisory lock every instance takes to migrate and seed: instances started at
/// the same moment on an empty database take turns instead of racing to create the same tables.
const MIGRATION_LOCK: i64 = 0x726a_6875_6200_0001;

/// Brings the schema up to date and fills empty reference lists. On PostgreSQL this happens
/// under an advisory lock held by a transaction for the whole of it, so one instance migrates
/// while the others wait, then find nothing to do. (A SQLite file has one server: the data
/// directory's lock.)
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    let lock = if db.get_database_backend() == DbBackend::Postgres {
        let txn = db.begin().await?;
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
            .await?;
        Some(txn)
    } else {
        None
    };
    Migrator::up(db, None).await?;
    crate::areas::reference::service::seed(db, chrono::Utc::now())
        .await
        .map_err(|e| DbErr::Custom(format!("seeding reference lists: {}", e.message())))?;
    if let Some(txn) = lock {
        txn.commit().await?;
    }
    Ok(())
}

pub fn backend_name(db: &DatabaseConnection) -> &'static str {
    match db.get_database_backend() {
        DbBackend::Sqlite => "sqlite",
        DbBackend::Postgres => "postgres",
        _ => "other",
    }
}

/// Starts a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`): a deferred transaction that reads and then writes fails at once with
/// SQLITE_BUSY_SNAPSHOT if another connection committed in between, whereas an immediate one
/// waits its turn under `busy_timeout`. PostgreSQL ignores the option.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// A raw statement written with `?` placeholders, numbered `$1, $2 …` for PostgreSQL, so one
/// SQL text serves both databases (reports, retention).
pub fn statement(
    backend: sea_orm::DatabaseBackend,
    sql: &str,
    values: Vec<sea_orm::Value>,
) -> sea_orm::Statement {
    let sql = if backend == sea_orm::DatabaseBackend::Postgres {
        let mut out = String::with_capacity(sql.len() + 16);
        let mut n = 0;
        for ch in sql.chars() {
            if ch == '?' {
                n += 1;
                out.push_str(&format!("${n}"));
            } else {
                out.push(ch);
            }
        }
        out
    } else {
        sql.to_string()
    };
    sea_orm::Statement::from_sql_and_values(backend, sql, values)
}
