//! Reaching participants safely (#18): the safe-contact profile a machine can check (safe
//! times as weekly windows, "do not mention restorative justice", the language written messages
//! are in), facilitators' choice of text alerts, and every message to a person as one row of the
//! case's timeline — held, queued, sent, delivered, failed or not sent, and why.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum People {
    Table,
    SafeWindows,
    Discreet,
    Locale,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Mobile,
    TextAlerts,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    MessageId,
}

#[derive(DeriveIden)]
enum Messages {
    Table,
    Id,
    CaseId,
    ParticipantId,
    PersonId,
    UserId,
    Channel,
    Kind,
    Locale,
    Status,
    Reason,
    HeldUntil,
    OutboxId,
    ProviderRef,
    CreatedAt,
    SentAt,
    DeliveredAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for col in [
            ColumnDef::new(People::SafeWindows)
                .string_len(400)
                .null()
                .take(),
            ColumnDef::new(People::Discreet)
                .boolean()
                .not_null()
                .default(false)
                .take(),
            ColumnDef::new(People::Locale).string_len(20).null().take(),
        ] {
            let mut col = col;
            m.alter_table(
                Table::alter()
                    .table(People::Table)
                    .add_column(&mut col)
                    .to_owned(),
            )
            .await?;
        }
        for col in [
            ColumnDef::new(Users::Mobile).string_len(40).null().take(),
            ColumnDef::new(Users::TextAlerts)
                .boolean()
                .not_null()
                .default(false)
                .take(),
        ] {
            let mut col = col;
            m.alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(&mut col)
                    .to_owned(),
            )
            .await?;
        }
        m.alter_table(
            Table::alter()
                .table(Outbox::Table)
                .add_column(ColumnDef::new(Outbox::MessageId).uuid().null())
                .to_owned(),
        )
        .await?;
        let ts = |c: Messages| ColumnDef::new(c).timestamp_with_time_zone().null().take();
        m.create_table(
            Table::create()
                .table(Messages::Table)
                .col(ColumnDef::new(Messages::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(Messages::CaseId).uuid().null())
                .col(ColumnDef::new(Messages::ParticipantId).uuid().null())
                .col(ColumnDef::new(Messages::PersonId).uuid().null())
                .col(ColumnDef::new(Messages::UserId).uuid().null())
                .col(ColumnDef::new(Messages::Channel).string_len(20).not_null())
                .col(ColumnDef::new(Messages::Kind).string_len(40).not_null())
                .col(ColumnDef::new(Messages::Locale).string_len(20).not_null())
                .col(ColumnDef::new(Messages::Status).string_len(20).not_null())
                .col(ColumnDef::new(Messages::Reason).string_len(500).null())
                .col(ts(Messages::HeldUntil))
                .col(ColumnDef::new(Messages::OutboxId).uuid().null())
                .col(ColumnDef::new(Messages::ProviderRef).string_len(100).null())
                .col(
                    ColumnDef::new(Messages::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(ts(Messages::SentAt))
                .col(ts(Messages::DeliveredAt))
                .col(
                    ColumnDef::new(Messages::UpdatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("messages_case")
                .table(Messages::Table)
                .col(Messages::CaseId)
                .col(Messages::CreatedAt)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("messages_provider_ref")
                .table(Messages::Table)
                .col(Messages::ProviderRef)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Messages::Table).to_owned())
            .await?;
        let drops: [(DynIden, DynIden); 6] = [
            (Outbox::Table.into_iden(), Outbox::MessageId.into_iden()),
            (Users::Table.into_iden(), Users::TextAlerts.into_iden()),
            (Users::Table.into_iden(), Users::Mobile.into_iden()),
            (People::Table.into_iden(), People::Locale.into_iden()),
            (People::Table.into_iden(), People::Discreet.into_iden()),
            (People::Table.into_iden(), People::SafeWindows.into_iden()),
        ];
        for (table, col) in drops {
            m.alter_table(Table::alter().table(table).drop_column(col).to_owned())
                .await?;
        }
        Ok(())
    }
}
