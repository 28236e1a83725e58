//! The Victims' Code clocks (R-ST-2): each clock a case runs — information about restorative
//! justice within 5 working days of a victim's request (1 for a victim with enhanced rights),
//! onward referral for support within 2 working days — with its start, its due day (counted in
//! England and Wales working days when it starts) and when it was met (and on which London day). A case records whether
//! the victim is entitled to enhanced rights, and why.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CaseClocks {
    Table,
    Id,
    CaseId,
    Kind,
    StartedAt,
    DueOn,
    MetAt,
    MetOn,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
    EnhancedRights,
    EnhancedRightsReason,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(CaseClocks::Table)
                .col(
                    ColumnDef::new(CaseClocks::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(CaseClocks::CaseId).uuid().not_null())
                .col(ColumnDef::new(CaseClocks::Kind).string_len(40).not_null())
                .col(
                    ColumnDef::new(CaseClocks::StartedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(ColumnDef::new(CaseClocks::DueOn).date().not_null())
                .col(
                    ColumnDef::new(CaseClocks::MetAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                // The London day it was met, so "on time" is one date comparison in SQL.
                .col(ColumnDef::new(CaseClocks::MetOn).date().null())
                .foreign_key(
                    ForeignKey::create()
                        .from(CaseClocks::Table, CaseClocks::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // One clock of each kind per case: two requests at once cannot start it twice.
        m.create_index(
            Index::create()
                .name("ux_case_clocks_case_kind")
                .table(CaseClocks::Table)
                .col(CaseClocks::CaseId)
                .col(CaseClocks::Kind)
                .unique()
                .to_owned(),
        )
        .await?;
        // The "due today / overdue" queues read the unmet clocks by due day.
        m.create_index(
            Index::create()
                .name("ix_case_clocks_due")
                .table(CaseClocks::Table)
                .col(CaseClocks::DueOn)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Cases::Table)
                .add_column(
                    ColumnDef::new(Cases::EnhancedRights)
                        .boolean()
                        .not_null()
                        .default(false),
                )
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Cases::Table)
                .add_column(
                    ColumnDef::new(Cases::EnhancedRightsReason)
                        .string_len(500)
                        .null(),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [Cases::EnhancedRightsReason, Cases::EnhancedRights] {
            m.alter_table(
                Table::alter()
                    .table(Cases::Table)
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        m.drop_table(Table::drop().table(CaseClocks::Table).to_owned())
            .await
    }
}
