//! Intake and case records: reference lists, people, cases and their participants, the stage
//! history (`case_events`), contacts, risk assessments, consents, and who works on each case.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ReferenceItems {
    Table,
    Id,
    List,
    Code,
    Label,
    Active,
    SortOrder,
    CreatedAt,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
    FullName,
    Email,
    Phone,
    Address,
    Postcode,
    PreferredLanguage,
    InterpreterNeeded,
    AccessibilityNeeds,
    ContactChannels,
    SafeTimes,
    MayLeaveMessage,
    CreatedAt,
    UpdatedAt,
    ErasedAt,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
    Reference,
    Stage,
    StoppedAtStage,
    StopReasonCode,
    StopReasonText,
    ReferralSource,
    ReferringAgency,
    ReferrerUserId,
    OffenderInitiated,
    OffenceCategory,
    HateCrime,
    OffenceSummary,
    ReportedToPolice,
    CrimeReference,
    ProceedingsStage,
    Area,
    AreaDetail,
    OriginatingArea,
    OffenderIdentified,
    AwaitingOffender,
    InterventionModel,
    Suitable,
    SuitabilityReasonCode,
    SuitabilityNotes,
    AssessedAt,
    SupportNeeds,
    VictimsHubReferredAt,
    SupervisorId,
    ReceivedAt,
    CreatedAt,
    UpdatedAt,
    ErasedAt,
}

#[derive(DeriveIden)]
enum CaseParticipants {
    Table,
    Id,
    CaseId,
    PersonId,
    Role,
    Relationship,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CaseEvents {
    Table,
    Id,
    CaseId,
    FromStage,
    ToStage,
    At,
    ActorId,
    ReasonCode,
    ReasonText,
}

#[derive(DeriveIden)]
enum Contacts {
    Table,
    Id,
    CaseId,
    ParticipantId,
    At,
    Channel,
    Summary,
    ActorId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RiskAssessments {
    Table,
    Id,
    CaseId,
    RiskTo,
    Level,
    Factors,
    Mitigations,
    ReviewOn,
    AssessedBy,
    AssessedAt,
}

#[derive(DeriveIden)]
enum Consents {
    Table,
    Id,
    CaseId,
    ParticipantId,
    Purpose,
    Given,
    Method,
    Note,
    RecordedBy,
    At,
}

#[derive(DeriveIden)]
enum CaseFacilitators {
    Table,
    CaseId,
    UserId,
    Role,
    AssignedBy,
    AssignedAt,
    EndedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn id(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).uuid().not_null().primary_key().take()
}
fn uuid(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).uuid().not_null().take()
}
fn uuid_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).uuid().null().take()
}
fn ts(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .take()
}
fn ts_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).timestamp_with_time_zone().null().take()
}
fn text(col: impl IntoIden, len: u32) -> ColumnDef {
    ColumnDef::new(col).string_len(len).not_null().take()
}
fn text_null(col: impl IntoIden, len: u32) -> ColumnDef {
    ColumnDef::new(col).string_len(len).null().take()
}
fn long_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).text().null().take()
}
fn flag(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).boolean().not_null().take()
}
fn flag_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).boolean().null().take()
}

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

