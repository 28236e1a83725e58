//! The test harness: `TestApp` starts the real `rjhub` binary on a free port with a fresh
//! database (a SQLite file in a temporary directory, or a new PostgreSQL database when
//! `RJHUB_TEST_POSTGRES` names a server) and hands out HTTP clients with their own cookies.

pub mod disclosure_audit;
pub mod notify_standin;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

pub const DEMO_PASSWORD: &str = "rjhub-demo-2026";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbKind {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server tests may create databases on, e.g.
/// `postgres://postgres@127.0.0.1:5432/postgres`.
pub fn postgres_url() -> Option<String> {
    std::env::var("RJHUB_TEST_POSTGRES")
        .ok()
        .filter(|s| !s.trim().is_empty())
}

/// Runs a test body on SQLite and, when configured, on PostgreSQL: `on_both_databases!(f, g)`
/// makes `f::sqlite` and `f::postgres` from `async fn f(db: DbKind) -> anyhow::Result<()>`.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::report(super::$name($crate::DbKind::Sqlite).await);
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if $crate::postgres_url().is_none() {
                    eprintln!("PostgreSQL skipped: set RJHUB_TEST_POSTGRES to run this test on PostgreSQL");
                    return;
                }
                $crate::report(super::$name($crate::DbKind::Postgres).await);
            }
        }
    )*};
}

thread_local! {
    /// The tail of the log of the last server this test thread stopped, for failure reports.
    static LAST_SERVER_LOG: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Fails the test with its error and the tail of the server's log, so a failure on a CI
/// machine explains itself.
pub fn report(result: Result<()>) {
    if let Err(e) = result {
        let log = LAST_SERVER_LOG.with(|l| l.take());
        panic!("{e:?}\n--- server log (last lines) ---\n{log}");
    }
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// The binary under test: `RJHUB_BIN`, or the workspace's debug build.
pub fn binary() -> Result<PathBuf> {
    let path = match std::env::var("RJHUB_BIN") {
        Ok(p) => PathBuf::from(p),
        Err(_) => {
            let target = std::env::var("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|_| workspace_root().join("target"));
            target.join("debug").join("rjhub")
        }
    };
    if !path.exists() {
        bail!(
            "{} does not exist: run `cargo build -p rjhub` before the tests (the README's test command does)",
            path.display()
        );
    }
    Ok(path)
}

struct PgDatabase {
    admin_url: String,
    name: String,
}

impl PgDatabase {
    async fn create(admin_url: &str) -> Result<(Self, String)> {
        let name = format!("rjhub_test_{}", uuid::Uuid::now_v7().simple());
        let admin = Database::connect(admin_url)
            .await
            .context("connecting to RJHUB_TEST_POSTGRES")?;
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await?;
        admin.close().await?;
        let url = match admin_url.rsplit_once('/') {
            Some((server, _)) => format!("{server}/{name}"),
            None => bail!("RJHUB_TEST_POSTGRES must end in /<database>"),
        };
        Ok((
            Self {
                admin_url: admin_url.to_string(),
                name,
            },
            url,
        ))
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let (url, name) = (self.admin_url.clone(), self.name.clone());
        // Drop runs outside async: give the clean-up a runtime of its own.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            rt.block_on(async {
                let admin = Database::connect(&url).await?;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .await?;
                admin.close().await
            })
            .map_err(|e| std::io::Error::other(e.to_string()))
        })
        .join();
    }
}

pub struct TestAppBuilder {
    db: DbKind,
    demo: bool,
    env: Vec<(String, String)>,
    args: Vec<String>,
    data_dir: Option<PathBuf>,
    proxy: bool,
    bind: Option<String>,
}

impl TestAppBuilder {
    /// Listen on this address instead of a free port (when a peer must know it in advance).
    pub fn bind(mut self, addr: impl Into<String>) -> Self {
        self.bind = Some(addr.into());
        self
    }

