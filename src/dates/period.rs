//! Periods: what a review covers (a week, a month, a quarter or a year), how each is named
//! and read from a flag, and its buckets (days for a week or a month, weeks for a quarter,
//! months for a year).
//!
//! A quarter's weeks are the weeks (as the vault starts them) that overlap it, each cut to the
//! quarter, so the buckets of a period always add up to the period: the week of 2026-09-28
//! starts in the third quarter and ends in the fourth, and is a bucket of five days in one and
//! two in the other.

use super::{Week, WeekStart};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::Serialize;

/// What kind of period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodKind {
    Week,
    Month,
    Quarter,
    Year,
}

impl PeriodKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Week => "week",
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
        }
    }

    /// The adjective: `weekly`, `monthly`, … (the built-in templates' names).
    pub fn adjective(self) -> &'static str {
        match self {
            PeriodKind::Week => "weekly",
            PeriodKind::Month => "monthly",
            PeriodKind::Quarter => "quarterly",
            PeriodKind::Year => "yearly",
        }
    }
}

/// A run of whole days of one kind: a week, a calendar month, quarter or year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    kind: PeriodKind,
    start: NaiveDate,
    end: NaiveDate,
}

/// A part of a period: one of its days, weeks or months, cut to the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    /// `2026-11-24`, `2026-W48` or `2026-11`.
    pub id: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// Why a period flag could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a {kind}: use {hint}, or this, last or next")]
pub struct BadPeriod {
    pub text: String,
    pub kind: &'static str,
    pub hint: &'static str,
}

