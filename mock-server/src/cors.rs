//! CORS on every answer (API, errors, /_mock), so the browser package and pages served from
//! anywhere can call the mock; preflights are answered directly with 204.

use axum::body::Body;
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE, ACCESS_CONTROL_REQUEST_HEADERS,
};
use axum::http::{HeaderMap, HeaderValue, Response, StatusCode};

const METHODS: &str = "GET, POST, DELETE, OPTIONS";
const HEADERS: &str = "content-type";

/// Adds the CORS headers to an answer.
pub fn decorate(headers: &mut HeaderMap) {
    headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    headers.insert(
        ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static(METHODS),
    );
    headers
        .entry(ACCESS_CONTROL_ALLOW_HEADERS)
        .or_insert(HeaderValue::from_static(HEADERS));
    headers.insert(
        ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("retry-after"),
    );
}

/// The answer to a preflight: 204, allowing whatever headers the browser asks for.
pub fn preflight(request: &HeaderMap) -> Response<Body> {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::NO_CONTENT;
    let headers = response.headers_mut();
    let asked = request
        .get_all(ACCESS_CONTROL_REQUEST_HEADERS)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect::<Vec<_>>()
        .join(", ");
    let allowed = if asked.trim().is_empty() {
        HeaderValue::from_static(HEADERS)
    } else {
        HeaderValue::from_str(&format!("{HEADERS}, {asked}"))
            .unwrap_or(HeaderValue::from_static(HEADERS))
    };
    headers.insert(ACCESS_CONTROL_ALLOW_HEADERS, allowed);
    headers.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    decorate(headers);
    response
}
