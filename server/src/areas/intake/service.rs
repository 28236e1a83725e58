//! Taking in enquiries and referrals. Every path records its source (R-IN-2); the public form
//! needs no account (R-IN-3) and never reveals whether a person is already known.

use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};
use sea_orm::DatabaseConnection;

use crate::access::audit::{self, Entry};
use crate::access::rules::{Duty, holds, require};
use crate::areas::accounts::model::{Actor, Role};
use crate::areas::accounts::throttle;
use crate::areas::cases::clocks::{self, ClockKind};
use crate::areas::cases::model::{
    ConsentMethod, ConsentPurpose, EnhancedRights, ParticipantRole, Stage,
};
use crate::areas::cases::people::{self, PersonFields, PersonInput, person_fields};
use crate::areas::cases::service as cases;
use crate::areas::reference::service::{ReferenceList, check_code};
use crate::entities::case;
use crate::error::{AppError, AppResult};
use crate::kernel::optional_text;
use crate::notify::{self, Email, locales, messages};

/// Public submissions from one address in an hour before the rest are marked for checking.
pub const SELF_REFERRALS_PER_HOUR: i32 = 5;

/// Where the offence happened and what it was; shared by every intake path.
#[derive(Debug, Clone, Default)]
pub struct OffenceInput {
    pub offence_category: Option<String>,
    pub hate_crime: bool,
    pub summary: Option<String>,
    pub reported_to_police: Option<bool>,
    pub crime_reference: Option<String>,
    pub proceedings_stage: Option<String>,
    pub area: Option<String>,
    pub area_detail: Option<String>,
    pub originating_area: Option<String>,
}

struct CheckedOffence {
    offence_category: Option<String>,
    hate_crime: bool,
    summary: Option<String>,
    reported_to_police: Option<bool>,
    crime_reference: Option<String>,
    proceedings_stage: Option<String>,
    area: Option<String>,
    area_detail: Option<String>,
    originating_area: Option<String>,
}

async fn check_offence(
    conn: &impl sea_orm::ConnectionTrait,
    o: &OffenceInput,
) -> AppResult<CheckedOffence> {
    let area = check_code(conn, ReferenceList::Area, "area", o.area.as_deref()).await?;
    let area_detail = optional_text("areaDetail", o.area_detail.as_deref(), 200)?;
    if area.as_deref() == Some("outside_county") && area_detail.is_none() {
        return Err(AppError::validation(
            "areaDetail",
            "Say which area, outside the county",
        ));
    }
    let reported = o.reported_to_police;
    let mut stage = check_code(
        conn,
        ReferenceList::ProceedingsStage,
        "proceedingsStage",
        o.proceedings_stage.as_deref(),
    )
    .await?;
    if reported == Some(false) && stage.is_none() {
        stage = Some("not_reported".into());
    }
    Ok(CheckedOffence {
        offence_category: check_code(
            conn,
            ReferenceList::OffenceCategory,
            "offenceCategory",
            o.offence_category.as_deref(),
        )
        .await?,
        hate_crime: o.hate_crime,
        summary: optional_text("summary", o.summary.as_deref(), 4000)?,
        reported_to_police: reported,
        crime_reference: optional_text("crimeReference", o.crime_reference.as_deref(), 64)?,
        proceedings_stage: stage,
        area,
        area_detail,
        originating_area: optional_text("originatingArea", o.originating_area.as_deref(), 200)?,
    })
}

/// The public self-referral form (R-IN-3, R-IN-5, R-IN-7, R-SQ-1).
#[derive(Debug, Clone, Default)]
pub struct SelfReferralInput {
    pub role: Option<ParticipantRole>,
    pub relationship: Option<String>,
    pub person: PersonInput,
    pub offence: OffenceInput,
    pub offender_known: Option<bool>,
    pub contact_if_offender_identified: bool,
    pub consent_to_contact: bool,
    /// A field people never see; software that fills every field fills it.
    pub honeypot: Option<String>,
}

