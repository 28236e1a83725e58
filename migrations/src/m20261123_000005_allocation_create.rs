//! Allocation: the facilitator profile's matching facts, unavailable dates, offers to one or
//! more facilitators with their answers, and idempotency keys for replayed mutations.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FacilitatorProfiles {
    Table,
    HomeArea,
    AreasServed,
    MaxCases,
    Paused,
    Availability,
    DeclaredConflicts,
}

#[derive(DeriveIden)]
enum FacilitatorUnavailability {
    Table,
    Id,
    UserId,
    FromDate,
    ToDate,
    Note,
}

#[derive(DeriveIden)]
enum Offers {
    Table,
    Id,
    CaseId,
    Role,
    Status,
    ExpiresAt,
    Commitment,
    OutsideReason,
    CreatedBy,
    CreatedAt,
    AcceptedBy,
    DecidedAt,
}

#[derive(DeriveIden)]
enum OfferRecipients {
    Table,
    OfferId,
    UserId,
    Response,
    DeclineReason,
    RespondedAt,
}

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    UserId,
    Key,
    Operation,
    Response,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            ColumnDef::new(FacilitatorProfiles::HomeArea)
                .string_len(64)
                .null()
                .take(),
            ColumnDef::new(FacilitatorProfiles::AreasServed)
                .string_len(500)
                .null()
                .take(),
            ColumnDef::new(FacilitatorProfiles::MaxCases)
                .integer()
                .not_null()
                .default(3)
                .take(),
            ColumnDef::new(FacilitatorProfiles::Paused)
                .boolean()
                .not_null()
                .default(false)
                .take(),
            ColumnDef::new(FacilitatorProfiles::Availability)
                .string_len(500)
                .null()
                .take(),
            ColumnDef::new(FacilitatorProfiles::DeclaredConflicts)
                .text()
                .null()
                .take(),
        ] {
            let mut col = col;
            m.alter_table(
                Table::alter()
                    .table(FacilitatorProfiles::Table)
                    .add_column(&mut col)
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table(FacilitatorUnavailability::Table)
                .col(
                    ColumnDef::new(FacilitatorUnavailability::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(FacilitatorUnavailability::UserId)
                        .uuid()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(FacilitatorUnavailability::FromDate)
                        .date()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(FacilitatorUnavailability::ToDate)
                        .date()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(FacilitatorUnavailability::Note)
                        .string_len(200)
                        .null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_unavailability_user")
                        .from(
                            FacilitatorUnavailability::Table,
                            FacilitatorUnavailability::UserId,
                        )
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_unavailability_user")
                .table(FacilitatorUnavailability::Table)
                .col(FacilitatorUnavailability::UserId)
                .col(FacilitatorUnavailability::ToDate)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Offers::Table)
                .col(ColumnDef::new(Offers::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(Offers::CaseId).uuid().not_null())
                .col(ColumnDef::new(Offers::Role).string_len(8).not_null())
                .col(ColumnDef::new(Offers::Status).string_len(16).not_null())
                .col(
                    ColumnDef::new(Offers::ExpiresAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(ColumnDef::new(Offers::Commitment).string_len(500).null())
                .col(ColumnDef::new(Offers::OutsideReason).text().null())
                .col(ColumnDef::new(Offers::CreatedBy).uuid().null())
                .col(
                    ColumnDef::new(Offers::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(ColumnDef::new(Offers::AcceptedBy).uuid().null())
                .col(
                    ColumnDef::new(Offers::DecidedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_offers_case")
                        .from(Offers::Table, Offers::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_offers_case")
                .table(Offers::Table)
                .col(Offers::CaseId)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_offers_status_expiry")
                .table(Offers::Table)
                .col(Offers::Status)
                .col(Offers::ExpiresAt)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(OfferRecipients::Table)
                .col(ColumnDef::new(OfferRecipients::OfferId).uuid().not_null())
                .col(ColumnDef::new(OfferRecipients::UserId).uuid().not_null())
                .col(
                    ColumnDef::new(OfferRecipients::Response)
                        .string_len(16)
                        .not_null(),
                )
                .col(ColumnDef::new(OfferRecipients::DeclineReason).text().null())
                .col(
                    ColumnDef::new(OfferRecipients::RespondedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .primary_key(
                    Index::create()
                        .col(OfferRecipients::OfferId)
                        .col(OfferRecipients::UserId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_recipients_offer")
                        .from(OfferRecipients::Table, OfferRecipients::OfferId)
                        .to(Offers::Table, Offers::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_recipients_user")
                        .from(OfferRecipients::Table, OfferRecipients::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_recipients_user")
                .table(OfferRecipients::Table)
                .col(OfferRecipients::UserId)
                .col(OfferRecipients::Response)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(IdempotencyKeys::Table)
                .col(ColumnDef::new(IdempotencyKeys::UserId).uuid().not_null())
                .col(
                    ColumnDef::new(IdempotencyKeys::Key)
                        .string_len(100)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(IdempotencyKeys::Operation)
                        .string_len(64)
                        .not_null(),
                )
                .col(ColumnDef::new(IdempotencyKeys::Response).json().not_null())
                .col(
                    ColumnDef::new(IdempotencyKeys::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .primary_key(
                    Index::create()
                        .col(IdempotencyKeys::UserId)
                        .col(IdempotencyKeys::Key),
                )
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            IdempotencyKeys::Table.into_iden(),
            OfferRecipients::Table.into_iden(),
            Offers::Table.into_iden(),
            FacilitatorUnavailability::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        for c in [
            FacilitatorProfiles::DeclaredConflicts.into_iden(),
            FacilitatorProfiles::Availability.into_iden(),
            FacilitatorProfiles::Paused.into_iden(),
            FacilitatorProfiles::MaxCases.into_iden(),
            FacilitatorProfiles::AreasServed.into_iden(),
            FacilitatorProfiles::HomeArea.into_iden(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(FacilitatorProfiles::Table)
                    .drop_column(c)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
