//! The `rjhub` command: serve, migrate, demo, create-user, schema, backup, restore, retention.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use rjhub::areas::accounts::model::{FacilitatorKind, Role};
use rjhub::areas::accounts::service::{self, NewUser};
use rjhub::clock::{Clock, FileClock, SystemClock};
use rjhub::config::{Config, LogFormat, Overrides};
use rjhub::notify::mail::Mailer;
use rjhub::notify::worker::Worker;
use rjhub::{AppState, build_app, db, demo};

#[derive(Parser)]
#[command(
    name = "rjhub",
    version,
    about = "RJ Hub: case, allocation and reporting system for a restorative justice service",
    long_about = "RJ Hub: case, allocation and reporting system for a restorative justice service.\n\n\
                  Settings come from built-in defaults, then an optional TOML file (--config), then \
                  RJHUB_* environment variables and DATABASE_URL, then these flags."
)]
struct Cli {
    /// A TOML file with settings (keys as in the README's configuration table).
    #[arg(long, global = true, env = "RJHUB_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,
    /// Directory for the SQLite database, mail outbox and keys.
    #[arg(long, global = true, env = "RJHUB_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Database to use: postgres://… for PostgreSQL; default: SQLite in the data directory.
    #[arg(
        long,
        global = true,
        env = "DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
        /// Suppress small numbers as for the commissioner (for publishing).
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
enum ReportFormat {
    Csv,
    Html,
}

fn parse_dimension(s: &str) -> Result<rjhub::areas::reports::model::Dimension, String> {
    use rjhub::areas::reports::model::Dimension;
    Ok(match s {
        "none" => Dimension::None,
        "month" => Dimension::Month,
        "source" => Dimension::Source,
        "offence" => Dimension::Offence,
        "area" => Dimension::Area,
        "model" => Dimension::Model,
        "agency" => Dimension::Agency,
        other => {
            return Err(format!(
                "unknown grouping '{other}': none, month, source, offence, area, model or agency"
            ));
        }
    })
}

fn parse_role(s: &str) -> Result<Role, String> {
    s.parse()
}

fn parse_kind(s: &str) -> Result<FacilitatorKind, String> {
    s.parse()
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("RJHUB_LOG")
        .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn".into());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.with_ansi(std::io::stderr().is_terminal()).init(),
    }
}

