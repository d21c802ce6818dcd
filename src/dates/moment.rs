//! moment.js date formats, the kind Obsidian's daily-notes and Periodic Notes plugins store
//! (`YYYY-MM-DD`, `dddd, MMMM Do YYYY`, `GGGG-[W]WW`, `YYYY/MM/YYYY-MM-DD`, ...).
//!
//! This module is the one owner of those formats: it turns a date (and, for templates'
//! `{{date:YYYY-MM-DD HH:mm}}`, a time) into text the way Obsidian would (moment's default
//! `en` locale) and reads a file name back into a date. Time tokens (`H HH h hh m mm s ss
//! A a`) are written when formatting and matched, then ignored, when parsing. Tokens outside
//! the supported set (`Y`, `y`, `N`, `X`, `Z`, ...) are literal text.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

/// What a format describes: a single day, or a whole week (no day-of-month / weekday token,
/// but a week token), a month, a quarter or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FormatUnit {
    /// A day of the month or of the year, or a weekday within a week.
    Day,
    /// A week token without a weekday.
    Week,
    /// A month without a day.
    Month,
    /// A quarter without a month.
    Quarter,
    /// A year alone (also a format with no date token at all).
    Year,
}

/// A moment.js format string, compiled once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MomentFormat {
    source: String,
    pieces: Vec<Piece>,
    unit: FormatUnit,
    /// Weeks are ISO weeks (`W`, `WW`); otherwise `en` locale weeks (`w`, `ww`), if any.
    iso_weeks: bool,
    /// Where a parsed `YYYY`/`YY` goes: the week-year when it is the only year of a week
    /// format (`YYYY-[W]WW`, as moment reads it), otherwise the calendar year.
    year_field: Field,
}

impl MomentFormat {
    /// Compiles a format. Never fails: as in moment.js, characters that are not tokens are
    /// literal text, as is anything in `[brackets]` or a token after a backslash.
    pub(crate) fn new(format: &str) -> MomentFormat {
        let pieces = compile(format);
        let has = |field: Field| {
            pieces
                .iter()
                .any(|p| matches!(p, Piece::Token(t) if t.field() == field))
        };
        let iso_weeks = has(Field::IsoWeek);
        let (week, week_year) = if iso_weeks {
            (Field::IsoWeek, Field::IsoWeekYear)
        } else {
            (Field::Week, Field::WeekYear)
        };
        let has_day = has(Field::Day) || has(Field::DayOfYear);
        let has_weekday = has(Field::Weekday) || has(Field::IsoWeekday);
        let unit = if has_day || (has(week) && has_weekday) {
            FormatUnit::Day
        } else if has(week) {
            FormatUnit::Week
        } else if has(Field::Month) {
            FormatUnit::Month
        } else if has(Field::Quarter) {
            FormatUnit::Quarter
        } else {
            FormatUnit::Year
        };
        let year_field = if has(week) && !has(week_year) && !has_day && !has(Field::Month) {
            week_year
        } else {
            Field::Year
        };
        MomentFormat {
            source: format.to_string(),
            pieces,
            unit,
            iso_weeks,
            year_field,
        }
    }

    /// What it names: a day, a week, a month, a quarter or a year.
    pub(crate) fn unit(&self) -> FormatUnit {
        self.unit
    }

    /// Whether it names locale weeks (`gggg`, `ww`: Sunday-start weeks in moment's `en`).
    pub(crate) fn has_locale_weeks(&self) -> bool {
        self.pieces.iter().any(
            |p| matches!(p, Piece::Token(t) if matches!(t.field(), Field::Week | Field::WeekYear)),
        )
    }

    /// The format string as given.
    pub(crate) fn as_str(&self) -> &str {
        &self.source
    }

    /// Formats a date (English names, as moment's default `en` locale); time tokens show
    /// midnight.
    pub(crate) fn format(&self, date: NaiveDate) -> String {
        self.format_at(date.and_time(NaiveTime::MIN))
    }

