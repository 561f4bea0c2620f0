//! Client configuration: the builder, environment defaults, and the URL safety rules.

use crate::error::Error;
use crate::secret::ApiKey;
use crate::validate::{code, Issue};
use std::time::Duration;

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(120);
pub const DEFAULT_MAX_RETRIES: u32 = 2;
pub const DEFAULT_BACKOFF_BASE: Duration = Duration::from_millis(500);
pub const DEFAULT_BACKOFF_MAX: Duration = Duration::from_secs(8);
/// The longest `Retry-After` the client will wait; above it the call fails as rate limited.
pub const DEFAULT_RETRY_AFTER_CAP: Duration = Duration::from_secs(30);
/// The largest answer read (64 MiB): far above any page the SDK asks for (500 report rows are
/// about 50 KB), low enough that a broken proxy or a runaway body cannot exhaust memory.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;
pub const ENV_BASE_URL: &str = "CAKE_BASE_URL";
pub const ENV_API_KEY: &str = "CAKE_API_KEY";

/// Per-call overrides; `None` keeps the client's setting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CallOptions {
    /// Per-attempt timeout.
    pub timeout: Option<Duration>,
    pub max_retries: Option<u32>,
    /// Bounds the whole call, retries and waits included.
    pub deadline: Option<Duration>,
}

/// The client's settings (the key is held apart, as an [`ApiKey`]).
#[derive(Debug, Clone)]
pub struct Config {
    pub base_url: String,
    pub api_key: Option<ApiKey>,
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_retries: u32,
    pub deadline: Duration,
    pub backoff_base: Duration,
    pub backoff_max: Duration,
    pub retry_after_cap: Duration,
    pub user_agent: String,
    pub allow_insecure_http: bool,
    /// Answers longer than this fail as `decode` errors; nothing past it is buffered.
    pub max_response_bytes: u64,
    /// The setting's name as the caller writes it, for the error that names the limit.
    pub max_response_bytes_name: String,
    /// At most this many attempts a second, over the client and all its clones; none: no limit.
    pub requests_per_second: Option<f64>,
}

impl Config {
    /// These settings with a call's overrides applied.
    pub fn with(&self, options: &CallOptions) -> Config {
        Config {
            timeout: options.timeout.unwrap_or(self.timeout),
            max_retries: options.max_retries.unwrap_or(self.max_retries),
            deadline: options.deadline.unwrap_or(self.deadline),
            ..self.clone()
        }
    }
}

/// Builds a [`super::Client`]. `base_url` is required; so is `api_key` unless
/// [`ClientBuilder::without_api_key`] is called (a proxy adds it server-side).
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    pub(crate) base_url: Option<String>,
    pub(crate) api_key: Option<ApiKey>,
    pub(crate) key_optional: bool,
    pub(crate) browser_key_allowed: bool,
    pub(crate) config: Config,
    /// Problems found by the setters that take unchecked values, reported by `build`.
    pub(crate) issues: Vec<Issue>,
    /// The transport given with [`ClientBuilder::transport`]; else core's own.
    pub(crate) transport: Option<super::transport::Given>,
    /// Whether the environment was asked (`from_env`): only then do issues suggest it.
    pub(crate) env_read: bool,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            base_url: None,
            api_key: None,
            key_optional: false,
            browser_key_allowed: false,
            issues: Vec::new(),
            transport: None,
            env_read: false,
            config: Config {
                base_url: String::new(),
                api_key: None,
                timeout: DEFAULT_TIMEOUT,
                connect_timeout: DEFAULT_CONNECT_TIMEOUT,
                max_retries: DEFAULT_MAX_RETRIES,
                deadline: DEFAULT_DEADLINE,
                backoff_base: DEFAULT_BACKOFF_BASE,
                backoff_max: DEFAULT_BACKOFF_MAX,
                retry_after_cap: DEFAULT_RETRY_AFTER_CAP,
                user_agent: format!("cake-sdk-rust/{}", env!("CARGO_PKG_VERSION")),
                allow_insecure_http: false,
                max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
                max_response_bytes_name: "max_response_bytes".to_owned(),
                requests_per_second: None,
            },
        }
    }
}

