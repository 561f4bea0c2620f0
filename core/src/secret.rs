//! The api key: a string that prints as `***` everywhere.

use std::fmt;

/// A CAKE api key. `Debug` and `Display` never show it; only [`ApiKey::expose`] does.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct ApiKey(String);

pub const MASK: &str = "***";

impl ApiKey {
    pub fn new(key: impl Into<String>) -> Self {
        ApiKey(key.into())
    }

    /// The key itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Replaces every occurrence of the key (plain and URL-encoded) in `text` with `***`.
    pub fn redact(&self, text: &str) -> String {
        redact_in(text, &self.0)
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({MASK})")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

/// Replaces `secret`, and its percent-encoded forms, in `text`.
pub fn redact_in(text: &str, secret: &str) -> String {
    if secret.is_empty() {
        return text.to_owned();
    }
    let mut out = text.replace(secret, MASK);
    for encoded in [percent_encode(secret, false), percent_encode(secret, true)] {
        if encoded != secret {
            out = out.replace(&encoded, MASK);
        }
    }
    out
}

/// Percent-encodes everything but unreserved characters; `plus_for_space` is the form encoding.
pub fn percent_encode(value: &str, plus_for_space: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b' ' if plus_for_space => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_never_prints() {
        let key = ApiKey::new("s3cr3t/key+1");
        assert_eq!(format!("{key:?}"), "ApiKey(***)");
        assert_eq!(format!("{key}"), "***");
    }

    #[test]
    fn redacts_plain_and_encoded() {
        let key = ApiKey::new("s3cr3t/key 1");
        let text = "a s3cr3t/key 1 b s3cr3t%2Fkey%201 c s3cr3t%2Fkey+1";
        assert_eq!(key.redact(text), "a *** b *** c ***");
    }

    #[test]
    fn empty_key_redacts_nothing() {
        assert_eq!(ApiKey::new("").redact("abc"), "abc");
    }
}
