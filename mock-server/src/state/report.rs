//! The sub-affiliate performance report, generated from state and the server's seed: one row per
//! matching sub-affiliate (in id order), its numbers summed over the days of the range, each day
//! derived from a hash of (seed, sub-affiliate, day, offer filter). The same state, seed and
//! request always give the same rows, and only the requested page is computed.

use super::{not_found, Refusal, State, SubAffiliate};
use crate::answer::rounded_money;
use crate::splitmix;
use cake_core::datetime::UNIX_EPOCH_DAYS_FROM_CE;
use cake_core::models::SubAffiliateReportRequest;
use cake_core::money::sub_affiliate_payout;
use cake_core::Decimal;
use serde_json::{json, Value};

/// Longest date range served (ten years): a row costs one hash per day, so an unbounded range
/// (year 1 to 9999) would let one request occupy the server for minutes.
pub const MAX_REPORT_DAYS: i64 = 3660;
/// Clicks per sub-affiliate and day are below this.
const CLICKS_PER_DAY: u64 = 200;

/// One page of rows and how many rows the whole report has.
pub struct ReportPage {
    pub total_rows: usize,
    pub rows: Vec<Value>,
}

/// Clicks and conversions of one sub-affiliate on one day.
fn day_numbers(seed: u64, sub_affiliate_id: i64, day: i32, offer_filter: i64) -> (u64, u64) {
    // Ids and days are hashed by their bit patterns; negative values cannot occur but would
    // hash fine too.
    let h = splitmix::hash(&[
        seed,
        sub_affiliate_id as u64,
        i64::from(day) as u64,
        offer_filter as u64,
    ]);
    let clicks = h % CLICKS_PER_DAY;
    let conversions = (h >> 32) % (clicks / 10 + 1);
    (clicks, conversions)
}

impl State {
    pub fn report(
        &self,
        request: &SubAffiliateReportRequest,
        seed: u64,
    ) -> Result<ReportPage, Refusal> {
        let start = request.start_date.days_since_epoch();
        let days = request.end_date.days_since_epoch() - start + 1;
        if days > MAX_REPORT_DAYS {
            return Err(vec![format!(
                "end_date: the range must span at most {MAX_REPORT_DAYS} days"
            )]);
        }
        if let Some(offer_id) = request.offer_id {
            if self.offer(offer_id).is_none() {
                return Err(not_found("offer_id", "offer", offer_id));
            }
        }
        let priced_offer = request
            .offer_id
            .or_else(|| self.first_offer().map(|offer| offer.id));
        let matching =
            self.matching_sub_affiliate_ids(request.affiliate_id, request.sub_affiliate_id)?;
        let skip = usize::try_from(request.effective_start_at_row()).unwrap_or(usize::MAX);
        let page = matching.get(skip..).unwrap_or(&[]);
        let take = usize::try_from(request.effective_row_limit()).unwrap_or(usize::MAX);
        // Days counted from 0001-01-01, as the report's hash has always taken them.
        let first_day = i32::try_from(start + UNIX_EPOCH_DAYS_FROM_CE).unwrap_or(0);
        let rows = self
            .sub_affiliates_by_id(page)
            .take(take)
            .map(|sub| {
                let parent_payout = priced_offer
                    .map(|offer_id| self.effective_payout(sub.affiliate_id, offer_id))
                    .unwrap_or(Decimal::ZERO);
                let offer_filter = request.offer_id.unwrap_or(0);
                let (clicks, conversions) = (0..days)
                    .filter_map(|offset| i32::try_from(offset).ok())
                    .map(|offset| day_numbers(seed, sub.id, first_day + offset, offer_filter))
                    .fold((0u64, 0u64), |(c, v), (dc, dv)| (c + dc, v + dv));
                row(sub, parent_payout, clicks, conversions)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ReportPage {
            total_rows: matching.len(),
            rows,
        })
    }
}

fn row(
    sub: &SubAffiliate,
    parent_payout: Decimal,
    clicks: u64,
    conversions: u64,
) -> Result<Value, Refusal> {
    let per_conversion = sub_affiliate_payout(parent_payout, sub.payout, &sub.payout_type)
        .map_err(|issue| vec![format!("{}: {}", issue.field, issue.message)])?;
    let payout = per_conversion
        .checked_mul(Decimal::from(conversions))
        .ok_or_else(|| vec!["payout: the result is too large to compute".to_owned()])?;
    Ok(json!({
        "sub_affiliate_id": sub.id,
        "sub_affiliate_name": sub.name,
        "clicks": clicks,
        "conversions": conversions,
        "payout": rounded_money(payout),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_stay_in_bounds() {
        for day in 0..2000 {
            let (clicks, conversions) = day_numbers(1, 301, 738_000 + day, 0);
            assert!(clicks < CLICKS_PER_DAY);
            assert!(conversions <= clicks / 10);
        }
    }

    #[test]
    fn day_numbers_depend_on_every_input() {
        let base = day_numbers(1, 301, 738_000, 0);
        let varied = [
            day_numbers(2, 301, 738_000, 0),
            day_numbers(1, 302, 738_000, 0),
            day_numbers(1, 301, 738_001, 0),
            day_numbers(1, 301, 738_000, 12345),
        ];
        assert!(varied.iter().any(|v| *v != base));
        assert_eq!(day_numbers(1, 301, 738_000, 0), base);
    }
}
