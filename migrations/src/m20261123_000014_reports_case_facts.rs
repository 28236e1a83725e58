//! Per-case facts for the performance report (R-RP-1…12 at scale): one row per case holding
//! what the report would otherwise look up in seven tables for every case of the cohort, so a
//! half-year report over a million referrals is one pass over the cases.
//!
//! The database keeps it true: triggers on every table a fact comes from put the case on a
//! "dirty" list in the same transaction as the change, and the server recomputes dirty cases
//! before a report (and in its jobs loop). Triggers are the one place this schema needs SQL per
//! database; the tables themselves are portable builders as everywhere else.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CaseFacts {
    Table,
    CaseId,
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

/// Counts and flags (0/1) per case.
const COUNTS: &[&str] = &[
    "spoken_to",
    "engaging",
    "conferences",
    "testimonials",
    "agreement_items",
    "agreement_items_completed",
    "reoffending_checked",
    "reoffended",
];
/// Times compared with "now" when the report runs, so facts never go stale as time passes.
const TIMES: &[&str] = &[
    "first_meeting_at",
    "first_restorative_at",
    "first_restorative_end",
    "last_conference_at",
];
const SIDES: [&str; 2] = ["victim", "offender"];
const POINTS: [&str; 3] = ["start", "end", "six_months"];
const LATER: [&str; 2] = ["end", "six_months"];

/// The tables facts come from, and the columns whose change can alter a fact (updates of
/// anything else, such as retention blanking free text, leave the facts alone).
const SOURCES: &[(&str, &[&str])] = &[
    ("contacts", &["case_id"]),
    ("consents", &["case_id", "purpose", "given"]),
    (
        "meetings",
        &["case_id", "kind", "status", "starts_at", "ends_at"],
    ),
    ("testimonials", &["case_id", "consent_to_use"]),
    ("agreement_items", &["case_id", "completed_at"]),
    ("reoffending_checks", &["case_id", "reoffended"]),
    (
        "satisfaction_surveys",
        &["case_id", "participant_id", "side", "stage", "score"],
    ),
];

fn survey_columns() -> Vec<String> {
    let mut cols = Vec::new();
    for side in SIDES {
        for point in POINTS {
            for what in ["n", "sum", "satisfied"] {
                cols.push(format!("{side}_{point}_{what}"));
            }
        }
        for later in LATER {
            for what in ["n", "sum"] {
                cols.push(format!("{side}_to_{later}_{what}"));
            }
        }
    }
    cols
}

fn sqlite_triggers() -> Vec<String> {
    let mark = |row: &str| {
        format!(
            "INSERT INTO case_facts_dirty (case_id) VALUES ({row}.case_id) \
             ON CONFLICT (case_id) DO NOTHING;"
        )
    };
    let mut out = Vec::new();
    for (table, cols) in SOURCES {
        out.push(format!(
            "CREATE TRIGGER tr_{table}_facts_insert AFTER INSERT ON {table} BEGIN {} END",
            mark("NEW")
        ));
        out.push(format!(
            "CREATE TRIGGER tr_{table}_facts_update AFTER UPDATE OF {} ON {table} BEGIN {} {} END",
            cols.join(", "),
            mark("OLD"),
            mark("NEW")
        ));
        out.push(format!(
            "CREATE TRIGGER tr_{table}_facts_delete AFTER DELETE ON {table} BEGIN {} END",
            mark("OLD")
        ));
    }
    out
}

fn postgres_triggers() -> Vec<String> {
    // DO UPDATE (not DO NOTHING) takes the row lock, so a refresh that claims the mark waits for
    // this transaction or leaves the mark for the next refresh: a change is never missed.
    let mark = |row: &str| {
        format!(
            "INSERT INTO case_facts_dirty (case_id) VALUES ({row}.case_id) \
             ON CONFLICT (case_id) DO UPDATE SET case_id = EXCLUDED.case_id;"
        )
    };
    let mut out = vec![format!(
        "CREATE OR REPLACE FUNCTION case_facts_mark() RETURNS trigger LANGUAGE plpgsql AS $$ \
         BEGIN \
         IF TG_OP <> 'INSERT' THEN {} END IF; \
         IF TG_OP <> 'DELETE' THEN {} END IF; \
         RETURN NULL; \
         END $$",
        mark("OLD"),
        mark("NEW")
    )];
    for (table, cols) in SOURCES {
        out.push(format!(
            "CREATE TRIGGER tr_{table}_facts AFTER INSERT OR DELETE OR UPDATE OF {} ON {table} \
             FOR EACH ROW EXECUTE FUNCTION case_facts_mark()",
            cols.join(", ")
        ));
    }
    out
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut facts = Table::create();
        facts.table(CaseFacts::Table).col(
            ColumnDef::new(CaseFacts::CaseId)
                .uuid()
                .not_null()
                .primary_key(),
        );
        for c in COUNTS {
            facts.col(
                ColumnDef::new(Alias::new(*c))
                    .big_integer()
                    .not_null()
                    .default(0),
            );
        }
        for c in TIMES {
            facts.col(
                ColumnDef::new(Alias::new(*c))
                    .timestamp_with_time_zone()
                    .null(),
            );
        }
        for c in survey_columns() {
            facts.col(
                ColumnDef::new(Alias::new(c))
                    .big_integer()
                    .not_null()
                    .default(0),
            );
        }
        facts.foreign_key(
            ForeignKey::create()
                .name("fk_case_facts_case")
                .from(CaseFacts::Table, CaseFacts::CaseId)
                .to(Cases::Table, Cases::Id)
                .on_delete(ForeignKeyAction::Cascade),
        );
        m.create_table(facts.to_owned()).await?;
        // No foreign key: a case being deleted marks itself dirty on the way out.
        m.create_table(
            Table::create()
                .table(CaseFactsDirty::Table)
                .col(
                    ColumnDef::new(CaseFactsDirty::CaseId)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        let triggers = match m.get_database_backend() {
            DatabaseBackend::Postgres => postgres_triggers(),
            _ => sqlite_triggers(),
        };
        for sql in triggers {
            db.execute_unprepared(&sql).await?;
        }
        // Existing cases are computed by the server after the upgrade, in batches.
        db.execute_unprepared("INSERT INTO case_facts_dirty (case_id) SELECT id FROM cases")
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        for (table, _) in SOURCES {
            let sql = match m.get_database_backend() {
                DatabaseBackend::Postgres => {
                    vec![format!(
                        "DROP TRIGGER IF EXISTS tr_{table}_facts ON {table}"
                    )]
                }
                _ => ["insert", "update", "delete"]
                    .iter()
                    .map(|e| format!("DROP TRIGGER IF EXISTS tr_{table}_facts_{e}"))
                    .collect(),
            };
            for s in sql {
                db.execute_unprepared(&s).await?;
            }
        }
        if m.get_database_backend() == DatabaseBackend::Postgres {
            db.execute_unprepared("DROP FUNCTION IF EXISTS case_facts_mark()")
                .await?;
        }
        m.drop_table(Table::drop().table(CaseFactsDirty::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(CaseFacts::Table).to_owned())
            .await
    }
}
