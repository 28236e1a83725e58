//! Published editions of the performance report (R-RP-1…12): the figures of a month or
//! half-year frozen when the co-ordinator publishes them, already disclosure-controlled, and
//! corrections that supersede an edition with a reason while both stay readable.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ReportEditions {
    Table,
    Id,
    Kind,
    PeriodFrom,
    PeriodTo,
    Groupings,
    Tables,
    PublishedAt,
    PublishedBy,
    Supersedes,
    Reason,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ReportEditions::Table)
                .col(
                    ColumnDef::new(ReportEditions::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(ReportEditions::Kind).text().not_null())
                .col(ColumnDef::new(ReportEditions::PeriodFrom).date().not_null())
                .col(ColumnDef::new(ReportEditions::PeriodTo).date().not_null())
                .col(ColumnDef::new(ReportEditions::Groupings).text().not_null())
                // The edition's tables as JSON, hidden figures already blanked.
                .col(ColumnDef::new(ReportEditions::Tables).text().not_null())
                .col(
                    ColumnDef::new(ReportEditions::PublishedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(ColumnDef::new(ReportEditions::PublishedBy).uuid().null())
                .col(ColumnDef::new(ReportEditions::Supersedes).uuid().null())
                .col(ColumnDef::new(ReportEditions::Reason).text().null())
                .to_owned(),
        )
        .await?;
        // An edition is superseded at most once, and a period has one first edition: two
        // co-ordinators publishing at once cannot both win (the second gets CONFLICT).
        m.create_index(
            Index::create()
                .name("ux_report_editions_supersedes")
                .table(ReportEditions::Table)
                .col(ReportEditions::Supersedes)
                .unique()
                .to_owned(),
        )
        .await?;
        // A partial index: the same SQL on SQLite and PostgreSQL.
        m.get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_report_editions_first ON report_editions \
                 (kind, period_from) WHERE supersedes IS NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ReportEditions::Table).to_owned())
            .await
    }
}