    /// Formats a date and time.
    pub(crate) fn format_at(&self, at: NaiveDateTime) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Literal(text) => out.push_str(text),
                Piece::Token(token) => out.push_str(&token.format(at.date())),
                Piece::Time(token) => out.push_str(&token.format(at.time())),
            }
        }
        out
    }

    /// Parses `text` (the whole string must match) into the first day of the period it names
    /// (for Week formats: the first day of that week, Monday for ISO tokens W/WW/GGGG, Sunday
    /// for locale tokens w/ww/gggg). `None` when it does not match or names an impossible date
    /// (2026-02-30, week 54, a weekday name that disagrees with the date), or one whose year
    /// is outside 0..=9999, or when the format has no year (moment would use this year).
    pub(crate) fn parse(&self, text: &str) -> Option<NaiveDate> {
        // Depth-first search over the ways each variable-width token can match; the first
        // complete match (longest alternatives first, like moment's greedy regexes) that
        // builds a valid date wins.
        let mut stack = vec![(0, text, Fields::default())];
        while let Some((index, rest, fields)) = stack.pop() {
            match self.pieces.get(index) {
                None if rest.is_empty() => {
                    if let Some(date) = self.build(&fields) {
                        return Some(date);
                    }
                }
                None => {}
                Some(Piece::Literal(literal)) => {
                    if let Some(rest) = rest.strip_prefix(literal.as_str()) {
                        stack.push((index + 1, rest, fields));
                    }
                }
                Some(Piece::Time(token)) => {
                    for rest in token.matches(rest).into_iter().rev() {
                        stack.push((index + 1, rest, fields));
                    }
                }
                Some(Piece::Token(token)) => {
                    let field = match token.field() {
                        Field::Year => self.year_field,
                        field => field,
                    };
                    for (value, rest) in token.matches(rest).into_iter().rev() {
                        if let Some(fields) = fields.with(field, value) {
                            stack.push((index + 1, rest, fields));
                        }
                    }
                }
            }
        }
        None
    }

    /// The first day of the period that `fields` name, if every field agrees with it.
    fn build(&self, fields: &Fields) -> Option<NaiveDate> {
        use Field::*;
        let year = fields.get(Year);
        let date = match self.unit {
            FormatUnit::Day => match (fields.get(Month), fields.get(Day), fields.get(DayOfYear)) {
                (Some(month), Some(day), _) => ymd(year?, month, day),
                (_, _, Some(ordinal)) => {
                    NaiveDate::from_yo_opt(year?, u32::try_from(ordinal).ok()?)
                }
                _ => self
                    .week_start(fields)?
                    .checked_add_days(self.days_into_week(fields)),
            },
            FormatUnit::Week => self.week_start(fields),
            FormatUnit::Month => ymd(year?, fields.get(Month)?, 1),
            FormatUnit::Quarter => ymd(year?, fields.get(Quarter)? * 3 - 2, 1),
            FormatUnit::Year => ymd(
                year.or(fields.get(WeekYear)).or(fields.get(IsoWeekYear))?,
                1,
                1,
            ),
        }?;
        // A field is checked when it is the same on every day of the period; the others
        // (a weekday in a Month format, say) only had to be in range.
        let checked: &[Field] = match self.unit {
            FormatUnit::Day => &Field::ALL,
            FormatUnit::Week => &[Week, WeekYear, IsoWeek, IsoWeekYear],
            FormatUnit::Month => &[Year, Month, Quarter],
            FormatUnit::Quarter => &[Year, Quarter],
            FormatUnit::Year => &[Year],
        };
        let agrees = checked
            .iter()
            .all(|&field| fields.get(field).is_none_or(|v| v == field.of(date)));
        (agrees && (0..=9999).contains(&date.year())).then_some(date)
    }

    /// The first day of the week given by the week fields: week 1 is the ISO week holding
    /// January 4th, or the `en` week (Sunday to Saturday) holding January 1st.
    fn week_start(&self, fields: &Fields) -> Option<NaiveDate> {
        let (week, year, jan, first_weekday) = if self.iso_weeks {
            (Field::IsoWeek, Field::IsoWeekYear, 4, Weekday::Mon)
        } else {
            (Field::Week, Field::WeekYear, 1, Weekday::Sun)
        };
        let anchor = NaiveDate::from_ymd_opt(fields.get(year)?, 1, jan)?;
        let week_one = anchor.checked_sub_days(Days::new(days_since(anchor, first_weekday)))?;
        let weeks = u64::try_from(fields.get(week)? - 1).ok()?;
        week_one.checked_add_days(Days::new(weeks * 7))
    }

    /// How far into its week the parsed weekday falls (0 when there is none).
    fn days_into_week(&self, fields: &Fields) -> Days {
        let from_sunday = fields
            .get(Field::Weekday)
            .or(fields.get(Field::IsoWeekday).map(|e| e % 7));
        let days = from_sunday.map_or(0, |d| if self.iso_weeks { (d + 6) % 7 } else { d });
        Days::new(u64::try_from(days).unwrap_or(0))
    }
}

/// A compiled piece of a format.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Token(Token),
    Time(TimeToken),
}

/// A time-of-day token: formatted from a time, matched and ignored when parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TimeToken {
    /// Hours 0–23 (`H`, `HH`), padded to `pad` digits.
    Hour24 {
        pad: usize,
    },
    /// Hours 1–12 (`h`, `hh`).
    Hour12 {
        pad: usize,
    },
    Minute {
        pad: usize,
    },
    Second {
        pad: usize,
    },
    /// `A` (AM/PM) or `a` (am/pm).
    Meridiem {
        upper: bool,
    },
}

impl TimeToken {
    fn format(self, t: NaiveTime) -> String {
        let pm = t.hour() >= 12;
        match self {
            TimeToken::Hour24 { pad } => zero_fill(t.hour() as i32, pad),
            TimeToken::Hour12 { pad } => zero_fill(((t.hour() + 11) % 12 + 1) as i32, pad),
            TimeToken::Minute { pad } => zero_fill(t.minute() as i32, pad),
            TimeToken::Second { pad } => zero_fill(t.second() as i32, pad),
            TimeToken::Meridiem { upper: true } => if pm { "PM" } else { "AM" }.into(),
            TimeToken::Meridiem { upper: false } => if pm { "pm" } else { "am" }.into(),
        }
    }

