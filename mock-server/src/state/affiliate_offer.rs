//! Affiliate-offer pairings: a payout override per (affiliate, offer), and what
//! `get_affiliate_offer` answers: the override when set, else the offer's payout.

use super::entity::answer;
use super::{not_found, Refusal, State};
use crate::answer::{money, put_opt, rounded_money};
use cake_core::models::AffiliateOffer;
use cake_core::money::effective_payout;
use cake_core::Decimal;
use serde_json::{json, Map, Value};

#[derive(Debug, Clone)]
pub struct PayoutOverride {
    pub affiliate_id: i64,
    pub offer_id: i64,
    pub payout: Decimal,
}

impl PayoutOverride {
    pub fn answer(&self) -> Value {
        json!({
            "affiliate_id": self.affiliate_id,
            "offer_id": self.offer_id,
            "payout": money(self.payout),
        })
    }
}

impl State {
    /// Sets (or replaces) an affiliate's payout on an offer; both must exist.
    pub fn set_override(
        &mut self,
        affiliate_id: i64,
        offer_id: i64,
        payout: Decimal,
    ) -> Result<&PayoutOverride, Refusal> {
        self.check_pair(affiliate_id, offer_id)?;
        let entry = PayoutOverride {
            affiliate_id,
            offer_id,
            payout,
        };
        let slot = self
            .overrides
            .entry((affiliate_id, offer_id))
            .or_insert_with(|| entry.clone());
        *slot = entry;
        Ok(slot)
    }

    fn check_pair(&self, affiliate_id: i64, offer_id: i64) -> Result<(), Refusal> {
        let mut refusal = Vec::new();
        if !self.has_affiliate(affiliate_id) {
            refusal.extend(not_found("affiliate_id", "affiliate", affiliate_id));
        }
        if self.offer(offer_id).is_none() {
            refusal.extend(not_found("offer_id", "offer", offer_id));
        }
        if refusal.is_empty() {
            Ok(())
        } else {
            Err(refusal)
        }
    }

    /// What the affiliate earns per conversion on the offer (0 when the offer has no payout).
    pub fn effective_payout(&self, affiliate_id: i64, offer_id: i64) -> Decimal {
        let offer_payout = self
            .offer(offer_id)
            .and_then(|o| o.payout)
            .unwrap_or(Decimal::ZERO);
        let payout_override = self
            .overrides
            .get(&(affiliate_id, offer_id))
            .map(|o| o.payout);
        effective_payout(offer_payout, payout_override)
    }

    /// The `affiliate_offer` object of `get_affiliate_offer`.
    pub fn affiliate_offer(&self, affiliate_id: i64, offer_id: i64) -> Result<Value, Refusal> {
        self.check_pair(affiliate_id, offer_id)?;
        let mut map = Map::new();
        map.insert("affiliate_id".into(), Value::from(affiliate_id));
        map.insert("offer_id".into(), Value::from(offer_id));
        map.insert(
            "payout".into(),
            rounded_money(self.effective_payout(affiliate_id, offer_id)),
        );
        put_opt(
            &mut map,
            "payout_type",
            self.offer(offer_id)
                .and_then(|o| o.payout_type.as_ref())
                .map(|kind| Value::from(kind.as_str())),
        );
        // The mock grants every affiliate access to every offer.
        map.insert("affiliate_offer_status".into(), Value::from("active"));
        Ok(answer(AffiliateOffer::MODEL, Value::Object(map)))
    }
}