impl ClientBuilder {
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(ApiKey::new(key));
        self
    }

    /// Send no key: for a same-origin proxy that adds it server-side.
    pub fn without_api_key(mut self) -> Self {
        self.key_optional = true;
        self
    }

    /// Under wasm a key in the page is readable by anyone; sending one must be asked for.
    pub fn dangerously_allow_browser(mut self, allow: bool) -> Self {
        self.browser_key_allowed = allow;
        self
    }

    /// Sends every attempt through `transport` instead of core's own (reqwest). Required under
    /// WASI, where core has none.
    pub fn transport(mut self, transport: std::sync::Arc<dyn super::Transport>) -> Self {
        self.transport = Some(super::transport::Given(transport));
        self
    }

    /// Applies checked options (see [`CallOptions::from_parts`]) as the client's defaults.
    pub fn call_defaults(mut self, options: CallOptions) -> Self {
        self.config = self.config.with(&options);
        self
    }

    /// Timeout, retries and deadline as bindings receive them (seconds, a count); a bad value
    /// is reported by `build` together with every other problem.
    pub fn options_from_parts(
        self,
        timeout_seconds: Option<f64>,
        max_retries: Option<f64>,
        deadline_seconds: Option<f64>,
    ) -> Self {
        match CallOptions::from_parts(timeout_seconds, max_retries, deadline_seconds) {
            Ok(options) => self.call_defaults(options),
            Err(error) => {
                let mut builder = self;
                builder.issues.extend(error.issues().iter().cloned());
                builder
            }
        }
    }

    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.config.timeout = timeout;
        self
    }

    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.config.connect_timeout = timeout;
        self
    }

    pub fn max_retries(mut self, retries: u32) -> Self {
        self.config.max_retries = retries;
        self
    }

    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.config.deadline = deadline;
        self
    }

    pub fn backoff(mut self, base: Duration, max: Duration) -> Self {
        self.config.backoff_base = base;
        self.config.backoff_max = max;
        self
    }

    pub fn retry_after_cap(mut self, cap: Duration) -> Self {
        self.config.retry_after_cap = cap;
        self
    }

    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.config.user_agent = agent.into();
        self
    }

    /// Allow plain http to a host that is not loopback (the key would cross the network in clear).
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.config.allow_insecure_http = allow;
        self
    }

    /// At most `per_second` attempts a second (retries included), over the client and all its
    /// clones (see `client::pace`); `field` names the setting in the issue when it is out of
    /// range (above 0, at most 1,000,000).
    pub fn requests_per_second_from(mut self, per_second: f64, field: &str) -> Self {
        match super::pace::checked(per_second) {
            Ok(rate) => self.config.requests_per_second = Some(rate),
            Err(message) => self
                .issues
                .push(Issue::error(field, code::OUT_OF_RANGE, message)),
        }
        self
    }

    /// [`ClientBuilder::requests_per_second_from`] named as in Rust.
    pub fn requests_per_second(self, per_second: f64) -> Self {
        self.requests_per_second_from(per_second, "requests_per_second")
    }

    /// The largest answer the client reads ([`DEFAULT_MAX_RESPONSE_BYTES`] unless set; at
    /// least 1).
    pub fn max_response_bytes(mut self, bytes: u64) -> Self {
        self.config.max_response_bytes = bytes;
        self
    }

    /// The name the error for an answer past the limit gives the setting (a binding's own
    /// spelling, `maxResponseBytes`); `max_response_bytes` unless set.
    pub fn max_response_bytes_name(mut self, name: &str) -> Self {
        name.clone_into(&mut self.config.max_response_bytes_name);
        self
    }

    /// [`ClientBuilder::max_response_bytes`] from a number as a binding receives it; a value
    /// that is not a whole number of at least 1 is reported by `build`, naming `field`.
    pub fn max_response_bytes_from(mut self, bytes: f64, field: &str) -> Self {
        if bytes.is_finite() && bytes.fract() == 0.0 && bytes >= 1.0 && bytes <= u64::MAX as f64 {
            self.config.max_response_bytes = bytes as u64;
        } else {
            self.issues.push(Issue::error(
                field,
                code::OUT_OF_RANGE,
                "must be a whole number of bytes, at least 1",
            ));
        }
        self
    }

    /// Fills what was not set from `CAKE_BASE_URL` and `CAKE_API_KEY`.
    pub fn from_env(self) -> Self {
        let base_url = std::env::var(ENV_BASE_URL).ok();
        let api_key = std::env::var(ENV_API_KEY).ok();
        self.from_env_values(base_url, api_key)
    }

    /// [`ClientBuilder::from_env`] with the variables' values as the caller read them: a
    /// binding whose host holds the live environment (under WASI, the process's own is a copy
    /// made when the module loaded).
    pub fn from_env_values(mut self, base_url: Option<String>, api_key: Option<String>) -> Self {
        self.env_read = true;
        if self.base_url.is_none() {
            self.base_url = base_url.filter(|v| !v.trim().is_empty());
        }
        if self.api_key.is_none() {
            self.api_key = api_key.filter(|v| !v.is_empty()).map(ApiKey::new);
        }
        self
    }

    /// Checks the settings; every problem is an issue naming its setting.
    pub(crate) fn finish(self) -> Result<Config, Error> {
        let mut issues = self.issues;
        let base_url = self
            .base_url
            .map(|u| u.trim().trim_end_matches('/').to_owned())
            .unwrap_or_default();
        let required = |variable: &str| {
            if self.env_read {
                format!("is required (or set {variable})")
            } else {
                "is required".to_owned()
            }
        };
        if base_url.is_empty() {
            issues.push(Issue::error(
                "base_url",
                code::REQUIRED,
                required(ENV_BASE_URL),
            ));
        } else if let Err(issue) = check_base_url(&base_url, self.config.allow_insecure_http) {
            issues.push(issue);
        }
        let api_key = self.api_key.filter(|k| !k.is_empty());
        if api_key.is_none() && !self.key_optional {
            issues.push(Issue::error(
                "api_key",
                code::REQUIRED,
                required(ENV_API_KEY),
            ));
        }
        // The browser only: under WASI the module runs in Node, a server.
        if cfg!(all(target_arch = "wasm32", target_os = "unknown"))
            && api_key.is_some()
            && !self.browser_key_allowed
        {
            issues.push(Issue::error(
                "api_key",
                code::KEY_IN_BROWSER,
                "would be readable by anyone using the page: call through a server-side proxy, or opt in with dangerouslyAllowBrowser",
            ));
        }
        for (name, value) in [
            ("timeout", self.config.timeout),
            ("deadline", self.config.deadline),
        ] {
            if value.is_zero() {
                issues.push(Issue::error(
                    name,
                    code::OUT_OF_RANGE,
                    "must be greater than zero",
                ));
            }
        }
        if self.config.max_response_bytes == 0 {
            issues.push(Issue::error(
                "max_response_bytes",
                code::OUT_OF_RANGE,
                "must be at least 1",
            ));
        }
        if !issues.is_empty() {
            return Err(Error::validation(issues));
        }
        Ok(Config {
            base_url,
            api_key,
            ..self.config
        })
    }
}

