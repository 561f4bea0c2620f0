//! JS settings to core settings. Settings arrive under the names a JS caller writes
//! (`timeoutMs`, `maxRetries`, ...); a value of the wrong JS type is an issue named so, the
//! range rules are core's (`CallOptions::from_parts`, `ClientBuilder::options_from_parts`,
//! `ReportPager::pages_ahead_from`), and core's issues get the JS names back before the error
//! (and the message built from its issues) reaches JS.

use cake_core::client::{BulkOptions, CallOptions, Client, ClientBuilder, ReportPager};
use cake_core::validate::{code, Issue};
use cake_core::{Error, Operation};
use serde_json::Value;

/// The User-Agent this package sends unless told otherwise.
const USER_AGENT: &str = concat!("cake-sdk-node/", env!("CARGO_PKG_VERSION"));

/// Each setting as core names it in its issues, and as a JS caller writes it.
const JS_NAMES: [(&str, &str); 8] = [
    ("base_url", "baseUrl"),
    ("api_key", "apiKey"),
    ("timeout", "timeoutMs"),
    ("max_retries", "maxRetries"),
    ("deadline", "deadlineMs"),
    ("user_agent", "userAgent"),
    ("allow_insecure_http", "allowInsecureHttp"),
    ("pages_ahead", "pagesAhead"),
];

fn js_name(core: &str) -> Option<&'static str> {
    JS_NAMES.iter().find(|(c, _)| *c == core).map(|(_, js)| *js)
}

/// `text` with every core setting name written as an identifier (e.g. "opt in with
/// allow_insecure_http") written as JS writes it. Plain words ("timeout") are left as prose.
fn js_words(text: &str) -> String {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| is_word(c)) {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = tail.find(|c: char| !is_word(c)).unwrap_or(tail.len());
        let word = &tail[..end];
        let named = js_name(word).filter(|_| word.contains('_'));
        out.push_str(named.unwrap_or(word));
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// A settings error as a JS caller should read it: each issue's field and message with the
/// settings' JS names (the error's message is rebuilt from the issues). Other errors pass.
pub fn in_js_names(error: Error) -> Error {
    if error.issues().is_empty() {
        return error;
    }
    let issues = error
        .issues()
        .iter()
        .map(|issue| Issue {
            field: js_name(&issue.field).map_or_else(|| issue.field.clone(), str::to_owned),
            message: js_words(&issue.message),
            ..issue.clone()
        })
        .collect();
    Error::validation(issues).with_meta(error.meta)
}

fn given<'a>(options: &'a Value, name: &str) -> Option<&'a Value> {
    options.get(name).filter(|v| !v.is_null())
}

