//! Dates, weeks and periods: the one place that knows how `YYYY-MM-DD` is read, what a week
//! (or a month, quarter or year: `period`) is and how each is named.
//!
//! Weeks are ISO weeks (Monday–Sunday) unless the config says they start on Sunday. A
//! Sunday-start week carries the id of the ISO week of its Monday, so `2026-W48` is
//! 2026-11-23..=2026-11-29 with Monday weeks and 2026-11-22..=2026-11-28 with Sunday weeks.

pub mod moment;
pub mod period;
pub mod relative;

pub use period::{BadPeriod, Bucket, Period, PeriodKind, parse_period};

use chrono::{Datelike, Days, IsoWeek, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How a `YYYY-MM-DD` token reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IsoDate {
    /// A real calendar date.
    Valid(NaiveDate),
    /// Well-formed but impossible, such as `2026-02-30`: consumed as a field, with no value.
    Impossible,
}

/// Reads exactly `YYYY-MM-DD` (4, 2 and 2 ASCII digits). `None` when `s` has another shape.
pub(crate) fn parse_iso(s: &str) -> Option<IsoDate> {
    read_ymd(s, 2)
}

/// Reads `YYYY-M-D`: as [`parse_iso`], with a month and a day of one or two digits (as
/// Logseq's timestamps are read).
pub(crate) fn parse_iso_short(s: &str) -> Option<IsoDate> {
    read_ymd(s, 1)
}

/// `YYYY-MM-DD` with a month and a day of at least `min` digits.
fn read_ymd(s: &str, min: usize) -> Option<IsoDate> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let (y, m, d) = (digits(y, 4, 4)?, digits(m, min, 2)?, digits(d, min, 2)?);
    // Year 0000 does not exist in the calendar people write in.
    let date = i32::try_from(y)
        .ok()
        .filter(|&y| y >= 1)
        .and_then(|y| NaiveDate::from_ymd_opt(y, m, d));
    Some(date.map_or(IsoDate::Impossible, IsoDate::Valid))
}

/// A number written in `min` to `max` ASCII digits (no sign, no spaces).
pub(crate) fn digits(s: &str, min: usize, max: usize) -> Option<u32> {
    ((min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Reads a `YYYY-MM-DD` date that must be valid.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    match parse_iso(s.trim()) {
        Some(IsoDate::Valid(d)) => Some(d),
        _ => None,
    }
}

/// Finds the first valid `YYYY-MM-DD` date in `s` that is not part of a longer run of digits,
/// with its byte offset.
pub(crate) fn find_iso_date(s: &str) -> Option<(usize, NaiveDate)> {
    let b = s.as_bytes();
    if b.len() < 10 {
        return None;
    }
    let mut i = 0;
    while i + 10 <= b.len() {
        if b[i].is_ascii_digit()
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 10).is_none_or(|c| !c.is_ascii_digit())
            && let Some(IsoDate::Valid(d)) = s.get(i..i + 10).and_then(parse_iso)
        {
            return Some((i, d));
        }
        i += 1;
    }
    None
}

/// Formats a date as `YYYY-MM-DD`.
pub(crate) fn ymd(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The first day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeekStart {
    #[default]
    Monday,
    Sunday,
}

/// A seven-day week, named by the ISO week of its Monday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week {
    start: NaiveDate,
}

/// Why a week id could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a week: use YYYY-Www, such as 2026-W48 (weeks 01 to 52 or 53, years 0001 to 9999)"
)]
pub struct BadWeek(pub String);

impl Week {
    /// The week that holds `date`.
    pub fn containing(date: NaiveDate, start: WeekStart) -> Week {
        let back = match start {
            WeekStart::Monday => date.weekday().num_days_from_monday(),
            WeekStart::Sunday => date.weekday().num_days_from_sunday(),
        };
        Week {
            start: date - Days::new(u64::from(back)),
        }
    }

    /// Reads `2026-W48` (also `2026-w48`, `2026W48`).
    pub fn parse(id: &str, start: WeekStart) -> Result<Week, BadWeek> {
        let bad = || BadWeek(id.to_string());
        let t = id.trim();
        let (year, week) = t.split_once(['W', 'w']).ok_or_else(bad)?;
        let year: i32 = year.trim_end_matches('-').parse().map_err(|_| bad())?;
        if !(1..=9999).contains(&year) {
            return Err(bad());
        }
        if week.len() != 2 && week.len() != 1 {
            return Err(bad());
        }
        let week: u32 = week.parse().map_err(|_| bad())?;
        let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).ok_or_else(bad)?;
        Ok(match start {
            WeekStart::Monday => Week { start: monday },
            WeekStart::Sunday => Week {
                start: monday - Days::new(1),
            },
        })
    }

    pub fn start(self) -> NaiveDate {
        self.start
    }

    pub fn end(self) -> NaiveDate {
        self.start + Days::new(6)
    }

    /// A day in the middle of the week (its fourth), which names the same week whichever day
    /// weeks start on: where a weekly note's name is read from.
    pub fn middle(self) -> NaiveDate {
        self.start + Days::new(3)
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        (self.start..=self.end()).contains(&date)
    }

    pub fn days(self) -> impl Iterator<Item = NaiveDate> {
        self.start.iter_days().take(7)
    }

    pub fn previous(self) -> Week {
        Week {
            start: self.start - Days::new(7),
        }
    }

    pub fn next(self) -> Week {
        Week {
            start: self.start + Days::new(7),
        }
    }

    fn iso(self) -> IsoWeek {
        // The Monday of a Sunday-start week is its second day.
        let monday = match self.start.weekday() {
            Weekday::Mon => self.start,
            _ => self.start + Days::new(1),
        };
        monday.iso_week()
    }

    /// `2026-W48`.
    pub fn id(self) -> String {
        let iso = self.iso();
        format!("{:04}-W{:02}", iso.year(), iso.week())
    }
}

