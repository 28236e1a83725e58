//! Subject access (R-DP-5): everything held about one person — their record, the cases they take
//! part in (reference and stage only), consents, contacts with them, meetings they were invited
//! to, agreement items that are theirs, satisfaction answers, testimonials, re-offending checks
//! and the audit entries about them — as JSON and as a readable page. Nothing about anyone else:
//! records about the case as a whole (other people's contacts, the risk assessment) are not
//! theirs and are left out.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::access::audit::{self, Entry, Purpose};
use crate::access::rules::{Duty, require};
use crate::areas::accounts::model::Actor;
use crate::entities::{
    agreement_item, audit_log, case, case_participant, consent, contact, meeting, meeting_attendee,
    person, reoffending_check, satisfaction_survey, testimonial,
};
use crate::error::{AppError, AppResult};
use crate::html::escape;

pub async fn export(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    person_id: Uuid,
) -> AppResult<Value> {
    require(actor, Duty::AnswerDataRights)?;
    let p = person::Entity::find_by_id(person_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound("The person"))?;
    let parts = case_participant::Entity::find()
        .filter(case_participant::Column::PersonId.eq(person_id))
        .order_by_asc(case_participant::Column::CreatedAt)
        .all(conn)
        .await?;
    let part_ids: Vec<Uuid> = parts.iter().map(|x| x.id).collect();
    let case_ids: Vec<Uuid> = parts.iter().map(|x| x.case_id).collect();
    let cases = case::Entity::find()
        .filter(case::Column::Id.is_in(case_ids.clone()))
        .all(conn)
        .await?;
    let reference = |id: Uuid| {
        cases
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.reference.clone())
            .unwrap_or_default()
    };

    let participations: Vec<Value> = parts
        .iter()
        .map(|x| {
            let c = cases.iter().find(|c| c.id == x.case_id);
            json!({
                "case": reference(x.case_id),
                "role": x.role,
                "relationship": x.relationship,
                "stage": c.map(|c| c.stage.clone()),
                "caseReceivedAt": c.map(|c| c.received_at),
                "joinedAt": x.created_at,
            })
        })
        .collect();
    let consents: Vec<Value> = consent::Entity::find()
        .filter(consent::Column::ParticipantId.is_in(part_ids.clone()))
        .order_by_asc(consent::Column::At)
        .all(conn)
        .await?
        .into_iter()
        .map(|c| {
            json!({ "case": reference(c.case_id), "purpose": c.purpose, "given": c.given,
                    "method": c.method, "note": c.note, "at": c.at })
        })
        .collect();
    let contacts: Vec<Value> = contact::Entity::find()
        .filter(contact::Column::ParticipantId.is_in(part_ids.clone()))
        .order_by_asc(contact::Column::At)
        .all(conn)
        .await?
        .into_iter()
        .map(|c| {
            json!({ "case": reference(c.case_id), "at": c.at, "channel": c.channel,
                    "summary": c.summary })
        })
        .collect();
    let invited: Vec<Uuid> = meeting_attendee::Entity::find()
        .filter(meeting_attendee::Column::ParticipantId.is_in(part_ids.clone()))
        .all(conn)
        .await?
        .into_iter()
        .map(|a| a.meeting_id)
        .collect();
    let meetings: Vec<Value> = meeting::Entity::find()
        .filter(meeting::Column::Id.is_in(invited))
        .order_by_asc(meeting::Column::StartsAt)
        .all(conn)
        .await?
        .into_iter()
        .map(|m| {
            json!({ "case": reference(m.case_id), "kind": m.kind, "startsAt": m.starts_at,
                    "endsAt": m.ends_at, "venue": m.venue_address, "status": m.status })
        })
        .collect();
    let items: Vec<Value> = agreement_item::Entity::find()
        .filter(agreement_item::Column::ResponsibleParticipantId.is_in(part_ids.clone()))
        .order_by_asc(agreement_item::Column::CreatedAt)
        .all(conn)
        .await?
        .into_iter()
        .map(|i| {
            json!({ "case": reference(i.case_id), "kind": i.kind, "description": i.description,
                    "dueOn": i.due_on, "completedAt": i.completed_at,
                    "completionNote": i.completion_note })
        })
        .collect();
    let satisfaction: Vec<Value> = satisfaction_survey::Entity::find()
        .filter(satisfaction_survey::Column::ParticipantId.is_in(part_ids.clone()))
        .order_by_asc(satisfaction_survey::Column::RecordedAt)
        .all(conn)
        .await?
        .into_iter()
        .map(|s| {
            json!({ "case": reference(s.case_id), "stage": s.stage, "score": s.score,
                    "comment": s.comment, "recordedAt": s.recorded_at })
        })
        .collect();
    let testimonials: Vec<Value> = testimonial::Entity::find()
        .filter(testimonial::Column::ParticipantId.is_in(part_ids.clone()))
        .order_by_asc(testimonial::Column::RecordedAt)
        .all(conn)
        .await?
        .into_iter()
        .map(|t| {
            json!({ "case": reference(t.case_id), "text": t.body, "consentToUse": t.consent_to_use,
                    "consentWithdrawnAt": t.consent_withdrawn_at, "recordedAt": t.recorded_at })
        })
        .collect();
    let reoffending: Vec<Value> = reoffending_check::Entity::find()
        .filter(reoffending_check::Column::ParticipantId.is_in(part_ids.clone()))
        .order_by_asc(reoffending_check::Column::CheckedOn)
        .all(conn)
        .await?
        .into_iter()
        .map(|r| {
            json!({ "case": reference(r.case_id), "checkedOn": r.checked_on, "source": r.source,
                    "reoffended": r.reoffended, "note": r.note })
        })
        .collect();
    let audit = audit_about(conn, person_id, &part_ids).await?;

    audit::record_by(
        conn,
        now,
        actor,
        Entry::new("subject_access_export", "person", person_id).purpose(Purpose::SubjectAccess),
    )
    .await?;
    Ok(json!({
        "generatedAt": now,
        "person": {
            "name": p.full_name, "email": p.email, "phone": p.phone, "address": p.address,
            "postcode": p.postcode, "preferredLanguage": p.preferred_language,
            "interpreterNeeded": p.interpreter_needed, "accessibilityNeeds": p.accessibility_needs,
            "contactChannels": p.contact_channels, "safeTimes": p.safe_times,
            "mayLeaveMessage": p.may_leave_message, "recordedAt": p.created_at,
            "updatedAt": p.updated_at, "erasedAt": p.erased_at,
        },
        "participations": participations,
        "consents": consents,
        "contacts": contacts,
        "meetings": meetings,
        "agreementItems": items,
        "satisfaction": satisfaction,
        "testimonials": testimonials,
        "reoffendingChecks": reoffending,
        "auditEntries": audit,
    }))
}

