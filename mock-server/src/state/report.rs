//! The sub-affiliate performance report, generated from state and the server's seed: one row per
//! matching sub-affiliate (in id order), its numbers summed over the days of the range, each day
//! derived from a hash of (seed, sub-affiliate, day, offer filter). The same state, seed and
//! request always give the same rows, and only the requested page is computed.

use super::{not_found, Refusal, State, SubAffiliate};
use crate::splitmix;
use cake_core::datetime::UNIX_EPOCH_DAYS_FROM_CE;
use cake_core::models::SubAffiliateReportRequest;
use cake_core::money::{round_money, sub_affiliate_payout};
use cake_core::Decimal;
use std::io::Write;

/// Longest date range served (ten years): a row costs one hash per day, so an unbounded range
/// (year 1 to 9999) would let one request occupy the server for minutes.
pub const MAX_REPORT_DAYS: i64 = 3660;
/// Clicks per sub-affiliate and day are below this.
const CLICKS_PER_DAY: u64 = 200;

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

/// How a report answer is shaped: what it says of `total_rows`, and which rows it breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub announce: Announce,
    /// Every n-th row of the report (counted from its first row) is sent as a JSON string
    /// instead of an object: a row a client cannot read.
    pub broken_every: Option<u64>,
}

impl Shape {
    pub const HONEST: Shape = Shape {
        announce: Announce::True,
        broken_every: None,
    };
}

/// What a report answer says of `total_rows`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Announce {
    /// The true count of matching rows.
    True,
    /// This count, true or not.
    Claim(u64),
    /// Nothing: the field is left out, as the reference's sample does.
    Omit,
}

impl State {
    /// The page's whole Success answer as JSON text: `request_status`, `total_rows` (rows in
    /// the whole report), then the page's rows.
    pub fn report(
        &self,
        request: &SubAffiliateReportRequest,
        seed: u64,
    ) -> Result<Vec<u8>, Refusal> {
        self.report_shaped(request, seed, Shape::HONEST)
    }

