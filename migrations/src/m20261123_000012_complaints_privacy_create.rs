//! Complaints with their timeline (R-DP-3), and what retention needs (R-DP-5): when a closed
//! case's personal data was anonymised.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Complaints {
    Table,
    Id,
    Reference,
    CaseId,
    ComplainantName,
    ComplainantContact,
    About,
    Category,
    ReceivedVia,
    ReceivedOn,
    AcknowledgeBy,
    AcknowledgedOn,
    RespondBy,
    Outcome,
    OutcomeSummary,
    RespondedOn,
    RecordedBy,
    CreatedAt,
    UpdatedAt,
    ErasedAt,
}

#[derive(DeriveIden)]
enum ComplaintEvents {
    Table,
    Id,
    ComplaintId,
    At,
    ActorId,
    Kind,
    Note,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
    AnonymisedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Complaints::Table)
                .col(
                    ColumnDef::new(Complaints::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(Complaints::Reference)
                        .string_len(32)
                        .not_null()
                        .unique_key(),
                )
                .col(ColumnDef::new(Complaints::CaseId).uuid().null())
                .col(ColumnDef::new(Complaints::ComplainantName).text().null())
                .col(ColumnDef::new(Complaints::ComplainantContact).text().null())
                .col(ColumnDef::new(Complaints::About).text().not_null())
                .col(
                    ColumnDef::new(Complaints::Category)
                        .string_len(32)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Complaints::ReceivedVia)
                        .string_len(32)
                        .not_null(),
                )
                .col(ColumnDef::new(Complaints::ReceivedOn).date().not_null())
                .col(ColumnDef::new(Complaints::AcknowledgeBy).date().not_null())
                .col(ColumnDef::new(Complaints::AcknowledgedOn).date().null())
                .col(ColumnDef::new(Complaints::RespondBy).date().not_null())
                .col(ColumnDef::new(Complaints::Outcome).string_len(32).null())
                .col(ColumnDef::new(Complaints::OutcomeSummary).text().null())
                .col(ColumnDef::new(Complaints::RespondedOn).date().null())
                .col(ColumnDef::new(Complaints::RecordedBy).uuid().null())
                .col(
                    ColumnDef::new(Complaints::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Complaints::UpdatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Complaints::ErasedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_complaint_case")
                        .from(Complaints::Table, Complaints::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_complaints_received")
                .table(Complaints::Table)
                .col(Complaints::ReceivedOn)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ComplaintEvents::Table)
                .col(
                    ColumnDef::new(ComplaintEvents::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(ComplaintEvents::ComplaintId)
                        .uuid()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ComplaintEvents::At)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(ColumnDef::new(ComplaintEvents::ActorId).uuid().null())
                .col(
                    ColumnDef::new(ComplaintEvents::Kind)
                        .string_len(32)
                        .not_null(),
                )
                .col(ColumnDef::new(ComplaintEvents::Note).text().null())
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_complaint_event_complaint")
                        .from(ComplaintEvents::Table, ComplaintEvents::ComplaintId)
                        .to(Complaints::Table, Complaints::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_complaint_events_complaint")
                .table(ComplaintEvents::Table)
                .col(ComplaintEvents::ComplaintId)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Cases::Table)
                .add_column(
                    ColumnDef::new(Cases::AnonymisedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Cases::Table)
                .drop_column(Cases::AnonymisedAt)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(ComplaintEvents::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Complaints::Table).to_owned())
            .await
    }
}
