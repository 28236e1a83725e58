//! API tokens for partner systems (#20): an agency's case system files referrals and follows
//! them without a person retyping them. Each token acts as its own account (a referrer of that
//! agency, which cannot sign in), so every use is audited as the token; only the SHA-256 of the
//! secret is kept; tokens are scoped, expire, can be rotated and revoked.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Id,
    UserId,
    TokenHash,
    Scopes,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    RevokedAt,
    LastUsedAt,
    RotatedFrom,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let ts = |c: ApiTokens| {
            ColumnDef::new(c)
                .timestamp_with_time_zone()
                .not_null()
                .take()
        };
        let ts_null = |c: ApiTokens| ColumnDef::new(c).timestamp_with_time_zone().null().take();
        m.create_table(
            Table::create()
                .table(ApiTokens::Table)
                .col(
                    ColumnDef::new(ApiTokens::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(ApiTokens::UserId).uuid().not_null())
                .col(
                    ColumnDef::new(ApiTokens::TokenHash)
                        .string_len(64)
                        .not_null()
                        .unique_key(),
                )
                .col(ColumnDef::new(ApiTokens::Scopes).string_len(200).not_null())
                .col(ColumnDef::new(ApiTokens::CreatedBy).uuid().null())
                .col(ts(ApiTokens::CreatedAt))
                .col(ts(ApiTokens::ExpiresAt))
                .col(ts_null(ApiTokens::RevokedAt))
                .col(ts_null(ApiTokens::LastUsedAt))
                .col(ColumnDef::new(ApiTokens::RotatedFrom).uuid().null())
                .foreign_key(
                    ForeignKey::create()
                        .from(ApiTokens::Table, ApiTokens::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ApiTokens::Table).to_owned())
            .await
    }
}
