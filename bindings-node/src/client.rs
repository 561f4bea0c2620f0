//! The client class: one native method per shape of call (any operation, bulk, report pager),
//! each answering with an envelope. The JS layer gives them their per-operation names.

use crate::cancel::{token_of, until_cancelled, CancelToken};
use crate::envelope;
use crate::options;
use crate::pager::NativePager;
use crate::tracking::InFlight;
use crate::transport::TransportFn;
use cake_core::client::Client;
use cake_core::error::Meta;
use cake_core::{Error, Operation};
use napi::bindgen_prelude::{Either, PromiseRaw};
use napi::{Env, Result};
use serde_json::Value;

#[napi_derive::napi]
pub struct NativeClient {
    client: Client,
}

/// A client, or the error JSON of its settings (`validation`, naming each bad setting).
/// `transport` sends each attempt (lib/transport.js): required in the WebAssembly fallback,
/// which has no sockets; without it a native addon uses core's own.
#[napi_derive::napi]
pub fn create_client(
    config: String,
    #[napi(
        ts_arg_type = "((call: AttemptCall) => Promise<AttemptOutcome> | undefined) | undefined | null"
    )]
    transport: Option<TransportFn>,
) -> Either<NativeClient, String> {
    let made =
        envelope::parse(&config, "config").and_then(|config| options::client(&config, transport));
    match made {
        Ok(client) => Either::A(NativeClient { client }),
        Err(error) => Either::B(envelope::error(&error)),
    }
}

/// Whether the core sends over HTTP itself (native addons: reqwest), or needs a JS transport
/// in `createClient` (the WebAssembly fallback: WASI has no sockets).
#[napi_derive::napi]
pub fn native_transport() -> bool {
    cfg!(not(target_os = "wasi"))
}

/// Stamps an error found before sending with the operation it is about.
fn about(error: Error, operation: Option<Operation>) -> Error {
    let meta = Meta {
        operation,
        ..error.meta
    };
    error.with_meta(meta)
}

/// The client with a call's overrides, or the error in them.
fn with_options(client: &Client, options: &str) -> std::result::Result<Client, Error> {
    let options = envelope::parse(options, "options")?;
    Ok(client.with_options(options::call_options(&options)?))
}

async fn call(client: Client, operation: String, params: String, options: String) -> String {
    let operation = match options::operation(&operation) {
        Ok(operation) => operation,
        Err(error) => return envelope::error(&error),
    };
    let prepared =
        envelope::params(&params).and_then(|params| Ok((with_options(&client, &options)?, params)));
    let (client, params) = match prepared {
        Ok(prepared) => prepared,
        Err(error) => return envelope::error(&about(error, Some(operation))),
    };
    match client.call(operation, &params).await {
        Ok(reply) => envelope::reply_of(
            reply.value.to_json_as(cake_core::models::MoneyJson::Text),
            &reply,
        ),
        Err(error) => envelope::error(&error),
    }
}

/// The items as a JSON array (an item the JS layer could not write, a cycle say, arrives as
/// null: core reports it as that item's `invalid` outcome, and it fails alone).
fn bulk_items(items: &str) -> std::result::Result<Vec<Value>, Error> {
    match envelope::parse(items, "items")? {
        Value::Array(items) => Ok(items),
        _ => Err(Error::validation(vec![cake_core::Issue::error(
            "items",
            cake_core::validate::code::INVALID_TYPE,
            "must be an array of parameter objects",
        )])),
    }
}

async fn bulk(
    client: Client,
    operation: String,
    items: String,
    options: String,
    progress: Option<crate::progress::Progress>,
) -> String {
    let operation = match options::operation(&operation) {
        Ok(operation) => operation,
        Err(error) => return envelope::error(&error),
    };
    let prepared = envelope::parse(&options, "options").and_then(|raw| {
        let bulk = options::bulk_options(&raw)?;
        let client = client.with_options(options::call_options(&raw)?);
        let items = bulk_items(&items)?;
        Ok((client, bulk, items))
    });
    let (client, bulk, items) = match prepared {
        Ok(prepared) => prepared,
        Err(error) => return envelope::error(&about(error, Some(operation))),
    };
    // The last report is held back and awaited once the bulk is done (see progress.rs).
    let mut last = None;
    let report = |done: usize, total: usize| match &progress {
        Some(_) if done == total => last = Some((done, total)),
        Some(progress) => progress.report(done, total),
        None => {}
    };
    let outcomes = client.bulk(operation, items, bulk, report).await;
    if let (Some(progress), Some((done, total))) = (&progress, last) {
        progress.report_last(done, total).await;
    }
    match outcomes {
        Ok(outcomes) => envelope::ok(Value::Array(
            outcomes
                .iter()
                .map(|o| o.to_json_as(cake_core::models::MoneyJson::Text))
                .collect(),
        )),
        Err(error) => envelope::error(&about(error, Some(operation))),
    }
}

