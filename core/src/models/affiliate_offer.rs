//! An affiliate's access to one offer, with its payout override.

use super::lenient::{self, without_warnings};
use super::object::{serde_through_json, Reader, Writer};
use super::Extra;
use crate::enums::{AffiliateOfferStatus, PayoutType};
use crate::issue::Issue;
use rust_decimal::Decimal;
use serde_json::Value;

/// `get_affiliate_offer` (GET /api/2/affiliate_offer.json).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GetAffiliateOffer {
    pub affiliate_id: i64,
    pub offer_id: i64,
}

/// The affiliate-offer pairing. `payout` is what the affiliate earns on this offer: the
/// override when one is set, else the offer's payout.
#[derive(Debug, Clone, PartialEq)]
pub struct AffiliateOffer {
    pub affiliate_id: Option<i64>,
    pub offer_id: Option<i64>,
    pub payout: Option<Decimal>,
    pub payout_type: Option<PayoutType>,
    pub affiliate_offer_status: Option<AffiliateOfferStatus>,
    pub extra: Extra,
}

impl GetAffiliateOffer {
    /// Reads the model from JSON, tolerantly (see the module docs of [`crate::models`]).
    pub fn from_json(value: &Value) -> Result<Self, String> {
        let r = Reader::new(value)?;
        Ok(GetAffiliateOffer {
            affiliate_id: r.int("affiliate_id")?,
            offer_id: r.int("offer_id")?,
        })
    }

    /// The model as JSON: exact numbers, lowercase enums, optional fields only when given.
    pub fn to_json(&self) -> Value {
        Writer::new()
            .int("affiliate_id", self.affiliate_id)
            .int("offer_id", self.offer_id)
            .finish()
    }
}

impl AffiliateOffer {
    /// Its fields, as the API's description has them; others are kept in `extra`.
    pub const MODEL: &'static crate::schema::Model = &crate::schema::AFFILIATE_OFFER;

    /// Reads the model from JSON, tolerantly (see the module docs of [`crate::models`]).
    pub fn from_json(value: &Value) -> Result<Self, String> {
        without_warnings(value, Self::read)
    }

    /// Reads the model leniently (see [`lenient`]); `path` names it in warnings.
    pub fn read(value: &Value, path: &str, warnings: &mut Vec<Issue>) -> Result<Self, String> {
        let mut l = lenient::over(value, path, warnings)?;
        Ok(AffiliateOffer {
            affiliate_id: l.int("affiliate_id"),
            offer_id: l.int("offer_id"),
            payout: l.money("payout"),
            payout_type: l.enumeration("payout_type", PayoutType::parse),
            affiliate_offer_status: l
                .enumeration("affiliate_offer_status", AffiliateOfferStatus::parse),
            extra: l.extra(Self::MODEL),
        })
    }

    /// The model as JSON: exact numbers, lowercase enums, optional fields only when given.
    pub fn to_json(&self) -> Value {
        Writer::new()
            .opt_int("affiliate_id", self.affiliate_id)
            .opt_int("offer_id", self.offer_id)
            .opt_money("payout", self.payout)
            .opt_string("payout_type", self.payout_type.as_ref())
            .opt_string(
                "affiliate_offer_status",
                self.affiliate_offer_status.as_ref(),
            )
            .extra(&self.extra)
            .finish()
    }
}

serde_through_json!(GetAffiliateOffer, AffiliateOffer);
