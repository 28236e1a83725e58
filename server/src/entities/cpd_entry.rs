use sea_orm::entity::prelude::*;

/// A CPD activity a practitioner logged (R-ST-1): when, how long, and whether RJC-approved.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cpd_entries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub done_on: Date,
    pub minutes: i32,
    pub activity: String,
    pub provider: Option<String>,
    pub rjc_approved: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
