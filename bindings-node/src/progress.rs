//! Bulk progress: `(done, total)` handed to a JS callback from the runtime's threads.

use napi::bindgen_prelude::FnArgs;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::Status;

/// The JS callback as napi receives it (called directly, errors not passed as an argument).
pub type ProgressCallback =
    ThreadsafeFunction<FnArgs<(u32, u32)>, (), FnArgs<(u32, u32)>, Status, false>;

pub struct Progress(ProgressCallback);

impl Progress {
    pub fn new(callback: ProgressCallback) -> Self {
        Progress(callback)
    }

    /// Queues a call; never blocks the request that finished.
    pub fn report(&self, done: usize, total: usize) {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.0.call(
            (count(done), count(total)).into(),
            ThreadsafeFunctionCallMode::NonBlocking,
        );
    }
}
