//! Why a record is read or changed: the reader's relationship to it, kept on every audit row.

use crate::kernel::stored_enum;

stored_enum!(
    /// Why a record was read or changed, from the reader's relationship to it.
    Purpose {
        /// An allocated facilitator's work on their case.
        Casework => "casework",
        /// The case supervisor's quality assurance and sign-off.
        Supervision => "supervision",
        /// The co-ordinator running the Hub: intake, assessment, allocation, oversight.
        Coordination => "coordination",
        /// The offender side of a case read by the partner agency that referred it.
        PartnerDisclosure => "partner_disclosure",
        /// Outside the reader's own relationship, with a typed justification.
        Justified => "justified",
        /// Answering a person's subject access request.
        SubjectAccess => "subject_access",
        /// Data protection: audit, erasure, retention.
        DataProtection => "data_protection",
        /// Training, accreditation and supervision records of facilitators.
        Training => "training",
        /// Filing a referral and following its status.
        Referral => "referral",
        /// Aggregate reporting.
        Reporting => "reporting",
        /// A person's own account: sign-in, password, profile.
        Account => "account",
        /// The service itself: scheduled jobs, the command line.
        Service => "service",
    }
);
