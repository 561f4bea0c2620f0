//! Decimal money and payout arithmetic. Everything is `rust_decimal`; results are rounded half
//! away from zero to the cent and always carry 2 places ("6.00"). No operation can panic:
//! overflow is an `out_of_range` issue.

pub mod call;
pub mod parse;

use crate::enums::{PayoutType, SubAffiliatePayoutType};
use crate::issue::{code, Issue};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

/// Places of the minor unit.
pub const CENT_PLACES: u32 = 2;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;
const THOUSAND: Decimal = Decimal::ONE_THOUSAND;

/// Rounds half away from zero to the cent and pads to 2 places (25 -> 25.00).
pub fn round_money(amount: Decimal) -> Decimal {
    let mut rounded =
        amount.round_dp_with_strategy(CENT_PLACES, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(CENT_PLACES);
    rounded
}

/// Pads an amount to at least 2 places without rounding away precision (7.5 -> 7.50, 7.505 stays).
pub fn pad_money(amount: Decimal) -> Decimal {
    let mut padded = amount;
    if padded.scale() < CENT_PLACES {
        padded.rescale(CENT_PLACES);
    }
    padded
}

fn overflow(field: &str) -> Issue {
    Issue::error(
        field,
        code::OUT_OF_RANGE,
        "the result is too large to compute",
    )
}

fn mul(a: Decimal, b: Decimal, field: &str) -> Result<Decimal, Issue> {
    a.checked_mul(b).ok_or_else(|| overflow(field))
}

fn div(a: Decimal, b: Decimal, field: &str) -> Result<Decimal, Issue> {
    a.checked_div(b).ok_or_else(|| overflow(field))
}

fn sub(a: Decimal, b: Decimal, field: &str) -> Result<Decimal, Issue> {
    a.checked_sub(b).ok_or_else(|| overflow(field))
}

fn add(a: Decimal, b: Decimal, field: &str) -> Result<Decimal, Issue> {
    a.checked_add(b).ok_or_else(|| overflow(field))
}

/// `percent`% of `amount`, unrounded.
fn percent_of(percent: Decimal, amount: Decimal, field: &str) -> Result<Decimal, Issue> {
    div(mul(percent, amount, field)?, HUNDRED, field)
}

/// What one conversion pays a sub-affiliate: the flat amount (cpa) or `payout`% of the
/// parent's payout (percent). The reference: 20% of 30.00 is 6.00.
pub fn sub_affiliate_payout(
    parent_payout: Decimal,
    payout: Decimal,
    payout_type: &SubAffiliatePayoutType,
) -> Result<Decimal, Issue> {
    match payout_type {
        SubAffiliatePayoutType::Cpa => Ok(round_money(payout)),
        SubAffiliatePayoutType::Percent => {
            percent_of(payout, parent_payout, "payout").map(round_money)
        }
        SubAffiliatePayoutType::Other(_) => Err(Issue::error(
            "payout_type",
            code::INVALID_ENUM,
            "must be one of: cpa, percent",
        )),
    }
}

/// An affiliate's payout on an offer: the affiliate-offer override when set, else the offer's.
pub fn effective_payout(offer_payout: Decimal, payout_override: Option<Decimal>) -> Decimal {
    round_money(payout_override.unwrap_or(offer_payout))
}

/// Revenue minus payout (negative when the offer loses money).
pub fn margin(revenue: Decimal, payout: Decimal) -> Result<Decimal, Issue> {
    sub(revenue, payout, "revenue").map(round_money)
}

/// Margin as a percent of revenue; `None` when revenue is zero.
pub fn margin_percent(revenue: Decimal, payout: Decimal) -> Result<Option<Decimal>, Issue> {
    if revenue.is_zero() {
        return Ok(None);
    }
    let margin = sub(revenue, payout, "revenue")?;
    let ratio = div(mul(margin, HUNDRED, "revenue")?, revenue, "revenue")?;
    Ok(Some(round_money(ratio)))
}

/// The counts an earning is computed from (all default to zero).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Activity {
    pub conversions: u64,
    pub clicks: u64,
    pub impressions: u64,
    pub sale_amount: Decimal,
}

