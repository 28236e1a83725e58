//! Nudges that keep cases moving (a case gone quiet, an offer unanswered, an agreement item
//! past due, the weekly digest): one row per nudge sent, keyed by what it is about and which
//! occurrence, so each is sent once however many times — and on however many instances — the
//! jobs run.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Nudges {
    Table,
    Kind,
    SubjectId,
    Occurrence,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Nudges::Table)
                .col(ColumnDef::new(Nudges::Kind).string_len(40).not_null())
                .col(ColumnDef::new(Nudges::SubjectId).uuid().not_null())
                .col(ColumnDef::new(Nudges::Occurrence).string_len(40).not_null())
                .col(
                    ColumnDef::new(Nudges::SentAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .primary_key(
                    Index::create()
                        .col(Nudges::Kind)
                        .col(Nudges::SubjectId)
                        .col(Nudges::Occurrence),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Nudges::Table).to_owned())
            .await
    }
}
