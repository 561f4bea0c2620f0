//! The two buffers the validation calls share with JS, kept from call to call: JS encodes the
//! JSON text straight into the input buffer (TextEncoder.encodeInto over the module's memory)
//! and reads the answer from the output buffer. No allocation, copy or string decoding at the
//! boundary per call: on the benchmark these were a sixth of `validate`'s time in wasm.

use std::cell::Cell;
use wasm_bindgen::prelude::*;

/// Input capacity kept between calls; a larger text's buffer is given back after its call.
const KEEP: usize = 64 * 1024;

thread_local! {
    // Cells, not RefCells: a value is taken out for the call and put back, so there is no
    // borrow to fail.
    static INPUT: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
    static OUTPUT: Cell<String> = const { Cell::new(String::new()) };
}

/// The address at which JS may write up to `len` bytes of input for the next call.
#[wasm_bindgen]
pub fn input_buffer(len: usize) -> *const u8 {
    let mut input = INPUT.take();
    if input.len() < len {
        input.resize(len, 0);
    }
    let at = input.as_ptr();
    INPUT.set(input);
    at
}

/// `f` over the first `len` bytes of the input buffer (none if `len` is more than it holds).
pub fn with_input<T>(len: usize, f: impl FnOnce(&[u8]) -> T) -> T {
    let mut input = INPUT.take();
    let answer = f(input.get(..len).unwrap_or_default());
    if input.len() > KEEP {
        input = Vec::new();
    }
    INPUT.set(input);
    answer
}

/// Replaces the output buffer's text with what `write` writes; its length in bytes.
pub fn set_output(write: impl FnOnce(&mut String)) -> usize {
    let mut output = OUTPUT.take();
    output.clear();
    if output.capacity() > KEEP {
        output = String::new(); // a large answer's buffer is given back at the next call
    }
    write(&mut output);
    let len = output.len();
    OUTPUT.set(output);
    len
}

/// The address of the output buffer's text (valid until the next call into the module).
#[wasm_bindgen]
pub fn output_buffer() -> *const u8 {
    let output = OUTPUT.take();
    let at = output.as_ptr();
    OUTPUT.set(output);
    at
}

/// For tests: what JS would write into the input buffer, and the output's text.
#[cfg(test)]
pub fn set_input(bytes: &[u8]) -> usize {
    INPUT.set(bytes.to_vec());
    bytes.len()
}

#[cfg(test)]
pub fn output() -> String {
    let output = OUTPUT.take();
    let text = output.clone();
    OUTPUT.set(output);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_is_what_was_reserved_and_large_buffers_are_given_back() {
        assert!(!input_buffer(4).is_null());
        assert_eq!(with_input(4, <[u8]>::to_vec), vec![0; 4]);
        assert_eq!(
            with_input(5, <[u8]>::len),
            0,
            "more than was reserved reads nothing"
        );
        input_buffer(KEEP + 1);
        assert_eq!(with_input(KEEP + 1, <[u8]>::len), KEEP + 1);
        assert_eq!(
            with_input(1, <[u8]>::len),
            0,
            "the large buffer was given back"
        );
    }

    #[test]
    fn output_holds_the_last_answer_only() {
        assert_eq!(set_output(|out| out.push_str("[1,2]")), 5);
        assert_eq!(set_output(|out| out.push('x')), 1);
        assert_eq!(output(), "x");
        assert_eq!(set_output(|_| {}), 0);
        assert_eq!(
            set_output(|out| out.push_str(&"y".repeat(KEEP * 2))),
            KEEP * 2
        );
        set_output(|_| {});
        assert!(
            OUTPUT.take().capacity() <= KEEP,
            "the large buffer was given back"
        );
    }
}
