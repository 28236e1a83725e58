//! Case capabilities. A [`CaseView`] is proof that its holder may read a case, and how much of it;
//! a [`CaseWork`] that they may record work on it. Their fields are private and only this module
//! makes them, so a resolver or service cannot forge full access: it must ask here, and every
//! view handed to a person is noted on their request's read log (audited before the answer).

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::actor::{Actor, Role};
use super::audit::{Entry, Purpose, Read};
use super::rules::{Duty, require};
use crate::entities::{audit_log, case, case_facilitator, follow_up_task};
use crate::error::{AppError, AppResult};

pub use super::lists::{ListScope, followed_referrals, views_of};
pub use super::participants::{participant, participants, shown_participant_ids, side_of_role};

/// Which side of a case a participant is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Victims, bereaved family, others affected.
    Harmed,
    /// The person responsible.
    Responsible,
}

/// How much of a case a reader sees (DESIGN.md's need-to-know table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Everything: the co-ordinator, the case's supervisor, its allocated facilitators.
    Full,
    /// The offender side only: partner-agency staff on an offender-initiated case of their
    /// agency (the Hub is the firewall, R-IN-6).
    OffenderSide,
}

impl Level {
    pub fn shows(self, side: Side) -> bool {
        self == Level::Full || side == Side::Responsible
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Full => "full",
            Level::OffenderSide => "offender_side",
        }
    }
}

/// The reader's relationship to the case, which is also the purpose of what they read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Coordinator,
    Supervisor,
    /// An allocated facilitator.
    Facilitator,
    /// The partner agency that referred an offender-initiated case: a disclosure.
    PartnerAgency,
    /// Outside their own relationship, with a typed justification.
    Justified,
    /// The facilitator a six-month follow-up was given to, once off the case (R-ST-3).
    FollowUp,
    /// The service itself (scheduled jobs).
    Service,
}

impl Relation {
    pub fn purpose(self) -> Purpose {
        match self {
            Relation::Coordinator => Purpose::Coordination,
            Relation::Supervisor => Purpose::Supervision,
            Relation::Facilitator => Purpose::Casework,
            Relation::PartnerAgency => Purpose::PartnerDisclosure,
            Relation::Justified => Purpose::Justified,
            Relation::FollowUp => Purpose::Casework,
            Relation::Service => Purpose::Service,
        }
    }
}

/// What a reader may see of one case and why.
#[derive(Debug, Clone)]
pub struct CaseView {
    case: case::Model,
    level: Level,
    relation: Relation,
    /// The reader is one of its active facilitators.
    allocated: bool,
    /// The reader is its case supervisor.
    supervises: bool,
    /// The reader holds the co-ordinator role.
    coordinator: bool,
}

impl CaseView {
    pub fn case(&self) -> &case::Model {
        &self.case
    }

    pub fn id(&self) -> Uuid {
        self.case.id
    }

    pub fn level(&self) -> Level {
        self.level
    }

    pub fn relation(&self) -> Relation {
        self.relation
    }

    pub fn purpose(&self) -> Purpose {
        self.relation.purpose()
    }

    pub fn full(&self) -> bool {
        self.level == Level::Full
    }

    pub fn shows(&self, side: Side) -> bool {
        self.level.shows(side)
    }

    /// A value only full access may see.
    pub fn if_full<T>(&self, v: Option<T>) -> Option<T> {
        if self.full() { v } else { None }
    }

    /// Recording work: the co-ordinator, or an allocated facilitator with full access.
    pub fn may_work(&self) -> bool {
        self.full() && (self.coordinator || self.allocated)
    }

    /// The co-ordinator's own decisions on the case (assessment, allocation, participants).
    pub fn coordinates(&self) -> bool {
        self.coordinator && self.relation != Relation::Service
    }

    /// The case's own supervisor (sign-off).
    pub fn supervises(&self) -> bool {
        self.supervises
    }

    pub fn allocated(&self) -> bool {
        self.allocated
    }

    /// An audit entry about this case with the reader's purpose.
    pub fn entry<'a>(&self, action: &'a str) -> Entry<'a> {
        Entry::new(action, "case", self.case.id).purpose(self.purpose())
    }

    /// The same capability over a newer copy of the same case's row (after a change).
    pub fn refreshed(mut self, row: case::Model) -> AppResult<Self> {
        if row.id != self.case.id {
            return Err(AppError::internal("a case view cannot change cases"));
        }
        self.case = row;
        Ok(self)
    }

    pub fn into_case(self) -> case::Model {
        self.case
    }

    /// The service's own view of a case, for scheduled jobs and the command line.
    pub fn service(case: case::Model) -> Self {
        Self {
            case,
            level: Level::Full,
            relation: Relation::Service,
            allocated: false,
            supervises: false,
            coordinator: false,
        }
    }
}