async fn index(
    m: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    cols: &[&str],
    unique: bool,
) -> Result<(), DbErr> {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(Alias::new(*c));
    }
    if unique {
        i.unique();
    }
    m.create_index(i.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ReferenceItems::Table)
                .col(id(ReferenceItems::Id))
                .col(text(ReferenceItems::List, 32))
                .col(text(ReferenceItems::Code, 64))
                .col(text(ReferenceItems::Label, 200))
                .col(flag(ReferenceItems::Active))
                .col(
                    ColumnDef::new(ReferenceItems::SortOrder)
                        .integer()
                        .not_null(),
                )
                .col(ts(ReferenceItems::CreatedAt))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ux_reference_items_list_code",
            ReferenceItems::Table,
            &["list", "code"],
            true,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(People::Table)
                .col(id(People::Id))
                .col(text(People::FullName, 200))
                .col(text_null(People::Email, 254))
                .col(text_null(People::Phone, 40))
                .col(text_null(People::Address, 500))
                .col(text_null(People::Postcode, 12))
                .col(text_null(People::PreferredLanguage, 64))
                .col(flag(People::InterpreterNeeded))
                .col(text_null(People::AccessibilityNeeds, 1000))
                .col(text_null(People::ContactChannels, 100))
                .col(text_null(People::SafeTimes, 500))
                .col(flag_null(People::MayLeaveMessage))
                .col(ts(People::CreatedAt))
                .col(ts(People::UpdatedAt))
                .col(ts_null(People::ErasedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Cases::Table)
                .col(id(Cases::Id))
                .col(text(Cases::Reference, 16))
                .col(text(Cases::Stage, 16))
                .col(text_null(Cases::StoppedAtStage, 16))
                .col(text_null(Cases::StopReasonCode, 64))
                .col(long_null(Cases::StopReasonText))
                .col(text(Cases::ReferralSource, 64))
                .col(text_null(Cases::ReferringAgency, 200))
                .col(uuid_null(Cases::ReferrerUserId))
                .col(flag(Cases::OffenderInitiated))
                .col(text_null(Cases::OffenceCategory, 64))
                .col(flag(Cases::HateCrime))
                .col(long_null(Cases::OffenceSummary))
                .col(flag_null(Cases::ReportedToPolice))
                .col(text_null(Cases::CrimeReference, 64))
                .col(text_null(Cases::ProceedingsStage, 64))
                .col(text_null(Cases::Area, 64))
                .col(text_null(Cases::AreaDetail, 200))
                .col(text_null(Cases::OriginatingArea, 200))
                .col(flag(Cases::OffenderIdentified))
                .col(flag(Cases::AwaitingOffender))
                .col(text_null(Cases::InterventionModel, 64))
                .col(flag_null(Cases::Suitable))
                .col(text_null(Cases::SuitabilityReasonCode, 64))
                .col(long_null(Cases::SuitabilityNotes))
                .col(ts_null(Cases::AssessedAt))
                .col(long_null(Cases::SupportNeeds))
                .col(ts_null(Cases::VictimsHubReferredAt))
                .col(uuid_null(Cases::SupervisorId))
                .col(ts(Cases::ReceivedAt))
                .col(ts(Cases::CreatedAt))
                .col(ts(Cases::UpdatedAt))
                .col(ts_null(Cases::ErasedAt))
                .foreign_key(&mut fk(
                    "fk_cases_referrer",
                    (Cases::Table, Cases::ReferrerUserId),
                    (Users::Table, Users::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_cases_supervisor",
                    (Cases::Table, Cases::SupervisorId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        index(m, "ux_cases_reference", Cases::Table, &["reference"], true).await?;
        index(
            m,
            "ix_cases_stage_received",
            Cases::Table,
            &["stage", "received_at"],
            false,
        )
        .await?;
        index(
            m,
            "ix_cases_received",
            Cases::Table,
            &["received_at"],
            false,
        )
        .await?;
        index(
            m,
            "ix_cases_referrer",
            Cases::Table,
            &["referrer_user_id"],
            false,
        )
        .await?;
        index(
            m,
            "ix_cases_agency",
            Cases::Table,
            &["referring_agency"],
            false,
        )
        .await?;
        index(
            m,
            "ix_cases_supervisor",
            Cases::Table,
            &["supervisor_id"],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CaseParticipants::Table)
                .col(id(CaseParticipants::Id))
                .col(uuid(CaseParticipants::CaseId))
                .col(uuid(CaseParticipants::PersonId))
                .col(text(CaseParticipants::Role, 32))
                .col(text_null(CaseParticipants::Relationship, 100))
                .col(ts(CaseParticipants::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_participants_case",
                    (CaseParticipants::Table, CaseParticipants::CaseId),
                    (Cases::Table, Cases::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_participants_person",
                    (CaseParticipants::Table, CaseParticipants::PersonId),
                    (People::Table, People::Id),
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_participants_case",
            CaseParticipants::Table,
            &["case_id"],
            false,
        )
        .await?;
        index(
            m,
            "ix_participants_person",
            CaseParticipants::Table,
            &["person_id"],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CaseEvents::Table)
                .col(id(CaseEvents::Id))
                .col(uuid(CaseEvents::CaseId))
                .col(text_null(CaseEvents::FromStage, 16))
                .col(text(CaseEvents::ToStage, 16))
                .col(ts(CaseEvents::At))
                .col(uuid_null(CaseEvents::ActorId))
                .col(text_null(CaseEvents::ReasonCode, 64))
                .col(long_null(CaseEvents::ReasonText))
                .foreign_key(&mut fk(
                    "fk_case_events_case",
                    (CaseEvents::Table, CaseEvents::CaseId),
                    (Cases::Table, Cases::Id),
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_case_events_case_at",
            CaseEvents::Table,
            &["case_id", "at"],
            false,
        )
        .await?;
        index(
            m,
            "ix_case_events_to_at",
            CaseEvents::Table,
            &["to_stage", "at"],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Contacts::Table)
                .col(id(Contacts::Id))
                .col(uuid(Contacts::CaseId))
                .col(uuid_null(Contacts::ParticipantId))
                .col(ts(Contacts::At))
                .col(text(Contacts::Channel, 16))
                .col(ColumnDef::new(Contacts::Summary).text().not_null())
                .col(uuid_null(Contacts::ActorId))
                .col(ts(Contacts::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_contacts_case",
                    (Contacts::Table, Contacts::CaseId),
                    (Cases::Table, Cases::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_contacts_participant",
                    (Contacts::Table, Contacts::ParticipantId),
                    (CaseParticipants::Table, CaseParticipants::Id),
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_contacts_case_at",
            Contacts::Table,
            &["case_id", "at"],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(RiskAssessments::Table)
                .col(id(RiskAssessments::Id))
                .col(uuid(RiskAssessments::CaseId))
                .col(text(RiskAssessments::RiskTo, 200))
                .col(text(RiskAssessments::Level, 16))
                .col(long_null(RiskAssessments::Factors))
                .col(long_null(RiskAssessments::Mitigations))
                .col(ColumnDef::new(RiskAssessments::ReviewOn).date().not_null())
                .col(uuid_null(RiskAssessments::AssessedBy))
                .col(ts(RiskAssessments::AssessedAt))
                .foreign_key(&mut fk(
                    "fk_risk_case",
                    (RiskAssessments::Table, RiskAssessments::CaseId),
                    (Cases::Table, Cases::Id),
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_risk_case",
            RiskAssessments::Table,
            &["case_id", "assessed_at"],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Consents::Table)
                .col(id(Consents::Id))
                .col(uuid(Consents::CaseId))
                .col(uuid(Consents::ParticipantId))
                .col(text(Consents::Purpose, 32))
                .col(flag(Consents::Given))
                .col(text(Consents::Method, 16))
                .col(long_null(Consents::Note))
                .col(uuid_null(Consents::RecordedBy))
                .col(ts(Consents::At))
                .foreign_key(&mut fk(
                    "fk_consents_case",
                    (Consents::Table, Consents::CaseId),
                    (Cases::Table, Cases::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_consents_participant",
                    (Consents::Table, Consents::ParticipantId),
                    (CaseParticipants::Table, CaseParticipants::Id),
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_consents_case",
            Consents::Table,
            &["case_id", "participant_id", "at"],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CaseFacilitators::Table)
                .col(uuid(CaseFacilitators::CaseId))
                .col(uuid(CaseFacilitators::UserId))
                .col(text(CaseFacilitators::Role, 8))
                .col(uuid_null(CaseFacilitators::AssignedBy))
                .col(ts(CaseFacilitators::AssignedAt))
                .col(ts_null(CaseFacilitators::EndedAt))
                .primary_key(
                    Index::create()
                        .col(CaseFacilitators::CaseId)
                        .col(CaseFacilitators::UserId),
                )
                .foreign_key(&mut fk(
                    "fk_case_facilitators_case",
                    (CaseFacilitators::Table, CaseFacilitators::CaseId),
                    (Cases::Table, Cases::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_case_facilitators_user",
                    (CaseFacilitators::Table, CaseFacilitators::UserId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_case_facilitators_user",
            CaseFacilitators::Table,
            &["user_id"],
            false,
        )
        .await?;

        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            CaseFacilitators::Table.into_iden(),
            Consents::Table.into_iden(),
            RiskAssessments::Table.into_iden(),
            Contacts::Table.into_iden(),
            CaseEvents::Table.into_iden(),
            CaseParticipants::Table.into_iden(),
            Cases::Table.into_iden(),
            People::Table.into_iden(),
            ReferenceItems::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
