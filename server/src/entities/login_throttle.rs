use sea_orm::entity::prelude::*;

/// Failed sign-in counters, keyed by a hash of the e-mail address tried (`acct:…`) or of the
/// client address (`addr:…`). Keyed by what was typed, not by user, so an unknown address is
/// throttled exactly like a known one and the lock-out reveals nothing.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_throttle")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub failures: i32,
    pub window_started_at: DateTimeUtc,
    pub locked_until: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
