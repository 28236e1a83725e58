//! Web push end to end: the test plays the push service, verifies the VAPID JWT (RFC 8292) and
//! decrypts the aes128gcm payload (RFC 8291) with the subscription's private key, as a
//! browser would.

use std::sync::Arc;
use std::sync::atomic::{AtomicU16, Ordering};

use anyhow::{Result, ensure};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{Duration, Utc};
use p256::ecdsa::signature::Verifier;
use rjhub_tests::{DbKind, TestApp, on_both_databases};
use serde_json::{Value, json};
use tokio::sync::mpsc;

use crate::cases::{ASSESS, user_id};
use crate::intake::{SELF_REFERRAL, self_referral};

struct Received {
    headers: HeaderMap,
    body: Vec<u8>,
}

#[derive(Clone)]
struct PushService {
    tx: mpsc::UnboundedSender<Received>,
    answer: Arc<AtomicU16>,
}

async fn receive(State(s): State<PushService>, headers: HeaderMap, body: Bytes) -> StatusCode {
    // Decide the answer before the test sees the message: the test changes the answer once it
    // has received one, and that change must only apply to the next message.
    let answer =
        StatusCode::from_u16(s.answer.load(Ordering::SeqCst)).unwrap_or(StatusCode::CREATED);
    let _ = s.tx.send(Received {
        headers,
        body: body.to_vec(),
    });
    answer
}

async fn push_service() -> Result<(String, mpsc::UnboundedReceiver<Received>, Arc<AtomicU16>)> {
    let (tx, rx) = mpsc::unbounded_channel();
    let answer = Arc::new(AtomicU16::new(201));
    let app = axum::Router::new()
        .route("/push/{id}", axum::routing::post(receive))
        .with_state(PushService {
            tx,
            answer: answer.clone(),
        });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let origin = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok((origin, rx, answer))
}

/// Checks `Authorization: vapid t=<jwt>, k=<key>`; returns the JWT claims.
fn verify_vapid(headers: &HeaderMap, server_key: &str) -> Result<Value> {
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let rest = auth
        .strip_prefix("vapid ")
        .ok_or_else(|| anyhow::anyhow!("not a vapid header: {auth}"))?;
    let mut t = "";
    let mut k = "";
    for part in rest.split(',').map(str::trim) {
        if let Some(v) = part.strip_prefix("t=") {
            t = v;
        } else if let Some(v) = part.strip_prefix("k=") {
            k = v;
        }
    }
    ensure!(
        k == server_key,
        "k={k} is not the server's key {server_key}"
    );
    let segments: Vec<&str> = t.split('.').collect();
    ensure!(segments.len() == 3, "not a JWT: {t}");
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(segments[0])?)?;
    ensure!(header["alg"] == "ES256", "{header}");
    let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(&URL_SAFE_NO_PAD.decode(k)?)?;
    let sig = p256::ecdsa::Signature::from_slice(&URL_SAFE_NO_PAD.decode(segments[2])?)?;
    key.verify(format!("{}.{}", segments[0], segments[1]).as_bytes(), &sig)?;
    Ok(serde_json::from_slice(
        &URL_SAFE_NO_PAD.decode(segments[1])?,
    )?)
}

on_both_databases!(r_al_3_offers_reach_the_phone_by_web_push);

