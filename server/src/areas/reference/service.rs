//! Reading, checking, seeding and extending the reference lists.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use crate::access::audit::{self, Entry};
use crate::access::rules::{Duty, require};
use crate::areas::accounts::model::Actor;
use crate::entities::reference_item;
use crate::error::{AppError, AppResult};
use crate::kernel::{required_text, stored_enum};

stored_enum!(ReferenceList {
    Area => "area",
    ReferralSource => "referral_source",
    OffenceCategory => "offence_category",
    ProceedingsStage => "proceedings_stage",
    InterventionModel => "intervention_model",
    Reason => "reason",
    Language => "language",
    AccreditingBody => "accrediting_body",
});

/// The county's starting lists (REFERENCE-DATA.md).
const SEED: &[(ReferenceList, &[(&str, &str)])] = &[
    (
        ReferenceList::Area,
        &[
            ("cambridge", "Cambridge"),
            ("east_cambridgeshire", "East Cambridgeshire"),
            ("fenland", "Fenland"),
            ("huntingdonshire", "Huntingdonshire"),
            ("south_cambridgeshire", "South Cambridgeshire"),
            ("peterborough", "Peterborough"),
            ("outside_county", "Outside the county"),
        ],
    ),
    (
        ReferenceList::ReferralSource,
        &[
            ("self_referral", "Self-referral"),
            ("victims_hub", "Victims' Hub (victim care co-ordinator)"),
            ("police", "Police officer / PCSO / police staff"),
            ("youth_offending_service", "Youth offending service"),
            ("probation", "National Probation Service"),
            ("crc", "Community rehabilitation company"),
            ("prison", "Prison"),
            ("road_victims_trust", "Road Victims Trust"),
            (
                "neighbourhood_resolution_panel",
                "Neighbourhood resolution panel",
            ),
            ("other_agency", "Other agency (named)"),
        ],
    ),
    (
        ReferenceList::OffenceCategory,
        &[
            ("violence", "Violence against the person"),
            ("sexual", "Sexual offence"),
            ("robbery", "Robbery"),
            ("burglary", "Burglary"),
            ("theft", "Theft"),
            ("vehicle", "Vehicle offence"),
            ("criminal_damage_arson", "Criminal damage and arson"),
            ("public_order", "Public order"),
            ("fraud", "Fraud"),
            ("drugs", "Drug offence"),
            ("weapons", "Possession of weapons"),
            (
                "road_death_injury",
                "Road traffic offence causing death or serious injury",
            ),
            (
                "asb_neighbour",
                "Anti-social behaviour / neighbour dispute (not a crime)",
            ),
            ("other", "Other"),
        ],
    ),
    (
        ReferenceList::ProceedingsStage,
        &[
            ("not_reported", "Not reported to police"),
            ("under_investigation", "Reported, under investigation"),
            ("out_of_court", "Out-of-court disposal"),
            ("awaiting_court", "Charged, awaiting court"),
            ("community_sentence", "Sentenced, serving in the community"),
            ("custody", "Sentenced, in custody"),
            ("sentence_completed", "After sentence completed"),
            ("not_known", "Not known"),
        ],
    ),
    (
        ReferenceList::InterventionModel,
        &[
            ("face_to_face", "Face-to-face conference"),
            ("shuttle", "Indirect (shuttle) communication"),
            ("letter", "Letter of explanation or apology"),
            ("community_conference", "Community conference"),
            ("nrp", "Neighbourhood resolution panel"),
            ("street_level", "Street-level restorative disposal"),
        ],
    ),
    (
        ReferenceList::Reason,
        &[
            ("victim_declined", "Victim declined"),
            ("offender_declined", "Offender declined"),
            ("offender_not_identified", "Offender not identified"),
            (
                "offender_not_responsible",
                "Offender not taking responsibility",
            ),
            ("risk_too_high", "Risk too high"),
            ("wellbeing", "Participant's wellbeing"),
            (
                "proceedings_prejudice",
                "Proceedings ongoing and RJ would prejudice them",
            ),
            ("contact_lost", "Contact lost"),
            ("transferred", "Moved out of area and transferred"),
            ("other", "Other"),
        ],
    ),
    (
        ReferenceList::Language,
        &[
            ("en", "English"),
            ("pl", "Polish"),
            ("lt", "Lithuanian"),
            ("lv", "Latvian"),
            ("ro", "Romanian"),
            ("pt", "Portuguese"),
            ("ru", "Russian"),
            ("bg", "Bulgarian"),
            ("ur", "Urdu"),
            ("pa", "Punjabi"),
            ("bn", "Bengali"),
            ("gu", "Gujarati"),
            ("ar", "Arabic"),
            ("ku", "Kurdish"),
            ("ti", "Tigrinya"),
            ("cmn", "Mandarin"),
            ("yue", "Cantonese"),
            ("bsl", "British Sign Language"),
        ],
    ),
    // Organisations whose accreditation the Hub recognises (R-TR-2).
    (
        ReferenceList::AccreditingBody,
        &[
            ("rjc", "Restorative Justice Council"),
            ("restorative_solutions", "Restorative Solutions CIC"),
            ("other_accredited", "Other accredited organisation"),
        ],
    ),
];

/// Fills every list that is still empty. Runs on every start; changes nothing afterwards.
/// The starting codes of one list (for synthetic data).
pub fn seed_codes(list: ReferenceList) -> Vec<&'static str> {
    SEED.iter()
        .filter(|(l, _)| *l == list)
        .flat_map(|(_, items)| items.iter().map(|(code, _)| *code))
        .collect()
}

