//! The inbox reads the newest (or oldest) cases of a stage in order: with the id in the index
//! as the tie-break the database reads just the first rows instead of sorting the stage.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Cases {
    Table,
    Stage,
    ReceivedAt,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name("ix_cases_stage_received_id")
                .table(Cases::Table)
                .col(Cases::Stage)
                .col(Cases::ReceivedAt)
                .col(Cases::Id)
                .to_owned(),
        )
        .await?;
        // The new index serves every query the old one did.
        m.drop_index(
            Index::drop()
                .name("ix_cases_stage_received")
                .table(Cases::Table)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name("ix_cases_stage_received")
                .table(Cases::Table)
                .col(Cases::Stage)
                .col(Cases::ReceivedAt)
                .to_owned(),
        )
        .await?;
        m.drop_index(
            Index::drop()
                .name("ix_cases_stage_received_id")
                .table(Cases::Table)
                .to_owned(),
        )
        .await
    }
}
