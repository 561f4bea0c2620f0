//! In-process access to a running mock's state, log and faults: what `MockServer` and
//! `BackgroundMock` both offer (each derefs to this), and what a binding can hold on to.

use crate::faults::{FaultRule, FaultStat};
use crate::log::RecordedRequest;
use crate::mock::Mock;
use serde_json::Value;
use std::sync::Arc;

/// A cheap, thread-safe handle to one mock's state.
#[derive(Debug, Clone)]
pub struct MockHandle(pub(crate) Arc<Mock>);

impl MockHandle {
    pub fn api_key(&self) -> &str {
        self.0.api_key()
    }

    /// Clears state, request log and faults; ids start again from the first.
    pub fn reset(&self) {
        self.0.reset()
    }

    /// Adds a fault rule (checked: a known operation or "*", probability within 0..=1).
    pub fn add_fault(&self, rule: FaultRule) -> Result<(), String> {
        self.0.add_fault(rule)
    }

    pub fn clear_faults(&self) {
        self.0.clear_faults();
    }

    pub fn fault_stats(&self) -> Vec<FaultStat> {
        self.0.fault_stats()
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.0.requests()
    }

    pub fn state(&self) -> Value {
        self.0.state()
    }

    /// Seeds entities (see `POST /_mock/seed`); gives the created entities with their ids.
    pub fn seed(&self, data: Value) -> Result<Value, String> {
        self.0.seed(&data)
    }
}
