//! Every role predicate of the service in one table: which duty each role holds. Deny by default
//! — a duty nobody is listed for is held by nobody. Rules about one record (a case, a
//! facilitator's own profile, a supervisor's own notes) are decided beside it in this layer and
//! start from these duties. The README's need-to-know table is this table (a test checks).

use super::actor::{Actor, Role};
use crate::error::{AppError, AppResult};

/// Who holds a duty: a role, or partner-agency staff (a facilitator working for an agency).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    R(Role),
    PartnerStaff,
}

macro_rules! duties {
    ($($(#[doc = $doc:literal])* $name:ident : [$($h:expr),* $(,)?]),+ $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Duty { $($(#[doc = $doc])* $name),+ }

        /// The table: each duty, its holders, and what it is in words.
        pub const TABLE: &[(Duty, &[Holder], &str)] = &[
            $((Duty::$name, &[$($h),*], concat!($($doc),*))),+
        ];
    };
}

use Holder::{PartnerStaff, R};
use Role::{
    Commissioner, Coordinator, DataProtectionOfficer, Facilitator, Referrer, Supervisor, Trainer,
};

duties! {
    /// Invite people and manage their accounts
    ManageUsers: [R(Coordinator)],
    /// The case list (the co-ordinator every case, a supervisor the cases they supervise)
    ListCases: [R(Coordinator), R(Supervisor)],
    /// Assess, convert enquiries, add participants, allocate, assign supervisors, offer cases
    CoordinateCases: [R(Coordinator)],
    /// Search people already known to the Hub
    SearchPeople: [R(Coordinator), R(DataProtectionOfficer)],
    /// File a referral
    FileReferral: [R(Coordinator), R(Referrer), PartnerStaff],
    /// Name any agency as the referrer (others refer as their own agency)
    ReferForAnyAgency: [R(Coordinator)],
    /// Follow the status of referrals filed (by them, or their agency)
    FollowReferrals: [R(Coordinator), R(Referrer), PartnerStaff],
    /// Keep a facilitator profile, answer offers, work on allocated cases
    WorkAsFacilitator: [R(Facilitator)],
    /// The facilitator pool (private notes only to the co-ordinator and the facilitator)
    ReadFacilitatorPool: [R(Coordinator), R(Supervisor), R(Trainer)],
    /// Courses, sessions and attendance
    RunTraining: [R(Trainer), R(Coordinator)],
    /// Record accreditation (a trainer only while holding a current trainer accreditation)
    RecordAccreditation: [R(Coordinator), R(Trainer)],
    /// Record accreditation without holding a trainer accreditation (external awards), and one's own
    AwardExternally: [R(Coordinator)],
    /// Lead training sessions (a session a trainer schedules is theirs unless another is named)
    LeadSessions: [R(Trainer)],
    /// Keep one's own CPD log (practitioners)
    KeepCpdLog: [R(Facilitator), R(Supervisor)],
    /// Record supervision sessions
    RecordSupervision: [R(Supervisor)],
    /// Development plans
    PlanDevelopment: [R(Supervisor), R(Coordinator)],
    /// Facilitators' training and supervision records
    ReadTrainingRecords: [R(Coordinator), R(Supervisor), R(Trainer)],
    /// The volunteer bank and recruitment
    ManageVolunteers: [R(Coordinator)],
    /// Volunteer compliance figures
    ReadCompliance: [R(Coordinator), R(Supervisor)],
    /// Sign off conferences and closures (of the cases they supervise)
    SignOff: [R(Supervisor)],
    /// Oversight lists: overdue agreement items, every follow-up, testimonials
    OverseeCases: [R(Coordinator)],
    /// The live performance report, any period, every figure
    ReadLiveReports: [R(Coordinator), R(Supervisor)],
    /// Published report editions (frozen figures, disclosure-controlled across the edition)
    ReadReports: [R(Coordinator), R(Supervisor), R(Commissioner), PartnerStaff],
    /// Publish an edition of the monthly or half-yearly report, or a correction superseding one
    PublishReports: [R(Coordinator)],
    /// Set the satisfaction baseline
    SetBaseline: [R(Coordinator)],
    /// Print and post letters to people reached only by post
    PrintLetters: [R(Coordinator)],
    /// Record and answer complaints
    HandleComplaints: [R(Coordinator)],
    /// The co-ordinator's reference lists
    ManageReferenceLists: [R(Coordinator)],
    /// The audit log and who saw whose record
    ReadAuditLog: [R(Coordinator), R(DataProtectionOfficer)],
    /// Subject access exports and erasure
    AnswerDataRights: [R(Coordinator), R(DataProtectionOfficer)],
}

impl Holder {
    fn matches(self, actor: &Actor) -> bool {
        match self {
            R(role) => actor.has(role),
            PartnerStaff => actor.partner_staff(),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            R(role) => role.label(),
            PartnerStaff => "partner-agency staff",
        }
    }
}

impl Duty {
    pub fn holders(self) -> &'static [Holder] {
        TABLE
            .iter()
            .find(|(d, _, _)| *d == self)
            .map_or(&[], |(_, h, _)| h)
    }
}

pub fn holds(actor: &Actor, duty: Duty) -> bool {
    duty.holders().iter().any(|h| h.matches(actor))
}

pub fn require(actor: &Actor, duty: Duty) -> AppResult<()> {
    if holds(actor, duty) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The table as Markdown rows (`| duty | holders |`), as the README shows it.
pub fn markdown() -> String {
    TABLE
        .iter()
        .map(|(_, holders, what)| {
            let who: Vec<&str> = holders.iter().map(|h| h.label()).collect();
            format!("| {} | {} |\n", what.trim(), who.join(", "))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn r_dp_2_every_duty_has_holders_and_no_one_holds_what_is_not_listed() {
        for (duty, holders, what) in TABLE {
            assert!(!holders.is_empty() && !what.trim().is_empty(), "{duty:?}");
            assert_eq!(duty.holders(), *holders);
        }
        let nobody = Actor::new(
            Uuid::nil(),
            Uuid::nil(),
            Default::default(),
            Some("Probation".into()),
        );
        assert!(TABLE.iter().all(|(d, _, _)| !holds(&nobody, *d)));
        let commissioner = Actor::new(Uuid::nil(), Uuid::nil(), [Commissioner].into(), None);
        let held: Vec<Duty> = TABLE
            .iter()
            .map(|(d, _, _)| *d)
            .filter(|d| holds(&commissioner, *d))
            .collect();
        assert_eq!(held, vec![Duty::ReadReports]);
        let partner = Actor::new(
            Uuid::nil(),
            Uuid::nil(),
            [Facilitator].into(),
            Some("Probation".into()),
        );
        assert!(holds(&partner, Duty::FileReferral) && holds(&partner, Duty::ReadReports));
        let volunteer = Actor::new(Uuid::nil(), Uuid::nil(), [Facilitator].into(), None);
        assert!(!holds(&volunteer, Duty::FileReferral) && !holds(&volunteer, Duty::ReadReports));
    }

    #[test]
    fn r_dp_2_the_readme_shows_this_table() {
        let readme = include_str!("../../../README.md");
        assert!(
            readme.contains(&markdown()),
            "README.md's table of duties differs from access/rules.rs; it should read:\n{}",
            markdown()
        );
    }
}