/// Proof that the holder may record work on the case.
#[derive(Debug, Clone)]
pub struct CaseWork(CaseView);

impl CaseWork {
    pub fn view(&self) -> &CaseView {
        &self.0
    }
    pub fn case(&self) -> &case::Model {
        &self.0.case
    }
    pub fn id(&self) -> Uuid {
        self.0.case.id
    }
    pub fn entry<'a>(&self, action: &'a str) -> Entry<'a> {
        self.0.entry(action)
    }
    pub fn into_view(self) -> CaseView {
        self.0
    }
    pub fn into_case(self) -> case::Model {
        self.0.case
    }
    pub fn refreshed(self, row: case::Model) -> AppResult<Self> {
        Ok(Self(self.0.refreshed(row)?))
    }
    /// The service's own licence to change a case (jobs, closing after a sign-off).
    pub fn service(case: case::Model) -> Self {
        Self(CaseView::service(case))
    }
}

/// A partner-agency practitioner on an offender-initiated case referred by their own agency.
fn offender_side_agency(actor: &Actor, c: &case::Model) -> bool {
    c.offender_initiated
        && actor.agency.is_some()
        && c.referring_agency.as_deref().map(str::to_lowercase)
            == actor.agency.as_deref().map(str::to_lowercase)
}

/// The need-to-know rule for one case: what this actor sees of it and why, or nothing.
pub(super) fn decide(actor: &Actor, c: &case::Model, allocated: bool) -> Option<CaseView> {
    if c.erased_at.is_some() {
        return None;
    }
    let coordinator = actor.has(Role::Coordinator);
    let supervises = actor.has(Role::Supervisor) && c.supervisor_id == Some(actor.user_id);
    let allocated = allocated && actor.has(Role::Facilitator);
    let agency_side = actor.has(Role::Facilitator) && offender_side_agency(actor, c);
    let (level, relation) = if coordinator {
        (Level::Full, Relation::Coordinator)
    } else if supervises {
        (Level::Full, Relation::Supervisor)
    } else if agency_side {
        // Even when allocated: the Hub is the firewall.
        (Level::OffenderSide, Relation::PartnerAgency)
    } else if allocated {
        (Level::Full, Relation::Facilitator)
    } else {
        return None;
    };
    Some(CaseView {
        case: c.clone(),
        level,
        relation,
        allocated: allocated && level == Level::Full,
        supervises,
        coordinator,
    })
}

pub async fn load(conn: &impl ConnectionTrait, id: Uuid) -> AppResult<case::Model> {
    case::Entity::find_by_id(id)
        .filter(case::Column::ErasedAt.is_null())
        .one(conn)
        .await?
        .ok_or(AppError::NotFound("The case"))
}

pub async fn is_allocated(
    conn: &impl ConnectionTrait,
    case_id: Uuid,
    user_id: Uuid,
) -> AppResult<bool> {
    Ok(case_facilitator::Entity::find()
        .filter(case_facilitator::Column::CaseId.eq(case_id))
        .filter(case_facilitator::Column::UserId.eq(user_id))
        .filter(case_facilitator::Column::EndedAt.is_null())
        .count(conn)
        .await?
        > 0)
}

async fn decided(conn: &impl ConnectionTrait, actor: &Actor, id: Uuid) -> AppResult<CaseView> {
    let c = load(conn, id).await?;
    let allocated = is_allocated(conn, id, actor.user_id).await?;
    decide(actor, &c, allocated).ok_or(AppError::NotFound("The case"))
}

pub(super) fn note(
    actor: &Actor,
    now: DateTime<Utc>,
    view: &CaseView,
    via: &'static str,
    why: Option<&str>,
) {
    actor.reads().note(
        now,
        actor.user_id,
        Read {
            action: if view.relation == Relation::PartnerAgency {
                "disclose"
            } else {
                "view"
            },
            entity: "case",
            id: view.case.id,
            purpose: view.purpose(),
            justification: why,
            extent: view.level.as_str(),
            via,
        },
    );
}

/// The shortest justification accepted for reading outside one's own relationship.
pub const JUSTIFICATION_MIN: usize = 10;

