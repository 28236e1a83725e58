use sea_orm::entity::prelude::*;

/// A letter to someone reached only by post: its words (`notify::letters::Letter` as JSON), and
/// when it was printed and posted. Its id is its message's.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "letters")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub case_id: Uuid,
    pub content: Json,
    pub created_at: DateTimeUtc,
    pub printed_at: Option<DateTimeUtc>,
    pub posted_at: Option<DateTimeUtc>,
    pub posted_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
