//! The `rjhub` command: serve, migrate, demo, create-user, schema, backup, restore, retention.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;
use clap::Parser;
use rjhub::areas::accounts::model::Role;
use rjhub::areas::accounts::service::{self, NewUser};
use rjhub::clock::{Clock, FileClock, SystemClock};
use rjhub::config::{Config, LogFormat, Overrides};
use rjhub::notify::mail::Mailer;
use rjhub::notify::worker::Worker;
use rjhub::{AppState, build_app, db, demo};

mod cli;
use cli::{Cli, Command, ReportFormat};

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

/// The system clock; the file clock of the end-to-end tests only outside production, so a
/// stray setting can never move a live service's time (expiry, lock-out, retention).
fn clock_for(config: &Config) -> anyhow::Result<Arc<dyn Clock>> {
    match &config.test_clock_file {
        Some(_) if config.env == rjhub::config::Environment::Production => anyhow::bail!(
            "RJHUB_TEST_CLOCK_FILE is for tests only and is refused when RJHUB_ENV=production"
        ),
        Some(path) => Ok(Arc::new(FileClock::new(path.clone()))),
        None => Ok(Arc::new(SystemClock)),
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
            let clock = clock_for(&config)?;
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
            demo::print_logins(&config.public_url(), false);
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
            let clock = clock_for(&config)?;
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
        Command::Jobs { retention } => {
            init_logging(config.log_format);
            let db = db::connect(&config)
                .await
                .context("connecting to the database")?;
            db::migrate(&db).await.context("running migrations")?;
            let jobs = rjhub::jobs::Jobs {
                db,
                clock: clock_for(&config)?,
                wake: None,
                retention_months: config.retention_months,
                nudges: rjhub::jobs::NudgeSettings::from_config(&config),
            };
            let mut failed = false;
            for o in jobs.run_once(retention).await {
                match o.result {
                    Ok(n) => println!("{}: {n}", o.job),
                    Err(e) => {
                        failed = true;
                        println!("{}: failed ({})", o.job, e.message());
                    }
                }
            }
            anyhow::ensure!(!failed, "some jobs failed; the log says why");
            Ok(())
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
    // The command line acts for the service.
    let actor = rjhub::access::Actor::new(
        uuid::Uuid::nil(),
        uuid::Uuid::nil(),
        [Role::Coordinator].into_iter().collect(),
        None,
    );
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
    let mut report =
        service::performance_with_progress(&db, &actor, clock_for(config)?.now(), req, &tick)
            .await
            .map_err(|e| anyhow::anyhow!(e.message()))?;
    bar.finish_and_clear();
    if aggregates_only {
        // The same disclosure control as a published edition, over this one table.
        use rjhub::areas::reports::disclosure::{Table, protect};
        let mut tables = [Table {
            group_by: report.group_by,
            groups: std::mem::take(&mut report.groups),
            figures: std::mem::take(&mut report.figures),
        }];
        protect(&mut tables);
        let [table] = tables;
        report.groups = table.groups;
        report.figures = table.figures;
        report.aggregates_only = true;
    }
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
    let now = clock_for(config)?.now();
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

async fn serve(mut config: Config, with_demo: bool) -> anyhow::Result<()> {
    init_logging(config.log_format);
    // The demo's logins are printed for anyone to try: a second factor is offered there, not
    // asked for, unless the settings say otherwise.
    if with_demo && config.second_factor_roles.is_none() {
        config.second_factor_roles = Some("none".into());
    }
    config
        .second_factor_roles()
        .and_then(|_| rjhub::areas::accounts::sso::validate(&config.sso))
        .map_err(|e| anyhow::anyhow!(e))
        .context("reading settings")?;
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
    let clock = clock_for(&config)?;
    if with_demo && demo::load(&db, clock.as_ref(), config.demo_cases).await? {
        tracing::info!("demo data loaded");
    }
    let mailer = Arc::new(Mailer::from_config(&config)?);
    let pusher =
        Arc::new(rjhub::notify::push::Pusher::from_config(&config).context("setting up web push")?);
    let texter = Arc::new(
        rjhub::notify::texts::Texter::from_config(&config).context("setting up text messages")?,
    );
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.bind))?;
    let addr = listener.local_addr()?;
    if config.public_url.is_none() {
        config.public_url = Some(format!("http://{addr}"));
    }
    tracing::info!(
        database = db::backend_name(&db),
        mail = mailer.describe(),
        texts = texter.describe(),
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
            texter,
            wake: state.ctx.outbox_wake.clone(),
        }
        .run(stop_rx),
    );

    let jobs = tokio::spawn(
        rjhub::jobs::Jobs {
            db: state.ctx.db.clone(),
            clock: state.ctx.clock.clone(),
            wake: Some(state.ctx.outbox_wake.clone()),
            retention_months: state.ctx.config.retention_months,
            nudges: rjhub::jobs::NudgeSettings::from_config(&state.ctx.config),
        }
        .run_every(state.ctx.config.jobs_interval_seconds, stop_tx.subscribe()),
    );

    if with_demo {
        demo::print_logins(
            &public_url,
            state.ctx.sessions.second_factor_roles.is_empty(),
        );
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