fn first_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// The last day of the month that holds `d`.
fn month_end(d: NaiveDate) -> NaiveDate {
    let first = d.with_day(1).unwrap_or(d);
    first
        .checked_add_months(Months::new(1))
        .and_then(|n| n.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

impl Period {
    pub fn week(week: Week) -> Period {
        Period {
            kind: PeriodKind::Week,
            start: week.start(),
            end: week.end(),
        }
    }

    pub fn month(year: i32, month: u32) -> Option<Period> {
        let start = first_of_month(year, month)?;
        Some(Period {
            kind: PeriodKind::Month,
            start,
            end: month_end(start),
        })
    }

    pub fn quarter(year: i32, quarter: u32) -> Option<Period> {
        if !(1..=4).contains(&quarter) {
            return None;
        }
        let start = first_of_month(year, quarter * 3 - 2)?;
        Some(Period {
            kind: PeriodKind::Quarter,
            start,
            end: month_end(first_of_month(year, quarter * 3)?),
        })
    }

    pub fn year(year: i32) -> Option<Period> {
        Some(Period {
            kind: PeriodKind::Year,
            start: NaiveDate::from_ymd_opt(year, 1, 1)?,
            end: NaiveDate::from_ymd_opt(year, 12, 31)?,
        })
    }

    /// The period of `kind` that holds `date` (weeks as the vault starts them).
    pub fn containing(kind: PeriodKind, date: NaiveDate, week_start: WeekStart) -> Period {
        let p = match kind {
            PeriodKind::Week => Some(Period::week(Week::containing(date, week_start))),
            PeriodKind::Month => Period::month(date.year(), date.month()),
            PeriodKind::Quarter => Period::quarter(date.year(), date.month0() / 3 + 1),
            PeriodKind::Year => Period::year(date.year()),
        };
        p.unwrap_or(Period {
            kind,
            start: date,
            end: date,
        })
    }

    pub fn kind(self) -> PeriodKind {
        self.kind
    }

    pub fn start(self) -> NaiveDate {
        self.start
    }

    pub fn end(self) -> NaiveDate {
        self.end
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        (self.start..=self.end).contains(&date)
    }

    /// Whether its days can be written `YYYY-MM-DD`: it lies within the years 1 to 9999.
    pub fn writable(self) -> bool {
        self.start.year() >= 1 && self.end.year() <= 9999
    }

    /// The number of days in it.
    pub fn len_days(self) -> u32 {
        u32::try_from((self.end - self.start).num_days() + 1).unwrap_or(0)
    }

    pub fn days(self) -> impl Iterator<Item = NaiveDate> {
        let end = self.end;
        self.start.iter_days().take_while(move |d| *d <= end)
    }

    /// The week, for a week period.
    pub fn as_week(self) -> Option<Week> {
        (self.kind == PeriodKind::Week).then_some(Week { start: self.start })
    }

    /// `2026-W48`, `2026-11`, `2026-Q4` or `2026`.
    pub fn id(self) -> String {
        let y = self.start.year();
        match self.kind {
            PeriodKind::Week => Week { start: self.start }.id(),
            PeriodKind::Month => format!("{y:04}-{:02}", self.start.month()),
            PeriodKind::Quarter => format!("{y:04}-Q{}", self.start.month0() / 3 + 1),
            PeriodKind::Year => format!("{y:04}"),
        }
    }

    /// The period of the same kind just before.
    pub fn previous(self) -> Period {
        match self.start.pred_opt() {
            Some(day) => self.same_kind_at(day),
            None => self,
        }
    }

    /// The period of the same kind just after.
    pub fn next(self) -> Period {
        match self.end.succ_opt() {
            Some(day) => self.same_kind_at(day),
            None => self,
        }
    }

    fn same_kind_at(self, day: NaiveDate) -> Period {
        let start = if self.start.weekday() == Weekday::Sun {
            WeekStart::Sunday
        } else {
            WeekStart::Monday
        };
        Period::containing(self.kind, day, start)
    }

    /// The same period a year before: the week of the same number (the last week of that
    /// year when it has no week 53), the same month or quarter, the year before. `None`
    /// before the year 1.
    pub fn year_ago(self) -> Option<Period> {
        self.year_before().filter(|p| p.writable())
    }

    fn year_before(self) -> Option<Period> {
        match self.kind {
            PeriodKind::Week => {
                let week = Week { start: self.start };
                let iso = week.iso();
                let sunday = self.start.weekday() == Weekday::Sun;
                let year = iso.year() - 1;
                let monday = NaiveDate::from_isoywd_opt(year, iso.week(), Weekday::Mon)
                    .or_else(|| NaiveDate::from_isoywd_opt(year, 52, Weekday::Mon))?;
                let start = if sunday { monday.pred_opt()? } else { monday };
                Some(Period::week(Week { start }))
            }
            PeriodKind::Month => Period::month(self.start.year() - 1, self.start.month()),
            PeriodKind::Quarter => {
                Period::quarter(self.start.year() - 1, self.start.month0() / 3 + 1)
            }
            PeriodKind::Year => Period::year(self.start.year() - 1),
        }
    }

    /// Its buckets: days for a week or a month, weeks (as the vault starts them, cut to the
    /// quarter) for a quarter, months for a year.
    pub fn buckets(self, week_start: WeekStart) -> Vec<Bucket> {
        match self.kind {
            PeriodKind::Week | PeriodKind::Month => self
                .days()
                .map(|d| Bucket {
                    id: super::ymd(d),
                    start: d,
                    end: d,
                })
                .collect(),
            PeriodKind::Quarter => self.weeks(week_start),
            PeriodKind::Year => (1..=12)
                .filter_map(|m| Period::month(self.start.year(), m))
                .map(|m| Bucket {
                    id: m.id(),
                    start: m.start,
                    end: m.end,
                })
                .collect(),
        }
    }

    /// The weeks that overlap the period, each cut to it, named by their week ids.
    pub fn weeks(self, week_start: WeekStart) -> Vec<Bucket> {
        let mut out = Vec::new();
        let mut week = Week::containing(self.start, week_start);
        while week.start() <= self.end {
            out.push(Bucket {
                id: week.id(),
                start: week.start().max(self.start),
                end: week.end().min(self.end),
            });
            match week.end().checked_add_days(Days::new(1)) {
                Some(next) => week = Week::containing(next, week_start),
                None => break,
            }
        }
        out
    }
}

/// Reads a `--month`, `--quarter` or `--year` value: `2026-11`, `2026-Q4` (also `2026q4`),
/// `2026`, or `this`, `last`, `next` counted from `today`. The one reader of period flags.
pub fn parse_period(
    kind: PeriodKind,
    text: &str,
    today: NaiveDate,
    week_start: WeekStart,
) -> Result<Period, BadPeriod> {
    let t = text.trim();
    let this = Period::containing(kind, today, week_start);
    match t.to_ascii_lowercase().as_str() {
        "this" => return Ok(this),
        "last" => return Ok(this.previous()),
        "next" => return Ok(this.next()),
        _ => {}
    }
    let (name, hint) = match kind {
        PeriodKind::Week => ("week", "YYYY-Www, such as 2026-W48"),
        PeriodKind::Month => ("month", "YYYY-MM, such as 2026-11"),
        PeriodKind::Quarter => ("quarter", "YYYY-Qn, such as 2026-Q4"),
        PeriodKind::Year => ("year", "YYYY, such as 2026"),
    };
    let bad = || BadPeriod {
        text: text.to_string(),
        kind: name,
        hint,
    };
    let year = |s: &str| -> Option<i32> {
        super::digits(s, 4, 4)
            .and_then(|y| i32::try_from(y).ok())
            .filter(|y| (1..=9999).contains(y))
    };
    let number = |s: &str, n: usize| super::digits(s, n, n);
    match kind {
        PeriodKind::Week => super::relative::parse_week(t, today, week_start)
            .map(Period::week)
            .map_err(|_| bad()),
        PeriodKind::Month => {
            let (y, m) = t.split_once('-').ok_or_else(bad)?;
            Period::month(year(y).ok_or_else(bad)?, number(m, 2).ok_or_else(bad)?).ok_or_else(bad)
        }
        PeriodKind::Quarter => {
            let (y, q) = t.split_once(['Q', 'q']).ok_or_else(bad)?;
            let y = year(y.trim_end_matches('-')).ok_or_else(bad)?;
            Period::quarter(y, number(q, 1).ok_or_else(bad)?).ok_or_else(bad)
        }
        PeriodKind::Year => Period::year(year(t).ok_or_else(bad)?).ok_or_else(bad),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        super::super::parse_date(s).expect("test date")
    }

    fn read(kind: PeriodKind, s: &str) -> Period {
        parse_period(kind, s, d("2026-11-29"), WeekStart::Monday).expect(s)
    }

    #[test]
    fn periods_are_read_from_flags() {
        let m = read(PeriodKind::Month, "2026-11");
        assert_eq!(
            (m.start(), m.end(), m.id()),
            (d("2026-11-01"), d("2026-11-30"), "2026-11".into())
        );
        assert_eq!(read(PeriodKind::Month, "last").id(), "2026-10");
        assert_eq!(read(PeriodKind::Month, "next").id(), "2026-12");
        assert_eq!(read(PeriodKind::Month, "2024-02").end(), d("2024-02-29"));
        let q = read(PeriodKind::Quarter, "2026-Q4");
        assert_eq!((q.start(), q.end()), (d("2026-10-01"), d("2026-12-31")));
        assert_eq!(read(PeriodKind::Quarter, "2026q3").id(), "2026-Q3");
        assert_eq!(read(PeriodKind::Quarter, "last").id(), "2026-Q3");
        assert_eq!(read(PeriodKind::Quarter, "next").id(), "2027-Q1");
        let y = read(PeriodKind::Year, "2026");
        assert_eq!((y.start(), y.end()), (d("2026-01-01"), d("2026-12-31")));
        assert_eq!(read(PeriodKind::Year, "LAST").id(), "2025");
        for (kind, bad) in [
            (PeriodKind::Month, "2026-13"),
            (PeriodKind::Month, "2026-1"),
            (PeriodKind::Month, "November"),
            (PeriodKind::Quarter, "2026-Q5"),
            (PeriodKind::Quarter, "Q4"),
            (PeriodKind::Year, "26"),
            (PeriodKind::Year, "0000"),
        ] {
            let e = parse_period(kind, bad, d("2026-11-29"), WeekStart::Monday).expect_err(bad);
            assert!(e.to_string().contains("this, last or next"), "{e}");
        }
    }

    #[test]
    fn a_week_split_across_months_is_cut_in_each_quarter_and_counted_once() {
        // 2026-09-28 (Monday) to 2026-10-04: three days in September, four in October.
        let q3 = read(PeriodKind::Quarter, "2026-Q3");
        let q4 = read(PeriodKind::Quarter, "2026-Q4");
        let last = q3.buckets(WeekStart::Monday).pop().expect("weeks");
        let first = q4.buckets(WeekStart::Monday).remove(0);
        assert_eq!(last.id, "2026-W40");
        assert_eq!(first.id, "2026-W40");
        assert_eq!((last.start, last.end), (d("2026-09-28"), d("2026-09-30")));
        assert_eq!((first.start, first.end), (d("2026-10-01"), d("2026-10-04")));
        for q in [q3, q4] {
            let b = q.buckets(WeekStart::Monday);
            let days: u32 = b
                .iter()
                .map(|b| {
                    Period {
                        kind: PeriodKind::Week,
                        start: b.start,
                        end: b.end,
                    }
                    .len_days()
                })
                .sum();
            assert_eq!(days, q.len_days(), "the weeks of {} add up to it", q.id());
            assert!(
                b.windows(2)
                    .all(|w| w[0].end.succ_opt() == Some(w[1].start))
            );
        }
        // A month's buckets are its days, whatever week they are in.
        let oct = read(PeriodKind::Month, "2026-10");
        assert_eq!(oct.buckets(WeekStart::Monday).len(), 31);
        // The week itself, as a period, is one week even across the months.
        let w = Period::week(Week::parse("2026-W40", WeekStart::Monday).expect("w"));
        assert_eq!(
            (w.start(), w.end(), w.len_days()),
            (d("2026-09-28"), d("2026-10-04"), 7)
        );
    }

    #[test]
    fn a_year_of_53_iso_weeks() {
        let q4 = read(PeriodKind::Quarter, "2026-Q4");
        let weeks = q4.buckets(WeekStart::Monday);
        assert_eq!(weeks.last().map(|w| w.id.as_str()), Some("2026-W53"));
        assert_eq!(
            weeks.last().map(|w| (w.start, w.end)),
            Some((d("2026-12-28"), d("2026-12-31"))),
            "week 53 runs into 2027 and is cut to the quarter"
        );
        assert_eq!(weeks.len(), 14, "W40 (cut) to W53 (cut)");
        let q1 = read(PeriodKind::Quarter, "2027-Q1");
        assert_eq!(
            q1.buckets(WeekStart::Monday)[0].id,
            "2026-W53",
            "the rest of it"
        );
        // The same week a year ago of week 53 is the last week of a year without one.
        let w53 = Period::week(Week::parse("2026-W53", WeekStart::Monday).expect("w"));
        assert_eq!(w53.year_ago().map(Period::id).as_deref(), Some("2025-W52"));
        let w48 = Period::week(Week::parse("2026-W48", WeekStart::Monday).expect("w"));
        let ago = w48.year_ago().expect("ago");
        assert_eq!(
            (ago.id(), ago.start()),
            ("2025-W48".into(), d("2025-11-24"))
        );
        assert_eq!(w53.next().id(), "2027-W01");
        assert_eq!(
            Period::year(2026)
                .expect("y")
                .buckets(WeekStart::Monday)
                .len(),
            12
        );
        assert_eq!(
            Period::year(2026)
                .expect("y")
                .weeks(WeekStart::Monday)
                .len(),
            53
        );
    }

    #[test]
    fn sunday_start_weeks() {
        let q4 = read(PeriodKind::Quarter, "2026-Q4");
        let weeks = q4.buckets(WeekStart::Sunday);
        // 2026-10-01 is a Thursday: its Sunday week began 2026-09-27 and carries the id of
        // the ISO week of its Monday, 2026-W40.
        assert_eq!(
            (weeks[0].id.as_str(), weeks[0].start),
            ("2026-W40", d("2026-10-01"))
        );
        assert_eq!(
            (weeks[1].id.as_str(), weeks[1].start),
            ("2026-W41", d("2026-10-04"))
        );
        assert_eq!(weeks[1].start.weekday(), Weekday::Sun);
        let w = Period::week(Week::parse("2026-W48", WeekStart::Sunday).expect("w"));
        assert_eq!(w.start(), d("2026-11-22"));
        assert_eq!(w.previous().start(), d("2026-11-15"), "stays a Sunday week");
        assert_eq!(w.next().start(), d("2026-11-29"));
        let ago = w.year_ago().expect("ago");
        assert_eq!(
            (ago.id(), ago.start()),
            ("2025-W48".into(), d("2025-11-23"))
        );
        assert_eq!(
            parse_period(PeriodKind::Week, "this", d("2026-11-29"), WeekStart::Sunday)
                .expect("this")
                .start(),
            d("2026-11-29")
        );
    }
}