fn clock_for(config: &Config) -> Arc<dyn Clock> {
    match &config.test_clock_file {
        Some(path) => Arc::new(FileClock::new(path.clone())),
        None => Arc::new(SystemClock),
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rjhub: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let mut overrides = Overrides {
        data_dir: cli.data_dir.clone(),
        database_url: cli.database_url.clone(),
        ..Default::default()
    };
    if let Command::Serve { bind, pwa_dir, .. } = &cli.command {
        overrides.bind = *bind;
        overrides.pwa_dir = pwa_dir.clone();
    }
    let config = Config::load(cli.config.as_deref(), &overrides).context("reading settings")?;

    match cli.command {
        Command::Schema => {
            print!("{}", rjhub::graphql::build_schema(None, true).sdl());
            Ok(())
        }
        Command::Migrate => {
            init_logging(config.log_format);
            let db = db::connect(&config)
                .await
                .context("connecting to the database")?;
            db::migrate(&db).await.context("running migrations")?;
            println!("Database is up to date ({}).", db::backend_name(&db));
            Ok(())
        }
        Command::Demo { scale, seed } => {
            init_logging(config.log_format);
            let db = db::connect(&config)
                .await
                .context("connecting to the database")?;
            db::migrate(&db).await.context("running migrations")?;
            let clock = clock_for(&config);
            if demo::load(&db, clock.as_ref(), config.demo_cases && scale.is_none()).await? {
                println!("Demo data loaded.");
            } else {
                println!("The database already has users; demo accounts were not loaded.");
            }
            if let Some(n) = scale {
                let bar = indicatif::ProgressBar::new(n as u64).with_style(
                    indicatif::ProgressStyle::with_template(
                        "{msg} {wide_bar} {pos}/{len} cases ({per_sec}, {eta} left)",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                bar.set_message("Generating");
                let started = std::time::Instant::now();
                let w = rjhub::demo_scale::generate(&db, clock.now(), n, seed, |done| {
                    bar.set_position(done as u64)
                })
                .await?;
                bar.finish_and_clear();
                println!(
                    "Added {} synthetic cases ({} stage events, {} people, {} contacts, {} meetings, {} survey answers) in {:.1} s.",
                    w.cases,
                    w.events,
                    w.people,
                    w.contacts,
                    w.meetings,
                    w.surveys,
                    started.elapsed().as_secs_f64()
                );
            }
            demo::print_logins(&config.public_url());
            Ok(())
        }
        Command::CreateUser {
            email,
            name,
            roles,
            kind,
            agency,
        } => {
            init_logging(config.log_format);
            let password = match std::env::var("RJHUB_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    let p = rpassword::prompt_password("Password for the new user: ")?;
                    let again = rpassword::prompt_password("Same password again: ")?;
                    anyhow::ensure!(p == again, "the two passwords differ");
                    p
                }
            };
            let db = db::connect(&config)
                .await
                .context("connecting to the database")?;
            db::migrate(&db).await.context("running migrations")?;
            let clock = clock_for(&config);
            let id = service::create_user(
                &db,
                clock.now(),
                NewUser {
                    email,
                    name,
                    roles,
                    facilitator_kind: kind,
                    agency,
                },
                &password,
            )
            .await?;
            println!("Created user {id}.");
            Ok(())
        }
        Command::Serve {
            demo: with_demo, ..
        } => serve(config, with_demo).await,
        Command::Backup { path } => {
            init_logging(config.log_format);
            rjhub::backup::backup(&config, &path).await?;
            println!("Backup written to {}.", path.display());
            Ok(())
        }
        Command::Restore { path } => {
            init_logging(config.log_format);
            let kept = rjhub::backup::restore(&config, &path, &stamp()).await?;
            let db = db::connect(&config)
                .await
                .context("opening the restored database")?;
            db::migrate(&db)
                .await
                .context("bringing the restored database up to date")?;
            db.close().await?;
            println!(
                "Restored {}. The database it replaced is kept as {}.",
                path.display(),
                kept.display()
            );
            Ok(())
        }
        Command::Report {
            from,
            to,
            group_by,
            format,
            output,
            aggregates_only,
        } => {
            init_logging(config.log_format);
            report(&config, from, to, group_by, format, output, aggregates_only).await
        }
        Command::Retention { apply, months, .. } => {
            init_logging(config.log_format);
            retention(&config, apply, months.unwrap_or(config.retention_months)).await
        }
    }
}

/// A timestamp for file names.
fn stamp() -> String {
    chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string()
}

async fn report(
    config: &Config,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    group_by: rjhub::areas::reports::model::Dimension,
    format: ReportFormat,
    output: Option<PathBuf>,
    aggregates_only: bool,
) -> anyhow::Result<()> {
    use rjhub::areas::reports::{html, model::Filters, service};
    let db = db::connect(config)
        .await
        .context("connecting to the database")?;
    db::migrate(&db).await.context("running migrations")?;
    // The command line acts for the service: in full, or as the commissioner sees it.
    let actor = rjhub::areas::accounts::model::Actor {
        user_id: uuid::Uuid::nil(),
        session_id: uuid::Uuid::nil(),
        roles: [if aggregates_only {
            Role::Commissioner
        } else {
            Role::Coordinator
        }]
        .into_iter()
        .collect(),
        agency: None,
    };
    // After an upgrade or a bulk load many cases' facts may wait: bring them up to date with a
    // bar of their own, so the report itself is quick.
    let pending = rjhub::areas::reports::facts::pending(&db).await?;
    if pending > 0 {
        let bar = indicatif::ProgressBar::new(pending as u64).with_style(
            indicatif::ProgressStyle::with_template(
                "{msg} {bar:30} {pos}/{len} cases ({eta} left)",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_message("Updating report facts");
        let tick = {
            let bar = bar.clone();
            move |done: usize| bar.set_position(done as u64)
        };
        rjhub::areas::reports::facts::refresh(&db, &tick).await?;
        bar.finish_and_clear();
    }
    let bar = indicatif::ProgressBar::new_spinner().with_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} Computing the report: {pos} queries ({elapsed})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    let tick = {
        let bar = bar.clone();
        move || bar.inc(1)
    };
    let req = service::Request {
        from,
        to,
        group_by,
        filters: Filters::default(),
    };
    let report =
        service::performance_with_progress(&db, &actor, clock_for(config).now(), req, &tick)
            .await
            .map_err(|e| anyhow::anyhow!(e.message()))?;
    bar.finish_and_clear();
    let text = match format {
        ReportFormat::Csv => service::csv(&report),
        ReportFormat::Html => html::render(&report),
    };
    match output {
        Some(path) => {
            std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
            eprintln!("Report written to {}.", path.display());
        }
        None => print!("{text}"),
    }
    Ok(())
}

async fn retention(config: &Config, apply: bool, months: u32) -> anyhow::Result<()> {
    use rjhub::areas::privacy::retention;
    let db = db::connect(config)
        .await
        .context("connecting to the database")?;
    db::migrate(&db).await.context("running migrations")?;
    let now = clock_for(config).now();
    let due = retention::expired(&db, now, months).await?;
    if due.is_empty() {
        println!("No case ended more than {months} months ago still holds personal data.");
        return Ok(());
    }
    if !apply {
        println!(
            "{} case(s) ended more than {months} months ago; `--apply` would anonymise:",
            due.len()
        );
        for e in &due {
            println!("  {}  ended {}", e.reference, e.ended_at.format("%Y-%m-%d"));
        }
        return Ok(());
    }
    let bar = indicatif::ProgressBar::new(due.len() as u64).with_style(
        indicatif::ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} ({eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message("Anonymising");
    let done = retention::apply(&db, now, months, |_| bar.inc(1)).await?;
    bar.finish_and_clear();
    println!(
        "Anonymised {} case(s) that ended more than {months} months ago.",
        done.len()
    );
    Ok(())
}

async fn serve(config: Config, with_demo: bool) -> anyhow::Result<()> {
    init_logging(config.log_format);
    let db = db::connect(&config)
        .await
        .context("connecting to the database")?;
    // One server per SQLite data directory, and no restore under a running one.
    let _lock = if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
        Some(rjhub::backup::lock_data_dir(&config.data_dir)?)
    } else {
        None
    };
    if config.backup_before_migrate
        && let Some(path) = rjhub::backup::before_migrations(&db, &config.data_dir, &stamp())
            .await
            .context("backing up before migrations")?
    {
        tracing::info!(path = %path.display(), "database copied before migrating");
    }
    db::migrate(&db).await.context("running migrations")?;
    let clock = clock_for(&config);
    if with_demo && demo::load(&db, clock.as_ref(), config.demo_cases).await? {
        tracing::info!("demo data loaded");
    }
    let mailer = Arc::new(Mailer::from_config(&config)?);
    let pusher =
        Arc::new(rjhub::notify::push::Pusher::from_config(&config).context("setting up web push")?);
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.bind))?;
    let addr = listener.local_addr()?;
    let mut config = config;
    if config.public_url.is_none() {
        config.public_url = Some(format!("http://{addr}"));
    }
    tracing::info!(
        database = db::backend_name(&db),
        mail = mailer.describe(),
        "starting"
    );
    let state = AppState::new(db.clone(), config, clock.clone(), pusher.clone());
    let public_url = state.ctx.config.public_url();

    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(
        Worker {
            db,
            clock,
            mailer,
            pusher,
            wake: state.ctx.outbox_wake.clone(),
        }
        .run(stop_rx),
    );

    let jobs = tokio::spawn(run_jobs(
        state.ctx.db.clone(),
        state.ctx.clock.clone(),
        state.ctx.outbox_wake.clone(),
        state.ctx.config.jobs_interval_seconds,
        state.ctx.config.retention_months,
        stop_tx.subscribe(),
    ));

    if with_demo {
        demo::print_logins(&public_url);
    }
    // Tests and scripts wait for this line to know the port.
    println!("RJ Hub is listening on http://{addr}");

    let app = build_app(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    let _ = stop_tx.send(true);
    let _ = worker.await;
    let _ = jobs.await;
    tracing::info!("stopped");
    Ok(())
}

/// Scheduled work: on start, then every `interval` seconds until shutdown.
async fn run_jobs(
    db: sea_orm::DatabaseConnection,
    clock: Arc<dyn Clock>,
    wake: Arc<tokio::sync::Notify>,
    interval: u64,
    retention_months: u32,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(interval.max(1)));
    let mut retention_ran_on = None;
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.changed() => return,
        }
        // Retention once a day (per server: a second instance repeating it finds nothing due).
        let today = rjhub::areas::cases::service::today(clock.now());
        if retention_ran_on != Some(today) {
            match rjhub::areas::privacy::retention::apply(
                &db,
                clock.now(),
                retention_months,
                |_| {},
            )
            .await
            {
                Ok(done) => {
                    retention_ran_on = Some(today);
                    if !done.is_empty() {
                        tracing::info!(cases = done.len(), "retention anonymised ended cases");
                    }
                }
                Err(e) => tracing::warn!(error = ?e, "retention failed"),
            }
        }
        // Report facts of cases changed since the last tick (a report also does this first).
        if let Err(e) = rjhub::areas::reports::facts::refresh(&db, &|_| {}).await {
            tracing::warn!(error = ?e, "report facts refresh failed");
        }
        match rjhub::areas::training::reminders::run(&db, clock.now()).await {
            Ok(0) => {}
            Ok(n) => {
                tracing::info!(reminders = n, "accreditation reminders queued");
                wake.notify_one();
            }
            Err(e) => tracing::warn!(error = ?e, "accreditation reminders failed"),
        }
        match rjhub::areas::meetings::reminders::run(&db, clock.now()).await {
            Ok(0) => {}
            Ok(n) => {
                tracing::info!(meetings = n, "meeting reminders queued");
                wake.notify_one();
            }
            Err(e) => tracing::warn!(error = ?e, "meeting reminders failed"),
        }
        match rjhub::areas::followup::service::remind_due(&db, clock.now()).await {
            Ok(0) => {}
            Ok(n) => {
                tracing::info!(follow_ups = n, "follow-up reminders queued");
                wake.notify_one();
            }
            Err(e) => tracing::warn!(error = ?e, "follow-up reminders failed"),
        }
        match rjhub::areas::allocation::service::expire_due(&db, clock.now()).await {
            Ok(0) => {}
            Ok(n) => {
                tracing::info!(offers = n, "offers expired");
                wake.notify_one();
            }
            Err(e) => tracing::warn!(error = ?e, "expiring offers failed"),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}
