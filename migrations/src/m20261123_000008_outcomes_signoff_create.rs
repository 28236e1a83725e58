//! Outcome agreements (their items, who does what by when, and completion) and the case
//! supervisor's sign-offs of conferences and closures.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AgreementItems {
    Table,
    Id,
    CaseId,
    MeetingId,
    Kind,
    ResponsibleParticipantId,
    Description,
    DueOn,
    CompletedAt,
    CompletedBy,
    CompletionNote,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SignOffs {
    Table,
    Id,
    CaseId,
    MeetingId,
    Kind,
    Approved,
    Checklist,
    Comments,
    SupervisorId,
    At,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(AgreementItems::Table)
                .col(
                    ColumnDef::new(AgreementItems::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(AgreementItems::CaseId).uuid().not_null())
                .col(ColumnDef::new(AgreementItems::MeetingId).uuid().null())
                .col(
                    ColumnDef::new(AgreementItems::Kind)
                        .string_len(16)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(AgreementItems::ResponsibleParticipantId)
                        .uuid()
                        .null(),
                )
                .col(
                    ColumnDef::new(AgreementItems::Description)
                        .text()
                        .not_null(),
                )
                .col(ColumnDef::new(AgreementItems::DueOn).date().null())
                .col(
                    ColumnDef::new(AgreementItems::CompletedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .col(ColumnDef::new(AgreementItems::CompletedBy).uuid().null())
                .col(ColumnDef::new(AgreementItems::CompletionNote).text().null())
                .col(ColumnDef::new(AgreementItems::CreatedBy).uuid().null())
                .col(
                    ColumnDef::new(AgreementItems::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_agreement_items_case")
                        .from(AgreementItems::Table, AgreementItems::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_agreement_items_case")
                .table(AgreementItems::Table)
                .col(AgreementItems::CaseId)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_agreement_items_due")
                .table(AgreementItems::Table)
                .col(AgreementItems::CompletedAt)
                .col(AgreementItems::DueOn)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SignOffs::Table)
                .col(ColumnDef::new(SignOffs::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(SignOffs::CaseId).uuid().not_null())
                .col(ColumnDef::new(SignOffs::MeetingId).uuid().null())
                .col(ColumnDef::new(SignOffs::Kind).string_len(16).not_null())
                .col(ColumnDef::new(SignOffs::Approved).boolean().not_null())
                .col(ColumnDef::new(SignOffs::Checklist).json().not_null())
                .col(ColumnDef::new(SignOffs::Comments).text().null())
                .col(ColumnDef::new(SignOffs::SupervisorId).uuid().not_null())
                .col(
                    ColumnDef::new(SignOffs::At)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_sign_offs_case")
                        .from(SignOffs::Table, SignOffs::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_sign_offs_case")
                .table(SignOffs::Table)
                .col(SignOffs::CaseId)
                .col(SignOffs::At)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(SignOffs::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(AgreementItems::Table).to_owned())
            .await
    }
}
