//! The `rjhub` command line: schema export, create-user, migrate, help.

use std::process::Command;

use anyhow::{Result, ensure};
use rjhub_tests::{DbKind, TestApp, binary, workspace_root};

#[test]
fn foundation_committed_schema_matches_the_server() -> Result<()> {
    let out = Command::new(binary()?).arg("schema").output()?;
    ensure!(out.status.success());
    let sdl = String::from_utf8(out.stdout)?;
    let committed = std::fs::read_to_string(workspace_root().join("pwa/schema.graphql"))?;
    ensure!(
        sdl == committed,
        "pwa/schema.graphql is out of date: run `cargo run -p rjhub -- schema > pwa/schema.graphql`"
    );
    Ok(())
}

#[test]
fn foundation_every_command_has_help() -> Result<()> {
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["create-user", "--help"],
        vec!["migrate", "--help"],
        vec!["demo", "--help"],
        vec!["backup", "--help"],
        vec!["restore", "--help"],
        vec!["retention", "--help"],
        vec!["report", "--help"],
        vec!["jobs", "--help"],
    ] {
        let out = Command::new(binary()?).args(&args).output()?;
        ensure!(out.status.success(), "{args:?}");
        ensure!(String::from_utf8(out.stdout)?.contains("Usage"), "{args:?}");
    }
    let bad = Command::new(binary()?)
        .args([
            "create-user",
            "--email",
            "a@b.org",
            "--name",
            "A",
            "--role",
            "admin",
        ])
        .output()?;
    ensure!(!bad.status.success());
    ensure!(String::from_utf8(bad.stderr)?.contains("unknown role"));
    Ok(())
}

#[tokio::test]
async fn foundation_create_user_makes_an_account_that_can_sign_in() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let run = |args: &[&str]| {
        Command::new(binary()?)
            .args(args)
            .arg("--data-dir")
            .arg(dir.path())
            .env_remove("DATABASE_URL")
            .env("RJHUB_PASSWORD", "first coordinator pass")
            .output()
            .map_err(anyhow::Error::from)
    };
    let out = run(&["migrate"])?;
    ensure!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&[
        "create-user",
        "--email",
        "Lead@Example.org",
        "--name",
        "Lead Co-ordinator",
        "--role",
        "coordinator",
        "--role",
        "supervisor",
    ])?;
    ensure!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dup = run(&[
        "create-user",
        "--email",
        "lead@example.org",
        "--name",
        "Again",
        "--role",
        "trainer",
    ])?;
    ensure!(!dup.status.success());
    ensure!(String::from_utf8_lossy(&dup.stderr).contains("already exists"));

    let app = TestApp::builder(DbKind::Sqlite)
        .without_demo()
        .env("RJHUB_SECOND_FACTOR_ROLES", "none")
        .data_dir(dir.path())
        .start()
        .await?;
    let c = app
        .login("lead@example.org", "first coordinator pass")
        .await?;
    let me = c.data("{ me { roles } }", serde_json::json!({})).await?;
    ensure!(
        me["me"]["roles"] == serde_json::json!(["COORDINATOR", "SUPERVISOR"]),
        "{me}"
    );
    Ok(())
}

/// The end-to-end tests move time with a clock file; a production server must never read one.
#[test]
fn r_dp_1_the_test_clock_is_refused_in_production() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let clock = dir.path().join("now.txt");
    std::fs::write(&clock, "2030-01-01T00:00:00Z")?;
    let out = Command::new(binary()?)
        .args(["jobs", "--data-dir"])
        .arg(dir.path().join("data"))
        .env_remove("DATABASE_URL")
        .env("RJHUB_ENV", "production")
        .env("RJHUB_TEST_CLOCK_FILE", &clock)
        .output()?;
    ensure!(
        !out.status.success(),
        "a production run accepted the test clock"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    ensure!(
        err.contains("RJHUB_TEST_CLOCK_FILE") && err.contains("production"),
        "{err}"
    );
    // Outside production the same setting is honoured.
    let out = Command::new(binary()?)
        .args(["jobs", "--data-dir"])
        .arg(dir.path().join("data"))
        .env_remove("DATABASE_URL")
        .env("RJHUB_TEST_CLOCK_FILE", &clock)
        .output()?;
    ensure!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(())
}

/// `rjhub jobs` runs every scheduled job once and says what each did (cron can drive it).
#[test]
fn operations_scheduled_jobs_run_once_from_the_command_line() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let out = Command::new(binary()?)
        .args(["jobs", "--retention", "--data-dir"])
        .arg(dir.path())
        .env_remove("DATABASE_URL")
        .output()?;
    ensure!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout)?;
    for job in [
        "retention: 0",
        "report facts: 0",
        "accreditation reminders: 0",
        "meeting reminders: 0",
        "follow-up reminders: 0",
        "lapsed offers: 0",
    ] {
        ensure!(text.contains(job), "{job} missing from:\n{text}");
    }
    Ok(())
}
