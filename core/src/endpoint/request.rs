//! Building requests: from untyped params or typed models to what goes on the wire.

use super::response::Response;
use crate::datetime::CakeDateTime;
use crate::error::Error;
use crate::models::*;
use crate::operation::{Method, Operation};
use crate::secret::{percent_encode, ApiKey, MASK};
use crate::validate::fields::{self, API_KEY};
use crate::validate::{check_params, Checked, Issue};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use std::fmt;

/// A request of any operation, typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    CreateAffiliate(CreateAffiliate),
    UpdateAffiliate(UpdateAffiliate),
    GetAffiliateOffer(GetAffiliateOffer),
    CreateOffer(CreateOffer),
    UpdateOffer(UpdateOffer),
    ListSubAffiliates(ListSubAffiliates),
    CreateSubAffiliate(CreateSubAffiliate),
    SubAffiliateReport(SubAffiliateReportRequest),
}

/// A valid request and the warnings found on the way (they never block).
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub request: Request,
    pub warnings: Vec<Issue>,
}

fn typed<T>(params: Map<String, Value>, read: fn(&Value) -> Result<T, String>) -> Result<T, Error> {
    // Checked params always fit their model; a failure here is a bug, reported as a value.
    read(&Value::Object(params)).map_err(|_| {
        Error::validation(vec![Issue::error(
            "",
            crate::validate::code::INVALID_TYPE,
            "parameters do not fit the model",
        )])
    })
}

impl Request {
    pub fn operation(&self) -> Operation {
        match self {
            Request::CreateAffiliate(_) => Operation::CreateAffiliate,
            Request::UpdateAffiliate(_) => Operation::UpdateAffiliate,
            Request::GetAffiliateOffer(_) => Operation::GetAffiliateOffer,
            Request::CreateOffer(_) => Operation::CreateOffer,
            Request::UpdateOffer(_) => Operation::UpdateOffer,
            Request::ListSubAffiliates(_) => Operation::ListSubAffiliates,
            Request::CreateSubAffiliate(_) => Operation::CreateSubAffiliate,
            Request::SubAffiliateReport(_) => Operation::SubAffiliateReport,
        }
    }

    /// Validates untyped params and builds the typed request, or fails with every issue.
    pub fn from_params(operation: Operation, params: &Value) -> Result<Prepared, Error> {
        Self::from_params_at(operation, params, CakeDateTime::now_utc())
    }

    /// [`Request::from_params`] with a fixed clock (for the expiry warning).
    pub fn from_params_at(
        operation: Operation,
        params: &Value,
        now: CakeDateTime,
    ) -> Result<Prepared, Error> {
        Self::from_checked(operation, check_params(operation, params, now))
    }

    fn from_checked(operation: Operation, checked: Checked) -> Result<Prepared, Error> {
        if checked.has_errors() {
            return Err(Error::validation(checked.issues));
        }
        let warnings = checked.warnings();
        let params = checked.params;
        let request = match operation {
            Operation::CreateAffiliate => {
                Request::CreateAffiliate(typed(params, CreateAffiliate::from_json)?)
            }
            Operation::UpdateAffiliate => {
                Request::UpdateAffiliate(typed(params, UpdateAffiliate::from_json)?)
            }
            Operation::GetAffiliateOffer => {
                Request::GetAffiliateOffer(typed(params, GetAffiliateOffer::from_json)?)
            }
            Operation::CreateOffer => Request::CreateOffer(typed(params, CreateOffer::from_json)?),
            Operation::UpdateOffer => Request::UpdateOffer(typed(params, UpdateOffer::from_json)?),
            Operation::ListSubAffiliates => {
                Request::ListSubAffiliates(typed(params, ListSubAffiliates::from_json)?)
            }
            Operation::CreateSubAffiliate => {
                Request::CreateSubAffiliate(typed(params, CreateSubAffiliate::from_json)?)
            }
            Operation::SubAffiliateReport => {
                Request::SubAffiliateReport(typed(params, SubAffiliateReportRequest::from_json)?)
            }
        };
        Ok(Prepared { request, warnings })
    }

