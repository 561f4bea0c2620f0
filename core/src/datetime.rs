//! Dates and datetimes in the reference's formats: written as `YYYY-MM-DD HH:MM:SS` and
//! `YYYY-MM-DD`, read tolerantly (ISO-8601 too). A small proleptic-Gregorian calendar of its
//! own: a date library's format-string machinery would be most of the validation-only wasm
//! build, and CAKE needs only these fixed forms.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

const SECONDS_PER_DAY: i64 = 86_400;
/// Days from 0001-01-01 (day 1) to 1970-01-01: the epoch in "days from the common era".
pub const UNIX_EPOCH_DAYS_FROM_CE: i64 = 719_163;

/// A calendar date (`YYYY-MM-DD`), years 0 to 9999.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CakeDate {
    year: i32,
    month: u8,
    day: u8,
}

/// A CAKE datetime: the instance's wall-clock time (an ISO offset, when read, is converted to
/// UTC), to the second.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CakeDateTime {
    date: CakeDate,
    hour: u8,
    minute: u8,
    second: u8,
}

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
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

/// Digits at `range` of `text` as a number; `None` unless they are all ASCII digits.
fn digits(text: &str, range: std::ops::Range<usize>) -> Option<u32> {
    let part = text.get(range)?;
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

impl CakeDate {
    /// A real calendar date, or `None`.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let valid = (0..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(CakeDate { year, month, day })
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn month(&self) -> u8 {
        self.month
    }

    pub fn day(&self) -> u8 {
        self.day
    }

    /// Exactly `YYYY-MM-DD` and a real date.
    pub fn parse_strict(text: &str) -> Option<Self> {
        if text.len() != 10
            || text.as_bytes().get(4) != Some(&b'-')
            || text.as_bytes().get(7) != Some(&b'-')
        {
            return None;
        }
        let year = i32::try_from(digits(text, 0..4)?).ok()?;
        let month = u8::try_from(digits(text, 5..7)?).ok()?;
        let day = u8::try_from(digits(text, 8..10)?).ok()?;
        CakeDate::new(year, month, day)
    }

    /// A date, or the date part of any datetime form.
    pub fn parse_lenient(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::parse_strict(text).or_else(|| CakeDateTime::parse_lenient(text).map(|dt| dt.date))
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's `days_from_civil`.
    pub fn days_since_epoch(&self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` after 1970-01-01 (`civil_from_days`); `None` outside years 0..=9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Self> {
        let shifted = days.checked_add(719_468)?;
        let era = shifted.div_euclid(146_097);
        let day_of_era = shifted - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_index = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_index + 2) / 5 + 1;
        let month = if month_index < 10 {
            month_index + 3
        } else {
            month_index - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        CakeDate::new(
            i32::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }
}

impl CakeDateTime {
    /// A real moment (seconds 0..=59: CAKE has no leap seconds), or `None`.
    pub fn new(date: CakeDate, hour: u8, minute: u8, second: u8) -> Option<Self> {
        (hour < 24 && minute < 60 && second < 60).then_some(CakeDateTime {
            date,
            hour,
            minute,
            second,
        })
    }

    pub fn date(&self) -> CakeDate {
        self.date
    }

    pub fn hour(&self) -> u8 {
        self.hour
    }

    pub fn minute(&self) -> u8 {
        self.minute
    }

    pub fn second(&self) -> u8 {
        self.second
    }

    /// Exactly `YYYY-MM-DD HH:MM:SS`, a real calendar moment (what requests must carry).
    pub fn parse_strict(text: &str) -> Option<Self> {
        if text.len() != 19 || text.as_bytes().get(10) != Some(&b' ') {
            return None;
        }
        Self::parse_with_separator(text)
    }

    /// `YYYY-MM-DD?HH:MM:SS` with any one-byte separator at position 10.
    fn parse_with_separator(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        if bytes.get(13) != Some(&b':') || bytes.get(16) != Some(&b':') {
            return None;
        }
        let date = CakeDate::parse_strict(text.get(0..10)?)?;
        let part = |range| digits(text, range).and_then(|n| u8::try_from(n).ok());
        CakeDateTime::new(date, part(11..13)?, part(14..16)?, part(17..19)?)
    }

    /// The reference form or ISO-8601: `T` or space, optional fractional seconds (dropped),
    /// optional seconds after `T`, and `Z` or a `±HH:MM` / `±HHMM` offset (converted to UTC).
    pub fn parse_lenient(text: &str) -> Option<Self> {
        let text = text.trim();
        if text.len() < 16 || !matches!(text.as_bytes().get(10), Some(b'T' | b't' | b' ')) {
            return None;
        }
        let (body, offset_seconds) = split_offset(text)?;
        let body = match body.split_once('.') {
            Some((whole, fraction))
                if !fraction.is_empty() && fraction.bytes().all(|b| b.is_ascii_digit()) =>
            {
                whole
            }
            Some(_) => return None,
            None => body,
        };
        let local = match body.len() {
            19 => Self::parse_with_separator(body)?,
            // `YYYY-MM-DDTHH:MM`, as an HTML datetime-local input gives it.
            16 => Self::parse_with_separator(&format!("{body}:00"))?,
            _ => return None,
        };
        CakeDateTime::from_unix_seconds(local.unix_seconds() - offset_seconds)
    }

    /// Seconds since 1970-01-01 00:00:00.
    pub fn unix_seconds(&self) -> i64 {
        let time =
            i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second);
        self.date.days_since_epoch() * SECONDS_PER_DAY + time
    }

    /// The moment `seconds` after the epoch; `None` outside years 0..=9999.
    pub fn from_unix_seconds(seconds: i64) -> Option<Self> {
        let date = CakeDate::from_days_since_epoch(seconds.div_euclid(SECONDS_PER_DAY))?;
        let time = seconds.rem_euclid(SECONDS_PER_DAY);
        let part = |n: i64| u8::try_from(n).ok();
        CakeDateTime::new(
            date,
            part(time / 3600)?,
            part(time / 60 % 60)?,
            part(time % 60)?,
        )
    }

    /// The current UTC time (the browser's clock under wasm).
    pub fn now_utc() -> Self {
        let epoch = CakeDateTime {
            date: CakeDate {
                year: 1970,
                month: 1,
                day: 1,
            },
            hour: 0,
            minute: 0,
            second: 0,
        };
        CakeDateTime::from_unix_seconds(now_unix_millis().div_euclid(1000)).unwrap_or(epoch)
    }
}

/// Splits a trailing `Z` or `±HH:MM` / `±HHMM` offset off an ISO datetime; the offset in
/// seconds east of UTC (0 when there is none).
fn split_offset(text: &str) -> Option<(&str, i64)> {
    if let Some(body) = text.strip_suffix(['Z', 'z']) {
        return Some((body, 0));
    }
    // An offset sign comes after the time (position 16 or later), never in the date.
    let sign_at = text.get(16..)?.rfind(['+', '-']).map(|i| i + 16);
    let Some(at) = sign_at else {
        return Some((text, 0));
    };
    let (body, offset) = text.split_at(at);
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let clock = offset.get(1..)?.replace(':', "");
    if clock.len() != 4 {
        return None;
    }
    let hours = i64::from(digits(&clock, 0..2)?);
    let minutes = i64::from(digits(&clock, 2..4)?);
    (hours < 24 && minutes < 60).then_some((body, sign * (hours * 3600 + minutes * 60)))
}

/// Milliseconds since the epoch from the system clock (JavaScript's `Date.now()` in the
/// browser's wasm32-unknown-unknown, where the standard library has no clock; WASI has one).
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub fn now_unix_millis() -> i64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => i64::try_from(since.as_millis()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_millis()).unwrap_or(i64::MAX),
    }
}

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub fn now_unix_millis() -> i64 {
    // f64 milliseconds fit an i64 for the next 290 million years.
    js_sys::Date::now() as i64
}

const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// An HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110's IMF-fixdate) as seconds since
/// the epoch. The weekday is not checked: a server's arithmetic is not ours to judge.
pub fn parse_http_date(text: &str) -> Option<i64> {
    let mut parts = text.trim().split_ascii_whitespace();
    let _weekday = parts.next().filter(|w| w.ends_with(','))?;
    let day = u8::try_from(digits(parts.next()?, 0..2)?).ok()?;
    let month_name = parts.next()?;
    let month = MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(month_name))?;
    let year_text = parts.next()?;
    let year = i32::try_from(digits(year_text, 0..year_text.len())?).ok()?;
    let time = parts.next()?;
    let zone = parts.next()?;
    if parts.next().is_some()
        || !(zone.eq_ignore_ascii_case("GMT") || zone == "+0000")
        || time.len() != 8
    {
        return None;
    }
    let date = CakeDate::new(year, u8::try_from(month + 1).ok()?, day)?;
    let moment = CakeDateTime::parse_strict(&format!("{date} {time}"))?;
    Some(moment.unix_seconds())
}

/// Seconds since the epoch as an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`).
pub fn format_http_date(unix_seconds: i64) -> Option<String> {
    let moment = CakeDateTime::from_unix_seconds(unix_seconds)?;
    let days = moment.date.days_since_epoch();
    let weekday = WEEKDAYS.get(usize::try_from(days.rem_euclid(7)).ok()?)?;
    let month = MONTHS.get(usize::from(moment.date.month) - 1)?;
    Some(format!(
        "{weekday}, {:02} {month} {:04} {:02}:{:02}:{:02} GMT",
        moment.date.day, moment.date.year, moment.hour, moment.minute, moment.second
    ))
}

impl fmt::Display for CakeDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for CakeDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {:02}:{:02}:{:02}",
            self.date, self.hour, self.minute, self.second
        )
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
mod tests;
