//! Letters in the graph: sending one from a case, the co-ordinator's print queue, and marking a
//! printed letter posted. The PDF itself is `GET /letters/{id}.pdf` (`http/letters.rs`).

use async_graphql::{Context, Enum, ID, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::case::Case;
use super::mutation::payload;
use crate::areas::cases::letters::{self, LetterKind as Kind};
use crate::graphql::context::{actor, server};
use crate::graphql::ids::{parse, to_id};
use crate::notify::letters::Sender;

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum LetterKind {
    /// What restorative justice is: free, their choice at every stage, no meeting needed.
    Information,
    /// A copy of the case's outcome agreement.
    AgreementCopy,
}

#[derive(async_graphql::InputObject)]
pub struct SendLetterInput {
    pub case_id: ID,
    pub participant_id: ID,
    pub kind: LetterKind,
}

#[derive(SimpleObject)]
pub struct SendLetterPayload {
    /// The letter's id (its message's): `/letters/{id}.pdf` prints it.
    pub message_id: ID,
    pub case: Case,
}

/// A letter waiting to be posted. The queue names no one: the PDF does.
pub struct QueuedLetter(letters::Queued);

#[Object]
impl QueuedLetter {
    /// The letter's id: `/letters/{id}.pdf`.
    async fn id(&self) -> ID {
        to_id(self.0.letter.id)
    }
    async fn case_id(&self) -> ID {
        to_id(self.0.letter.case_id)
    }
    async fn case_reference(&self) -> &str {
        &self.0.case_reference
    }
    /// What it is, in words.
    async fn kind_label(&self) -> &'static str {
        match self.0.message.kind.as_str() {
            "acknowledgement" => "Acknowledgement of their form",
            "appointment" => "Appointment",
            "appointment_cancelled" => "Appointment cancelled",
            "rj_information" => "Information about restorative justice",
            "agreement_copy" => "Copy of the outcome agreement",
            _ => "Letter",
        }
    }
    /// The language it is written in.
    async fn locale(&self) -> &str {
        &self.0.message.locale
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.letter.created_at
    }
    async fn printed_at(&self) -> Option<DateTime<Utc>> {
        self.0.letter.printed_at
    }
}

#[derive(Default)]
pub struct LettersQuery;

#[Object]
impl LettersQuery {
    /// Letters to print and post, oldest first (co-ordinator).
    async fn letter_queue(&self, ctx: &Context<'_>) -> Result<Vec<QueuedLetter>> {
        Ok(letters::queue(&server(ctx).db, actor(ctx)?)
            .await?
            .into_iter()
            .map(QueuedLetter)
            .collect())
    }
}

#[derive(Default)]
pub struct LettersMutation;

#[Object]
impl LettersMutation {
    /// Writes a letter to a participant who agreed to post, in their language, and queues it
    /// for printing.
    async fn send_letter(
        &self,
        ctx: &Context<'_>,
        input: SendLetterInput,
    ) -> Result<SendLetterPayload> {
        let s = server(ctx);
        let case_id = parse("caseId", &input.case_id)?;
        let id = letters::send(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            case_id,
            parse("participantId", &input.participant_id)?,
            match input.kind {
                LetterKind::Information => Kind::Information,
                LetterKind::AgreementCopy => Kind::AgreementCopy,
            },
            &Sender {
                phone: &s.config.contact_phone,
                hours: &s.config.contact_hours,
                email: &s.config.contact_email,
            },
        )
        .await?;
        Ok(SendLetterPayload {
            message_id: to_id(id),
            case: payload(ctx, case_id, "sendLetter").await?,
        })
    }

    /// A printed letter has been posted (co-ordinator). Saying so twice changes nothing.
    async fn mark_letter_posted(&self, ctx: &Context<'_>, id: ID) -> Result<PostedLetter> {
        let s = server(ctx);
        let l = letters::mark_posted(&s.db, s.clock.now(), actor(ctx)?, parse("id", &id)?).await?;
        Ok(PostedLetter {
            id: to_id(l.id),
            posted_at: l.posted_at,
        })
    }
}

#[derive(SimpleObject)]
pub struct PostedLetter {
    pub id: ID,
    pub posted_at: Option<DateTime<Utc>>,
}
