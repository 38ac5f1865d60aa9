//! Calendar dates without a date library: the app only needs to parse,
//! compare and name the weekday, and a dependency would cost WASM bytes.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date (proleptic Gregorian), written `YYYY-MM-DD` in bundles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    Format,
    /// The form is right but the day does not exist (`2022-02-30`).
    NoSuchDay,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format => f.write_str("a date must be written YYYY-MM-DD"),
            DateError::NoSuchDay => f.write_str("that day does not exist in the calendar"),
        }
    }
}

impl std::error::Error for DateError {}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date from its parts, if that day exists.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Date, DateError> {
        if !(1..=9999).contains(&year) || day == 0 || day > days_in_month(year, month) {
            return Err(DateError::NoSuchDay);
        }
        Ok(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Result<u32, DateError> {
            let part = bytes.get(range).ok_or(DateError::Format)?;
            if part.iter().all(u8::is_ascii_digit) {
                Ok(part.iter().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
            } else {
                Err(DateError::Format)
            }
        };
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(DateError::Format);
        }
        let year = digits(0..4)? as i32;
        let month = digits(5..7)? as u8;
        let day = digits(8..10)? as u8;
        Date::new(year, month, day)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (for "today" from the system
    /// clock); `None` outside years 1 to 9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        // Howard Hinnant's civil_from_days.
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month, day).ok()
    }

    /// Day of the week, 0 = Sunday … 6 = Saturday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (4).
        (self.days_since_epoch() + 4).rem_euclid(7) as u8
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_epoch_go_both_ways() {
        for text in [
            "1970-01-01",
            "2000-02-29",
            "2022-06-28",
            "1969-12-31",
            "9999-12-31",
            "0001-01-01",
        ] {
            let date = Date::parse(text).expect("a real day");
            assert_eq!(
                Date::from_days_since_epoch(date.days_since_epoch()),
                Some(date)
            );
        }
        assert_eq!(Date::from_days_since_epoch(i64::MAX), None);
        assert_eq!(
            Date::from_days_since_epoch(20_000)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2024-10-04")
        );
    }

    #[test]
    fn parses_real_days_and_refuses_impossible_ones() {
        assert_eq!(Date::parse("2022-06-28").map(|d| d.day()), Ok(28));
        assert_eq!(Date::parse("2024-02-29").map(|d| d.month()), Ok(2));
        assert_eq!(Date::parse("2023-02-29"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("2022-13-01"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("28/06/2022"), Err(DateError::Format));
        assert_eq!(Date::parse("2022-6-28"), Err(DateError::Format));
        assert_eq!(Date::parse("２０２２-06-28"), Err(DateError::Format));
    }

    #[test]
    fn knows_the_weekday() {
        // 28 June 2022 was a Tuesday; 1 January 2000 a Saturday.
        assert_eq!(Date::parse("2022-06-28").map(Date::weekday), Ok(2));
        assert_eq!(Date::parse("2000-01-01").map(Date::weekday), Ok(6));
        assert_eq!(Date::parse("1970-01-01").map(Date::days_since_epoch), Ok(0));
    }

    #[test]
    fn orders_chronologically() {
        let a = Date::new(2021, 12, 31);
        let b = Date::new(2022, 1, 1);
        assert!(matches!((a, b), (Ok(a), Ok(b)) if a < b));
    }
}
