//! The cases area's face to the others: opening a case (a new case and its first event, the
//! references people quote), and its operations, which live by sub-area in `lifecycle`,
//! `participants`, `records` and `lists`.

use chrono::{DateTime, Utc};
use chrono_tz::Europe::London;
use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use uuid::Uuid;

pub(crate) use super::lifecycle::transition;
pub use super::lifecycle::{
    allocatable, assess, close_after_sign_off, convert_enquiry, move_case, offender_identified,
    stage, stage_of, withdraw,
};
pub use super::lists::{CaseFilter, list, mine, referrals_followed};
use super::model::Stage;
pub use super::participants::{
    ConsentEntry, NewParticipant, add_consent_row, add_participant, add_participant_row,
    check_relationship,
};
pub use super::records::{
    ContactEntry, RiskInput, channel, consents, contacts, events, facilitators, first_contact_at,
    log_contact, messages, participants, record_consent, record_risk, record_support,
    risk_assessments, set_enhanced_rights, set_intervention_model, update_contact_profile,
};
use crate::entities::{case, case_event};
use crate::error::AppResult;

/// Case references people can read out on the phone: `RJ26-K7Q9M`. Random, so they reveal
/// nothing about how many cases the Hub has.
fn new_reference(now: DateTime<Utc>) -> String {
    random_reference("RJ", now)
}

/// `<prefix><yy>-<5 letters or digits>`, without look-alike letters.
pub fn random_reference(prefix: &str, now: DateTime<Utc>) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut rng = rand::rng();
    let code: String = (0..5)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    format!("{prefix}{}-{code}", now.with_timezone(&London).format("%y"))
}

/// A reference in the same form as a real one, for answers that must not differ (the honeypot).
pub fn reference_for(now: DateTime<Utc>) -> String {
    new_reference(now)
}

/// The facts of a new case, already checked.
pub struct NewCase {
    pub stage: Stage,
    pub referral_source: String,
    pub referring_agency: Option<String>,
    pub referrer_user_id: Option<Uuid>,
    pub offender_initiated: bool,
    pub offence_category: Option<String>,
    pub hate_crime: bool,
    pub offence_summary: Option<String>,
    pub reported_to_police: Option<bool>,
    pub crime_reference: Option<String>,
    pub proceedings_stage: Option<String>,
    pub area: Option<String>,
    pub area_detail: Option<String>,
    pub originating_area: Option<String>,
    pub offender_identified: bool,
    pub awaiting_offender: bool,
    pub intake_check: Option<String>,
    /// The victim's entitlement to enhanced rights (R-ST-2), when recorded at intake.
    pub enhanced_rights: Option<super::model::EnhancedRights>,
}

/// Creates a case and its first event; the caller holds the transaction.
pub async fn create(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor_id: Option<Uuid>,
    n: NewCase,
) -> AppResult<case::Model> {
    let mut reference = new_reference(now);
    for _ in 0..5 {
        if case::Entity::find()
            .filter(case::Column::Reference.eq(&reference))
            .count(conn)
            .await?
            == 0
        {
            break;
        }
        reference = new_reference(now);
    }
    let c = case::ActiveModel {
        id: Set(Uuid::now_v7()),
        reference: Set(reference),
        stage: Set(n.stage.as_str().into()),
        stopped_at_stage: Set(None),
        stop_reason_code: Set(None),
        stop_reason_text: Set(None),
        referral_source: Set(n.referral_source),
        referring_agency: Set(n.referring_agency),
        referrer_user_id: Set(n.referrer_user_id),
        offender_initiated: Set(n.offender_initiated),
        offence_category: Set(n.offence_category),
        hate_crime: Set(n.hate_crime),
        offence_summary: Set(n.offence_summary),
        reported_to_police: Set(n.reported_to_police),
        crime_reference: Set(n.crime_reference),
        proceedings_stage: Set(n.proceedings_stage),
        area: Set(n.area),
        area_detail: Set(n.area_detail),
        originating_area: Set(n.originating_area),
        offender_identified: Set(n.offender_identified),
        offender_identified_at: Set(n.offender_identified.then_some(now)),
        awaiting_offender: Set(n.awaiting_offender),
        intervention_model: Set(None),
        suitable: Set(None),
        suitability_reason_code: Set(None),
        suitability_notes: Set(None),
        assessed_at: Set(None),
        support_needs: Set(None),
        victims_hub_referred_at: Set(None),
        supervisor_id: Set(None),
        received_at: Set(now),
        created_at: Set(now),
        updated_at: Set(now),
        erased_at: Set(None),
        anonymised_at: Set(None),
        intake_check: Set(n.intake_check),
        enhanced_rights: Set(n.enhanced_rights.is_some()),
        enhanced_rights_reason: Set(n.enhanced_rights.map(|e| e.as_str().to_string())),
    }
    .insert(conn)
    .await?;
    case_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(c.id),
        from_stage: Set(None),
        to_stage: Set(n.stage.as_str().into()),
        at: Set(now),
        actor_id: Set(actor_id),
        reason_code: Set(None),
        reason_text: Set(None),
    }
    .insert(conn)
    .await?;
    Ok(c)
}
