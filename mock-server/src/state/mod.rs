//! The mock's in-memory CAKE: affiliates, offers, sub-affiliates and payout overrides, with the
//! reference's ids, defaults and rules. Requests arrive typed and valid (core checked them);
//! what is left to refuse here is what only a server knows: unknown ids and duplicate names.

mod affiliate;
mod affiliate_offer;
mod entity;
mod offer;
mod report;
mod sub_affiliate;

pub use affiliate::{affiliate_answer, Affiliate};
pub use affiliate_offer::PayoutOverride;
pub use offer::{offer_answer, Offer};
pub use report::{Announce, Shape, MAX_REPORT_DAYS};
pub use sub_affiliate::SubAffiliate;

use crate::answer::{success, Answer};
use cake_core::Request;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashSet};

/// The first id of each kind, as the reference's samples number them.
pub const FIRST_AFFILIATE_ID: i64 = 67890;
pub const FIRST_OFFER_ID: i64 = 12345;
pub const FIRST_SUB_AFFILIATE_ID: i64 = 301;

/// Why a request was refused: one "field: message" line each, as the Failure answer lists them.
pub type Refusal = Vec<String>;

/// Everything the mock knows. `Clone` so a seed can be applied all-or-nothing.
#[derive(Debug, Clone)]
pub struct State {
    affiliates: BTreeMap<i64, Affiliate>,
    offers: BTreeMap<i64, Offer>,
    sub_affiliates: BTreeMap<i64, SubAffiliate>,
    /// Every sub-affiliate id, and each parent's, in id order (ids only grow and nothing is
    /// deleted): a report page is a slice of these instead of a scan of every sub-affiliate.
    sub_affiliate_ids: Vec<i64>,
    sub_affiliate_ids_by_parent: BTreeMap<i64, Vec<i64>>,
    overrides: BTreeMap<(i64, i64), PayoutOverride>,
    /// (parent id, lowercased name): names are unique per parent, case-insensitively.
    sub_affiliate_names: HashSet<(i64, String)>,
    next_affiliate_id: i64,
    next_offer_id: i64,
    next_sub_affiliate_id: i64,
}

impl Default for State {
    fn default() -> Self {
        State {
            affiliates: BTreeMap::new(),
            offers: BTreeMap::new(),
            sub_affiliates: BTreeMap::new(),
            sub_affiliate_ids: Vec::new(),
            sub_affiliate_ids_by_parent: BTreeMap::new(),
            overrides: BTreeMap::new(),
            sub_affiliate_names: HashSet::new(),
            next_affiliate_id: FIRST_AFFILIATE_ID,
            next_offer_id: FIRST_OFFER_ID,
            next_sub_affiliate_id: FIRST_SUB_AFFILIATE_ID,
        }
    }
}

/// A refusal naming an id that does not exist.
fn not_found(field: &str, what: &str, id: i64) -> Refusal {
    vec![format!("{field}: no {what} with id {id}")]
}

/// Hands out the next id of a counter.
fn take_id(counter: &mut i64) -> i64 {
    let id = *counter;
    *counter = counter.saturating_add(1);
    id
}

impl State {
    /// Applies a valid request and gives the Success answer, or refuses it.
    pub fn apply(&mut self, request: &Request, seed: u64) -> Result<Answer, Refusal> {
        let answer = match request {
            Request::CreateAffiliate(r) => {
                let created = self.create_affiliate(r);
                Ok(success([("affiliate", affiliate_answer(created))]))
            }
            Request::UpdateAffiliate(r) => self
                .update_affiliate(r)
                .map(|a| success([("affiliate", affiliate_answer(a))])),
            Request::GetAffiliateOffer(r) => self
                .affiliate_offer(r.affiliate_id, r.offer_id)
                .map(|pairing| success([("response", json!({ "affiliate_offer": pairing }))])),
            Request::CreateOffer(r) => {
                let created = self.create_offer(r);
                Ok(success([("offer", offer_answer(created))]))
            }
            Request::UpdateOffer(r) => self
                .update_offer(r)
                .map(|o| success([("offer", offer_answer(o))])),
            Request::ListSubAffiliates(r) => self
                .list_sub_affiliates(r)
                .map(|list| success([("sub_affiliates", Value::Array(list))])),
            Request::CreateSubAffiliate(r) => self
                .create_sub_affiliate(r)
                .map(|s| success([("sub_affiliate", s.answer())])),
            // Thousands of rows: written straight to text.
            Request::SubAffiliateReport(r) => return self.report(r, seed).map(Answer::Written),
        };
        answer.map(Answer::Value)
    }

    /// Every entity in full, as `GET /_mock/state` shows them.
    pub fn snapshot(&self) -> Value {
        json!({
            "affiliates": self.affiliates.values().map(Affiliate::to_json).collect::<Vec<_>>(),
            "offers": self.offers.values().map(Offer::to_json).collect::<Vec<_>>(),
            "sub_affiliates": self.sub_affiliates.values().map(SubAffiliate::answer).collect::<Vec<_>>(),
            "affiliate_offers": self.overrides.values().map(PayoutOverride::answer).collect::<Vec<_>>(),
        })
    }
}
