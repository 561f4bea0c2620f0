//! The settings of cake-sdk's two JS packages, the Node one (`bindings-node`) and the browser
//! one (`bindings-wasm`), as a JS caller writes them.
//!
//! Why a crate: both packages take the same options under the same JS names (`baseUrl`,
//! `timeoutMs`, `maxRetries`, `maxResponseBytes`, `pagesAhead`, `concurrency`, ...), so reading
//! them, the type checks and the renaming of core's issues (`max_retries` -> `maxRetries`) are
//! written once, here. The range
//! rules are core's (`CallOptions::from_parts`, `ClientBuilder::options_from_parts`,
//! `ClientBuilder::max_response_bytes_from`, `ReportPager::pages_ahead_from`); this crate only
//! converts and renames. Each package keeps what is its own (Node: environment variables, its
//! User-Agent; the browser: the api key opt-in, the same-origin proxy) and builds its client
//! with [`Settings`].
//!
//! Every function takes the options as one JSON object (what the JS layer sends); `null` or a
//! missing key is "not given".

use cake_core::client::{BulkOptions, CallOptions, Client, ClientBuilder, ReportPager};
use cake_core::money::parse::{decimal_from_number, AmountError};
use cake_core::validate::{code, Issue};
use cake_core::{Error, Operation};
use serde_json::{Number, Value};

#[cfg(test)]
mod tests;

/// Each setting as core names it in its issues, and as a JS caller writes it.
const JS_NAMES: [(&str, &str); 9] = [
    ("base_url", "baseUrl"),
    ("api_key", "apiKey"),
    ("timeout", "timeoutMs"),
    ("max_retries", "maxRetries"),
    ("deadline", "deadlineMs"),
    ("user_agent", "userAgent"),
    ("allow_insecure_http", "allowInsecureHttp"),
    ("pages_ahead", "pagesAhead"),
    ("max_response_bytes", "maxResponseBytes"),
];

/// The type issue of a count (`maxRetries`, `pagesAhead`, `concurrency`).
const WHOLE: &str = "must be a whole number";

/// The type issue of `maxResponseBytes` (core checks that it is whole and at least 1).
const BYTES: &str = "must be a whole number of bytes";
const RATE: &str = "must be a number of requests per second";

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

/// A number, or the issue naming the setting (`message`: what it must be); core checks its
/// range.
fn number(options: &Value, name: &str, message: &'static str) -> Result<Option<f64>, Issue> {
    match given(options, name) {
        None => Ok(None),
        Some(Value::Number(number)) => Ok(Some(float(number))),
        Some(_) => Err(Issue::error(name, code::INVALID_TYPE, message)),
    }
}

/// A JSON number as an f64, read by core's decimal reader: `str::parse::<f64>` would add its
/// tables (12 KB gzip) to the browser package. Beyond a decimal's reach, a number too large is
/// infinite and one with more than 28 decimal places (JS writes that only below 1e-11) a tiny
/// f64 of its sign: core's ranges then judge it as they would the exact value (not zero, not
/// whole).
fn float(number: &Number) -> f64 {
    let sign = if number.as_str().starts_with('-') {
        -1.0
    } else {
        1.0
    };
    match decimal_from_number(number) {
        // Not `Decimal::as_f64`: its u128 division is another 1 KB of wasm. For the digits JS
        // writes (below 2^53, scale up to 22) this is one correctly rounded division.
        Ok(decimal) => decimal.mantissa() as f64 / 10f64.powi(decimal.scale() as i32),
        Err(AmountError::TooManyDecimals) => sign * f64::MIN_POSITIVE,
        Err(_) => sign * f64::INFINITY,
    }
}

/// The type issues found while reading several settings, reported together with core's.
#[derive(Default)]
struct Issues(Vec<Issue>);

impl Issues {
    fn take<T: Default>(&mut self, result: Result<T, Issue>) -> T {
        result.unwrap_or_else(|issue| {
            self.0.push(issue);
            T::default()
        })
    }
}

/// `{timeoutMs, maxRetries, deadlineMs}` as core receives them (seconds and a count), noting
/// the type issues found.
fn parts(options: &Value, issues: &mut Issues) -> (Option<f64>, Option<f64>, Option<f64>) {
    let seconds = |ms: Option<f64>| ms.map(|ms| ms / 1000.0);
    let millis = "must be a number of milliseconds";
    let timeout = seconds(issues.take(number(options, "timeoutMs", millis)));
    let max_retries = issues.take(number(options, "maxRetries", WHOLE));
    let deadline = seconds(issues.take(number(options, "deadlineMs", millis)));
    (timeout, max_retries, deadline)
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

/// The Client's settings being read: each package reads what is its own with [`Settings::text`]
/// and [`Settings::flag`], the shared ones with [`Settings::shared`], then [`Settings::build`]
/// reports every problem at once, with JS names.
pub struct Settings<'a> {
    config: &'a Value,
    issues: Issues,
}

