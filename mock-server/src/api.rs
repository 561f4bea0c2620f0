//! One API request, start to end: read it, log it (key masked), let a fault rule fire, check the
//! api key, validate with core, apply to the state, answer in the reference's shape.

use crate::answer::{failure, Answer};
use crate::fault_response;
use crate::faults::{FaultKind, FaultRule, TotalRowsShape, DEFAULT_DELAY_MS};
use crate::kill::KillSwitch;
use crate::log::{mask_json, mask_query, RecordedRequest};
use crate::mock::Mock;
use crate::seed::issue_lines;
use crate::state::{Announce, Shape};
use axum::body::to_bytes;
use axum::extract::Request;
use axum::http::header::{ALLOW, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use cake_core::secret::redact_in;
use cake_core::{Method, Operation};
use serde_json::{Map, Value};
use std::sync::Arc;
use std::time::Duration;
// tokio's timer must not be used under WASI (see core's client/wasi_timer.rs).
#[cfg(target_os = "wasi")]
use cake_core::client::sleep;
#[cfg(not(target_os = "wasi"))]
use tokio::time::sleep;

/// Largest request body read (a bulk of creates is one entity per request, so this is ample).
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
pub const INVALID_API_KEY: &str = "Invalid API key";

/// A request body as received.
enum Body {
    Empty,
    Json(Value),
    NotJson(String),
}

impl Body {
    fn read(bytes: &[u8]) -> Body {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Body::Empty;
        }
        match serde_json::from_slice(bytes) {
            Ok(value) => Body::Json(value),
            Err(_) => Body::NotJson(String::from_utf8_lossy(bytes).into_owned()),
        }
    }

    /// The body as the log shows it, the key masked.
    fn logged(&self, key: &str) -> Option<Value> {
        match self {
            Body::Empty => None,
            Body::Json(value) => Some(mask_json(value, key)),
            Body::NotJson(text) => Some(Value::String(redact_in(text, key))),
        }
    }
}

fn parse_query(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

fn json_answer(status: StatusCode, body: impl Into<Answer>) -> Response {
    match body.into() {
        Answer::Value(value) => (status, Json(value)).into_response(),
        Answer::Written(text) => (
            status,
            [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
            text,
        )
            .into_response(),
    }
}

pub async fn handle(mock: Arc<Mock>, operation: Operation, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let kill = parts.extensions.get::<KillSwitch>().cloned();
    let query = parts.uri.query().map(parse_query).unwrap_or_default();
    let Ok(bytes) = to_bytes(body, MAX_BODY_BYTES).await else {
        let refusal = failure(vec!["request body could not be read (at most 8 MiB)".into()]);
        return json_answer(StatusCode::PAYLOAD_TOO_LARGE, refusal);
    };
    let body = Body::read(&bytes);
    let right_method = parts.method.as_str() == operation.method().as_str();
    // A wrong method is not the operation, so no fault fires on it.
    let rule = right_method.then(|| mock.fire_fault(operation)).flatten();
    let ticket = mock.record(RecordedRequest {
        seq: 0,
        operation: operation.id().to_owned(),
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: mask_query(&query, mock.api_key()),
        body: body.logged(mock.api_key()),
        fault: rule.as_ref().map(|r| r.kind),
        applied: false,
    });
    if !right_method {
        return wrong_method(operation);
    }
    let mut delay = None;
    if let Some(rule) = &rule {
        if let Some(answer) = fault_response::answer(rule) {
            return answer;
        }
        match rule.kind {
            FaultKind::Delay => delay = Some(delay_of(rule)),
            FaultKind::ResetBefore => return reset(kill).await,
            _ => {}
        }
    }
    // A server finishes a request it has read even when the client hangs up meanwhile, so
    // the work runs in its own task: dropping this handler (the connection closed) leaves it be.
    let worker = mock.clone();
    let shape = rule.clone().filter(|r| r.kind == FaultKind::ReportShape);
    let work = tokio::spawn(async move {
        if let Some(delay) = delay {
            sleep(delay).await;
        }
        let (answer, applied) = process(&worker, operation, &query, body, shape.as_ref());
        if applied {
            worker.mark_applied(ticket);
        }
        answer
    });
    let answer = match work.await {
        Ok(answer) => answer,
        Err(_) => failure(vec!["the mock failed while processing the request".into()]).into(),
    };
    match rule.map(|r| r.kind) {
        Some(FaultKind::ResetAfter) => reset(kill).await,
        Some(FaultKind::Malformed) => fault_response::truncated(&answer.into_bytes()),
        _ => json_answer(StatusCode::OK, answer),
    }
}

fn delay_of(rule: &FaultRule) -> Duration {
    Duration::from_millis(rule.delay_ms.unwrap_or(DEFAULT_DELAY_MS))
}

/// Drops the connection without an answer. The future never completes: the connection's task
/// sees the kill switch and drops it (and this future with it).
async fn reset(kill: Option<KillSwitch>) -> Response {
    match kill {
        Some(kill) => {
            kill.trigger();
            std::future::pending().await
        }
        // Only when the router is served without the mock's own connection loop.
        None => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "connection reset (simulated)",
        )
            .into_response(),
    }
}

fn wrong_method(operation: Operation) -> Response {
    let method = operation.method().as_str();
    let mut answer = json_answer(
        StatusCode::METHOD_NOT_ALLOWED,
        failure(vec![format!("{} takes {method}", operation.path())]),
    );
    answer
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static(method));
    answer
}

