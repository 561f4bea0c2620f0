//! One completion queue per event loop, found again on every call. Loops are held weakly
//! (a closed, dropped loop takes its reader and queue with it) and by process: after
//! `os.fork()` the child builds its own queue instead of sharing the parent's sockets.

use super::queue::{Deliver, Drain, Queue};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::PyWeakrefReference;
use std::sync::{Arc, Mutex, PoisonError};

struct Entry {
    event_loop: Py<PyWeakrefReference>,
    process: u32,
    /// None: the loop cannot watch a socket, so every call uses `call_soon_threadsafe`.
    queue: Option<Arc<Queue>>,
}

/// Only touched with the GIL held, and never held while Python code runs (which could let
/// another thread in).
static LOOPS: Mutex<Vec<Entry>> = Mutex::new(Vec::new());

/// How completions reach `event_loop`, registering it on its first call.
pub fn deliver_to(py: Python<'_>, event_loop: &Bound<'_, PyAny>) -> PyResult<Deliver> {
    let process = crate::process::current();
    if let Some(found) = find(py, event_loop, process) {
        return Ok(found);
    }
    let Ok(weak) = PyWeakrefReference::new(event_loop) else {
        return Ok(Deliver::CallSoon(event_loop.clone().unbind()));
    };
    let stale = prune(py, process);
    for entry in stale {
        forget_reader(py, &entry);
    }
    let queue = watch(event_loop)?;
    let deliver = match &queue {
        Some(queue) => Deliver::Queue(Arc::clone(queue)),
        None => Deliver::CallSoon(event_loop.clone().unbind()),
    };
    LOOPS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(Entry {
            event_loop: weak.unbind(),
            process,
            queue,
        });
    Ok(deliver)
}

fn find(py: Python<'_>, event_loop: &Bound<'_, PyAny>, process: u32) -> Option<Deliver> {
    let entries = LOOPS.lock().unwrap_or_else(PoisonError::into_inner);
    let entry = entries.iter().find(|entry| {
        entry.process == process
            && entry
                .event_loop
                .bind(py)
                .upgrade()
                .is_some_and(|alive| alive.is(event_loop))
    })?;
    Some(match &entry.queue {
        Some(queue) => Deliver::Queue(Arc::clone(queue)),
        None => Deliver::CallSoon(event_loop.clone().unbind()),
    })
}

/// Removes the entries of loops that are gone, or that belong to the parent of this
/// (forked) process; returned to be cleaned up outside the lock. (A closed loop that is
/// still referenced keeps its entry until it is dropped: its selector is closed, so its
/// reader no longer matters.)
fn prune(py: Python<'_>, process: u32) -> Vec<Entry> {
    let mut entries = LOOPS.lock().unwrap_or_else(PoisonError::into_inner);
    let (keep, stale): (Vec<Entry>, Vec<Entry>) = std::mem::take(&mut *entries)
        .into_iter()
        .partition(|entry| {
            entry.process == process && entry.event_loop.bind(py).upgrade().is_some()
        });
    *entries = keep;
    stale
}

/// A live loop of the parent process still watches the parent's reader: it is told to stop
/// before the socket closes (its descriptor number could be reused).
fn forget_reader(py: Python<'_>, entry: &Entry) {
    let (Some(queue), Some(alive)) = (&entry.queue, entry.event_loop.bind(py).upgrade()) else {
        return;
    };
    let _ = alive.call_method1(intern!(py, "remove_reader"), (queue.reader_fd(),));
}

/// A new queue whose reader `event_loop` watches, or None when it cannot watch sockets.
fn watch(event_loop: &Bound<'_, PyAny>) -> PyResult<Option<Arc<Queue>>> {
    let py = event_loop.py();
    let Ok(queue) = Queue::new() else {
        return Ok(None);
    };
    let queue = Arc::new(queue);
    let drain = Py::new(py, Drain::new(Arc::clone(&queue)))?;
    match event_loop.call_method1(intern!(py, "add_reader"), (queue.reader_fd(), drain)) {
        Ok(_) => Ok(Some(queue)),
        Err(error) if error.is_instance_of::<pyo3::exceptions::PyNotImplementedError>(py) => {
            Ok(None)
        }
        Err(error) => Err(error),
    }
}