pub struct SelfReferralReceipt {
    pub reference: String,
    /// An acknowledgement was e-mailed to the address the person gave.
    pub acknowledged: bool,
}

/// How people reach the Hub without the app (from configuration): every public page, the
/// confirmation and every refusal carry it, so nobody is turned away with nowhere to go.
#[derive(Debug, Clone)]
pub struct ServiceContact {
    pub phone: String,
    pub email: String,
    pub hours: String,
}

impl ServiceContact {
    pub fn from_config(c: &crate::config::Config) -> Self {
        Self {
            phone: c.contact_phone.clone(),
            email: c.contact_email.clone(),
            hours: c.contact_hours.clone(),
        }
    }

    /// "phone 01632 960 000 (Monday to Friday, …) or e-mail …"
    pub fn in_words(&self) -> String {
        format!(
            "phone {} ({}) or e-mail {}",
            self.phone, self.hours, self.email
        )
    }
}

/// What the public form is held to: how people reach the Hub, and the hour's ceiling for the
/// whole service.
pub struct PublicIntake {
    pub contact: ServiceContact,
    pub per_hour: i32,
}

const BURST_CHECK: &str = "One of many forms sent from one connection within an hour: check it is genuine before contacting anyone.";

pub async fn submit_self_referral(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    client: IpAddr,
    intake: &PublicIntake,
    input: SelfReferralInput,
) -> AppResult<SelfReferralReceipt> {
    let window = Duration::hours(1);
    // Each form reserves its place in the hour's counts before anything else, so forms sent at
    // once cannot pass a limit; a form refused for its answers gives its places back. Only a
    // flood across the whole service is refused — and then with the way to reach the Hub.
    let all = "selfref:all";
    if !throttle::reserve(db, now, all, intake.per_hour, window).await? {
        return Err(AppError::TooManyRequests(format!(
            "We could not take your form just now because a great many are arriving at once. Please try again in an hour, or {}.",
            intake.contact.in_words()
        )));
    }
    // One connection sending many is not refused: refuges, support offices and mobile
    // networks share an address. Those past the first few are marked for checking, and get
    // no acknowledgement (so the form cannot be used to send mail to strangers).
    let key = format!("selfref:{}", &throttle::address_key(&client)[5..]);
    let counted = throttle::reserve(db, now, &key, SELF_REFERRALS_PER_HOUR, window).await?;
    let check = (!counted).then(|| BURST_CHECK.to_string());
    let result = store_self_referral(db, now, &intake.contact, check, input).await;
    if result.is_err() {
        throttle::forgive(db, all).await?;
        if counted {
            throttle::forgive(db, &key).await?;
        }
    }
    result
}

