use sea_orm::entity::prelude::*;

/// A WebAuthn registration or sign-in in progress: the challenge state webauthn-rs needs to
/// check the browser's answer. Used once, then deleted; expires after a few minutes.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webauthn_ceremonies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Option<Uuid>,
    /// The session it belongs to (a registration, or a second factor after the password).
    pub session_id: Option<Uuid>,
    /// `register`, `second_factor` or `sign_in` (a passkey instead of the password).
    pub purpose: String,
    pub state: String,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
