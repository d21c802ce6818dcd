//! TEMPORARY stand-in until the moment.js module lands (replaced by the real one).
use chrono::NaiveDate;
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MomentFormat {
    src: String,
}
impl MomentFormat {
    pub fn new(format: &str) -> MomentFormat {
        MomentFormat {
            src: format.to_string(),
        }
    }
    pub fn as_str(&self) -> &str {
        &self.src
    }
    pub fn period(&self) -> Period {
        Period::Day
    }
    pub fn format(&self, date: NaiveDate) -> String {
        date.format("%Y-%m-%d").to_string()
    }
    pub fn parse(&self, text: &str) -> Option<NaiveDate> {
        crate::dates::parse_date(text).filter(|_| text.len() == 10)
    }
}
