//! A requests-per-second budget for one client and all its clones: every attempt (retries
//! included) takes the next slot of an evenly spaced schedule and waits for it. Spread over
//! processes (Dask workers, say), each process's client gets its share of the budget
//! ([`super::Client::with_rate_share`]), so together they keep to it without talking.

use super::runtime::Stopwatch;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// The most a budget may be: past it, slots are closer than any timer can wait.
pub const MAX_REQUESTS_PER_SECOND: f64 = 1_000_000.0;

#[derive(Debug)]
pub struct Pace {
    per_second: f64,
    interval: Duration,
    epoch: Stopwatch,
    /// When the next free slot is, from `epoch`.
    next: Mutex<Duration>,
}

impl Pace {
    /// A schedule of `per_second` slots a second; the caller checked the range
    /// (`0 < per_second <= MAX_REQUESTS_PER_SECOND`).
    pub fn new(per_second: f64) -> Pace {
        Pace {
            per_second,
            interval: Duration::from_secs_f64(1.0 / per_second),
            epoch: Stopwatch::start(),
            next: Mutex::new(Duration::ZERO),
        }
    }

    pub fn per_second(&self) -> f64 {
        self.per_second
    }

    /// Takes the next slot: how long until it (zero when the schedule is behind).
    pub fn reserve(&self) -> Duration {
        self.reserve_at(self.epoch.elapsed())
    }

    /// [`Pace::reserve`] at `now` (from the schedule's start).
    fn reserve_at(&self, now: Duration) -> Duration {
        // A panic elsewhere while holding the lock leaves a valid schedule: keep using it.
        let mut next = self.next.lock().unwrap_or_else(PoisonError::into_inner);
        let slot = (*next).max(now);
        *next = slot + self.interval;
        slot - now
    }
}

/// Checks a budget as given: a number of requests per second above 0, at most
/// [`MAX_REQUESTS_PER_SECOND`].
pub fn checked(per_second: f64) -> Result<f64, &'static str> {
    if per_second.is_finite() && per_second > 0.0 && per_second <= MAX_REQUESTS_PER_SECOND {
        Ok(per_second)
    } else {
        Err("must be a number of requests per second above 0, at most 1000000")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_evenly_spaced_and_never_in_the_past() {
        let ms = Duration::from_millis;
        let pace = Pace::new(100.0);
        // Five at once: now, then every 10 ms.
        let waits: Vec<Duration> = (0..5).map(|_| pace.reserve_at(ms(0))).collect();
        assert_eq!(waits, [ms(0), ms(10), ms(20), ms(30), ms(40)]);
        // Later, with the schedule still ahead: the next free slot (50 ms).
        assert_eq!(pace.reserve_at(ms(45)), ms(5));
        // After a quiet spell the schedule is behind: no wait, and no burst owed.
        assert_eq!(pace.reserve_at(ms(500)), ms(0));
        assert_eq!(pace.reserve_at(ms(500)), ms(10));
    }

    #[test]
    fn budgets_out_of_range_are_refused() {
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e7] {
            assert!(checked(bad).is_err(), "{bad}");
        }
        assert_eq!(checked(0.5), Ok(0.5));
    }
}