    /// The rests of `text` after each way this token can match its start, longest first.
    fn matches(self, text: &str) -> Vec<&str> {
        let digits = text.bytes().take(2).take_while(u8::is_ascii_digit).count();
        let numbers = |pad: usize, max: u32| -> Vec<&str> {
            (pad.max(1)..=digits)
                .rev()
                .filter(|&len| text[..len].parse::<u32>().is_ok_and(|n| n <= max))
                .map(|len| &text[len..])
                .collect()
        };
        match self {
            TimeToken::Hour24 { pad } => numbers(pad, 23),
            TimeToken::Hour12 { pad } => numbers(pad, 12),
            TimeToken::Minute { pad } | TimeToken::Second { pad } => numbers(pad, 59),
            TimeToken::Meridiem { .. } => ["am", "pm"]
                .iter()
                .filter_map(|m| strip_prefix_ignore_case(text, m))
                .collect(),
        }
    }
}

/// The time tokens, longest first.
const TIME_TOKENS: &[(&str, TimeToken)] = &[
    ("HH", TimeToken::Hour24 { pad: 2 }),
    ("hh", TimeToken::Hour12 { pad: 2 }),
    ("mm", TimeToken::Minute { pad: 2 }),
    ("ss", TimeToken::Second { pad: 2 }),
    ("H", TimeToken::Hour24 { pad: 1 }),
    ("h", TimeToken::Hour12 { pad: 1 }),
    ("m", TimeToken::Minute { pad: 1 }),
    ("s", TimeToken::Second { pad: 1 }),
    ("A", TimeToken::Meridiem { upper: true }),
    ("a", TimeToken::Meridiem { upper: false }),
];

/// A date field that tokens show and parsing collects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Year,
    Month,
    /// Day of the month.
    Day,
    DayOfYear,
    /// 0 (Sunday) to 6: `d`, `dd`, `ddd`, `dddd`, and `e` (the `en` week starts on Sunday).
    Weekday,
    /// 1 (Monday) to 7: `E`.
    IsoWeekday,
    /// `en` locale week (`w`), of the `en` week-year (`gggg`).
    Week,
    WeekYear,
    IsoWeek,
    IsoWeekYear,
    Quarter,
}

impl Field {
    const ALL: [Field; 11] = [
        Field::Year,
        Field::Month,
        Field::Day,
        Field::DayOfYear,
        Field::Weekday,
        Field::IsoWeekday,
        Field::Week,
        Field::WeekYear,
        Field::IsoWeek,
        Field::IsoWeekYear,
        Field::Quarter,
    ];

    /// The values a parsed field may take.
    fn range(self) -> std::ops::RangeInclusive<i32> {
        match self {
            Field::Year | Field::WeekYear | Field::IsoWeekYear => 0..=9999,
            Field::Month => 1..=12,
            Field::Day => 1..=31,
            Field::DayOfYear => 1..=366,
            Field::Weekday => 0..=6,
            Field::IsoWeekday => 1..=7,
            Field::Week | Field::IsoWeek => 1..=53,
            Field::Quarter => 1..=4,
        }
    }

    /// This field's value on `date`.
    fn of(self, date: NaiveDate) -> i32 {
        let small = |n: u32| n as i32; // every u32 here is at most 366
        match self {
            Field::Year => date.year(),
            Field::Month => small(date.month()),
            Field::Day => small(date.day()),
            Field::DayOfYear => small(date.ordinal()),
            Field::Weekday => small(date.weekday().num_days_from_sunday()),
            Field::IsoWeekday => small(date.weekday().number_from_monday()),
            Field::Week => locale_week(date).1,
            Field::WeekYear => locale_week(date).0,
            Field::IsoWeek => small(date.iso_week().week()),
            Field::IsoWeekYear => date.iso_week().year(),
            Field::Quarter => small(date.month0() / 3 + 1),
        }
    }
}

/// The `en` locale's week-year and week of `date`. Weeks run Sunday to Saturday and week 1
/// holds January 1st, so a week belongs to the year of its Saturday.
fn locale_week(date: NaiveDate) -> (i32, i32) {
    let saturday = date.ordinal() + 6 - date.weekday().num_days_from_sunday();
    let days_in_year = if date.leap_year() { 366 } else { 365 };
    if saturday > days_in_year {
        (date.year() + 1, 1)
    } else {
        (date.year(), ((saturday - 1) / 7 + 1) as i32)
    }
}

