//! Sessions people can see (#20): each session names the device it was started on (a summary
//! such as "Chrome on Android", never the full user agent or the address), and the devices a
//! user has signed in from, so a sign-in from a new one can be e-mailed to them.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Device,
}

#[derive(DeriveIden)]
enum SignInDevices {
    Table,
    UserId,
    Device,
    FirstSeenAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Sessions::Table)
                .add_column(ColumnDef::new(Sessions::Device).string_len(120).null())
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SignInDevices::Table)
                .col(ColumnDef::new(SignInDevices::UserId).uuid().not_null())
                .col(
                    ColumnDef::new(SignInDevices::Device)
                        .string_len(120)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(SignInDevices::FirstSeenAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .primary_key(
                    Index::create()
                        .col(SignInDevices::UserId)
                        .col(SignInDevices::Device),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(SignInDevices::Table, SignInDevices::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(SignInDevices::Table).to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table(Sessions::Table)
                .drop_column(Sessions::Device)
                .to_owned(),
        )
        .await
    }
}
