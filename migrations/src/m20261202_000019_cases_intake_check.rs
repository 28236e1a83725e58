//! A self-referral that arrived as one of many from a single connection in an hour is taken
//! (refuges and mobile networks share addresses) but marked, so the co-ordinator checks it is
//! genuine before contacting anyone; the mark says why in words.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Cases {
    Table,
    IntakeCheck,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Cases::Table)
                .add_column(ColumnDef::new(Cases::IntakeCheck).string_len(300).null())
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Cases::Table)
                .drop_column(Cases::IntakeCheck)
                .to_owned(),
        )
        .await
    }
}