pub async fn seed(conn: &impl ConnectionTrait, now: DateTime<Utc>) -> AppResult<()> {
    for (list, items) in SEED {
        let existing = reference_item::Entity::find()
            .filter(reference_item::Column::List.eq(list.as_str()))
            .count(conn)
            .await?;
        if existing > 0 {
            continue;
        }
        for (i, (code, label)) in items.iter().enumerate() {
            reference_item::ActiveModel {
                id: Set(Uuid::now_v7()),
                list: Set(list.as_str().into()),
                code: Set((*code).into()),
                label: Set((*label).into()),
                active: Set(true),
                sort_order: Set(i as i32 * 10),
                created_at: Set(now),
            }
            .insert(conn)
            .await?;
        }
    }
    Ok(())
}

pub async fn items(
    conn: &impl ConnectionTrait,
    list: ReferenceList,
    include_inactive: bool,
) -> AppResult<Vec<reference_item::Model>> {
    let mut q =
        reference_item::Entity::find().filter(reference_item::Column::List.eq(list.as_str()));
    if !include_inactive {
        q = q.filter(reference_item::Column::Active.eq(true));
    }
    Ok(q.order_by_asc(reference_item::Column::SortOrder)
        .order_by_asc(reference_item::Column::Label)
        .all(conn)
        .await?)
}

/// Checks that `code` is an active item of `list`; `None` and "" pass as "not given".
pub async fn check_code(
    conn: &impl ConnectionTrait,
    list: ReferenceList,
    field: &'static str,
    code: Option<&str>,
) -> AppResult<Option<String>> {
    let Some(code) = code.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    let found = reference_item::Entity::find()
        .filter(reference_item::Column::List.eq(list.as_str()))
        .filter(reference_item::Column::Code.eq(code))
        .filter(reference_item::Column::Active.eq(true))
        .one(conn)
        .await?;
    match found {
        Some(item) => Ok(Some(item.code)),
        None => Err(AppError::validation(
            field,
            "Choose one of the options in the list",
        )),
    }
}

/// The label for a stored code, or the code itself when the item has gone.
pub async fn label(
    conn: &impl ConnectionTrait,
    list: ReferenceList,
    code: &str,
) -> AppResult<String> {
    Ok(reference_item::Entity::find()
        .filter(reference_item::Column::List.eq(list.as_str()))
        .filter(reference_item::Column::Code.eq(code))
        .one(conn)
        .await?
        .map(|i| i.label)
        .unwrap_or_else(|| code.to_string()))
}

/// Every label of some lists in one query, by list and code (a list of offers names a few codes
/// of each list several times).
pub async fn labels(
    conn: &impl ConnectionTrait,
    lists: &[ReferenceList],
) -> AppResult<std::collections::HashMap<(String, String), String>> {
    Ok(reference_item::Entity::find()
        .filter(reference_item::Column::List.is_in(lists.iter().map(|l| l.as_str())))
        .all(conn)
        .await?
        .into_iter()
        .map(|i| ((i.list, i.code), i.label))
        .collect())
}

fn code_from_label(label: &str) -> String {
    let mut code = String::new();
    for c in label.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            code.push(c);
        } else if !code.ends_with('_') && !code.is_empty() {
            code.push('_');
        }
    }
    code.trim_end_matches('_').chars().take(60).collect()
}

pub async fn add_item(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    list: ReferenceList,
    label: &str,
) -> AppResult<reference_item::Model> {
    require(actor, Duty::ManageReferenceLists)?;
    let label = required_text("label", label, 200, "the text people will see")?;
    let code = code_from_label(&label);
    if code.is_empty() {
        return Err(AppError::validation("label", "Use some letters or numbers"));
    }
    if let Some(_existing) = reference_item::Entity::find()
        .filter(reference_item::Column::List.eq(list.as_str()))
        .filter(reference_item::Column::Code.eq(&code))
        .one(conn)
        .await?
    {
        return Err(AppError::Conflict(
            "That list already has this item (it may be switched off)".into(),
        ));
    }
    let max = items(conn, list, true)
        .await?
        .iter()
        .map(|i| i.sort_order)
        .max()
        .unwrap_or(0);
    let item = reference_item::ActiveModel {
        id: Set(Uuid::now_v7()),
        list: Set(list.as_str().into()),
        code: Set(code),
        label: Set(label),
        active: Set(true),
        sort_order: Set(max + 10),
        created_at: Set(now),
    }
    .insert(conn)
    .await?;
    audit::record_by(
        conn,
        now,
        actor,
        Entry::new("add_reference_item", "reference_item", item.id),
    )
    .await?;
    Ok(item)
}

pub async fn set_active(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    id: Uuid,
    active: bool,
) -> AppResult<reference_item::Model> {
    require(actor, Duty::ManageReferenceLists)?;
    let item = reference_item::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound("The list item"))?;
    let mut a: reference_item::ActiveModel = item.into();
    a.active = Set(active);
    let item = a.update(conn).await?;
    audit::record_by(
        conn,
        now,
        actor,
        Entry::new("set_reference_item_active", "reference_item", id)
            .detail(serde_json::json!({ "active": active })),
    )
    .await?;
    Ok(item)
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_made_from_labels() {
        assert_eq!(
            super::code_from_label("Restorative Solutions (partner)"),
            "restorative_solutions_partner"
        );
        assert_eq!(super::code_from_label("  Ŵelsh!! "), "elsh");
    }
}
