//! Reading answers: `(status, headers, bytes)` to a model or an [`Error`].

use super::report_page::read_report_page;
use crate::datetime::{now_unix_millis, parse_http_date};
use crate::error::{excerpt, Error, ErrorKind};
use crate::input::Input;
use crate::issue::{code, Issue};
use crate::json::read_json;
use crate::models::lenient::{self, ReadFn};
use crate::models::{tolerant, *};
use crate::operation::Operation;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};
use std::time::Duration;

/// What an operation answers, typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    Affiliate(Affiliate),
    AffiliateOffer(AffiliateOffer),
    Offer(Offer),
    SubAffiliates(Vec<SubAffiliate>),
    SubAffiliate(SubAffiliate),
    Report(SubAffiliateReport),
}

impl Response {
    /// The answer as JSON: the entity (or list, or `{rows, total_rows}`), money as exact
    /// numbers with at least 2 places, enums lowercase, datetimes in the reference's form,
    /// unknown fields kept.
    pub fn to_json(&self) -> Value {
        self.to_json_as(MoneyJson::Number)
    }

    /// [`Self::to_json`] with money written as `money` says (decimal strings for JavaScript).
    pub fn to_json_as(&self, money: MoneyJson) -> Value {
        match self {
            Response::Affiliate(affiliate) => affiliate.to_json_as(money),
            Response::AffiliateOffer(affiliate_offer) => affiliate_offer.to_json_as(money),
            Response::Offer(offer) => offer.to_json_as(money),
            Response::SubAffiliates(list) => {
                Value::Array(list.iter().map(|s| s.to_json_as(money)).collect())
            }
            Response::SubAffiliate(sub_affiliate) => sub_affiliate.to_json_as(money),
            Response::Report(report) => report.to_json_as(money),
        }
    }
}

/// Written as its JSON (the entity itself: serde's untagged form).
impl Serialize for Response {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

pub(super) const SUCCESS: &str = "Success";
const RESTRICTED: &str = "Restricted";

/// The `Retry-After` header as a wait: delta-seconds or an HTTP date (relative to `now`, in
/// milliseconds since the epoch).
pub fn retry_after(headers: &[(String, String)], now_unix_millis: i64) -> Option<Duration> {
    let value = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("retry-after"))?
        .1
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when_millis = parse_http_date(value)?.checked_mul(1000)?;
    let wait = u64::try_from(when_millis.saturating_sub(now_unix_millis)).unwrap_or(0);
    Some(Duration::from_millis(wait))
}

