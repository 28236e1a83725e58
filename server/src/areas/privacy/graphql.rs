//! The audit log in the graph.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object, Result};
use chrono::{DateTime, Utc};

use super::access_log;
use super::service::{self, AuditFilter};
use crate::entities::audit_log;
use crate::graphql::context::{actor, server};
use crate::graphql::ids::{parse, to_id};
use crate::graphql::pagination::connection;
use crate::kernel::Page;

pub struct AuditEntry(audit_log::Model);

#[Object]
impl AuditEntry {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }
    async fn actor_id(&self) -> Option<ID> {
        self.0.actor_id.map(to_id)
    }
    async fn actor_name(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        Ok(crate::graphql::loaders::user_name(ctx, self.0.actor_id).await?)
    }
    async fn action(&self) -> &str {
        &self.0.action
    }
    async fn entity(&self) -> &str {
        &self.0.entity
    }
    async fn entity_id(&self) -> Option<&str> {
        self.0.entity_id.as_deref()
    }
    /// Why: the reader's relationship to the record (casework, supervision, coordination,
    /// partner_disclosure, subject_access, justified, …).
    async fn purpose(&self) -> Option<&str> {
        self.0.purpose.as_deref()
    }
    /// The reason a person typed (a read outside their relationship, an erasure).
    async fn justification(&self) -> Option<&str> {
        self.0.justification.as_deref()
    }
    /// Extra facts as JSON text (ids and codes, never personal data).
    async fn detail(&self) -> Option<String> {
        self.0.detail.as_ref().map(|d| d.to_string())
    }
}

#[derive(InputObject, Default)]
pub struct AuditFilterInput {
    /// e.g. "case", "user", "session".
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub actor_id: Option<ID>,
    /// e.g. "view", "login", "record_consent".
    pub action: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// A person as far as data protection needs: who, and whether already erased.
#[derive(async_graphql::SimpleObject)]
pub struct ErasedPerson {
    pub id: ID,
    pub name: String,
    pub erased_at: Option<DateTime<Utc>>,
}

#[derive(InputObject)]
pub struct ErasePersonInput {
    pub person_id: ID,
    /// Why, e.g. "Erasure request by letter of 12 November"; kept in the audit log.
    pub reason: String,
}

#[derive(async_graphql::SimpleObject)]
pub struct ErasePersonPayload {
    pub person: ErasedPerson,
}

#[derive(Default)]
pub struct PrivacyMutation;

#[Object]
impl PrivacyMutation {
    /// Erases a person's identifying details and what was written about them, keeping the codes,
    /// dates and scores reports count. Refused while one of their cases is open. Co-ordinator.
    async fn erase_person(
        &self,
        ctx: &Context<'_>,
        input: ErasePersonInput,
    ) -> Result<ErasePersonPayload> {
        let s = server(ctx);
        let p = super::retention::erase_person(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("personId", &input.person_id)?,
            &input.reason,
        )
        .await?;
        Ok(ErasePersonPayload {
            person: ErasedPerson {
                id: to_id(p.id),
                name: p.full_name,
                erased_at: p.erased_at,
            },
        })
    }
}

/// One read of a person's record: who, when, why, through what.
pub struct AccessLogEntry(access_log::AccessEntry);

#[Object]
impl AccessLogEntry {
    async fn id(&self) -> ID {
        to_id(self.0.row.id)
    }
    async fn at(&self) -> DateTime<Utc> {
        self.0.row.at
    }
    async fn actor_id(&self) -> Option<ID> {
        self.0.row.actor_id.map(to_id)
    }
    /// Who read it; `null` for the service itself.
    async fn actor_name(&self) -> Option<&str> {
        self.0.actor_name.as_deref()
    }
    /// `view`, `disclose` (to a partner agency), `subject_access_export`, `erase_person`.
    async fn action(&self) -> &str {
        &self.0.row.action
    }
    async fn purpose(&self) -> Option<&str> {
        self.0.row.purpose.as_deref()
    }
    async fn justification(&self) -> Option<&str> {
        self.0.row.justification.as_deref()
    }
    /// What was read: `person`, `case` or `testimonial`.
    async fn record(&self) -> &str {
        &self.0.row.entity
    }
    /// The case it was read through.
    async fn case_reference(&self) -> Option<&str> {
        self.0.case_reference.as_deref()
    }
    /// The operation that returned it (`case`, `myCases`, `people` …).
    async fn through(&self) -> Option<String> {
        access_log::via(&self.0.row)
    }
    /// How much of it: `full`, `offender_side`, `search_result` …
    async fn extent(&self) -> Option<String> {
        access_log::extent(&self.0.row)
    }
}

#[derive(Default)]
pub struct PrivacyQuery;

#[Object]
impl PrivacyQuery {
    /// Who did what to which record, newest first (co-ordinator; R-DP-4).
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        filter: Option<AuditFilterInput>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, AuditEntry>> {
        let f = filter.unwrap_or_default();
        let page = Page::new(first, after.as_deref())?;
        let rows = service::search(
            &server(ctx).db,
            actor(ctx)?,
            AuditFilter {
                entity: f.entity,
                entity_id: f.entity_id,
                actor_id: f
                    .actor_id
                    .as_ref()
                    .map(|a| parse("actorId", a))
                    .transpose()?,
                action: f.action,
                from: f.from,
                to: f.to,
            },
            page,
        )
        .await?;
        Ok(connection(page, rows.into_iter().map(AuditEntry).collect()))
    }

    /// Who saw this person's record, when and why, newest first (data protection officer and
    /// co-ordinator; R-ST-5). As CSV: `GET /privacy/access-log/{personId}.csv`.
    async fn person_access_log(
        &self,
        ctx: &Context<'_>,
        person_id: ID,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, AccessLogEntry>> {
        let s = server(ctx);
        let page = Page::new(first, after.as_deref())?;
        let rows = access_log::of_person(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("personId", &person_id)?,
            Some(page),
        )
        .await?;
        Ok(connection(
            page,
            rows.into_iter().map(AccessLogEntry).collect(),
        ))
    }

    /// Everything held about one person, as JSON (co-ordinator; R-DP-5). The same as a readable
    /// page: `GET /privacy/subject-access/{personId}` (add `?format=json` for the file).
    async fn subject_access_export(
        &self,
        ctx: &Context<'_>,
        person_id: ID,
    ) -> Result<async_graphql::Json<serde_json::Value>> {
        let s = server(ctx);
        Ok(async_graphql::Json(
            super::subject_access::export(
                &s.db,
                s.clock.now(),
                actor(ctx)?,
                parse("personId", &person_id)?,
            )
            .await?,
        ))
    }
}
