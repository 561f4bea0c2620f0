//! How a mock server is started.

/// The mock's settings. `port` 0 picks a free port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockConfig {
    /// The only api key the mock accepts.
    pub api_key: String,
    /// Seeds the report numbers: the same seed and state give the same rows.
    pub seed: u64,
    pub port: u16,
}

/// The key a default mock accepts.
pub const DEFAULT_API_KEY: &str = "mock-api-key";

impl Default for MockConfig {
    fn default() -> Self {
        MockConfig {
            api_key: DEFAULT_API_KEY.to_owned(),
            seed: 1,
            port: 0,
        }
    }
}
