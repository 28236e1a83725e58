//! What a list row needs for triage beyond the case row itself — the latest risk level, the
//! participants' languages, how long the case has waited at its stage, open offers — read for
//! a whole page at once (one query each, not one per row), and the next step in words.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::areas::allocation::model::OfferStatus;
use crate::areas::cases::lifecycle::stage;
use crate::areas::cases::model::Stage;
use crate::entities::{
    case, case_clock, case_event, case_participant, offer, person, risk_assessment,
};
use crate::error::AppResult;

#[derive(Debug, Clone, Default)]
pub struct Triage {
    /// The level of the newest risk assessment.
    pub risk_level: Option<String>,
    /// Participants' preferred languages (codes), each once.
    pub languages: Vec<String>,
    /// Someone needs an interpreter.
    pub interpreter_needed: bool,
    /// When the case reached its stage.
    pub stage_since: Option<DateTime<Utc>>,
    pub open_offers: usize,
    /// The soonest Victims' Code deadline not yet met.
    pub next_deadline: Option<NaiveDate>,
}

/// The triage facts of the cases `ids`.
pub async fn of(conn: &impl ConnectionTrait, ids: &[Uuid]) -> AppResult<HashMap<Uuid, Triage>> {
    let mut out: HashMap<Uuid, Triage> = ids.iter().map(|id| (*id, Triage::default())).collect();
    // Newest first, so the first seen per case is its latest.
    for r in risk_assessment::Entity::find()
        .filter(risk_assessment::Column::CaseId.is_in(ids.iter().copied()))
        .order_by_desc(risk_assessment::Column::AssessedAt)
        .all(conn)
        .await?
    {
        if let Some(t) = out.get_mut(&r.case_id) {
            t.risk_level.get_or_insert(r.level);
        }
    }
    for e in case_event::Entity::find()
        .filter(case_event::Column::CaseId.is_in(ids.iter().copied()))
        .order_by_desc(case_event::Column::At)
        .all(conn)
        .await?
    {
        if let Some(t) = out.get_mut(&e.case_id) {
            t.stage_since.get_or_insert(e.at);
        }
    }
    for o in offer::Entity::find()
        .filter(offer::Column::CaseId.is_in(ids.iter().copied()))
        .filter(offer::Column::Status.eq(OfferStatus::Open.as_str()))
        .all(conn)
        .await?
    {
        if let Some(t) = out.get_mut(&o.case_id) {
            t.open_offers += 1;
        }
    }
    for k in case_clock::Entity::find()
        .filter(case_clock::Column::CaseId.is_in(ids.iter().copied()))
        .filter(case_clock::Column::MetAt.is_null())
        .order_by_asc(case_clock::Column::DueOn)
        .all(conn)
        .await?
    {
        if let Some(t) = out.get_mut(&k.case_id) {
            t.next_deadline.get_or_insert(k.due_on);
        }
    }
    let parts = case_participant::Entity::find()
        .filter(case_participant::Column::CaseId.is_in(ids.iter().copied()))
        .all(conn)
        .await?;
    let people: HashMap<Uuid, person::Model> = person::Entity::find()
        .filter(person::Column::Id.is_in(parts.iter().map(|p| p.person_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    for p in &parts {
        let (Some(t), Some(who)) = (out.get_mut(&p.case_id), people.get(&p.person_id)) else {
            continue;
        };
        t.interpreter_needed |= who.interpreter_needed;
        if let Some(l) = &who.preferred_language
            && !t.languages.contains(l)
        {
            t.languages.push(l.clone());
        }
    }
    for t in out.values_mut() {
        t.languages.sort();
    }
    Ok(out)
}

/// What should happen next, in words, for a list row and the case's summary.
pub fn next_step(c: &case::Model, t: &Triage) -> &'static str {
    if c.intake_check.is_some() && matches!(stage(c), Stage::Referral | Stage::Assessment) {
        return "Check the self-referral is genuine";
    }
    match stage(c) {
        Stage::Enquiry => "Convert to a referral if they want to go on",
        Stage::Referral => "Start the assessment",
        Stage::Assessment if c.suitable.is_none() => "Decide whether it is suitable",
        Stage::Assessment if t.open_offers > 0 => "Wait for a facilitator to answer the offer",
        Stage::Assessment => "Offer it to a facilitator",
        Stage::Allocated => "Contact the participants to prepare",
        Stage::Preparation => "Prepare participants for the intervention",
        Stage::Intervention => "Hold the intervention and record what happened",
        Stage::Outcome => "Follow up the agreement",
        Stage::FollowUp => "Supervisor to sign off the closure",
        Stage::NotSuitable | Stage::Closed | Stage::Withdrawn => "Nothing: the case has ended",
    }
}
