//! Bulk progress: `(done, total)` handed to a JS callback from the runtime's threads.
//!
//! The bulk's promise is settled through another channel (completions.rs), which Node may
//! serve first: so the last report is awaited (`report_last`) before the bulk answers, and
//! every report, in order, has reached the callback by the time the promise settles.

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
        self.0.call(
            (count(done), count(total)).into(),
            ThreadsafeFunctionCallMode::NonBlocking,
        );
    }

    /// Queues a call and waits until the callback has run: the calls of one threadsafe
    /// function run in order, so every earlier report has run too. Returns at once if the
    /// call cannot be queued, and when Node drops it unrun (its env going away).
    pub async fn report_last(&self, done: usize, total: usize) {
        let (ran, has_run) = tokio::sync::oneshot::channel();
        let status = self.0.call_with_return_value(
            (count(done), count(total)).into(),
            ThreadsafeFunctionCallMode::NonBlocking,
            move |_, _| {
                let _ = ran.send(());
                Ok(())
            },
        );
        if status == Status::Ok {
            let _ = has_run.await;
        }
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
