use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "facilitator_profiles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    /// `volunteer`, `special_constable` or `partner_practitioner`.
    pub kind: String,
    pub agency: Option<String>,
    /// Languages with proficiency, `code:level` comma-separated (`pl:fluent,ro:working`); see
    /// `allocation::model::language_skills`.
    pub languages: Option<String>,
    pub cultural_knowledge: Option<String>,
    pub home_area: Option<String>,
    /// Area codes, comma-separated.
    pub areas_served: Option<String>,
    pub max_cases: i32,
    pub paused: bool,
    /// Weekly slots like `mon_am,tue_eve`, comma-separated.
    pub availability: Option<String>,
    /// Names of people or organisations the facilitator knows, one per line.
    pub declared_conflicts: Option<String>,
    pub created_at: DateTimeUtc,
    pub community_knowledge: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
