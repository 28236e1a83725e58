//! Training and the volunteer bank: courses and sessions with attendance, accreditations,
//! supervision sessions and development plans, and volunteer applicants with their stages.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Courses {
    Table,
    Id,
    Kind,
    Title,
    Description,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CourseSessions {
    Table,
    Id,
    CourseId,
    StartsAt,
    EndsAt,
    Venue,
    TrainerId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SessionAttendees {
    Table,
    SessionId,
    UserId,
    Status,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum Accreditations {
    Table,
    Id,
    UserId,
    Level,
    AwardingBody,
    AwardedOn,
    ExpiresOn,
    Evidence,
    RecordedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AccreditationReminders {
    Table,
    AccreditationId,
    DaysBefore,
    SentAt,
}

#[derive(DeriveIden)]
enum SupervisionSessions {
    Table,
    Id,
    FacilitatorId,
    SupervisorId,
    HeldOn,
    Kind,
    Notes,
    Actions,
    CreatedAt,
}

#[derive(DeriveIden)]
enum DevelopmentPlans {
    Table,
    FacilitatorId,
    Plan,
    UpdatedBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Applicants {
    Table,
    Id,
    FullName,
    Email,
    Phone,
    Area,
    Languages,
    CulturalKnowledge,
    Stage,
    UserId,
    CreatedAt,
    UpdatedAt,
    ErasedAt,
}

#[derive(DeriveIden)]
enum ApplicantEvents {
    Table,
    Id,
    ApplicantId,
    FromStage,
    ToStage,
    At,
    ActorId,
    Note,
}

#[derive(DeriveIden)]
enum FacilitatorProfiles {
    Table,
    Languages,
    CulturalKnowledge,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn id(c: impl IntoIden) -> ColumnDef {
    ColumnDef::new(c).uuid().not_null().primary_key().take()
}
fn uuid(c: impl IntoIden) -> ColumnDef {
    ColumnDef::new(c).uuid().not_null().take()
}
fn uuid_null(c: impl IntoIden) -> ColumnDef {
    ColumnDef::new(c).uuid().null().take()
}
fn ts(c: impl IntoIden) -> ColumnDef {
    ColumnDef::new(c)
        .timestamp_with_time_zone()
        .not_null()
        .take()
}
fn ts_null(c: impl IntoIden) -> ColumnDef {
    ColumnDef::new(c).timestamp_with_time_zone().null().take()
}
fn date(c: impl IntoIden) -> ColumnDef {
    ColumnDef::new(c).date().not_null().take()
}
fn text(c: impl IntoIden, n: u32) -> ColumnDef {
    ColumnDef::new(c).string_len(n).not_null().take()
}
fn text_null(c: impl IntoIden, n: u32) -> ColumnDef {
    ColumnDef::new(c).string_len(n).null().take()
}
fn long_null(c: impl IntoIden) -> ColumnDef {
    ColumnDef::new(c).text().null().take()
}

fn fk_user(name: &str, table: impl IntoIden, col: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, col)
        .to(Users::Table, Users::Id)
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

async fn index(
    m: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    cols: &[&str],
) -> Result<(), DbErr> {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(Alias::new(*c));
    }
    m.create_index(i.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Courses::Table)
                .col(id(Courses::Id))
                .col(text(Courses::Kind, 32))
                .col(text(Courses::Title, 200))
                .col(long_null(Courses::Description))
                .col(uuid_null(Courses::CreatedBy))
                .col(ts(Courses::CreatedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CourseSessions::Table)
                .col(id(CourseSessions::Id))
                .col(uuid(CourseSessions::CourseId))
                .col(ts(CourseSessions::StartsAt))
                .col(ts(CourseSessions::EndsAt))
                .col(text(CourseSessions::Venue, 300))
                .col(uuid_null(CourseSessions::TrainerId))
                .col(ts(CourseSessions::CreatedAt))
                .foreign_key(
                    &mut ForeignKey::create()
                        .name("fk_course_sessions_course")
                        .from(CourseSessions::Table, CourseSessions::CourseId)
                        .to(Courses::Table, Courses::Id)
                        .on_delete(ForeignKeyAction::Restrict)
                        .to_owned(),
                )
                .foreign_key(&mut fk_user(
                    "fk_course_sessions_trainer",
                    CourseSessions::Table,
                    CourseSessions::TrainerId,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_course_sessions_course",
            CourseSessions::Table,
            &["course_id", "starts_at"],
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SessionAttendees::Table)
                .col(uuid(SessionAttendees::SessionId))
                .col(uuid(SessionAttendees::UserId))
                .col(text(SessionAttendees::Status, 16))
                .col(uuid_null(SessionAttendees::RecordedBy))
                .col(ts_null(SessionAttendees::RecordedAt))
                .primary_key(
                    Index::create()
                        .col(SessionAttendees::SessionId)
                        .col(SessionAttendees::UserId),
                )
                .foreign_key(
                    &mut ForeignKey::create()
                        .name("fk_attendees_session")
                        .from(SessionAttendees::Table, SessionAttendees::SessionId)
                        .to(CourseSessions::Table, CourseSessions::Id)
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .foreign_key(&mut fk_user(
                    "fk_attendees_user",
                    SessionAttendees::Table,
                    SessionAttendees::UserId,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_attendees_user",
            SessionAttendees::Table,
            &["user_id"],
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Accreditations::Table)
                .col(id(Accreditations::Id))
                .col(uuid(Accreditations::UserId))
                .col(text(Accreditations::Level, 16))
                .col(text(Accreditations::AwardingBody, 64))
                .col(date(Accreditations::AwardedOn))
                .col(date(Accreditations::ExpiresOn))
                .col(long_null(Accreditations::Evidence))
                .col(uuid_null(Accreditations::RecordedBy))
                .col(ts(Accreditations::CreatedAt))
                .foreign_key(&mut fk_user(
                    "fk_accreditations_user",
                    Accreditations::Table,
                    Accreditations::UserId,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_accreditations_user",
            Accreditations::Table,
            &["user_id", "level", "expires_on"],
        )
        .await?;
        index(
            m,
            "ix_accreditations_expiry",
            Accreditations::Table,
            &["expires_on"],
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AccreditationReminders::Table)
                .col(uuid(AccreditationReminders::AccreditationId))
                .col(
                    ColumnDef::new(AccreditationReminders::DaysBefore)
                        .integer()
                        .not_null(),
                )
                .col(ts(AccreditationReminders::SentAt))
                .primary_key(
                    Index::create()
                        .col(AccreditationReminders::AccreditationId)
                        .col(AccreditationReminders::DaysBefore),
                )
                .foreign_key(
                    &mut ForeignKey::create()
                        .name("fk_reminders_accreditation")
                        .from(
                            AccreditationReminders::Table,
                            AccreditationReminders::AccreditationId,
                        )
                        .to(Accreditations::Table, Accreditations::Id)
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SupervisionSessions::Table)
                .col(id(SupervisionSessions::Id))
                .col(uuid(SupervisionSessions::FacilitatorId))
                .col(uuid(SupervisionSessions::SupervisorId))
                .col(date(SupervisionSessions::HeldOn))
                .col(text(SupervisionSessions::Kind, 32))
                .col(long_null(SupervisionSessions::Notes))
                .col(long_null(SupervisionSessions::Actions))
                .col(ts(SupervisionSessions::CreatedAt))
                .foreign_key(&mut fk_user(
                    "fk_supervision_facilitator",
                    SupervisionSessions::Table,
                    SupervisionSessions::FacilitatorId,
                ))
                .foreign_key(&mut fk_user(
                    "fk_supervision_supervisor",
                    SupervisionSessions::Table,
                    SupervisionSessions::SupervisorId,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_supervision_facilitator",
            SupervisionSessions::Table,
            &["facilitator_id", "held_on"],
        )
        .await?;

        m.create_table(
            Table::create()
                .table(DevelopmentPlans::Table)
                .col(id(DevelopmentPlans::FacilitatorId))
                .col(ColumnDef::new(DevelopmentPlans::Plan).text().not_null())
                .col(uuid_null(DevelopmentPlans::UpdatedBy))
                .col(ts(DevelopmentPlans::UpdatedAt))
                .foreign_key(&mut fk_user(
                    "fk_development_plans_user",
                    DevelopmentPlans::Table,
                    DevelopmentPlans::FacilitatorId,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Applicants::Table)
                .col(id(Applicants::Id))
                .col(text(Applicants::FullName, 200))
                .col(text_null(Applicants::Email, 254))
                .col(text_null(Applicants::Phone, 40))
                .col(text_null(Applicants::Area, 64))
                .col(text_null(Applicants::Languages, 300))
                .col(long_null(Applicants::CulturalKnowledge))
                .col(text(Applicants::Stage, 24))
                .col(uuid_null(Applicants::UserId))
                .col(ts(Applicants::CreatedAt))
                .col(ts(Applicants::UpdatedAt))
                .col(ts_null(Applicants::ErasedAt))
                .foreign_key(&mut fk_user(
                    "fk_applicants_user",
                    Applicants::Table,
                    Applicants::UserId,
                ))
                .to_owned(),
        )
        .await?;
        index(m, "ix_applicants_stage", Applicants::Table, &["stage"]).await?;

        m.create_table(
            Table::create()
                .table(ApplicantEvents::Table)
                .col(id(ApplicantEvents::Id))
                .col(uuid(ApplicantEvents::ApplicantId))
                .col(text_null(ApplicantEvents::FromStage, 24))
                .col(text(ApplicantEvents::ToStage, 24))
                .col(ts(ApplicantEvents::At))
                .col(uuid_null(ApplicantEvents::ActorId))
                .col(long_null(ApplicantEvents::Note))
                .foreign_key(
                    &mut ForeignKey::create()
                        .name("fk_applicant_events_applicant")
                        .from(ApplicantEvents::Table, ApplicantEvents::ApplicantId)
                        .to(Applicants::Table, Applicants::Id)
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_applicant_events_applicant",
            ApplicantEvents::Table,
            &["applicant_id", "at"],
        )
        .await?;

        // What the volunteer bank reports on (R-TR-3): languages and cultural knowledge.
        m.alter_table(
            Table::alter()
                .table(FacilitatorProfiles::Table)
                .add_column(text_null(FacilitatorProfiles::Languages, 300))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(FacilitatorProfiles::Table)
                .add_column(long_null(FacilitatorProfiles::CulturalKnowledge))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(FacilitatorProfiles::Table)
                .drop_column(FacilitatorProfiles::CulturalKnowledge)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(FacilitatorProfiles::Table)
                .drop_column(FacilitatorProfiles::Languages)
                .to_owned(),
        )
        .await?;
        for t in [
            ApplicantEvents::Table.into_iden(),
            Applicants::Table.into_iden(),
            DevelopmentPlans::Table.into_iden(),
            SupervisionSessions::Table.into_iden(),
            AccreditationReminders::Table.into_iden(),
            Accreditations::Table.into_iden(),
            SessionAttendees::Table.into_iden(),
            CourseSessions::Table.into_iden(),
            Courses::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
