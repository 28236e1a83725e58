//! The allocation slice of the graph.

use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};

use super::model;
use super::service::{self, OfferInput, PoolMember, ProfileChange};
use crate::access::facilitators::{PoolView, profile_view};
use crate::access::rules::{Duty, require};
use crate::areas::cases::graphql::{
    AssignFacilitatorInput, AssignSupervisorInput, Case, CasePayload, FacilitatorRole, payload,
};
use crate::entities::{facilitator_profile, offer};
use crate::error::AppError;
use crate::graphql::context::{actor, server};
use crate::graphql::ids::{parse, to_id};

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::OfferStatus")]
pub enum OfferStatus {
    Open,
    Accepted,
    Declined,
    Expired,
    Withdrawn,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::OfferResponse")]
pub enum OfferResponse {
    Pending,
    Accepted,
    Declined,
    Taken,
    Expired,
}

fn csv(s: &Option<String>) -> Vec<String> {
    s.as_deref()
        .unwrap_or_default()
        .split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::LanguageProficiency")]
pub enum LanguageProficiency {
    Basic,
    Working,
    Fluent,
    Native,
}

/// A language the facilitator speaks and how well.
#[derive(SimpleObject)]
pub struct LanguageSkill {
    /// A code from the `LANGUAGE` list.
    pub language: String,
    pub proficiency: LanguageProficiency,
}

#[derive(InputObject)]
pub struct LanguageSkillInput {
    /// A code from the `LANGUAGE` list.
    pub language: String,
    pub proficiency: LanguageProficiency,
}

#[derive(SimpleObject)]
pub struct AwayPeriod {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub note: Option<String>,
}

/// The facts matching uses (R-AL-1, R-AL-2), as much as the reader may see of them.
pub struct MatchingProfile(facilitator_profile::Model, PoolView);

impl MatchingProfile {
    /// The facilitator's own profile.
    fn own(row: facilitator_profile::Model) -> Self {
        Self(
            row,
            PoolView {
                private_notes: true,
            },
        )
    }
}

#[Object]
impl MatchingProfile {
    /// Codes from the `LANGUAGE` list (see `languageSkills` for how well).
    async fn languages(&self) -> Vec<String> {
        model::language_codes(self.0.languages.as_deref())
    }
    async fn language_skills(&self) -> Vec<LanguageSkill> {
        model::language_skills(self.0.languages.as_deref())
            .into_iter()
            .map(|s| LanguageSkill {
                language: s.code,
                proficiency: s.proficiency.into(),
            })
            .collect()
    }
    async fn cultural_knowledge(&self) -> Option<&str> {
        self.0.cultural_knowledge.as_deref()
    }
    /// Communities, faith groups or neighbourhoods the facilitator knows well.
    async fn community_knowledge(&self) -> Option<&str> {
        self.0.community_knowledge.as_deref()
    }
    async fn home_area(&self) -> Option<&str> {
        self.0.home_area.as_deref()
    }
    /// Codes from the `AREA` list.
    async fn areas_served(&self) -> Vec<String> {
        csv(&self.0.areas_served)
    }
    /// Weekly slots such as `mon_am`, `wed_eve`.
    async fn availability(&self) -> Vec<String> {
        csv(&self.0.availability)
    }
    async fn max_cases(&self) -> i32 {
        self.0.max_cases
    }
    async fn paused(&self) -> bool {
        self.0.paused
    }
    /// Names of people or organisations they know (one per line); seen by them and the
    /// co-ordinator only (`null` for anyone else).
    async fn declared_conflicts(&self) -> Option<&str> {
        self.0
            .declared_conflicts
            .as_deref()
            .filter(|_| self.1.private_notes)
    }
    /// The dates they are away; the notes only for them and the co-ordinator.
    async fn away(&self, ctx: &Context<'_>) -> Result<Vec<AwayPeriod>> {
        Ok(service::unavailability(&server(ctx).db, self.0.user_id)
            .await?
            .into_iter()
            .map(|r| AwayPeriod {
                from: r.from_date,
                to: r.to_date,
                note: r.note.filter(|_| self.1.private_notes),
            })
            .collect())
    }
}

pub struct PoolFacilitator(PoolMember);

#[Object]
impl PoolFacilitator {
    async fn user_id(&self) -> ID {
        to_id(self.0.user.id)
    }
    async fn name(&self) -> &str {
        &self.0.user.name
    }
    async fn kind(&self) -> Option<crate::areas::accounts::graphql::FacilitatorKind> {
        self.0
            .profile
            .kind
            .parse::<crate::areas::accounts::model::FacilitatorKind>()
            .ok()
            .map(Into::into)
    }
    async fn agency(&self) -> Option<&str> {
        self.0.user.agency.as_deref()
    }
    async fn open_cases(&self) -> i64 {
        self.0.open_cases
    }
    /// A current practitioner or trainer accreditation today.
    async fn accredited(&self) -> bool {
        self.0.accredited
    }
    async fn profile(&self, ctx: &Context<'_>) -> Result<MatchingProfile> {
        let view = profile_view(actor(ctx)?, self.0.user.id).ok_or(AppError::Forbidden)?;
        Ok(MatchingProfile(self.0.profile.clone(), view))
    }
}

#[derive(SimpleObject)]
pub struct FacilitatorSuggestion {
    pub facilitator: PoolFacilitator,
    pub score: i32,
    /// Why, in words: "speaks Polish", "serves Fenland", "1 open case of 3".
    pub reasons: Vec<String>,
}

/// Someone in the pool who cannot take the case, and why.
#[derive(SimpleObject)]
pub struct LeftOutFacilitator {
    pub facilitator: PoolFacilitator,
    /// Why, in words: "full (3 of 3 cases)", "away for the next two weeks".
    pub reason: String,
}

/// What a facilitator sees of an offered case: never a name, address or contact detail.
#[derive(SimpleObject)]
pub struct OfferCaseSummary {
    pub area: Option<String>,
    pub offence_category: Option<String>,
    pub languages: Vec<String>,
    pub intervention_model: Option<String>,
    pub offender_initiated: bool,
}

#[derive(SimpleObject)]
pub struct MyOffer {
    pub id: ID,
    pub role: FacilitatorRole,
    pub expires_at: DateTime<Utc>,
    /// The expected commitment, in the co-ordinator's words.
    pub commitment: Option<String>,
    pub summary: OfferCaseSummary,
}

#[derive(SimpleObject)]
pub struct OfferRecipient {
    pub user_id: ID,
    pub name: String,
    pub response: OfferResponse,
    pub decline_reason: Option<String>,
    pub responded_at: Option<DateTime<Utc>>,
}

/// An offer as the co-ordinator follows it.
pub struct CaseOffer(offer::Model);

#[Object]
impl CaseOffer {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn role(&self) -> Result<FacilitatorRole> {
        Ok(self
            .0
            .role
            .parse::<crate::areas::cases::model::FacilitatorRole>()?
            .into())
    }
    async fn status(&self) -> Result<OfferStatus> {
        Ok(self.0.status.parse::<model::OfferStatus>()?.into())
    }
    async fn expires_at(&self) -> DateTime<Utc> {
        self.0.expires_at
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn commitment(&self) -> Option<&str> {
        self.0.commitment.as_deref()
    }
    /// Why it went to someone outside the suggestions.
    async fn outside_reason(&self) -> Option<&str> {
        self.0.outside_reason.as_deref()
    }
    async fn recipients(&self, ctx: &Context<'_>) -> Result<Vec<OfferRecipient>> {
        Ok(service::recipients(&server(ctx).db, self.0.id)
            .await?
            .into_iter()
            .map(|(r, name)| OfferRecipient {
                user_id: to_id(r.user_id),
                name,
                response: r
                    .response
                    .parse::<model::OfferResponse>()
                    .map(Into::into)
                    .unwrap_or(OfferResponse::Pending),
                decline_reason: r.decline_reason,
                responded_at: r.responded_at,
            })
            .collect())
    }
}

#[derive(InputObject)]
pub struct AwayPeriodInput {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub note: Option<String>,
}

/// Only the fields given change.
#[derive(InputObject, Default)]
pub struct UpdateMyFacilitatorProfileInput {
    /// Plain language codes, recorded as fluent (kept for older clients; prefer `languageSkills`).
    pub languages: Option<Vec<String>>,
    /// Replaces the languages with these, each with how well it is spoken.
    pub language_skills: Option<Vec<LanguageSkillInput>>,
    pub cultural_knowledge: Option<String>,
    pub community_knowledge: Option<String>,
    pub home_area: Option<String>,
    pub areas_served: Option<Vec<String>>,
    pub availability: Option<Vec<String>>,
    pub max_cases: Option<i32>,
    pub paused: Option<bool>,
    pub declared_conflicts: Option<String>,
    /// Replaces the dates you are away.
    pub away: Option<Vec<AwayPeriodInput>>,
}

#[derive(SimpleObject)]
pub struct FacilitatorProfilePayload {
    pub profile: MatchingProfile,
}

#[derive(InputObject)]
pub struct OfferCaseInput {
    pub case_id: ID,
    /// One or several: the first to accept gets the case.
    pub facilitator_ids: Vec<ID>,
    pub role: FacilitatorRole,
    pub expires_at: DateTime<Utc>,
    pub commitment: Option<String>,
    /// Required when offering to someone who is not among the suggestions; recorded.
    pub outside_reason: Option<String>,
    /// Required when someone offered is overdue for supervision or observed practice (the
    /// refusal says who and what); recorded.
    pub standards_override_reason: Option<String>,
}

#[derive(SimpleObject)]
pub struct OfferCasePayload {
    pub offer: CaseOffer,
}

#[derive(InputObject)]
pub struct AcceptOfferInput {
    pub offer_id: ID,
    /// Unique per tap; a replay with the same key returns the first answer.
    pub idempotency_key: String,
}

#[derive(InputObject)]
pub struct DeclineOfferInput {
    pub offer_id: ID,
    /// Seen by the co-ordinator only.
    pub reason: String,
    pub idempotency_key: String,
}

#[derive(SimpleObject)]
pub struct OfferAnswerPayload {
    pub offer_id: ID,
    pub response: OfferResponse,
    /// After accepting: the case, now theirs.
    pub case: Option<Case>,
}

#[derive(Default)]
pub struct AllocationQuery;

#[Object]
impl AllocationQuery {
    /// The facilitator pool (co-ordinator, supervisors, trainers).
    async fn facilitators(&self, ctx: &Context<'_>) -> Result<Vec<PoolFacilitator>> {
        let s = server(ctx);
        require(actor(ctx)?, Duty::ReadFacilitatorPool)?;
        Ok(service::pool(&s.db, crate::kernel::today(s.clock.now()))
            .await?
            .into_iter()
            .map(PoolFacilitator)
            .collect())
    }

    /// The signed-in facilitator's matching profile.
    async fn my_facilitator_profile(&self, ctx: &Context<'_>) -> Result<MatchingProfile> {
        let a = actor(ctx)?;
        let p = <facilitator_profile::Entity as sea_orm::EntityTrait>::find_by_id(a.user_id)
            .one(&server(ctx).db)
            .await?
            .ok_or(AppError::NotFound("Your facilitator profile"))?;
        Ok(MatchingProfile::own(p))
    }

    /// Eligible facilitators for a case, best first, with their reasons (co-ordinator).
    async fn suggest_facilitators(
        &self,
        ctx: &Context<'_>,
        case_id: ID,
    ) -> Result<Vec<FacilitatorSuggestion>> {
        let s = server(ctx);
        let rows = service::suggest(
            &s.db,
            actor(ctx)?,
            s.clock.now(),
            parse("caseId", &case_id)?,
        )
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| FacilitatorSuggestion {
                facilitator: PoolFacilitator(r.member),
                score: r.score,
                reasons: r.reasons,
            })
            .collect())
    }

    /// The facilitators in the pool left out of the suggestions for a case, each with the
    /// reason (at capacity, away, paused, no current accreditation, a declared conflict, on the
    /// offender's agency) — co-ordinator.
    async fn facilitators_left_out(
        &self,
        ctx: &Context<'_>,
        case_id: ID,
    ) -> Result<Vec<LeftOutFacilitator>> {
        let s = server(ctx);
        let (_, left) = service::suggest_and_left_out(
            &s.db,
            actor(ctx)?,
            s.clock.now(),
            parse("caseId", &case_id)?,
        )
        .await?;
        Ok(left
            .into_iter()
            .map(|l| LeftOutFacilitator {
                facilitator: PoolFacilitator(l.member),
                reason: l.reason,
            })
            .collect())
    }

    /// Offers made on a case and how each recipient answered (co-ordinator).
    async fn case_offers(&self, ctx: &Context<'_>, case_id: ID) -> Result<Vec<CaseOffer>> {
        Ok(
            service::offers_for_case(&server(ctx).db, actor(ctx)?, parse("caseId", &case_id)?)
                .await?
                .into_iter()
                .map(CaseOffer)
                .collect(),
        )
    }

    /// The facilitator's open offers, as anonymised summaries.
    async fn my_offers(&self, ctx: &Context<'_>) -> Result<Vec<MyOffer>> {
        let s = server(ctx);
        let mut out = Vec::new();
        let (offers, cases): (Vec<_>, Vec<_>) =
            service::my_offers(&s.db, actor(ctx)?, s.clock.now())
                .await?
                .into_iter()
                .unzip();
        let summaries = service::summaries(&s.db, &cases).await?;
        for (o, sm) in offers.into_iter().zip(summaries) {
            out.push(MyOffer {
                id: to_id(o.id),
                role: o
                    .role
                    .parse::<crate::areas::cases::model::FacilitatorRole>()?
                    .into(),
                expires_at: o.expires_at,
                commitment: o.commitment,
                summary: OfferCaseSummary {
                    area: sm.area,
                    offence_category: sm.offence_category,
                    languages: sm.languages,
                    intervention_model: sm.intervention_model,
                    offender_initiated: sm.offender_initiated,
                },
            });
        }
        Ok(out)
    }
}

#[derive(Default)]
pub struct AllocationMutation;

async fn answer_payload(ctx: &Context<'_>, a: service::Answer) -> Result<OfferAnswerPayload> {
    let s = server(ctx);
    let response: model::OfferResponse = a.response.parse()?;
    let case = if response == model::OfferResponse::Accepted {
        let _ = s;
        Some(payload(ctx, a.case_id, "acceptOffer").await?)
    } else {
        None
    };
    Ok(OfferAnswerPayload {
        offer_id: to_id(a.offer_id),
        response: response.into(),
        case,
    })
}

#[Object]
impl AllocationMutation {
    /// Allocates a facilitator directly (when they have already agreed), as lead or co-facilitator.
    async fn assign_facilitator(
        &self,
        ctx: &Context<'_>,
        input: AssignFacilitatorInput,
    ) -> Result<CasePayload> {
        let s = server(ctx);
        let c = super::assign::assign_facilitator(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("caseId", &input.case_id)?,
            parse("facilitatorId", &input.facilitator_id)?,
            input.role.into(),
            input.standards_override_reason.as_deref(),
        )
        .await?;
        Ok(CasePayload {
            case: payload(ctx, c.id(), "assignFacilitator").await?,
        })
    }

