//! The Victims' Code clocks a case runs (R-ST-2), in England and Wales working days:
//! information about restorative justice within 5 working days of a victim's request (1 for a
//! victim entitled to enhanced rights), and onward referral for support within 2 working days
//! of the need being identified. A clock is due on a day (worked out when it starts) and met
//! by what the work records: a contact with the victim's side, the referral to the Victims'
//! Hub.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use crate::entities::{case, case_clock};
use crate::error::AppResult;
use crate::kernel::{stored_enum, today};
use crate::working_days::{add_working_days, is_working_day};

stored_enum!(
    /// The clocks the Victims' Code sets.
    ClockKind {
        RjInformation => "rj_information",
        OnwardReferral => "onward_referral",
    }
);

impl ClockKind {
    pub fn label(self) -> &'static str {
        match self {
            ClockKind::RjInformation => "Information about restorative justice",
            ClockKind::OnwardReferral => "Onward referral for support",
        }
    }

    /// Working days allowed.
    pub fn allowed(self, enhanced: bool) -> u32 {
        match self {
            ClockKind::RjInformation if enhanced => 1,
            ClockKind::RjInformation => 5,
            ClockKind::OnwardReferral => 2,
        }
    }
}

/// The day a clock started at `started` is due: `n` working days on, counted from the day of
/// the request in London.
pub fn due_on(started: DateTime<Utc>, n: u32) -> NaiveDate {
    add_working_days(today(started), n)
}

/// Where a clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockState {
    /// Not met, and the due day has not passed.
    Running,
    MetOnTime,
    MetLate,
    /// Not met, and the due day has passed.
    Overdue,
}

/// A clock as people see it.
#[derive(Debug, Clone)]
pub struct Clock {
    pub kind: ClockKind,
    pub started_at: DateTime<Utc>,
    pub due_on: NaiveDate,
    pub met_at: Option<DateTime<Utc>>,
    pub state: ClockState,
    /// Working days after the due day that it was met, or has been waiting (0 when on time).
    pub late_by: u32,
    /// Working days left before it is due (0 on the due day or after).
    pub due_in: u32,
}

/// Working days strictly after `from` up to and including `to`.
fn working_days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut n = 0;
    let mut d = from;
    while d < to {
        d = d.succ_opt().unwrap_or(d);
        if is_working_day(d) {
            n += 1;
        }
        if d == NaiveDate::MAX {
            break;
        }
    }
    n
}

impl Clock {
    pub fn of(row: &case_clock::Model, now: DateTime<Utc>) -> AppResult<Self> {
        let kind: ClockKind = row.kind.parse()?;
        let on = today(now);
        let (state, late_by) = match row.met_at {
            Some(at) if today(at) <= row.due_on => (ClockState::MetOnTime, 0),
            Some(at) => (
                ClockState::MetLate,
                working_days_between(row.due_on, today(at)),
            ),
            None if on <= row.due_on => (ClockState::Running, 0),
            None => (ClockState::Overdue, working_days_between(row.due_on, on)),
        };
        Ok(Clock {
            kind,
            started_at: row.started_at,
            due_on: row.due_on,
            met_at: row.met_at,
            state,
            late_by,
            due_in: if row.met_at.is_none() {
                working_days_between(on, row.due_on)
            } else {
                0
            },
        })
    }
}

/// Starts a clock for a case (once: a clock already running or met is left as it is).
pub async fn start(
    conn: &impl ConnectionTrait,
    c: &case::Model,
    kind: ClockKind,
    at: DateTime<Utc>,
) -> AppResult<()> {
    let row = case_clock::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(c.id),
        kind: Set(kind.as_str().into()),
        started_at: Set(at),
        due_on: Set(due_on(at, kind.allowed(c.enhanced_rights))),
        met_at: Set(None),
        met_on: Set(None),
    };
    case_clock::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([case_clock::Column::CaseId, case_clock::Column::Kind])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Marks a running clock met at `at` (the first time only; a clock not started is left).
