//! The timer in the browser (wasm32-unknown-unknown): one JS timeout per thread, set for the
//! earliest deadline of all the sleeps waiting, and one long-lived callback.
//!
//! Every attempt waits on a sleep (its timeout) that is nearly always dropped before it fires.
//! With a JS timeout per sleep (gloo-timers), each attempt made a wasm-bindgen closure, a
//! setTimeout and a clearTimeout. Here a new sleep calls into JS only when it is due before
//! every other one (with equal timeouts, never while calls overlap), and a dropped one only
//! when it was the last.
//!
//! Deadlines are on `performance.now()`, monotonic like the timeouts themselves (the wall
//! clock may jump); where it is missing, `Date.now()`. The client's `Stopwatch` reads the same
//! clock ([`now_micros`]), so a call's deadline and its sleeps agree.

use js_sys::{Function, Reflect};
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The longest delay setTimeout takes as given (2^31 - 1 ms); a longer one fires at once, so
/// a later deadline is reached in steps.
const MAX_DELAY_MS: f64 = 2_147_483_647.0;

/// A waiting sleep: its deadline (whole microseconds on the clock) and its order of arrival
/// (which tells two sleeps with one deadline apart).
type Key = (u64, u64);

/// What a thread's timer calls in JS.
struct Js {
    global: JsValue,
    set_timeout: Function,
    clear_timeout: Function,
    fire: Closure<dyn FnMut()>,
}

/// `performance` and its `now`, or `Date` and its `now`.
struct Clock {
    on: JsValue,
    now: Function,
}

#[derive(Default)]
struct Timer {
    /// The sleeps waiting, one per attempt in flight, in no order (a list: 5 KB gzip smaller
    /// in the module than a BTreeMap); a fired one is removed (its waker woken).
    waiting: Vec<(Key, Option<Waker>)>,
    arrivals: u64,
    /// The JS timeout set: its deadline and handle.
    armed: Option<(u64, JsValue)>,
    js: Option<Js>,
}

thread_local! {
    static TIMER: RefCell<Timer> = RefCell::new(Timer::default());
    static CLOCK: Option<Clock> = clock();
}

/// Now, in whole microseconds on the monotonic clock (see the module's note); None where JS
/// has no clock at all.
pub fn now_micros() -> Option<u64> {
    CLOCK.with(|clock| {
        let clock = clock.as_ref()?;
        let ms = clock.now.call0(&clock.on).ok()?.as_f64()?;
        // Rounded down: a deadline is never reported reached early.
        Some((ms * 1000.0).max(0.0) as u64)
    })
}

/// Waits `duration` (see the module's note).
pub fn sleep(duration: Duration) -> Sleep {
    Sleep {
        duration,
        key: None,
    }
}

pub struct Sleep {
    duration: Duration,
    /// Set at the first poll, when the sleep starts waiting.
    key: Option<Key>,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let duration = self.duration;
        let key = self.key;
        let ready = TIMER.with(|timer| {
            let Ok(mut timer) = timer.try_borrow_mut() else {
                // Not reachable (nothing polls from inside the timer); never stuck if it were.
                return true;
            };
            match key {
                // Fired: the callback removed it.
                Some(key) => match timer.waiting.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, waker)) => {
                        *waker = Some(cx.waker().clone());
                        false
                    }
                    None => true,
                },
                None => {
                    let Some(now) = timer.now() else {
                        return true; // no JS clock or timer at all: nothing could wake it
                    };
                    let deadline = now.saturating_add(micros(duration));
                    timer.arrivals += 1;
                    let key = (deadline, timer.arrivals);
                    timer.waiting.push((key, Some(cx.waker().clone())));
                    timer.arm(now);
                    self.key = Some(key);
                    false
                }
            }
        });
        if ready {
            self.key = None;
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        let Some(key) = self.key else { return };
        TIMER.with(|timer| {
            let Ok(mut timer) = timer.try_borrow_mut() else {
                return; // left to the callback, which wakes a waker nobody waits on
            };
            let Some(at) = timer.waiting.iter().position(|(k, _)| *k == key) else {
                return; // fired
            };
            timer.waiting.swap_remove(at);
            if timer.waiting.is_empty() {
                // Nothing waits: no timeout may keep a Node process alive.
                timer.disarm();
            }
        });
    }
}

impl Timer {
    /// The JS side, looked up once per thread.
    fn js(&mut self) -> Option<&Js> {
        if self.js.is_none() {
            self.js = lookup();
        }
        self.js.as_ref()
    }

    /// Now, in whole microseconds on the clock; None without the JS timer or clock.
    fn now(&mut self) -> Option<u64> {
        self.js()?;
        now_micros()
    }

    /// Sets the JS timeout for the earliest deadline, unless one is set for it or before.
    fn arm(&mut self, now: u64) {
        let Some(first) = self
            .waiting
            .iter()
            .map(|((deadline, _), _)| *deadline)
            .min()
        else {
            return;
        };
        if matches!(self.armed, Some((armed, _)) if armed <= first) {
            return;
        }
        self.disarm();
        let Some(js) = self.js() else { return };
        // Rounded up to whole milliseconds, within setTimeout's range.
        let delay = (first.saturating_sub(now) as f64 / 1000.0)
            .ceil()
            .min(MAX_DELAY_MS);
        let handle = js.set_timeout.call2(
            &js.global,
            js.fire.as_ref().unchecked_ref::<Function>(),
            &JsValue::from(delay),
        );
        if let Ok(handle) = handle {
            self.armed = Some((first, handle));
        }
    }

    fn disarm(&mut self) {
        if let Some((_, handle)) = self.armed.take() {
            if let Some(js) = self.js.as_ref() {
                let _ = js.clear_timeout.call1(&js.global, &handle);
            }
        }
    }
}

/// The JS timeout fired: wakes every sleep that is due, then sets the timeout for the next.
fn fire() {
    let due: Vec<Waker> = TIMER.with(|timer| {
        let Ok(mut timer) = timer.try_borrow_mut() else {
            return Vec::new();
        };
        timer.armed = None;
        let Some(now) = timer.now() else {
            return Vec::new();
        };
        let mut due = Vec::new();
        timer.waiting.retain_mut(|((deadline, _), waker)| {
            let waiting = *deadline > now;
            if !waiting {
                due.extend(waker.take());
            }
            waiting
        });
        timer.arm(now);
        due
    });
    // Outside the borrow: a waker may poll (and so start or drop sleeps) at once.
    for waker in due {
        waker.wake();
    }
}

fn lookup() -> Option<Js> {
    let global: JsValue = js_sys::global().into();
    Some(Js {
        set_timeout: function(&global, "setTimeout")?,
        clear_timeout: function(&global, "clearTimeout")?,
        fire: Closure::<dyn FnMut()>::new(fire),
        global,
    })
}

fn clock() -> Option<Clock> {
    let global: JsValue = js_sys::global().into();
    ["performance", "Date"].iter().find_map(|name| {
        let on = Reflect::get(&global, &JsValue::from_str(name)).ok()?;
        let now = function(&on, "now")?;
        Some(Clock { on, now })
    })
}

/// The function `on[name]`, if it is one.
fn function(on: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(on, &JsValue::from_str(name))
        .ok()?
        .dyn_into::<Function>()
        .ok()
}

fn micros(duration: Duration) -> u64 {
    u64::try_from(duration.as_micros()).unwrap_or(u64::MAX)
}
