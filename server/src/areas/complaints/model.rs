//! Complaint categories, channels, outcomes and the targets. No I/O.

use crate::kernel::stored_enum;

/// Working days to acknowledge a complaint, and to send the full response.
pub const ACKNOWLEDGE_WITHIN: u32 = 3;
pub const RESPOND_WITHIN: u32 = 20;

stored_enum!(ComplaintCategory {
    Service => "service",
    Facilitator => "facilitator",
    Delay => "delay",
    Communication => "communication",
    DataProtection => "data_protection",
    Other => "other",
});

stored_enum!(ReceivedVia {
    Phone => "phone",
    Email => "email",
    Letter => "letter",
    InPerson => "in_person",
    OnlineForm => "online_form",
    Other => "other",
});

stored_enum!(ComplaintOutcome {
    Upheld => "upheld",
    PartlyUpheld => "partly_upheld",
    NotUpheld => "not_upheld",
    Withdrawn => "withdrawn",
});

stored_enum!(ComplaintEventKind {
    Received => "received",
    Acknowledged => "acknowledged",
    Note => "note",
    Resolved => "resolved",
});
