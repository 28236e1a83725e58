//! The schema root: every area's `XQuery`/`XMutation` merged, with limits applied.

use std::sync::Arc;

use async_graphql::{EmptySubscription, MergedObject, Schema};

use super::ServerCtx;
use crate::areas::accounts::api_tokens_graphql::{ApiTokensMutation, ApiTokensQuery};
use crate::areas::accounts::factors_graphql::{FactorsMutation, FactorsQuery};
use crate::areas::accounts::graphql::{AccountsMutation, AccountsQuery};
use crate::areas::accounts::signed_in_graphql::{SignedInMutation, SignedInQuery};
use crate::areas::allocation::graphql::{AllocationMutation, AllocationQuery};
use crate::areas::cases::graphql::{CasesMutation, CasesQuery, LettersMutation, LettersQuery};
use crate::areas::complaints::graphql::{ComplaintsMutation, ComplaintsQuery};
use crate::areas::followup::graphql::{FollowUpMutation, FollowUpQuery};
use crate::areas::intake::graphql::IntakeMutation;
use crate::areas::intake::graphql::IntakeQuery;
use crate::areas::meetings::graphql::{MeetingsMutation, MeetingsQuery};
use crate::areas::outcomes::graphql::{OutcomesMutation, OutcomesQuery};
use crate::areas::privacy::graphql::{PrivacyMutation, PrivacyQuery};
use crate::areas::reference::graphql::{ReferenceMutation, ReferenceQuery};
use crate::areas::reports::graphql::{ReportsMutation, ReportsQuery};
use crate::areas::training::graphql::{TrainingMutation, TrainingQuery};
use crate::areas::training::practice_graphql::PracticeMutation;
use crate::areas::workbench::graphql::WorkbenchQuery;

#[derive(MergedObject, Default)]
pub struct Query(
    AccountsQuery,
    FactorsQuery,
    SignedInQuery,
    ApiTokensQuery,
    CasesQuery,
    LettersQuery,
    ReferenceQuery,
    PrivacyQuery,
    TrainingQuery,
    AllocationQuery,
    MeetingsQuery,
    OutcomesQuery,
    FollowUpQuery,
    ReportsQuery,
    ComplaintsQuery,
    IntakeQuery,
    WorkbenchQuery,
);

#[derive(MergedObject, Default)]
pub struct Mutation(
    AccountsMutation,
    FactorsMutation,
    SignedInMutation,
    ApiTokensMutation,
    CasesMutation,
    LettersMutation,
    IntakeMutation,
    ReferenceMutation,
    TrainingMutation,
    PracticeMutation,
    AllocationMutation,
    MeetingsMutation,
    OutcomesMutation,
    FollowUpMutation,
    ReportsMutation,
    ComplaintsMutation,
    PrivacyMutation,
);

pub type AppSchema = Schema<Query, Mutation, EmptySubscription>;

/// Deep or wide documents are refused before they run.
pub const MAX_DEPTH: usize = 12;
pub const MAX_COMPLEXITY: usize = 2_000;

pub fn build_schema(ctx: Option<Arc<ServerCtx>>, introspection: bool) -> AppSchema {
    let mut b = Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .limit_recursive_depth(32)
        .limit_directives(16);
    if !introspection {
        b = b.disable_introspection();
    }
    if let Some(ctx) = ctx {
        b = b.data(ctx);
    }
    b.finish()
}
