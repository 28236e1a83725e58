//! The safe-contact profile (R-ST-4) and the one decision every message to a person goes
//! through: send now, hold until the next safe time, or do not send (and say why). It is asked
//! when a message is written and again when the worker is about to deliver it, so a profile
//! changed in between (a channel withdrawn, new safe times) is what counts.

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Europe::London;

use crate::entities::person;
use crate::error::{AppError, AppResult};

/// A weekly window it is safe to reach someone, in UK time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SafeWindow {
    /// Monday is bit 0.
    pub days: u8,
    pub from: NaiveTime,
    pub to: NaiveTime,
}

const DAY_CODES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const MAX_WINDOWS: usize = 14;

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

/// With no safe times given, a phone is still never rung or buzzed at night: calls and texts
/// any day 08:00 to 21:00. (An e-mail waits in the inbox: it is not held.)
pub fn phone_hours() -> Vec<SafeWindow> {
    vec![SafeWindow {
        days: 0b111_1111,
        from: hm(8, 0),
        to: hm(21, 0),
    }]
}

/// The windows that apply to `channel` for someone who gave `given` (empty: none).
pub fn windows_for(given: &[SafeWindow], channel: Option<Channel>) -> Vec<SafeWindow> {
    match (given.is_empty(), channel) {
        (false, _) => given.to_vec(),
        (true, Some(Channel::Email)) => vec![],
        (true, _) => phone_hours(),
    }
}

impl SafeWindow {
    pub fn new(days: &[Weekday], from: &str, to: &str, field: &'static str) -> AppResult<Self> {
        let parse = |s: &str| {
            NaiveTime::parse_from_str(s.trim(), "%H:%M")
                .map_err(|_| AppError::validation(field, "Enter times like 18:00, in UK time"))
        };
        let (from, to) = (parse(from)?, parse(to)?);
        if to <= from {
            return Err(AppError::validation(
                field,
                "A safe time must end after it starts, on the same day",
            ));
        }
        let days = days
            .iter()
            .fold(0u8, |acc, d| acc | 1 << d.num_days_from_monday());
        if days == 0 {
            return Err(AppError::validation(
                field,
                "Choose the days each safe time applies to",
            ));
        }
        Ok(Self { days, from, to })
    }

    pub fn weekdays(&self) -> Vec<Weekday> {
        (0..7)
            .filter(|i| self.days & (1 << i) != 0)
            .filter_map(|i| Weekday::try_from(i as u8).ok())
            .collect()
    }

    fn covers(&self, day: Weekday) -> bool {
        self.days & (1 << day.num_days_from_monday()) != 0
    }

    /// "Mon to Fri, 18:00 to 21:00".
    pub fn in_words(&self) -> String {
        const NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let days = match self.days {
            0b111_1111 => "Every day".to_string(),
            0b001_1111 => "Mon to Fri".to_string(),
            0b110_0000 => "Sat and Sun".to_string(),
            d => (0..7)
                .filter(|i| d & (1 << i) != 0)
                .map(|i| NAMES[i])
                .collect::<Vec<_>>()
                .join(", "),
        };
        format!(
            "{days}, {} to {}",
            self.from.format("%H:%M"),
            self.to.format("%H:%M")
        )
    }
}

/// Checks the windows a form gave; none means "no times of their own".
pub fn check_windows(windows: &[SafeWindow], field: &'static str) -> AppResult<()> {
    if windows.len() > MAX_WINDOWS {
        return Err(AppError::validation(
            field,
            "Give at most 14 safe times; join the ones that run together",
        ));
    }
    Ok(())
}

/// `mon,tue 18:00-21:00;sat 10:00-12:00`.
pub fn store_windows(windows: &[SafeWindow]) -> Option<String> {
    (!windows.is_empty()).then(|| {
        windows
            .iter()
            .map(|w| {
                let days: Vec<&str> = (0..7)
                    .filter(|i| w.days & (1 << i) != 0)
                    .map(|i| DAY_CODES[i])
                    .collect();
                format!(
                    "{} {}-{}",
                    days.join(","),
                    w.from.format("%H:%M"),
                    w.to.format("%H:%M")
                )
            })
            .collect::<Vec<_>>()
            .join(";")
    })
}

