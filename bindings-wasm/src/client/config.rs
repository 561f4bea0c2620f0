//! Client settings and per-call options, from the JSON the JS layer sends (snake_case keys).
//! Checking the settings is core's (`ClientBuilder::build`); here JS numbers only become
//! durations and counts.

use crate::envelope;
use cake_core::client::{CallOptions, Client, ClientBuilder};
use cake_core::validate::code;
use cake_core::{Error, Issue};
use serde_json::{Map, Value};
use std::time::Duration;

pub fn invalid(issue: Issue) -> Error {
    Error::validation(vec![issue])
}

/// JSON text from the JS layer, or a validation error naming `field`.
pub fn parse(field: &str, text: &str) -> Result<Value, Error> {
    envelope::parse(field, text).map_err(invalid)
}

fn object(field: &str, text: &str) -> Result<Map<String, Value>, Error> {
    match parse(field, text)? {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err(invalid(Issue::error(
            field,
            code::INVALID_TYPE,
            "must be an object",
        ))),
    }
}

fn given<'a>(map: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    map.get(name).filter(|v| !v.is_null())
}

fn whole(map: &Map<String, Value>, name: &str) -> Result<Option<u64>, Error> {
    given(map, name)
        .map(|value| {
            value.as_u64().ok_or_else(|| {
                invalid(Issue::error(
                    name,
                    code::INVALID_TYPE,
                    "must be a whole number, zero or more",
                ))
            })
        })
        .transpose()
}

fn millis(map: &Map<String, Value>, name: &str) -> Result<Option<Duration>, Error> {
    Ok(whole(map, name)?.map(Duration::from_millis))
}

fn retries(map: &Map<String, Value>, name: &str) -> Result<Option<u32>, Error> {
    whole(map, name)?
        .map(|n| {
            u32::try_from(n)
                .map_err(|_| invalid(Issue::error(name, code::OUT_OF_RANGE, "is too large")))
        })
        .transpose()
}

fn text(map: &Map<String, Value>, name: &str) -> Result<Option<String>, Error> {
    given(map, name)
        .map(|value| {
            value
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| invalid(Issue::error(name, code::INVALID_TYPE, "must be a string")))
        })
        .transpose()
}

fn flag(map: &Map<String, Value>, name: &str) -> Result<bool, Error> {
    match given(map, name) {
        None => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(invalid(Issue::error(
            name,
            code::INVALID_TYPE,
            "must be true or false",
        ))),
    }
}

/// Builds the client from `{base_url, api_key, timeout_ms, max_retries, deadline_ms,
/// user_agent, dangerously_allow_browser, allow_insecure_http}`. No key means the
/// same-origin proxy pattern (`without_api_key`): the proxy adds it server-side.
pub fn client(config: &str) -> Result<Client, Error> {
    let map = object("config", config)?;
    let mut builder = ClientBuilder::default();
    if let Some(url) = text(&map, "base_url")? {
        builder = builder.base_url(url);
    }
    builder = match text(&map, "api_key")? {
        Some(key) => builder.api_key(key),
        None => builder.without_api_key(),
    };
    builder = builder
        .dangerously_allow_browser(flag(&map, "dangerously_allow_browser")?)
        .allow_insecure_http(flag(&map, "allow_insecure_http")?);
    if let Some(timeout) = millis(&map, "timeout_ms")? {
        builder = builder.timeout(timeout);
    }
    if let Some(deadline) = millis(&map, "deadline_ms")? {
        builder = builder.deadline(deadline);
    }
    if let Some(retries) = retries(&map, "max_retries")? {
        builder = builder.max_retries(retries);
    }
    if let Some(agent) = text(&map, "user_agent")? {
        builder = builder.user_agent(agent);
    }
    builder.build()
}

/// `{timeout_ms, max_retries, deadline_ms}` for one call.
pub fn call_options(options: &str) -> Result<CallOptions, Error> {
    let map = object("options", options)?;
    Ok(CallOptions {
        timeout: millis(&map, "timeout_ms")?,
        max_retries: retries(&map, "max_retries")?,
        deadline: millis(&map, "deadline_ms")?,
    })
}

/// The client with the call's options applied.
pub fn client_for_call(config: &str, options: &str) -> Result<Client, Error> {
    let client = client(config)?;
    Ok(client.with_options(call_options(options)?))
}

/// `concurrency` of a bulk run, when given.
pub fn bulk_concurrency(options: &str) -> Result<Option<usize>, Error> {
    let map = object("options", options)?;
    whole(&map, "concurrency")?
        .map(|n| {
            usize::try_from(n).map_err(|_| {
                invalid(Issue::error(
                    "concurrency",
                    code::OUT_OF_RANGE,
                    "is too large",
                ))
            })
        })
        .transpose()
}