pub async fn meet(
    conn: &impl ConnectionTrait,
    case_id: Uuid,
    kind: ClockKind,
    at: DateTime<Utc>,
) -> AppResult<()> {
    case_clock::Entity::update_many()
        .col_expr(
            case_clock::Column::MetAt,
            sea_orm::sea_query::Expr::value(Some(at)),
        )
        .col_expr(
            case_clock::Column::MetOn,
            sea_orm::sea_query::Expr::value(Some(today(at))),
        )
        .filter(case_clock::Column::CaseId.eq(case_id))
        .filter(case_clock::Column::Kind.eq(kind.as_str()))
        .filter(case_clock::Column::MetAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// After the victim's entitlement to enhanced rights changes: the information clock, while it
/// runs, is due by the new allowance counted from its start.
pub async fn recount(conn: &impl ConnectionTrait, c: &case::Model) -> AppResult<()> {
    for row in case_clock::Entity::find()
        .filter(case_clock::Column::CaseId.eq(c.id))
        .filter(case_clock::Column::MetAt.is_null())
        .all(conn)
        .await?
    {
        let kind: ClockKind = row.kind.parse()?;
        let due = due_on(row.started_at, kind.allowed(c.enhanced_rights));
        let mut a = row.into_active_model();
        a.due_on = Set(due);
        a.update(conn).await?;
    }
    Ok(())
}

/// A case's clocks, first started first.
pub async fn of_case(
    conn: &impl ConnectionTrait,
    case_id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<Vec<Clock>> {
    case_clock::Entity::find()
        .filter(case_clock::Column::CaseId.eq(case_id))
        .order_by_asc(case_clock::Column::StartedAt)
        .order_by_asc(case_clock::Column::Id)
        .all(conn)
        .await?
        .iter()
        .map(|r| Clock::of(r, now))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn r_st_2_clocks_count_working_days_over_weekends_and_bank_holidays() {
        // A Friday request, five working days: the Friday after.
        assert_eq!(due_on(at(2026, 11, 6, 10), 5), date(2026, 11, 13));
        // Maundy Thursday 2026 (2 April): Good Friday and Easter Monday do not count.
        assert_eq!(due_on(at(2026, 4, 2, 10), 5), date(2026, 4, 13));
        // Enhanced rights on the Thursday before Easter: the Tuesday after.
        assert_eq!(due_on(at(2026, 4, 2, 10), 1), date(2026, 4, 7));
        // Christmas 2027 falls on a Saturday: the substitute days are 27 and 28 December.
        assert_eq!(due_on(at(2027, 12, 24, 10), 1), date(2027, 12, 29));
        assert_eq!(due_on(at(2027, 12, 23, 10), 2), date(2027, 12, 29));
        // A request on a Saturday counts from the Monday that follows.
        assert_eq!(due_on(at(2026, 11, 7, 10), 1), date(2026, 11, 9));
        // Late on a Sunday evening in summer is already Monday in London.
        assert_eq!(due_on(at(2026, 7, 5, 23), 1), date(2026, 7, 7));
    }

    #[test]
    fn r_st_2_a_clock_says_when_it_is_met_late_or_overdue_in_working_days() {
        let row = |met: Option<DateTime<Utc>>| case_clock::Model {
            id: Uuid::nil(),
            case_id: Uuid::nil(),
            kind: "rj_information".into(),
            started_at: at(2026, 11, 6, 10),
            due_on: date(2026, 11, 13),
            met_at: met,
            met_on: met.map(today),
        };
        let on_time = Clock::of(&row(Some(at(2026, 11, 13, 15))), at(2026, 11, 20, 9));
        assert!(on_time.is_ok_and(|c| c.state == ClockState::MetOnTime));
        // Met on the Monday after a Friday due day: one working day late.
        let late = Clock::of(&row(Some(at(2026, 11, 16, 9))), at(2026, 11, 20, 9));
        assert!(late.is_ok_and(|c| c.state == ClockState::MetLate && c.late_by == 1));
        let running = Clock::of(&row(None), at(2026, 11, 10, 9));
        assert!(running.is_ok_and(|c| c.state == ClockState::Running && c.due_in == 3));
        let due_today = Clock::of(&row(None), at(2026, 11, 13, 9));
        assert!(due_today.is_ok_and(|c| c.state == ClockState::Running && c.due_in == 0));
        let overdue = Clock::of(&row(None), at(2026, 11, 17, 9));
        assert!(overdue.is_ok_and(|c| c.state == ClockState::Overdue && c.late_by == 2));
    }
}