/// A number, or the issue naming the setting; core checks its range.
fn number(options: &Value, name: &str, kind: &str) -> Result<Option<f64>, Issue> {
    match given(options, name) {
        None => Ok(None),
        Some(value) => value
            .as_f64()
            .filter(|_| value.is_number())
            .map(Some)
            .ok_or_else(|| Issue::error(name, code::INVALID_TYPE, format!("must be {kind}"))),
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
}

/// `{timeoutMs, maxRetries, deadlineMs}` as core receives them (seconds and a count), or the
/// type issues found.
fn parts(options: &Value) -> (Option<f64>, Option<f64>, Option<f64>, Vec<Issue>) {
    let mut issues = Issues(Vec::new());
    let seconds = |ms: Option<f64>| ms.map(|ms| ms / 1000.0);
    let millis = "a number of milliseconds";
    let timeout = seconds(issues.take(number(options, "timeoutMs", millis)));
    let max_retries = issues.take(number(options, "maxRetries", "a whole number"));
    let deadline = seconds(issues.take(number(options, "deadlineMs", millis)));
    (timeout, max_retries, deadline, issues.0)
}

/// The type issues found here joined with core's `error` (its issues JS-named), leaving out
/// core's issues about a setting already reported here (core saw it as not given). An error
/// of another kind than validation is returned as it is.
fn joined(mut issues: Vec<Issue>, error: Error) -> Error {
    if error.issues().is_empty() {
        return error;
    }
    let named = in_js_names(error);
    let fresh: Vec<Issue> = named
        .issues()
        .iter()
        .filter(|issue| !issues.iter().any(|ours| ours.field == issue.field))
        .cloned()
        .collect();
    issues.extend(fresh);
    Error::validation(issues).with_meta(named.meta)
}

/// The per-call overrides of `{timeoutMs, maxRetries, deadlineMs}`.
pub fn call_options(options: &Value) -> Result<CallOptions, Error> {
    let (timeout, max_retries, deadline, issues) = parts(options);
    match CallOptions::from_parts(timeout, max_retries, deadline) {
        Ok(options) if issues.is_empty() => Ok(options),
        Ok(_) => Err(Error::validation(issues)),
        Err(error) => Err(joined(issues, error)),
    }
}

/// `{concurrency}` of a bulk call (a whole number; 0 runs one at a time, as 1 does).
pub fn bulk_options(options: &Value) -> Result<BulkOptions, Error> {
    let Some(value) = given(options, "concurrency") else {
        return Ok(BulkOptions::default());
    };
    let issue = |code: &str, message: &str| {
        Error::validation(vec![Issue::error("concurrency", code, message)])
    };
    if !value.is_number() {
        return Err(issue(code::INVALID_TYPE, "must be a whole number"));
    }
    match value.as_u64().and_then(|n| usize::try_from(n).ok()) {
        Some(concurrency) => Ok(BulkOptions { concurrency }),
        None => Err(issue(
            code::OUT_OF_RANGE,
            "must be a whole number of at least 0",
        )),
    }
}

/// `{pagesAhead}` of a report pager (core's default when not given; core checks the range).
pub fn pages_ahead(pager: ReportPager, options: &Value) -> Result<ReportPager, Error> {
    let pages = number(options, "pagesAhead", "a whole number");
    match pages.map_err(|issue| Error::validation(vec![issue]))? {
        None => Ok(pager),
        Some(pages) => pager.pages_ahead_from(pages).map_err(in_js_names),
    }
}

/// A client from `{baseUrl, apiKey, timeoutMs, maxRetries, deadlineMs, userAgent,
/// allowInsecureHttp}`; unset url and key come from CAKE_BASE_URL / CAKE_API_KEY. Every
/// problem is reported at once, with JS names.
pub fn client(config: &Value) -> Result<Client, Error> {
    let mut issues = Issues(Vec::new());
    let base_url = issues.take(text(config, "baseUrl"));
    let api_key = issues.take(text(config, "apiKey"));
    let user_agent = issues.take(text(config, "userAgent"));
    let insecure = issues.take(flag(config, "allowInsecureHttp"));
    let (timeout, max_retries, deadline, found) = parts(config);
    issues.0.extend(found);
    let mut builder = ClientBuilder::default()
        .user_agent(user_agent.unwrap_or_else(|| USER_AGENT.to_owned()))
        .allow_insecure_http(insecure)
        .options_from_parts(timeout, max_retries, deadline);
    if let Some(url) = base_url {
        builder = builder.base_url(url);
    }
    if let Some(key) = api_key {
        builder = builder.api_key(key);
    }
    match builder.from_env().build() {
        Ok(client) if issues.0.is_empty() => Ok(client),
        Ok(_) => Err(Error::validation(issues.0)),
        Err(error) => Err(joined(issues.0, error)),
    }
}

/// An operation by id; an unknown id is core's own `unknown_operation` issue.
pub fn operation(id: &str) -> Result<Operation, Error> {
    Operation::from_id(id).ok_or_else(|| {
        // validate_by_id answers an unknown id with exactly that one issue.
        Error::validation(cake_core::validate::validate_by_id(id, &Value::Null))
    })
}
