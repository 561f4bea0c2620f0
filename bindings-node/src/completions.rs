//! The promises of the client's calls, settled through one channel per JS thread.
//!
//! napi-rs's `spawn_future` makes a threadsafe function per call (its own wake-up of the event
//! loop, an async handle opened and closed, an env cleanup hook) and a second task that
//! watches the first for a panic. Here each JS thread (main or worker) has one threadsafe
//! function: a finished call queues its answer, the first answer into an empty queue wakes
//! the loop, and one callback settles every queued promise. The channel keeps the event loop
//! alive only while a call is pending, like the per-call functions did.
//!
//! Native builds only: the WebAssembly fallback keeps napi-rs's path, which knows its runtime's
//! teardown.

// FFI to Node-API: promises and the threadsafe function have no safe wrapper in napi-rs that
// does not make a threadsafe function per promise.
#![allow(unsafe_code)]

use napi::sys;
use std::cell::RefCell;
use std::ffi::c_void;
use std::future::Future;
use std::ptr;
use std::sync::{Arc, Mutex, PoisonError};

/// A promise's resolver. Node-API lets it be used on its JS thread only: it travels to a
/// runtime thread and back inside the queue, untouched.
struct Deferred(sys::napi_deferred);
// SAFETY: moved between threads, used only by `settle` on the JS thread that made it.
unsafe impl Send for Deferred {}

struct Tsfn(sys::napi_threadsafe_function);
// SAFETY: a threadsafe function may be called from any thread until it is finalized; the
// pointer is cleared (under the lock) in its finalizer, before Node frees it.
unsafe impl Send for Tsfn {}

/// An envelope to resolve with, or the message of an Error to reject with.
type Answer = Result<String, &'static str>;

/// What the runtime threads share with one JS thread.
struct Shared {
    /// None once Node finalized the function (the env is going away).
    wake: Mutex<Option<Tsfn>>,
    /// Answers waiting for the JS thread, with the promises they settle (Err: rejected).
    done: Mutex<Vec<(Deferred, Answer)>>,
}

impl Shared {
    fn push(&self, deferred: Deferred, answer: Answer) {
        let was_empty = {
            let mut done = self.done.lock().unwrap_or_else(PoisonError::into_inner);
            done.push((deferred, answer));
            done.len() == 1
        };
        // Only the first answer into an empty queue wakes the loop: the callback takes all.
        if was_empty {
            let wake = self.wake.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(Tsfn(tsfn)) = wake.as_ref() {
                // SAFETY: not finalized while `wake` holds it (see Tsfn). Non-blocking: the
                // queue is unbounded. A closing env answers napi_closing; its promises are gone.
                unsafe {
                    sys::napi_call_threadsafe_function(
                        *tsfn,
                        ptr::null_mut(),
                        sys::ThreadsafeFunctionCallMode::nonblocking,
                    );
                }
            }
        }
    }
}

/// One JS thread's channel.
struct Channel {
    env: sys::napi_env,
    tsfn: sys::napi_threadsafe_function,
    shared: Arc<Shared>,
    /// Promises made and not yet settled; the function holds the loop open while above 0.
    pending: usize,
}

thread_local! {
    static CHANNEL: RefCell<Option<Channel>> = const { RefCell::new(None) };
}

/// Settles a call's promise exactly once: with its answer, or, if its task ended without one
/// (a panic), rejected with an Error, as napi-rs's `spawn_future` did.
struct Settle {
    deferred: Option<Deferred>,
    shared: Arc<Shared>,
}

impl Settle {
    fn with(mut self, answer: String) {
        if let Some(deferred) = self.deferred.take() {
            self.shared.push(deferred, Ok(answer));
        }
    }
}

impl Drop for Settle {
    fn drop(&mut self) {
        if let Some(deferred) = self.deferred.take() {
            self.shared.push(
                deferred,
                Err("cake-sdk: the call's task ended without an answer (a panic)"),
            );
        }
    }
}

/// A promise for `future`'s answer (an envelope); the future runs on napi's tokio runtime.
pub fn promise<F>(env: sys::napi_env, future: F) -> napi::Result<sys::napi_value>
where
    F: Future<Output = String> + Send + 'static,
{
    CHANNEL.with(|channel| {
        let mut channel = channel.borrow_mut();
        if channel.as_ref().is_none_or(|c| c.env != env) {
            *channel = Some(open(env)?);
        }
        let Some(channel) = channel.as_mut() else {
            return Err(napi::Error::from_reason("no completion channel"));
        };
        let mut deferred = ptr::null_mut();
        let mut promise = ptr::null_mut();
        // SAFETY: called on the JS thread of `env` (napi methods run there).
        check(unsafe { sys::napi_create_promise(env, &mut deferred, &mut promise) })?;
        if channel.pending == 0 {
            // SAFETY: as above; the function is alive (its finalizer clears CHANNEL first).
            check(unsafe { sys::napi_ref_threadsafe_function(env, channel.tsfn) })?;
        }
        channel.pending += 1;
        let settle = Settle {
            deferred: Some(Deferred(deferred)),
            shared: channel.shared.clone(),
        };
        napi::bindgen_prelude::spawn(async move { settle.with(future.await) });
        Ok(promise)
    })
}

