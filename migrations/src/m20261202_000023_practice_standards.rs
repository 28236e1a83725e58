//! RJC practice standards (R-ST-1): each practitioner's level (foundation, intermediate,
//! advanced — it sets the CPD hours a year and who may supervise cases), and the CPD log a
//! facilitator keeps from the phone.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    PracticeLevel,
}

#[derive(DeriveIden)]
enum CpdEntries {
    Table,
    Id,
    UserId,
    DoneOn,
    Minutes,
    Activity,
    Provider,
    RjcApproved,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Users::Table)
                .add_column(ColumnDef::new(Users::PracticeLevel).string_len(20).null())
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(CpdEntries::Table)
                .col(
                    ColumnDef::new(CpdEntries::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(CpdEntries::UserId).uuid().not_null())
                .col(ColumnDef::new(CpdEntries::DoneOn).date().not_null())
                .col(ColumnDef::new(CpdEntries::Minutes).integer().not_null())
                .col(
                    ColumnDef::new(CpdEntries::Activity)
                        .string_len(200)
                        .not_null(),
                )
                .col(ColumnDef::new(CpdEntries::Provider).string_len(200).null())
                .col(
                    ColumnDef::new(CpdEntries::RjcApproved)
                        .boolean()
                        .not_null()
                        .default(false),
                )
                .col(
                    ColumnDef::new(CpdEntries::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(CpdEntries::Table, CpdEntries::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_cpd_entries_user_done")
                .table(CpdEntries::Table)
                .col(CpdEntries::UserId)
                .col(CpdEntries::DoneOn)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(CpdEntries::Table).to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table(Users::Table)
                .drop_column(Users::PracticeLevel)
                .to_owned(),
        )
        .await
    }
}
