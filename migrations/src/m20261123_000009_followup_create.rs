//! Satisfaction at the start, the end and six months later, testimonials with consent to use,
//! the six-month follow-up tasks, and which meeting reminders have been sent.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SatisfactionSurveys {
    Table,
    Id,
    CaseId,
    ParticipantId,
    Side,
    Stage,
    Score,
    Comment,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum Testimonials {
    Table,
    Id,
    CaseId,
    ParticipantId,
    Body,
    ConsentToUse,
    ConsentWithdrawnAt,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum FollowUpTasks {
    Table,
    Id,
    CaseId,
    ParticipantId,
    Kind,
    DueOn,
    AssignedTo,
    Status,
    RemindedAt,
    ClosedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MeetingReminders {
    Table,
    MeetingId,
    Sequence,
    HoursBefore,
    SentAt,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CaseParticipants {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Meetings {
    Table,
    Id,
}

fn case_fk(name: &str, table: impl IntoIden, col: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, col)
        .to(Cases::Table, Cases::Id)
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

fn participant_fk(
    name: &str,
    table: impl IntoIden,
    col: impl IntoIden,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, col)
        .to(CaseParticipants::Table, CaseParticipants::Id)
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(SatisfactionSurveys::Table)
                .col(
                    ColumnDef::new(SatisfactionSurveys::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(SatisfactionSurveys::CaseId)
                        .uuid()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(SatisfactionSurveys::ParticipantId)
                        .uuid()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(SatisfactionSurveys::Side)
                        .string_len(16)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(SatisfactionSurveys::Stage)
                        .string_len(16)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(SatisfactionSurveys::Score)
                        .integer()
                        .not_null(),
                )
                .col(ColumnDef::new(SatisfactionSurveys::Comment).text().null())
                .col(
                    ColumnDef::new(SatisfactionSurveys::RecordedBy)
                        .uuid()
                        .null(),
                )
                .col(
                    ColumnDef::new(SatisfactionSurveys::RecordedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(&mut case_fk(
                    "fk_satisfaction_case",
                    SatisfactionSurveys::Table,
                    SatisfactionSurveys::CaseId,
                ))
                .foreign_key(&mut participant_fk(
                    "fk_satisfaction_participant",
                    SatisfactionSurveys::Table,
                    SatisfactionSurveys::ParticipantId,
                ))
                .to_owned(),
        )
        .await?;
        // One answer per person and point in time: a correction replaces it.
        m.create_index(
            Index::create()
                .name("ux_satisfaction_participant_stage")
                .table(SatisfactionSurveys::Table)
                .col(SatisfactionSurveys::ParticipantId)
                .col(SatisfactionSurveys::Stage)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_satisfaction_case")
                .table(SatisfactionSurveys::Table)
                .col(SatisfactionSurveys::CaseId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Testimonials::Table)
                .col(
                    ColumnDef::new(Testimonials::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(Testimonials::CaseId).uuid().not_null())
                .col(
                    ColumnDef::new(Testimonials::ParticipantId)
                        .uuid()
                        .not_null(),
                )
                .col(ColumnDef::new(Testimonials::Body).text().not_null())
                .col(
                    ColumnDef::new(Testimonials::ConsentToUse)
                        .boolean()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Testimonials::ConsentWithdrawnAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .col(ColumnDef::new(Testimonials::RecordedBy).uuid().null())
                .col(
                    ColumnDef::new(Testimonials::RecordedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(&mut case_fk(
                    "fk_testimonials_case",
                    Testimonials::Table,
                    Testimonials::CaseId,
                ))
                .foreign_key(&mut participant_fk(
                    "fk_testimonials_participant",
                    Testimonials::Table,
                    Testimonials::ParticipantId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_testimonials_case")
                .table(Testimonials::Table)
                .col(Testimonials::CaseId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(FollowUpTasks::Table)
                .col(
                    ColumnDef::new(FollowUpTasks::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(FollowUpTasks::CaseId).uuid().not_null())
                .col(
                    ColumnDef::new(FollowUpTasks::ParticipantId)
                        .uuid()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(FollowUpTasks::Kind)
                        .string_len(32)
                        .not_null(),
                )
                .col(ColumnDef::new(FollowUpTasks::DueOn).date().not_null())
                .col(ColumnDef::new(FollowUpTasks::AssignedTo).uuid().null())
                .col(
                    ColumnDef::new(FollowUpTasks::Status)
                        .string_len(16)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(FollowUpTasks::RemindedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .col(
                    ColumnDef::new(FollowUpTasks::ClosedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .col(
                    ColumnDef::new(FollowUpTasks::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(&mut case_fk(
                    "fk_follow_up_case",
                    FollowUpTasks::Table,
                    FollowUpTasks::CaseId,
                ))
                .foreign_key(&mut participant_fk(
                    "fk_follow_up_participant",
                    FollowUpTasks::Table,
                    FollowUpTasks::ParticipantId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_follow_up_participant_kind")
                .table(FollowUpTasks::Table)
                .col(FollowUpTasks::ParticipantId)
                .col(FollowUpTasks::Kind)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_follow_up_due")
                .table(FollowUpTasks::Table)
                .col(FollowUpTasks::Status)
                .col(FollowUpTasks::DueOn)
                .to_owned(),
        )
        .await?;

        // A reminder is sent once per meeting, version (SEQUENCE) and lead time: a rescheduled
        // meeting gets fresh reminders.
        m.create_table(
            Table::create()
                .table(MeetingReminders::Table)
                .col(
                    ColumnDef::new(MeetingReminders::MeetingId)
                        .uuid()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(MeetingReminders::Sequence)
                        .integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(MeetingReminders::HoursBefore)
                        .integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(MeetingReminders::SentAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .primary_key(
                    Index::create()
                        .col(MeetingReminders::MeetingId)
                        .col(MeetingReminders::Sequence)
                        .col(MeetingReminders::HoursBefore),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_meeting_reminders_meeting")
                        .from(MeetingReminders::Table, MeetingReminders::MeetingId)
                        .to(Meetings::Table, Meetings::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            MeetingReminders::Table.into_iden(),
            FollowUpTasks::Table.into_iden(),
            Testimonials::Table.into_iden(),
            SatisfactionSurveys::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