    pub fn env(mut self, key: &str, value: impl Into<String>) -> Self {
        self.env.push((key.to_string(), value.into()));
        self
    }

    pub fn arg(mut self, a: impl Into<String>) -> Self {
        self.args.push(a.into());
        self
    }

    /// Use an existing data directory (one a CLI command has prepared).
    pub fn data_dir(mut self, dir: &Path) -> Self {
        self.data_dir = Some(dir.to_path_buf());
        self
    }

    pub fn without_demo(mut self) -> Self {
        self.demo = false;
        self
    }

    /// PostgreSQL only: the server reaches its database through a `FaultProxy` the test can cut.
    pub fn through_fault_proxy(mut self) -> Self {
        self.proxy = true;
        self
    }

    pub async fn start(self) -> Result<TestApp> {
        let dir = tempfile::tempdir()?;
        let clock_file = dir.path().join("now.txt");
        let (pg, database_url) = match self.db {
            DbKind::Sqlite => (None, None),
            DbKind::Postgres => {
                let admin = postgres_url().ok_or_else(|| anyhow!("RJHUB_TEST_POSTGRES not set"))?;
                let (pg, url) = PgDatabase::create(&admin).await?;
                (Some(pg), Some(url))
            }
        };
        // The server's own address for its database: through the proxy when asked.
        let (proxy, server_database_url) = match (&database_url, self.proxy) {
            (Some(url), true) => {
                let (proxy, via) = FaultProxy::in_front_of(url).await?;
                (Some(proxy), Some(via))
            }
            _ => (None, database_url.clone()),
        };
        let data = self
            .data_dir
            .clone()
            .unwrap_or_else(|| dir.path().join("data"));
        let mut args: Vec<String> = vec![
            "serve".into(),
            "--data-dir".into(),
            data.display().to_string(),
            "--pwa-dir".into(),
            dir.path().join("pwa").display().to_string(),
        ];
        if self.demo {
            args.push("--demo".into());
        }
        args.extend(self.args.iter().cloned());
        let mut env: Vec<(String, String)> = vec![
            (
                "RJHUB_TEST_CLOCK_FILE".into(),
                clock_file.display().to_string(),
            ),
            ("RJHUB_LOG".into(), "info".into()),
            // Demo accounts only: each test makes the cases it is about.
            ("RJHUB_DEMO_CASES".into(), "false".into()),
            // Scheduled jobs every second, so reminders show up within a test.
            ("RJHUB_JOBS_INTERVAL_SECONDS".into(), "1".into()),
            // Nudges and digests only where a test is about them: others count their mail.
            ("RJHUB_NUDGES".into(), "false".into()),
        ];
        env.extend(self.env.iter().cloned());
        // A production server refuses the test clock (and must): such a test runs in real time.
        if self
            .env
            .iter()
            .any(|(k, v)| k == "RJHUB_ENV" && v == "production")
        {
            env.retain(|(k, _)| k != "RJHUB_TEST_CLOCK_FILE");
        }
        if let Some(url) = &server_database_url {
            env.push(("DATABASE_URL".into(), url.clone()));
        }
        let spec = Spawn {
            args,
            env,
            log: dir.path().join("server.log"),
        };
        let (child, base) = spec
            .spawn(self.bind.as_deref().unwrap_or("127.0.0.1:0"))
            .await?;
        let database_url = database_url
            .unwrap_or_else(|| format!("sqlite://{}?mode=rw", data.join("rjhub.db").display()));
        Ok(TestApp {
            base,
            dir,
            clock_file,
            child,
            _pg: pg,
            db: self.db,
            database_url,
            spec,
            data,
            proxy,
        })
    }

