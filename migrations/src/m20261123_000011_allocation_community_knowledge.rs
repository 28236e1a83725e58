//! Community knowledge beside cultural knowledge in the facilitator's profile (R-AL-1). Language
//! proficiency needs no column: the `languages` column now holds `code:level` pairs and bare
//! codes written before read as fluent.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FacilitatorProfiles {
    Table,
    CommunityKnowledge,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(FacilitatorProfiles::Table)
                .add_column(
                    ColumnDef::new(FacilitatorProfiles::CommunityKnowledge)
                        .text()
                        .null(),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(FacilitatorProfiles::Table)
                .drop_column(FacilitatorProfiles::CommunityKnowledge)
                .to_owned(),
        )
        .await
    }
}