/// The answer to a request that got through, and whether it was applied. `shape`: a
/// `report_shape` rule that fired on it.
fn process(
    mock: &Mock,
    operation: Operation,
    query: &[(String, String)],
    body: Body,
    shape: Option<&FaultRule>,
) -> (Answer, bool) {
    let params = match operation.method() {
        // Every query value is text; core reads numbers from text as forms send them.
        Method::Get => Value::Object(
            query
                .iter()
                .rev() // so the first of repeated parameters wins
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect::<Map<_, _>>(),
        ),
        Method::Post => match body {
            Body::Json(value) => value,
            Body::Empty => return refuse("request body: must be a JSON object"),
            Body::NotJson(_) => return refuse("request body: is not valid JSON"),
        },
    };
    let mut params = params;
    let key = params.get("api_key").and_then(Value::as_str);
    if key != Some(mock.api_key()) {
        return refuse(INVALID_API_KEY);
    }
    if let Value::Object(map) = &mut params {
        map.remove("api_key");
    }
    let prepared = match cake_core::Request::from_params(operation, &params) {
        Ok(prepared) => prepared,
        Err(error) => return (failure(issue_lines(&error)).into(), false),
    };
    let seed = mock.report_seed();
    if let (Some(shape), cake_core::Request::SubAffiliateReport(request)) =
        (shape, &prepared.request)
    {
        return report_shaped(mock, request, seed, shape);
    }
    match mock.with_state(|state| state.apply(&prepared.request, seed)) {
        Ok(answer) => (answer, true),
        Err(refusal) => (failure(refusal).into(), false),
    }
}

/// A report page as a `report_shape` rule says: capped rows, `total_rows` left out or wrong,
/// rows that are not objects.
fn report_shaped(
    mock: &Mock,
    request: &cake_core::models::SubAffiliateReportRequest,
    seed: u64,
    shape: &FaultRule,
) -> (Answer, bool) {
    let mut request = request.clone();
    if let Some(cap) = shape.row_cap {
        request.row_limit = Some(request.effective_row_limit().min(cap));
    }
    let announce = match &shape.total_rows {
        None => Announce::True,
        Some(TotalRowsShape::Claim(total)) => Announce::Claim(*total),
        Some(TotalRowsShape::Keyword(_)) => Announce::Omit,
    };
    let shape = Shape {
        announce,
        broken_every: shape.broken_every,
    };
    match mock.with_state(|state| state.report_shaped(&request, seed, shape)) {
        Ok(text) => (Answer::Written(text), true),
        Err(refusal) => (failure(refusal).into(), false),
    }
}

fn refuse(message: &str) -> (Answer, bool) {
    (failure(vec![message.to_owned()]).into(), false)
}
