//! Per-case facts for the performance report (R-RP-1…12 at scale): one row per case holding
//! the case's own reporting codes and what the report would otherwise look up in seven tables,
//! keyed by when the case was received, so a half-year report over a million referrals reads
//! one contiguous range of one table. On SQLite the table is `WITHOUT ROWID`: its rows are
//! stored in key order, so the range is read without a lookup per case.
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
    ReceivedAt,
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

/// The case's own columns the report selects, groups and filters on (codes only).
const CODES: &[&str] = &[
    "stage",
    "suitable",
    "suitability_reason_code",
    "stopped_at_stage",
    "intervention_model",
    "referral_source",
    "offence_category",
    "area",
    "referring_agency",
];
const CASE_TIMES: &[&str] = &["offender_identified_at", "erased_at"];

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

/// The tables facts come from, the column naming the case, and the columns whose change can
/// alter a fact (updates of anything else, such as retention blanking free text, leave the
/// facts alone).
const SOURCES: &[(&str, &str, &[&str])] = &[
    (
        "cases",
        "id",
        &[
            "received_at",
            "erased_at",
            "offender_identified_at",
            "stage",
            "suitable",
            "suitability_reason_code",
            "stopped_at_stage",
            "intervention_model",
            "referral_source",
            "offence_category",
            "area",
            "referring_agency",
        ],
    ),
    ("contacts", "case_id", &["case_id"]),
    ("consents", "case_id", &["case_id", "purpose", "given"]),
    (
        "meetings",
        "case_id",
        &["case_id", "kind", "status", "starts_at", "ends_at"],
    ),
    ("testimonials", "case_id", &["case_id", "consent_to_use"]),
    ("agreement_items", "case_id", &["case_id", "completed_at"]),
    ("reoffending_checks", "case_id", &["case_id", "reoffended"]),
    (
        "satisfaction_surveys",
        "case_id",
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
    let mut out = Vec::new();
    for (table, key, cols) in SOURCES {
        let mark = |row: &str| {
            format!(
                "INSERT INTO case_facts_dirty (case_id) VALUES ({row}.{key}) \
                 ON CONFLICT (case_id) DO NOTHING;"
            )
        };
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
    let mut out = Vec::new();
    // One function per name of the case column. DO UPDATE (not DO NOTHING) takes the row lock,
    // so a refresh that claims the mark waits for this transaction or leaves the mark for the
    // next refresh: a change is never missed.
    for key in ["case_id", "id"] {
        let mark = |row: &str| {
            format!(
                "INSERT INTO case_facts_dirty (case_id) VALUES ({row}.{key}) \
                 ON CONFLICT (case_id) DO UPDATE SET case_id = EXCLUDED.case_id;"
            )
        };
        out.push(format!(
            "CREATE OR REPLACE FUNCTION case_facts_mark_{key}() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN \
             IF TG_OP <> 'INSERT' THEN {} END IF; \
             IF TG_OP <> 'DELETE' THEN {} END IF; \
             RETURN NULL; \
             END $$",
            mark("OLD"),
            mark("NEW")
        ));
    }
    for (table, key, cols) in SOURCES {
        out.push(format!(
            "CREATE TRIGGER tr_{table}_facts AFTER INSERT OR DELETE OR UPDATE OF {} ON {table} \
             FOR EACH ROW EXECUTE FUNCTION case_facts_mark_{key}()",
            cols.join(", ")
        ));
    }
    out
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut facts = Table::create();
        facts
            .table(CaseFacts::Table)
            .col(
                ColumnDef::new(CaseFacts::ReceivedAt)
                    .timestamp_with_time_zone()
                    .not_null(),
            )
            .col(ColumnDef::new(CaseFacts::CaseId).uuid().not_null())
            .primary_key(
                Index::create()
                    .col(CaseFacts::ReceivedAt)
                    .col(CaseFacts::CaseId),
            );
        for c in CODES {
            let mut col = ColumnDef::new(Alias::new(*c));
            facts.col(match *c {
                "suitable" => col.boolean().null().to_owned(),
                "stage" | "referral_source" => col.string_len(64).not_null().to_owned(),
                "referring_agency" => col.string_len(200).null().to_owned(),
                _ => col.string_len(64).null().to_owned(),
            });
        }
        for c in CASE_TIMES {
            facts.col(
                ColumnDef::new(Alias::new(*c))
                    .timestamp_with_time_zone()
                    .null(),
            );
        }
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
        // Days from referral to the end of the first restorative meeting, for the percentiles.
        facts.col(
            ColumnDef::new(Alias::new("completion_days"))
                .double()
                .null(),
        );
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
        let db = m.get_connection();
        if m.get_database_backend() == DatabaseBackend::Sqlite {
            let sql = facts.to_string(SqliteQueryBuilder);
            db.execute_unprepared(&format!("{sql} WITHOUT ROWID"))
                .await?;
        } else {
            m.create_table(facts.to_owned()).await?;
        }
        // Refreshes find a case's row by its id.
        m.create_index(
            Index::create()
                .name("ux_case_facts_case")
                .table(CaseFacts::Table)
                .col(CaseFacts::CaseId)
                .unique()
                .to_owned(),
        )
        .await?;
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
        for (table, _, _) in SOURCES {
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
            for key in ["case_id", "id"] {
                db.execute_unprepared(&format!("DROP FUNCTION IF EXISTS case_facts_mark_{key}()"))
                    .await?;
            }
        }
        m.drop_table(Table::drop().table(CaseFactsDirty::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(CaseFacts::Table).to_owned())
            .await
    }
}
