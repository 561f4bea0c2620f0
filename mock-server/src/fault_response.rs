//! The answers of the faults that stop a request before processing, shaped like what a client
//! meets in the wild: a JSON 429, a bare 500, a JSON 503, a proxy's HTML 502.

use crate::faults::{FaultKind, FaultRule, ENDLESS_BODY_BYTES};
use axum::body::Body;
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

const HTML_PAGE: &str = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n";

/// The answer of a fault that is not processed; `None` for the kinds that process or reset.
pub fn answer(rule: &FaultRule) -> Option<Response> {
    let (status, content_type, body) = match rule.kind {
        FaultKind::RateLimit => (
            StatusCode::TOO_MANY_REQUESTS,
            "application/json",
            json!({"request_status": "Failure", "message": "Too many requests"}).to_string(),
        ),
        FaultKind::Error500 => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "text/plain; charset=utf-8",
            "Internal Server Error".to_owned(),
        ),
        FaultKind::Error503 => (
            StatusCode::SERVICE_UNAVAILABLE,
            "application/json",
            json!({"message": "Service Unavailable"}).to_string(),
        ),
        FaultKind::Html => (
            StatusCode::BAD_GATEWAY,
            "text/html; charset=utf-8",
            HTML_PAGE.to_owned(),
        ),
        // CAKE throttles with a 200 and a Failure envelope, not with a 429.
        FaultKind::Restricted => (
            StatusCode::OK,
            "application/json",
            if rule.in_errors {
                json!({"request_status": "Failure", "errors": ["Restricted"]})
            } else {
                json!({"request_status": "Failure", "message": "Restricted"})
            }
            .to_string(),
        ),
        FaultKind::EndlessBody => return Some(endless_body()),
        FaultKind::Delay
        | FaultKind::ResetBefore
        | FaultKind::ResetAfter
        | FaultKind::Malformed
        | FaultKind::ReportShape => return None,
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Some(wait) = rule
        .retry_after_header()
        .and_then(|w| HeaderValue::from_str(w).ok())
    {
        headers.insert(RETRY_AFTER, wait);
    }
    Some(response)
}

/// A 200 whose JSON body is cut off half way (what a dropped proxy buffer looks like).
pub fn truncated(body: &[u8]) -> Response {
    let cut = body.get(..body.len() / 2).unwrap_or_default().to_vec();
    let mut response = (StatusCode::OK, cut).into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// A 200 report answer that keeps sending rows, 64 KiB at a time, until the client hangs up
/// (or [`ENDLESS_BODY_BYTES`] have gone). No Content-Length: only reading tells the size.
fn endless_body() -> Response {
    const CHUNK: usize = 64 * 1024;
    let row = br#"{"sub_affiliate_id":301,"sub_affiliate_name":"endless","clicks":1,"conversions":0,"payout":0.00},"#;
    let mut chunk = Vec::with_capacity(CHUNK + row.len());
    while chunk.len() < CHUNK {
        chunk.extend_from_slice(row);
    }
    let chunk = axum::body::Bytes::from(chunk);
    let head =
        axum::body::Bytes::from_static(br#"{"request_status":"Success","sub_affiliate_report":["#);
    let chunks = ENDLESS_BODY_BYTES / chunk.len() as u64;
    let stream = futures_util::stream::iter(
        std::iter::once(head)
            .chain((0..chunks).map(move |_| chunk.clone()))
            .map(Ok::<_, std::convert::Infallible>),
    );
    let mut response = (StatusCode::OK, Body::from_stream(stream)).into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}
