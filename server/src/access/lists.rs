//! List scopes: which cases a list may return, as a condition the query itself applies (need-to-
//! know stays in SQL), and the views of the rows it returned, each decided again and noted as
//! read.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::actor::{Actor, Role};
use super::case::{CaseView, decide, note};
use super::rules::{Duty, require};
use crate::entities::{case, case_facilitator};
use crate::error::AppResult;

/// Which cases a list may return, as a condition the query itself applies (need-to-know stays
/// in SQL), and the views of the rows it returned.
#[derive(Debug, Clone, Copy)]
pub enum ListScope {
    /// The co-ordinator: every case.
    All,
    /// A supervisor: the cases they supervise.
    SupervisedBy(Uuid),
    /// A facilitator: the cases allocated to them now.
    AllocatedTo(Uuid),
}

impl ListScope {
    /// The case list (`cases`): the co-ordinator's and supervisors'.
    pub fn cases(actor: &Actor) -> AppResult<Self> {
        require(actor, Duty::ListCases)?;
        Ok(if actor.has(Role::Coordinator) {
            ListScope::All
        } else {
            ListScope::SupervisedBy(actor.user_id)
        })
    }

    /// A facilitator's own cases (`myCases`).
    pub fn mine(actor: &Actor) -> AppResult<Self> {
        require(actor, Duty::WorkAsFacilitator)?;
        Ok(ListScope::AllocatedTo(actor.user_id))
    }

    pub fn condition(self) -> Condition {
        let live = Condition::all().add(case::Column::ErasedAt.is_null());
        match self {
            ListScope::All => live,
            ListScope::SupervisedBy(id) => live.add(case::Column::SupervisorId.eq(id)),
            ListScope::AllocatedTo(id) => live.add(
                case::Column::Id.in_subquery(
                    Query::select()
                        .column(case_facilitator::Column::CaseId)
                        .from(case_facilitator::Entity)
                        .and_where(case_facilitator::Column::UserId.eq(id))
                        .and_where(case_facilitator::Column::EndedAt.is_null())
                        .to_owned(),
                ),
            ),
        }
    }

    /// The views of the rows a scoped query returned, the first `shown` of them noted as read
    /// (a page reads one row more than it returns, to know whether another follows). Every row
    /// is decided again by the same rule as a single case, so a scope that is ever wrong shows
    /// nothing.
    pub fn views(
        self,
        actor: &Actor,
        now: DateTime<Utc>,
        rows: Vec<case::Model>,
        via: &'static str,
        shown: usize,
    ) -> Vec<CaseView> {
        let allocated = matches!(self, ListScope::AllocatedTo(_));
        let views: Vec<CaseView> = rows
            .iter()
            .filter_map(|c| decide(actor, c, allocated))
            .collect();
        for v in views.iter().take(shown) {
            note(actor, now, v, via, None);
        }
        views
    }
}

/// Views of cases a list reached through another record (meetings, follow-ups, sign-offs):
/// each row is decided and noted like a single case; rows the actor may not see are dropped.
pub async fn views_of(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    now: DateTime<Utc>,
    rows: Vec<case::Model>,
    via: &'static str,
) -> AppResult<Vec<CaseView>> {
    let mine: Vec<Uuid> = case_facilitator::Entity::find()
        .filter(case_facilitator::Column::UserId.eq(actor.user_id))
        .filter(case_facilitator::Column::EndedAt.is_null())
        .filter(case_facilitator::Column::CaseId.is_in(rows.iter().map(|c| c.id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|f| f.case_id)
        .collect();
    Ok(rows
        .iter()
        .filter_map(|c| decide(actor, c, mine.contains(&c.id)))
        .inspect(|v| note(actor, now, v, via, None))
        .collect())
}

/// Referrals whose status an actor follows (`myReferrals`): those they filed, and for
/// partner-agency staff those of their agency. Status only, never the people in them.
pub fn followed_referrals(actor: &Actor) -> AppResult<Condition> {
    require(actor, Duty::FollowReferrals)?;
    let mut cond = Condition::any().add(case::Column::ReferrerUserId.eq(actor.user_id));
    if let Some(agency) = &actor.agency {
        cond = cond.add(
            Condition::all()
                .add(
                    Expr::expr(Func::lower(Expr::col(case::Column::ReferringAgency)))
                        .eq(agency.to_lowercase()),
                )
                .add(case::Column::ReferralSource.ne("self_referral")),
        );
    }
    Ok(Condition::all()
        .add(cond)
        .add(case::Column::ErasedAt.is_null()))
}
