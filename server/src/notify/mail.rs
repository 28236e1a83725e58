//! E-mail through lettre: real SMTP when `RJHUB_SMTP_URL` is set, otherwise `.eml` files in
//! `<data_dir>/outbox/` that any mail client opens.

use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart, header::ContentType};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::{CalendarEmail, Email};
use crate::config::Config;

pub enum Mailer {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    Files {
        transport: AsyncFileTransport<Tokio1Executor>,
        from: Mailbox,
    },
}

impl Mailer {
    pub fn from_config(cfg: &Config) -> anyhow::Result<Self> {
        let from: Mailbox = cfg
            .mail_from
            .parse()
            .map_err(|e| anyhow::anyhow!("RJHUB_MAIL_FROM is not a valid mailbox: {e}"))?;
        match cfg.smtp_url.as_deref().filter(|u| !u.trim().is_empty()) {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| anyhow::anyhow!("RJHUB_SMTP_URL is not usable: {e}"))?
                    .build();
                Ok(Mailer::Smtp { transport, from })
            }
            None => {
                let dir = cfg.outbox_dir();
                std::fs::create_dir_all(&dir)?;
                Ok(Mailer::Files {
                    transport: AsyncFileTransport::new(dir),
                    from,
                })
            }
        }
    }

    pub fn describe(&self) -> &'static str {
        match self {
            Mailer::Smtp { .. } => "SMTP",
            Mailer::Files { .. } => "files in the data directory's outbox/",
        }
    }

    fn envelope(&self, to: &str, subject: &str) -> anyhow::Result<lettre::message::MessageBuilder> {
        let from = match self {
            Mailer::Smtp { from, .. } | Mailer::Files { from, .. } => from.clone(),
        };
        let to: Mailbox = to
            .parse()
            .map_err(|e| anyhow::anyhow!("recipient address rejected: {e}"))?;
        // Message-ID and Date on every message: large providers refuse mail without them. The
        // id's domain is the sender's, so it says who made it and stays unique across instances.
        let domain = from.email.domain().to_string();
        let id = format!("<{}@{domain}>", uuid::Uuid::now_v7().simple());
        Ok(Message::builder()
            .from(from)
            .to(to)
            .subject(subject)
            .message_id(Some(id))
            .date_now())
    }

    pub async fn send(&self, to: &str, email: &Email) -> anyhow::Result<()> {
        let message = self
            .envelope(to, &email.subject)?
            .header(ContentType::TEXT_PLAIN)
            .body(email.text.clone())?;
        self.deliver(message).await
    }

    /// A calendar invitation: text, the `text/calendar; method=…` part calendar programs act
    /// on, and the same as an `invite.ics` attachment for those that only open files.
    pub async fn send_calendar(&self, to: &str, email: &CalendarEmail) -> anyhow::Result<()> {
        let calendar_type = ContentType::parse(&format!(
            "text/calendar; method={}; charset=UTF-8",
            email.method
        ))?;
        let body = MultiPart::mixed()
            .multipart(
                MultiPart::alternative()
                    .singlepart(SinglePart::plain(email.text.clone()))
                    .singlepart(
                        SinglePart::builder()
                            .header(calendar_type.clone())
                            .body(email.ics.clone()),
                    ),
            )
            .singlepart(
                Attachment::new("invite.ics".into())
                    .body(email.ics.clone(), ContentType::parse("application/ics")?),
            );
        let message = self.envelope(to, &email.subject)?.multipart(body)?;
        self.deliver(message).await
    }

    async fn deliver(&self, message: Message) -> anyhow::Result<()> {
        match self {
            Mailer::Smtp { transport, .. } => {
                transport.send(message).await?;
            }
            Mailer::Files { transport, .. } => {
                transport.send(message).await?;
            }
        }
        Ok(())
    }
}
