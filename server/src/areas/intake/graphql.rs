//! The intake slice of the graph: the public self-referral, enquiries and referrals.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};

use super::service::{
    self, EnquiryInput, OffenceInput as DomainOffence, ReferralInput, SelfReferralInput,
};
use crate::areas::cases::graphql::{
    Case, EnhancedRights, ParticipantRole, PersonInput, ReferralStatus, payload,
};
use crate::graphql::context::{actor, request, server};

#[derive(InputObject, Default)]
pub struct OffenceInput {
    /// A code from the `OFFENCE_CATEGORY` list.
    pub offence_category: Option<String>,
    #[graphql(default)]
    pub hate_crime: bool,
    /// What happened, in the person's or referrer's words.
    pub summary: Option<String>,
    pub reported_to_police: Option<bool>,
    pub crime_reference: Option<String>,
    /// A code from the `PROCEEDINGS_STAGE` list (R-IN-4).
    pub proceedings_stage: Option<String>,
    /// A code from the `AREA` list; `outside_county` needs `areaDetail`.
    pub area: Option<String>,
    pub area_detail: Option<String>,
    /// For people who moved: where they came from (R-IN-8).
    pub originating_area: Option<String>,
}

impl From<OffenceInput> for DomainOffence {
    fn from(o: OffenceInput) -> Self {
        DomainOffence {
            offence_category: o.offence_category,
            hate_crime: o.hate_crime,
            summary: o.summary,
            reported_to_police: o.reported_to_police,
            crime_reference: o.crime_reference,
            proceedings_stage: o.proceedings_stage,
            area: o.area,
            area_detail: o.area_detail,
            originating_area: o.originating_area,
        }
    }
}

#[derive(InputObject)]
pub struct SelfReferralFormInput {
    /// VICTIM, BEREAVED_FAMILY (family of someone who died as a result of crime) or OTHER_AFFECTED.
    pub role: ParticipantRole,
    /// For bereaved family: their relationship to the person who died.
    pub relationship: Option<String>,
    pub person: PersonInput,
    pub offence: Option<OffenceInput>,
    pub offender_known: Option<bool>,
    /// "Contact me if an offender is identified" (R-IN-7).
    #[graphql(default)]
    pub contact_if_offender_identified: bool,
    pub consent_to_contact: bool,
    /// Leave empty. (A field hidden from people, to catch automated spam.)
    pub website: Option<String>,
    /// The language the form was filled in (`en`, `en-x-easyread`, `pl`, `lt`, `ro`, `pt`,
    /// `ru`): the acknowledgement and later messages use it.
    pub locale: Option<String>,
}

#[derive(SimpleObject)]
pub struct SelfReferralPayload {
    /// A reference to quote when getting in touch.
    pub reference: String,
    pub next_steps: String,
    /// An acknowledgement was e-mailed to the address given (when the person chose e-mail).
    pub acknowledgement_sent: bool,
}

/// How people reach the Hub without the app.
#[derive(SimpleObject)]
pub struct ServiceContact {
    pub phone: String,
    pub email: String,
    /// When the phone is answered, in words.
    pub opening_hours: String,
}

#[derive(Default)]
pub struct IntakeQuery;

#[Object]
impl IntakeQuery {
    /// The Hub's phone number, e-mail and opening hours (public: no sign-in needed).
    async fn service_contact(&self, ctx: &Context<'_>) -> ServiceContact {
        let c = service::ServiceContact::from_config(&server(ctx).config);
        ServiceContact {
            phone: c.phone,
            email: c.email,
            opening_hours: c.hours,
        }
    }
    /// The languages the Hub writes to people in (public pages, e-mails, texts), each named in
    /// itself: "Polski", "Русский". English first.
    async fn message_languages(&self) -> Vec<MessageLanguage> {
        use crate::notify::locales;
        locales::supported()
            .into_iter()
            .map(|code| MessageLanguage {
                code: code.to_string(),
                name: locales::text(code, "language-name", &[]),
            })
            .collect()
    }
}

#[derive(SimpleObject)]
pub struct MessageLanguage {
    /// `en`, `en-x-easyread`, `pl`…
    pub code: String,
    /// The language's name in itself.
    pub name: String,
}

#[derive(InputObject)]
pub struct CreateEnquiryInput {
    pub person: PersonInput,
    pub role: ParticipantRole,
    pub relationship: Option<String>,
    /// A code from the `REFERRAL_SOURCE` list.
    pub referral_source: String,
    pub referring_agency: Option<String>,
    pub offence: Option<OffenceInput>,
    pub notes: Option<String>,
    /// The victim is entitled to enhanced rights under the Victims' Code (the information
    /// about RJ is then due within 1 working day, not 5), and why.
    pub enhanced_rights: Option<EnhancedRights>,
}