    async fn assign_supervisor(
        &self,
        ctx: &Context<'_>,
        input: AssignSupervisorInput,
    ) -> Result<CasePayload> {
        let s = server(ctx);
        let c = super::assign::assign_supervisor(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("caseId", &input.case_id)?,
            parse("supervisorId", &input.supervisor_id)?,
        )
        .await?;
        Ok(CasePayload {
            case: payload(ctx, c.id(), "assignSupervisor").await?,
        })
    }

    /// A facilitator's own languages, areas, availability, capacity, conflicts and away dates.
    async fn update_my_facilitator_profile(
        &self,
        ctx: &Context<'_>,
        input: UpdateMyFacilitatorProfileInput,
    ) -> Result<FacilitatorProfilePayload> {
        let s = server(ctx);
        let row = service::update_my_profile(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            ProfileChange {
                languages: input.languages,
                language_skills: input.language_skills.map(|v| {
                    v.into_iter()
                        .map(|l| model::LanguageSkill {
                            code: l.language,
                            proficiency: l.proficiency.into(),
                        })
                        .collect()
                }),
                cultural_knowledge: input.cultural_knowledge,
                community_knowledge: input.community_knowledge,
                home_area: input.home_area,
                areas_served: input.areas_served,
                availability: input.availability,
                max_cases: input.max_cases,
                paused: input.paused,
                declared_conflicts: input.declared_conflicts,
                unavailable: input
                    .away
                    .map(|v| v.into_iter().map(|p| (p.from, p.to, p.note)).collect()),
            },
        )
        .await?;
        Ok(FacilitatorProfilePayload {
            profile: MatchingProfile::own(row),
        })
    }

