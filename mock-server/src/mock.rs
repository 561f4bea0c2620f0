//! The mock's shared core: state, request log and fault rules behind short-held locks, with the
//! in-process operations the servers and the control endpoints expose.

use crate::config::MockConfig;
use crate::faults::{FaultRule, FaultSet, FaultStat};
use crate::log::{RecordedRequest, RequestLog, Ticket};
use crate::state::State;
use cake_core::secret::MASK;
use cake_core::Operation;
use serde_json::Value;
use std::fmt;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// One mock's data. Locks are never held across an await.
pub struct Mock {
    api_key: String,
    seed: u64,
    state: Mutex<State>,
    log: Mutex<RequestLog>,
    faults: Mutex<FaultSet>,
}

/// Locks, recovering from poisoning: every update leaves the data consistent, so a panic
/// elsewhere must not take the mock down with it.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Shows neither the key nor the (possibly huge) state.
impl fmt::Debug for Mock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mock")
            .field("api_key", &MASK)
            .field("seed", &self.seed)
            .finish_non_exhaustive()
    }
}

impl Mock {
    pub fn new(config: &MockConfig) -> Self {
        Mock {
            api_key: config.api_key.clone(),
            seed: config.seed,
            state: Mutex::default(),
            log: Mutex::default(),
            faults: Mutex::default(),
        }
    }

    pub fn api_key(&self) -> &str {
        &self.api_key
    }

    /// The report seed.
    pub fn report_seed(&self) -> u64 {
        self.seed
    }

    /// Clears state, request log and faults; ids start again from the first.
    pub fn reset(&self) {
        *lock(&self.state) = State::default();
        lock(&self.log).clear();
        lock(&self.faults).clear();
    }

    pub fn add_fault(&self, rule: FaultRule) -> Result<(), String> {
        lock(&self.faults).add(rule)
    }

    /// Removes every fault rule; gives how many there were.
    pub fn clear_faults(&self) -> usize {
        let mut faults = lock(&self.faults);
        let count = faults.stats().len();
        faults.clear();
        count
    }

    pub fn fault_stats(&self) -> Vec<FaultStat> {
        lock(&self.faults).stats()
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.log).entries()
    }

    /// Every entity, in full.
    pub fn state(&self) -> Value {
        lock(&self.state).snapshot()
    }

    /// Applies a seed document all-or-nothing; gives the created entities.
    pub fn seed(&self, data: &Value) -> Result<Value, String> {
        let mut state = lock(&self.state);
        let (seeded, created) = crate::seed::apply(&state, data)?;
        *state = seeded;
        Ok(created)
    }

    pub(crate) fn with_state<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        f(&mut lock(&self.state))
    }

    pub(crate) fn fire_fault(&self, operation: Operation) -> Option<FaultRule> {
        lock(&self.faults).fire(operation)
    }

    pub(crate) fn record(&self, entry: RecordedRequest) -> Ticket {
        lock(&self.log).push(entry)
    }

    pub(crate) fn mark_applied(&self, ticket: Ticket) {
        lock(&self.log).mark_applied(ticket)
    }
}