impl<'a> Settings<'a> {
    pub fn new(config: &'a Value) -> Self {
        Settings {
            config,
            issues: Issues::default(),
        }
    }

    /// A string setting, `None` when not given (another type is an issue).
    pub fn text(&mut self, name: &str) -> Option<String> {
        let found = match given(self.config, name) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(_) => Err(Issue::error(name, code::INVALID_TYPE, "must be a string")),
        };
        self.issues.take(found)
    }

    /// A true/false setting, false when not given (another type is an issue).
    pub fn flag(&mut self, name: &str) -> bool {
        let found = match given(self.config, name) {
            None => Ok(false),
            Some(Value::Bool(flag)) => Ok(*flag),
            Some(_) => Err(Issue::error(
                name,
                code::INVALID_TYPE,
                "must be true or false",
            )),
        };
        self.issues.take(found)
    }

    /// A function-valued setting (`onWarning`). A function cannot cross into Rust, so the JS
    /// layer keeps it and sends `null` in its place (and for "not given"); anything else it
    /// sends as the name of the JS type it found (`"string"`, `"object"`, ...). Checking it
    /// here reports it with every other bad setting, in the same error.
    pub fn function(&mut self, name: &str) {
        if given(self.config, name).is_some() {
            self.issues
                .0
                .push(Issue::error(name, code::INVALID_TYPE, "must be a function"));
        }
    }

    /// `baseUrl`, `userAgent` (when given), `allowInsecureHttp`, `timeoutMs`, `maxRetries`,
    /// `deadlineMs`, `maxResponseBytes`, `requestsPerSecond` on `builder`, and the check of
    /// `onWarning` (kept in JS): the settings both packages take the same way.
    pub fn shared(&mut self, mut builder: ClientBuilder) -> ClientBuilder {
        if let Some(url) = self.text("baseUrl") {
            builder = builder.base_url(url);
        }
        if let Some(agent) = self.text("userAgent") {
            builder = builder.user_agent(agent);
        }
        let insecure = self.flag("allowInsecureHttp");
        let (timeout, max_retries, deadline) = parts(self.config, &mut self.issues);
        let max_bytes = self
            .issues
            .take(number(self.config, "maxResponseBytes", BYTES));
        let rate = self
            .issues
            .take(number(self.config, "requestsPerSecond", RATE));
        self.function("onWarning");
        if let Some(rate) = rate {
            // Core checks the range (above 0, at most 1,000,000) and names it so.
            builder = builder.requests_per_second_from(rate, "requestsPerSecond");
        }
        builder = builder.allow_insecure_http(insecure).options_from_parts(
            timeout,
            max_retries,
            deadline,
        );
        // Core names the setting so in the error for an answer past the limit.
        builder = builder.max_response_bytes_name("maxResponseBytes");
        match max_bytes {
            // Core checks it (whole, at least 1) and names it so in its issue.
            Some(bytes) => builder.max_response_bytes_from(bytes, "maxResponseBytes"),
            None => builder,
        }
    }

    /// The client, or every problem found: the type issues, then core's (JS-named).
    pub fn build(self, builder: ClientBuilder) -> Result<Client, Error> {
        let issues = self.issues.0;
        match builder.build() {
            Ok(client) if issues.is_empty() => Ok(client),
            Ok(_) => Err(Error::validation(issues)),
            Err(error) => Err(joined(issues, error)),
        }
    }
}

/// The per-call overrides of `{timeoutMs, maxRetries, deadlineMs}`.
pub fn call_options(options: &Value) -> Result<CallOptions, Error> {
    let mut issues = Issues::default();
    let (timeout, max_retries, deadline) = parts(options, &mut issues);
    match CallOptions::from_parts(timeout, max_retries, deadline) {
        Ok(options) if issues.0.is_empty() => Ok(options),
        Ok(_) => Err(Error::validation(issues.0)),
        Err(error) => Err(joined(issues.0, error)),
    }
}

/// `{concurrency}` of a bulk call (a whole number; 0 runs one at a time, as 1 does).
pub fn bulk_options(options: &Value) -> Result<BulkOptions, Error> {
    let Some(value) = given(options, "concurrency") else {
        return Ok(BulkOptions::default());
    };
    let issue = |code: cake_core::IssueCode, message: &str| {
        Error::validation(vec![Issue::error("concurrency", code, message)])
    };
    if !value.is_number() {
        return Err(issue(code::INVALID_TYPE, WHOLE));
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
    let pages = number(options, "pagesAhead", WHOLE);
    match pages.map_err(|issue| Error::validation(vec![issue]))? {
        None => Ok(pager),
        Some(pages) => pager.pages_ahead_from(pages).map_err(in_js_names),
    }
}

/// An operation by id; an unknown id is core's own `unknown_operation` issue.
pub fn operation(id: &str) -> Result<Operation, Error> {
    Operation::from_id(id).ok_or_else(|| {
        // validate_by_id answers an unknown id with exactly that one issue.
        Error::validation(cake_core::validate::validate_by_id(id, &Value::Null))
    })
}
