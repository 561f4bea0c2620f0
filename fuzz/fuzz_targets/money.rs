//! Money parsing and payout arithmetic on arbitrary decimals.
//!
//! Input: [mode, payload...]:
//! - mode % 4 == 0: `decimal_from_text` on the payload as text;
//! - mode % 4 == 1: `decimal_from_value` / `integer_from_value` on the payload as JSON;
//! - mode % 4 == 2: `money::call::call` with function `FUNCTIONS[mode / 4 % len]`, the payload
//!   as the arguments (JSON when it parses, else built from the bytes);
//! - mode % 4 == 3: every arithmetic function on decimals built from (mantissa, scale).
//!
//! Invariants besides "no panic": `split` gives one part per weight, each to the cent, and the
//! parts add up to the total exactly (no cent created or lost).
#![no_main]

use arbitrary::Unstructured;
use cake_core::models::{PayoutType, SubAffiliatePayoutType};
use cake_core::money::call::{call, FUNCTIONS};
use cake_core::money::parse::{decimal_from_text, decimal_from_value, integer_from_value};
use cake_core::money::{self, Activity};
use cake_fuzz::json_or_built;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

/// Every argument name `call` reads, so built arguments hit them.
const ARGS: &[&str] = &[
    "payout_type",
    "parent_payout",
    "payout",
    "offer_payout",
    "override",
    "revenue",
    "rate",
    "conversions",
    "clicks",
    "impressions",
    "sale_amount",
    "rows",
    "total",
    "weights",
];

fuzz_target!(|data: &[u8]| {
    let [mode, payload @ ..] = data else {
        return;
    };
    match mode % 4 {
        0 => {
            if let Ok(text) = std::str::from_utf8(payload) {
                let _ = decimal_from_text(text);
            }
        }
        1 => {
            if let Ok(value) = serde_json::from_slice(payload) {
                let _ = decimal_from_value(&value);
                let _ = integer_from_value(&value);
            }
        }
        2 => {
            let function = FUNCTIONS[usize::from(mode / 4) % FUNCTIONS.len()];
            let _ = call(function, &json_or_built(payload, ARGS));
        }
        _ => {
            let _ = arithmetic(&mut Unstructured::new(payload));
        }
    }
});

/// A decimal from a 96-bit mantissa and a scale of 0..=28: every value a Decimal can hold.
fn decimal(u: &mut Unstructured) -> arbitrary::Result<Decimal> {
    let mantissa = u.arbitrary::<i128>()? >> 32;
    let scale = u.int_in_range(0u32..=28)?;
    Ok(Decimal::try_from_i128_with_scale(mantissa, scale).unwrap_or_default())
}

fn arithmetic(u: &mut Unstructured) -> arbitrary::Result<()> {
    let (a, b) = (decimal(u)?, decimal(u)?);
    let n: u64 = u.arbitrary()?;
    let _ = (money::round_money(a), money::pad_money(a));
    let _ = money::margin(a, b);
    let _ = money::margin_percent(a, b);
    let _ = money::effective_payout(a, Some(b));
    for kind in [SubAffiliatePayoutType::Cpa, SubAffiliatePayoutType::Percent] {
        let _ = money::sub_affiliate_payout(a, b, &kind);
    }
    let activity = Activity {
        conversions: n,
        clicks: n,
        impressions: n,
        sale_amount: b,
    };
    for kind in [
        PayoutType::Cpa,
        PayoutType::Cpc,
        PayoutType::Cpm,
        PayoutType::Revshare,
    ] {
        let _ = money::earnings(&kind, a, &activity);
    }
    let _ = money::report_metrics(n, u.arbitrary()?, a);
    let _ = money::report_totals([(n, n, a), (u.arbitrary()?, u.arbitrary()?, b)]);

    let len = u.int_in_range(1usize..=8)?;
    let mut weights = Vec::with_capacity(len);
    for _ in 0..len {
        weights.push(decimal(u)?);
    }
    // Half the time a total to the cent, which split accepts (it refuses more places).
    let total = if u.arbitrary()? { a.round_dp(2) } else { a };
    if let Ok(parts) = money::split(total, &weights) {
        assert_eq!(parts.len(), weights.len(), "one part per weight");
        assert!(
            parts.iter().all(|p| p.scale() == 2),
            "parts are to the cent"
        );
        let sum = parts
            .iter()
            .try_fold(Decimal::ZERO, |sum, part| sum.checked_add(*part));
        // Decimal equality is by value, so 10 == 10.00.
        assert_eq!(
            sum,
            Some(total),
            "split of {total} by {weights:?} gives {parts:?}"
        );
    }
    Ok(())
}
