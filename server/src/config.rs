//! One `Config`, layered: built-in defaults → optional TOML file (`--config`) → `RJHUB_*`
//! environment variables (and `DATABASE_URL`) → command-line flags. Every key is listed in the
//! README's configuration table.

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

use crate::access::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    #[default]
    Development,
    Production,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// How SQLite makes a commit durable. `Full` syncs the write-ahead log on every commit, so an
/// acknowledged write survives power loss, not only a killed process; `Normal` syncs at
/// checkpoints (faster, and a power cut may lose the last commits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SqliteSync {
    #[default]
    Full,
    Normal,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Address and port to listen on.
    pub bind: SocketAddr,
    /// Where the SQLite file, mail outbox and keys live.
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; unset means `<data_dir>/rjhub.db`.
    pub database_url: Option<String>,
    pub env: Environment,
    /// The address people reach the Hub on, used in e-mailed links.
    pub public_url: Option<String>,
    /// The built PWA (`npm run build` in `pwa/`).
    pub pwa_dir: PathBuf,
    /// `smtp://host:25`, `smtps://user:pass@host:465` or `smtp://…?tls=required`; unset writes
    /// mail to `<data_dir>/outbox/*.eml`.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// A GOV.UK Notify API key (`name-<service id>-<secret>`) for text messages; unset writes
    /// texts to `<data_dir>/outbox/texts/*.json` instead.
    pub notify_api_key: Option<String>,
    /// The Notify text template: its body is `((body))`, the Hub writes the words.
    pub notify_sms_template_id: Option<String>,
    /// Notify's API (tests point it at a local stand-in).
    pub notify_base_url: String,
    /// The bearer token Notify sends with delivery receipts to `/notify/receipts` (set the same
    /// in Notify's callback settings); unset refuses every receipt.
    pub notify_callback_token: Option<String>,
    /// Mark the session cookie `Secure`; unset means "when public_url is https".
    pub cookie_secure: Option<bool>,
    pub session_idle_minutes: i64,
    pub session_absolute_hours: i64,
    /// Roles that must sign in with a second factor (an authenticator app code or a passkey),
    /// as a comma list, or `none`; unset means every role that sees personal data (all but
    /// the commissioner), and `none` under `--demo`.
    pub second_factor_roles: Option<String>,
    /// Organisations whose staff sign in with their own account (OpenID Connect).
    pub sso: Vec<Organisation>,
    pub invitation_days: i64,
    pub login_max_failures_per_account: i32,
    pub login_max_failures_per_address: i32,
    pub login_lockout_minutes: i64,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted reverse proxy).
    pub trust_proxy: bool,
    /// Allow schema introspection and GraphiQL; unset means "not in production".
    pub introspection: Option<bool>,
    pub log_format: LogFormat,
    /// The VAPID private key (raw P-256 scalar, base64url); unset means the key generated on
    /// first start in `<data_dir>/vapid_private_key`.
    pub vapid_private_key: Option<String>,
    /// Who push services may contact about our messages (`mailto:` or `https:`).
    pub vapid_subject: Option<String>,
    /// Accept push endpoints over plain http (tests with a local push service only).
    pub push_allow_http: bool,
    /// How often scheduled jobs (accreditation reminders) run, in seconds.
    pub jobs_interval_seconds: u64,
    /// With `--demo`/`rjhub demo`: also load sample cases (the accounts are always loaded).
    pub demo_cases: bool,
    /// Months after a case ends (closed, not suitable or stopped) before its personal data is
    /// anonymised by the daily retention job and `rjhub retention --apply`.
    pub retention_months: u32,
    /// Copy a SQLite database to `<data_dir>/backups/` before `serve` runs pending migrations.
    pub backup_before_migrate: bool,
    /// Tests only: read "now" from this file (RFC 3339) so expiry can be tested without waiting.
    pub test_clock_file: Option<PathBuf>,
    /// SQLite's durability of a commit (see `SqliteSync`).
    pub sqlite_synchronous: SqliteSync,
    /// A GraphQL request still running after this many seconds is stopped, its database work
    /// with it, and answered with `TIMEOUT`.
    pub request_timeout_seconds: u64,
    /// How long this process may answer a session from its memory of the last lookup without
    /// asking the database (0: always ask). Its own changes are seen at once; this bounds how
    /// long another instance's (or the CLI's) sign-out, suspension or role change takes.
    pub session_memory_seconds: u64,
    /// Expensive operations (reports, suggestions, exports) one user may start in a minute.
    pub expensive_per_minute: u32,
    /// How people reach the Hub without the app: shown on the public pages, the confirmation
    /// of a self-referral and every refusal, so nobody is turned away with nowhere to go.
    pub contact_phone: String,
    pub contact_email: String,
    pub contact_hours: String,
    /// Self-referrals the whole service takes in an hour before it asks people to phone or
    /// write instead (a flood, not a person). One connection sending many is not refused —
    /// refuges and mobile networks share addresses — but its forms are marked for checking.
    pub self_referrals_per_hour: i32,
    /// An open case with no contact logged and nothing changed for this many days has gone
    /// quiet: the workbench lists it.
    pub stale_after_days: i64,
    /// Send the nudges (a case gone quiet, an offer unanswered, an item overdue, the weekly
    /// digest) from the jobs loop.
    pub nudges: bool,
    /// Hours an offer may wait unanswered before the co-ordinators are nudged.
    pub nudge_offer_hours: i64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("data"),
            database_url: None,
            env: Environment::Development,
            public_url: None,
            pwa_dir: PathBuf::from("pwa/dist"),
            smtp_url: None,
            mail_from: "RJ Hub <rjhub@localhost>".into(),
            notify_api_key: None,
            notify_sms_template_id: None,
            notify_base_url: "https://api.notifications.service.gov.uk".into(),
            notify_callback_token: None,
            cookie_secure: None,
            session_idle_minutes: 60,
            session_absolute_hours: 12,
            second_factor_roles: None,
            sso: Vec::new(),
            invitation_days: 7,
            login_max_failures_per_account: 5,
            login_max_failures_per_address: 20,
            login_lockout_minutes: 15,
            trust_proxy: false,
            introspection: None,
            log_format: LogFormat::Text,
            vapid_private_key: None,
            vapid_subject: None,
            push_allow_http: false,
            jobs_interval_seconds: 300,
            demo_cases: true,
            retention_months: 72,
            backup_before_migrate: true,
            test_clock_file: None,
            sqlite_synchronous: SqliteSync::Full,
            request_timeout_seconds: 30,
            session_memory_seconds: 2,
            expensive_per_minute: 30,
            // Ofcom's numbers for drama: never a real line until the Hub sets its own.
            contact_phone: "01632 960 000".into(),
            contact_email: "restorative.justice@rjhub.example".into(),
            contact_hours: "Monday to Friday, 9am to 5pm, except bank holidays".into(),
            self_referrals_per_hour: 300,
            stale_after_days: 14,
            nudges: true,
            nudge_offer_hours: 24,
        }
    }
}