/// Audit entries about the person: on their record, or naming them or one of their
/// participations in the detail (details hold ids only).
async fn audit_about(
    conn: &impl ConnectionTrait,
    person_id: Uuid,
    part_ids: &[Uuid],
) -> AppResult<Vec<Value>> {
    let mut sql = String::from(
        "SELECT id FROM audit_log WHERE (entity = 'person' AND entity_id = ?) \
         OR CAST(detail AS TEXT) LIKE ?",
    );
    let mut values: Vec<sea_orm::Value> = vec![
        person_id.to_string().into(),
        format!("%{person_id}%").into(),
    ];
    for id in part_ids {
        sql.push_str(" OR CAST(detail AS TEXT) LIKE ?");
        values.push(format!("%{id}%").into());
    }
    let ids: Vec<Uuid> = conn
        .query_all_raw(crate::db::statement(
            conn.get_database_backend(),
            &sql,
            values,
        ))
        .await?
        .iter()
        .map(|r| r.try_get::<Uuid>("", "id"))
        .collect::<Result<_, _>>()?;
    let rows = audit_log::Entity::find()
        .filter(audit_log::Column::Id.is_in(ids))
        .order_by_asc(audit_log::Column::At)
        .all(conn)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let by = match r.actor_id {
            Some(id) => crate::areas::accounts::service::name_of(conn, id).await?,
            None => None,
        };
        out.push(json!({ "at": r.at, "action": r.action, "by": by, "purpose": r.purpose }));
    }
    Ok(out)
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => "—".into(),
        Value::String(s) => escape(s),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        other => escape(&other.to_string()),
    }
}

fn words(key: &str) -> String {
    let mut out = String::new();
    for (i, ch) in key.chars().enumerate() {
        if ch.is_uppercase() {
            out.push(' ');
            out.extend(ch.to_lowercase());
        } else if i == 0 {
            out.extend(ch.to_uppercase());
        } else {
            out.push(ch);
        }
    }
    out
}

/// The export as a printable page (no scripts; styled by `/print.css`, as the CSP allows).
pub fn html(export: &Value) -> String {
    let mut out = String::from("<h1>Information RJ Hub holds about this person</h1>");
    out.push_str(&format!(
        "<p>Produced {} for a subject access request.</p>",
        cell(&export["generatedAt"])
    ));
    if let Some(person) = export["person"].as_object() {
        out.push_str("<table><caption>Their record</caption><tbody>");
        for (k, v) in person {
            out.push_str(&format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                words(k),
                cell(v)
            ));
        }
        out.push_str("</tbody></table>");
    }
    for key in [
        "participations",
        "consents",
        "contacts",
        "meetings",
        "agreementItems",
        "satisfaction",
        "testimonials",
        "reoffendingChecks",
        "auditEntries",
    ] {
        let rows = export[key].as_array().cloned().unwrap_or_default();
        out.push_str(&format!("<table><caption>{}</caption>", words(key)));
        let Some(first) = rows.first().and_then(Value::as_object) else {
            out.push_str("<tbody><tr><td>None held.</td></tr></tbody></table>");
            continue;
        };
        let cols: Vec<String> = first.keys().cloned().collect();
        out.push_str("<thead><tr>");
        for c in &cols {
            out.push_str(&format!("<th scope=\"col\">{}</th>", words(c)));
        }
        out.push_str("</tr></thead><tbody>");
        for r in &rows {
            out.push_str("<tr>");
            for c in &cols {
                out.push_str(&format!("<td>{}</td>", cell(&r[c])));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    }
    crate::html::page("Subject access export", &out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_escapes_what_people_wrote() {
        let page = html(&json!({
            "generatedAt": "2026-11-23",
            "person": { "name": "<script>alert(1)</script> O'Neil" },
            "contacts": [{ "summary": "a & b" }],
        }));
        assert!(!page.contains("<script>"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; O&#39;Neil"));
        assert!(page.contains("a &amp; b"));
        assert!(page.contains("<caption>Contacts</caption>"));
        assert!(page.contains("None held."));
    }
}
