//! Letters (#18): what a letter to someone reached only by post says, kept with its message so
//! the PDF printed is the letter that was decided on, and when it was printed and posted.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Letters {
    Table,
    Id,
    CaseId,
    Content,
    CreatedAt,
    PrintedAt,
    PostedAt,
    PostedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let ts = |c: Letters| ColumnDef::new(c).timestamp_with_time_zone().null().take();
        m.create_table(
            Table::create()
                .table(Letters::Table)
                .col(ColumnDef::new(Letters::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(Letters::CaseId).uuid().not_null())
                .col(ColumnDef::new(Letters::Content).json().not_null())
                .col(
                    ColumnDef::new(Letters::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(ts(Letters::PrintedAt))
                .col(ts(Letters::PostedAt))
                .col(ColumnDef::new(Letters::PostedBy).uuid().null())
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("letters_to_post")
                .table(Letters::Table)
                .col(Letters::PostedAt)
                .col(Letters::CreatedAt)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Letters::Table).to_owned())
            .await
    }
}