/// Earnings at `rate` by type: cpa x conversions, cpc x clicks, cpm x impressions / 1000,
/// revshare `rate`% of the sale amount.
pub fn earnings(
    payout_type: &PayoutType,
    rate: Decimal,
    activity: &Activity,
) -> Result<Decimal, Issue> {
    let exact = match payout_type {
        PayoutType::Cpa => mul(rate, Decimal::from(activity.conversions), "conversions")?,
        PayoutType::Cpc => mul(rate, Decimal::from(activity.clicks), "clicks")?,
        PayoutType::Cpm => div(
            mul(rate, Decimal::from(activity.impressions), "impressions")?,
            THOUSAND,
            "impressions",
        )?,
        PayoutType::Revshare => percent_of(rate, activity.sale_amount, "sale_amount")?,
        PayoutType::Other(_) => {
            return Err(Issue::error(
                "payout_type",
                code::INVALID_ENUM,
                "must be one of: cpa, cpc, cpm, revshare",
            ))
        }
    };
    Ok(round_money(exact))
}

/// Conversion rate (%) and earnings per click; both `None` when there were no clicks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReportMetrics {
    pub conversion_rate: Option<Decimal>,
    pub epc: Option<Decimal>,
}

pub fn report_metrics(
    clicks: u64,
    conversions: u64,
    payout: Decimal,
) -> Result<ReportMetrics, Issue> {
    if clicks == 0 {
        return Ok(ReportMetrics {
            conversion_rate: None,
            epc: None,
        });
    }
    let clicks = Decimal::from(clicks);
    let rate = div(
        mul(Decimal::from(conversions), HUNDRED, "conversions")?,
        clicks,
        "conversions",
    )?;
    let epc = div(payout, clicks, "payout")?;
    Ok(ReportMetrics {
        conversion_rate: Some(round_money(rate)),
        epc: Some(round_money(epc)),
    })
}

/// Sums of a report and the metrics of those sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReportTotals {
    pub clicks: u64,
    pub conversions: u64,
    pub payout: Decimal,
    pub conversion_rate: Option<Decimal>,
    pub epc: Option<Decimal>,
}

/// Totals over `(clicks, conversions, payout)` rows; the payout total is exact to the cent.
pub fn report_totals(
    rows: impl IntoIterator<Item = (u64, u64, Decimal)>,
) -> Result<ReportTotals, Issue> {
    let (mut clicks, mut conversions, mut payout) = (0u64, 0u64, Decimal::ZERO);
    for (row_clicks, row_conversions, row_payout) in rows {
        clicks = clicks
            .checked_add(row_clicks)
            .ok_or_else(|| overflow("clicks"))?;
        conversions = conversions
            .checked_add(row_conversions)
            .ok_or_else(|| overflow("conversions"))?;
        payout = add(payout, row_payout, "payout")?;
    }
    let metrics = report_metrics(clicks, conversions, payout)?;
    Ok(ReportTotals {
        clicks,
        conversions,
        payout: round_money(payout),
        conversion_rate: metrics.conversion_rate,
        epc: metrics.epc,
    })
}

