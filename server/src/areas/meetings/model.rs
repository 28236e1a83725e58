//! Kinds of meeting. No I/O.

use crate::kernel::stored_enum;

stored_enum!(MeetingKind {
    Preparation => "preparation",
    Conference => "conference",
    Shuttle => "shuttle",
    CommunityConference => "community_conference",
    Panel => "panel",
});

impl MeetingKind {
    pub fn label(self) -> &'static str {
        match self {
            MeetingKind::Preparation => "Preparation meeting",
            MeetingKind::Conference => "Face-to-face conference",
            MeetingKind::Shuttle => "Indirect (shuttle) session",
            MeetingKind::CommunityConference => "Community conference",
            MeetingKind::Panel => "Neighbourhood resolution panel",
        }
    }
}

stored_enum!(MeetingStatus {
    Scheduled => "scheduled",
    Cancelled => "cancelled",
    Held => "held",
    NotHeld => "not_held",
});
