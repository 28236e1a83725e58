//! Backups of the embedded SQLite database: a consistent copy of a live database (`VACUUM INTO`,
//! which reads inside one transaction while the server keeps working), restore after checks,
//! and a copy taken before `serve` runs pending migrations. PostgreSQL is backed up with
//! pg_dump/pg_restore (README, Operations).
//!
//! While `serve` runs on SQLite it holds an exclusive lock on `<data_dir>/rjhub.lock`, so that
//! `restore` refuses to swap the file under a running server.

use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail, ensure};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};

use crate::config::Config;

pub const DB_FILE: &str = "rjhub.db";
const LOCK_FILE: &str = "rjhub.lock";

fn sqlite_path(config: &Config) -> anyhow::Result<PathBuf> {
    match &config.database_url {
        Some(url) if !url.trim().is_empty() && !url.starts_with("sqlite:") => bail!(
            "backup and restore work on the embedded SQLite database; for PostgreSQL use \
             pg_dump and pg_restore as the README's Operations section describes"
        ),
        Some(url) if !url.trim().is_empty() => {
            let rest = url
                .trim_start_matches("sqlite://")
                .trim_start_matches("sqlite:");
            Ok(PathBuf::from(rest.split('?').next().unwrap_or(rest)))
        }
        _ => Ok(config.data_dir.join(DB_FILE)),
    }
}

fn quote(path: &Path) -> anyhow::Result<String> {
    let s = path
        .to_str()
        .ok_or_else(|| anyhow!("the backup path must be valid UTF-8"))?;
    Ok(format!("'{}'", s.replace('\'', "''")))
}

/// Writes a consistent copy of the live database to `dest` (which must not exist yet).
pub async fn backup_to(db: &DatabaseConnection, dest: &Path) -> anyhow::Result<()> {
    ensure!(
        db.get_database_backend() == DbBackend::Sqlite,
        "backup works on the embedded SQLite database; for PostgreSQL use pg_dump (README, Operations)"
    );
    ensure!(
        !dest.exists(),
        "{} already exists: choose a new file name",
        dest.display()
    );
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    db.execute_unprepared(&format!("VACUUM INTO {}", quote(dest)?))
        .await
        .context("copying the database")?;
    Ok(())
}

pub async fn backup(config: &Config, dest: &Path) -> anyhow::Result<()> {
    let path = sqlite_path(config)?;
    ensure!(path.exists(), "there is no database at {}", path.display());
    let db = crate::db::connect(config).await?;
    let out = backup_to(&db, dest).await;
    db.close().await?;
    out
}

/// The server's hold on the data directory: dropped when `serve` stops.
pub struct ServeLock(#[allow(dead_code)] File);

/// Taken by `serve` on SQLite; fails when another server (or a restore) holds it.
pub fn lock_data_dir(data_dir: &Path) -> anyhow::Result<ServeLock> {
    std::fs::create_dir_all(data_dir)?;
    let f = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(data_dir.join(LOCK_FILE))
        .context("opening the data directory's lock file")?;
    match f.try_lock() {
        Ok(()) => Ok(ServeLock(f)),
        Err(_) => bail!(
            "another RJ Hub process is using {} (a server or a restore); stop it first",
            data_dir.display()
        ),
    }
}

async fn scalar_text(db: &DatabaseConnection, sql: &str) -> anyhow::Result<Option<String>> {
    Ok(db
        .query_one_raw(Statement::from_string(DbBackend::Sqlite, sql.to_string()))
        .await?
        .map(|r| r.try_get_by_index::<String>(0))
        .transpose()?)
}

/// Checks a backup before it replaces anything: a readable SQLite file that passes the
/// integrity check and whose migrations this version knows.
pub async fn check_backup(src: &Path) -> anyhow::Result<usize> {
    ensure!(src.is_file(), "{} is not a file", src.display());
    let url = format!("sqlite://{}?mode=ro", src.display());
    let db = Database::connect(&url)
        .await
        .with_context(|| format!("{} cannot be opened as a database", src.display()))?;
    let integrity = scalar_text(&db, "PRAGMA integrity_check")
        .await
        .with_context(|| format!("{} is not an RJ Hub backup", src.display()))?;
    ensure!(
        integrity.as_deref() == Some("ok"),
        "{} is damaged: {}",
        src.display(),
        integrity.unwrap_or_default()
    );
    let applied = db
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT version FROM seaql_migrations".to_string(),
        ))
        .await
        .with_context(|| format!("{} is not an RJ Hub database", src.display()))?;
    let known: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_string())
        .collect();
    for row in &applied {
        let v: String = row.try_get_by_index(0)?;
        ensure!(
            known.contains(&v),
            "{} was made by a newer RJ Hub (migration {v}); upgrade this one first",
            src.display()
        );
    }
    db.close().await?;
    Ok(applied.len())
}

/// Puts a backup in place of the current database. The server must be stopped. The database it
/// replaces is kept beside it as `rjhub.db.before-restore-<time>`.
pub async fn restore(config: &Config, src: &Path, stamp: &str) -> anyhow::Result<PathBuf> {
    let target = sqlite_path(config)?;
    let dir = target
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    check_backup(src).await?;
    let _lock = lock_data_dir(&dir)?;
    let staging = dir.join(format!("{DB_FILE}.restoring"));
    std::fs::copy(src, &staging).with_context(|| format!("copying {}", src.display()))?;
    File::open(&staging)?.sync_all()?;
    let kept = dir.join(format!("{DB_FILE}.before-restore-{stamp}"));
    if target.exists() {
        std::fs::rename(&target, &kept).context("setting the current database aside")?;
    }
    for side in ["-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{side}", target.display()));
        if p.exists() {
            let aside = PathBuf::from(format!("{}{side}", kept.display()));
            std::fs::rename(&p, &aside)?;
        }
    }
    std::fs::rename(&staging, &target).context("putting the backup in place")?;
    Ok(kept)
}

/// Before `serve` migrates a SQLite database that already holds data, a copy goes to
/// `<data_dir>/backups/before-migrate-<time>.db`. Returns its path when one was made.
pub async fn before_migrations(
    db: &DatabaseConnection,
    data_dir: &Path,
    stamp: &str,
) -> anyhow::Result<Option<PathBuf>> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Ok(None);
    }
    let applied = Migrator::get_applied_migrations(db).await?.len();
    let pending = Migrator::get_pending_migrations(db).await?.len();
    if applied == 0 || pending == 0 {
        return Ok(None);
    }
    let dest = data_dir
        .join("backups")
        .join(format!("before-migrate-{stamp}.db"));
    backup_to(db, &dest).await?;
    Ok(Some(dest))
}
