//! The /_mock control endpoints (JSON in and out, no api key). A refused control request is
//! 400 `{"error": "..."}`.
//!
//! - `POST /_mock/reset` -> `{"reset": true}`: state, log and faults cleared, ids restart.
//! - `POST /_mock/seed` `{"affiliates": [...], "offers": [...], "sub_affiliates": [...],
//!   "affiliate_offers": [{"affiliate_id", "offer_id", "payout"}]}` -> the same sections
//!   holding the created entities with their ids; all-or-nothing.
//! - `GET /_mock/requests` -> `[{"seq", "operation", "method", "path", "query": [[k, v]],
//!   "body", "fault", "applied"}]`, the key masked.
//! - `GET /_mock/state` -> `{"affiliates", "offers", "sub_affiliates", "affiliate_offers"}`.
//! - `POST /_mock/faults` a rule -> `{"added": rule, "rules": count}`;
//!   `GET /_mock/faults` -> `[{"rule": rule, "fired": n}]`;
//!   `DELETE /_mock/faults` -> `{"cleared": count}`.

use crate::faults::FaultRule;
use crate::mock::Mock;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::sync::Arc;

type Shared = State<Arc<Mock>>;

fn bad_request(message: String) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": message }))).into_response()
}

fn json_body(bytes: &[u8]) -> Result<Value, String> {
    serde_json::from_slice(bytes).map_err(|e| format!("body is not valid JSON: {e}"))
}

/// `POST /_mock/reset`
pub async fn reset(State(mock): Shared) -> Response {
    mock.reset();
    Json(json!({ "reset": true })).into_response()
}

/// `POST /_mock/seed`: answers the created entities, or 400 `{"error"}` with nothing applied.
pub async fn seed(State(mock): Shared, body: Bytes) -> Response {
    let data = match json_body(&body) {
        Ok(data) => data,
        Err(message) => return bad_request(message),
    };
    match mock.seed(&data) {
        Ok(created) => Json(created).into_response(),
        Err(message) => bad_request(message),
    }
}

/// `GET /_mock/requests`
pub async fn requests(State(mock): Shared) -> Response {
    Json(mock.requests()).into_response()
}

/// `GET /_mock/state`
pub async fn state(State(mock): Shared) -> Response {
    Json(mock.state()).into_response()
}

/// `POST /_mock/faults`: answers the rule as stored and how many rules there are now.
pub async fn add_fault(State(mock): Shared, body: Bytes) -> Response {
    let rule: FaultRule = match serde_json::from_slice(&body) {
        Ok(rule) => rule,
        Err(e) => return bad_request(format!("not a fault rule: {e}")),
    };
    match mock.add_fault(rule.clone()) {
        Ok(()) => {
            let count = mock.fault_stats().len();
            Json(json!({ "added": rule, "rules": count })).into_response()
        }
        Err(message) => bad_request(message),
    }
}

/// `GET /_mock/faults`: every rule with how often it fired.
pub async fn faults(State(mock): Shared) -> Response {
    Json(mock.fault_stats()).into_response()
}

/// `DELETE /_mock/faults`
pub async fn clear_faults(State(mock): Shared) -> Response {
    let cleared = mock.clear_faults();
    Json(json!({ "cleared": cleared })).into_response()
}

/// Anything else.
pub async fn not_found() -> Response {
    let body = json!({"request_status": "Failure", "errors": ["no such endpoint"]});
    (StatusCode::NOT_FOUND, Json(body)).into_response()
}
