//! An affiliate's access to one offer, with its payout override.

use super::enums::{AffiliateOfferStatus, PayoutType};
use super::{tolerant, Extra};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// `get_affiliate_offer` (GET /api/2/affiliate_offer.json).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct GetAffiliateOffer {
    #[serde(with = "tolerant::int")]
    pub affiliate_id: i64,
    #[serde(with = "tolerant::int")]
    pub offer_id: i64,
}

/// The affiliate-offer pairing. `payout` is what the affiliate earns on this offer: the
/// override when one is set, else the offer's payout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AffiliateOffer {
    #[serde(with = "tolerant::int")]
    pub affiliate_id: i64,
    #[serde(with = "tolerant::int")]
    pub offer_id: i64,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_money"
    )]
    pub payout: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payout_type: Option<PayoutType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliate_offer_status: Option<AffiliateOfferStatus>,
    #[serde(flatten)]
    pub extra: Extra,
}
