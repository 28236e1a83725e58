//! Re-offending follow-up (R-RP-12): what a check of an offender's record found, and when.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ReoffendingChecks {
    Table,
    Id,
    CaseId,
    ParticipantId,
    CheckedOn,
    Source,
    Reoffended,
    Note,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CaseParticipants {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ReoffendingChecks::Table)
                .col(
                    ColumnDef::new(ReoffendingChecks::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(ReoffendingChecks::CaseId).uuid().not_null())
                .col(
                    ColumnDef::new(ReoffendingChecks::ParticipantId)
                        .uuid()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ReoffendingChecks::CheckedOn)
                        .date()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ReoffendingChecks::Source)
                        .string_len(32)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ReoffendingChecks::Reoffended)
                        .boolean()
                        .not_null(),
                )
                .col(ColumnDef::new(ReoffendingChecks::Note).text().null())
                .col(ColumnDef::new(ReoffendingChecks::RecordedBy).uuid().null())
                .col(
                    ColumnDef::new(ReoffendingChecks::RecordedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_reoffending_case")
                        .from(ReoffendingChecks::Table, ReoffendingChecks::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_reoffending_participant")
                        .from(ReoffendingChecks::Table, ReoffendingChecks::ParticipantId)
                        .to(CaseParticipants::Table, CaseParticipants::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_reoffending_case")
                .table(ReoffendingChecks::Table)
                .col(ReoffendingChecks::CaseId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ReoffendingChecks::Table).to_owned())
            .await
    }
}
