//! Web push subscriptions: one row per browser that asked for notifications.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PushSubscriptions {
    Table,
    Id,
    UserId,
    Endpoint,
    P256dh,
    Auth,
    CreatedAt,
    LastSuccessAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(PushSubscriptions::Table)
                .col(
                    ColumnDef::new(PushSubscriptions::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(PushSubscriptions::UserId).uuid().not_null())
                .col(
                    ColumnDef::new(PushSubscriptions::Endpoint)
                        .string_len(1000)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(PushSubscriptions::P256dh)
                        .string_len(200)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(PushSubscriptions::Auth)
                        .string_len(100)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(PushSubscriptions::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(PushSubscriptions::LastSuccessAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_push_subscriptions_user")
                        .from(PushSubscriptions::Table, PushSubscriptions::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_push_subscriptions_endpoint")
                .table(PushSubscriptions::Table)
                .col(PushSubscriptions::Endpoint)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_push_subscriptions_user")
                .table(PushSubscriptions::Table)
                .col(PushSubscriptions::UserId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(PushSubscriptions::Table).to_owned())
            .await
    }
}