/// An organisation with its own identity provider (police forces use Microsoft Entra ID): its
/// staff sign in there, and the claims it sends decide their roles here.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Organisation {
    /// In addresses: `/auth/oidc/<id>/start`. Lower-case letters, digits and hyphens.
    pub id: String,
    /// On the sign-in button: "Sign in with Northshire Police".
    pub name: String,
    /// The issuer, whose `/.well-known/openid-configuration` is read.
    pub issuer: String,
    pub client_id: String,
    #[serde(default)]
    pub client_secret: Option<String>,
    /// Only e-mail addresses at these domains may sign in through this organisation.
    pub allowed_domains: Vec<String>,
    /// The ID token claim that carries the user's roles or groups.
    #[serde(default = "roles_claim")]
    pub roles_claim: String,
    /// Claim value → RJ Hub role (`"RJ.Referrer" = "referrer"`); values not listed give nothing.
    #[serde(default)]
    pub roles: std::collections::BTreeMap<String, String>,
    /// The partner agency every user of this organisation works for (e.g. "Police").
    #[serde(default)]
    pub agency: Option<String>,
    /// For a mapped facilitator role: their kind (`volunteer`, `special_constable`,
    /// `partner_practitioner`).
    #[serde(default)]
    pub facilitator_kind: Option<String>,
}

fn roles_claim() -> String {
    "roles".into()
}

/// Values given on the command line; `None` leaves the lower layers in charge.
#[derive(Debug, Default, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bind: Option<SocketAddr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pwa_dir: Option<PathBuf>,
}

/// Every role but the commissioner's, who sees only suppressed aggregates.
pub fn roles_seeing_personal_data() -> BTreeSet<Role> {
    Role::ALL
        .into_iter()
        .filter(|r| *r != Role::Commissioner)
        .collect()
}

impl Config {
    pub fn load(file: Option<&Path>, overrides: &Overrides) -> Result<Self, Box<figment::Error>> {
        let mut fig = Figment::from(Serialized::defaults(Config::default()));
        if let Some(file) = file {
            fig = fig.merge(Toml::file_exact(file));
        }
        fig.merge(Env::prefixed("RJHUB_").ignore(&["PASSWORD", "CONFIG", "LOG"]))
            .merge(Env::raw().only(&["DATABASE_URL"]))
            .merge(Serialized::defaults(overrides))
            .extract()
            .map_err(Box::new)
    }

    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.trim().is_empty() => url.clone(),
            _ => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("rjhub.db").display()
            ),
        }
    }

    pub fn public_url(&self) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => format!("http://{}", self.bind),
        }
    }

    pub fn cookie_secure(&self) -> bool {
        self.cookie_secure
            .unwrap_or_else(|| self.public_url().starts_with("https://"))
    }

    pub fn introspection(&self) -> bool {
        self.introspection
            .unwrap_or(self.env != Environment::Production)
    }

    /// The roles that must use a second factor; an unknown role name is an error.
    pub fn second_factor_roles(&self) -> Result<BTreeSet<Role>, String> {
        let Some(list) = self.second_factor_roles.as_deref() else {
            return Ok(roles_seeing_personal_data());
        };
        if list.trim().eq_ignore_ascii_case("none") {
            return Ok(BTreeSet::new());
        }
        list.split(',')
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(|r| {
                r.parse::<Role>()
                    .map_err(|e| format!("second_factor_roles: {e}, or 'none'"))
            })
            .collect()
    }

    pub fn outbox_dir(&self) -> PathBuf {
        self.data_dir.join("outbox")
    }
}
