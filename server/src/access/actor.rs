//! Who is asking: the roles people hold and the `Actor` built once per request from the session.

use std::collections::BTreeSet;
use std::str::FromStr;

use uuid::Uuid;

use super::purpose::Purpose;
use super::reads::ReadLog;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Coordinator,
    Supervisor,
    Facilitator,
    Trainer,
    Referrer,
    Commissioner,
    /// The data protection officer: reads who saw whose record and why (R-DP-4, R-ST-5), and
    /// answers subject access requests; sees no case.
    DataProtectionOfficer,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Coordinator,
        Role::Supervisor,
        Role::Facilitator,
        Role::Trainer,
        Role::Referrer,
        Role::Commissioner,
        Role::DataProtectionOfficer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::Supervisor => "supervisor",
            Role::Facilitator => "facilitator",
            Role::Trainer => "trainer",
            Role::Referrer => "referrer",
            Role::Commissioner => "commissioner",
            Role::DataProtectionOfficer => "data_protection_officer",
        }
    }

    /// Words for people (e-mails, CLI output).
    pub fn label(self) -> &'static str {
        match self {
            Role::Coordinator => "RJ co-ordinator",
            Role::Supervisor => "case supervisor",
            Role::Facilitator => "facilitator",
            Role::Trainer => "trainer",
            Role::Referrer => "referrer",
            Role::Commissioner => "commissioner",
            Role::DataProtectionOfficer => "data protection officer",
        }
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
        Role::ALL
            .into_iter()
            .find(|r| {
                r.as_str() == wanted || (wanted == "dpo" && *r == Role::DataProtectionOfficer)
            })
            .ok_or_else(|| {
                let names: Vec<_> = Role::ALL.iter().map(|r| r.as_str()).collect();
                format!("unknown role '{s}' (one of: {})", names.join(", "))
            })
    }
}

/// Who is asking, passed to every service call. It carries the request's read log, so that
/// whatever the access layer lets this actor read is audited before the answer leaves.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Uuid,
    pub session_id: Uuid,
    pub roles: BTreeSet<Role>,
    /// For partner-agency staff: the agency whose records they may see.
    pub agency: Option<String>,
    /// After the password only: what is still to be done before this session is signed in.
    /// Such an actor holds no role (so every duty is refused), and the HTTP layer lets it ask
    /// only for the second-factor operations.
    pending: Option<Pending>,
    reads: ReadLog,
}

/// What a session started with the password alone still needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    /// Give one of the second factors already set up.
    SecondFactor,
    /// Set one up first (the role requires one, and there is none yet).
    Enrol,
}

impl Actor {
    pub fn new(
        user_id: Uuid,
        session_id: Uuid,
        roles: BTreeSet<Role>,
        agency: Option<String>,
    ) -> Self {
        Self {
            user_id,
            session_id,
            roles,
            agency,
            pending: None,
            reads: ReadLog::default(),
        }
    }

    /// A session waiting for a second factor: no roles, no agency.
    pub fn pending(user_id: Uuid, session_id: Uuid, pending: Pending) -> Self {
        Self {
            pending: Some(pending),
            ..Self::new(user_id, session_id, BTreeSet::new(), None)
        }
    }

    pub fn pending_step(&self) -> Option<Pending> {
        self.pending
    }

    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    pub fn has_any(&self, roles: &[Role]) -> bool {
        roles.iter().any(|r| self.roles.contains(r))
    }

    /// Partner-agency staff: a facilitator who works for a named agency.
    pub fn partner_staff(&self) -> bool {
        self.has(Role::Facilitator) && self.agency.is_some()
    }

    /// The purpose of this actor's work when no single relationship to a record decides it.
    pub fn standing_purpose(&self) -> Purpose {
        let order = [
            (Role::Coordinator, Purpose::Coordination),
            (Role::DataProtectionOfficer, Purpose::DataProtection),
            (Role::Supervisor, Purpose::Supervision),
            (Role::Trainer, Purpose::Training),
            (Role::Facilitator, Purpose::Casework),
            (Role::Referrer, Purpose::Referral),
            (Role::Commissioner, Purpose::Reporting),
        ];
        order
            .into_iter()
            .find(|(r, _)| self.has(*r))
            .map_or(Purpose::Account, |(_, p)| p)
    }

    /// The reads noted while answering this actor's request.
    pub fn reads(&self) -> &ReadLog {
        &self.reads
    }

    /// The same actor for another request: the same session and roles, an empty read log (a
    /// clone would share the first request's log).
    pub fn for_another_request(&self) -> Self {
        Self {
            reads: ReadLog::default(),
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_from_their_names() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>(), Ok(r));
        }
        assert_eq!("dpo".parse::<Role>(), Ok(Role::DataProtectionOfficer));
        assert!("admin".parse::<Role>().is_err());
    }
}
