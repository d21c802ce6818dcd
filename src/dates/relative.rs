//! The dates people type on a command line: `2026-11-24`, and the relative forms Taskwarrior
//! and jrnl users reach for (`today`, `tomorrow`, `+3d`, `-1w`, `monday`, `eow`, `eom`, …),
//! and the weeks `--week` takes (`this`, `last`, `next`, `W48`, `48`, `2026-W48`, or any day).
//! Every date flag reads its value here, so they all accept the same words.

use super::{IsoDate, Period, PeriodKind, Week, WeekStart, parse_iso};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Why a flag's value is not a day.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadDay {
    #[error("there is no such day")]
    Impossible,
    #[error(
        "not a day: write YYYY-MM-DD, or today, tomorrow, yesterday, +3d, -1w, +2m, monday, last friday, sow, eow, som, eom, soy, eoy"
    )]
    Unknown,
    #[error("that is too far from today")]
    OutOfRange,
}

/// Why a flag's value is not a week.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "not a week: write this, last, next, W48, 48, 2026-W48, or a day in the week (2026-11-24, today, -1w)"
)]
pub struct BadWeekValue;

/// Reads a day as typed on the command line, relative to `today`.
///
/// - `YYYY-MM-DD`;
/// - `today`, `tomorrow`, `yesterday`;
/// - an offset: `+3d`, `-1w`, `+2m`, `1y` (no sign means ahead), also written `3days`,
///   `in 3 days`, `2 weeks ago`; months keep the day of the month where it exists and
///   otherwise take the month's last day;
/// - a weekday: `monday` or `mon` is the next one after today (as in Taskwarrior), `next
///   monday` the same, `last monday` the latest one before today;
/// - `sow`/`eow`, `som`/`eom`, `soy`/`eoy`: the first or last day of this week (as the
///   config's `week_start` says), month or year.
pub fn parse_day(value: &str, today: NaiveDate, start: WeekStart) -> Result<NaiveDate, BadDay> {
    let v = value.trim().to_lowercase();
    let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
    match parse_iso(&v) {
        Some(IsoDate::Valid(d)) => return Ok(d),
        Some(IsoDate::Impossible) => return Err(BadDay::Impossible),
        None => {}
    }
    let week = Week::containing(today, start);
    let month = || Period::containing(PeriodKind::Month, today, start);
    let year = || Period::containing(PeriodKind::Year, today, start);
    let named = match v.as_str() {
        "today" | "now" => Some(today),
        "tomorrow" => today.succ_opt(),
        "yesterday" => today.pred_opt(),
        "sow" => Some(week.start()),
        "eow" => Some(week.end()),
        "som" => Some(month().start()),
        "eom" => Some(month().end()),
        "soy" => Some(year().start()),
        "eoy" => Some(year().end()),
        _ => None,
    };
    if let Some(d) = named {
        return Ok(d);
    }
    if let Some(d) = weekday_phrase(&v, today) {
        return Ok(d);
    }
    match offset(&v) {
        Some((n, unit)) => apply(today, n, unit).ok_or(BadDay::OutOfRange),
        None => Err(BadDay::Unknown),
    }
}

