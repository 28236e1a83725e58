//! Meetings with iCal invites (R-CW-4): every invite is parsed by an independent parser
//! (Python's `icalendar` package) and checked field by field, across the clock changes.

use std::io::Write;
use std::process::{Command, Stdio};

use anyhow::{Result, ensure};
use chrono::{DateTime, Utc};
use rjhub_tests::{
    Client, DbKind, TestApp, error_code, eventually, on_both_databases, outbox_mails,
};
use serde_json::{Value, json};

use crate::cases::{allocated_case, user_id};
use crate::mail::smtp_sink;

/// Parses an e-mail (or a bare .ics) with Python's email and icalendar packages.
const PARSER: &str = r#"
import sys, json, email
from email import policy
from zoneinfo import ZoneInfo
import icalendar
raw = sys.stdin.read()
out = {}
if raw.startswith("BEGIN:VCALENDAR"):
    ics = raw
else:
    msg = email.message_from_string(raw, policy=policy.default)
    out["subject"] = msg["subject"]
    out["to"] = msg["to"]
    ics = None
    for part in msg.walk():
        if part.get_content_type() == "text/calendar":
            out["calendar_method_param"] = part.get_param("method")
            ics = part.get_content()
            break
    out["has_attachment"] = any(p.get_filename() == "invite.ics" for p in msg.walk())
cal = icalendar.Calendar.from_ical(ics)
out["method"] = str(cal.get("METHOD"))
out["timezones"] = len(cal.walk("VTIMEZONE"))
events = []
for ev in cal.walk("VEVENT"):
    start = ev.decoded("DTSTART"); end = ev.decoded("DTEND")
    london = ZoneInfo("Europe/London")
    atts = ev.get("ATTENDEE")
    atts = [] if atts is None else (atts if isinstance(atts, list) else [atts])
    events.append({
        "uid": str(ev.get("UID")), "sequence": int(ev.get("SEQUENCE", 0)), "status": str(ev.get("STATUS")),
        "summary": str(ev.get("SUMMARY")), "location": str(ev.get("LOCATION")), "description": str(ev.get("DESCRIPTION")),
        "organizer": str(ev.get("ORGANIZER")), "attendees": [str(a) for a in atts],
        "attendee_params": [dict(a.params) for a in atts],
        "dtstamp": ev.get("DTSTAMP") is not None,
        "start_utc": start.astimezone(ZoneInfo("UTC")).isoformat(), "end_utc": end.astimezone(ZoneInfo("UTC")).isoformat(),
        "start_london": start.astimezone(london).strftime("%Y-%m-%d %H:%M %Z"),
    })
out["events"] = events
print(json.dumps(out))
"#;