    /// PostgreSQL only: two servers started at the same instant on one new, empty database (each
    /// with a data directory of its own), as a deployment of several instances starts.
    pub async fn start_two(self) -> Result<(TestApp, Instance)> {
        if self.db != DbKind::Postgres {
            bail!("several instances need PostgreSQL");
        }
        let admin = postgres_url().ok_or_else(|| anyhow!("RJHUB_TEST_POSTGRES not set"))?;
        let (pg, url) = PgDatabase::create(&admin).await?;
        let dir = tempfile::tempdir()?;
        let second_dir = tempfile::tempdir()?;
        let clock_file = dir.path().join("now.txt");
        let spec_for = |data: &Path, log: PathBuf| {
            let mut args: Vec<String> = vec![
                "serve".into(),
                "--data-dir".into(),
                data.display().to_string(),
                "--pwa-dir".into(),
                dir.path().join("pwa").display().to_string(),
            ];
            if self.demo {
                args.push("--demo".into());
            }
            args.extend(self.args.iter().cloned());
            let mut env: Vec<(String, String)> = vec![
                (
                    "RJHUB_TEST_CLOCK_FILE".into(),
                    clock_file.display().to_string(),
                ),
                ("RJHUB_LOG".into(), "info".into()),
                ("RJHUB_DEMO_CASES".into(), "false".into()),
                ("RJHUB_JOBS_INTERVAL_SECONDS".into(), "1".into()),
                ("RJHUB_NUDGES".into(), "false".into()),
            ];
            env.extend(self.env.iter().cloned());
            env.push(("DATABASE_URL".into(), url.clone()));
            Spawn { args, env, log }
        };
        let data = dir.path().join("data");
        let second_data = second_dir.path().join("data");
        let spec = spec_for(&data, dir.path().join("server.log"));
        let second = spec_for(&second_data, second_dir.path().join("server.log"));
        let (a, b) = tokio::join!(spec.spawn("127.0.0.1:0"), second.spawn("127.0.0.1:0"));
        let ((child, base), (second_child, second_base)) = (a?, b?);
        Ok((
            TestApp {
                base,
                dir,
                clock_file,
                child,
                _pg: Some(pg),
                db: DbKind::Postgres,
                database_url: url,
                spec,
                data,
                proxy: None,
            },
            Instance {
                base: second_base,
                data_dir: second_data,
                _child: second_child,
                _dir: second_dir,
            },
        ))
    }
}

/// A TCP proxy between a server and its PostgreSQL database that a test can cut: every open
/// connection is closed at once and new ones are refused until it is restored, as when the
/// database host drops off the network.
pub struct FaultProxy {
    up: std::sync::Arc<std::sync::atomic::AtomicBool>,
    open: std::sync::Arc<std::sync::Mutex<Vec<tokio::task::AbortHandle>>>,
    _accept: tokio::task::JoinHandle<()>,
}

