//! A local stand-in for GOV.UK Notify's HTTP API, for the tests: it speaks the same contract
//! (`POST /v2/notifications/sms`, a bearer JWT signed HS256 with the API key's secret, `iss` the
//! service id, `iat` within 30 seconds) and answers as Notify does — 201 with the notification's
//! id, or 403 `AuthError` / 400 `BadRequestError` with Notify's error shape. It keeps every
//! request it accepted, for the test to inspect.

use std::sync::{Arc, Mutex};

use anyhow::Result;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use jwt_simple::prelude::{HS256Key, MACLike, NoCustomClaims, VerificationOptions};
use serde_json::{Value, json};

pub const SERVICE_ID: &str = "26785a09-ab16-4eb0-8407-a37497a57506";
pub const SECRET: &str = "3d844edf-8d35-48ac-975b-e847b4f122b0";
pub const TEMPLATE_ID: &str = "f163deaf-2d3f-4ec6-98fc-f23fa511518f";
/// An API key as Notify issues them: `<name>-<service id>-<secret>`.
pub const API_KEY: &str =
    "rjhub-test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0";

#[derive(Clone, Default)]
pub struct Recorded {
    /// Bodies of the requests accepted, in order, with the id each was given.
    pub texts: Arc<Mutex<Vec<Value>>>,
    /// Requests refused, with why.
    pub refused: Arc<Mutex<Vec<String>>>,
}

pub struct NotifyStandIn {
    pub url: String,
    pub recorded: Recorded,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for NotifyStandIn {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn problem(status: StatusCode, error: &str, message: &str) -> (StatusCode, Json<Value>) {
    (
        status,
        Json(json!({
            "status_code": status.as_u16(),
            "errors": [{ "error": error, "message": message }],
        })),
    )
}

async fn sms(
    State(rec): State<Recorded>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> (StatusCode, Json<Value>) {
    let refuse = |why: &str| {
        if let Ok(mut r) = rec.refused.lock() {
            r.push(why.to_string());
        }
    };
    let Some(token) = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        refuse("no bearer token");
        return problem(
            StatusCode::UNAUTHORIZED,
            "AuthError",
            "Unauthorized: authentication token must be provided",
        );
    };
    let key = HS256Key::from_bytes(SECRET.as_bytes());
    let options = VerificationOptions {
        time_tolerance: Some(jwt_simple::prelude::Duration::from_secs(30)),
        ..Default::default()
    };
    let claims = match key.verify_token::<NoCustomClaims>(token, Some(options)) {
        Ok(c) => c,
        Err(e) => {
            refuse(&format!("bad signature: {e}"));
            return problem(
                StatusCode::FORBIDDEN,
                "AuthError",
                "Invalid token: signature, api token not found",
            );
        }
    };
    if claims.issuer.as_deref() != Some(SERVICE_ID) {
        refuse("wrong iss");
        return problem(
            StatusCode::FORBIDDEN,
            "AuthError",
            "Invalid token: iss field not provided",
        );
    }
    let Some(iat) = claims.issued_at else {
        refuse("no iat");
        return problem(
            StatusCode::FORBIDDEN,
            "AuthError",
            "Invalid token: iat field not provided",
        );
    };
    let now = jwt_simple::prelude::Clock::now_since_epoch();
    let age = now.as_secs() as i64 - iat.as_secs() as i64;
    if !(-30..=30).contains(&age) {
        refuse("iat too old");
        return problem(
            StatusCode::FORBIDDEN,
            "AuthError",
            "Error: Your system clock must be accurate to within 30 seconds",
        );
    }
    if body["template_id"] != TEMPLATE_ID {
        refuse("unknown template");
        return problem(
            StatusCode::BAD_REQUEST,
            "BadRequestError",
            "Template not found",
        );
    }
    let phone = body["phone_number"].as_str().unwrap_or_default();
    if phone.chars().filter(char::is_ascii_digit).count() < 10 {
        return problem(
            StatusCode::BAD_REQUEST,
            "ValidationError",
            "phone_number Not enough digits",
        );
    }
    if !body["personalisation"]["body"].is_string() {
        return problem(
            StatusCode::BAD_REQUEST,
            "BadRequestError",
            "Missing personalisation: body",
        );
    }
    let id = uuid::Uuid::new_v4().to_string();
    let mut kept = body.clone();
    kept["id"] = json!(id);
    if let Ok(mut t) = rec.texts.lock() {
        t.push(kept);
    }
    (
        StatusCode::CREATED,
        Json(json!({
            "id": id,
            "reference": body["reference"],
            "content": { "body": body["personalisation"]["body"], "from_number": "GOVUK" },
            "uri": format!("/v2/notifications/{id}"),
            "template": { "id": TEMPLATE_ID, "version": 1, "uri": format!("/v2/template/{TEMPLATE_ID}") },
        })),
    )
}

impl NotifyStandIn {
    pub async fn start() -> Result<Self> {
        let recorded = Recorded::default();
        let app = axum::Router::new()
            .route("/v2/notifications/sms", post(sms))
            .with_state(recorded.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Self {
            url,
            recorded,
            task,
        })
    }

    pub fn texts(&self) -> Vec<Value> {
        self.recorded
            .texts
            .lock()
            .map(|t| t.clone())
            .unwrap_or_default()
    }

    pub fn refused(&self) -> Vec<String> {
        self.recorded
            .refused
            .lock()
            .map(|t| t.clone())
            .unwrap_or_default()
    }
}
