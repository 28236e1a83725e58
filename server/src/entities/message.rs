use sea_orm::entity::prelude::*;

/// One message to a person (a participant, or a facilitator's text alert): what was sent, by
/// which channel, and what became of it. A case's messages are its contact timeline.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "messages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub case_id: Option<Uuid>,
    pub participant_id: Option<Uuid>,
    pub person_id: Option<Uuid>,
    pub user_id: Option<Uuid>,
    /// `email`, `text`, `letter`.
    pub channel: String,
    /// What it is: `acknowledgement`, `appointment`, …
    pub kind: String,
    pub locale: String,
    /// `held`, `queued`, `sent`, `delivered`, `failed`, `not_sent`.
    pub status: String,
    /// Why it is held, failed or was not sent, in words staff read.
    pub reason: Option<String>,
    pub held_until: Option<DateTimeUtc>,
    pub outbox_id: Option<Uuid>,
    /// The provider's id (GOV.UK Notify's notification id), for delivery receipts.
    pub provider_ref: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    pub delivered_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