/// The stored windows; a part that does not read back is left out (it was checked on the way
/// in). Empty: they gave none.
pub fn stored_windows(s: Option<&str>) -> Vec<SafeWindow> {
    s.unwrap_or_default()
        .split(';')
        .filter_map(|part| {
            let (days, times) = part.trim().split_once(' ')?;
            let (from, to) = times.split_once('-')?;
            let days = days.split(',').try_fold(0u8, |acc, d| {
                DAY_CODES.iter().position(|c| *c == d).map(|i| acc | 1 << i)
            })?;
            Some(SafeWindow {
                days,
                from: NaiveTime::parse_from_str(from, "%H:%M").ok()?,
                to: NaiveTime::parse_from_str(to, "%H:%M").ok()?,
            })
        })
        .collect()
}

fn london(day: chrono::NaiveDate, t: NaiveTime) -> DateTime<Utc> {
    let naive = day.and_time(t);
    match London.from_local_datetime(&naive).earliest() {
        Some(t) => t.with_timezone(&Utc),
        // The hour the clocks go forward does not exist: the same wall time an hour later.
        None => London
            .from_local_datetime(&(naive + Duration::hours(1)))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|| naive.and_utc()),
    }
}

/// `now` when it falls inside a window (or there are none), else the start of the next one.
pub fn next_safe(windows: &[SafeWindow], now: DateTime<Utc>) -> DateTime<Utc> {
    if windows.is_empty() {
        return now;
    }
    let today = now.with_timezone(&London).date_naive();
    let mut best: Option<DateTime<Utc>> = None;
    for offset in 0..8 {
        let day = today + Duration::days(offset);
        for w in windows.iter().filter(|w| w.covers(day.weekday())) {
            let (start, end) = (london(day, w.from), london(day, w.to));
            if start <= now && now < end {
                return now;
            }
            if start > now && best.is_none_or(|b| start < b) {
                best = Some(start);
            }
        }
        if best.is_some() {
            break;
        }
    }
    best.unwrap_or(now)
}

/// How a message travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Email,
    Text,
    Letter,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Text => "text",
            Channel::Letter => "letter",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "email" | "calendar" => Some(Channel::Email),
            "text" => Some(Channel::Text),
            "letter" => Some(Channel::Letter),
            _ => None,
        }
    }

    fn agreed_as(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Text => "text",
            Channel::Letter => "post",
        }
    }

    fn words(self) -> &'static str {
        match self {
            Channel::Email => "e-mail",
            Channel::Text => "text message",
            Channel::Letter => "letter",
        }
    }
}

/// What a person agreed to, and what stands in the way of reaching them.
#[derive(Debug, Clone)]
pub struct Profile {
    pub agreed: Vec<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub windows: Vec<SafeWindow>,
    pub erased: bool,
    /// Their latest word on being contacted by the Hub, or on taking part, is no.
    pub withdrawn: Option<&'static str>,
}

impl Profile {
    pub fn of(p: &person::Model, withdrawn: Option<&'static str>) -> Self {
        Self {
            agreed: p
                .contact_channels
                .as_deref()
                .unwrap_or_default()
                .split(',')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            email: p.email.clone(),
            phone: p.phone.clone(),
            address: p.address.clone(),
            windows: stored_windows(p.safe_windows.as_deref()),
            erased: p.erased_at.is_some(),
            withdrawn,
        }
    }

    /// Why nothing may be sent to them at all, if so.
    pub fn blocked(&self) -> Option<String> {
        if self.erased {
            return Some("Their details have been erased".into());
        }
        self.withdrawn.map(String::from)
    }

    /// Where a message by `channel` goes, if they can be reached that way at all.
    pub fn address_for(&self, channel: Channel) -> Option<&str> {
        if !self.agreed.iter().any(|a| a == channel.agreed_as()) {
            return None;
        }
        match channel {
            Channel::Email => self.email.as_deref(),
            Channel::Text => self.phone.as_deref(),
            Channel::Letter => self.address.as_deref(),
        }
    }

