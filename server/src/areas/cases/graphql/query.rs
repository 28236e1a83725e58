//! The cases slice's queries.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};

use super::case::Case;
use super::inputs::{CaseFilterInput, PersonCase, PersonMatch};
use super::records::{Person, ReferralStatus};
use super::types::parse_stored;
use crate::access::case as access;
use crate::areas::cases::service::{self, CaseFilter};
use crate::areas::cases::{model, people as people_mod};
use crate::graphql::context::{actor, server};
use crate::graphql::ids::{parse, to_id};
use crate::graphql::pagination::{Page, connection};

#[derive(Default)]
pub struct CasesQuery;

#[Object]
impl CasesQuery {
    /// People whose name contains the text, to add someone already known to another case
    /// (co-ordinator; audited).
    async fn people(
        &self,
        ctx: &Context<'_>,
        search: String,
        first: Option<i32>,
    ) -> Result<Vec<PersonMatch>> {
        let s = server(ctx);
        let rows = people_mod::search(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            &search,
            first.unwrap_or(20).max(1) as u64,
        )
        .await?;
        let mut out = Vec::new();
        for (p, cases) in rows {
            let mut list = Vec::new();
            for (cp, c) in cases {
                list.push(PersonCase {
                    case_id: to_id(c.id),
                    reference: c.reference,
                    role: parse_stored::<model::ParticipantRole>(&cp.role)?.into(),
                });
            }
            out.push(PersonMatch {
                person: Person(p),
                cases: list,
            });
        }
        Ok(out)
    }

    /// One case, as much of it as the reader may see. Reading it is audited. A case
    /// supervisor may open a case outside their own supervision by saying why
    /// (`justification`, kept in the audit log); without it they get `JUSTIFICATION_REQUIRED`.
    async fn case(&self, ctx: &Context<'_>, id: ID, justification: Option<String>) -> Result<Case> {
        let s = server(ctx);
        let view = access::open(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("id", &id)?,
            "case",
            justification.as_deref(),
        )
        .await?;
        Ok(view.into())
    }

    /// The case list: every case for the co-ordinator, supervised cases for a supervisor.
    async fn cases(
        &self,
        ctx: &Context<'_>,
        filter: Option<CaseFilterInput>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, Case>> {
        let s = server(ctx);
        let page = Page::new(first, after.as_deref())?;
        let f = filter.unwrap_or_default();
        let rows = service::list(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            CaseFilter {
                stages: f.stages.into_iter().map(Into::into).collect(),
                awaiting_offender: f.awaiting_offender,
                reference: f.reference,
                oldest_first: f.oldest_first,
                extra: None,
                area: f.area,
                offence_category: f.offence_category,
                by_deadline: false,
            },
            page,
        )
        .await?;
        Ok(connection(page, rows.into_iter().map(Case::from).collect()))
    }

    /// The cases a facilitator works on.
    async fn my_cases(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, Case>> {
        let s = server(ctx);
        let page = Page::new(first, after.as_deref())?;
        let rows = service::mine(&s.db, s.clock.now(), actor(ctx)?, page).await?;
        Ok(connection(page, rows.into_iter().map(Case::from).collect()))
    }

    /// The status of referrals the reader made (and, for partner-agency staff, their agency's).
    async fn my_referrals(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, ReferralStatus>> {
        let s = server(ctx);
        let page = Page::new(first, after.as_deref())?;
        let rows = service::referrals_followed(&s.db, actor(ctx)?, page).await?;
        Ok(connection(
            page,
            rows.into_iter().map(ReferralStatus).collect(),
        ))
    }
}
