//! The core's pure functions: validation, payout arithmetic, the sans-IO wire format, and
//! what the models say about their fields.

use crate::client::operation;
use crate::convert;
use crate::errors::{issue_error, to_pyerr};
use cake_core::models::SubAffiliateReportRow;
use cake_core::validate::fields;
use cake_core::Operation;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use serde_json::Value;

/// Every issue of `params` for `operation` (errors and warnings), as dicts.
#[pyfunction]
pub fn validate<'py>(
    py: Python<'py>,
    operation: &str,
    params: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let params = convert::to_json(params)?;
    let issues = cake_core::validate::validate_by_id(operation, &params);
    convert::to_py(py, &serde_json::json!(issues))
}

/// A payout function of the core by name; amounts come back as exact decimals.
#[pyfunction]
pub fn money_call<'py>(
    py: Python<'py>,
    function: &str,
    args: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let args = convert::to_json(args)?;
    match cake_core::money::call::call(function, &args) {
        Ok(value) => convert::to_py(py, &value),
        Err(issue) => Err(issue_error(py, issue)),
    }
}

/// The names of the payout functions.
#[pyfunction]
pub fn money_functions() -> Vec<&'static str> {
    cake_core::money::call::FUNCTIONS.to_vec()
}

/// The request exactly as it would be sent: `{method, path, query, json_body}`.
#[pyfunction]
pub fn build_request<'py>(
    py: Python<'py>,
    operation: &str,
    params: &Bound<'py, PyAny>,
    api_key: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let params = convert::to_json(params)?;
    match cake_core::endpoint::build_request_json(operation, &params, api_key) {
        Ok(request) => convert::to_py_plain(py, &request),
        Err(error) => Err(to_pyerr(py, &error)),
    }
}

/// A body as the wire functions take it: text or bytes.
fn body_bytes(body: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    Ok(if let Ok(text) = body.cast::<PyString>() {
        text.to_cow()?.as_bytes().to_vec()
    } else {
        body.cast::<PyBytes>()?.as_bytes().to_vec()
    })
}

/// An answer read as the client reads it: the result, or the exception it is.
#[pyfunction]
pub fn parse_response<'py>(
    py: Python<'py>,
    operation: &str,
    status: u16,
    headers: Vec<(String, String)>,
    body: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let bytes = body_bytes(body)?;
    answer_to_py(
        py,
        cake_core::endpoint::parse_response_json(operation, status, &headers, &bytes),
    )
}

/// A wire function's answer: its JSON as Python values, or the exception it is.
fn answer_to_py<'py>(
    py: Python<'py>,
    answer: Result<serde_json::Value, cake_core::Error>,
) -> PyResult<Bound<'py, PyAny>> {
    match answer {
        Ok(value) => convert::to_py(py, &value),
        Err(error) => Err(to_pyerr(py, &error)),
    }
}

/// [`parse_response`] with the warnings of reading the answer: `{value, warnings}`.
#[pyfunction]
pub fn read_response<'py>(
    py: Python<'py>,
    operation: &str,
    status: u16,
    headers: Vec<(String, String)>,
    body: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let bytes = body_bytes(body)?;
    answer_to_py(
        py,
        cake_core::endpoint::read_response_json(
            operation,
            status,
            &headers,
            &bytes,
            cake_core::models::MoneyJson::Number,
        ),
    )
}

/// The operation ids, in the reference's order.
#[pyfunction]
pub fn operations() -> Vec<&'static str> {
    Operation::ALL.iter().map(|op| op.id()).collect()
}

/// `(name, required)` for each parameter of `operation`, in the reference's order.
#[pyfunction]
pub fn operation_fields(py: Python<'_>, operation_id: &str) -> PyResult<Vec<(&'static str, bool)>> {
    let op = operation(operation_id).map_err(|e| to_pyerr(py, &e))?;
    Ok(fields::fields(op)
        .iter()
        .map(|f| (f.name, f.required))
        .collect())
}

/// The report's columns as `(name, kind)`, kind one of "int", "text", "money", from the
/// row model itself.
#[pyfunction]
pub fn report_columns() -> Vec<(String, &'static str)> {
    let row = SubAffiliateReportRow {
        sub_affiliate_id: Some(0),
        sub_affiliate_name: Some(String::new()),
        clicks: Some(0),
        conversions: Some(0),
        payout: Some(cake_core::Decimal::ZERO),
        extra: Default::default(),
    };
    let Ok(Value::Object(map)) = serde_json::to_value(&row) else {
        return Vec::new();
    };
    map.iter()
        .map(|(name, value)| {
            let kind = match (cake_core::models::value_kind(name), value) {
                (Some(_), _) => "money",
                (None, Value::Number(_)) => "int",
                _ => "text",
            };
            (name.clone(), kind)
        })
        .collect()
}