    /// [`State::report`] shaped as `shape` says.
    pub fn report_shaped(
        &self,
        request: &SubAffiliateReportRequest,
        seed: u64,
        shape: Shape,
    ) -> Result<Vec<u8>, Refusal> {
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
        let priced_offer = request.offer_id.or_else(|| self.first_offer_id());
        let matching =
            self.matching_sub_affiliate_ids(request.affiliate_id, request.sub_affiliate_id)?;
        let skip = usize::try_from(request.effective_start_at_row()).unwrap_or(usize::MAX);
        let page = matching.get(skip..).unwrap_or(&[]);
        let take = usize::try_from(request.effective_row_limit()).unwrap_or(usize::MAX);
        // Days counted from 0001-01-01, as the report's hash has always taken them.
        let first_day = i32::try_from(start + UNIX_EPOCH_DAYS_FROM_CE).unwrap_or(0);
        let mut out = Vec::with_capacity(64 + take.min(page.len()) * ROW_BYTES);
        out.extend_from_slice(br#"{"request_status":"Success","#);
        let total = match shape.announce {
            Announce::True => Some(matching.len() as u64),
            Announce::Claim(total) => Some(total),
            Announce::Omit => None,
        };
        if let Some(total) = total {
            let _ = write!(out, r#""total_rows":{total},"#);
        }
        out.extend_from_slice(br#""sub_affiliate_report":["#);
        let offer_filter = request.offer_id.unwrap_or(0);
        for (at, sub) in self.sub_affiliates_by_id(page).take(take).enumerate() {
            let parent_payout = priced_offer
                .map(|offer_id| self.effective_payout(sub.affiliate_id, offer_id))
                .unwrap_or(Decimal::ZERO);
            let (clicks, conversions) = (0..days)
                .filter_map(|offset| i32::try_from(offset).ok())
                .map(|offset| day_numbers(seed, sub.id, first_day + offset, offer_filter))
                .fold((0u64, 0u64), |(c, v), (dc, dv)| (c + dc, v + dv));
            if at > 0 {
                out.push(b',');
            }
            let row = request.effective_start_at_row() + at as u64 + 1;
            if shape.broken_every.is_some_and(|n| row.is_multiple_of(n)) {
                out.extend_from_slice(br#""not a row""#);
                continue;
            }
            write_row(&mut out, sub, parent_payout, clicks, conversions)?;
        }
        out.extend_from_slice(b"]}");
        Ok(out)
    }
}

/// About what one row takes as text (the buffer is sized for a page up front).
const ROW_BYTES: usize = 100;

fn write_row(
    out: &mut Vec<u8>,
    sub: &SubAffiliate,
    parent_payout: Decimal,
    clicks: u64,
    conversions: u64,
) -> Result<(), Refusal> {
    let per_conversion = sub_affiliate_payout(parent_payout, sub.payout, &sub.payout_type)
        .map_err(|issue| vec![format!("{}: {}", issue.field, issue.message)])?;
    let payout = per_conversion
        .checked_mul(Decimal::from(conversions))
        .ok_or_else(|| vec!["payout: the result is too large to compute".to_owned()])?;
    let _ = write!(
        out,
        r#"{{"sub_affiliate_id":{},"sub_affiliate_name":"#,
        sub.id
    );
    // serde_json's own string escaping; writing to a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, &sub.name);
    let _ = write!(
        out,
        r#","clicks":{clicks},"conversions":{conversions},"payout":{}}}"#,
        round_money(payout)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::seed;
    use cake_core::datetime::CakeDate;
    use serde_json::{json, Value};

    /// Names that need JSON escaping, percent and flat payouts, an offer that prices them.
    fn seeded() -> State {
        let data = json!({
            "affiliates": [{"affiliate_name": "A", "account_manager_id": 1}],
            "offers": [{"offer_name": "O", "advertiser_id": 1, "vertical_id": 1,
                        "offer_url": "https://t.example/c", "payout": "30.00", "payout_type": "cpa"}],
            "sub_affiliates": [
                {"affiliate_id": 67890, "sub_affiliate_name": "plain", "payout": "12.5", "payout_type": "percent"},
                {"affiliate_id": 67890, "sub_affiliate_name": "q\"uote\\ é😀 </tag>", "payout": "2.005", "payout_type": "cpa"},
                {"affiliate_id": 67890, "sub_affiliate_name": "third", "payout": 0, "payout_type": "cpa"},
            ],
        });
        seed::apply(&State::default(), &data).unwrap().0
    }

    #[test]
    fn the_written_page_is_the_answer_as_values_would_write_it() {
        let state = seeded();
        let mut request = SubAffiliateReportRequest::new(
            CakeDate::parse_lenient("2026-06-01").unwrap(),
            CakeDate::parse_lenient("2026-06-30").unwrap(),
        );
        request.start_at_row = Some(1);
        request.row_limit = Some(5);
        let text = state.report(&request, 7).unwrap();
        let read: Value = serde_json::from_slice(&text).unwrap();
        // The same page built as values, the way the mock answered before it wrote text.
        let offer_payout = Decimal::new(3000, 2);
        let expected_rows: Vec<Value> = [302, 303]
            .into_iter()
            .map(|id| {
                let ids = [id];
                let sub = state.sub_affiliates_by_id(&ids).next().unwrap();
                let (clicks, conversions) = (0..30)
                    .map(|offset| day_numbers(7, id, 739_768 + offset, 0))
                    .fold((0u64, 0u64), |(c, v), (dc, dv)| (c + dc, v + dv));
                let each =
                    sub_affiliate_payout(offer_payout, sub.payout, &sub.payout_type).unwrap();
                json!({
                    "sub_affiliate_id": id,
                    "sub_affiliate_name": sub.name,
                    "clicks": clicks,
                    "conversions": conversions,
                    "payout": crate::answer::rounded_money(each * Decimal::from(conversions)),
                })
            })
            .collect();
        let expected = crate::answer::success([
            ("total_rows", json!(3)),
            ("sub_affiliate_report", Value::Array(expected_rows)),
        ]);
        assert_eq!(String::from_utf8(text).unwrap(), expected.to_string());
        assert_eq!(
            read["sub_affiliate_report"][0]["sub_affiliate_name"],
            "q\"uote\\ é😀 </tag>"
        );
    }

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