async fn store_self_referral(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    contact: &ServiceContact,
    check: Option<String>,
    input: SelfReferralInput,
) -> AppResult<SelfReferralReceipt> {
    if input
        .honeypot
        .as_deref()
        .is_some_and(|h| !h.trim().is_empty())
    {
        // Looks like success to the robot; nothing is stored (its place in the count stays).
        return Ok(SelfReferralReceipt {
            reference: cases::reference_for(now),
            acknowledged: false,
        });
    }
    let role = match input.role {
        Some(
            r @ (ParticipantRole::Victim
            | ParticipantRole::BereavedFamily
            | ParticipantRole::OtherAffected),
        ) => r,
        _ => {
            return Err(AppError::validation(
                "role",
                "Choose how the crime or conflict affected you",
            ));
        }
    };
    if !input.consent_to_contact {
        return Err(AppError::validation(
            "consentToContact",
            "We can only help if you agree that we may contact you",
        ));
    }
    if input.person.contact_channels.is_empty() {
        return Err(AppError::validation(
            "contactChannels",
            "Choose at least one way we can contact you",
        ));
    }
    let relationship = cases::check_relationship(role, input.relationship.as_deref())?;
    let txn = crate::db::begin_write(db).await?;
    let person_row = people::validate(&txn, &people::TOP_LEVEL, &input.person, now).await?;
    let offence = check_offence(&txn, &input.offence).await?;
    let offender_known = input.offender_known.unwrap_or(false);
    let burst = check.is_some();
    let c = cases::create(
        &txn,
        now,
        None,
        cases::NewCase {
            intake_check: check,
            ..new_case(
                Stage::Referral,
                "self_referral".into(),
                None,
                None,
                false,
                offence,
                offender_known,
                !offender_known && input.contact_if_offender_identified,
            )
        },
    )
    .await?;
    let person = people::insert(&txn, person_row).await?;
    let p = cases::add_participant_row(&txn, now, c.id, person.id, role, relationship).await?;
    clocks::start(&txn, &c, ClockKind::RjInformation, now).await?;
    cases::add_consent_row(
        &txn,
        now,
        None,
        c.id,
        cases::ConsentEntry {
            participant_id: p.id,
            purpose: ConsentPurpose::ContactByHub,
            given: true,
            method: ConsentMethod::OnlineForm,
            note: Some("Given on the self-referral form".into()),
        },
    )
    .await?;
    audit::record(&txn, now, None, Entry::new("self_referral", "case", c.id)).await?;
    tell_coordinators(&txn, now, &c, "A new self-referral").await?;
    // A form from a flood is checked by a person before anything is sent back.
    let acknowledged = !burst
        && !matches!(
            messages::send(
                &txn,
                now,
                &messages::Recipient {
                    case_id: c.id,
                    participant_id: p.id,
                    person: &person,
                },
                acknowledgement(&person, &c.reference, contact, now),
            )
            .await?,
            messages::Fate::NotSent(_)
        );
    txn.commit().await?;
    Ok(SelfReferralReceipt {
        reference: c.reference,
        acknowledged,
    })
}

/// The acknowledgement of a self-referral in their language, worded for an inbox or a phone
/// someone else may see: it names no crime, no other person and not what the service does;
/// only the reference, what happens next and how to reach the Hub.
fn acknowledgement(
    person: &crate::entities::person::Model,
    reference: &str,
    contact: &ServiceContact,
    now: DateTime<Utc>,
) -> messages::Outgoing {
    let locale = locales::resolve(
        person.locale.as_deref(),
        person.preferred_language.as_deref(),
    );
    let args = [
        ("reference", reference),
        ("phone", contact.phone.as_str()),
        ("hours", contact.hours.as_str()),
        ("email", contact.email.as_str()),
    ];
    messages::Outgoing {
        kind: "acknowledgement",
        locale,
        email: Some(messages::EmailPart::Plain(Email {
            subject: locales::text(locale, "ack-email-subject", &args),
            text: locales::text(locale, "ack-email-body", &args) + "\n",
        })),
        text: Some(locales::text(locale, "ack-text", &args)),
        letter: notify::letters::compose(
            locale,
            person,
            reference,
            now,
            &notify::letters::Sender {
                phone: &contact.phone,
                hours: &contact.hours,
                email: &contact.email,
            },
            locales::text(locale, "letter-ack-title", &[]),
            notify::letters::paragraphs(&locales::text(locale, "letter-ack-body", &[])),
            vec![],
        ),
    }
}

#[allow(clippy::too_many_arguments)]
fn new_case(
    stage: Stage,
    source: String,
    agency: Option<String>,
    referrer: Option<uuid::Uuid>,
    offender_initiated: bool,
    o: CheckedOffence,
    offender_identified: bool,
    awaiting_offender: bool,
) -> cases::NewCase {
    cases::NewCase {
        stage,
        referral_source: source,
        referring_agency: agency,
        referrer_user_id: referrer,
        offender_initiated,
        offence_category: o.offence_category,
        hate_crime: o.hate_crime,
        offence_summary: o.summary,
        reported_to_police: o.reported_to_police,
        crime_reference: o.crime_reference,
        proceedings_stage: o.proceedings_stage,
        area: o.area,
        area_detail: o.area_detail,
        originating_area: o.originating_area,
        offender_identified,
        awaiting_offender,
        intake_check: None,
        enhanced_rights: None,
    }
}