/// Opens a case for reading, noting the read (R-DP-4). A case the actor may not see is
/// `NOT_FOUND`, exactly like one that does not exist — except that a case supervisor may read
/// a case outside their own supervision (covering a colleague, a complaint) with a typed
/// justification, which is kept with the read.
pub async fn open(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    id: Uuid,
    via: &'static str,
    justification: Option<&str>,
) -> AppResult<CaseView> {
    let given = justification.map(str::trim).filter(|j| !j.is_empty());
    let (view, why) = match decided(conn, actor, id).await {
        Ok(v) => (v, None),
        Err(AppError::NotFound(what)) if actor.has(Role::Supervisor) => {
            let c = load(conn, id).await.map_err(|_| AppError::NotFound(what))?;
            // A justification holds for an hour: the case page's own sections (meetings,
            // agreements, …) read it again without asking each time, each read still noted.
            let why = match given {
                Some(j) => check_justification(j)?.to_string(),
                None => recent_justification(conn, now, actor, id)
                    .await?
                    .ok_or(AppError::JustificationRequired)?,
            };
            let view = CaseView {
                case: c,
                level: Level::Full,
                relation: Relation::Justified,
                allocated: false,
                supervises: false,
                coordinator: false,
            };
            (view, Some(why))
        }
        Err(e) => return Err(e),
    };
    note(actor, now, &view, via, why.as_deref());
    Ok(view)
}

fn check_justification(j: &str) -> AppResult<&str> {
    let n = j.chars().count();
    if !(JUSTIFICATION_MIN..=500).contains(&n) {
        return Err(AppError::validation(
            "justification",
            format!("Say in {JUSTIFICATION_MIN} to 500 characters why you need to open this case"),
        ));
    }
    if j.chars().any(char::is_control) {
        return Err(AppError::validation(
            "justification",
            "This contains characters that are not allowed",
        ));
    }
    Ok(j)
}

/// How long a typed justification opens a case outside the reader's relationship.
pub const JUSTIFIED_FOR_MINUTES: i64 = 60;

async fn recent_justification(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    id: Uuid,
) -> AppResult<Option<String>> {
    Ok(audit_log::Entity::find()
        .filter(audit_log::Column::ActorId.eq(actor.user_id))
        .filter(audit_log::Column::Entity.eq("case"))
        .filter(audit_log::Column::EntityId.eq(id.to_string()))
        .filter(audit_log::Column::Purpose.eq(Purpose::Justified.as_str()))
        .filter(audit_log::Column::At.gt(now - chrono::Duration::minutes(JUSTIFIED_FOR_MINUTES)))
        .order_by_desc(audit_log::Column::At)
        .one(conn)
        .await?
        .and_then(|r| r.justification))
}

/// A case the actor may record work on (the co-ordinator, or an allocated facilitator with full
/// access). Changes are audited by the caller, in its transaction.
pub async fn for_work(conn: &impl ConnectionTrait, actor: &Actor, id: Uuid) -> AppResult<CaseWork> {
    let view = decided(conn, actor, id).await?;
    if view.may_work() {
        Ok(CaseWork(view))
    } else {
        Err(AppError::Forbidden)
    }
}

