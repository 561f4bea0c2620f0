//! Dates and datetimes in the reference's formats: written as `YYYY-MM-DD HH:MM:SS` and
//! `YYYY-MM-DD`, read tolerantly (ISO-8601 too).

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

pub const DATETIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";
pub const DATE_FORMAT: &str = "%Y-%m-%d";

/// A CAKE datetime (wall-clock time of the instance; an ISO offset is converted to UTC).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CakeDateTime(pub NaiveDateTime);

/// A CAKE date (`YYYY-MM-DD`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CakeDate(pub NaiveDate);

fn has_shape(text: &str, shape: &str) -> bool {
    text.len() == shape.len()
        && text.bytes().zip(shape.bytes()).all(|(c, s)| match s {
            b'9' => c.is_ascii_digit(),
            _ => c == s,
        })
}

impl CakeDateTime {
    /// Exactly `YYYY-MM-DD HH:MM:SS`, a real calendar moment (what requests must carry).
    pub fn parse_strict(text: &str) -> Option<Self> {
        // chrono accepts second 60 (a leap second); a CAKE datetime never has one.
        if !has_shape(text, "9999-99-99 99:99:99") || text.get(17..19).is_some_and(|s| s >= "60") {
            return None;
        }
        NaiveDateTime::parse_from_str(text, DATETIME_FORMAT)
            .ok()
            .map(CakeDateTime)
    }

    /// The reference form or ISO-8601 (`T` separator, fractional seconds, `Z` or an offset).
    pub fn parse_lenient(text: &str) -> Option<Self> {
        let text = text.trim();
        if let Some(strict) = Self::parse_strict(text) {
            return Some(strict);
        }
        if let Ok(with_offset) = DateTime::parse_from_rfc3339(text) {
            return Some(CakeDateTime(with_offset.naive_utc()));
        }
        [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S%.f",
        ]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .map(CakeDateTime)
    }

    /// The current UTC time (the browser's clock under wasm).
    pub fn now_utc() -> Self {
        CakeDateTime(chrono::Utc::now().naive_utc())
    }
}

impl CakeDate {
    /// Exactly `YYYY-MM-DD` and a real date.
    pub fn parse_strict(text: &str) -> Option<Self> {
        if !has_shape(text, "9999-99-99") {
            return None;
        }
        NaiveDate::parse_from_str(text, DATE_FORMAT)
            .ok()
            .map(CakeDate)
    }

    /// A date, or the date part of any datetime form.
    pub fn parse_lenient(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::parse_strict(text)
            .or_else(|| CakeDateTime::parse_lenient(text).map(|dt| CakeDate(dt.0.date())))
    }
}

impl fmt::Display for CakeDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format(DATETIME_FORMAT))
    }
}

impl fmt::Display for CakeDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format(DATE_FORMAT))
    }
}

impl fmt::Debug for CakeDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CakeDateTime({self})")
    }
}

impl fmt::Debug for CakeDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CakeDate({self})")
    }
}

impl Serialize for CakeDateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Serialize for CakeDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CakeDateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        CakeDateTime::parse_lenient(&text)
            .ok_or_else(|| serde::de::Error::custom("not a datetime in a known format"))
    }
}

impl<'de> Deserialize<'de> for CakeDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        CakeDate::parse_lenient(&text)
            .ok_or_else(|| serde::de::Error::custom("not a date in a known format"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_accepts_only_the_reference_form() {
        assert!(CakeDateTime::parse_strict("2026-09-30 23:59:59").is_some());
        for bad in [
            "2026-09-30T23:59:59",
            "2026-9-30 23:59:59",
            "2026-02-30 10:00:00",
            "2026-09-30 24:00:00",
            "2026-09-30 23:59:60",
            "2026-09-30",
            " 2026-09-30 23:59:59",
        ] {
            assert!(CakeDateTime::parse_strict(bad).is_none(), "{bad}");
        }
        assert!(CakeDate::parse_strict("2024-02-29").is_some());
        assert!(CakeDate::parse_strict("2023-02-29").is_none());
        assert!(CakeDate::parse_strict("2024-1-5").is_none());
    }

    #[test]
    fn lenient_reads_iso_forms() {
        let want = "2026-06-19 09:30:00";
        for text in [
            "2026-06-19 09:30:00",
            "2026-06-19T09:30:00",
            "2026-06-19T09:30:00Z",
            "2026-06-19T11:30:00+02:00",
            "2026-06-19T09:30:00.000",
        ] {
            let parsed = CakeDateTime::parse_lenient(text).map(|dt| dt.to_string());
            assert_eq!(parsed.as_deref(), Some(want), "{text}");
        }
    }
}
