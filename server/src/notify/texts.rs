//! Text messages through GOV.UK Notify's HTTP API (`POST /v2/notifications/sms`, a JWT signed
//! with the API key's secret on every request, one template whose body is `((body))`), or, with
//! no key set, JSON files in `<data_dir>/outbox/texts/` like the mail outbox. Delivery receipts
//! come back by Notify's callback (`http/notify.rs`).

use std::path::PathBuf;
use std::time::Duration;

use jwt_simple::prelude::{Claims, HS256Key, MACLike};
use serde::{Deserialize, Serialize};

use crate::config::Config;

/// What the worker queues for a text.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Text {
    pub body: String,
}

/// Why a text did not go.
#[derive(Debug)]
pub enum TextError {
    /// Try again later (Notify down, rate limited).
    Retry(String),
    /// It will never go (a number Notify refuses, a bad key): tell someone.
    Refused(String),
}

impl std::fmt::Display for TextError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TextError::Retry(e) => write!(f, "will retry: {e}"),
            TextError::Refused(e) => write!(f, "refused: {e}"),
        }
    }
}

pub enum Texter {
    Notify(Box<NotifyClient>),
    Files { dir: PathBuf },
}

pub struct NotifyClient {
    http: reqwest::Client,
    base_url: String,
    service_id: String,
    key: HS256Key,
    template_id: String,
}

/// The service id and the secret from an API key `name-<uuid>-<uuid>` (the name may itself
/// contain dashes: the two UUIDs are the last 73 characters).
fn split_key(key: &str) -> anyhow::Result<(String, String)> {
    let key = key.trim();
    let uuid = |s: &str| uuid::Uuid::parse_str(s).is_ok();
    if key.len() < 74 || !key.is_char_boundary(key.len() - 73) {
        anyhow::bail!("RJHUB_NOTIFY_API_KEY is not a Notify API key (name-<service id>-<secret>)");
    }
    let tail = &key[key.len() - 73..];
    let (service, secret) = (&tail[..36], &tail[37..]);
    if !uuid(service) || !uuid(secret) || &tail[36..37] != "-" {
        anyhow::bail!("RJHUB_NOTIFY_API_KEY is not a Notify API key (name-<service id>-<secret>)");
    }
    Ok((service.to_string(), secret.to_string()))
}

#[derive(Deserialize)]
struct Created {
    id: String,
}

#[derive(Deserialize)]
struct Problems {
    #[serde(default)]
    errors: Vec<Problem>,
}

#[derive(Deserialize)]
struct Problem {
    #[serde(default)]
    error: String,
    #[serde(default)]
    message: String,
}

impl Texter {
    pub fn from_config(cfg: &Config) -> anyhow::Result<Self> {
        match cfg
            .notify_api_key
            .as_deref()
            .filter(|k| !k.trim().is_empty())
        {
            Some(api_key) => {
                let (service_id, secret) = split_key(api_key)?;
                let template_id = cfg
                    .notify_sms_template_id
                    .clone()
                    .filter(|t| uuid::Uuid::parse_str(t).is_ok())
                    .ok_or_else(|| {
                        anyhow::anyhow!(
                            "RJHUB_NOTIFY_SMS_TEMPLATE_ID must be the id of a Notify text template whose body is ((body))"
                        )
                    })?;
                Ok(Texter::Notify(Box::new(NotifyClient {
                    http: reqwest::Client::builder()
                        .timeout(Duration::from_secs(20))
                        .user_agent(concat!("rjhub/", env!("CARGO_PKG_VERSION")))
                        .build()?,
                    base_url: cfg.notify_base_url.trim_end_matches('/').to_string(),
                    service_id,
                    key: HS256Key::from_bytes(secret.as_bytes()),
                    template_id,
                })))
            }
            None => {
                let dir = cfg.outbox_dir().join("texts");
                std::fs::create_dir_all(&dir)?;
                Ok(Texter::Files { dir })
            }
        }
    }

    pub fn describe(&self) -> &'static str {
        match self {
            Texter::Notify(_) => "GOV.UK Notify",
            Texter::Files { .. } => "files in the data directory's outbox/texts/",
        }
    }

    /// Sends one text; `reference` (the message's id) comes back on the delivery receipt.
    /// Returns the provider's id for the message.
    pub async fn send(&self, to: &str, text: &Text, reference: &str) -> Result<String, TextError> {
        match self {
            Texter::Files { dir } => {
                let id = uuid::Uuid::now_v7().to_string();
                let body = serde_json::json!({
                    "id": id, "phone_number": to, "reference": reference, "body": text.body,
                });
                let path = dir.join(format!("{id}.json"));
                tokio::fs::write(&path, body.to_string())
                    .await
                    .map_err(|e| TextError::Retry(format!("writing the text outbox: {e}")))?;
                Ok(id)
            }
            Texter::Notify(n) => {
                let NotifyClient {
                    http,
                    base_url,
                    service_id,
                    key,
                    template_id,
                } = n.as_ref();
                // Notify accepts a token issued within the last 30 seconds: one per request.
                let mut claims = Claims::create(jwt_simple::prelude::Duration::from_secs(30))
                    .with_issuer(service_id);
                claims.expires_at = None;
                claims.invalid_before = None;
                let token = key
                    .authenticate(claims)
                    .map_err(|e| TextError::Refused(format!("signing the Notify token: {e}")))?;
                let res = http
                    .post(format!("{base_url}/v2/notifications/sms"))
                    .bearer_auth(token)
                    .json(&serde_json::json!({
                        "phone_number": to,
                        "template_id": template_id,
                        "personalisation": { "body": text.body },
                        "reference": reference,
                    }))
                    .send()
                    .await
                    .map_err(|e| TextError::Retry(format!("reaching Notify: {e}")))?;
                let status = res.status();
                if status.is_success() {
                    return res
                        .json::<Created>()
                        .await
                        .map(|c| c.id)
                        .map_err(|e| TextError::Retry(format!("Notify's answer: {e}")));
                }
                let problems = res
                    .json::<Problems>()
                    .await
                    .map(|p| {
                        p.errors
                            .iter()
                            .map(|e| format!("{}: {}", e.error, e.message))
                            .collect::<Vec<_>>()
                            .join("; ")
                    })
                    .unwrap_or_default();
                let what = format!("Notify answered {status}: {problems}");
                if status.as_u16() == 429 || status.is_server_error() {
                    Err(TextError::Retry(what))
                } else {
                    Err(TextError::Refused(what))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notify_key_splits_into_service_and_secret() -> anyhow::Result<()> {
        let key =
            "rjhub-test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0";
        let (service, secret) = split_key(key)?;
        assert_eq!(service, "26785a09-ab16-4eb0-8407-a37497a57506");
        assert_eq!(secret, "3d844edf-8d35-48ac-975b-e847b4f122b0");
        assert!(split_key("not-a-key").is_err());
        Ok(())
    }
}