#[derive(InputObject)]
pub struct CreateReferralInput {
    /// A code from the `REFERRAL_SOURCE` list.
    pub referral_source: String,
    /// The agency referring; staff of an agency always refer as their own agency.
    pub referring_agency: Option<String>,
    /// A request from the offender's side through a partner agency (R-IN-6): the partner
    /// agency's staff will only ever see the offender side of the case.
    #[graphql(default)]
    pub offender_initiated: bool,
    pub victim: Option<PersonInput>,
    pub victim_role: Option<ParticipantRole>,
    pub victim_relationship: Option<String>,
    pub offender: Option<PersonInput>,
    pub offence: Option<OffenceInput>,
    pub offender_identified: Option<bool>,
    #[graphql(default)]
    pub contact_if_offender_identified: bool,
    /// The referrer confirms the person agreed to be referred.
    pub consent_confirmed: bool,
    /// The victim is entitled to enhanced rights under the Victims' Code (the information
    /// about RJ is then due within 1 working day, not 5), and why.
    pub enhanced_rights: Option<EnhancedRights>,
}

#[derive(SimpleObject)]
pub struct CreateReferralPayload {
    /// What the referrer may follow: the status, not the people.
    pub referral: ReferralStatus,
}

#[derive(SimpleObject)]
pub struct CreateEnquiryPayload {
    pub case: Case,
}

#[derive(Default)]
pub struct IntakeMutation;

#[Object]
impl IntakeMutation {
    /// The public self-referral form: no account needed (R-IN-3). The answer never echoes
    /// personal data nor says whether the person is already known.
    async fn submit_self_referral(
        &self,
        ctx: &Context<'_>,
        input: SelfReferralFormInput,
    ) -> Result<SelfReferralPayload> {
        let s = server(ctx);
        let intake = service::PublicIntake {
            contact: service::ServiceContact::from_config(&s.config),
            per_hour: s.config.self_referrals_per_hour,
        };
        let receipt = service::submit_self_referral(
            &s.db,
            s.clock.now(),
            request(ctx).client,
            &intake,
            SelfReferralInput {
                role: Some(input.role.into()),
                relationship: input.relationship,
                person: {
                    let mut p: crate::areas::cases::people::PersonInput = input.person.into();
                    // Written to in the language they wrote in, unless they chose another.
                    p.locale = p.locale.or(input.locale);
                    p
                },
                offence: input.offence.map(Into::into).unwrap_or_default(),
                offender_known: input.offender_known,
                contact_if_offender_identified: input.contact_if_offender_identified,
                consent_to_contact: input.consent_to_contact,
                honeypot: input.website,
            },
        )
        .await?;
        s.outbox_wake.notify_one();
        Ok(SelfReferralPayload {
            reference: receipt.reference,
            next_steps: format!(
                "Thank you. The RJ co-ordinator will read what you have sent and contact you, in the way and at the times you chose, within 5 working days. Taking part is always your choice, and you can stop at any time. To reach us, {}, and quote your reference. If you are in danger now, call 999.",
                intake.contact.in_words()
            ),
            acknowledgement_sent: receipt.acknowledged,
        })
    }

    /// Records someone asking about restorative justice (R-IN-1).
    async fn create_enquiry(
        &self,
        ctx: &Context<'_>,
        input: CreateEnquiryInput,
    ) -> Result<CreateEnquiryPayload> {
        let s = server(ctx);
        let c = service::create_enquiry(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            EnquiryInput {
                person: input.person.into(),
                role: input.role.into(),
                relationship: input.relationship,
                referral_source: input.referral_source,
                referring_agency: input.referring_agency,
                offence: input.offence.map(Into::into).unwrap_or_default(),
                notes: input.notes,
                enhanced_rights: input.enhanced_rights.map(Into::into),
            },
        )
        .await?;
        Ok(CreateEnquiryPayload {
            case: payload(ctx, c.id, "createEnquiry").await?,
        })
    }

    /// A referral from the co-ordinator, a referrer or partner-agency staff (R-IN-2, R-IN-6).
    async fn create_referral(
        &self,
        ctx: &Context<'_>,
        input: CreateReferralInput,
    ) -> Result<CreateReferralPayload> {
        let s = server(ctx);
        let c = service::create_referral(
            &s.db,
            s.clock.now(),
            actor(ctx)?,
            ReferralInput {
                referral_source: input.referral_source,
                referring_agency: input.referring_agency,
                offender_initiated: input.offender_initiated,
                victim: input.victim.map(Into::into),
                victim_role: input.victim_role.map(Into::into),
                victim_relationship: input.victim_relationship,
                offender: input.offender.map(Into::into),
                offence: input.offence.map(Into::into).unwrap_or_default(),
                offender_identified: input.offender_identified,
                contact_if_offender_identified: input.contact_if_offender_identified,
                consent_confirmed: input.consent_confirmed,
                enhanced_rights: input.enhanced_rights.map(Into::into),
            },
        )
        .await?;
        s.outbox_wake.notify_one();
        Ok(CreateReferralPayload {
            referral: ReferralStatus(c),
        })
    }
}
