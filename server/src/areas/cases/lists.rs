//! The case lists: the co-ordinator's and supervisors' `cases` (the inbox is this list filtered
//! by stage), a facilitator's `myCases`, and `myReferrals`. Each is narrowed by its scope in
//! SQL, and every case it returns is noted as read by the access layer.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::model::Stage;
use crate::access::Actor;
use crate::access::case::{self as access, CaseView, ListScope};
use crate::entities::case;
use crate::error::AppResult;
use crate::kernel::Page;

#[derive(Default)]
pub struct CaseFilter {
    pub stages: Vec<Stage>,
    pub awaiting_offender: Option<bool>,
    pub reference: Option<String>,
    pub oldest_first: bool,
    /// A further condition on the case table (a workbench queue).
    pub extra: Option<Condition>,
    /// A code from the `AREA` list.
    pub area: Option<String>,
    /// A code from the `OFFENCE_CATEGORY` list.
    pub offence_category: Option<String>,
    /// The soonest Victims' Code deadline first (cases with none after, oldest first).
    pub by_deadline: bool,
}

/// The earliest unmet Victims' Code deadline of the case in the row.
const NEXT_DEADLINE: &str =
    "(SELECT MIN(k.due_on) FROM case_clocks k WHERE k.case_id = cases.id AND k.met_at IS NULL)";

/// The co-ordinator's and supervisors' case list.
pub async fn list(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    filter: CaseFilter,
    page: Page,
) -> AppResult<Vec<CaseView>> {
    let scope = ListScope::cases(actor)?;
    let mut q = case::Entity::find().filter(scope.condition());
    if let Some(a) = filter.awaiting_offender {
        q = q.filter(case::Column::AwaitingOffender.eq(a));
    }
    if let Some(c) = filter.extra {
        q = q.filter(c);
    }
    if let Some(a) = filter.area {
        q = q.filter(case::Column::Area.eq(a));
    }
    if let Some(o) = filter.offence_category {
        q = q.filter(case::Column::OffenceCategory.eq(o));
    }
    if let Some(r) = filter
        .reference
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        q = q.filter(
            Expr::expr(Func::upper(Expr::col(case::Column::Reference)))
                .like(format!("%{}%", r.to_uppercase().replace(['%', '_'], ""))),
        );
    }
    let stages: std::collections::BTreeSet<&str> =
        filter.stages.iter().map(|s| s.as_str()).collect();
    let stages: Vec<&str> = stages.into_iter().collect();
    if filter.by_deadline {
        if !stages.is_empty() {
            q = q.filter(case::Column::Stage.is_in(stages));
        }
        let rows = q
            .order_by_asc(Expr::cust(format!("{NEXT_DEADLINE} IS NULL")))
            .order_by_asc(Expr::cust(NEXT_DEADLINE))
            .order_by_asc(case::Column::ReceivedAt)
            .order_by_asc(case::Column::Id)
            .offset(page.offset)
            .limit(page.fetch())
            .all(conn)
            .await?;
        return Ok(scope.views(actor, now, rows, "cases", page.limit as usize));
    }
    q = if filter.oldest_first {
        q.order_by_asc(case::Column::ReceivedAt)
            .order_by_asc(case::Column::Id)
    } else {
        q.order_by_desc(case::Column::ReceivedAt)
            .order_by_desc(case::Column::Id)
    };
    let rows = match stages.as_slice() {
        [] => q.offset(page.offset).limit(page.fetch()).all(conn).await?,
        [one] => {
            q.filter(case::Column::Stage.eq(*one))
                .offset(page.offset)
                .limit(page.fetch())
                .all(conn)
                .await?
        }
        // Several stages (the inbox): the first rows of each, read in order from the
        // (stage, received_at, id) index, merged here. Asking for both stages at once would
        // read and sort every open case of both on each request.
        stages => {
            let upto = page.offset + page.fetch();
            let mut rows = Vec::new();
            for stage in stages {
                rows.extend(
                    q.clone()
                        .filter(case::Column::Stage.eq(*stage))
                        .limit(upto)
                        .all(conn)
                        .await?,
                );
            }
            rows.sort_by_key(|c| (c.received_at, c.id));
            if !filter.oldest_first {
                rows.reverse();
            }
            rows.into_iter()
                .skip(page.offset as usize)
                .take(page.fetch() as usize)
                .collect()
        }
    };
    Ok(scope.views(actor, now, rows, "cases", page.limit as usize))
}

/// A facilitator's own cases, most recently changed first.
pub async fn mine(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    page: Page,
) -> AppResult<Vec<CaseView>> {
    let scope = ListScope::mine(actor)?;
    let rows = case::Entity::find()
        .filter(scope.condition())
        .order_by_desc(case::Column::UpdatedAt)
        .order_by_desc(case::Column::Id)
        .offset(page.offset)
        .limit(page.fetch())
        .all(conn)
        .await?;
    Ok(scope.views(actor, now, rows, "myCases", page.limit as usize))
}

/// Referrals whose status the actor follows. Only status, never the people in them.
pub async fn referrals_followed(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    page: Page,
) -> AppResult<Vec<case::Model>> {
    Ok(case::Entity::find()
        .filter(access::followed_referrals(actor)?)
        .order_by_desc(case::Column::ReceivedAt)
        .offset(page.offset)
        .limit(page.fetch())
        .all(conn)
        .await?)
}