/// An e-mail to every co-ordinator that something arrived: the reference only, never who.
async fn tell_coordinators(
    conn: &impl sea_orm::ConnectionTrait,
    now: DateTime<Utc>,
    c: &case::Model,
    what: &str,
) -> AppResult<()> {
    for u in crate::areas::accounts::service::active_with_role(conn, Role::Coordinator).await? {
        notify::enqueue_email(
            conn,
            now,
            &u.email,
            &Email {
                subject: format!("RJ Hub: {what} ({})", c.reference),
                text: format!("{what} has arrived in RJ Hub: {}.\n\nOpen the intake inbox in RJ Hub to assess it.\n", c.reference),
            },
        )
        .await?;
    }
    Ok(())
}

pub struct EnquiryInput {
    pub person: PersonInput,
    pub role: ParticipantRole,
    pub relationship: Option<String>,
    pub referral_source: String,
    pub referring_agency: Option<String>,
    pub offence: OffenceInput,
    pub notes: Option<String>,
    pub enhanced_rights: Option<EnhancedRights>,
}

/// Someone asking about RJ (R-IN-1): recorded at once, converted to a referral if they go on.
pub async fn create_enquiry(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    input: EnquiryInput,
) -> AppResult<case::Model> {
    require(actor, Duty::CoordinateCases)?;
    let relationship = cases::check_relationship(input.role, input.relationship.as_deref())?;
    let txn = crate::db::begin_write(db).await?;
    let source = check_code(
        &txn,
        ReferenceList::ReferralSource,
        "referralSource",
        Some(&input.referral_source),
    )
    .await?
    .ok_or_else(|| AppError::validation("referralSource", "Choose where the enquiry came from"))?;
    let agency = optional_text("referringAgency", input.referring_agency.as_deref(), 200)?;
    let mut offence = check_offence(&txn, &input.offence).await?;
    if offence.summary.is_none() {
        offence.summary = optional_text("notes", input.notes.as_deref(), 4000)?;
    }
    let person_row = people::validate(&txn, &people::TOP_LEVEL, &input.person, now).await?;
    let c = cases::create(
        &txn,
        now,
        Some(actor.user_id),
        cases::NewCase {
            enhanced_rights: input.enhanced_rights,
            ..new_case(
                Stage::Enquiry,
                source,
                agency,
                None,
                false,
                offence,
                false,
                false,
            )
        },
    )
    .await?;
    let person = people::insert(&txn, person_row).await?;
    cases::add_participant_row(&txn, now, c.id, person.id, input.role, relationship).await?;
    // A victim asking about RJ starts the Victims' Code clock for the information.
    if input.role != ParticipantRole::Offender {
        clocks::start(&txn, &c, ClockKind::RjInformation, now).await?;
    }
    audit::record_by(&txn, now, actor, Entry::new("create_enquiry", "case", c.id)).await?;
    txn.commit().await?;
    Ok(c)
}

pub struct ReferralInput {
    pub referral_source: String,
    pub referring_agency: Option<String>,
    pub offender_initiated: bool,
    pub victim: Option<PersonInput>,
    pub victim_role: Option<ParticipantRole>,
    pub victim_relationship: Option<String>,
    pub offender: Option<PersonInput>,
    pub offence: OffenceInput,
    pub offender_identified: Option<bool>,
    pub contact_if_offender_identified: bool,
    pub consent_confirmed: bool,
    pub enhanced_rights: Option<EnhancedRights>,
}

const VICTIM: PersonFields = person_fields!("victim.");
const OFFENDER: PersonFields = person_fields!("offender.");

