//! The payout functions over untyped arguments (a JSON object, as bindings and the shared
//! vectors hand them): amounts as numbers or decimal strings, counts as whole numbers.
//! Bindings call these so that argument rules live here once.

use super::parse::{decimal_from_value, integer_from_value};
use super::{Activity, ReportMetrics, ReportTotals};
use crate::enums::enum_text;
use crate::enums::{PayoutType, SubAffiliatePayoutType};
use crate::issue::{code, Issue};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// The functions, by the names every language uses (snake_case; JS camelCases them).
pub const FUNCTIONS: &[&str] = &[
    "sub_affiliate_payout",
    "effective_payout",
    "margin",
    "margin_percent",
    "earnings",
    "report_metrics",
    "report_totals",
    "split",
];

fn given<'a>(args: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    args.get(name).filter(|value| match value {
        Value::Null => false,
        Value::String(text) => !text.trim().is_empty(),
        _ => true,
    })
}

fn amount_or(
    args: &Map<String, Value>,
    name: &str,
    default: Option<Decimal>,
) -> Result<Decimal, Issue> {
    match given(args, name) {
        Some(value) => decimal_from_value(value).map_err(|e| {
            Issue::error(
                name,
                e.code(),
                "must be a decimal amount (a number or a decimal string)",
            )
        }),
        None => default.ok_or_else(|| Issue::error(name, code::REQUIRED, "is required")),
    }
}

fn amount(args: &Map<String, Value>, name: &str) -> Result<Decimal, Issue> {
    amount_or(args, name, None)
}

fn non_negative(args: &Map<String, Value>, name: &str) -> Result<Decimal, Issue> {
    let value = amount(args, name)?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(Issue::error(
            name,
            code::OUT_OF_RANGE,
            "must not be negative",
        ));
    }
    Ok(value)
}

fn count(args: &Map<String, Value>, name: &str) -> Result<u64, Issue> {
    let Some(value) = given(args, name) else {
        return Ok(0);
    };
    let whole = integer_from_value(value)
        .map_err(|e| Issue::error(name, e.code(), "must be a whole number"))?;
    u64::try_from(whole).map_err(|_| Issue::error(name, code::OUT_OF_RANGE, "must be zero or more"))
}

fn kind<T>(
    args: &Map<String, Value>,
    name: &str,
    parse: fn(&str) -> T,
    known: fn(&T) -> bool,
    allowed: &[&str],
) -> Result<T, Issue> {
    let value =
        given(args, name).ok_or_else(|| Issue::error(name, code::REQUIRED, "is required"))?;
    let text = enum_text(value)
        .ok_or_else(|| Issue::error(name, code::INVALID_TYPE, "must be a string"))?;
    let parsed = parse(text);
    if known(&parsed) {
        Ok(parsed)
    } else {
        Err(Issue::error(
            name,
            code::INVALID_ENUM,
            format!("must be one of: {}", allowed.join(", ")),
        ))
    }
}

fn money(value: Decimal) -> Value {
    Value::String(value.to_string())
}

fn optional_money(value: Option<Decimal>) -> Value {
    value.map_or(Value::Null, money)
}

// Objects built by hand: `json!` would `unwrap` a serde conversion, whose error formatting
// is kilobytes of the browser package for a path that never runs.
fn object<const N: usize>(entries: [(&str, Value); N]) -> Value {
    Value::Object(
        entries
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect(),
    )
}

fn metrics_json(metrics: ReportMetrics) -> Value {
    object([
        ("conversion_rate", optional_money(metrics.conversion_rate)),
        ("epc", optional_money(metrics.epc)),
    ])
}

fn totals_json(totals: ReportTotals) -> Value {
    object([
        ("clicks", Value::from(totals.clicks)),
        ("conversions", Value::from(totals.conversions)),
        ("payout", money(totals.payout)),
        ("conversion_rate", optional_money(totals.conversion_rate)),
        ("epc", optional_money(totals.epc)),
    ])
}

