//! `cake-bench reads|writes --url U --key K [--requests N] [--concurrency C] [--repeat R]
//! [--affiliate-id A --offer-id O]`: the pure-Rust client on the same workloads as the
//! bindings. Prints one JSON line per repetition: {"workload", "impl", "seconds", "ops"}.

use cake_core::client::{BulkOptions, Client};
use cake_core::Operation;
use futures_util::StreamExt;
use serde_json::json;
use std::collections::HashMap;
use std::process::ExitCode;
use std::time::Instant;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Args {
    workload: String,
    flags: HashMap<String, String>,
}

impl Args {
    fn parse() -> Result<Args, String> {
        let mut raw = std::env::args().skip(1);
        let workload = raw
            .next()
            .ok_or("usage: cake-bench reads|writes --url U --key K ...")?;
        let mut flags = HashMap::new();
        while let Some(flag) = raw.next() {
            let name = flag
                .strip_prefix("--")
                .ok_or_else(|| format!("unexpected argument {flag}"))?;
            let value = raw
                .next()
                .ok_or_else(|| format!("--{name} needs a value"))?;
            flags.insert(name.to_owned(), value);
        }
        Ok(Args { workload, flags })
    }

    fn text(&self, name: &str) -> Result<String, String> {
        self.flags
            .get(name)
            .cloned()
            .ok_or_else(|| format!("--{name} is required"))
    }

    fn number(&self, name: &str, default: usize) -> Result<usize, String> {
        self.flags.get(name).map_or(Ok(default), |v| {
            v.parse().map_err(|_| format!("--{name} must be a number"))
        })
    }
}

async fn reads(client: &Client, args: &Args) -> Result<usize, String> {
    let requests = args.number("requests", 5_000)?;
    let params =
        json!({"affiliate_id": args.text("affiliate-id")?, "offer_id": args.text("offer-id")?});
    let failures = futures_util::stream::iter(0..requests)
        .map(|_| client.call(Operation::GetAffiliateOffer, &params))
        .buffer_unordered(args.number("concurrency", 64)?)
        .filter(|result| std::future::ready(result.is_err()))
        .count()
        .await;
    if failures > 0 {
        return Err(format!("{failures} reads failed"));
    }
    Ok(requests)
}

async fn writes(client: &Client, args: &Args, round: usize) -> Result<usize, String> {
    let requests = args.number("requests", 2_000)?;
    let items = (0..requests)
        .map(|i| {
            json!({"offer_name": format!("bench-rust-{round}-{i}"), "advertiser_id": 1, "vertical_id": 1,
                   "offer_url": "https://t.example/c?o={offer_id}", "payout": "3.10", "payout_type": "cpa", "revenue": "4.00"})
        })
        .collect();
    let options = BulkOptions {
        concurrency: args.number("concurrency", 32)?,
    };
    let outcomes = client
        .bulk(Operation::CreateOffer, items, options, |_, _| {})
        .await
        .map_err(|e| e.to_string())?;
    let ok = outcomes.iter().filter(|o| o.status() == "ok").count();
    if ok != requests {
        return Err(format!("{} of {requests} writes failed", requests - ok));
    }
    Ok(requests)
}

async fn run(args: Args) -> Result<(), String> {
    let client = Client::builder()
        .base_url(args.text("url")?)
        .api_key(args.text("key")?)
        .build()
        .map_err(|e| e.to_string())?;
    for round in 0..args.number("repeat", 5)? {
        let started = Instant::now();
        let ops = match args.workload.as_str() {
            "reads" => reads(&client, &args).await?,
            "writes" => writes(&client, &args, round).await?,
            other => return Err(format!("unknown workload {other}")),
        };
        let line = json!({"workload": args.workload, "impl": "rust core client", "seconds": started.elapsed().as_secs_f64(), "ops": ops});
        println!("{line}");
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    match Args::parse() {
        Ok(args) => match run(args).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("cake-bench: {message}");
                ExitCode::FAILURE
            }
        },
        Err(message) => {
            eprintln!("cake-bench: {message}");
            ExitCode::from(2)
        }
    }
}
