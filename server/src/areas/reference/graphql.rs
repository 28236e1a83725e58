//! Reference lists in the graph: readable by anyone (the public form needs them), extended by
//! the co-ordinator.

use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject};

use super::service::{self, ReferenceList as DomainList};
use crate::entities::reference_item;
use crate::error::AppError;
use crate::graphql::context::{actor, request, server};
use crate::graphql::ids::{parse, to_id};

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "DomainList")]
pub enum ReferenceList {
    Area,
    ReferralSource,
    OffenceCategory,
    ProceedingsStage,
    InterventionModel,
    Reason,
    Language,
    AccreditingBody,
}

#[derive(SimpleObject)]
pub struct ReferenceItem {
    pub id: ID,
    pub code: String,
    pub label: String,
    pub active: bool,
}

impl From<reference_item::Model> for ReferenceItem {
    fn from(m: reference_item::Model) -> Self {
        Self {
            id: to_id(m.id),
            code: m.code,
            label: m.label,
            active: m.active,
        }
    }
}

#[derive(InputObject)]
pub struct AddReferenceItemInput {
    pub list: ReferenceList,
    pub label: String,
}

#[derive(InputObject)]
pub struct SetReferenceItemActiveInput {
    pub id: ID,
    pub active: bool,
}

#[derive(SimpleObject)]
pub struct ReferenceItemPayload {
    pub item: ReferenceItem,
}

#[derive(Default)]
pub struct ReferenceQuery;

#[Object]
impl ReferenceQuery {
    /// The items of a list, in order. Switched-off items only for the co-ordinator.
    async fn reference_data(
        &self,
        ctx: &Context<'_>,
        list: ReferenceList,
        #[graphql(default)] include_inactive: bool,
    ) -> Result<Vec<ReferenceItem>> {
        if include_inactive
            && !request(ctx)
                .actor
                .as_ref()
                .is_some_and(|a| crate::access::holds(a, crate::access::Duty::ManageReferenceLists))
        {
            return Err(AppError::Forbidden.into());
        }
        Ok(
            service::items(&server(ctx).db, list.into(), include_inactive)
                .await?
                .into_iter()
                .map(Into::into)
                .collect(),
        )
    }
}

#[derive(Default)]
pub struct ReferenceMutation;

#[Object]
impl ReferenceMutation {
    /// Adds an item to a list (co-ordinator).
    async fn add_reference_item(
        &self,
        ctx: &Context<'_>,
        input: AddReferenceItemInput,
    ) -> Result<ReferenceItemPayload> {
        let s = server(ctx);
        let item = service::add_item(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            input.list.into(),
            &input.label,
        )
        .await?;
        Ok(ReferenceItemPayload { item: item.into() })
    }

    /// Switches an item off (kept for old records) or on again (co-ordinator).
    async fn set_reference_item_active(
        &self,
        ctx: &Context<'_>,
        input: SetReferenceItemActiveInput,
    ) -> Result<ReferenceItemPayload> {
        let s = server(ctx);
        let item = service::set_active(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("id", &input.id)?,
            input.active,
        )
        .await?;
        Ok(ReferenceItemPayload { item: item.into() })
    }
}
