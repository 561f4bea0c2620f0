//! SplitMix64: a tiny, fast, well-mixed generator. Report numbers and fault probabilities come
//! from it so the same seed always gives the same answers (no `rand`, no global state).

/// One SplitMix64 step: advances `state` and returns the next value.
pub fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    mix(*state)
}

/// The SplitMix64 finalizer: a bijection that spreads every input bit over the output.
pub fn mix(value: u64) -> u64 {
    let mut z = value;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A hash of several values, order-sensitive: each part is folded into the running state.
pub fn hash(parts: &[u64]) -> u64 {
    parts
        .iter()
        .fold(0x6A09_E667_F3BC_C909, |acc, part| mix(acc ^ mix(*part)))
}

/// A uniform draw in `[0, 1)` from the top 53 bits (what an f64 holds exactly).
pub fn unit(value: u64) -> f64 {
    (value >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_order_sensitive() {
        assert_eq!(hash(&[1, 2, 3]), hash(&[1, 2, 3]));
        assert_ne!(hash(&[1, 2, 3]), hash(&[3, 2, 1]));
        let (mut a, mut b) = (7, 7);
        assert_eq!(next(&mut a), next(&mut b));
        assert_ne!(next(&mut a), hash(&[7]));
    }

    #[test]
    fn unit_stays_in_range() {
        for v in [0, 1, u64::MAX, 1 << 63] {
            let u = unit(v);
            assert!((0.0..1.0).contains(&u), "{u}");
        }
    }
}
