//! Where finished calls wait for their loop's thread, and how that thread is woken.

use super::AbortOnDone;
use pyo3::intern;
use pyo3::prelude::*;
use std::sync::{Arc, Mutex, PoisonError};

/// Makes a finished call's Python value (or exception), with the GIL, on the loop's thread.
pub type Finish = Box<dyn FnOnce(Python<'_>) -> PyResult<Py<PyAny>> + Send>;

/// A finished call: its asyncio future, that future's abort callback, and its result.
pub struct Completion {
    future: Py<PyAny>,
    abort: Py<AbortOnDone>,
    finish: Finish,
}

impl Completion {
    pub fn new(future: Py<PyAny>, abort: Py<AbortOnDone>, finish: Finish) -> Self {
        Completion {
            future,
            abort,
            finish,
        }
    }

    /// Resolves the future, unless it was cancelled meanwhile. A failure to set it (which
    /// asyncio does not do for a pending future) is reported as unraisable: there is no
    /// caller to raise it to.
    fn deliver(self, py: Python<'_>) {
        let future = self.future.bind(py);
        // A cancelled future has already handed its callbacks to the loop, so removing ours
        // finds nothing: that is the check that it is still pending.
        let pending = future
            .call_method1(intern!(py, "remove_done_callback"), (self.abort,))
            .and_then(|removed| removed.extract::<usize>());
        let set = match pending {
            Ok(0) => return,
            Ok(_) => match (self.finish)(py) {
                Ok(value) => future.call_method1(intern!(py, "set_result"), (value,)),
                Err(error) => {
                    future.call_method1(intern!(py, "set_exception"), (error.into_value(py),))
                }
            },
            Err(error) => Err(error),
        };
        if let Err(error) = set {
            error.write_unraisable(py, Some(future));
        }
    }
}

/// How a call's completion reaches its loop.
pub enum Deliver {
    /// Through the loop's queue (a loop that watches sockets).
    Queue(Arc<Queue>),
    /// One `call_soon_threadsafe` per call, the GIL taken on a blocking thread: for a loop
    /// that cannot watch a socket (Windows' proactor) or be weakly referenced.
    CallSoon(Py<PyAny>),
}

impl Deliver {
    /// Hands `completion` over; runs on a runtime thread, inside the runtime.
    pub fn push(self, completion: Completion) {
        match self {
            Deliver::Queue(queue) => queue.push(completion),
            Deliver::CallSoon(event_loop) => {
                tokio::task::spawn_blocking(move || {
                    Python::try_attach(|py| {
                        let handed = Handover {
                            completion: Mutex::new(Some(completion)),
                        };
                        let sent = Py::new(py, handed).and_then(|handed| {
                            event_loop.call_method1(
                                py,
                                intern!(py, "call_soon_threadsafe"),
                                (handed,),
                            )
                        });
                        // The loop is closed: nobody awaits the future any more.
                        drop(sent);
                    })
                });
            }
        }
    }
}

/// One completion handed to the loop by `call_soon_threadsafe`.
#[pyclass(module = "cake_sdk._core", frozen)]
pub struct Handover {
    completion: Mutex<Option<Completion>>,
}

#[pymethods]
impl Handover {
    fn __call__(&self, py: Python<'_>) {
        let taken = self
            .completion
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(completion) = taken {
            completion.deliver(py);
        }
    }
}

#[derive(Default)]
struct Waiting {
    completions: Vec<Completion>,
    /// A wake-up is on its way (sent, and not yet answered by a drain).
    woken: bool,
}

/// The completions waiting for one event loop, and the socket pair that wakes it: the
/// loop watches `reader` (`loop.add_reader`) and runs [`Drain`] when a byte arrives.
pub struct Queue {
    waiting: Mutex<Waiting>,
    wake: wake::Pair,
}

impl Queue {
    pub fn new() -> std::io::Result<Self> {
        Ok(Queue {
            waiting: Mutex::new(Waiting::default()),
            wake: wake::Pair::new()?,
        })
    }

    /// The descriptor the loop watches.
    pub fn reader_fd(&self) -> i64 {
        self.wake.reader_fd()
    }

    /// Adds a completion; only the first into an empty queue wakes the loop (one byte, no
    /// GIL): the drain it triggers takes every completion that arrived until then.
    fn push(&self, completion: Completion) {
        let wake = {
            let mut waiting = self.waiting.lock().unwrap_or_else(PoisonError::into_inner);
            waiting.completions.push(completion);
            !std::mem::replace(&mut waiting.woken, true)
        };
        if wake {
            self.wake.send();
        }
    }

    /// Everything waiting, emptying the queue. The wake-up bytes are read first: a
    /// completion pushed after the take sends a new one (at worst a wake finds nothing).
    fn take(&self) -> Vec<Completion> {
        self.wake.receive();
        let mut waiting = self.waiting.lock().unwrap_or_else(PoisonError::into_inner);
        waiting.woken = false;
        std::mem::take(&mut waiting.completions)
    }
}

/// The loop's reader callback: resolves every waiting future.
#[pyclass(module = "cake_sdk._core", frozen)]
pub struct Drain {
    queue: Arc<Queue>,
}

impl Drain {
    pub fn new(queue: Arc<Queue>) -> Self {
        Drain { queue }
    }
}

#[pymethods]
impl Drain {
    fn __call__(&self, py: Python<'_>) {
        for completion in self.queue.take() {
            completion.deliver(py);
        }
    }
}

#[cfg(unix)]
mod wake {
    use std::io::{Read, Write};
    use std::os::fd::AsRawFd;
    use std::os::unix::net::UnixStream;

    /// A connected, non-blocking socket pair: a byte written to one end makes the other
    /// readable.
    pub struct Pair {
        reader: UnixStream,
        writer: UnixStream,
    }

    impl Pair {
        pub fn new() -> std::io::Result<Self> {
            let (reader, writer) = UnixStream::pair()?;
            reader.set_nonblocking(true)?;
            writer.set_nonblocking(true)?;
            Ok(Pair { reader, writer })
        }

        pub fn reader_fd(&self) -> i64 {
            i64::from(self.reader.as_raw_fd())
        }

        /// A full buffer already holds a wake-up, and a closed loop reads none: a failed
        /// write loses nothing.
        pub fn send(&self) {
            let _ = (&self.writer).write(&[1]);
        }

        pub fn receive(&self) {
            let mut buffer = [0u8; 64];
            while matches!((&self.reader).read(&mut buffer), Ok(n) if n > 0) {}
        }

        /// The wake-up bytes waiting, read (for tests).
        #[cfg(test)]
        pub fn count(&self) -> usize {
            let mut buffer = [0u8; 64];
            let mut total = 0;
            while let Ok(n @ 1..) = (&self.reader).read(&mut buffer) {
                total += n;
            }
            total
        }
    }
}

#[cfg(not(unix))]
mod wake {
    /// No socket pair here: loops are given [`super::Deliver::CallSoon`] instead.
    pub struct Pair;

    impl Pair {
        pub fn new() -> std::io::Result<Self> {
            Err(std::io::Error::new(
                std::io::ErrorKind::Unsupported,
                "no socket pair on this platform",
            ))
        }

        pub fn reader_fd(&self) -> i64 {
            -1
        }

        pub fn send(&self) {}

        pub fn receive(&self) {}
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// A completion for `future` with its abort callback attached, as `awaitable` makes it.
    fn completion(py: Python<'_>, future: &Bound<'_, PyAny>, value: i64) -> PyResult<Completion> {
        let abort = Py::new(
            py,
            AbortOnDone {
                task: std::sync::OnceLock::new(),
            },
        )?;
        future.call_method1("add_done_callback", (abort.clone_ref(py),))?;
        Ok(Completion::new(
            future.clone().unbind(),
            abort,
            Box::new(move |py| Ok(value.into_pyobject(py)?.into_any().unbind())),
        ))
    }

    #[test]
    fn the_first_completion_wakes_and_one_drain_takes_all() -> PyResult<()> {
        Python::initialize();
        Python::attach(|py| {
            let queue = Arc::new(Queue::new()?);
            let asyncio = py.import("asyncio")?;
            let event_loop = asyncio.call_method0("new_event_loop")?;
            let futures = (0..3)
                .map(|_| event_loop.call_method0("create_future"))
                .collect::<PyResult<Vec<_>>>()?;
            for (n, future) in futures.iter().enumerate() {
                queue.push(completion(py, future, n as i64 * 10)?);
            }
            // One wake-up byte for three completions.
            assert_eq!(queue.wake.count(), 1);
            Drain::new(Arc::clone(&queue)).__call__(py);
            let results = futures
                .iter()
                .map(|f| f.call_method0("result")?.extract::<i64>())
                .collect::<PyResult<Vec<_>>>()?;
            assert_eq!(results, vec![0, 10, 20]);
            // Drained: the next completion wakes again.
            let another = event_loop.call_method0("create_future")?;
            queue.push(completion(py, &another, 7)?);
            queue.push(completion(py, &another, 8)?);
            assert_eq!(queue.wake.count(), 1);
            assert_eq!(queue.take().len(), 2);
            assert_eq!(queue.wake.count(), 0);
            event_loop.call_method0("close")?;
            Ok(())
        })
    }

    #[test]
    fn a_cancelled_future_is_left_alone() -> PyResult<()> {
        Python::initialize();
        Python::attach(|py| {
            let asyncio = py.import("asyncio")?;
            let event_loop = asyncio.call_method0("new_event_loop")?;
            let future = event_loop.call_method0("create_future")?;
            let made = completion(py, &future, 1)?;
            let converted = Arc::new(std::sync::atomic::AtomicBool::new(false));
            let seen = Arc::clone(&converted);
            let made = Completion::new(
                made.future,
                made.abort,
                Box::new(move |py| {
                    seen.store(true, std::sync::atomic::Ordering::SeqCst);
                    Ok(py.None())
                }),
            );
            future.call_method0("cancel")?;
            // the loop runs the callbacks; a cancelled future has handed them over
            event_loop.call_method1(
                "run_until_complete",
                (asyncio.call_method1("sleep", (0,))?,),
            )?;
            made.deliver(py);
            // not converted, not set (setting a cancelled future would raise)
            assert!(!converted.load(std::sync::atomic::Ordering::SeqCst));
            assert!(future.call_method0("cancelled")?.is_truthy()?);
            event_loop.call_method0("close")?;
            Ok(())
        })
    }
}
