//! Who saw a person's record, when and why (R-DP-4, R-ST-5): the data protection officer's view
//! and CSV. A person's record was seen when it was read directly (a search result, a subject
//! access export, their testimonial) or when a case they take part in was read with their side
//! of it showing — every read of a victim's case in full, and for the person responsible also
//! the offender-side disclosures to the referring agency.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::access::Actor;
use crate::access::audit::{self, Purpose, Read};
use crate::access::rules::{Duty, require};
use crate::entities::{audit_log, case, case_participant, person, testimonial};
use crate::error::{AppError, AppResult};
use crate::kernel::Page;

/// One read of the person's record.
pub struct AccessEntry {
    pub row: audit_log::Model,
    /// The case it was read through, if any.
    pub case_reference: Option<String>,
    pub actor_name: Option<String>,
}

/// Reads of the person's record, newest first; `page` as for any list (`None`: all of them).
pub async fn of_person(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    person_id: Uuid,
    page: Option<Page>,
) -> AppResult<Vec<AccessEntry>> {
    require(actor, Duty::ReadAuditLog)?;
    person::Entity::find_by_id(person_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound("The person"))?;
    let parts = case_participant::Entity::find()
        .filter(case_participant::Column::PersonId.eq(person_id))
        .all(conn)
        .await?;
    let ids = |offender: bool| -> Vec<String> {
        parts
            .iter()
            .filter(|p| (p.role == "offender") == offender)
            .map(|p| p.case_id.to_string())
            .collect()
    };
    let testimonials: Vec<String> = testimonial::Entity::find()
        .filter(testimonial::Column::ParticipantId.is_in(parts.iter().map(|p| p.id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|t| t.id.to_string())
        .collect();
    let reads = ["view", "disclose", "subject_access_export", "erase_person"];
    let cond = Condition::any()
        .add(
            Condition::all()
                .add(audit_log::Column::Entity.eq("person"))
                .add(audit_log::Column::EntityId.eq(person_id.to_string()))
                .add(audit_log::Column::Action.is_in(reads)),
        )
        // Cases where they are on the harmed side: full reads only (an offender-side
        // disclosure never shows them).
        .add(
            Condition::all()
                .add(audit_log::Column::Entity.eq("case"))
                .add(audit_log::Column::EntityId.is_in(ids(false)))
                .add(audit_log::Column::Action.eq("view")),
        )
        .add(
            Condition::all()
                .add(audit_log::Column::Entity.eq("case"))
                .add(audit_log::Column::EntityId.is_in(ids(true)))
                .add(audit_log::Column::Action.is_in(["view", "disclose"])),
        )
        .add(
            Condition::all()
                .add(audit_log::Column::Entity.eq("testimonial"))
                .add(audit_log::Column::EntityId.is_in(testimonials)),
        );
    let mut q = audit_log::Entity::find()
        .filter(cond)
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id);
    if let Some(p) = page {
        q = q.offset(p.offset).limit(p.fetch());
    }
    let rows = q.all(conn).await?;
    let cases = case::Entity::find()
        .filter(case::Column::Id.is_in(parts.iter().map(|p| p.case_id)))
        .all(conn)
        .await?;
    let names = crate::areas::accounts::service::with_names(
        conn,
        rows.iter().filter_map(|r| r.actor_id).collect(),
        |id| *id,
    )
    .await?;
    // Looking at who saw a record is itself audited, as a review: it shows no personal data,
    // and it must not push the log's own pages along as the officer pages through it.
    audit::note_read(
        actor,
        now,
        Read {
            action: "review_access_log",
            entity: "person",
            id: person_id,
            purpose: Purpose::DataProtection,
            justification: None,
            extent: "access_log",
            via: "personAccessLog",
        },
    );
    Ok(rows
        .into_iter()
        .map(|row| {
            let case_reference = (row.entity == "case")
                .then(|| {
                    cases
                        .iter()
                        .find(|c| Some(c.id.to_string()) == row.entity_id)
                        .map(|c| c.reference.clone())
                })
                .flatten();
            let actor_name = row
                .actor_id
                .and_then(|id| names.iter().find(|(u, _)| *u == id).map(|(_, n)| n.clone()));
            AccessEntry {
                row,
                case_reference,
                actor_name,
            }
        })
        .collect())
}

/// What a read was made through, from the row's detail (`via` of a read).
pub fn via(row: &audit_log::Model) -> Option<String> {
    row.detail
        .as_ref()
        .and_then(|d| d.get("via"))
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// How much of the record the read showed (`full`, `offender_side`, `search_result` …).
pub fn extent(row: &audit_log::Model) -> Option<String> {
    row.detail
        .as_ref()
        .and_then(|d| d.get("extent"))
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// The log as CSV, every cell defused against spreadsheet formulas.
pub fn csv(rows: &[AccessEntry]) -> String {
    let mut out =
        String::from("when,who,action,purpose,justification,record,case,through,extent\r\n");
    for e in rows {
        let cells = [
            e.row.at.to_rfc3339(),
            e.actor_name.clone().unwrap_or_else(|| "the service".into()),
            e.row.action.clone(),
            e.row.purpose.clone().unwrap_or_default(),
            e.row.justification.clone().unwrap_or_default(),
            e.row.entity.clone(),
            e.case_reference.clone().unwrap_or_default(),
            via(&e.row).unwrap_or_default(),
            extent(&e.row).unwrap_or_default(),
        ];
        let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

fn cell(v: &str) -> String {
    let v = if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_string()
    };
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("plain"), "plain");
    }
}
