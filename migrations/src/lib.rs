//! RJ Hub's schema migrations. Portable sea-query builders, so the same files serve SQLite and
//! PostgreSQL; the one exception is the report facts' triggers (000014), written per database. A migration is never edited once it has landed: add a new one.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_accounts_create;
mod m20261123_000002_audit_outbox_create;
mod m20261123_000003_intake_cases_create;
mod m20261123_000004_training_create;
mod m20261123_000005_allocation_create;
mod m20261123_000006_push_subscriptions_create;
mod m20261123_000007_meetings_create;
mod m20261123_000008_outcomes_signoff_create;
mod m20261123_000009_followup_create;
mod m20261123_000010_reports_create;
mod m20261123_000011_allocation_community_knowledge;
mod m20261123_000012_complaints_privacy_create;
mod m20261123_000013_followup_reoffending_create;
mod m20261123_000014_reports_case_facts;
mod m20261123_000015_cases_inbox_index;
mod m20261201_000016_audit_reads;
mod m20261201_000017_reports_people_and_testimonials;
mod m20261201_000018_reports_editions;
mod m20261202_000019_cases_intake_check;
mod m20261202_000020_meetings_what_happened;
mod m20261202_000021_victims_code_clocks;
mod m20261202_000022_nudges;
mod m20261202_000023_practice_standards;
mod m20261202_000024_sessions_devices;
mod m20261202_000025_api_tokens;
mod m20261202_000026_second_factors;
mod m20261203_000027_safe_contact_messages;
mod m20261203_000028_letters;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_accounts_create::Migration),
            Box::new(m20261123_000002_audit_outbox_create::Migration),
            Box::new(m20261123_000003_intake_cases_create::Migration),
            Box::new(m20261123_000004_training_create::Migration),
            Box::new(m20261123_000005_allocation_create::Migration),
            Box::new(m20261123_000006_push_subscriptions_create::Migration),
            Box::new(m20261123_000007_meetings_create::Migration),
            Box::new(m20261123_000008_outcomes_signoff_create::Migration),
            Box::new(m20261123_000009_followup_create::Migration),
            Box::new(m20261123_000010_reports_create::Migration),
            Box::new(m20261123_000011_allocation_community_knowledge::Migration),
            Box::new(m20261123_000012_complaints_privacy_create::Migration),
            Box::new(m20261123_000013_followup_reoffending_create::Migration),
            Box::new(m20261123_000014_reports_case_facts::Migration),
            Box::new(m20261123_000015_cases_inbox_index::Migration),
            Box::new(m20261201_000016_audit_reads::Migration),
            Box::new(m20261201_000017_reports_people_and_testimonials::Migration),
            Box::new(m20261201_000018_reports_editions::Migration),
            Box::new(m20261202_000019_cases_intake_check::Migration),
            Box::new(m20261202_000020_meetings_what_happened::Migration),
            Box::new(m20261202_000021_victims_code_clocks::Migration),
            Box::new(m20261202_000022_nudges::Migration),
            Box::new(m20261202_000023_practice_standards::Migration),
            Box::new(m20261202_000024_sessions_devices::Migration),
            Box::new(m20261202_000025_api_tokens::Migration),
            Box::new(m20261202_000026_second_factors::Migration),
            Box::new(m20261203_000027_safe_contact_messages::Migration),
            Box::new(m20261203_000028_letters::Migration),
        ]
    }
}