/// An absolute http(s) URL; plain http only to loopback unless allowed.
fn check_base_url(base_url: &str, allow_insecure_http: bool) -> Result<(), Issue> {
    let url = url::Url::parse(base_url).map_err(|_| {
        Issue::error(
            "base_url",
            code::INVALID_URL,
            "must be an absolute http(s) URL",
        )
    })?;
    match url.scheme() {
        "https" => Ok(()),
        "http" if allow_insecure_http || is_loopback(&url) => Ok(()),
        "http" => Err(Issue::error(
            "base_url",
            code::INSECURE_URL,
            "must use https for a host that is not loopback (the api key would travel in clear); opt in with allow_insecure_http",
        )),
        _ => Err(Issue::error("base_url", code::INVALID_URL, "must be an absolute http(s) URL")),
    }
}

pub(crate) fn is_loopback(url: &url::Url) -> bool {
    let host = url.host_str().unwrap_or("");
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(builder: ClientBuilder) -> Vec<(String, String)> {
        match builder.finish() {
            Ok(_) => vec![],
            Err(e) => e
                .issues()
                .iter()
                .map(|i| (i.field.clone(), i.code.as_str().to_owned()))
                .collect(),
        }
    }

    #[test]
    fn https_required_beyond_loopback() {
        let ok = |url: &str| codes(ClientBuilder::default().base_url(url).api_key("k")).is_empty();
        assert!(ok("https://demo.cakemarketing.com"));
        assert!(ok("http://127.0.0.1:8080"));
        assert!(ok("http://localhost:8080/"));
        assert!(ok("http://[::1]:9000"));
        assert!(!ok("http://demo.cakemarketing.com"));
        assert!(!ok("ftp://demo.cakemarketing.com"));
        assert!(!ok("not a url"));
        let opted = ClientBuilder::default()
            .base_url("http://10.0.0.5")
            .api_key("k")
            .allow_insecure_http(true);
        assert!(codes(opted).is_empty());
    }

    #[test]
    fn missing_settings_name_their_field() {
        let found = codes(ClientBuilder::default());
        assert_eq!(
            found,
            vec![
                ("base_url".to_string(), "required".to_string()),
                ("api_key".to_string(), "required".to_string())
            ]
        );
        assert!(codes(
            ClientBuilder::default()
                .base_url("http://127.0.0.1:1")
                .without_api_key()
        )
        .is_empty());
    }
}