fn row_counts(row: &Value) -> Result<(u64, u64, Decimal), Issue> {
    let fields = row
        .as_object()
        .ok_or_else(|| Issue::error("rows", code::INVALID_TYPE, "each row must be an object"))?;
    Ok((
        count(fields, "clicks")?,
        count(fields, "conversions")?,
        amount_or(fields, "payout", Some(Decimal::ZERO))?,
    ))
}

/// Calls payout function `function` with `args`; amounts in the result are decimal strings
/// with 2 places, absent metrics are `null`.
pub fn call(function: &str, args: &Value) -> Result<Value, Issue> {
    let empty = Map::new();
    let args = match args {
        Value::Object(map) => map,
        Value::Null => &empty,
        _ => {
            return Err(Issue::error(
                "",
                code::INVALID_TYPE,
                "arguments must be an object",
            ))
        }
    };
    match function {
        "sub_affiliate_payout" => {
            let payout_type = kind(
                args,
                "payout_type",
                SubAffiliatePayoutType::parse,
                SubAffiliatePayoutType::is_known,
                SubAffiliatePayoutType::VALUES,
            )?;
            let parent = non_negative(args, "parent_payout")?;
            let payout = non_negative(args, "payout")?;
            super::sub_affiliate_payout(parent, payout, &payout_type).map(money)
        }
        "effective_payout" => {
            let offer_payout = amount(args, "offer_payout")?;
            let payout_override = given(args, "override")
                .map(|_| amount(args, "override"))
                .transpose()?;
            Ok(money(super::effective_payout(
                offer_payout,
                payout_override,
            )))
        }
        "margin" => super::margin(amount(args, "revenue")?, amount(args, "payout")?).map(money),
        "margin_percent" => {
            super::margin_percent(amount(args, "revenue")?, amount(args, "payout")?)
                .map(optional_money)
        }
        "earnings" => {
            let payout_type = kind(
                args,
                "payout_type",
                PayoutType::parse,
                PayoutType::is_known,
                PayoutType::VALUES,
            )?;
            let rate = amount(args, "rate")?;
            let activity = Activity {
                conversions: count(args, "conversions")?,
                clicks: count(args, "clicks")?,
                impressions: count(args, "impressions")?,
                sale_amount: amount_or(args, "sale_amount", Some(Decimal::ZERO))?,
            };
            super::earnings(&payout_type, rate, &activity).map(money)
        }
        "report_metrics" => {
            let metrics = super::report_metrics(
                count(args, "clicks")?,
                count(args, "conversions")?,
                amount(args, "payout")?,
            )?;
            Ok(metrics_json(metrics))
        }
        "report_totals" => {
            let rows = match given(args, "rows") {
                Some(Value::Array(rows)) => {
                    rows.iter().map(row_counts).collect::<Result<Vec<_>, _>>()?
                }
                Some(_) => {
                    return Err(Issue::error(
                        "rows",
                        code::INVALID_TYPE,
                        "must be a list of rows",
                    ))
                }
                None => Vec::new(),
            };
            super::report_totals(rows).map(totals_json)
        }
        "split" => {
            let total = amount(args, "total")?;
            let weights = match given(args, "weights") {
                Some(Value::Array(weights)) => weights
                    .iter()
                    .map(|w| {
                        decimal_from_value(w).map_err(|e| {
                            Issue::error("weights", e.code(), "each weight must be a decimal")
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?,
                Some(_) => {
                    return Err(Issue::error(
                        "weights",
                        code::INVALID_TYPE,
                        "must be a list of weights",
                    ))
                }
                None => Vec::new(),
            };
            let parts = super::split(total, &weights)?;
            Ok(Value::Array(parts.into_iter().map(money).collect()))
        }
        _ => Err(Issue::error(
            "",
            code::UNKNOWN_OPERATION,
            "no such payout function",
        )),
    }
}