/// A promise of the envelope `future` answers, run on napi's tokio runtime: natively through
/// the JS thread's completion channel (completions.rs), in the WebAssembly fallback through
/// napi-rs's `spawn_future`.
///
/// `future` should be small: each move of it on its way into a runtime task is a copy of all
/// of it, on the JS thread. A call's own future (core's retries, the HTTP exchange: kilobytes)
/// is boxed inside it, so it is made and first moved on the runtime's thread. With it inline,
/// those copies were 10.7% of the JS thread's time per read (perf), one copy 2.6%.
pub fn settled_later<'env>(
    env: &'env Env,
    future: impl std::future::Future<Output = String> + Send + 'static,
) -> Result<PromiseRaw<'env, String>> {
    #[cfg(not(target_family = "wasm"))]
    return crate::completions::promise(env.raw(), future)
        .map(|promise| PromiseRaw::new(env.raw(), promise));
    #[cfg(target_family = "wasm")]
    env.spawn_future(async move { Ok(future.await) })
}

#[napi_derive::napi]
impl NativeClient {
    /// Any operation: validates, sends with the retry policy, parses. Resolves to an envelope.
    #[napi]
    pub fn call<'env>(
        &self,
        env: &'env Env,
        operation: String,
        params: String,
        options: String,
        cancel: Option<&CancelToken>,
    ) -> Result<PromiseRaw<'env, String>> {
        let client = self.client.clone();
        let token = token_of(cancel);
        settled_later(env, async move {
            let _running = InFlight::enter();
            let answer =
                until_cancelled(token, Box::pin(call(client, operation, params, options))).await;
            answer.unwrap_or_else(envelope::aborted)
        })
    }

    /// One outcome per item, in input order; `progress(done, total)` after each item.
    #[napi]
    pub fn bulk<'env>(
        &self,
        env: &'env Env,
        operation: String,
        items: String,
        options: String,
        #[napi(ts_arg_type = "((done: number, total: number) => void) | undefined | null")]
        progress: Option<crate::progress::ProgressCallback>,
        cancel: Option<&CancelToken>,
    ) -> Result<PromiseRaw<'env, String>> {
        let client = self.client.clone();
        let token = token_of(cancel);
        let progress = progress.map(crate::progress::Progress::new);
        settled_later(env, async move {
            let _running = InFlight::enter();
            let answer = until_cancelled(
                token,
                Box::pin(bulk(client, operation, items, options, progress)),
            )
            .await;
            answer.unwrap_or_else(envelope::aborted)
        })
    }

    /// A pager over every row of the report, or the error JSON of its parameters.
    #[napi]
    pub fn pager(&self, params: String, options: String) -> Either<NativePager, String> {
        let operation = Operation::SubAffiliateReport;
        let made = envelope::params(&params).and_then(|params| {
            let settings = envelope::parse(&options, "options")?;
            let client = self.client.with_options(options::call_options(&settings)?);
            options::pages_ahead(client.report_pager_from_params(&params)?, &settings)
        });
        match made {
            Ok(pager) => Either::A(NativePager::new(pager)),
            Err(error) => Either::B(envelope::error(&about(error, Some(operation)))),
        }
    }

    /// The base URL in use (the key is never readable back).
    #[napi(getter)]
    pub fn base_url(&self) -> String {
        self.client.base_url().to_owned()
    }

    /// Whether the client holds a key (given, or from CAKE_API_KEY): core's answer, for the
    /// JS repr. The key itself is never readable back.
    #[napi(getter)]
    pub fn has_api_key(&self) -> bool {
        self.client.config().api_key.is_some()
    }
}