impl FaultProxy {
    /// Starts a proxy in front of the database of `url`; returns it and the URL through it.
    pub async fn in_front_of(url: &str) -> Result<(Self, String)> {
        let (head, tail) = url
            .split_once('@')
            .ok_or_else(|| anyhow!("expected postgres://user@host:port/db"))?;
        let (hostport, db) = tail
            .split_once('/')
            .ok_or_else(|| anyhow!("expected postgres://user@host:port/db"))?;
        let target = hostport.to_string();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let port = listener.local_addr()?.port();
        let up = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        let open: std::sync::Arc<std::sync::Mutex<Vec<tokio::task::AbortHandle>>> =
            Default::default();
        let (up2, open2) = (up.clone(), open.clone());
        let accept = tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if !up2.load(std::sync::atomic::Ordering::SeqCst) {
                    drop(client);
                    continue;
                }
                let target = target.clone();
                let task = tokio::spawn(async move {
                    if let Ok(mut server) = tokio::net::TcpStream::connect(&target).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                if let Ok(mut v) = open2.lock() {
                    v.push(task.abort_handle());
                }
            }
        });
        Ok((
            Self {
                up,
                open,
                _accept: accept,
            },
            format!("{head}@127.0.0.1:{port}/{db}"),
        ))
    }

    /// Drops every connection and refuses new ones.
    pub fn cut(&self) {
        self.up.store(false, std::sync::atomic::Ordering::SeqCst);
        if let Ok(mut v) = self.open.lock() {
            for h in v.drain(..) {
                h.abort();
            }
        }
    }

    /// Lets connections through again.
    pub fn restore(&self) {
        self.up.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

/// How to start the server again: the same arguments and environment.
struct Spawn {
    args: Vec<String>,
    env: Vec<(String, String)>,
    log: PathBuf,
}

impl Spawn {
    /// Starts `rjhub` listening on `bind`; returns it and its base URL once it listens.
    async fn spawn(&self, bind: &str) -> Result<(Child, String)> {
        let log = std::fs::File::options()
            .create(true)
            .append(true)
            .open(&self.log)?;
        let mut cmd = Command::new(binary()?);
        cmd.args(&self.args)
            .arg("--bind")
            .arg(bind)
            .env_remove("DATABASE_URL")
            .env_remove("RJHUB_SMTP_URL")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log))
            .kill_on_drop(true);
        let mut child = cmd.spawn().context("starting rjhub")?;
        let stdout = child.stdout.take().ok_or_else(|| anyhow!("no stdout"))?;
        let mut lines = BufReader::new(stdout).lines();
        let base = tokio::time::timeout(Duration::from_secs(90), async {
            while let Some(line) = lines.next_line().await? {
                if let Some(url) = line.strip_prefix("RJ Hub is listening on ") {
                    return Ok::<_, anyhow::Error>(url.trim().to_string());
                }
            }
            bail!("rjhub exited before listening")
        })
        .await
        .map_err(|_| anyhow!("rjhub did not start within 90 s"))?;
        let base = match base {
            Ok(b) => b,
            Err(e) => {
                let log = std::fs::read_to_string(&self.log).unwrap_or_default();
                bail!("{e}\n--- server log ---\n{log}");
            }
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok((child, base))
    }
}

/// Another server process on the same PostgreSQL database, with a data directory of its own.
pub struct Instance {
    pub base: String,
    pub data_dir: PathBuf,
    _child: Child,
    _dir: tempfile::TempDir,
}

pub struct TestApp {
    pub base: String,
    pub dir: tempfile::TempDir,
    clock_file: PathBuf,
    child: Child,
    _pg: Option<PgDatabase>,
    pub db: DbKind,
    database_url: String,
    spec: Spawn,
    data: PathBuf,
    proxy: Option<FaultProxy>,
}

/// Moves a test clock: written beside and renamed, so the server never reads half a time.
pub fn write_clock(file: &Path, at: DateTime<Utc>) -> Result<()> {
    let next = file.with_extension("next");
    std::fs::write(&next, at.to_rfc3339())?;
    std::fs::rename(&next, file)?;
    Ok(())
}

impl TestApp {
    /// The file the server reads "now" from (for `rjhub` commands run beside it).
    pub fn clock_file(&self) -> &Path {
        &self.clock_file
    }

    /// The database URL the test reads (and `rjhub` commands may use).
    pub fn database_url(&self) -> &str {
        &self.database_url
    }

    /// The fault proxy in front of the database (`through_fault_proxy`).
    pub fn proxy(&self) -> Option<&FaultProxy> {
        self.proxy.as_ref()
    }

    pub fn builder(db: DbKind) -> TestAppBuilder {
        TestAppBuilder {
            db,
            demo: true,
            env: Vec::new(),
            args: Vec::new(),
            data_dir: None,
            proxy: false,
            bind: None,
        }
    }

    /// The server with demo data loaded.
    pub async fn start(db: DbKind) -> Result<Self> {
        Self::builder(db).start().await
    }

    pub fn data_dir(&self) -> PathBuf {
        self.data.clone()
    }

    pub fn pwa_dir(&self) -> PathBuf {
        self.dir.path().join("pwa")
    }