async fn r_al_3_offers_reach_the_phone_by_web_push(db: DbKind) -> Result<()> {
    let (origin, mut inbox, answer) = push_service().await?;
    let app = TestApp::builder(db)
        .env("RJHUB_PUSH_ALLOW_HTTP", "true")
        .env("RJHUB_MAIL_FROM", "RJ Hub <hub@rj.example.org>")
        .start()
        .await?;
    let volunteer = app.login_demo("volunteer").await?;
    let server_key = volunteer.data("{ vapidPublicKey }", json!({})).await?["vapidPublicKey"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    // The browser's side of the subscription.
    let (keys, auth) = ece::generate_keypair_and_auth_secret()?;
    let endpoint = format!("{origin}/push/1");
    let r = volunteer.gql("mutation($i: RegisterPushSubscriptionInput!) { registerPushSubscription(input: $i) { ok } }",
        json!({ "i": { "endpoint": "ftp://nope", "p256dh": URL_SAFE_NO_PAD.encode(keys.pub_as_raw()?), "auth": URL_SAFE_NO_PAD.encode(auth) } })).await?;
    ensure!(
        rjhub_tests::error_field(&r).as_deref() == Some("endpoint"),
        "{r}"
    );
    volunteer.data("mutation($i: RegisterPushSubscriptionInput!) { registerPushSubscription(input: $i) { ok } }",
        json!({ "i": { "endpoint": endpoint, "p256dh": URL_SAFE_NO_PAD.encode(keys.pub_as_raw()?), "auth": URL_SAFE_NO_PAD.encode(auth) } })).await?;

    // The co-ordinator offers a case to the volunteer.
    app.client()
        .data(SELF_REFERRAL, json!({ "i": self_referral("Jo Victim") }))
        .await?;
    let coord = app.login_demo("coordinator").await?;
    let case = coord
        .data("{ cases { edges { node { id } } } }", json!({}))
        .await?["cases"]["edges"][0]["node"]["id"]
        .clone();
    coord
        .data(ASSESS, json!({ "i": { "caseId": case, "suitable": true } }))
        .await?;
    let offer = "mutation($i: OfferCaseInput!) { offerCase(input: $i) { offer { id } } }";
    let vid = user_id(&app, "volunteer").await?;
    coord.data(offer, json!({ "i": { "caseId": case, "facilitatorIds": [vid], "role": "LEAD", "expiresAt": (Utc::now() + Duration::days(1)).to_rfc3339() } })).await?;

    let got = tokio::time::timeout(std::time::Duration::from_secs(60), inbox.recv())
        .await?
        .ok_or_else(|| anyhow::anyhow!("no push"))?;
    let h = &got.headers;
    ensure!(
        h.get("content-encoding").is_some_and(|v| v == "aes128gcm"),
        "{h:?}"
    );
    ensure!(h.get("ttl").is_some_and(|v| v == "86400"), "{h:?}");
    ensure!(h.get("urgency").is_some_and(|v| v == "high"), "{h:?}");
    let claims = verify_vapid(h, &server_key)?;
    ensure!(claims["aud"] == origin.as_str(), "{claims}");
    ensure!(claims["sub"] == "mailto:hub@rj.example.org", "{claims}");
    let exp = claims["exp"].as_i64().unwrap_or_default();
    let now = Utc::now().timestamp();
    ensure!(
        exp > now && exp <= now + 24 * 3600 + 60,
        "exp {exp} vs now {now}"
    );
    let plain = ece::decrypt(&keys.raw_components()?, &auth, &got.body)?;
    let msg: Value = serde_json::from_slice(&plain)?;
    ensure!(
        msg["title"] == "New case offer" && msg["url"] == "/offers",
        "{msg}"
    );
    let text = String::from_utf8_lossy(&plain);
    for secret in ["Jo Victim", "jo.victim", "07700", "Burglary", "Fenland"] {
        ensure!(
            !text.contains(secret),
            "the push payload contains {secret}: {text}"
        );
    }

    // The push service says the subscription is gone: it is deleted.
    answer.store(410, Ordering::SeqCst);
    app.create_user(
        "second@example.org",
        "Second Facilitator",
        &["facilitator"],
        Some("volunteer"),
        None,
    )
    .await?;
    let second = coord.gql(offer, json!({ "i": { "caseId": case, "facilitatorIds": [vid], "role": "CO", "expiresAt": (Utc::now() + Duration::days(1)).to_rfc3339(), "outsideReason": "again" } })).await?;
    ensure!(
        second.get("errors").is_none(),
        "the second offer failed: {second}"
    );
    let _ = tokio::time::timeout(std::time::Duration::from_secs(60), inbox.recv()).await?;
    rjhub_tests::eventually_async("the subscription to be removed", || async {
        app.rows("SELECT id FROM push_subscriptions")
            .await
            .ok()
            .filter(|r| r.is_empty())
            .map(|_| ())
    })
    .await?;
    Ok(())
}