pub fn parse_ical(text: &str) -> Result<Value> {
    let mut child = Command::new("python3")
        .args(["-c", PARSER])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    child
        .stdin
        .take()
        .ok_or_else(|| anyhow::anyhow!("no stdin"))?
        .write_all(text.as_bytes())?;
    let out = child.wait_with_output()?;
    ensure!(
        out.status.success(),
        "the icalendar parser refused it (pip install icalendar?): {}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(serde_json::from_slice(&out.stdout)?)
}

const SCHEDULE: &str = "mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { meeting { id sequence status } } }";
const RESCHEDULE: &str = "mutation($i: RescheduleMeetingInput!) { rescheduleMeeting(input: $i) { meeting { id sequence } } }";
const CANCEL: &str = "mutation($i: CancelMeetingInput!) { cancelMeeting(input: $i) { meeting { status sequence } } }";

fn at(s: &str) -> String {
    s.parse::<DateTime<Utc>>()
        .map(|t| t.to_rfc3339())
        .unwrap_or_default()
}

/// The invites in the outbox: new ones (`first`), changes (`updates`) or cancellations, parsed.
/// Staff and participants get different words (a participant's are in their language and say
/// only "appointment"), so they are told apart by method and sequence.
fn invites(app: &TestApp, which: &str) -> Result<Vec<Value>> {
    let mut out = Vec::new();
    for m in outbox_mails(&app.data_dir()) {
        if m.contains("text/calendar") {
            let v = parse_ical(&m)?;
            let sequence = v["events"][0]["sequence"].as_i64().unwrap_or(-1);
            let keep = match which {
                "first" => v["method"] == "REQUEST" && sequence == 0,
                "updates" => v["method"] == "REQUEST" && sequence > 0,
                _ => v["method"] == "CANCEL",
            };
            if keep {
                out.push(v);
            }
        }
    }
    Ok(out)
}

async fn schedule(
    coord: &Client,
    case: &str,
    staff: &[String],
    participants: &[String],
    start: &str,
    end: &str,
    extra: Value,
) -> Result<Value> {
    let mut input = json!({ "caseId": case, "kind": "CONFERENCE", "startsAt": at(start), "endsAt": at(end),
        "venueAddress": "March Community Centre, Station Road, March", "venueRoom": "Room 2", "accessNotes": "Step-free entrance at the side",
        "staffIds": staff, "participantIds": participants });
    if let (Some(o), Some(e)) = (input.as_object_mut(), extra.as_object()) {
        o.extend(e.clone());
    }
    coord.gql(SCHEDULE, json!({ "i": input })).await
}

on_both_databases!(
    r_cw_4_invites_are_requested_rescheduled_and_cancelled_in_every_calendar,
    r_cw_4_double_bookings_and_the_private_feed
);

async fn r_cw_4_invites_are_requested_rescheduled_and_cancelled_in_every_calendar(
    db: DbKind,
) -> Result<()> {
    let app = TestApp::builder(db)
        .env("RJHUB_MAIL_FROM", "RJ Hub <hub@rj.example.org>")
        .start()
        .await?;
    let coord = app.login_demo("coordinator").await?;
    let (case, participants) = allocated_case(&app, &coord).await?;
    let volunteer = app.login_demo("volunteer").await?;
    let supervisor = user_id(&app, "supervisor").await?;
    // 00:30 UTC on the last Sunday of October 2027 is 01:30 BST, before the clocks go back.
    let r = schedule(
        &volunteer,
        &case,
        std::slice::from_ref(&supervisor),
        &participants,
        "2027-10-31T00:30:00Z",
        "2027-10-31T02:30:00Z",
        json!({}),
    )
    .await?;
    ensure!(r.get("errors").is_none(), "{r}");
    let meeting = r["data"]["scheduleMeeting"]["meeting"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let first = eventually("three invites", || {
        invites(&app, "first").ok().filter(|v| v.len() == 3)
    })
    .await?;
    // The volunteer, the supervisor, and the victim who agreed to e-mail; not the offender (post only).
    let mut to: Vec<String> = first
        .iter()
        .filter_map(|v| v["to"].as_str().map(str::to_string))
        .collect();
    to.sort();
    ensure!(
        to == [
            "jo.victim@example.org",
            "supervisor@demo.rjhub.test",
            "volunteer@demo.rjhub.test"
        ],
        "{to:?}"
    );
    let uid = first[0]["events"][0]["uid"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    for v in &first {
        ensure!(
            v["method"] == "REQUEST"
                && v["calendar_method_param"] == "REQUEST"
                && v["has_attachment"] == true,
            "{v}"
        );
        ensure!(v["timezones"] == 0, "{v}");
        let e = &v["events"][0];
        ensure!(
            e["uid"] == uid.as_str()
                && e["sequence"] == 0
                && e["status"] == "CONFIRMED"
                && e["dtstamp"] == true,
            "{e}"
        );
        ensure!(
            e["start_utc"] == "2027-10-31T00:30:00+00:00"
                && e["start_london"] == "2027-10-31 01:30 BST",
            "{e}"
        );
        ensure!(e["organizer"] == "mailto:hub@rj.example.org", "{e}");
        // Each copy lists its own recipient only: victim and offender are never listed together.
        ensure!(
            e["attendees"] == json!([format!("mailto:{}", v["to"].as_str().unwrap_or_default())]),
            "{e}"
        );
        ensure!(
            e["attendee_params"][0]["ROLE"] == "REQ-PARTICIPANT"
                && e["attendee_params"][0]["PARTSTAT"] == "NEEDS-ACTION",
            "{e}"
        );
        ensure!(
            e["location"] == "March Community Centre, Station Road, March, Room 2",
            "{e}"
        );
    }
    // Staff see what the meeting is; the victim's copy says only "appointment", in her language.
    for v in &first {
        let staff = v["to"]
            .as_str()
            .is_some_and(|t| t.ends_with("@demo.rjhub.test"));
        let subject = v["subject"].as_str().unwrap_or_default();
        ensure!(subject.starts_with("Face-to-face") == staff, "{v}");
    }
    // No invite names the victim, the offender or the offence.
    for m in outbox_mails(&app.data_dir())
        .into_iter()
        .filter(|m| m.contains("text/calendar"))
    {
        for secret in [
            "Jo Victim",
            "Oscar Offender",
            "Burglary",
            "burglary",
            "shed",
        ] {
            ensure!(!m.contains(secret), "an invite contains {secret}");
        }
    }

    // 01:30 UTC that night is 01:30 GMT, after the clocks went back; the same UID, SEQUENCE 1.
    volunteer.data(RESCHEDULE, json!({ "i": { "meetingId": meeting, "startsAt": at("2027-10-31T01:30:00Z"), "endsAt": at("2027-10-31T03:00:00Z") } })).await?;
    let second = eventually("three updates", || {
        invites(&app, "updates").ok().filter(|v| v.len() == 3)
    })
    .await?;
    for v in &second {
        let e = &v["events"][0];
        ensure!(
            v["method"] == "REQUEST" && e["uid"] == uid.as_str() && e["sequence"] == 1,
            "{v}"
        );
        ensure!(e["start_london"] == "2027-10-31 01:30 GMT", "{e}");
    }
    // In March 01:30 UTC is 02:30 BST, after the clocks went forward.
    volunteer.data(RESCHEDULE, json!({ "i": { "meetingId": meeting, "startsAt": at("2027-03-28T01:30:00Z"), "endsAt": at("2027-03-28T03:00:00Z") } })).await?;
    let third = eventually("the March updates", || {
        invites(&app, "updates").ok().filter(|v| v.len() == 6)
    })
    .await?;
    ensure!(
        third
            .iter()
            .filter(|v| v["events"][0]["sequence"] == 2)
            .all(|v| v["events"][0]["start_london"] == "2027-03-28 02:30 BST"),
        "{third:?}"
    );

    let d = volunteer
        .data(CANCEL, json!({ "i": { "meetingId": meeting } }))
        .await?;
    ensure!(
        d["cancelMeeting"]["meeting"] == json!({"status": "CANCELLED", "sequence": 3}),
        "{d}"
    );
    let cancelled = eventually("three cancellations", || {
        invites(&app, "cancelled").ok().filter(|v| v.len() == 3)
    })
    .await?;
    for v in &cancelled {
        let e = &v["events"][0];
        ensure!(
            v["method"] == "CANCEL"
                && v["calendar_method_param"] == "CANCEL"
                && e["status"] == "CANCELLED"
                && e["sequence"] == 3
                && e["uid"] == uid.as_str(),
            "{v}"
        );
    }
    let r = volunteer.gql(RESCHEDULE, json!({ "i": { "meetingId": meeting, "startsAt": at("2027-11-01T10:00:00Z"), "endsAt": at("2027-11-01T11:00:00Z") } })).await?;
    ensure!(error_code(&r).as_deref() == Some("CONFLICT"), "{r}");
    // Someone not on the case can neither schedule nor read the invite.
    let special = app.login_demo("special").await?;
    let r = schedule(
        &special,
        &case,
        &[],
        &[],
        "2027-11-02T10:00:00Z",
        "2027-11-02T11:00:00Z",
        json!({}),
    )
    .await?;
    ensure!(error_code(&r).as_deref() == Some("NOT_FOUND"), "{r}");
    let r = special
        .gql(
            "query($id: ID!) { meetingInvite(meetingId: $id) }",
            json!({ "id": meeting }),
        )
        .await?;
    ensure!(error_code(&r).as_deref() == Some("NOT_FOUND"), "{r}");
    let ics = volunteer
        .data(
            "query($id: ID!) { meetingInvite(meetingId: $id) }",
            json!({ "id": meeting }),
        )
        .await?;
    let text = ics["meetingInvite"].as_str().unwrap_or_default();
    let parsed = parse_ical(text)?;
    ensure!(parsed["events"][0]["uid"] == uid.as_str(), "{parsed}");
    // The cancelled meeting's invite is a CANCEL naming its reader as the attendee (RFC 5546),
    // and no one else.
    ensure!(parsed["method"] == "CANCEL", "{parsed}");
    // Content lines are folded at 75 octets (RFC 5545 §3.1): unfold before reading them.
    let unfolded = text.replace("\r\n ", "").replace("\n ", "");
    let attendees: Vec<&str> = unfolded
        .lines()
        .filter(|l| l.starts_with("ATTENDEE"))
        .collect();
    ensure!(
        attendees.len() == 1
            && attendees[0]
                .to_lowercase()
                .contains("mailto:volunteer@demo.rjhub.test"),
        "{text}"
    );
    Ok(())
}

async fn r_cw_4_double_bookings_and_the_private_feed(db: DbKind) -> Result<()> {
    let app = TestApp::start(db).await?;
    let coord = app.login_demo("coordinator").await?;
    let (case, _) = allocated_case(&app, &coord).await?;
    let volunteer = app.login_demo("volunteer").await?;
    let r = schedule(
        &volunteer,
        &case,
        &[],
        &[],
        "2027-05-04T09:00:00Z",
        "2027-05-04T11:00:00Z",
        json!({ "kind": "PREPARATION" }),
    )
    .await?;
    ensure!(r.get("errors").is_none(), "{r}");
    let clash = schedule(
        &volunteer,
        &case,
        &[],
        &[],
        "2027-05-04T10:00:00Z",
        "2027-05-04T12:00:00Z",
        json!({}),
    )
    .await?;
    ensure!(
        error_code(&clash).as_deref() == Some("CONFLICT")
            && clash["errors"][0]["message"]
                .as_str()
                .unwrap_or_default()
                .contains("Agnieszka Nowak"),
        "{clash}"
    );
    let ok = schedule(
        &volunteer,
        &case,
        &[],
        &[],
        "2027-05-04T10:00:00Z",
        "2027-05-04T12:00:00Z",
        json!({ "overrideReason": "Back-to-back at the same venue" }),
    )
    .await?;
    ensure!(ok.get("errors").is_none(), "{ok}");
    let past = schedule(
        &volunteer,
        &case,
        &[],
        &[],
        "2020-05-04T10:00:00Z",
        "2020-05-04T12:00:00Z",
        json!({}),
    )
    .await?;
    ensure!(
        rjhub_tests::error_field(&past).as_deref() == Some("startsAt"),
        "{past}"
    );

    // The feed works without a session, and stops at once when rotated.
    let url = volunteer.data("{ myCalendarFeedUrl }", json!({})).await?["myCalendarFeedUrl"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    ensure!(
        url.starts_with(&format!("{}/calendar/", app.base)) && url.ends_with(".ics"),
        "{url}"
    );
    let res = reqwest::get(&url).await?;
    ensure!(
        res.status() == 200
            && res
                .headers()
                .get("content-type")
                .is_some_and(|v| v.to_str().unwrap_or_default().starts_with("text/calendar"))
    );
    let feed = parse_ical(&res.text().await?)?;
    ensure!(
        feed["method"] == "PUBLISH" && feed["events"].as_array().map(Vec::len) == Some(2),
        "{feed}"
    );
    ensure!(!feed.to_string().contains("Jo Victim"), "{feed}");
    let again = volunteer.data("{ myCalendarFeedUrl }", json!({})).await?["myCalendarFeedUrl"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    ensure!(again == url, "the feed address changed without rotation");
    let rotated = volunteer
        .data("mutation { rotateCalendarFeed { url } }", json!({}))
        .await?["rotateCalendarFeed"]["url"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    ensure!(rotated != url);
    ensure!(
        reqwest::get(&url).await?.status() == 404,
        "the old feed still works"
    );
    ensure!(reqwest::get(&rotated).await?.status() == 200);
    ensure!(
        reqwest::get(app.url("/calendar/not-a-token.ics"))
            .await?
            .status()
            == 404
    );
    let log = app.server_log();
    ensure!(
        !log.contains(
            rotated
                .rsplit('/')
                .next()
                .unwrap_or("x")
                .trim_end_matches(".ics")
        ),
        "the feed token reached the log"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_cw_4_invites_go_out_over_smtp_as_multipart_calendar_mail() -> Result<()> {
    let (port, mut inbox) = smtp_sink().await?;
    let app = TestApp::builder(DbKind::Sqlite)
        .env("RJHUB_SMTP_URL", format!("smtp://127.0.0.1:{port}"))
        .start()
        .await?;
    let coord = app.login_demo("coordinator").await?;
    let (case, _) = allocated_case(&app, &coord).await?;
    let volunteer = app.login_demo("volunteer").await?;
    let r = schedule(
        &volunteer,
        &case,
        &[],
        &[],
        "2027-06-01T09:00:00Z",
        "2027-06-01T10:00:00Z",
        json!({}),
    )
    .await?;
    ensure!(r.get("errors").is_none(), "{r}");
    loop {
        let mail = tokio::time::timeout(std::time::Duration::from_secs(20), inbox.recv())
            .await?
            .ok_or_else(|| anyhow::anyhow!("sink closed"))?;
        if !mail.data.contains("text/calendar") {
            continue; // e.g. the co-ordinator's notice of the self-referral
        }
        ensure!(
            mail.data.contains("multipart/mixed") && mail.data.contains("multipart/alternative"),
            "{}",
            mail.data
        );
        let v = parse_ical(&mail.data)?;
        ensure!(
            v["calendar_method_param"] == "REQUEST"
                && v["events"][0]["start_london"] == "2027-06-01 10:00 BST",
            "{v}"
        );
        return Ok(());
    }
}
