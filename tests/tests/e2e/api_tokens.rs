//! Partner systems' API tokens (#20): scoped to named operations, expiring, rotated with a day's
//! grace, revoked at once, stored hashed, and every use audited as the token.

use anyhow::{Result, ensure};
use chrono::{Duration, Utc};
use rjhub_tests::{DbKind, TestApp, error_code, on_both_databases};
use serde_json::{Value, json};

use crate::intake::CREATE_REFERRAL;

on_both_databases!(
    partner_systems_file_and_follow_referrals_with_a_scoped_token_and_nothing_else,
    a_token_rotates_with_a_days_grace_and_revokes_at_once,
);

const ISSUE: &str = "mutation($i: IssueApiTokenInput!) { issueApiToken(input: $i) { secret token { id accountId name agency scopes expiresAt usable } } }";

/// Sends a GraphQL request with `Authorization: Bearer`; returns the status and body.
async fn bearer(
    app: &TestApp,
    secret: &str,
    query: &str,
    variables: Value,
) -> Result<(u16, Value)> {
    let res = reqwest::Client::new()
        .post(app.url("/graphql"))
        .bearer_auth(secret)
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await?;
    let status = res.status().as_u16();
    Ok((status, res.json().await?))
}

fn referral() -> Value {
    json!({ "i": {
        "referralSource": "youth_offending_service", "offenderInitiated": true, "consentConfirmed": true, "offenderIdentified": true,
        "offender": { "fullName": "Otto Token", "phone": "07700 900123", "contactChannels": ["PHONE"] },
        "offence": { "offenceCategory": "robbery", "area": "fenland" } } })
}

async fn issue_token(app: &TestApp, scopes: &[&str]) -> Result<(String, Value)> {
    let coord = app.login_demo("coordinator").await?;
    let d = coord
        .data(ISSUE, json!({ "i": { "agency": "Youth Offending Service", "name": "YOS case system", "scopes": scopes } }))
        .await?;
    let secret = d["issueApiToken"]["secret"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    Ok((secret, d["issueApiToken"]["token"].clone()))
}

async fn partner_systems_file_and_follow_referrals_with_a_scoped_token_and_nothing_else(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::start(db).await?;
    // Only the co-ordinator issues tokens.
    let partner = app.login_demo("partner").await?;
    let r = partner
        .gql(ISSUE, json!({ "i": { "agency": "Probation", "name": "Probation system", "scopes": ["CREATE_REFERRAL"] } }))
        .await?;
    ensure!(error_code(&r).as_deref() == Some("FORBIDDEN"), "{r}");

    let (secret, token) = issue_token(&app, &["CREATE_REFERRAL", "MY_REFERRALS"]).await?;
    ensure!(
        secret.starts_with("rjhub_") && token["usable"] == true,
        "{token}"
    );
    let (status, body) = bearer(&app, &secret, CREATE_REFERRAL, referral()).await?;
    ensure!(status == 200 && body.get("errors").is_none(), "{body}");
    let (_, mine) = bearer(
        &app,
        &secret,
        "{ myReferrals { edges { node { reference stage } } } }",
        json!({}),
    )
    .await?;
    ensure!(
        mine["data"]["myReferrals"]["edges"]
            .as_array()
            .map(Vec::len)
            == Some(1),
        "{mine}"
    );
    // The referral is the agency's, filed by the token's own account.
    let coord = app.login_demo("coordinator").await?;
    let d = coord
        .data(
            "{ cases(first: 1) { edges { node { referringAgency } } } }",
            json!({}),
        )
        .await?;
    ensure!(
        d["cases"]["edges"][0]["node"]["referringAgency"] == "Youth Offending Service",
        "{d}"
    );

    // Anything else is refused before it runs: another field, an alias, a fragment.
    for q in [
        "{ me { id } }",
        "{ mine: cases { edges { node { id } } } }",
        "query { ...F } fragment F on Query { myReferrals { edges { node { id } } } users { edges { node { email } } } }",
    ] {
        let (status, body) = bearer(&app, &secret, q, json!({})).await?;
        ensure!(
            status == 403 && error_code(&body).as_deref() == Some("FORBIDDEN"),
            "{q}: {body}"
        );
    }
    // A token for following only cannot file.
    let (follow_only, _) = issue_token(&app, &["MY_REFERRALS"]).await?;
    let (status, body) = bearer(&app, &follow_only, CREATE_REFERRAL, referral()).await?;
    ensure!(status == 403, "{body}");
    // An unknown secret is refused as unauthenticated.
    let (status, body) = bearer(
        &app,
        "rjhub_not-a-token",
        "{ myReferrals { edges { node { id } } } }",
        json!({}),
    )
    .await?;
    ensure!(
        status == 401 && error_code(&body).as_deref() == Some("UNAUTHENTICATED"),
        "{body}"
    );

    // Every use is audited as the token's account, refusals too; the secret is not stored.
    // (Compared here, not in SQL: SQLite keeps the ids as blobs.)
    let uses = app
        .rows("SELECT actor_id, entity_id FROM audit_log WHERE action = 'api_request'")
        .await?
        .into_iter()
        .filter(|r| r["entity_id"] == token["id"] && r["actor_id"] == token["accountId"])
        .count();
    ensure!(uses == 5, "{uses} uses audited");
    let stored = app.rows("SELECT token_hash FROM api_tokens").await?;
    ensure!(
        stored.iter().all(|r| r["token_hash"]
            .as_str()
            .is_some_and(|h| h.len() == 64 && !secret.contains(h))),
        "{stored:?}"
    );
    Ok(())
}

async fn a_token_rotates_with_a_days_grace_and_revokes_at_once(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let t0 = Utc::now();
    app.set_now(t0)?;
    let (old, token) = issue_token(&app, &["MY_REFERRALS"]).await?;
    let follow = "{ myReferrals { edges { node { id } } } }";
    let coord = app.login_demo("coordinator").await?;
    let d = coord
        .data(
            "mutation($i: RotateApiTokenInput!) { rotateApiToken(input: $i) { secret token { id rotatedFrom } } }",
            json!({ "i": { "tokenId": token["id"] } }),
        )
        .await?;
    let new = d["rotateApiToken"]["secret"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    ensure!(
        d["rotateApiToken"]["token"]["rotatedFrom"] == token["id"],
        "{d}"
    );
    for s in [&old, &new] {
        ensure!(bearer(&app, s, follow, json!({})).await?.0 == 200);
    }
    // A day and an hour on, only the new secret works.
    app.set_now(t0 + Duration::hours(25))?;
    ensure!(bearer(&app, &old, follow, json!({})).await?.0 == 401);
    ensure!(bearer(&app, &new, follow, json!({})).await?.0 == 200);
    let coord = app.login_demo("coordinator").await?;
    coord
        .data(
            "mutation($i: RevokeApiTokenInput!) { revokeApiToken(input: $i) { token { usable revokedAt } } }",
            json!({ "i": { "tokenId": d["rotateApiToken"]["token"]["id"] } }),
        )
        .await?;
    ensure!(bearer(&app, &new, follow, json!({})).await?.0 == 401);
    let list = coord
        .data("{ apiTokens { usable lastUsedAt } }", json!({}))
        .await?;
    ensure!(
        list["apiTokens"].as_array().is_some_and(|l| l.len() == 2
            && l.iter()
                .all(|t| t["usable"] == false && !t["lastUsedAt"].is_null())),
        "{list}"
    );
    Ok(())
}