    /// Offers a case to one or more facilitators until `expiresAt` (co-ordinator, R-AL-3).
    async fn offer_case(
        &self,
        ctx: &Context<'_>,
        input: OfferCaseInput,
    ) -> Result<OfferCasePayload> {
        let s = server(ctx);
        let ids = input
            .facilitator_ids
            .iter()
            .map(|i| parse("facilitatorIds", i))
            .collect::<Result<Vec<_>, _>>()?;
        let o = service::offer_case(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            OfferInput {
                case_id: parse("caseId", &input.case_id)?,
                facilitator_ids: ids,
                role: input.role.into(),
                expires_at: input.expires_at,
                commitment: input.commitment,
                outside_reason: input.outside_reason,
                standards_override_reason: input.standards_override_reason,
            },
        )
        .await?;
        s.outbox_wake.notify_one();
        Ok(OfferCasePayload {
            offer: CaseOffer(o),
        })
    }

    /// Accepts an offer; exactly one acceptance wins, a late one gets CONFLICT.
    async fn accept_offer(
        &self,
        ctx: &Context<'_>,
        input: AcceptOfferInput,
    ) -> Result<OfferAnswerPayload> {
        let s = server(ctx);
        let a = service::accept(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("offerId", &input.offer_id)?,
            &input.idempotency_key,
        )
        .await?;
        answer_payload(ctx, a).await
    }

    /// Declines an offer with a reason for the co-ordinator.
    async fn decline_offer(
        &self,
        ctx: &Context<'_>,
        input: DeclineOfferInput,
    ) -> Result<OfferAnswerPayload> {
        let s = server(ctx);
        let a = service::decline(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            parse("offerId", &input.offer_id)?,
            &input.reason,
            &input.idempotency_key,
        )
        .await?;
        s.outbox_wake.notify_one();
        answer_payload(ctx, a).await
    }
}
