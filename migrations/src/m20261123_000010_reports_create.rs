//! For reports: when the offender was identified (so first meetings held before it count,
//! R-RP-3), and the settings the co-ordinator enters, such as the victim-satisfaction baseline.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Cases {
    Table,
    OffenderIdentified,
    OffenderIdentifiedAt,
    ReceivedAt,
}

#[derive(DeriveIden)]
enum ReportSettings {
    Table,
    Key,
    Value,
    UpdatedBy,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Cases::Table)
                .add_column(
                    ColumnDef::new(Cases::OffenderIdentifiedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .to_owned(),
        )
        .await?;
        // Cases identified before this column existed: the best known time is when they came in.
        m.exec_stmt(
            Query::update()
                .table(Cases::Table)
                .value(Cases::OffenderIdentifiedAt, Expr::col(Cases::ReceivedAt))
                .and_where(Expr::col(Cases::OffenderIdentified).eq(true))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ReportSettings::Table)
                .col(
                    ColumnDef::new(ReportSettings::Key)
                        .string_len(64)
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(ReportSettings::Value).double().not_null())
                .col(ColumnDef::new(ReportSettings::UpdatedBy).uuid().null())
                .col(
                    ColumnDef::new(ReportSettings::UpdatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ReportSettings::Table).to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table(Cases::Table)
                .drop_column(Cases::OffenderIdentifiedAt)
                .to_owned(),
        )
        .await
    }
}