/// This JS thread's threadsafe function, unreferenced until a call is pending.
fn open(env: sys::napi_env) -> napi::Result<Channel> {
    let shared = Arc::new(Shared {
        wake: Mutex::new(None),
        done: Mutex::new(Vec::new()),
    });
    let name = "cake-sdk completions";
    let mut resource_name = ptr::null_mut();
    let mut tsfn = ptr::null_mut();
    // The finalizer's reference to `shared`, given back in `finalized`.
    let context = Arc::into_raw(shared.clone()) as *mut c_void;
    // SAFETY: on the JS thread of `env`; `context` outlives the function (freed in `finalized`).
    unsafe {
        check(sys::napi_create_string_utf8(
            env,
            name.as_ptr().cast(),
            name.len() as isize,
            &mut resource_name,
        ))?;
        let made = check(sys::napi_create_threadsafe_function(
            env,
            ptr::null_mut(),
            ptr::null_mut(),
            resource_name,
            0,
            1,
            context,
            Some(finalized),
            context,
            Some(drain),
            &mut tsfn,
        ));
        if let Err(error) = made {
            drop(Arc::from_raw(context as *const Shared));
            return Err(error);
        }
        check(sys::napi_unref_threadsafe_function(env, tsfn))?;
    }
    *shared.wake.lock().unwrap_or_else(PoisonError::into_inner) = Some(Tsfn(tsfn));
    Ok(Channel {
        env,
        tsfn,
        shared,
        pending: 0,
    })
}

/// On the JS thread: settles every queued promise, and lets the loop go when none is left.
unsafe extern "C" fn drain(
    env: sys::napi_env,
    _js_callback: sys::napi_value,
    context: *mut c_void,
    _data: *mut c_void,
) {
    // A null env: Node is tearing the env down; nothing can be settled any more.
    if env.is_null() || context.is_null() {
        return;
    }
    // SAFETY: `context` is the Arc given in `open`, alive until `finalized`.
    let shared = unsafe { &*(context as *const Shared) };
    let done = std::mem::take(&mut *shared.done.lock().unwrap_or_else(PoisonError::into_inner));
    let settled = done.len();
    for (Deferred(deferred), answer) in done {
        // SAFETY: on the JS thread that made `deferred`; Node opened a handle scope for us.
        unsafe { settle(env, deferred, &answer) };
    }
    let _ = CHANNEL.try_with(|channel| {
        if let Some(channel) = channel.borrow_mut().as_mut().filter(|c| c.env == env) {
            channel.pending = channel.pending.saturating_sub(settled);
            if channel.pending == 0 && settled > 0 {
                // SAFETY: on the JS thread, the function alive (see above).
                unsafe { sys::napi_unref_threadsafe_function(env, channel.tsfn) };
            }
        }
    });
}

/// Resolves with the envelope's text, or rejects with an Error. Should the string not be
/// made (short of an exhausted heap it always is), rejects with what Node-API left pending.
unsafe fn settle(env: sys::napi_env, deferred: sys::napi_deferred, answer: &Answer) {
    let text = match answer {
        Ok(text) => text.as_bytes(),
        Err(message) => message.as_bytes(),
    };
    let mut value = ptr::null_mut();
    // SAFETY: the caller's (`drain`).
    unsafe {
        let mut made = sys::napi_create_string_utf8(
            env,
            text.as_ptr().cast(),
            text.len() as isize,
            &mut value,
        );
        if made == sys::Status::napi_ok && answer.is_err() {
            let message = value;
            made = sys::napi_create_error(env, ptr::null_mut(), message, &mut value);
        }
        match (made == sys::Status::napi_ok, answer.is_ok()) {
            (true, true) => sys::napi_resolve_deferred(env, deferred, value),
            (true, false) => sys::napi_reject_deferred(env, deferred, value),
            (false, _) => {
                let mut exception = ptr::null_mut();
                sys::napi_get_and_clear_last_exception(env, &mut exception);
                sys::napi_reject_deferred(env, deferred, exception)
            }
        };
    }
}

/// Node finalizes the function as the env goes away (on the JS thread): runtime threads stop
/// calling it, the thread's channel is dropped, and the finalizer's Arc is given back.
unsafe extern "C" fn finalized(env: sys::napi_env, data: *mut c_void, _hint: *mut c_void) {
    if data.is_null() {
        return;
    }
    // SAFETY: `data` is the Arc leaked in `open`, given back exactly once here.
    let shared = unsafe { Arc::from_raw(data as *const Shared) };
    *shared.wake.lock().unwrap_or_else(PoisonError::into_inner) = None;
    let _ = CHANNEL.try_with(|channel| {
        let mut channel = channel.borrow_mut();
        if channel.as_ref().is_some_and(|c| c.env == env) {
            *channel = None;
        }
    });
}

fn check(status: sys::napi_status) -> napi::Result<()> {
    if status == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(napi::Error::from_reason(format!(
            "Node-API call failed (status {status})"
        )))
    }
}