/// A referral from the co-ordinator, a referrer or partner-agency staff (R-IN-2). An
/// offender-initiated request (R-IN-6) comes through a partner agency, whose staff afterwards
/// see the offender side only.
pub async fn create_referral(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    input: ReferralInput,
) -> AppResult<case::Model> {
    require(actor, Duty::FileReferral)?;
    if !input.consent_confirmed {
        return Err(AppError::validation(
            "consentConfirmed",
            "Confirm that the person agreed to be referred to the RJ Hub",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let source = check_code(
        &txn,
        ReferenceList::ReferralSource,
        "referralSource",
        Some(&input.referral_source),
    )
    .await?
    .ok_or_else(|| AppError::validation("referralSource", "Choose the referral source"))?;
    let coordinator = holds(actor, Duty::ReferForAnyAgency);
    // Staff of an agency refer as that agency; only the co-ordinator names any agency.
    let agency = if coordinator {
        optional_text("referringAgency", input.referring_agency.as_deref(), 200)?
    } else {
        actor.agency.clone().or(optional_text(
            "referringAgency",
            input.referring_agency.as_deref(),
            200,
        )?)
    };
    if source == "other_agency" && agency.is_none() {
        return Err(AppError::validation(
            "referringAgency",
            "Name the agency making the referral",
        ));
    }
    if source == "self_referral" {
        return Err(AppError::validation(
            "referralSource",
            "Self-referrals come through the public form",
        ));
    }
    if input.offender_initiated && input.offender.is_none() {
        return Err(AppError::validation(
            "offender.fullName",
            "An offender-initiated request needs the offender's details",
        ));
    }
    if input.offender_initiated && agency.is_none() {
        return Err(AppError::validation(
            "referringAgency",
            "Name the partner agency working with the offender",
        ));
    }
    if input.victim.is_none() && input.offender.is_none() {
        return Err(AppError::validation(
            "victim.fullName",
            "Give the details of at least one person",
        ));
    }
    let victim_role = input.victim_role.unwrap_or(ParticipantRole::Victim);
    if victim_role == ParticipantRole::Offender {
        return Err(AppError::validation(
            "victimRole",
            "Choose how the victim was affected",
        ));
    }
    let relationship =
        cases::check_relationship(victim_role, input.victim_relationship.as_deref())?;
    let victim_row = match &input.victim {
        Some(v) => Some(people::validate(&txn, &VICTIM, v, now).await?),
        None => None,
    };
    let offender_row = match &input.offender {
        Some(o) => Some(people::validate(&txn, &OFFENDER, o, now).await?),
        None => None,
    };
    let offence = check_offence(&txn, &input.offence).await?;
    let identified = input.offender.is_some() || input.offender_identified.unwrap_or(false);
    let victim_requested = victim_row.is_some() && !input.offender_initiated;
    let c = cases::create(
        &txn,
        now,
        Some(actor.user_id),
        cases::NewCase {
            enhanced_rights: input.enhanced_rights,
            ..new_case(
                Stage::Referral,
                source,
                agency,
                Some(actor.user_id),
                input.offender_initiated,
                offence,
                identified,
                !identified && input.contact_if_offender_identified,
            )
        },
    )
    .await?;
    // A victim referred (not an offender's request) starts the clock for the information.
    if victim_requested {
        clocks::start(&txn, &c, ClockKind::RjInformation, now).await?;
    }
    for (row, role, rel) in [
        (victim_row, victim_role, relationship),
        (offender_row, ParticipantRole::Offender, None),
    ] {
        if let Some(row) = row {
            let person = people::insert(&txn, row).await?;
            let p = cases::add_participant_row(&txn, now, c.id, person.id, role, rel).await?;
            cases::add_consent_row(
                &txn,
                now,
                Some(actor.user_id),
                c.id,
                cases::ConsentEntry {
                    participant_id: p.id,
                    purpose: ConsentPurpose::ContactByHub,
                    given: true,
                    method: ConsentMethod::Verbal,
                    note: Some("Confirmed by the referrer".into()),
                },
            )
            .await?;
        }
    }
    audit::record_by(
        &txn,
        now,
        actor,
        Entry::new("create_referral", "case", c.id)
            .detail(serde_json::json!({"offender_initiated": input.offender_initiated})),
    )
    .await?;
    tell_coordinators(&txn, now, &c, "A new referral").await?;
    txn.commit().await?;
    Ok(c)
}
