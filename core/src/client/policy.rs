//! The retry policy, as a pure function of one attempt's outcome (design principle 8):
//! reads retry on anything transient; writes only when the request cannot have been
//! processed; a write that may have been applied ends as `unknown_outcome`.

use crate::endpoint::{read_response, Response};
use crate::error::ErrorKind;
use crate::operation::Operation;
use crate::validate::Issue;
use std::time::Duration;

/// How one attempt ended, as the transport saw it.
#[derive(Debug)]
pub enum Attempt {
    /// An HTTP answer arrived.
    Answer {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// The connection could not be made: nothing was sent.
    NotSent(String),
    /// The connection was refused for a reason that will not change on retry (an untrusted
    /// TLS certificate): nothing was sent.
    Untrusted(String),
    /// No answer in time, after the request may have been sent.
    TimedOut(String),
    /// The connection broke after the request may have been sent.
    Broken(String),
    /// The answer ran past the client's size limit; reading stopped there.
    TooLarge {
        status: u16,
        message: String,
        start: Vec<u8>,
    },
}

/// What to do next. One is made per attempt and consumed at once, so the size of the answer
/// variant costs nothing worth a box.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Decision {
    /// Done: the answer with the warnings of reading it, or an error that retrying will not
    /// fix.
    Finish(Result<(Response, Vec<Issue>), ErrorKind>),
    /// Transient: try again (after `retry_after` if the server said).
    Retry {
        error: ErrorKind,
        retry_after: Option<Duration>,
    },
    /// A write that may have been applied: stop, and say so.
    Unknown(ErrorKind),
}

pub fn decide(operation: Operation, attempt: Attempt) -> Decision {
    let write = operation.is_write();
    match attempt {
        Attempt::NotSent(message) => Decision::Retry {
            error: ErrorKind::Connection { message },
            retry_after: None,
        },
        Attempt::Untrusted(message) => Decision::Finish(Err(ErrorKind::Connection { message })),
        Attempt::TimedOut(message) => maybe_applied(write, ErrorKind::Timeout { message }),
        Attempt::Broken(message) => maybe_applied(write, ErrorKind::Connection { message }),
        // The server answered, so a write was likely applied; a read would only get the
        // same oversized answer again.
        Attempt::TooLarge { message, start, .. } => {
            let kind = crate::error::Error::decode(message, &start).kind;
            if write {
                Decision::Unknown(kind)
            } else {
                Decision::Finish(Err(kind))
            }
        }
        Attempt::Answer {
            status,
            headers,
            body,
        } => {
            let retry_after =
                crate::endpoint::retry_after(&headers, crate::datetime::now_unix_millis());
            match read_response(operation, status, &headers, &body) {
                Ok(response) => Decision::Finish(Ok(response)),
                Err(error) => match error.kind {
                    // 429 and CAKE's "Restricted" refuse the request before doing it.
                    kind @ ErrorKind::RateLimited { .. } => Decision::Retry {
                        error: kind,
                        retry_after,
                    },
                    // A 503 that names a time to come back was not processed.
                    kind @ ErrorKind::HttpStatus { status: 503, .. } if retry_after.is_some() => {
                        Decision::Retry {
                            error: kind,
                            retry_after,
                        }
                    }
                    kind @ ErrorKind::HttpStatus { status, .. } if status >= 500 => {
                        maybe_applied(write, kind)
                    }
                    // An unreadable 2xx: a write was likely applied; a read can be asked again.
                    kind @ ErrorKind::Decode { .. } => maybe_applied(write, kind),
                    kind => Decision::Finish(Err(kind)),
                },
            }
        }
    }
}

fn maybe_applied(write: bool, error: ErrorKind) -> Decision {
    if write {
        Decision::Unknown(error)
    } else {
        Decision::Retry {
            error,
            retry_after: None,
        }
    }
}

/// Exponential backoff with "equal jitter": half the doubled delay, plus a random half.
pub fn backoff(retry: u32, base: Duration, max: Duration, jitter: f64) -> Duration {
    let doubled = base.saturating_mul(2u32.saturating_pow(retry.saturating_sub(1)));
    let capped = doubled.min(max);
    capped / 2 + capped.mul_f64(jitter.clamp(0.0, 1.0) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> Attempt {
        Attempt::Answer {
            status,
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: body.as_bytes().to_vec(),
        }
    }

    fn kind(decision: &Decision) -> &'static str {
        match decision {
            Decision::Finish(Ok(_)) => "ok",
            Decision::Finish(Err(_)) => "finish_err",
            Decision::Retry { .. } => "retry",
            Decision::Unknown(_) => "unknown",
        }
    }

    #[test]
    fn reads_retry_on_everything_transient() {
        let read = Operation::GetAffiliateOffer;
        for attempt in [
            answer(500, &[], "oops"),
            answer(503, &[], ""),
            answer(429, &[], ""),
            answer(200, &[], "{\"request_status\":\"Succ"),
            Attempt::TimedOut("t".into()),
            Attempt::Broken("b".into()),
            Attempt::NotSent("n".into()),
        ] {
            assert_eq!(kind(&decide(read, attempt)), "retry");
        }
        assert_eq!(
            kind(&decide(read, Attempt::Untrusted("certificate".into()))),
            "finish_err"
        );
        assert_eq!(kind(&decide(read, answer(404, &[], ""))), "finish_err");
        let too_large = || Attempt::TooLarge {
            status: 200,
            message: "too large".into(),
            start: b"{".to_vec(),
        };
        assert_eq!(kind(&decide(read, too_large())), "finish_err");
        assert_eq!(
            kind(&decide(Operation::CreateOffer, too_large())),
            "unknown"
        );
    }

    #[test]
    fn writes_retry_only_when_not_processed() {
        let write = Operation::CreateOffer;
        assert_eq!(
            kind(&decide(write, Attempt::NotSent("refused".into()))),
            "retry"
        );
        assert_eq!(
            kind(&decide(write, answer(429, &[("Retry-After", "1")], ""))),
            "retry"
        );
        assert_eq!(
            kind(&decide(write, answer(503, &[("Retry-After", "1")], ""))),
            "retry"
        );
        let restricted = "{\"request_status\":\"Restricted\",\"message\":\"slow down\"}";
        assert_eq!(kind(&decide(write, answer(200, &[], restricted))), "retry");
        for attempt in [
            answer(500, &[], "oops"),
            answer(503, &[], ""),
            answer(200, &[], "<html>"),
            Attempt::TimedOut("t".into()),
            Attempt::Broken("reset".into()),
        ] {
            assert_eq!(kind(&decide(write, attempt)), "unknown");
        }
        let failure = "{\"request_status\":\"Failure\",\"errors\":[\"bad\"]}";
        assert_eq!(
            kind(&decide(write, answer(200, &[], failure))),
            "finish_err"
        );
    }

    #[test]
    fn backoff_doubles_with_jitter_and_caps() {
        let base = Duration::from_millis(500);
        let max = Duration::from_secs(8);
        assert_eq!(backoff(1, base, max, 0.0), Duration::from_millis(250));
        assert_eq!(backoff(1, base, max, 1.0), Duration::from_millis(500));
        assert_eq!(backoff(3, base, max, 1.0), Duration::from_secs(2));
        assert_eq!(backoff(10, base, max, 1.0), max);
        assert_eq!(backoff(60, base, max, 0.5), Duration::from_secs(6));
    }
}
