//! The blocking `Client`'s calls run on the calling thread: each Python thread has a
//! current-thread tokio runtime of its own, and each client a connection pool on it. On the
//! process runtime a blocking call handed its request to a parked worker thread and the
//! answer back, two thread wake-ups per call: 10,000 reads at concurrency 1 took 89 us of
//! CPU each (caller 31, runtime workers 58) at 8.8k reads/s; on the caller's own runtime 47 us
//! at 11.3k reads/s. Bulk and the report pager stay on the process runtime (many requests at
//! once; pages fetched ahead while Python reads rows).
//!
//! A thread's runtime and pools go with the thread (its thread-local state is dropped as it
//! exits); a client's pool on this thread goes with the client. A forked child leaves its
//! parent's copies alone (their sockets and epoll instance are the parent's) and makes its own.

use cake_core::client::Client;
use cake_core::Error;
use pyo3::prelude::*;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Weak};
use tokio::runtime::{Builder, Runtime};
use tokio::time::Sleep;

/// What identifies a client to the threads it has pools on (a pool lives while its owner does).
pub type Owner = Arc<()>;

struct Local {
    /// The process this state was made in (a forked child's copy is not its own).
    process: u32,
    runtime: Rc<Runtime>,
    /// The signal-check timer, kept from call to call (`interruptible` re-arms it).
    tick: Option<Pin<Box<Sleep>>>,
    /// This thread's pool of each live client.
    pools: Vec<(Weak<()>, Client)>,
}

thread_local! {
    static LOCAL: RefCell<Option<Local>> = const { RefCell::new(None) };
}

/// Runs `call` with this thread's pool of `owner`'s client (made by `pool` on first use) on this
/// thread's runtime, the GIL released, waking every 100 ms to let Ctrl-C through (the call is
/// then dropped, its request abandoned).
pub fn block_on<F>(
    py: Python<'_>,
    owner: &Owner,
    pool: impl FnOnce() -> Result<Client, Error>,
    call: impl FnOnce(Client) -> F,
) -> PyResult<Result<F::Output, Error>>
where
    F: Future + Send,
    F::Output: Send,
{
    crate::runtime::refuse_nested()?;
    let process = crate::process::current();
    let (runtime, client, mut tick) = match take(owner, process, pool)? {
        Ok(taken) => taken,
        Err(error) => return Ok(Err(error)),
    };
    let call = call(client);
    // Idle connections first see what the server did since the last call (`caught_up`).
    let fresh_call = async move {
        caught_up().await;
        call.await
    };
    let output = crate::runtime::interruptible(py, &runtime, fresh_call, &mut tick);
    keep_tick(process, tick);
    output.map(Ok)
}

/// This thread's runtime, `owner`'s pool on it and its signal-check timer, made where
/// missing. A runtime that cannot start is a usage error; a pool that cannot be made, core's
/// error.
#[allow(clippy::type_complexity)]
fn take(
    owner: &Owner,
    process: u32,
    pool: impl FnOnce() -> Result<Client, Error>,
) -> PyResult<Result<(Rc<Runtime>, Client, Pin<Box<Sleep>>), Error>> {
    LOCAL.with(|cell| {
        let mut slot = cell.try_borrow_mut().map_err(|_| {
            crate::errors::misuse("a blocking cake_sdk call cannot run inside another")
        })?;
        if slot.as_ref().is_some_and(|local| local.process != process) {
            // The parent's: dropping it would deregister the parent's sockets from the epoll
            // instance both processes share.
            std::mem::forget(slot.take());
        }
        let local = match slot.as_mut() {
            Some(local) => local,
            None => slot.insert(Local {
                process,
                runtime: Rc::new(Builder::new_current_thread().enable_all().build().map_err(
                    |e| crate::errors::misuse(format!("cannot start a tokio runtime: {e}")),
                )?),
                tick: None,
                pools: Vec::new(),
            }),
        };
        local
            .pools
            .retain(|(client_of, _)| client_of.strong_count() > 0);
        let found = local
            .pools
            .iter()
            .find(|(client_of, _)| client_of.as_ptr() == Arc::as_ptr(owner))
            .map(|(_, client)| client.clone());
        let client = match found {
            Some(client) => client,
            None => match pool() {
                Ok(client) => {
                    local.pools.push((Arc::downgrade(owner), client.clone()));
                    client
                }
                Err(error) => return Ok(Err(error)),
            },
        };
        let tick = match local.tick.take() {
            Some(tick) => tick,
            None => crate::runtime::signal_timer(&local.runtime),
        };
        Ok(Ok((Rc::clone(&local.runtime), client, tick)))
    })
}

/// Lets this thread's idle connections see what happened to them since the last call: a
/// connection the server closed meanwhile (its keep-alive timeout) is then out of the pool,
/// and the call opens a new one, instead of writing into the closed one and losing the
/// answer (a write would end as unknown_outcome). Nothing ran this runtime between calls:
/// the first yield has the I/O driver polled (yield_now wakes its task after the driver),
/// the second lets the connection tasks it woke run before the call goes on.
async fn caught_up() {
    tokio::task::yield_now().await;
    tokio::task::yield_now().await;
}

fn keep_tick(process: u32, tick: Pin<Box<Sleep>>) {
    LOCAL.with(|cell| {
        if let Ok(mut slot) = cell.try_borrow_mut() {
            if let Some(local) = slot.as_mut().filter(|local| local.process == process) {
                local.tick = Some(tick);
            }
        }
    });
}

/// Drops this thread's pool of `owner`'s client (its connections close); other threads drop
/// theirs at their next blocking call or as they exit.
pub fn release(owner: &Owner) {
    let _ = LOCAL.try_with(|cell| {
        if let Ok(mut slot) = cell.try_borrow_mut() {
            if let Some(local) = slot.as_mut() {
                local
                    .pools
                    .retain(|(client_of, _)| client_of.as_ptr() != Arc::as_ptr(owner));
            }
        }
    });
}
