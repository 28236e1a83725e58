//! Web push: VAPID (RFC 8292) signing and aes128gcm encryption (RFC 8291) by the web-push
//! crate; the request goes out through our own HTTP client (reqwest), since web-push's own
//! clients are old.

use std::path::Path;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use web_push::{
    ContentEncoding, SubscriptionInfo, Urgency, VapidSignatureBuilder, WebPushMessageBuilder,
};

use crate::config::Config;

/// What a notification says. Never personal data: push services and lock screens see it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PushMessage {
    pub title: String,
    pub body: String,
    /// The screen in the app the notification opens.
    pub url: String,
    /// Seconds the push service may hold it for a phone that is off.
    pub ttl: u32,
    pub urgent: bool,
}

/// How a delivery attempt ended.
pub enum Outcome {
    Delivered,
    /// The push service says the subscription is gone (404/410): delete it.
    Gone,
}

pub struct Pusher {
    private_key: String,
    public_key: String,
    subject: String,
    http: reqwest::Client,
}

fn generate_private_key() -> anyhow::Result<p256::SecretKey> {
    for _ in 0..8 {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        if let Ok(k) = p256::SecretKey::from_slice(&bytes) {
            return Ok(k);
        }
    }
    anyhow::bail!("could not generate a VAPID key")
}

fn load_or_create(path: &Path) -> anyhow::Result<String> {
    if let Ok(s) = std::fs::read_to_string(path) {
        return Ok(s.trim().to_string());
    }
    let key = URL_SAFE_NO_PAD.encode(generate_private_key()?.to_bytes());
    std::fs::write(path, &key)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(key)
}

impl Pusher {
    pub fn from_config(cfg: &Config) -> anyhow::Result<Self> {
        let private_key = match &cfg.vapid_private_key {
            Some(k) if !k.trim().is_empty() => k.trim().to_string(),
            _ => {
                std::fs::create_dir_all(&cfg.data_dir)?;
                load_or_create(&cfg.data_dir.join("vapid_private_key"))?
            }
        };
        let secret = p256::SecretKey::from_slice(&URL_SAFE_NO_PAD.decode(&private_key)?)
            .map_err(|_| anyhow::anyhow!("the VAPID private key is not a P-256 key"))?;
        let public_key = URL_SAFE_NO_PAD.encode(
            p256::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(
                &secret.public_key(),
                false,
            )
            .as_bytes(),
        );
        let subject = cfg.vapid_subject.clone().unwrap_or_else(|| {
            let addr = cfg
                .mail_from
                .rsplit('<')
                .next()
                .unwrap_or(&cfg.mail_from)
                .trim_end_matches('>')
                .trim()
                .to_string();
            format!("mailto:{addr}")
        });
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(15))
            .build()?;
        Ok(Self {
            private_key,
            public_key,
            subject,
            http,
        })
    }

    /// The application server key the browser subscribes with (uncompressed point, base64url).
    pub fn public_key(&self) -> &str {
        &self.public_key
    }

    pub async fn send(
        &self,
        endpoint: &str,
        p256dh: &str,
        auth: &str,
        msg: &PushMessage,
    ) -> anyhow::Result<Outcome> {
        let info = SubscriptionInfo::new(endpoint, p256dh, auth);
        let mut sig = VapidSignatureBuilder::from_base64(&self.private_key, &info)?;
        sig.add_claim("sub", self.subject.as_str());
        // RFC 8292: `aud` is the push resource's origin, port included; web-push leaves the
        // port out, which a push service on a non-default port would reject.
        let origin = reqwest::Url::parse(endpoint)?
            .origin()
            .ascii_serialization();
        sig.add_claim("aud", origin);
        let payload = serde_json::to_vec(
            &serde_json::json!({ "title": msg.title, "body": msg.body, "url": msg.url }),
        )?;
        let mut builder = WebPushMessageBuilder::new(&info);
        builder.set_payload(ContentEncoding::Aes128Gcm, &payload);
        builder.set_vapid_signature(sig.build()?);
        builder.set_ttl(msg.ttl);
        builder.set_urgency(if msg.urgent {
            Urgency::High
        } else {
            Urgency::Normal
        });
        let request = web_push::request_builder::build_request::<Vec<u8>>(builder.build()?);
        let (parts, body) = request.into_parts();
        let mut req = self.http.post(parts.uri.to_string()).body(body);
        for (name, value) in parts.headers.iter() {
            req = req.header(name.as_str(), value.as_bytes());
        }
        let res = req.send().await?;
        match res.status().as_u16() {
            200..=299 => Ok(Outcome::Delivered),
            404 | 410 => Ok(Outcome::Gone),
            code => anyhow::bail!("push service answered {code}"),
        }
    }
}
