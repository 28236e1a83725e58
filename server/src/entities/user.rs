use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub password_hash: Option<String>,
    /// `invited`, `active` or `disabled`.
    pub status: String,
    pub agency: Option<String>,
    pub password_changed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub erased_at: Option<DateTimeUtc>,
    /// RJC practice level: `foundation`, `intermediate` or `advanced` (R-ST-1).
    pub practice_level: Option<String>,
    /// A mobile number for text alerts (facilitators who chose them).
    pub mobile: Option<String>,
    pub text_alerts: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
