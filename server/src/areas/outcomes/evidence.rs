//! The evidence behind each item of a sign-off checklist (R-ST-1): what the supervisor is asked
//! to confirm, shown from the record — the risk assessment and its date, each participant's
//! consent, the agreement's items, the contact since the meeting — so an item can be ticked
//! only when the record holds what it confirms.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::areas::cases::model::Stage;
use crate::areas::cases::participants::taking_part_answers;
use crate::entities::{
    agreement_item, case, case_event, case_participant, contact, meeting, meeting_attendee, person,
    risk_assessment,
};
use crate::error::AppResult;
use crate::kernel::stored_enum;

stored_enum!(
    /// The four items a supervisor confirms.
    Item {
        RiskReviewed => "risk_reviewed",
        ConsentConfirmed => "consent_confirmed",
        AgreementRecorded => "agreement_recorded",
        WellbeingFollowUp => "wellbeing_follow_up",
    }
);

impl Item {
    /// What ticking it confirms.
    pub fn label(self) -> &'static str {
        match self {
            Item::RiskReviewed => "The risk assessment was current and reviewed",
            Item::ConsentConfirmed => "Everyone who took part had agreed to take part",
            Item::AgreementRecorded => "The outcome agreement is recorded",
            Item::WellbeingFollowUp => "Participants' wellbeing was checked afterwards",
        }
    }

    /// The name of the checklist field an error points at.
    pub fn field(self) -> &'static str {
        match self {
            Item::RiskReviewed => "checklist.riskReviewed",
            Item::ConsentConfirmed => "checklist.consentConfirmed",
            Item::AgreementRecorded => "checklist.agreementRecorded",
            Item::WellbeingFollowUp => "checklist.wellbeingFollowUp",
        }
    }
}

/// One checklist item and what the record shows for it.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub item: Item,
    /// The record holds what the item confirms.
    pub met: bool,
    /// What the record shows, a line each.
    pub shows: Vec<String>,
    /// What is missing, when not met.
    pub missing: Option<String>,
}

