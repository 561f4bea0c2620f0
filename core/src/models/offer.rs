//! Offers: create, update, and the offer the server answers with.

use super::enums::{OfferStatus, PayoutType};
use super::{tolerant, Extra};
use crate::datetime::CakeDateTime;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// `create_offer` (POST /api/2/offer.json).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CreateOffer {
    pub offer_name: String,
    #[serde(with = "tolerant::int")]
    pub advertiser_id: i64,
    #[serde(with = "tolerant::int")]
    pub vertical_id: i64,
    /// The tracking URL; CAKE tokens such as `{offer_id}` and `{aff_id}` are kept as they are.
    pub offer_url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview_url: Option<String>,
    /// Default on the server: active ([`OfferStatus::DEFAULT_ON_CREATE`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer_status: Option<OfferStatus>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_money"
    )]
    pub payout: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payout_type: Option<PayoutType>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_money"
    )]
    pub revenue: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revenue_type: Option<PayoutType>,
    /// 1 = USD.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_int"
    )]
    pub currency_id: Option<i64>,
    /// Cookie duration in hours.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_int"
    )]
    pub session_hours: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_date: Option<CakeDateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer_description: Option<String>,
}

impl CreateOffer {
    pub fn effective_status(&self) -> OfferStatus {
        self.offer_status
            .clone()
            .unwrap_or(OfferStatus::DEFAULT_ON_CREATE)
    }
}

/// `update_offer` (POST /api/2/update_offer.json): only the fields given are sent.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct UpdateOffer {
    #[serde(with = "tolerant::int")]
    pub offer_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer_status: Option<OfferStatus>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_money"
    )]
    pub payout: Option<Decimal>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_money"
    )]
    pub revenue: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_date: Option<CakeDateTime>,
}

/// An offer, as create and update answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Offer {
    #[serde(with = "tolerant::int")]
    pub offer_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer_status: Option<OfferStatus>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_money"
    )]
    pub payout: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payout_type: Option<PayoutType>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_money"
    )]
    pub revenue: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revenue_type: Option<PayoutType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_date: Option<CakeDateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_date: Option<CakeDateTime>,
    #[serde(flatten)]
    pub extra: Extra,
}