    pub fn server_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    /// Moves the server's clock: every later request sees this as "now".
    pub fn set_now(&self, at: DateTime<Utc>) -> Result<()> {
        write_clock(&self.clock_file, at)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A client with its own cookie jar, signed in as nobody.
    pub fn client(&self) -> Client {
        self.client_on(None)
    }

    /// A client whose requests carry this User-Agent (a browser on a phone, say).
    pub fn client_on(&self, user_agent: Option<&str>) -> Client {
        let mut b = reqwest::Client::builder().cookie_store(true);
        if let Some(ua) = user_agent {
            b = b.user_agent(ua.to_string());
        }
        Client {
            http: b.build().unwrap_or_default(),
            endpoint: self.url("/graphql"),
        }
    }

    pub async fn login(&self, email: &str, password: &str) -> Result<Client> {
        self.login_on(None, email, password).await
    }

    /// Signs in from a browser with this User-Agent.
    pub async fn login_on(
        &self,
        user_agent: Option<&str>,
        email: &str,
        password: &str,
    ) -> Result<Client> {
        let c = self.client_on(user_agent);
        let r = c
            .gql(
                "mutation($i: LoginInput!) { login(input: $i) { user { id } } }",
                json!({ "i": { "email": email, "password": password } }),
            )
            .await?;
        if let Some(code) = error_code(&r) {
            bail!("login as {email} failed: {code}: {r}");
        }
        Ok(c)
    }

    pub async fn login_demo(&self, who: &str) -> Result<Client> {
        self.login(&format!("{who}@demo.rjhub.test"), DEMO_PASSWORD)
            .await
    }

    /// Creates an active user with the CLI against this server's database; returns its id.
    pub async fn create_user(
        &self,
        email: &str,
        name: &str,
        roles: &[&str],
        kind: Option<&str>,
        agency: Option<&str>,
    ) -> Result<String> {
        let mut cmd = std::process::Command::new(binary()?);
        cmd.arg("create-user")
            .args(["--email", email, "--name", name])
            .arg("--database-url")
            .arg(&self.database_url)
            .arg("--data-dir")
            .arg(self.data_dir())
            .env("RJHUB_PASSWORD", DEMO_PASSWORD);
        for r in roles {
            cmd.args(["--role", r]);
        }
        if let Some(k) = kind {
            cmd.args(["--kind", k]);
        }
        if let Some(a) = agency {
            cmd.args(["--agency", a]);
        }
        let out = tokio::task::spawn_blocking(move || cmd.output()).await??;
        if !out.status.success() {
            bail!(
                "create-user failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let text = String::from_utf8_lossy(&out.stdout);
        text.trim()
            .strip_prefix("Created user ")
            .map(|s| s.trim_end_matches('.').to_string())
            .ok_or_else(|| anyhow!("unexpected create-user output: {text}"))
    }

    /// A direct connection to the server's database, for checking what was stored.
    pub async fn database(&self) -> Result<sea_orm::DatabaseConnection> {
        Ok(Database::connect(&self.database_url).await?)
    }

    /// Rows of a query on the server's database, as JSON objects.
    pub async fn rows(&self, sql: &str) -> Result<Vec<Value>> {
        use sea_orm::{FromQueryResult, JsonValue, Statement};
        let db = self.database().await?;
        let stmt = Statement::from_string(db.get_database_backend(), sql.to_string());
        let rows = JsonValue::find_by_statement(stmt).all(&db).await?;
        db.close().await?;
        Ok(rows)
    }

    /// Kills the server with SIGKILL (no chance to finish anything), then starts it again on
    /// the same port, data directory and database. Clients made before keep working.
    pub async fn crash_and_restart(&mut self) -> Result<()> {
        self.child.start_kill()?;
        self.child.wait().await?;
        let bind = self.base.trim_start_matches("http://").to_string();
        let (child, base) = self.spec.spawn(&bind).await?;
        self.child = child;
        self.base = base;
        Ok(())
    }

    /// A second server on this test's PostgreSQL database (several instances share one).
    pub async fn second_instance(&self) -> Result<Instance> {
        if self.db != DbKind::Postgres {
            bail!("several instances need PostgreSQL");
        }
        let dir = tempfile::tempdir()?;
        let data = dir.path().join("data");
        let mut args = self.spec.args.clone();
        if let Some(i) = args.iter().position(|a| a == "--data-dir") {
            args[i + 1] = data.display().to_string();
        }
        let spec = Spawn {
            args,
            env: self.spec.env.clone(),
            log: dir.path().join("server.log"),
        };
        let (child, base) = spec.spawn("127.0.0.1:0").await?;
        Ok(Instance {
            base,
            data_dir: data,
            _child: child,
            _dir: dir,
        })
    }

    /// Runs an `rjhub` command on this test's database and data directory (with the test clock);
    /// returns its output.
    pub fn cli(&self, args: &[&str]) -> Result<std::process::Output> {
        let mut cmd = std::process::Command::new(binary()?);
        cmd.args(args)
            .arg("--data-dir")
            .arg(self.data_dir())
            .env_remove("DATABASE_URL")
            .env("RJHUB_TEST_CLOCK_FILE", &self.clock_file);
        if self.db == DbKind::Postgres {
            cmd.env("DATABASE_URL", &self.database_url);
        }
        Ok(cmd.output()?)
    }

    /// Sends SIGTERM and waits for the server to exit; returns whether it exited cleanly.
    pub async fn terminate(mut self) -> Result<bool> {
        let pid = self
            .child
            .id()
            .ok_or_else(|| anyhow!("server already exited"))?;
        std::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()?;
        let status = tokio::time::timeout(Duration::from_secs(15), self.child.wait())
            .await
            .map_err(|_| anyhow!("server did not stop within 15 s of SIGTERM"))??;
        Ok(status.success())
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let log = std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        let tail = lines[lines.len().saturating_sub(120)..].join("\n");
        LAST_SERVER_LOG.with(|l| *l.borrow_mut() = tail);
    }
}

#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    endpoint: String,
}

impl Client {
    /// Sends one GraphQL request; returns the whole JSON response.
    pub async fn gql(&self, query: &str, variables: Value) -> Result<Value> {
        let res = self
            .http
            .post(&self.endpoint)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await?;
        Ok(res.json().await?)
    }

    /// Sends one GraphQL request that must succeed; returns `data`.
    pub async fn data(&self, query: &str, variables: Value) -> Result<Value> {
        let r = self.gql(query, variables).await?;
        if r.get("errors").is_some() {
            bail!("unexpected errors: {r}");
        }
        Ok(r["data"].clone())
    }
}

/// The first error's `extensions.code`.
pub fn error_code(response: &Value) -> Option<String> {
    response["errors"][0]["extensions"]["code"]
        .as_str()
        .map(str::to_string)
}

pub fn error_field(response: &Value) -> Option<String> {
    response["errors"][0]["extensions"]["field"]
        .as_str()
        .map(str::to_string)
}

pub fn error_message(response: &Value) -> String {
    response["errors"][0]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Waits until `f` gives `Some`, for things that happen in the background (mail delivery).
pub async fn eventually<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> Result<T> {
    for _ in 0..100 {
        if let Some(v) = f() {
            return Ok(v);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!("timed out waiting for {what}")
}

/// Every `.eml` file the server has written to its outbox, as text.
pub fn outbox_mails(data_dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(data_dir.join("outbox")) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect()
}

/// Like `eventually`, for checks that are themselves async (a database query).
pub async fn eventually_async<T, F, Fut>(what: &str, mut f: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    for _ in 0..100 {
        if let Some(v) = f().await {
            return Ok(v);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!("timed out waiting for {what}")
}