    /// The first of `preference` they agreed to and gave the details for.
    pub fn choose(&self, preference: &[Channel]) -> Option<Channel> {
        preference
            .iter()
            .copied()
            .find(|c| self.address_for(*c).is_some())
    }

    /// Why nothing in `preference` can reach them, in words for the facilitator.
    pub fn why_unreachable(&self, preference: &[Channel]) -> String {
        let tried: Vec<&str> = preference.iter().map(|c| c.words()).collect();
        let only_calls = self.agreed.iter().all(|a| a == "phone" || a == "in_person");
        if only_calls && !self.agreed.is_empty() {
            return format!(
                "They agreed only to be phoned or seen in person, not to a {}: call them",
                tried.join(" or ")
            );
        }
        format!(
            "They have not agreed to a {} (or its details are missing): contact them another way",
            tried.join(" or ")
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Send,
    Hold(DateTime<Utc>),
    NotSent(String),
}

/// The decision for a message by `channel` to `to` at `now`.
pub fn decide(profile: &Profile, channel: Channel, to: &str, now: DateTime<Utc>) -> Decision {
    if let Some(why) = profile.blocked() {
        return Decision::NotSent(why);
    }
    match profile.address_for(channel) {
        None => {
            return Decision::NotSent(format!(
                "They no longer agree to a {}, or took away its details",
                channel.words()
            ));
        }
        Some(current) if !current.eq_ignore_ascii_case(to) => {
            return Decision::NotSent(format!(
                "Their details for a {} changed after this was written: send it again",
                channel.words()
            ));
        }
        Some(_) => {}
    }
    // A letter is read when it arrives; an e-mail or a text lights up a phone at once.
    if channel == Channel::Letter {
        return Decision::Send;
    }
    let at = next_safe(&windows_for(&profile.windows, Some(channel)), now);
    if at > now {
        Decision::Hold(at)
    } else {
        Decision::Send
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    }

    #[test]
    fn windows_round_trip_and_next_safe_time() -> AppResult<()> {
        let evenings = SafeWindow::new(
            &[
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            "18:00",
            "21:00",
            "w",
        )?;
        let stored = store_windows(&[evenings]);
        assert_eq!(stored.as_deref(), Some("mon,tue,wed,thu,fri 18:00-21:00"));
        assert_eq!(stored_windows(stored.as_deref()), vec![evenings]);
        // Wednesday 2 December 2026, 10:00 GMT: held until 18:00 the same day.
        let w = vec![evenings];
        assert_eq!(
            next_safe(&w, at("2026-12-02T10:00:00Z")),
            at("2026-12-02T18:00:00Z")
        );
        assert_eq!(
            next_safe(&w, at("2026-12-02T19:00:00Z")),
            at("2026-12-02T19:00:00Z")
        );
        // Friday 21:30: the next is Monday 18:00.
        assert_eq!(
            next_safe(&w, at("2026-12-04T21:30:00Z")),
            at("2026-12-07T18:00:00Z")
        );
        // Summer time: 18:00 in London is 17:00 UTC.
        assert_eq!(
            next_safe(&w, at("2026-07-01T09:00:00Z")),
            at("2026-07-01T17:00:00Z")
        );
        assert!(SafeWindow::new(&[Weekday::Mon], "21:00", "18:00", "w").is_err());
        assert!(SafeWindow::new(&[], "09:00", "18:00", "w").is_err());
        assert!(stored_windows(None).is_empty());
        // None given: an e-mail goes at night, a text waits for the morning.
        assert!(windows_for(&[], Some(Channel::Email)).is_empty());
        assert_eq!(
            next_safe(
                &windows_for(&[], Some(Channel::Text)),
                at("2026-12-02T23:00:00Z")
            ),
            at("2026-12-03T08:00:00Z")
        );
        Ok(())
    }
}
