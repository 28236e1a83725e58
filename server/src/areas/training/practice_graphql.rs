//! The practice standards' mutations in the graph (R-ST-1): log CPD, remove an entry, record a
//! practice level. Each answers with the practitioner's record, standards recounted.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::NaiveDate;

use super::graphql::FacilitatorRecord;
use super::practice::{self, CpdInput};
use super::practice_types::{CpdEntry, PracticeLevel};
use crate::graphql::context::{actor, server};
use crate::graphql::ids::parse;

#[derive(InputObject)]
pub struct LogCpdInput {
    pub done_on: NaiveDate,
    /// Hours, in quarter hours (1.5 is an hour and a half).
    pub hours: f64,
    /// What the activity was ("Refresher on shuttle RJ").
    pub activity: String,
    pub provider: Option<String>,
    /// Approved by the Restorative Justice Council (at least half the year's hours must be).
    #[graphql(default)]
    pub rjc_approved: bool,
}

#[derive(SimpleObject)]
pub struct CpdPayload {
    pub entry: CpdEntry,
    /// The practitioner's record, with the standards recounted.
    pub record: FacilitatorRecord,
}

#[derive(InputObject)]
pub struct RemoveCpdInput {
    pub id: ID,
}

#[derive(InputObject)]
pub struct SetPracticeLevelInput {
    pub user_id: ID,
    pub level: PracticeLevel,
}

#[derive(SimpleObject)]
pub struct PracticeRecordPayload {
    pub record: FacilitatorRecord,
}

#[derive(Default)]
pub struct PracticeMutation;

#[Object]
impl PracticeMutation {
    /// A practitioner logs CPD they have done (their own log only).
    async fn log_cpd(&self, ctx: &Context<'_>, input: LogCpdInput) -> Result<CpdPayload> {
        let s = server(ctx);
        let a = actor(ctx)?;
        let row = practice::log_cpd(
            &s.db,
            s.clock.now(),
            a,
            CpdInput {
                done_on: input.done_on,
                hours: input.hours,
                activity: &input.activity,
                provider: input.provider.as_deref(),
                rjc_approved: input.rjc_approved,
            },
        )
        .await?;
        Ok(CpdPayload {
            entry: CpdEntry(row),
            record: FacilitatorRecord { user_id: a.user_id },
        })
    }

    /// A practitioner removes an entry of their own CPD log.
    async fn remove_cpd(
        &self,
        ctx: &Context<'_>,
        input: RemoveCpdInput,
    ) -> Result<PracticeRecordPayload> {
        let s = server(ctx);
        let a = actor(ctx)?;
        practice::remove_cpd(&s.db, s.clock.now(), a, parse("id", &input.id)?).await?;
        Ok(PracticeRecordPayload {
            record: FacilitatorRecord { user_id: a.user_id },
        })
    }

    /// The co-ordinator or a qualified trainer records a practitioner's RJC level.
    async fn set_practice_level(
        &self,
        ctx: &Context<'_>,
        input: SetPracticeLevelInput,
    ) -> Result<PracticeRecordPayload> {
        let s = server(ctx);
        let id = parse("userId", &input.user_id)?;
        practice::set_practice_level(&s.db, s.clock.now(), actor(ctx)?, id, input.level.into())
            .await?;
        Ok(PracticeRecordPayload {
            record: FacilitatorRecord { user_id: id },
        })
    }
}
