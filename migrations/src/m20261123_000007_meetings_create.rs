//! Meetings (preparation meetings, conferences, …) with their attendees, and each user's
//! private calendar feed.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Meetings {
    Table,
    Id,
    CaseId,
    Kind,
    StartsAt,
    EndsAt,
    VenueAddress,
    VenueRoom,
    AccessNotes,
    Status,
    Sequence,
    OverrideReason,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MeetingAttendees {
    Table,
    Id,
    MeetingId,
    UserId,
    ParticipantId,
}

#[derive(DeriveIden)]
enum CalendarFeeds {
    Table,
    UserId,
    Token,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
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
                .table(Meetings::Table)
                .col(ColumnDef::new(Meetings::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(Meetings::CaseId).uuid().not_null())
                .col(ColumnDef::new(Meetings::Kind).string_len(32).not_null())
                .col(
                    ColumnDef::new(Meetings::StartsAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Meetings::EndsAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Meetings::VenueAddress)
                        .string_len(500)
                        .not_null(),
                )
                .col(ColumnDef::new(Meetings::VenueRoom).string_len(200).null())
                .col(ColumnDef::new(Meetings::AccessNotes).text().null())
                .col(ColumnDef::new(Meetings::Status).string_len(16).not_null())
                .col(ColumnDef::new(Meetings::Sequence).integer().not_null())
                .col(ColumnDef::new(Meetings::OverrideReason).text().null())
                .col(ColumnDef::new(Meetings::CreatedBy).uuid().null())
                .col(
                    ColumnDef::new(Meetings::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Meetings::UpdatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_meetings_case")
                        .from(Meetings::Table, Meetings::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_meetings_case")
                .table(Meetings::Table)
                .col(Meetings::CaseId)
                .col(Meetings::StartsAt)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_meetings_time")
                .table(Meetings::Table)
                .col(Meetings::StartsAt)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(MeetingAttendees::Table)
                .col(
                    ColumnDef::new(MeetingAttendees::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(MeetingAttendees::MeetingId)
                        .uuid()
                        .not_null(),
                )
                .col(ColumnDef::new(MeetingAttendees::UserId).uuid().null())
                .col(
                    ColumnDef::new(MeetingAttendees::ParticipantId)
                        .uuid()
                        .null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_meeting_attendees_meeting")
                        .from(MeetingAttendees::Table, MeetingAttendees::MeetingId)
                        .to(Meetings::Table, Meetings::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_meeting_attendees_meeting")
                .table(MeetingAttendees::Table)
                .col(MeetingAttendees::MeetingId)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_meeting_attendees_user")
                .table(MeetingAttendees::Table)
                .col(MeetingAttendees::UserId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CalendarFeeds::Table)
                .col(
                    ColumnDef::new(CalendarFeeds::UserId)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(CalendarFeeds::Token)
                        .string_len(64)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(CalendarFeeds::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_calendar_feeds_user")
                        .from(CalendarFeeds::Table, CalendarFeeds::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_calendar_feeds_token")
                .table(CalendarFeeds::Table)
                .col(CalendarFeeds::Token)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            CalendarFeeds::Table.into_iden(),
            MeetingAttendees::Table.into_iden(),
            Meetings::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
