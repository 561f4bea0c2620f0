//! JS settings to core settings: milliseconds to `Duration`, counts to integers, operation ids
//! to `Operation`. A value that cannot be converted is a validation issue naming the setting
//! (as core names its own settings); every other check is core's.

use cake_core::client::{BulkOptions, CallOptions, Client, ClientBuilder, ReportPager};
use cake_core::validate::{code, Issue};
use cake_core::{Error, Operation};
use serde_json::Value;
use std::time::Duration;

/// The User-Agent this package sends unless told otherwise.
const USER_AGENT: &str = concat!("cake-sdk-node/", env!("CARGO_PKG_VERSION"));

fn given<'a>(options: &'a Value, name: &str) -> Option<&'a Value> {
    options.get(name).filter(|v| !v.is_null())
}

/// Milliseconds (a number, 0 or more) as a `Duration`.
fn millis(options: &Value, name: &str, field: &str) -> Result<Option<Duration>, Issue> {
    let Some(value) = given(options, name) else {
        return Ok(None);
    };
    let ms = value
        .as_f64()
        .filter(|_| value.is_number())
        .ok_or_else(|| {
            Issue::error(
                field,
                code::INVALID_TYPE,
                "must be a number of milliseconds",
            )
        })?;
    if !ms.is_finite() || ms < 0.0 {
        return Err(Issue::error(
            field,
            code::OUT_OF_RANGE,
            "must be 0 or more milliseconds",
        ));
    }
    Duration::try_from_secs_f64(ms / 1000.0)
        .map(Some)
        .map_err(|_| Issue::error(field, code::OUT_OF_RANGE, "is too large"))
}

/// A whole number from 0 to `max`.
fn whole(options: &Value, name: &str, max: u64) -> Result<Option<u64>, Issue> {
    let Some(value) = given(options, name) else {
        return Ok(None);
    };
    if !value.is_number() {
        return Err(Issue::error(
            name,
            code::INVALID_TYPE,
            "must be a whole number",
        ));
    }
    match value.as_u64() {
        Some(n) if n <= max => Ok(Some(n)),
        _ => Err(Issue::error(
            name,
            code::OUT_OF_RANGE,
            format!("must be a whole number from 0 to {max}"),
        )),
    }
}

fn text(options: &Value, name: &str) -> Result<Option<String>, Issue> {
    match given(options, name) {
        None => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(_) => Err(Issue::error(name, code::INVALID_TYPE, "must be a string")),
    }
}

fn flag(options: &Value, name: &str) -> Result<bool, Issue> {
    match given(options, name) {
        None => Ok(false),
        Some(Value::Bool(flag)) => Ok(*flag),
        Some(_) => Err(Issue::error(
            name,
            code::INVALID_TYPE,
            "must be true or false",
        )),
    }
}

/// Collects every issue of several conversions before failing, as validation does.
struct Issues(Vec<Issue>);

impl Issues {
    fn take<T: Default>(&mut self, result: Result<T, Issue>) -> T {
        result.unwrap_or_else(|issue| {
            self.0.push(issue);
            T::default()
        })
    }

    fn finish(self) -> Result<(), Error> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Error::validation(self.0))
        }
    }
}

/// The per-call overrides of `{timeout_ms, max_retries, deadline_ms}`.
pub fn call_options(options: &Value) -> Result<CallOptions, Error> {
    let mut issues = Issues(Vec::new());
    let timeout = issues.take(millis(options, "timeout_ms", "timeout"));
    let max_retries = issues.take(whole(options, "max_retries", u64::from(u32::MAX)));
    let deadline = issues.take(millis(options, "deadline_ms", "deadline"));
    issues.finish()?;
    Ok(CallOptions {
        timeout,
        max_retries: max_retries.and_then(|n| u32::try_from(n).ok()),
        deadline,
    })
}

/// `{concurrency}` of a bulk call.
pub fn bulk_options(options: &Value) -> Result<BulkOptions, Error> {
    let max = u64::try_from(usize::MAX).unwrap_or(u64::MAX);
    let concurrency = whole(options, "concurrency", max).map_err(|i| Error::validation(vec![i]))?;
    Ok(match concurrency.and_then(|n| usize::try_from(n).ok()) {
        Some(concurrency) => BulkOptions { concurrency },
        None => BulkOptions::default(),
    })
}

/// `{pages_ahead}` of a report pager (core's default when not given; core checks the range).
pub fn pages_ahead(pager: ReportPager, options: &Value) -> Result<ReportPager, Error> {
    match given(options, "pages_ahead") {
        None => Ok(pager),
        Some(value) => match value.as_f64().filter(|_| value.is_number()) {
            Some(pages) => pager.pages_ahead_from(pages),
            None => Err(Error::validation(vec![Issue::error(
                "pages_ahead",
                code::INVALID_TYPE,
                "must be a whole number",
            )])),
        },
    }
}

/// A client from `{base_url, api_key, timeout_ms, max_retries, deadline_ms, user_agent,
/// allow_insecure_http}`; unset url and key come from CAKE_BASE_URL / CAKE_API_KEY.
pub fn client(config: &Value) -> Result<Client, Error> {
    let mut issues = Issues(Vec::new());
    let base_url = issues.take(text(config, "base_url"));
    let api_key = issues.take(text(config, "api_key"));
    let user_agent = issues.take(text(config, "user_agent"));
    let insecure = issues.take(flag(config, "allow_insecure_http"));
    let timeout = issues.take(millis(config, "timeout_ms", "timeout"));
    let max_retries = issues.take(whole(config, "max_retries", u64::from(u32::MAX)));
    let deadline = issues.take(millis(config, "deadline_ms", "deadline"));
    issues.finish()?;
    let mut builder = ClientBuilder::default()
        .user_agent(user_agent.unwrap_or_else(|| USER_AGENT.to_owned()))
        .allow_insecure_http(insecure);
    if let Some(url) = base_url {
        builder = builder.base_url(url);
    }
    if let Some(key) = api_key {
        builder = builder.api_key(key);
    }
    if let Some(timeout) = timeout {
        builder = builder.timeout(timeout);
    }
    if let Some(retries) = max_retries.and_then(|n| u32::try_from(n).ok()) {
        builder = builder.max_retries(retries);
    }
    if let Some(deadline) = deadline {
        builder = builder.deadline(deadline);
    }
    builder.from_env().build()
}

/// An operation by id; an unknown id is core's own `unknown_operation` issue.
pub fn operation(id: &str) -> Result<Operation, Error> {
    Operation::from_id(id).ok_or_else(|| {
        // validate_by_id answers an unknown id with exactly that one issue.
        Error::validation(cake_core::validate::validate_by_id(id, &Value::Null))
    })
}
