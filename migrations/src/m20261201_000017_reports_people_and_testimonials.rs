//! Report facts count people, not only cases (R-RP-2): the participants spoken to and those who
//! agreed to take part; and testimonials are counted one by one (R-RP-10), not as "the case has
//! one". Every case's facts are recomputed by the server after the upgrade.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CaseFacts {
    Table,
    PeopleSpokenTo,
    PeopleEngaging,
}

#[derive(DeriveIden)]
enum CaseFactsDirty {
    Table,
    CaseId,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [CaseFacts::PeopleSpokenTo, CaseFacts::PeopleEngaging] {
            m.alter_table(
                Table::alter()
                    .table(CaseFacts::Table)
                    .add_column(ColumnDef::new(col).big_integer().not_null().default(0))
                    .to_owned(),
            )
            .await?;
        }
        m.exec_stmt(
            Query::insert()
                .into_table(CaseFactsDirty::Table)
                .columns([CaseFactsDirty::CaseId])
                .select_from(
                    Query::select()
                        .column(Cases::Id)
                        .from(Cases::Table)
                        // SQLite needs a WHERE between INSERT … SELECT and ON CONFLICT to
                        // parse the upsert.
                        .and_where(Expr::val(true))
                        .to_owned(),
                )
                .map_err(|e| DbErr::Custom(e.to_string()))?
                .on_conflict(
                    OnConflict::column(CaseFactsDirty::CaseId)
                        .do_nothing()
                        .to_owned(),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [CaseFacts::PeopleEngaging, CaseFacts::PeopleSpokenTo] {
            m.alter_table(
                Table::alter()
                    .table(CaseFacts::Table)
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
