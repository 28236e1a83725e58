//! iCalendar text (RFC 5545) for iTIP messages (RFC 5546) and feeds, built with the icalendar
//! crate. Times are written in UTC (`…Z`), which every calendar shows in local time; the crate's
//! own VTIMEZONE output is not used (it misplaces DTSTAMP and UID). Invites name no victim or
//! offender and no offence: the case reference, the kind of meeting, the venue and a link.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, Property};

pub struct InviteEvent<'a> {
    pub uid: &'a str,
    pub sequence: u32,
    pub summary: &'a str,
    pub location: &'a str,
    pub description: &'a str,
    pub url: &'a str,
    pub starts: DateTime<Utc>,
    pub ends: DateTime<Utc>,
    pub stamp: DateTime<Utc>,
    pub cancelled: bool,
    pub organizer: &'a str,
    /// The one person this copy is for (each party gets an invite of their own, R-ST-4).
    pub attendee: Option<&'a str>,
}

fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

pub fn event(e: &InviteEvent<'_>) -> Event {
    let mut ev = Event::new();
    ev.uid(e.uid)
        .sequence(e.sequence)
        .summary(e.summary)
        .location(e.location)
        .description(e.description)
        .url(e.url)
        .add_property("DTSTAMP", utc(e.stamp))
        .add_property("DTSTART", utc(e.starts))
        .add_property("DTEND", utc(e.ends))
        .add_property(
            "STATUS",
            if e.cancelled {
                "CANCELLED"
            } else {
                "CONFIRMED"
            },
        )
        .add_property("TRANSP", "OPAQUE");
    let mut organizer = Property::new("ORGANIZER", format!("mailto:{}", e.organizer));
    organizer.add_parameter("CN", "RJ Hub");
    ev.append_property(organizer);
    if let Some(a) = e.attendee {
        let mut att = Property::new("ATTENDEE", format!("mailto:{a}"));
        att.add_parameter("ROLE", "REQ-PARTICIPANT")
            .add_parameter("PARTSTAT", "NEEDS-ACTION")
            .add_parameter("RSVP", "FALSE");
        ev.append_multi_property(att);
    }
    ev.done()
}

pub fn calendar(method: &str, name: Option<&str>, events: Vec<Event>) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new(
            "PRODID",
            "-//RJ Hub//Restorative justice case system//EN",
        ))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", method));
    if let Some(n) = name {
        cal.append_property(Property::new("X-WR-CALNAME", n));
    }
    for e in events {
        cal.push(e);
    }
    cal.done().to_string()
}
