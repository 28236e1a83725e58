use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report_editions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `month` or `half_year`.
    pub kind: String,
    pub period_from: Date,
    pub period_to: Date,
    /// Dimension codes, comma-separated, `none` first.
    pub groupings: String,
    /// The tables as JSON (`editions::StoredTable`), hidden figures blanked.
    pub tables: String,
    pub published_at: DateTimeUtc,
    pub published_by: Option<Uuid>,
    pub supersedes: Option<Uuid>,
    pub reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
