//! The request log: every API request received, with the fault that fired and whether it was
//! applied. The api key never enters it: `api_key` values become "***", and the configured key
//! is masked wherever else it appears.

use crate::faults::FaultKind;
use cake_core::secret::{redact_in, MASK};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::VecDeque;

const API_KEY: &str = "api_key";

/// Entries kept (about 0.7 KB each): past this the oldest go, so a mock serving a long soak or
/// benchmark does not grow without end. `seq` keeps counting, so a gap before the first entry
/// shows that entries were dropped.
pub const MAX_LOGGED_REQUESTS: usize = 100_000;

/// One received API request, as `GET /_mock/requests` lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordedRequest {
    /// 1, 2, 3... in order of arrival (restarts on reset).
    pub seq: u64,
    /// The operation id.
    pub operation: String,
    pub method: String,
    pub path: String,
    /// Query parameters in order, keys and values decoded.
    pub query: Vec<(String, String)>,
    /// The JSON body (a string when it was not JSON); `null` when there was none.
    pub body: Option<Value>,
    pub fault: Option<FaultKind>,
    /// True when the request reached the state and succeeded (a write took effect, a read was
    /// answered); false when refused, failed, or stopped by a fault before processing.
    pub applied: bool,
}

/// The log: the latest requests in arrival order.
#[derive(Debug, Default)]
pub struct RequestLog {
    entries: VecDeque<RecordedRequest>,
    /// Requests recorded since the last clear, including those dropped.
    recorded: u64,
    /// Bumped by every clear, so a request that was in flight during a reset cannot mark an
    /// entry of the new log.
    generation: u64,
}

/// Which entry a request got; used to mark it applied later.
#[derive(Debug, Clone, Copy)]
pub struct Ticket {
    generation: u64,
    seq: u64,
}

impl RequestLog {
    /// Records a request (masked by the caller), numbering it.
    pub fn push(&mut self, mut entry: RecordedRequest) -> Ticket {
        self.recorded += 1;
        entry.seq = self.recorded;
        if self.entries.len() >= MAX_LOGGED_REQUESTS {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
        Ticket {
            generation: self.generation,
            seq: self.recorded,
        }
    }

    /// Marks a request as applied (unless its entry was dropped or cleared meanwhile).
    pub fn mark_applied(&mut self, ticket: Ticket) {
        if ticket.generation != self.generation {
            return;
        }
        let first = self.entries.front().map_or(0, |entry| entry.seq);
        let index = ticket
            .seq
            .checked_sub(first)
            .and_then(|i| usize::try_from(i).ok());
        if let Some(entry) = index.and_then(|i| self.entries.get_mut(i)) {
            entry.applied = true;
        }
    }

    pub fn entries(&self) -> Vec<RecordedRequest> {
        self.entries.iter().cloned().collect()
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.recorded = 0;
        self.generation += 1;
    }
}

/// Masks query parameters: `api_key` values, and the key anywhere else.
pub fn mask_query(query: &[(String, String)], key: &str) -> Vec<(String, String)> {
    query
        .iter()
        .map(|(name, value)| {
            let value = if name == API_KEY {
                MASK.to_owned()
            } else {
                redact_in(value, key)
            };
            (redact_in(name, key), value)
        })
        .collect()
}

/// Masks a JSON body: every `api_key` member at any depth, and the key in any string.
pub fn mask_json(value: &Value, key: &str) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(name, member)| {
                    let member = if name == API_KEY {
                        Value::String(MASK.to_owned())
                    } else {
                        mask_json(member, key)
                    };
                    (redact_in(name, key), member)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|v| mask_json(v, key)).collect()),
        Value::String(text) => Value::String(redact_in(text, key)),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn masks_key_fields_and_echoes() {
        let body = json!({"api_key": "k3y", "nested": [{"api_key": 5}], "note": "my k3y"});
        assert_eq!(
            mask_json(&body, "k3y"),
            json!({"api_key": "***", "nested": [{"api_key": "***"}], "note": "my ***"})
        );
        let query = vec![
            ("api_key".to_owned(), "wrong".to_owned()),
            ("x".to_owned(), "k3y".to_owned()),
        ];
        assert_eq!(
            mask_query(&query, "k3y"),
            [("api_key".into(), "***".into()), ("x".into(), "***".into())]
        );
    }

    fn entry(operation: &str) -> RecordedRequest {
        RecordedRequest {
            seq: 0,
            operation: operation.to_owned(),
            method: "GET".to_owned(),
            path: "/".to_owned(),
            query: Vec::new(),
            body: None,
            fault: None,
            applied: false,
        }
    }

    #[test]
    fn keeps_the_latest_entries_and_marks_by_seq() {
        let mut log = RequestLog::default();
        let first = log.push(entry("first"));
        let tickets: Vec<Ticket> = (0..MAX_LOGGED_REQUESTS)
            .map(|_| log.push(entry("x")))
            .collect();
        let entries = log.entries();
        assert_eq!(entries.len(), MAX_LOGGED_REQUESTS);
        assert_eq!(entries[0].seq, 2, "the oldest went; seq keeps counting");
        assert_eq!(
            entries[MAX_LOGGED_REQUESTS - 1].seq,
            MAX_LOGGED_REQUESTS as u64 + 1
        );
        log.mark_applied(first); // dropped: nothing to mark, nothing else marked
        assert!(log.entries().iter().all(|e| !e.applied));
        log.mark_applied(tickets[10]);
        let marked: Vec<u64> = log
            .entries()
            .iter()
            .filter(|e| e.applied)
            .map(|e| e.seq)
            .collect();
        assert_eq!(marked, [12]);
        log.clear();
        log.mark_applied(tickets[11]);
        assert_eq!(log.push(entry("again")).seq, 1);
        assert!(log.entries().iter().all(|e| !e.applied && e.seq == 1));
    }
}