/// The longest per-call timeout or deadline accepted (a day): beyond it is surely a unit mistake.
pub const MAX_DURATION_SECONDS: f64 = MAX_DURATION_WHOLE_SECONDS as f64;
/// The same limit, for messages: formatting an f64 would pull float printing into wasm.
const MAX_DURATION_WHOLE_SECONDS: u32 = 86_400;
/// The most retries a call may ask for.
pub const MAX_RETRIES_LIMIT: u32 = 20;

impl CallOptions {
    /// Per-call options as bindings receive them (seconds as floats, a retry count as a
    /// number), checked: every problem is an issue naming its option.
    pub fn from_parts(
        timeout_seconds: Option<f64>,
        max_retries: Option<f64>,
        deadline_seconds: Option<f64>,
    ) -> Result<CallOptions, Error> {
        let mut issues = Vec::new();
        let mut duration = |name: &str, seconds: Option<f64>| -> Option<Duration> {
            let seconds = seconds?;
            if seconds.is_finite() && seconds > 0.0 && seconds <= MAX_DURATION_SECONDS {
                Some(Duration::from_secs_f64(seconds))
            } else {
                issues.push(Issue::error(
                    name,
                    code::OUT_OF_RANGE,
                    format!("must be more than 0 and at most {MAX_DURATION_WHOLE_SECONDS} seconds"),
                ));
                None
            }
        };
        let timeout = duration("timeout", timeout_seconds);
        let deadline = duration("deadline", deadline_seconds);
        let retries = match max_retries {
            None => None,
            Some(n)
                if n.is_finite()
                    && n.fract() == 0.0
                    && (0.0..=f64::from(MAX_RETRIES_LIMIT)).contains(&n) =>
            {
                Some(n as u32)
            }
            Some(_) => {
                issues.push(Issue::error(
                    "max_retries",
                    code::OUT_OF_RANGE,
                    format!("must be a whole number from 0 to {MAX_RETRIES_LIMIT}"),
                ));
                None
            }
        };
        if issues.is_empty() {
            Ok(CallOptions {
                timeout,
                max_retries: retries,
                deadline,
            })
        } else {
            Err(Error::validation(issues))
        }
    }
}

#[cfg(test)]
mod call_option_tests {
    use super::*;

    #[test]
    fn per_call_options_are_checked() {
        let ok = CallOptions::from_parts(Some(1.5), Some(3.0), None);
        assert_eq!(
            ok.ok(),
            Some(CallOptions {
                timeout: Some(Duration::from_millis(1500)),
                max_retries: Some(3),
                deadline: None
            })
        );
        let bad = CallOptions::from_parts(Some(0.0), Some(-1.0), Some(f64::NAN))
            .err()
            .map(|e| e.issues().to_vec())
            .unwrap_or_default();
        let fields: Vec<&str> = bad.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(fields, ["timeout", "deadline", "max_retries"]);
        assert!(CallOptions::from_parts(None, Some(2.5), None).is_err());
    }
}
