use sea_orm::entity::prelude::*;

/// A signed-in session. Only the SHA-256 of the cookie's token is stored, so a copy of the
/// database does not hand out live sessions.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub token_hash: String,
    pub user_id: Uuid,
    pub created_at: DateTimeUtc,
    pub last_seen_at: DateTimeUtc,
    /// Absolute expiry; idle expiry is computed from `last_seen_at`.
    pub expires_at: DateTimeUtc,
    /// What it was started on, e.g. "Chrome on Android".
    pub device: Option<String>,
    /// `full`, or after the password only: `second_factor` (one is to be given) or `enrol`
    /// (one is to be set up first).
    pub stage: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
