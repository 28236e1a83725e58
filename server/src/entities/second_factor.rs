use sea_orm::entity::prelude::*;

/// A second factor a user has set up: a one-time-code app (TOTP) or a passkey.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "second_factors")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    /// `totp` or `passkey`.
    pub kind: String,
    /// The user's own name for it ("My phone").
    pub label: String,
    /// TOTP: the shared secret, base32.
    pub totp_secret: Option<String>,
    /// TOTP: the last time step accepted, so no code is accepted twice.
    pub last_step: Option<i64>,
    /// Passkey: the credential as webauthn-rs keeps it (JSON).
    pub passkey: Option<String>,
    /// Passkey: its credential id, base64url, to find it from an assertion.
    pub credential_id: Option<String>,
    pub created_at: DateTimeUtc,
    /// TOTP: set once the user has typed a first code from their app; unconfirmed ones are
    /// not used to sign in.
    pub confirmed_at: Option<DateTimeUtc>,
    pub last_used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
