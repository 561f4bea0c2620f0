//! Helpers shared by the integration tests: a started mock and a client that calls it the way
//! the reference's samples do (GET: query string; POST: JSON body; api_key in both).
#![allow(dead_code)]

pub mod samples;

use cake_core::{Method, Operation};
use cake_mock::{MockConfig, MockServer};
use serde_json::Value;

pub type TestResult<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

pub struct Harness {
    pub server: MockServer,
    pub client: reqwest::Client,
}

/// A parsed answer: status, headers and the raw body text (money is compared as text).
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
}

impl Answer {
    pub fn json(&self) -> TestResult<Value> {
        Ok(serde_json::from_str(&self.text)?)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

pub async fn start() -> TestResult<Harness> {
    start_with(MockConfig::default()).await
}

pub async fn start_with(config: MockConfig) -> TestResult<Harness> {
    let server = MockServer::start(config).await?;
    Ok(Harness {
        server,
        client: reqwest::Client::new(),
    })
}

/// Parses JSON text; the samples are written as text so that 24.00 keeps its two places.
pub fn parse(text: &str) -> TestResult<Value> {
    Ok(serde_json::from_str(text)?)
}

fn text_of(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

impl Harness {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.url())
    }

    /// Calls `operation` with `params` as given (api_key included or not, as the caller chose).
    pub async fn send(&self, operation: Operation, params: &Value) -> TestResult<Answer> {
        let url = self.url(operation.path());
        let request = match operation.method() {
            Method::Get => {
                let query: Vec<(String, String)> = params
                    .as_object()
                    .map(|map| map.iter().map(|(k, v)| (k.clone(), text_of(v))).collect())
                    .unwrap_or_default();
                self.client.get(url).query(&query)
            }
            Method::Post => self
                .client
                .post(url)
                .header("content-type", "application/json")
                .body(params.to_string()),
        };
        answer(request.send().await?).await
    }

    /// Calls `operation` with the mock's key added.
    pub async fn call(&self, operation: Operation, params: &Value) -> TestResult<Answer> {
        let mut params = params.clone();
        if let Value::Object(map) = &mut params {
            map.insert("api_key".into(), Value::from(self.server.api_key()));
        }
        self.send(operation, &params).await
    }

    /// Calls and expects a Success; gives the answer's JSON.
    pub async fn ok(&self, operation: Operation, params: &Value) -> TestResult<Value> {
        let answer = self.call(operation, params).await?;
        let body = answer.json()?;
        if answer.status != 200 || body["request_status"] != "Success" {
            return Err(format!("{operation}: {} {}", answer.status, answer.text).into());
        }
        Ok(body)
    }

    /// Calls and expects a Failure (HTTP 200); gives its error lines.
    pub async fn failure(&self, operation: Operation, params: &Value) -> TestResult<Vec<String>> {
        let answer = self.call(operation, params).await?;
        let body = answer.json()?;
        if answer.status != 200 || body["request_status"] != "Failure" {
            return Err(format!("{operation}: expected a Failure: {}", answer.text).into());
        }
        let errors = body["errors"]
            .as_array()
            .ok_or("a Failure without errors")?
            .iter()
            .map(|e| e.as_str().unwrap_or_default().to_owned())
            .collect();
        Ok(errors)
    }

    pub async fn control(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> TestResult<Answer> {
        let mut request = self.client.request(method, self.url(path));
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_string());
        }
        answer(request.send().await?).await
    }

    /// The reference's affiliate 67890 and offer 12345, created through the API.
    pub async fn affiliate_and_offer(&self) -> TestResult<()> {
        self.ok(
            Operation::CreateAffiliate,
            &parse(samples::CREATE_AFFILIATE)?,
        )
        .await?;
        self.ok(Operation::CreateOffer, &parse(samples::CREATE_OFFER)?)
            .await?;
        Ok(())
    }
}

pub async fn answer(response: reqwest::Response) -> TestResult<Answer> {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await?;
    Ok(Answer {
        status,
        headers,
        text,
    })
}
