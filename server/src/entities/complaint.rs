use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "complaints")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `CP26-K7Q9M`: what the complainant is told to quote.
    pub reference: String,
    pub case_id: Option<Uuid>,
    pub complainant_name: Option<String>,
    pub complainant_contact: Option<String>,
    pub about: String,
    pub category: String,
    pub received_via: String,
    pub received_on: Date,
    pub acknowledge_by: Date,
    pub acknowledged_on: Option<Date>,
    pub respond_by: Date,
    pub outcome: Option<String>,
    pub outcome_summary: Option<String>,
    pub responded_on: Option<Date>,
    pub recorded_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub erased_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
