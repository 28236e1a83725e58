//! Which participants a case view shows: the offender side only for partner-agency staff, so
//! victims' names and contacts never reach them in any field.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::case::{CaseView, Side};
use crate::entities::{case_participant, person};
use crate::error::{AppError, AppResult};

/// A participant's side, from their stored role: only the person responsible is on the
/// responsible side; victims, bereaved family and others affected are harmed.
pub fn side_of_role(role: &str) -> Side {
    if role == "offender" {
        Side::Responsible
    } else {
        Side::Harmed
    }
}

/// The participants a view shows, oldest first, with their people: the offender side only for
/// partner-agency staff — victims' names and contacts never reach them in any field.
pub async fn participants(
    conn: &impl ConnectionTrait,
    view: &CaseView,
) -> AppResult<Vec<(case_participant::Model, person::Model)>> {
    participants_of(conn, std::slice::from_ref(view)).await
}

/// [`participants`] of several cases in two queries, each case's as its own view shows them.
pub async fn participants_of(
    conn: &impl ConnectionTrait,
    views: &[CaseView],
) -> AppResult<Vec<(case_participant::Model, person::Model)>> {
    let rows: Vec<_> = case_participant::Entity::find()
        .filter(case_participant::Column::CaseId.is_in(views.iter().map(CaseView::id)))
        .order_by_asc(case_participant::Column::CreatedAt)
        .all(conn)
        .await?
        .into_iter()
        .filter(|cp| {
            views
                .iter()
                .any(|v| v.id() == cp.case_id && v.shows(side_of_role(&cp.role)))
        })
        .collect();
    let people = person::Entity::find()
        .filter(person::Column::Id.is_in(rows.iter().map(|cp| cp.person_id)))
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|cp| {
            let p = people.iter().find(|p| p.id == cp.person_id)?.clone();
            Some((cp, p))
        })
        .collect())
}

/// The ids of the participants a view shows (to narrow contacts, consents, items to them).
pub async fn shown_participant_ids(
    conn: &impl ConnectionTrait,
    view: &CaseView,
) -> AppResult<Vec<Uuid>> {
    Ok(case_participant::Entity::find()
        .filter(case_participant::Column::CaseId.eq(view.id()))
        .all(conn)
        .await?
        .into_iter()
        .filter(|cp| view.shows(side_of_role(&cp.role)))
        .map(|cp| cp.id)
        .collect())
}

/// One participant of the case, if the view shows them.
pub async fn participant(
    conn: &impl ConnectionTrait,
    view: &CaseView,
    participant_id: Uuid,
) -> AppResult<case_participant::Model> {
    case_participant::Entity::find_by_id(participant_id)
        .filter(case_participant::Column::CaseId.eq(view.id()))
        .one(conn)
        .await?
        .filter(|cp| view.shows(side_of_role(&cp.role)))
        .ok_or_else(|| {
            AppError::validation(
                "participantId",
                "That person does not take part in this case",
            )
        })
}
