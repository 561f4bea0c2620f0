//! The timer under WASI (wasm32-wasip1-threads, where napi-rs runs a tokio runtime with
//! threads). tokio's own timer cannot be used there: while one is pending, tokio parks its
//! worker by sleeping for the whole wait instead of waiting on a condvar (its code cannot see
//! that this target has atomics), so a task woken meanwhile (an answer from JS, an abort) would
//! wait for that timer to expire. This is one std thread, whose condvar does wake, firing each
//! sleep's channel at its deadline; with no tokio timer pending, tokio's workers wait on their
//! condvars and every wake-up reaches them at once.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

/// Past this many waiting sleeps, the abandoned ones (their future dropped: an attempt that
/// got its answer before its timeout) are cleared out, so they never pile up.
const PRUNE_ABOVE: usize = 4096;

/// The sleeps waiting, by deadline then order of arrival; and how many arrived so far.
type Waiting = (BTreeMap<(Instant, u64), oneshot::Sender<()>>, u64);

#[derive(Default)]
struct Timers {
    waiting: Mutex<Waiting>,
    changed: Condvar,
}

impl Timers {
    fn lock(&self) -> MutexGuard<'_, Waiting> {
        self.waiting.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn add(&self, deadline: Instant, fire: oneshot::Sender<()>) {
        let mut waiting = self.lock();
        let (queue, count) = &mut *waiting;
        *count += 1;
        queue.insert((deadline, *count), fire);
        if queue.len() > PRUNE_ABOVE {
            queue.retain(|_, fire| !fire.is_closed());
        }
        drop(waiting);
        self.changed.notify_one();
    }

    /// The thread's body: fires what is due, then waits for the next deadline or a new sleep.
    fn run(&self) {
        let mut waiting = self.lock();
        loop {
            let now = Instant::now();
            while let Some(entry) = waiting.0.first_entry() {
                if entry.key().0 > now {
                    break;
                }
                let _ = entry.remove().send(());
            }
            let next = waiting.0.keys().next().map(|(deadline, _)| *deadline);
            waiting = match next {
                Some(deadline) => {
                    let wait = deadline.saturating_duration_since(now);
                    self.changed
                        .wait_timeout(waiting, wait)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0
                }
                None => self
                    .changed
                    .wait(waiting)
                    .unwrap_or_else(PoisonError::into_inner),
            };
        }
    }
}

/// The timer thread, started on first use; `None` if no thread could be started.
fn timers() -> Option<&'static Timers> {
    static TIMERS: OnceLock<Option<&'static Timers>> = OnceLock::new();
    *TIMERS.get_or_init(|| {
        let timers: &'static Timers = Box::leak(Box::default());
        std::thread::Builder::new()
            .name("cake-timer".into())
            .spawn(move || timers.run())
            .ok()
            .map(|_| timers)
    })
}

pub async fn sleep(duration: Duration) {
    let Some(timers) = timers() else {
        // No thread: tokio's timer still waits, only wake-ups meanwhile come late.
        return tokio::time::sleep(duration).await;
    };
    let Some(deadline) = Instant::now().checked_add(duration) else {
        // Past what the clock can hold: never.
        return std::future::pending().await;
    };
    let (fire, fired) = oneshot::channel();
    timers.add(deadline, fire);
    let _ = fired.await;
}
