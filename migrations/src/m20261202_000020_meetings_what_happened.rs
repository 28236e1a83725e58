//! A meeting records what happened: held, or did not happen with the reason, and who came.
//! A conference counts as held only when someone says so, never from its start time.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Meetings {
    Table,
    OutcomeNote,
    OutcomeRecordedAt,
    OutcomeRecordedBy,
}

#[derive(DeriveIden)]
enum MeetingAttendees {
    Table,
    Attended,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        for col in [
            ColumnDef::new(Meetings::OutcomeNote)
                .string_len(2000)
                .null()
                .to_owned(),
            ColumnDef::new(Meetings::OutcomeRecordedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
            ColumnDef::new(Meetings::OutcomeRecordedBy)
                .uuid()
                .null()
                .to_owned(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(Meetings::Table)
                    .add_column(col)
                    .to_owned(),
            )
            .await?;
        }
        m.alter_table(
            Table::alter()
                .table(MeetingAttendees::Table)
                .add_column(ColumnDef::new(MeetingAttendees::Attended).boolean().null())
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(MeetingAttendees::Table)
                .drop_column(MeetingAttendees::Attended)
                .to_owned(),
        )
        .await?;
        for col in [
            Meetings::OutcomeNote,
            Meetings::OutcomeRecordedAt,
            Meetings::OutcomeRecordedBy,
        ] {
            m.alter_table(
                Table::alter()
                    .table(Meetings::Table)
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
