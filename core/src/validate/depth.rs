//! How deep a parameter value may nest. Nothing in the core recurses into parameter values,
//! but every binding converts host values (Python lists, JS objects) into JSON, and a naive
//! recursive conversion of a 100,000-deep list overflows the native stack: a crash no
//! exception can catch. One limit, here, so every language fails the same input the same way
//! (tests/vectors/hostile.json, `$nest`).

use serde_json::Value;

/// The deepest nesting a conversion into parameters must accept; deeper is an `invalid_type`
/// issue on the top-level parameter holding it (or "" for the parameters themselves).
/// No CAKE parameter nests at all; 64 leaves room for any payout argument.
pub const MAX_NESTING: usize = 64;

/// Whether `value` nests at most `max` levels (a scalar is 0, `[]` is 1), checked without
/// recursion, and stopping as soon as the limit is passed.
pub fn depth_ok(value: &Value, max: usize) -> bool {
    let mut stack = vec![(value, 0usize)];
    while let Some((value, depth)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match value {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(map) => Box::new(map.values()),
            _ => continue,
        };
        if depth >= max {
            return false;
        }
        stack.extend(children.map(|child| (child, depth + 1)));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn counts_levels_of_arrays_and_objects() {
        assert!(depth_ok(&json!(1), 0));
        assert!(!depth_ok(&json!([]), 0));
        assert!(depth_ok(&json!([]), 1));
        assert!(depth_ok(&json!({"a": [1, {"b": 2}]}), 3));
        assert!(!depth_ok(&json!({"a": [1, {"b": []}]}), 3));
    }
}
