use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "people")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub full_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub preferred_language: Option<String>,
    pub interpreter_needed: bool,
    pub accessibility_needs: Option<String>,
    pub contact_channels: Option<String>,
    pub safe_times: Option<String>,
    pub may_leave_message: Option<bool>,
    /// Weekly windows it is safe to reach them, UK time: `mon,tue 18:00-21:00;sat 10:00-12:00`.
    pub safe_windows: Option<String>,
    /// Do not mention restorative justice to anyone else who answers or sees a message.
    pub discreet: bool,
    /// The language written messages are in (a `locales/` code).
    pub locale: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub erased_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
