use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub reference: String,
    pub stage: String,
    pub stopped_at_stage: Option<String>,
    pub stop_reason_code: Option<String>,
    pub stop_reason_text: Option<String>,
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
    pub offender_identified_at: Option<DateTimeUtc>,
    pub awaiting_offender: bool,
    pub intervention_model: Option<String>,
    pub suitable: Option<bool>,
    pub suitability_reason_code: Option<String>,
    pub suitability_notes: Option<String>,
    pub assessed_at: Option<DateTimeUtc>,
    pub support_needs: Option<String>,
    pub victims_hub_referred_at: Option<DateTimeUtc>,
    pub supervisor_id: Option<Uuid>,
    pub received_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub erased_at: Option<DateTimeUtc>,
    /// When retention anonymised its personal data; codes, dates and scores stay for reports.
    pub anonymised_at: Option<DateTimeUtc>,
    /// Why the co-ordinator should check this case before contacting anyone (a self-referral
    /// that came as one of many from one connection); `None` for most.
    pub intake_check: Option<String>,
    /// The victim is entitled to enhanced rights under the Victims' Code (victims of the most
    /// serious crime, persistently targeted, vulnerable or intimidated), and why.
    pub enhanced_rights: bool,
    pub enhanced_rights_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