    /// The request's parameters as JSON (only the fields given; exact numbers).
    pub fn params(&self) -> Map<String, Value> {
        let value = match self {
            Request::CreateAffiliate(r) => r.to_json(),
            Request::UpdateAffiliate(r) => r.to_json(),
            Request::GetAffiliateOffer(r) => r.to_json(),
            Request::CreateOffer(r) => r.to_json(),
            Request::UpdateOffer(r) => r.to_json(),
            Request::ListSubAffiliates(r) => r.to_json(),
            Request::CreateSubAffiliate(r) => r.to_json(),
            Request::SubAffiliateReport(r) => r.to_json(),
        };
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    /// Re-checks a typed request (built by hand in Rust) with the same rules as untyped input,
    /// giving back the normalized request and its warnings.
    pub fn prepare(&self) -> Result<Prepared, Error> {
        let operation = self.operation();
        Self::from_checked(
            operation,
            check_params(
                operation,
                &Value::Object(self.params()),
                CakeDateTime::now_utc(),
            ),
        )
    }

    /// What goes on the wire. Parameters keep the reference's order.
    pub fn to_http(&self, api_key: &ApiKey) -> HttpRequest {
        let operation = self.operation();
        let mut params = self.params();
        let ordered: Vec<(String, Value)> = fields::fields(operation)
            .iter()
            .filter_map(|f| params.remove(f.name).map(|v| (f.name.to_owned(), v)))
            .collect();
        let (query, json_body) = match operation.method() {
            Method::Get => (
                ordered
                    .into_iter()
                    .map(|(k, v)| (k, query_value(&v)))
                    .collect(),
                None,
            ),
            Method::Post => (Vec::new(), Some(ordered.into_iter().collect())),
        };
        HttpRequest {
            operation,
            query,
            json_body,
            api_key: api_key.clone(),
        }
    }
}

fn query_value(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// One HTTP request, ready to send. The key is held apart and only joined in by the
/// `wire_*` methods; `Debug` never shows it.
#[derive(Clone, PartialEq)]
pub struct HttpRequest {
    pub operation: Operation,
    /// Query parameters besides api_key, in the reference's order.
    pub query: Vec<(String, String)>,
    /// The JSON body besides api_key (POST only).
    pub json_body: Option<Map<String, Value>>,
    api_key: ApiKey,
}

impl HttpRequest {
    pub fn method(&self) -> Method {
        self.operation.method()
    }

    pub fn path(&self) -> &'static str {
        self.operation.path()
    }

    /// The query as sent: api_key first for GET (as the reference's samples), none for POST.
    pub fn wire_query(&self) -> Vec<(String, String)> {
        if self.method() == Method::Post {
            return Vec::new();
        }
        let mut query = Vec::new();
        if !self.api_key.is_empty() {
            query.push((API_KEY.to_owned(), self.api_key.expose().to_owned()));
        }
        query.extend(self.query.iter().cloned());
        query
    }

    /// The body as sent: api_key first, then the fields given.
    pub fn wire_body(&self) -> Option<Value> {
        self.json_body.as_ref().map(|fields| {
            let mut body = Map::new();
            body.insert(
                API_KEY.to_owned(),
                Value::String(self.api_key.expose().to_owned()),
            );
            body.extend(fields.iter().map(|(k, v)| (k.clone(), v.clone())));
            Value::Object(body)
        })
    }

    /// The body's bytes as sent.
    pub fn wire_body_bytes(&self) -> Option<Vec<u8>> {
        self.wire_body().map(|body| body.to_string().into_bytes())
    }

    /// The full URL with the key: for sending only.
    pub fn url(&self, base_url: &str) -> String {
        self.build_url(base_url, self.api_key.expose())
    }

    /// The URL as it may be logged: the key shown as `***`.
    pub fn redacted_url(&self, base_url: &str) -> String {
        self.build_url(base_url, MASK)
    }

    fn build_url(&self, base_url: &str, key: &str) -> String {
        let mut url = format!("{}{}", base_url.trim_end_matches('/'), self.path());
        if self.method() == Method::Get {
            let mut pairs = vec![format!(
                "{API_KEY}={}",
                if key == MASK {
                    MASK.to_owned()
                } else {
                    percent_encode(key, false)
                }
            )];
            pairs.extend(self.query.iter().map(|(k, v)| {
                format!("{}={}", percent_encode(k, false), percent_encode(v, false))
            }));
            url.push('?');
            url.push_str(&pairs.join("&"));
        }
        url
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method().as_str())
            .field("path", &self.path())
            .field("api_key", &MASK)
            .field("query", &self.query)
            .field("json_body", &self.json_body)
            .finish()
    }
}

/// A typed request model and what its operation answers.
pub trait Endpoint: Serialize + DeserializeOwned + Clone {
    const OPERATION: Operation;
    type Output;
    fn into_request(self) -> Request;
    fn output(response: Response) -> Option<Self::Output>;
}

macro_rules! endpoint {
    ($model:ty, $variant:ident, $output:ty, $response:ident) => {
        impl Endpoint for $model {
            const OPERATION: Operation = Operation::$variant;
            type Output = $output;
            fn into_request(self) -> Request {
                Request::$variant(self)
            }
            fn output(response: Response) -> Option<$output> {
                match response {
                    Response::$response(value) => Some(value),
                    _ => None,
                }
            }
        }
    };
}

endpoint!(CreateAffiliate, CreateAffiliate, Affiliate, Affiliate);
endpoint!(UpdateAffiliate, UpdateAffiliate, Affiliate, Affiliate);
endpoint!(
    GetAffiliateOffer,
    GetAffiliateOffer,
    AffiliateOffer,
    AffiliateOffer
);
endpoint!(CreateOffer, CreateOffer, Offer, Offer);
endpoint!(UpdateOffer, UpdateOffer, Offer, Offer);
endpoint!(
    ListSubAffiliates,
    ListSubAffiliates,
    Vec<SubAffiliate>,
    SubAffiliates
);
endpoint!(
    CreateSubAffiliate,
    CreateSubAffiliate,
    SubAffiliate,
    SubAffiliate
);
endpoint!(
    SubAffiliateReportRequest,
    SubAffiliateReport,
    SubAffiliateReport,
    Report
);
