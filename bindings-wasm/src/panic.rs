//! The panic hook. Core never panics on any input (that is tested); if a bug does, the hook
//! keeps the message so the JS layer can throw an Error carrying it instead of a bare
//! "unreachable", and restore the shadow stack so the instance stays usable.

use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        LAST_PANIC.with(|last| {
            if let Ok(mut last) = last.try_borrow_mut() {
                *last = Some(message);
            }
        });
    }));
}

/// The message of the last panic, once (the JS layer asks after a trap).
#[wasm_bindgen]
pub fn take_panic_message() -> Option<String> {
    LAST_PANIC.with(|last| last.try_borrow_mut().ok().and_then(|mut l| l.take()))
}

/// Panics on purpose: the test suite checks that a panic becomes a thrown Error and that the
/// module keeps working afterwards. Not part of the typed API.
#[wasm_bindgen]
#[allow(clippy::panic)]
pub fn debug_panic(message: &str) {
    panic!("{message}");
}
