//! Core's log records (target `cake_sdk`: one line per HTTP attempt, the key already masked)
//! for JS, where `lib/log.js` hands them to `util.debuglog` and the caller's `setLogger`.
//!
//! Records are made on runtime threads and queued to the JS thread through one thread-safe
//! function, without blocking. It exists only while JS listens; otherwise `log`'s max level
//! is off, and core neither formats its line nor calls in here. The sink is process-wide, as
//! `log` is: pages fetched ahead on tasks of their own are logged like any other attempt.
//!
//! Records queued and delivered are counted, so that a call can settle after its own records:
//! they were queued before its answer was, so once the delivered count reaches the queued
//! count read when the answer arrived, they have been delivered.

use log::{Level, LevelFilter, Log, Metadata, Record};
use napi::bindgen_prelude::FnArgs;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::Status;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{OnceLock, PoisonError, RwLock};

/// `(level, message)` for the JS dispatcher. Weak: a logger never keeps the process alive.
pub type LogSink =
    ThreadsafeFunction<FnArgs<(String, String)>, (), FnArgs<(String, String)>, Status, false, true>;

const TARGET: &str = "cake_sdk";

static SINK: RwLock<Option<LogSink>> = RwLock::new(None);
static QUEUED: AtomicU64 = AtomicU64::new(0);
static DELIVERED: AtomicU64 = AtomicU64::new(0);
/// Whether `log` forwards to [`Forwarder`] (it takes the first logger set in the process).
static INSTALLED: OnceLock<bool> = OnceLock::new();

struct Forwarder;

static FORWARDER: Forwarder = Forwarder;

/// Starts (a function) or stops (null) forwarding core's records; true if records will come.
#[napi_derive::napi]
pub fn set_log_sink(
    #[napi(ts_arg_type = "((level: string, message: string) => void) | null")] sink: Option<
        LogSink,
    >,
) -> bool {
    let installed = *INSTALLED.get_or_init(|| log::set_logger(&FORWARDER).is_ok());
    let on = installed && sink.is_some();
    if !on {
        log::set_max_level(LevelFilter::Off);
    }
    // Dropping the previous sink releases it; records already queued are still delivered.
    *SINK.write().unwrap_or_else(PoisonError::into_inner) = sink.filter(|_| on);
    if on {
        log::set_max_level(LevelFilter::Debug);
    }
    on
}

/// The number of records queued so far if some of them are not delivered yet (and can still
/// be), else null: what a call whose answer just arrived waits for.
#[napi_derive::napi]
pub fn log_undelivered() -> Option<f64> {
    let queued = QUEUED.load(Ordering::Acquire);
    log_pending(queued as f64).then_some(queued as f64)
}

/// Whether records up to number `queued` are still on their way to JS: false once they have
/// been delivered, or when they never will be (no sink, or its environment is going away).
#[napi_derive::napi]
pub fn log_pending(queued: f64) -> bool {
    let sink = SINK.read().unwrap_or_else(PoisonError::into_inner);
    let alive = sink.as_ref().is_some_and(|sink| !sink.aborted());
    alive && (DELIVERED.load(Ordering::Acquire) as f64) < queued
}

/// What the test suite checks: `log`'s max level ("OFF" while nobody listens: core then
/// formats no line) and how many records were queued to JS.
#[napi_derive::napi(object)]
pub struct LogState {
    pub max_level: String,
    pub queued: f64,
}

#[napi_derive::napi]
pub fn log_state() -> LogState {
    LogState {
        max_level: log::max_level().to_string(),
        queued: QUEUED.load(Ordering::Acquire) as f64,
    }
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warn => "warn",
        Level::Info => "info",
        Level::Debug => "debug",
        Level::Trace => "trace",
    }
}

impl Log for Forwarder {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        let target = metadata.target();
        target == TARGET || target.starts_with("cake_sdk::")
    }

    fn log(&self, record: &Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let sink = SINK.read().unwrap_or_else(PoisonError::into_inner);
        let Some(sink) = sink.as_ref() else {
            return;
        };
        let args = (
            level_name(record.level()).to_owned(),
            record.args().to_string(),
        )
            .into();
        // Counted before it is queued: whatever is queued after the count was read is counted
        // after it too, so deliveries reach that count only once all counted ones are in.
        QUEUED.fetch_add(1, Ordering::AcqRel);
        let mode = ThreadsafeFunctionCallMode::NonBlocking;
        let status = sink.call_with_return_value(args, mode, |_, _| {
            DELIVERED.fetch_add(1, Ordering::AcqRel);
            Ok(())
        });
        if status != Status::Ok {
            QUEUED.fetch_sub(1, Ordering::AcqRel);
        }
    }

    fn flush(&self) {}
}