/// Splits `total` across `weights` so that the parts sum exactly to it: each part gets its
/// share rounded down to the cent, and the cents left go to the largest remainders (ties to
/// the earlier part). A negative total is split by its size and negated.
pub fn split(total: Decimal, weights: &[Decimal]) -> Result<Vec<Decimal>, Issue> {
    if total.normalize().scale() > CENT_PLACES {
        return Err(Issue::error(
            "total",
            code::TOO_MANY_DECIMALS,
            "must have at most 2 decimal places",
        ));
    }
    if weights.is_empty() {
        return Err(Issue::error(
            "weights",
            code::REQUIRED,
            "must hold at least one weight",
        ));
    }
    if weights.iter().any(|w| w.is_sign_negative() && !w.is_zero()) {
        return Err(Issue::error(
            "weights",
            code::OUT_OF_RANGE,
            "must not be negative",
        ));
    }
    let weight_sum = weights
        .iter()
        .try_fold(Decimal::ZERO, |sum, w| add(sum, *w, "weights"))?;
    if weight_sum.is_zero() {
        return Err(Issue::error(
            "weights",
            code::OUT_OF_RANGE,
            "must not all be zero",
        ));
    }
    let cents = mul(total.abs(), HUNDRED, "total")?;
    let mut parts = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    let mut allotted = Decimal::ZERO;
    for (index, weight) in weights.iter().enumerate() {
        let exact = div(mul(cents, *weight, "total")?, weight_sum, "total")?;
        // Shares are never negative, so flooring is truncating (`floor` would bring in a
        // second subtraction routine).
        let floor = exact.trunc();
        allotted = add(allotted, floor, "total")?;
        parts.push(floor);
        remainders.push((sub(exact, floor, "total")?, index));
    }
    // Largest remainder first; equal remainders keep input order.
    heap_sort(&mut remainders, |a, b| {
        b.0.cmp(&a.0).then(a.1.cmp(&b.1)).is_lt()
    });
    let order: Vec<usize> = remainders.into_iter().map(|(_, index)| index).collect();
    settle(&mut parts, &order, sub(cents, allotted, "total")?)?;
    let negative = total.is_sign_negative();
    parts
        .into_iter()
        .map(|cents| {
            let amount = round_money(div(cents, HUNDRED, "total")?);
            Ok(if negative && !amount.is_zero() {
                -amount
            } else {
                amount
            })
        })
        .collect()
}

/// Sorts `items` so that `before(a, b)` holds for every earlier `a` and later `b` (`before`
/// must be a strict total order). A plain heapsort: the standard library's sorts are
/// kilobytes of the browser package, and this is the one sort money needs.
fn heap_sort<T>(items: &mut [T], before: impl Fn(&T, &T) -> bool) {
    let sift_down = |items: &mut [T], mut root: usize| loop {
        let mut child = 2 * root + 1;
        let Some(first) = items.get(child) else {
            return;
        };
        if items
            .get(child + 1)
            .is_some_and(|second| before(first, second))
        {
            child += 1;
        }
        match (items.get(root), items.get(child)) {
            (Some(parent), Some(larger)) if before(parent, larger) => items.swap(root, child),
            _ => return,
        }
        root = child;
    };
    for root in (0..items.len() / 2).rev() {
        sift_down(items, root);
    }
    for end in (1..items.len()).rev() {
        items.swap(0, end);
        if let Some(heap) = items.get_mut(..end) {
            sift_down(heap, 0);
        }
    }
}

/// Hands out the whole cents `left` after flooring the shares, in `order` (largest remainder
/// first), so the parts add up to the total exactly. A product keeps only 28 significant
/// digits, so near the top of the decimal range the floored shares can miss the total by more
/// cents than there are parts, or pass it (found by fuzzing: one weight, a 27-digit total, a
/// cent lost). Cents are therefore handed out round after round, and any excess is taken back
/// the same way from the smallest remainders; a round that changes nothing ends the loop.
fn settle(parts: &mut [Decimal], order: &[usize], mut left: Decimal) -> Result<(), Issue> {
    while left >= Decimal::ONE {
        let before = left;
        for &index in order {
            match parts.get_mut(index) {
                // While cents are left, every part is below the total: no overflow (checked all the
                // same: one addition routine in the wasm module instead of two).
                Some(part) if left >= Decimal::ONE => {
                    *part = add(*part, Decimal::ONE, "total")?;
                    left = sub(left, Decimal::ONE, "total")?;
                }
                _ => {}
            }
        }
        if left == before {
            return Ok(());
        }
    }
    while left <= Decimal::NEGATIVE_ONE {
        let before = left;
        for &index in order.iter().rev() {
            match parts.get_mut(index) {
                Some(part) if *part >= Decimal::ONE && left <= Decimal::NEGATIVE_ONE => {
                    *part = sub(*part, Decimal::ONE, "total")?;
                    left = add(left, Decimal::ONE, "total")?;
                }
                _ => {}
            }
        }
        if left == before {
            return Ok(());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