/// A case for the co-ordinator's own decisions (assessment, allocation, participants).
pub async fn for_coordination(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> AppResult<CaseWork> {
    require(actor, Duty::CoordinateCases)?;
    let view = decided(conn, actor, id).await?;
    Ok(CaseWork(view))
}

/// A case its own supervisor is signing off.
pub async fn for_supervision(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> AppResult<CaseWork> {
    require(actor, Duty::SignOff)?;
    let view = decided(conn, actor, id).await?;
    if view.supervises {
        Ok(CaseWork(view))
    } else {
        Err(AppError::Forbidden)
    }
}

/// Re-offending checks (R-RP-12): the co-ordinator, or the case's own supervisor.
pub async fn for_oversight(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> AppResult<CaseWork> {
    let view = decided(conn, actor, id).await?;
    if view.coordinator || view.supervises {
        Ok(CaseWork(view))
    } else {
        Err(AppError::Forbidden)
    }
}

/// The six-month answer of a follow-up may be recorded by the facilitator it was given to,
/// even once they are no longer on the case: the open task is their licence, for that one
/// participant.
pub async fn for_follow_up(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    case_id: Uuid,
    participant_id: Uuid,
) -> AppResult<CaseWork> {
    let c = load(conn, case_id).await?;
    let given = follow_up_task::Entity::find()
        .filter(follow_up_task::Column::CaseId.eq(case_id))
        .filter(follow_up_task::Column::ParticipantId.eq(participant_id))
        .filter(follow_up_task::Column::AssignedTo.eq(actor.user_id))
        .filter(follow_up_task::Column::Status.eq("open"))
        .count(conn)
        .await?
        > 0;
    if !given || !actor.has(Role::Facilitator) {
        return Err(AppError::Forbidden);
    }
    Ok(CaseWork(CaseView {
        case: c,
        level: Level::Full,
        relation: Relation::FollowUp,
        allocated: false,
        supervises: false,
        coordinator: false,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(roles: &[Role], agency: Option<&str>) -> Actor {
        Actor::new(
            Uuid::now_v7(),
            Uuid::nil(),
            roles.iter().copied().collect(),
            agency.map(str::to_string),
        )
    }

    fn case_row(
        offender_initiated: bool,
        agency: Option<&str>,
        supervisor: Option<Uuid>,
    ) -> case::Model {
        let now = Utc::now();
        case::Model {
            id: Uuid::now_v7(),
            reference: "RJ26-TEST1".into(),
            stage: "preparation".into(),
            stopped_at_stage: None,
            stop_reason_code: None,
            stop_reason_text: None,
            referral_source: "partner_agency".into(),
            referring_agency: agency.map(str::to_string),
            referrer_user_id: None,
            offender_initiated,
            offence_category: None,
            hate_crime: false,
            offence_summary: None,
            reported_to_police: None,
            crime_reference: None,
            proceedings_stage: None,
            area: None,
            area_detail: None,
            originating_area: None,
            offender_identified: true,
            offender_identified_at: None,
            awaiting_offender: false,
            intervention_model: None,
            suitable: Some(true),
            suitability_reason_code: None,
            suitability_notes: None,
            assessed_at: None,
            support_needs: None,
            victims_hub_referred_at: None,
            supervisor_id: supervisor,
            received_at: now,
            created_at: now,
            updated_at: now,
            erased_at: None,
            anonymised_at: None,
            intake_check: None,
            enhanced_rights: false,
            enhanced_rights_reason: None,
        }
    }

    #[test]
    fn r_dp_2_the_need_to_know_rule_for_one_case() {
        let c = case_row(true, Some("Youth Offending Service"), None);
        let level = |a: &Actor, allocated| decide(a, &c, allocated).map(|v| (v.level, v.relation));
        let coord = actor(&[Role::Coordinator], None);
        assert_eq!(
            level(&coord, false),
            Some((Level::Full, Relation::Coordinator))
        );
        let partner = actor(&[Role::Facilitator], Some("youth offending service"));
        // The firewall holds even when the partner practitioner is allocated.
        for allocated in [false, true] {
            let v = decide(&partner, &c, allocated);
            assert_eq!(
                v.as_ref().map(|v| (v.level, v.relation)),
                Some((Level::OffenderSide, Relation::PartnerAgency))
            );
            assert!(!v.is_some_and(|v| v.may_work()));
        }
        let volunteer = actor(&[Role::Facilitator], None);
        assert_eq!(level(&volunteer, false), None);
        assert_eq!(
            level(&volunteer, true),
            Some((Level::Full, Relation::Facilitator))
        );
        let supervisor = actor(&[Role::Supervisor], None);
        assert_eq!(level(&supervisor, false), None);
        let supervised = case_row(false, None, Some(supervisor.user_id));
        assert!(
            decide(&supervisor, &supervised, false)
                .is_some_and(|v| v.supervises() && !v.may_work())
        );
        for nobody in [
            Role::Trainer,
            Role::Referrer,
            Role::Commissioner,
            Role::DataProtectionOfficer,
        ] {
            assert_eq!(
                level(&actor(&[nobody], Some("Youth Offending Service")), true),
                None
            );
        }
        let mut erased = c.clone();
        erased.erased_at = Some(Utc::now());
        assert!(decide(&coord, &erased, true).is_none());
    }

    #[test]
    fn the_offender_side_view_never_shows_the_harmed_side() {
        assert!(Level::OffenderSide.shows(Side::Responsible));
        assert!(!Level::OffenderSide.shows(Side::Harmed));
        assert!(Level::Full.shows(Side::Harmed));
    }

    #[test]
    fn list_views_are_decided_again_and_noted() {
        let volunteer = actor(&[Role::Facilitator], None);
        let rows = vec![
            case_row(false, None, None),
            case_row(true, Some("Probation"), None),
        ];
        let views = ListScope::AllocatedTo(volunteer.user_id).views(
            &volunteer,
            Utc::now(),
            rows,
            "myCases",
            1,
        );
        // Both rows are kept (the second says another page follows); only the shown one is read.
        assert_eq!(views.len(), 2);
        assert_eq!(volunteer.reads().len(), 1);
        // A supervisor's scope handed a case they do not supervise shows nothing of it.
        let supervisor = actor(&[Role::Supervisor], None);
        let stray = vec![case_row(false, None, None)];
        assert!(
            ListScope::SupervisedBy(supervisor.user_id)
                .views(&supervisor, Utc::now(), stray, "cases", 1)
                .is_empty()
        );
        assert!(supervisor.reads().is_empty());
    }
}