/// Reads an answer to `operation`: the result with the warnings of reading it (values it
/// could not read, kept raw; list items left out), or the error it is.
pub fn read_response(
    operation: Operation,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<(Response, Vec<Issue>), Error> {
    if operation == Operation::SubAffiliateReport && (200..300).contains(&status) {
        if let Some(page) = read_report_page(body) {
            return Ok((Response::Report(page), Vec::new()));
        }
    }
    read_through_value(operation, status, headers, body)
}

/// [`read_response`] without its warnings.
pub fn parse_response(
    operation: Operation,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<Response, Error> {
    read_response(operation, status, headers, body).map(|(response, _)| response)
}

/// [`parse_response`] through a `Value` of the whole answer: every shape, every explanation.
/// Public for the fuzz target that holds the report page reader to it.
#[doc(hidden)]
pub fn parse_through_value(
    operation: Operation,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<Response, Error> {
    read_through_value(operation, status, headers, body).map(|(response, _)| response)
}

fn read_through_value(
    operation: Operation,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<(Response, Vec<Issue>), Error> {
    let envelope = parse_envelope(status, headers, body)?;
    let scope = Scope::new(&envelope);
    let mut warnings = Vec::new();
    let w = &mut warnings;
    let decoded = match operation {
        Operation::CreateAffiliate | Operation::UpdateAffiliate => scope
            .entity("affiliate", w, Affiliate::read)
            .map(Response::Affiliate),
        Operation::GetAffiliateOffer => scope
            .entity("affiliate_offer", w, AffiliateOffer::read)
            .map(Response::AffiliateOffer),
        Operation::CreateOffer | Operation::UpdateOffer => {
            scope.entity("offer", w, Offer::read).map(Response::Offer)
        }
        Operation::ListSubAffiliates => scope
            .list("sub_affiliates", w, SubAffiliate::read)
            .map(Response::SubAffiliates),
        Operation::CreateSubAffiliate => scope
            .entity("sub_affiliate", w, SubAffiliate::read)
            .map(Response::SubAffiliate),
        Operation::SubAffiliateReport => scope
            .list("sub_affiliate_report", w, SubAffiliateReportRow::read)
            .map(|rows| {
                let left_out = lenient::left_out(w);
                Response::Report(SubAffiliateReport {
                    rows,
                    total_rows: scope.total_rows(w),
                    left_out,
                })
            }),
    };
    decoded
        .map(|response| (response, warnings))
        .map_err(|message| Error::decode(message, body))
}

/// Checks the HTTP status and CAKE's `request_status`; gives the JSON object of a success.
fn parse_envelope(
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<Map<String, Value>, Error> {
    if status == 429 {
        let messages = read_json(body).map(|v| messages_of(&v)).unwrap_or_default();
        return Err(Error::new(ErrorKind::RateLimited {
            retry_after: retry_after(headers, now_unix_millis()),
            messages,
        }));
    }
    if !(200..300).contains(&status) {
        return Err(Error::new(ErrorKind::HttpStatus {
            status,
            body_excerpt: excerpt(body),
        }));
    }
    let value = read_json(body).map_err(|e| Error::decode(format!("not JSON ({e})"), body))?;
    let Value::Object(envelope) = value else {
        return Err(Error::decode("not a JSON object", body));
    };
    let request_status = Scope::new(&envelope)
        .find("request_status")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| Error::decode("no request_status", body))?;
    if request_status.eq_ignore_ascii_case(SUCCESS) {
        return Ok(envelope);
    }
    let messages = messages_of(&Value::Object(envelope));
    if is_restricted(&request_status, &messages) {
        return Err(Error::new(ErrorKind::RateLimited {
            retry_after: retry_after(headers, now_unix_millis()),
            messages,
        }));
    }
    Err(Error::new(ErrorKind::Api {
        request_status,
        messages,
    }))
}

/// CAKE's throttle: `request_status` "Restricted" (rare), or a failure any of whose messages
/// is "Restricted" (the usual form, in `message`, or in `errors` on older instances). A
/// throttled call was not processed, so it is retried as a rate limit, writes included.
fn is_restricted(request_status: &str, messages: &[String]) -> bool {
    std::iter::once(request_status)
        .chain(messages.iter().map(String::as_str))
        .any(|text| text.trim().eq_ignore_ascii_case(RESTRICTED))
}

/// Every message of a failure: `errors` (strings or objects with a message), `message`,
/// `messages`, at the top level and inside a `response` wrapper.
fn messages_of(value: &Value) -> Vec<String> {
    let mut messages = Vec::new();
    let mut collect = |object: &Map<String, Value>| {
        for key in ["errors", "message", "messages"] {
            push_messages(object.get(key), &mut messages);
        }
    };
    if let Value::Object(object) = value {
        collect(object);
        if let Some(Value::Object(inner)) = object.get("response") {
            collect(inner);
        }
    }
    messages
}

fn push_messages(value: Option<&Value>, out: &mut Vec<String>) {
    match value {
        Some(Value::String(text)) if !text.trim().is_empty() => out.push(text.trim().to_owned()),
        Some(Value::Array(items)) => items.iter().for_each(|item| push_messages(Some(item), out)),
        Some(Value::Object(object)) => {
            let text = ["message", "error", "description", "error_message"]
                .iter()
                .find_map(|key| object.get(*key).and_then(Value::as_str));
            if let Some(text) = text {
                out.push(text.trim().to_owned());
            }
        }
        _ => {}
    }
}

/// Looks fields up at the top level, then inside CAKE's `response` wrapper.
struct Scope<'a> {
    top: &'a Map<String, Value>,
    inner: Option<&'a Map<String, Value>>,
}

impl<'a> Scope<'a> {
    fn new(top: &'a Map<String, Value>) -> Self {
        Scope {
            top,
            inner: top.get("response").and_then(Value::as_object),
        }
    }

    fn find(&self, key: &str) -> Option<&'a Value> {
        self.top
            .get(key)
            .or_else(|| self.inner.and_then(|inner| inner.get(key)))
            .filter(|v| !v.is_null())
    }

    /// The answer's entity, read leniently: an error only when it is missing or not an object.
    fn entity<T>(
        &self,
        key: &str,
        warnings: &mut Vec<Issue>,
        read: ReadFn<T>,
    ) -> Result<T, String> {
        let value = self
            .find(key)
            .ok_or_else(|| format!("the answer has no {key}"))?;
        read(value, key, warnings).map_err(|e| format!("{key}: {e}"))
    }

    /// The answer's list of entities: an error only when it is missing or not a list.
    fn list<T>(
        &self,
        key: &str,
        warnings: &mut Vec<Issue>,
        read: ReadFn<T>,
    ) -> Result<Vec<T>, String> {
        let value = self
            .find(key)
            .ok_or_else(|| format!("the answer has no {key}"))?;
        lenient::list(value, key, warnings, read).map_err(|e| format!("{key}: {e}"))
    }

    /// The report's `total_rows`, where a server gives it (blank counts as not given; an
    /// unreadable one as not given, with a warning).
    fn total_rows(&self, warnings: &mut Vec<Issue>) -> Option<u64> {
        let value = self.find("total_rows")?;
        tolerant::read_opt_count(Input::of(value)).unwrap_or_else(|why| {
            warnings.push(Issue::warning(
                "total_rows",
                code::UNREADABLE_VALUE,
                format!("{why}; the report is read to its end without it"),
            ));
            None
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn retry_after_in_seconds_and_http_date() {
        let now = 1_445_412_450_000; // 2015-10-21 07:27:30 UTC, in milliseconds
        assert_eq!(
            retry_after(&headers(&[("Retry-After", "7")]), now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            retry_after(
                &headers(&[("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")]),
                now
            ),
            Some(Duration::from_secs(30))
        );
        assert_eq!(retry_after(&headers(&[("retry-after", "soon")]), now), None);
        // A date already past means "now", not a negative wait.
        assert_eq!(
            retry_after(
                &headers(&[("retry-after", "Wed, 21 Oct 2015 07:00:00 GMT")]),
                now
            ),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn affiliate_offer_inside_the_response_wrapper() {
        let body = br#"{"request_status":"Success","response":{"affiliate_offer":{"affiliate_id":67890,"offer_id":12345,"payout":20.00,"payout_type":"CPA","affiliate_offer_status":"active"}}}"#;
        let parsed = parse_response(Operation::GetAffiliateOffer, 200, &[], body)
            .map(|r| r.to_json().to_string());
        assert_eq!(
            parsed.as_deref(),
            Ok(
                r#"{"affiliate_id":67890,"offer_id":12345,"payout":20.00,"payout_type":"cpa","affiliate_offer_status":"active"}"#
            )
        );
    }

    #[test]
    fn restricted_in_any_message_is_a_rate_limit() {
        let restricted = [
            r#"{"request_status":"Failure","message":"Restricted"}"#,
            r#"{"request_status":"Failure","errors":["Restricted"]}"#,
            r#"{"request_status":"Failure","errors":[{"message":" restricted "}]}"#,
            r#"{"request_status":"Failure","response":{"message":"RESTRICTED"}}"#,
            r#"{"request_status":"Failure","errors":["Invalid offer_id","Restricted"]}"#,
            r#"{"request_status":"Restricted"}"#,
        ];
        for body in restricted {
            let error = parse_response(
                Operation::CreateOffer,
                200,
                &[("Retry-After".into(), "3".into())],
                body.as_bytes(),
            )
            .err()
            .map(|e| e.kind);
            assert!(
                matches!(error, Some(ErrorKind::RateLimited { retry_after: Some(wait), .. }) if wait == Duration::from_secs(3)),
                "{body}: {error:?}"
            );
        }
        // A message that only mentions the word is an ordinary failure.
        let body = br#"{"request_status":"Failure","message":"Restricted offer: not allowed"}"#;
        let error = parse_response(Operation::CreateOffer, 200, &[], body).err();
        assert_eq!(error.map(|e| e.code()), Some("api"));
    }

    #[test]
    fn failures_keep_every_message() {
        let body = br#"{"request_status":"Failure","errors":["a",{"message":"b"}],"message":"c","messages":"d"}"#;
        let error = parse_response(Operation::CreateOffer, 200, &[], body)
            .err()
            .map(|e| e.kind);
        assert_eq!(
            error,
            Some(ErrorKind::Api {
                request_status: "Failure".into(),
                messages: vec!["a".into(), "b".into(), "c".into(), "d".into()]
            })
        );
    }
}
