//! The rjhub command line as clap reads it: every command, its flags and their help.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use rjhub::areas::accounts::model::{FacilitatorKind, Role};

#[derive(Parser)]
#[command(
    name = "rjhub",
    version,
    about = "RJ Hub: case, allocation and reporting system for a restorative justice service",
    long_about = "RJ Hub: case, allocation and reporting system for a restorative justice service.\n\n\
                  Settings come from built-in defaults, then an optional TOML file (--config), then \
                  RJHUB_* environment variables and DATABASE_URL, then these flags."
)]
pub struct Cli {
    /// A TOML file with settings (keys as in the README's configuration table).
    #[arg(long, global = true, env = "RJHUB_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Directory for the SQLite database, mail outbox and keys.
    #[arg(long, global = true, env = "RJHUB_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Database to use: postgres://… for PostgreSQL; default: SQLite in the data directory.
    #[arg(
        long,
        global = true,
        env = "DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub database_url: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Run the server (GraphQL API and the app). Migrations run first.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "RJHUB_BIND", value_name = "ADDR")]
        bind: Option<SocketAddr>,
        /// The built PWA to serve.
        #[arg(long, env = "RJHUB_PWA_DIR", value_name = "DIR")]
        pwa_dir: Option<PathBuf>,
        /// Load demo accounts into an empty database and print their logins.
        #[arg(long)]
        demo: bool,
    },
    /// Bring the database schema up to date, then exit.
    Migrate,
    /// Load demo accounts into an empty database and print their logins; with --scale, add
    /// that many synthetic cases (with people, events, meetings and surveys) for demos and
    /// benchmarks.
    Demo {
        /// How many synthetic cases to add (e.g. 100000).
        #[arg(long, value_name = "N")]
        scale: Option<usize>,
        /// Seed for the synthetic data (the same seed gives the same data).
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Print the GraphQL schema (SDL); `pwa/schema.graphql` must equal it.
    Schema,
    /// Copy the live SQLite database to FILE (consistent, while the server keeps running).
    /// For PostgreSQL use pg_dump (see the README).
    Backup {
        /// Where to write the copy; must not exist yet.
        #[arg(value_name = "FILE")]
        path: PathBuf,
    },
    /// Replace the SQLite database with a backup, after checking it. Stop the server first; the
    /// replaced database is kept beside it as rjhub.db.before-restore-<time>.
    Restore {
        /// A file made by `rjhub backup` (or the automatic copy before migrations).
        #[arg(value_name = "FILE")]
        path: PathBuf,
    },
    /// Run every scheduled job once now — reminders (accreditation, meetings, follow-ups),
    /// lapsing offers, report facts, and with --retention the daily anonymisation — and print
    /// what each did. `serve` runs them itself; use this from cron when jobs run elsewhere.
    Jobs {
        /// Also apply the retention period (serve does this once a day).
        #[arg(long)]
        retention: bool,
    },
    /// Anonymise personal data of cases that ended longer ago than the retention period.
    /// Without --apply, only lists what would be anonymised.
    Retention {
        /// Anonymise now (otherwise a dry run that changes nothing).
        #[arg(long)]
        apply: bool,
        /// List only (the default).
        #[arg(long, conflicts_with = "apply")]
        dry_run: bool,
        /// Months after a case ends; default RJHUB_RETENTION_MONTHS or 72.
        #[arg(long, value_name = "N")]
        months: Option<u32>,
    },
    /// Compute the performance report for a period and write it as CSV or a printable HTML page.
    Report {
        /// First day (YYYY-MM-DD), e.g. 2026-04-01 for the first half-year.
        #[arg(long, value_name = "DATE")]
        from: chrono::NaiveDate,
        /// Last day (YYYY-MM-DD), included.
        #[arg(long, value_name = "DATE")]
        to: chrono::NaiveDate,
        /// none, month, source, offence, area, model or agency.
        #[arg(long, default_value = "none", value_parser = parse_dimension)]
        group_by: rjhub::areas::reports::model::Dimension,
        #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
        format: ReportFormat,
        /// Where to write it; standard output if not given.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Hide small numbers and what would reveal them, as a published edition does (over
        /// this one table; publish an edition in the app for the board).
        #[arg(long)]
        aggregates_only: bool,
    },
    /// Create an active user (for example the first co-ordinator). The password is read from
    /// RJHUB_PASSWORD, or asked for without echo.
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// A role: coordinator, supervisor, facilitator, trainer, referrer, commissioner.
        /// Repeat for several.
        #[arg(long = "role", required = true, value_parser = parse_role)]
        roles: Vec<Role>,
        /// For facilitators: volunteer, special_constable or partner_practitioner.
        #[arg(long, value_parser = parse_kind)]
        kind: Option<FacilitatorKind>,
        /// The partner agency (partner practitioners, referrers).
        #[arg(long)]
        agency: Option<String>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ReportFormat {
    Csv,
    Html,
}

pub fn parse_dimension(s: &str) -> Result<rjhub::areas::reports::model::Dimension, String> {
    rjhub::areas::reports::model::Dimension::parse(s).ok_or_else(|| {
        format!("unknown grouping '{s}': none, month, source, offence, area, model or agency")
    })
}

pub fn parse_role(s: &str) -> Result<Role, String> {
    s.parse()
}

pub fn parse_kind(s: &str) -> Result<FacilitatorKind, String> {
    s.parse()
}
