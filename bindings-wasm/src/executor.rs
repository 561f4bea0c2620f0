//! A minimal executor driven from JS. Every poll of a client future runs inside the JS
//! layer's try/catch, so a panic (a trap) rejects that one call instead of escaping from a
//! microtask as an uncaught error, and the other calls keep running. wasm-bindgen-futures'
//! own queue cannot offer that.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use wasm_bindgen::prelude::*;

type Task = Pin<Box<dyn Future<Output = String>>>;

thread_local! {
    static TASKS: RefCell<HashMap<u32, Task>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    static SCHEDULER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Wakes a task by asking JS to poll it (in a microtask).
struct TaskWaker(u32);

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        schedule(self.0);
    }
}

fn schedule(id: u32) {
    SCHEDULER.with(|scheduler| {
        if let Ok(scheduler) = scheduler.try_borrow() {
            if let Some(schedule) = scheduler.as_ref() {
                let _ = schedule.call1(&JsValue::NULL, &JsValue::from(id));
            }
        }
    });
}

/// Sets the JS function `(taskId) => void` that arranges for `task_poll(taskId)` to run.
#[wasm_bindgen]
pub fn executor_init(schedule: js_sys::Function) {
    SCHEDULER.with(|scheduler| {
        if let Ok(mut scheduler) = scheduler.try_borrow_mut() {
            *scheduler = Some(schedule);
        }
    });
}

/// Stores a future (its output is an envelope's JSON text) and schedules its first poll.
pub fn spawn(future: impl Future<Output = String> + 'static) -> u32 {
    let id = NEXT_ID.with(|next| {
        let id = next.get();
        next.set(id.wrapping_add(1).max(1));
        id
    });
    TASKS.with(|tasks| tasks.borrow_mut().insert(id, Box::pin(future)));
    schedule(id);
    id
}

/// Polls a task once: its output when done, else `undefined` (pending, or no such task).
/// The task is out of the table while it runs, so nothing stays borrowed if it traps.
#[wasm_bindgen]
pub fn task_poll(id: u32) -> Option<String> {
    let mut task = TASKS.with(|tasks| tasks.borrow_mut().remove(&id))?;
    let waker = Waker::from(Arc::new(TaskWaker(id)));
    match task.as_mut().poll(&mut Context::from_waker(&waker)) {
        Poll::Ready(output) => Some(output),
        Poll::Pending => {
            TASKS.with(|tasks| tasks.borrow_mut().insert(id, task));
            None
        }
    }
}

/// Drops a task (an aborted call): its fetch is aborted and nothing more runs.
#[wasm_bindgen]
pub fn task_cancel(id: u32) {
    let task = TASKS.with(|tasks| tasks.borrow_mut().remove(&id));
    drop(task);
}

/// How many tasks are alive (tests check that finished and cancelled calls leave none).
#[wasm_bindgen]
pub fn task_count() -> usize {
    TASKS.with(|tasks| tasks.borrow().len())
}

/// A task that panics after its first poll: tests the async panic path.
#[wasm_bindgen]
pub fn debug_panic_async(message: String) -> u32 {
    spawn(async move {
        YieldOnce(false).await;
        crate::panic::debug_panic(&message);
        String::new()
    })
}

/// Pending once (waking itself), then ready.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}