/// Reads a week as typed after `--week`, relative to the week holding `today`.
pub fn parse_week(value: &str, today: NaiveDate, start: WeekStart) -> Result<Week, BadWeekValue> {
    let v = value.trim().to_lowercase();
    let this = Week::containing(today, start);
    match v.as_str() {
        "this" | "current" => return Ok(this),
        "last" | "previous" | "prev" => return Ok(this.previous()),
        "next" => return Ok(this.next()),
        _ => {}
    }
    if let Ok(w) = Week::parse(&v, start) {
        return Ok(w);
    }
    // `W48` or `48`: that week of this week's year.
    let number = v.strip_prefix('w').unwrap_or(&v);
    if !number.is_empty() && number.len() <= 2 && number.bytes().all(|b| b.is_ascii_digit()) {
        let year = this.id().get(..4).unwrap_or_default().to_string();
        return Week::parse(&format!("{year}-W{number:0>2}"), start).map_err(|_| BadWeekValue);
    }
    parse_day(&v, today, start)
        .map(|d| Week::containing(d, start))
        .map_err(|_| BadWeekValue)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

fn unit(word: &str) -> Option<Unit> {
    Some(match word {
        "d" | "day" | "days" => Unit::Day,
        "w" | "wk" | "wks" | "week" | "weeks" => Unit::Week,
        "m" | "mo" | "month" | "months" => Unit::Month,
        "y" | "yr" | "yrs" | "year" | "years" => Unit::Year,
        _ => return None,
    })
}

/// `+3d`, `-1w`, `3days`, `in 3 days`, `2 weeks ago`: a signed count and its unit.
fn offset(v: &str) -> Option<(i64, Unit)> {
    let (v, sign) = if let Some(rest) = v.strip_suffix(" ago") {
        (rest, -1)
    } else if let Some(rest) = v.strip_prefix("in ") {
        (rest, 1)
    } else if let Some(rest) = v.strip_prefix('-') {
        (rest, -1)
    } else {
        (v.strip_prefix('+').unwrap_or(v), 1)
    };
    let digits = v.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 6 {
        return None;
    }
    let n: i64 = v[..digits].parse().ok()?;
    let unit = unit(v[digits..].trim_start())?;
    Some((sign * n, unit))
}

fn apply(today: NaiveDate, n: i64, unit: Unit) -> Option<NaiveDate> {
    let days = |k: i64| {
        let k = k.unsigned_abs();
        if n < 0 {
            today.checked_sub_days(Days::new(k))
        } else {
            today.checked_add_days(Days::new(k))
        }
    };
    let months = |k: i64| {
        let k = u32::try_from(k.unsigned_abs()).ok()?;
        if n < 0 {
            today.checked_sub_months(Months::new(k))
        } else {
            today.checked_add_months(Months::new(k))
        }
    };
    match unit {
        Unit::Day => days(n),
        Unit::Week => days(n.checked_mul(7)?),
        Unit::Month => months(n),
        Unit::Year => months(n.checked_mul(12)?),
    }
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// `monday`, `next monday` (the next one after today), `last monday` (the latest before).
fn weekday_phrase(v: &str, today: NaiveDate) -> Option<NaiveDate> {
    let (back, word) = match v.split_once(' ') {
        Some(("next", w)) => (false, w),
        Some(("last", w)) => (true, w),
        Some(_) => return None,
        None => (false, v),
    };
    let target = weekday(word)?;
    let from = i64::from(today.weekday().num_days_from_monday());
    let to = i64::from(target.num_days_from_monday());
    if back {
        let gap = (from - to).rem_euclid(7);
        let gap = if gap == 0 { 7 } else { gap };
        today.checked_sub_days(Days::new(gap.unsigned_abs()))
    } else {
        let gap = (to - from).rem_euclid(7);
        let gap = if gap == 0 { 7 } else { gap };
        today.checked_add_days(Days::new(gap.unsigned_abs()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        super::super::parse_date(s).expect("test date")
    }

    /// Sunday 29 November 2026, the tests' "today".
    fn day(v: &str) -> Result<NaiveDate, BadDay> {
        parse_day(v, d("2026-11-29"), WeekStart::Monday)
    }

    #[test]
    fn words_and_offsets() {
        for (typed, want) in [
            ("2026-12-01", "2026-12-01"),
            ("today", "2026-11-29"),
            (" Today ", "2026-11-29"),
            ("tomorrow", "2026-11-30"),
            ("yesterday", "2026-11-28"),
            ("+3d", "2026-12-02"),
            ("3d", "2026-12-02"),
            ("-1w", "2026-11-22"),
            ("+2m", "2027-01-29"),
            ("-1y", "2025-11-29"),
            ("in 3 days", "2026-12-02"),
            ("2 weeks ago", "2026-11-15"),
            ("10days", "2026-12-09"),
            ("eom", "2026-11-30"),
            ("som", "2026-11-01"),
            ("eoy", "2026-12-31"),
            ("soy", "2026-01-01"),
        ] {
            assert_eq!(day(typed), Ok(d(want)), "{typed}");
        }
    }

    #[test]
    fn months_keep_the_day_or_take_the_last_one() {
        let jan31 = d("2027-01-31");
        assert_eq!(
            parse_day("+1m", jan31, WeekStart::Monday),
            Ok(d("2027-02-28"))
        );
        assert_eq!(
            parse_day("eom", d("2028-02-10"), WeekStart::Monday),
            Ok(d("2028-02-29"))
        );
    }

    #[test]
    fn weekdays_are_the_next_one_after_today() {
        // Today is a Sunday.
        assert_eq!(day("monday"), Ok(d("2026-11-30")));
        assert_eq!(day("mon"), Ok(d("2026-11-30")));
        assert_eq!(day("sunday"), Ok(d("2026-12-06")), "not today itself");
        assert_eq!(day("next friday"), Ok(d("2026-12-04")));
        assert_eq!(day("last friday"), Ok(d("2026-11-27")));
        assert_eq!(day("last sunday"), Ok(d("2026-11-22")));
    }

    #[test]
    fn weeks_end_as_the_config_says() {
        assert_eq!(day("eow"), Ok(d("2026-11-29")));
        assert_eq!(day("sow"), Ok(d("2026-11-23")));
        let sunday = |v| parse_day(v, d("2026-11-29"), WeekStart::Sunday);
        assert_eq!(sunday("sow"), Ok(d("2026-11-29")));
        assert_eq!(sunday("eow"), Ok(d("2026-12-05")));
    }

    #[test]
    fn what_is_not_a_day() {
        assert_eq!(day("2026-02-30"), Err(BadDay::Impossible));
        for bad in [
            "soon",
            "",
            "+d",
            "3x",
            "next",
            "last week",
            "+99999999d",
            "2026-3-5",
        ] {
            assert!(day(bad).is_err(), "{bad}");
        }
        assert_eq!(day("+999999y"), Err(BadDay::OutOfRange));
    }

    #[test]
    fn weeks_by_name_number_or_day() {
        let week = |v| parse_week(v, d("2026-11-29"), WeekStart::Monday).map(Week::id);
        assert_eq!(week("this"), Ok("2026-W48".into()));
        assert_eq!(week("last"), Ok("2026-W47".into()));
        assert_eq!(week("next"), Ok("2026-W49".into()));
        assert_eq!(week("W45"), Ok("2026-W45".into()));
        assert_eq!(week("w5"), Ok("2026-W05".into()));
        assert_eq!(week("45"), Ok("2026-W45".into()));
        assert_eq!(week("2025-W01"), Ok("2025-W01".into()));
        assert_eq!(week("2026-11-03"), Ok("2026-W45".into()));
        assert_eq!(week("-1w"), Ok("2026-W47".into()));
        assert_eq!(week("tomorrow"), Ok("2026-W49".into()));
        assert!(week("W54").is_err());
        assert!(week("soon").is_err());
        assert!(week("123").is_err());
    }
}