fn day(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn at(t: DateTime<Utc>) -> String {
    day(crate::kernel::today(t))
}

/// The evidence for signing off the conference `m` (or, without one, the case's closure).
pub async fn gather(
    conn: &impl ConnectionTrait,
    c: &case::Model,
    m: Option<&meeting::Model>,
    now: DateTime<Utc>,
) -> AppResult<Vec<Evidence>> {
    // What is judged is the state at the meeting (a conference) or now (a closure).
    let when = m.map(|m| m.ends_at);
    let mut out = Vec::new();

    let risk = risk_assessment::Entity::find()
        .filter(risk_assessment::Column::CaseId.eq(c.id))
        .order_by_desc(risk_assessment::Column::AssessedAt)
        .all(conn)
        .await?
        .into_iter()
        .find(|r| when.is_none_or(|w| r.assessed_at <= w));
    out.push(match risk {
        Some(r) => {
            let by = crate::kernel::today(when.unwrap_or(now));
            let current = r.review_on >= by;
            Evidence {
                item: Item::RiskReviewed,
                met: current,
                shows: vec![format!(
                    "Risk assessed on {} ({} risk); review due by {}",
                    at(r.assessed_at),
                    r.level,
                    day(r.review_on)
                )],
                missing: (!current).then(|| {
                    "The risk assessment's review date had passed: review it first".to_string()
                }),
            }
        }
        None => Evidence {
            item: Item::RiskReviewed,
            met: false,
            shows: Vec::new(),
            missing: Some("No risk assessment is recorded".into()),
        },
    });

    // Consent: of those who came to the conference, or of everyone on a closing case.
    let parts = case_participant::Entity::find()
        .filter(case_participant::Column::CaseId.eq(c.id))
        .all(conn)
        .await?;
    let who: Vec<&case_participant::Model> = match m {
        Some(m) => {
            let came: Vec<Uuid> = meeting_attendee::Entity::find()
                .filter(meeting_attendee::Column::MeetingId.eq(m.id))
                .filter(meeting_attendee::Column::Attended.eq(true))
                .all(conn)
                .await?
                .into_iter()
                .filter_map(|a| a.participant_id)
                .collect();
            parts.iter().filter(|p| came.contains(&p.id)).collect()
        }
        None => parts.iter().collect(),
    };
    let names = person::Entity::find()
        .filter(person::Column::Id.is_in(who.iter().map(|p| p.person_id)))
        .all(conn)
        .await?;
    let consents = taking_part_answers(conn, c.id).await?;
    let mut shows = Vec::new();
    let mut without = Vec::new();
    for p in &who {
        let name = names
            .iter()
            .find(|n| n.id == p.person_id)
            .map_or("A participant", |n| n.full_name.as_str());
        let latest = consents
            .iter()
            .filter(|k| when.is_none_or(|w| k.at <= w))
            .rfind(|k| k.participant_id == p.id);
        match latest {
            Some(k) if k.given => shows.push(format!(
                "{name}: agreed to take part on {} ({})",
                at(k.at),
                k.method.replace('_', " ")
            )),
            _ => without.push(name.to_string()),
        }
    }
    out.push(Evidence {
        item: Item::ConsentConfirmed,
        met: !who.is_empty() && without.is_empty(),
        missing: if who.is_empty() {
            Some("No participant is recorded as having taken part".into())
        } else {
            (!without.is_empty()).then(|| {
                format!(
                    "No consent to take part recorded for {}",
                    without.join(", ")
                )
            })
        },
        shows,
    });

    let items = agreement_item::Entity::find()
        .filter(agreement_item::Column::CaseId.eq(c.id))
        .order_by_asc(agreement_item::Column::CreatedAt)
        .all(conn)
        .await?;
    let no_agreement = case_event::Entity::find()
        .filter(case_event::Column::CaseId.eq(c.id))
        .filter(case_event::Column::ToStage.eq(Stage::Outcome.as_str()))
        .order_by_desc(case_event::Column::At)
        .one(conn)
        .await?
        .and_then(|e| e.reason_text);
    let mut shows: Vec<String> = items
        .iter()
        .map(|i| {
            let state = match (&i.completed_at, i.due_on) {
                (Some(t), _) => format!("done {}", at(*t)),
                (None, Some(d)) => format!("due {}", day(d)),
                (None, None) => "no due date".into(),
            };
            format!("{} ({state})", i.description)
        })
        .collect();
    if items.is_empty()
        && let Some(why) = &no_agreement
    {
        shows.push(format!("No agreement was reached: {why}"));
    }
    out.push(Evidence {
        item: Item::AgreementRecorded,
        met: !items.is_empty() || (m.is_none() && no_agreement.is_some()),
        shows,
        missing: items
            .is_empty()
            .then(|| "No agreement item is recorded for the case".to_string()),
    });

    // Wellbeing: a contact logged since the conference ended (or since the outcome, for a
    // closure).
    let since = match m {
        Some(m) => Some(m.ends_at),
        None => case_event::Entity::find()
            .filter(case_event::Column::CaseId.eq(c.id))
            .filter(case_event::Column::ToStage.eq(Stage::Outcome.as_str()))
            .order_by_desc(case_event::Column::At)
            .one(conn)
            .await?
            .map(|e| e.at),
    };
    let after = match since {
        Some(s) => {
            // After the outcome strictly: a call logged before the case moved on is not the
            // follow-up.
            let later = if m.is_some() {
                contact::Column::At.gte(s)
            } else {
                contact::Column::At.gt(s)
            };
            contact::Entity::find()
                .filter(contact::Column::CaseId.eq(c.id))
                .filter(later)
                .order_by_asc(contact::Column::At)
                .all(conn)
                .await?
        }
        None => Vec::new(),
    };
    out.push(Evidence {
        item: Item::WellbeingFollowUp,
        met: !after.is_empty(),
        shows: after
            .iter()
            .map(|k| format!("Contact on {} by {}", at(k.at), k.channel.replace('_', " ")))
            .collect(),
        missing: after.is_empty().then(|| {
            if m.is_some() {
                "No contact is logged since the conference".to_string()
            } else {
                "No contact is logged since the outcome".to_string()
            }
        }),
    });
    for e in &mut out {
        if e.met {
            e.missing = None;
        }
    }
    Ok(out)
}
