//! Second factors (#20): one-time codes (RFC 6238) and passkeys (WebAuthn), recovery codes, the
//! WebAuthn ceremonies in progress (kept here, not in memory, so any server instance can finish
//! what another began), and each session's stage: fully signed in, or waiting for a second
//! factor (or for one to be set up) after the password.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Stage,
}

#[derive(DeriveIden)]
enum SecondFactors {
    Table,
    Id,
    UserId,
    Kind,
    Label,
    TotpSecret,
    LastStep,
    Passkey,
    CredentialId,
    CreatedAt,
    ConfirmedAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum RecoveryCodes {
    Table,
    Id,
    UserId,
    CodeHash,
    CreatedAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum WebauthnCeremonies {
    Table,
    Id,
    UserId,
    SessionId,
    Purpose,
    State,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Sessions that exist when this runs were started fully signed in.
        m.alter_table(
            Table::alter()
                .table(Sessions::Table)
                .add_column(
                    ColumnDef::new(Sessions::Stage)
                        .string_len(20)
                        .not_null()
                        .default("full"),
                )
                .to_owned(),
        )
        .await?;
        let ts = |c: SecondFactors| ColumnDef::new(c).timestamp_with_time_zone().null().take();
        m.create_table(
            Table::create()
                .table(SecondFactors::Table)
                .col(
                    ColumnDef::new(SecondFactors::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(SecondFactors::UserId).uuid().not_null())
                .col(
                    ColumnDef::new(SecondFactors::Kind)
                        .string_len(20)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(SecondFactors::Label)
                        .string_len(120)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(SecondFactors::TotpSecret)
                        .string_len(64)
                        .null(),
                )
                .col(ColumnDef::new(SecondFactors::LastStep).big_integer().null())
                .col(ColumnDef::new(SecondFactors::Passkey).text().null())
                .col(
                    ColumnDef::new(SecondFactors::CredentialId)
                        .string_len(1400)
                        .null()
                        .unique_key(),
                )
                .col(
                    ColumnDef::new(SecondFactors::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(ts(SecondFactors::ConfirmedAt))
                .col(ts(SecondFactors::LastUsedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(SecondFactors::Table, SecondFactors::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_second_factors_user")
                .table(SecondFactors::Table)
                .col(SecondFactors::UserId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(RecoveryCodes::Table)
                .col(
                    ColumnDef::new(RecoveryCodes::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(RecoveryCodes::UserId).uuid().not_null())
                .col(
                    ColumnDef::new(RecoveryCodes::CodeHash)
                        .string_len(64)
                        .not_null()
                        .unique_key(),
                )
                .col(
                    ColumnDef::new(RecoveryCodes::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(RecoveryCodes::UsedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(RecoveryCodes::Table, RecoveryCodes::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(WebauthnCeremonies::Table)
                .col(
                    ColumnDef::new(WebauthnCeremonies::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(WebauthnCeremonies::UserId).uuid().null())
                .col(ColumnDef::new(WebauthnCeremonies::SessionId).uuid().null())
                .col(
                    ColumnDef::new(WebauthnCeremonies::Purpose)
                        .string_len(20)
                        .not_null(),
                )
                .col(ColumnDef::new(WebauthnCeremonies::State).text().not_null())
                .col(
                    ColumnDef::new(WebauthnCeremonies::ExpiresAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            WebauthnCeremonies::Table.into_iden(),
            RecoveryCodes::Table.into_iden(),
            SecondFactors::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        m.alter_table(
            Table::alter()
                .table(Sessions::Table)
                .drop_column(Sessions::Stage)
                .to_owned(),
        )
        .await
    }
}