impl From<Week> for Period {
    fn from(week: Week) -> Period {
        Period::week(week)
    }
}

impl fmt::Display for Week {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id())
    }
}

/// Serde for dates in the model: `YYYY-MM-DD` in human-readable formats (JSON), a day number
/// in binary ones (the cache), which is smaller and much faster to read back.
pub(crate) mod serde_day {
    use chrono::{Datelike, NaiveDate};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    fn from_days<E: serde::de::Error>(n: i32) -> Result<NaiveDate, E> {
        NaiveDate::from_num_days_from_ce_opt(n).ok_or_else(|| E::custom("day out of range"))
    }

    pub(crate) mod one {
        use super::*;

        pub(crate) fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
            if s.is_human_readable() {
                d.serialize(s)
            } else {
                s.serialize_i32(d.num_days_from_ce())
            }
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
            if d.is_human_readable() {
                NaiveDate::deserialize(d)
            } else {
                from_days(i32::deserialize(d)?)
            }
        }
    }

    pub(crate) mod opt {
        use super::*;

        pub(crate) fn serialize<S: Serializer>(
            d: &Option<NaiveDate>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            if s.is_human_readable() {
                d.serialize(s)
            } else {
                d.map(|d| d.num_days_from_ce()).serialize(s)
            }
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<NaiveDate>, D::Error> {
            if d.is_human_readable() {
                Option::<NaiveDate>::deserialize(d)
            } else {
                Option::<i32>::deserialize(d)?.map(from_days).transpose()
            }
        }
    }

    pub(crate) mod many {
        use super::*;

        pub(crate) fn serialize<S: Serializer>(d: &[NaiveDate], s: S) -> Result<S::Ok, S::Error> {
            if s.is_human_readable() {
                d.serialize(s)
            } else {
                d.iter()
                    .map(|d| d.num_days_from_ce())
                    .collect::<Vec<_>>()
                    .serialize(s)
            }
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Vec<NaiveDate>, D::Error> {
            if d.is_human_readable() {
                Vec::<NaiveDate>::deserialize(d)
            } else {
                Vec::<i32>::deserialize(d)?
                    .into_iter()
                    .map(from_days)
                    .collect()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).expect("test date")
    }

    #[test]
    fn iso_dates_read_strictly() {
        assert_eq!(
            parse_iso("2026-11-24"),
            Some(IsoDate::Valid(d("2026-11-24")))
        );
        assert_eq!(parse_iso("2026-02-30"), Some(IsoDate::Impossible));
        assert_eq!(parse_iso("9999-99-99"), Some(IsoDate::Impossible));
        assert_eq!(parse_iso("0000-01-01"), Some(IsoDate::Impossible));
        assert_eq!(parse_iso("2026-3-5"), None);
        assert_eq!(parse_iso("2026-03-05x"), None);
        assert_eq!(parse_iso("２０２６-03-05"), None);
        assert_eq!(parse_iso("2026-03-05-01"), None);
        assert_eq!(parse_iso("2026-+3-05"), None);
        assert_eq!(
            parse_iso_short("2026-3-5"),
            Some(IsoDate::Valid(d("2026-03-05")))
        );
        assert_eq!(parse_iso_short("2026-02-30"), Some(IsoDate::Impossible));
        assert_eq!(parse_iso_short("2026-003-05"), None);
        assert_eq!(parse_iso_short("26-03-05"), None);
    }

    #[test]
    fn finds_a_date_inside_a_name() {
        assert_eq!(
            find_iso_date("Journal 2026-11-24 notes").map(|x| x.1),
            Some(d("2026-11-24"))
        );
        assert_eq!(find_iso_date("12026-11-24"), None);
        assert_eq!(
            find_iso_date("2026-02-30 then 2026-03-01").map(|x| x.1),
            Some(d("2026-03-01"))
        );
    }

    #[test]
    fn iso_weeks_and_sunday_weeks() {
        let w = Week::parse("2026-W48", WeekStart::Monday).expect("week");
        assert_eq!((w.start(), w.end()), (d("2026-11-23"), d("2026-11-29")));
        let s = Week::parse("2026-W48", WeekStart::Sunday).expect("week");
        assert_eq!((s.start(), s.end()), (d("2026-11-22"), d("2026-11-28")));
        assert_eq!(s.id(), "2026-W48");
        assert_eq!(
            Week::containing(d("2026-11-29"), WeekStart::Sunday).id(),
            "2026-W49"
        );
        assert_eq!(
            Week::containing(d("2026-11-29"), WeekStart::Monday).id(),
            "2026-W48"
        );
    }

    #[test]
    fn week_53_and_year_boundaries() {
        let w = Week::parse("2026-W53", WeekStart::Monday).expect("2026 has 53 ISO weeks");
        assert_eq!((w.start(), w.end()), (d("2026-12-28"), d("2027-01-03")));
        assert_eq!(
            Week::containing(d("2027-01-01"), WeekStart::Monday).id(),
            "2026-W53"
        );
        assert_eq!(
            Week::containing(w.end() + Days::new(1), WeekStart::Monday).id(),
            "2027-W01"
        );
        assert_eq!(
            Week::parse("2027-W01", WeekStart::Monday)
                .expect("w")
                .previous()
                .id(),
            "2026-W53"
        );
        assert!(Week::parse("2025-W53", WeekStart::Monday).is_err());
        assert!(Week::parse("2026-W54", WeekStart::Monday).is_err());
        assert!(Week::parse("2026-W00", WeekStart::Monday).is_err());
        assert!(Week::parse("last week", WeekStart::Monday).is_err());
    }
}
