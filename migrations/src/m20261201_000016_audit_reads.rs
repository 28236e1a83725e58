//! Reads audited by whom, whose and why (R-DP-4, R-ST-5): a typed justification beside the
//! purpose, and indexes for "who saw this record" and "what did this person see".

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    ActorId,
    Action,
    At,
    Entity,
    EntityId,
    Purpose,
    Justification,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(AuditLog::Table)
                .add_column(ColumnDef::new(AuditLog::Justification).text().null())
                .to_owned(),
        )
        .await?;
        // Erasures kept their reason in `purpose`; it is a justification, and the purpose is
        // data protection.
        m.exec_stmt(
            Query::update()
                .table(AuditLog::Table)
                .value(AuditLog::Justification, Expr::col(AuditLog::Purpose))
                .value(AuditLog::Purpose, "data_protection")
                .and_where(Expr::col(AuditLog::Action).eq("erase_person"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_audit_log_entity_at")
                .table(AuditLog::Table)
                .col(AuditLog::Entity)
                .col(AuditLog::EntityId)
                .col(AuditLog::At)
                .to_owned(),
        )
        .await?;
        m.drop_index(
            Index::drop()
                .name("ix_audit_log_entity")
                .table(AuditLog::Table)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_audit_log_actor_at")
                .table(AuditLog::Table)
                .col(AuditLog::ActorId)
                .col(AuditLog::At)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_audit_log_actor_at")
                .table(AuditLog::Table)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_audit_log_entity")
                .table(AuditLog::Table)
                .col(AuditLog::Entity)
                .col(AuditLog::EntityId)
                .to_owned(),
        )
        .await?;
        m.drop_index(
            Index::drop()
                .name("ix_audit_log_entity_at")
                .table(AuditLog::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(AuditLog::Table)
                .drop_column(AuditLog::Justification)
                .to_owned(),
        )
        .await
    }
}
