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