fn days_since(date: NaiveDate, weekday: Weekday) -> u64 {
    u64::from((date.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7)
}

fn ymd(year: i32, month: i32, day: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Parsed field values; a field seen twice must have the same value both times.
#[derive(Debug, Clone, Copy, Default)]
struct Fields([Option<i32>; Field::ALL.len()]);

impl Fields {
    fn get(&self, field: Field) -> Option<i32> {
        self.0[field as usize]
    }

    fn with(mut self, field: Field, value: i32) -> Option<Fields> {
        let slot = &mut self.0[field as usize];
        if !field.range().contains(&value) || slot.is_some_and(|v| v != value) {
            return None;
        }
        *slot = Some(value);
        Some(self)
    }
}

/// A format token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// Formatted zero-padded to `min` digits; parsed from `min..=max` digits.
    Number {
        field: Field,
        min: usize,
        max: usize,
    },
    /// The last two digits of a year (`YY`, `gg`, `GG`); 00–68 parse as 20xx, 69–99 as 19xx.
    ShortYear(Field),
    /// A number of up to `max` digits with its English suffix (`Do`: 1st, 2nd, 3rd, 4th).
    Ordinal { field: Field, max: usize },
    /// A month or weekday name; `names[0]` stands for the field's lowest value.
    Name {
        field: Field,
        names: &'static [&'static str],
    },
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_SHORT: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: &[&str] = &[
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const WEEKDAYS_SHORT: &[&str] = &["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const WEEKDAYS_MIN: &[&str] = &["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"];

/// The tokens, longest first so that the first match at a position is the longest one.
#[rustfmt::skip]
const TOKENS: &[(&str, Token)] = {
    use Field::*;
    use Token::*;
    &[
        ("YYYY", Number { field: Year, min: 4, max: 4 }),
        ("MMMM", Name { field: Month, names: MONTHS }),
        ("DDDD", Number { field: DayOfYear, min: 3, max: 3 }),
        ("DDDo", Ordinal { field: DayOfYear, max: 3 }),
        ("dddd", Name { field: Weekday, names: WEEKDAYS }),
        ("gggg", Number { field: WeekYear, min: 4, max: 4 }),
        ("GGGG", Number { field: IsoWeekYear, min: 4, max: 4 }),
        ("MMM", Name { field: Month, names: MONTHS_SHORT }),
        ("DDD", Number { field: DayOfYear, min: 1, max: 3 }),
        ("ddd", Name { field: Weekday, names: WEEKDAYS_SHORT }),
        ("YY", ShortYear(Year)),
        ("MM", Number { field: Month, min: 2, max: 2 }),
        ("Mo", Ordinal { field: Month, max: 2 }),
        ("DD", Number { field: Day, min: 2, max: 2 }),
        ("Do", Ordinal { field: Day, max: 2 }),
        ("dd", Name { field: Weekday, names: WEEKDAYS_MIN }),
        ("do", Ordinal { field: Weekday, max: 1 }),
        ("ww", Number { field: Week, min: 2, max: 2 }),
        ("wo", Ordinal { field: Week, max: 2 }),
        ("WW", Number { field: IsoWeek, min: 2, max: 2 }),
        ("Wo", Ordinal { field: IsoWeek, max: 2 }),
        ("gg", ShortYear(WeekYear)),
        ("GG", ShortYear(IsoWeekYear)),
        ("Qo", Ordinal { field: Quarter, max: 1 }),
        ("M", Number { field: Month, min: 1, max: 2 }),
        ("D", Number { field: Day, min: 1, max: 2 }),
        ("d", Number { field: Weekday, min: 1, max: 1 }),
        ("e", Number { field: Weekday, min: 1, max: 1 }),
        ("E", Number { field: IsoWeekday, min: 1, max: 1 }),
        ("w", Number { field: Week, min: 1, max: 2 }),
        ("W", Number { field: IsoWeek, min: 1, max: 2 }),
        ("Q", Number { field: Quarter, min: 1, max: 1 }),
    ]
};

impl Token {
    fn field(self) -> Field {
        match self {
            Token::Number { field, .. }
            | Token::ShortYear(field)
            | Token::Ordinal { field, .. }
            | Token::Name { field, .. } => field,
        }
    }

    fn format(self, date: NaiveDate) -> String {
        let value = self.field().of(date);
        match self {
            Token::Number { min, .. } => zero_fill(value, min),
            Token::ShortYear(_) => zero_fill(value % 100, 2),
            Token::Ordinal { .. } => format!("{value}{}", ordinal_suffix(value)),
            Token::Name { field, names } => usize::try_from(value - field.range().start())
                .ok()
                .and_then(|i| names.get(i))
                .map(|name| name.to_string())
                .unwrap_or_default(),
        }
    }

    /// Each way this token can match at the start of `text`: its value and the rest of
    /// the text, longest match first.
    fn matches(self, text: &str) -> Vec<(i32, &str)> {
        let digits = |max: usize| {
            text.bytes()
                .take(max)
                .take_while(u8::is_ascii_digit)
                .count()
        };
        // `text[..len]` is ASCII digits, so `len` is a char boundary.
        let number = |len: usize| text[..len].parse::<i32>().ok().map(|n| (n, &text[len..]));
        match self {
            Token::Number { min, max, .. } => {
                (min..=digits(max)).rev().filter_map(number).collect()
            }
            Token::ShortYear(_) => (2..=digits(2))
                .filter_map(number)
                .map(|(n, rest)| (if n <= 68 { 2000 + n } else { 1900 + n }, rest))
                .collect(),
            Token::Ordinal { max, .. } => (1..=digits(max))
                .rev()
                .filter_map(number)
                .filter_map(|(n, rest)| {
                    Some((n, strip_prefix_ignore_case(rest, ordinal_suffix(n))?))
                })
                .collect(),
            Token::Name { field, names } => names
                .iter()
                .zip(field.range())
                .filter_map(|(name, n)| Some((n, strip_prefix_ignore_case(text, name)?)))
                .collect(),
        }
    }
}

/// Splits a format into tokens and literal text, as moment's tokenizer does: `[...]` runs
/// to the last `]` before the next `[`, and `\` makes the token (or character) after it
/// literal.
fn compile(format: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut rest = format;
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('[') {
            let segment = &inner[..inner.find('[').unwrap_or(inner.len())];
            if let Some(close) = segment.rfind(']') {
                literal.push_str(&segment[..close]);
                rest = &inner[close + 1..];
                continue;
            }
        }
        let (escaped, body) = match rest.strip_prefix('\\') {
            Some(body) if !body.is_empty() => (true, body),
            _ => (false, rest),
        };
        let token = TOKENS
            .iter()
            .find(|(pattern, _)| body.starts_with(pattern))
            .map(|&(pattern, t)| (pattern, Piece::Token(t)))
            .or_else(|| {
                TIME_TOKENS
                    .iter()
                    .find(|(pattern, _)| body.starts_with(pattern))
                    .map(|&(pattern, t)| (pattern, Piece::Time(t)))
            });
        let len = token.as_ref().map_or_else(
            || body.chars().next().map_or(0, char::len_utf8),
            |(pattern, _)| pattern.len(),
        );
        match token {
            Some((_, piece)) if !escaped => {
                if !literal.is_empty() {
                    pieces.push(Piece::Literal(std::mem::take(&mut literal)));
                }
                pieces.push(piece);
            }
            // moment drops every backslash outside brackets, even a lone one.
            _ => literal.extend(body[..len].chars().filter(|&c| c != '\\')),
        }
        rest = &body[len..];
    }
    if !literal.is_empty() {
        pieces.push(Piece::Literal(literal));
    }
    pieces
}

/// moment's `zeroFill`: the sign, then the digits padded with zeros to `width`.
fn zero_fill(n: i32, width: usize) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{:0width$}", n.unsigned_abs())
}

/// The `en` locale's ordinal suffix: 1st 2nd 3rd 4th ... 11th 12th 13th ... 21st.
fn ordinal_suffix(n: i32) -> &'static str {
    match (n % 100 / 10, n % 10) {
        (1, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    text.get(..prefix.len())
        .filter(|head| head.eq_ignore_ascii_case(prefix))
        .and_then(|_| text.get(prefix.len()..))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("a YYYY-MM-DD date")
    }

    fn parse(format: &str, text: &str) -> Option<NaiveDate> {
        MomentFormat::new(format).parse(text)
    }

    /// Every token, space-separated; expected strings are moment.js 2.29 output.
    const ALL_TOKENS: &str = "YYYY YY M MM MMM MMMM Mo D DD Do DDD DDDD DDDo d do dd ddd dddd \
                              e E w ww wo W WW Wo gg gggg GG GGGG Q Qo";

    #[test]
    fn every_token_formats_as_moment_does() {
        let cases = [
            (
                "2026-11-24",
                "2026 26 11 11 Nov November 11th 24 24 24th 328 328 328th 2 2nd Tu Tue Tuesday \
                 2 2 48 48 48th 48 48 48th 26 2026 26 2026 4 4th",
            ),
            (
                "2027-01-01",
                "2027 27 1 01 Jan January 1st 1 01 1st 1 001 1st 5 5th Fr Fri Friday \
                 5 5 1 01 1st 53 53 53rd 27 2027 26 2026 1 1st",
            ),
            (
                "2024-12-29",
                "2024 24 12 12 Dec December 12th 29 29 29th 364 364 364th 0 0th Su Sun Sunday \
                 0 7 1 01 1st 52 52 52nd 25 2025 24 2024 4 4th",
            ),
            (
                "2021-01-03",
                "2021 21 1 01 Jan January 1st 3 03 3rd 3 003 3rd 0 0th Su Sun Sunday \
                 0 7 2 02 2nd 53 53 53rd 21 2021 20 2020 1 1st",
            ),
            (
                "2009-03-05",
                "2009 09 3 03 Mar March 3rd 5 05 5th 64 064 64th 4 4th Th Thu Thursday \
                 4 4 10 10 10th 10 10 10th 09 2009 09 2009 1 1st",
            ),
            (
                "2020-12-31",
                "2020 20 12 12 Dec December 12th 31 31 31st 366 366 366th 4 4th Th Thu Thursday \
                 4 4 1 01 1st 53 53 53rd 21 2021 20 2020 4 4th",
            ),
        ];
        let format = MomentFormat::new(ALL_TOKENS);
        for (day, want) in cases {
            assert_eq!(format.format(date(day)), want, "{day}");
        }
    }

    #[test]
    fn names_and_ordinals() {
        let months = MomentFormat::new("MMM MMMM");
        let weekdays = MomentFormat::new("dd ddd dddd");
        for (i, want) in [
            "Jan January",
            "Feb February",
            "Mar March",
            "Apr April",
            "May May",
        ]
        .iter()
        .enumerate()
        {
            let first = date(&format!("2026-{:02}-01", i + 1));
            assert_eq!(months.format(first), *want);
        }
        assert_eq!(months.format(date("2026-09-01")), "Sep September");
        assert_eq!(months.format(date("2026-12-01")), "Dec December");
        // 2026-11-22 is a Sunday.
        let week: Vec<_> = (22..=28)
            .map(|d| weekdays.format(date(&format!("2026-11-{d}"))))
            .collect();
        assert_eq!(
            week,
            [
                "Su Sun Sunday",
                "Mo Mon Monday",
                "Tu Tue Tuesday",
                "We Wed Wednesday",
                "Th Thu Thursday",
                "Fr Fri Friday",
                "Sa Sat Saturday"
            ]
        );
        let ordinals: Vec<_> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31, 101, 111, 112, 113]
            .map(|n| format!("{n}{}", ordinal_suffix(n)))
            .into();
        assert_eq!(
            ordinals.join(" "),
            "1st 2nd 3rd 4th 11th 12th 13th 21st 22nd 23rd 31st 101st 111th 112th 113th"
        );
    }

    #[test]
    fn literals_brackets_and_backslashes() {
        let day = date("2026-11-24");
        let cases = [
            ("[YYYY] YYYY", "YYYY 2026"),
            ("[Week] W", "Week 48"),
            ("\\YYYY-MM", "YYYY-11"),
            ("YYYY/MM/YYYY-MM-DD", "2026/11/2026-11-24"),
            ("[a] YYYY]", "a] YYYY"), // a bracket runs to the last `]` before the next `[`
            ("[a]b[c] YYYY", "abc 2026"),
            ("[YYYY", "[2026"),
            ("YYYY\\", "2026"),
            ("YYY", "26Y"), // `Y` alone is not supported: literal
            ("MMo DDo", "11o 24o"),
            // `W` and `e` are tokens, as in moment; `k` (an hour in moment) is literal here.
            ("Week W", "4822k 48"),
            ("", ""),
        ];
        for (format, want) in cases {
            assert_eq!(MomentFormat::new(format).format(day), want, "{format:?}");
        }
        assert_eq!(
            parse("[Week] W, GGGG", "Week 48, 2026"),
            Some(date("2026-11-23"))
        );
        assert_eq!(MomentFormat::new("[x] YYYY").as_str(), "[x] YYYY");
    }

    #[test]
    fn time_tokens_format_a_time_and_are_skipped_when_parsing() {
        let at = date("2026-11-24").and_hms_opt(19, 5, 9).expect("a time");
        let cases = [
            ("YYYY-MM-DD HH:mm", "2026-11-24 19:05"),
            ("H:m:s", "19:5:9"),
            ("hh:mm A", "07:05 PM"),
            ("h a ss", "7 pm 09"),
        ];
        for (format, want) in cases {
            assert_eq!(MomentFormat::new(format).format_at(at), want, "{format:?}");
        }
        assert_eq!(
            MomentFormat::new("HH:mm").format(date("2026-11-24")),
            "00:00"
        );
        assert_eq!(
            parse("YYYY-MM-DD HHmm", "2026-11-24 1905"),
            Some(date("2026-11-24"))
        );
        assert_eq!(
            parse("YYYY-MM-DD h A", "2026-11-24 7 PM"),
            Some(date("2026-11-24"))
        );
        assert_eq!(
            parse("YYYY-MM-DD HHmm", "2026-11-24 2505"),
            None,
            "no 25th hour"
        );
    }

    #[test]
    fn periods() {
        let cases = [
            ("YYYY-MM-DD", FormatUnit::Day),
            ("dddd, MMMM Do YYYY", FormatUnit::Day),
            ("YYYY-DDDD", FormatUnit::Day),
            ("gggg-[W]ww-d", FormatUnit::Day),
            ("GGGG-[W]WW-E", FormatUnit::Day),
            ("GGGG-[W]WW", FormatUnit::Week),
            ("gggg-[W]ww", FormatUnit::Week),
            ("YYYY-MM", FormatUnit::Month),
            ("MMMM YYYY dddd", FormatUnit::Month),
            ("YYYY-[Q]Q", FormatUnit::Quarter),
            ("YYYY", FormatUnit::Year),
            ("[notes]", FormatUnit::Year),
        ];
        for (format, want) in cases {
            assert_eq!(MomentFormat::new(format).unit, want, "{format:?}");
        }
    }

    #[test]
    fn parses_real_world_formats() {
        let day = Some(date("2026-11-24"));
        assert_eq!(parse("YYYY-MM-DD", "2026-11-24"), day);
        assert_eq!(parse("DD.MM.YYYY", "24.11.2026"), day);
        assert_eq!(parse("YYYY_MM_DD", "2026_11_24"), day);
        assert_eq!(parse("YYYY/MM/YYYY-MM-DD", "2026/11/2026-11-24"), day);
        assert_eq!(
            parse("dddd, MMMM Do YYYY", "Tuesday, November 24th 2026"),
            day
        );
        assert_eq!(
            parse("dddd, MMMM Do YYYY", "tuesday, NOVEMBER 24th 2026"),
            day
        );
        assert_eq!(parse("YYYY-M-D", "2026-11-24"), day);
        assert_eq!(parse("YYYY-M-D", "2026-1-5"), Some(date("2026-01-05")));
        assert_eq!(parse("YYYY-M-D", "2026-01-05"), Some(date("2026-01-05")));
        assert_eq!(parse("YYYYMD", "2026124"), Some(date("2026-12-04")));
        assert_eq!(parse("GGGG-[W]WW", "2026-W48"), Some(date("2026-11-23")));
        assert_eq!(parse("gggg-[W]ww", "2026-W48"), Some(date("2026-11-22")));
        assert_eq!(
            parse("GGGG-[W]WW-E", "2026-W53-5"),
            Some(date("2027-01-01"))
        );
        assert_eq!(
            parse("gggg-[W]ww-d", "2027-W01-5"),
            Some(date("2027-01-01"))
        );
        assert_eq!(
            parse("GGGG-[W]WW-dddd", "2020-W53-Sunday"),
            Some(date("2021-01-03"))
        );
        assert_eq!(parse("YYYY-DDDD", "2020-366"), Some(date("2020-12-31")));
        assert_eq!(parse("YYYY-MM", "2026-11"), Some(date("2026-11-01")));
        assert_eq!(parse("YYYY-[Q]Q", "2026-Q3"), Some(date("2026-07-01")));
        assert_eq!(parse("YYYY", "2026"), Some(date("2026-01-01")));
        assert_eq!(parse("YY-MM-DD", "68-01-01"), Some(date("2068-01-01")));
        assert_eq!(parse("YY-MM-DD", "69-01-01"), Some(date("1969-01-01")));
        assert_eq!(
            parse("[Week] wo [of] gggg", "Week 48th of 2026"),
            Some(date("2026-11-22"))
        );
        // With no week-year token, moment reads the year of a week format as the week-year.
        assert_eq!(parse("YYYY-[W]WW", "2026-W01"), Some(date("2025-12-29")));
    }

    #[test]
    fn rejections() {
        let cases = [
            ("YYYY-MM-DD", "2026-02-30"),
            ("YYYY-MM-DD", "2026-13-01"),
            ("YYYY-MM-DD", "2026-00-10"),
            ("YYYY-MM-DD", "2026-11-24.md"),
            ("YYYY-MM-DD", "2026-11-24 "),
            ("YYYY-MM-DD", ""),
            ("YYYY-MM-DD", "2026-1-24"),
            ("YYYY-MM-DD", "26-11-24"),
            ("YYYY-MM-DD", "20261-11-24"),
            ("YYYY-DDDD", "2026-366"),
            ("GGGG-[W]WW", "2026-W54"),
            ("GGGG-[W]WW", "2027-W53"),
            ("GGGG-[W]WW", "2026-W00"),
            ("gggg-[W]ww", "2026-W54"),
            ("gggg-[W]ww", "2026-W53"),
            ("GGGG-[W]WW-E", "2026-W48-8"),
            ("dddd, MMMM Do YYYY", "Monday, November 24th 2026"),
            ("dddd, MMMM Do YYYY", "Tuesday, November 24st 2026"),
            ("dddd, MMMM Do YYYY", "Tuesday, November 24th 2026!"),
            ("YYYY/MM/YYYY-MM-DD", "2025/11/2026-11-24"),
            ("YYYY/MM/YYYY-MM-DD", "2026/10/2026-11-24"),
            ("YYYY-MM-DD E", "2026-11-24 3"),
            ("MM-DD", "11-24"),
            ("[notes]", "notes"),
            ("YYYY-[Q]Q", "2026-Q5"),
        ];
        for (format, text) in cases {
            assert_eq!(parse(format, text), None, "{format:?} {text:?}");
        }
    }

    /// Formats that name a single day and read back what they write.
    const DAY_FORMATS: &[&str] = &[
        "YYYY-MM-DD",
        "DD.MM.YYYY",
        "YYYY_MM_DD",
        "YYYY/MM/YYYY-MM-DD",
        "dddd, MMMM Do YYYY",
        "gggg-[W]ww-d",
        "GGGG-[W]WW-E",
        "YYYY-DDDD",
        "YYYY-DDD",
        "YYYYMMDD",
        "YYYY-M-D",
        "D MMM YYYY",
        "ddd, MMM Do, YYYY",
        "MM/DD/YYYY dd",
        "YYYY-MM-DD [W]WW E e",
        "GGGG-[W]WW-dddd",
        "gggg-[W]wo-ddd",
        "[Q]Q YYYY-MM-DD gggg GGGG",
        "YYYY \\Y\\Y MMMM Do",
    ];

    /// The first day of the week holding `day`.
    fn week_start(day: NaiveDate, first: Weekday) -> NaiveDate {
        day - chrono::Duration::days(days_since(day, first) as i64)
    }

    #[test]
    fn weeks_at_year_boundaries() {
        // Day, ISO week, its first day, en week, its first day (from moment.js).
        let cases = [
            "2015-12-31 2015-W53 2015-12-28 2016-W01 2015-12-27",
            "2016-01-03 2015-W53 2015-12-28 2016-W02 2016-01-03",
            "2016-12-31 2016-W52 2016-12-26 2016-W53 2016-12-25",
            "2017-01-01 2016-W52 2016-12-26 2017-W01 2017-01-01",
            "2021-01-02 2020-W53 2020-12-28 2021-W01 2020-12-27",
            "2021-01-03 2020-W53 2020-12-28 2021-W02 2021-01-03",
            "2024-12-28 2024-W52 2024-12-23 2024-W52 2024-12-22",
            "2024-12-29 2024-W52 2024-12-23 2025-W01 2024-12-29",
            "2024-12-30 2025-W01 2024-12-30 2025-W01 2024-12-29",
            "2027-01-01 2026-W53 2026-12-28 2027-W01 2026-12-27",
            "2027-01-04 2027-W01 2027-01-04 2027-W02 2027-01-03",
        ];
        let iso = MomentFormat::new("GGGG-[W]WW");
        let en = MomentFormat::new("gggg-[W]ww");
        for case in cases {
            let [day, iso_name, iso_start, en_name, en_start] =
                case.split(' ').collect::<Vec<_>>()[..]
            else {
                panic!("bad case {case:?}");
            };
            assert_eq!(iso.format(date(day)), iso_name, "{day}");
            assert_eq!(iso.parse(iso_name), Some(date(iso_start)), "{day}");
            assert_eq!(en.format(date(day)), en_name, "{day}");
            assert_eq!(en.parse(en_name), Some(date(en_start)), "{day}");
        }
        // Dec 28 to Jan 4 across years with 52 and 53 ISO weeks (2015, 2020 and 2026 have 53).
        for year in 2010..=2032 {
            let dec_28 = date(&format!("{year}-12-28"));
            for day in dec_28.iter_days().take(8) {
                assert_eq!(
                    iso.parse(&iso.format(day)),
                    Some(week_start(day, Weekday::Mon))
                );
                assert_eq!(
                    en.parse(&en.format(day)),
                    Some(week_start(day, Weekday::Sun))
                );
                for format in DAY_FORMATS {
                    let format = MomentFormat::new(format);
                    assert_eq!(format.parse(&format.format(day)), Some(day), "{format:?}");
                }
            }
        }
    }

    fn any_day() -> impl Strategy<Value = NaiveDate> {
        let first = date("1900-01-01").num_days_from_ce();
        let last = date("2100-12-31").num_days_from_ce();
        (first..=last).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).expect("in range"))
    }

    proptest! {
        #[test]
        fn day_formats_round_trip(
            day in any_day(),
            format in proptest::sample::select(DAY_FORMATS),
        ) {
            let format = MomentFormat::new(format);
            prop_assert_eq!(format.unit, FormatUnit::Day);
            prop_assert_eq!(format.parse(&format.format(day)), Some(day));
        }

        #[test]
        fn week_formats_parse_to_the_first_day_of_the_week(day in any_day()) {
            let iso = MomentFormat::new("GGGG-[W]WW");
            let en = MomentFormat::new("gggg-[W]ww");
            prop_assert_eq!(iso.parse(&iso.format(day)), Some(week_start(day, Weekday::Mon)));
            prop_assert_eq!(en.parse(&en.format(day)), Some(week_start(day, Weekday::Sun)));
        }

        #[test]
        fn iso_weeks_agree_with_chrono(day in any_day()) {
            let week = day.iso_week();
            let weekday = day.weekday().number_from_monday();
            let want = format!("{:04}-W{:02}-{weekday}", week.year(), week.week());
            prop_assert_eq!(MomentFormat::new("GGGG-[W]WW-E").format(day), want);
        }

        #[test]
        fn parse_never_panics(
            format in "([YMDdeEwWgGQo\\[\\]\\\\/., -]|[a-z]|é){0,16}",
            text in "([0-9a-zA-Z/., -]|é|ß){0,24}",
            any in ".{0,24}",
        ) {
            let format = MomentFormat::new(&format);
            let _ = format.parse(&text);
            let _ = format.parse(&any);
            let _ = format.format(NaiveDate::MIN);
            let _ = format.format(NaiveDate::MAX);
        }

        #[test]
        fn parsed_dates_stay_in_range(
            format in "([YMDdeEwWgGQo\\[\\]/., -]){0,16}",
            day in any_day(),
        ) {
            let format = MomentFormat::new(&format);
            if let Some(parsed) = format.parse(&format.format(day)) {
                prop_assert!((0..=9999).contains(&parsed.year()));
            }
        }
    }
}
