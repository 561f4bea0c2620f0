//! Offers: create, update, and the offer the server answers with.

use super::lenient::{self, without_warnings};
use super::object::{serde_through_json, Reader, Writer};
use super::Extra;
use crate::datetime::CakeDateTime;
use crate::enums::{OfferStatus, PayoutType};
use crate::issue::Issue;
use rust_decimal::Decimal;
use serde_json::Value;

/// `create_offer` (POST /api/2/offer.json).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CreateOffer {
    pub offer_name: String,
    pub advertiser_id: i64,
    pub vertical_id: i64,
    /// The tracking URL; CAKE tokens such as `{offer_id}` and `{aff_id}` are kept as they are.
    pub offer_url: String,
    pub preview_url: Option<String>,
    /// Default on the server: active ([`OfferStatus::DEFAULT_ON_CREATE`]).
    pub offer_status: Option<OfferStatus>,
    pub payout: Option<Decimal>,
    pub payout_type: Option<PayoutType>,
    pub revenue: Option<Decimal>,
    pub revenue_type: Option<PayoutType>,
    /// 1 = USD.
    pub currency_id: Option<i64>,
    /// Cookie duration in hours.
    pub session_hours: Option<i64>,
    pub expiration_date: Option<CakeDateTime>,
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
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UpdateOffer {
    pub offer_id: i64,
    pub offer_name: Option<String>,
    pub offer_status: Option<OfferStatus>,
    pub payout: Option<Decimal>,
    pub revenue: Option<Decimal>,
    pub expiration_date: Option<CakeDateTime>,
}

/// An offer, as create and update answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub offer_id: Option<i64>,
    pub offer_name: Option<String>,
    pub offer_status: Option<OfferStatus>,
    pub payout: Option<Decimal>,
    pub payout_type: Option<PayoutType>,
    pub revenue: Option<Decimal>,
    pub revenue_type: Option<PayoutType>,
    pub created_date: Option<CakeDateTime>,
    pub expiration_date: Option<CakeDateTime>,
    pub extra: Extra,
}

impl CreateOffer {
    /// Reads the model from JSON, tolerantly (see the module docs of [`crate::models`]).
    pub fn from_json(value: &Value) -> Result<Self, String> {
        let r = Reader::new(value)?;
        Ok(CreateOffer {
            offer_name: r.string("offer_name")?,
            advertiser_id: r.int("advertiser_id")?,
            vertical_id: r.int("vertical_id")?,
            offer_url: r.string("offer_url")?,
            preview_url: r.opt_string("preview_url")?,
            offer_status: r.opt_enum("offer_status", OfferStatus::parse)?,
            payout: r.opt_money("payout")?,
            payout_type: r.opt_enum("payout_type", PayoutType::parse)?,
            revenue: r.opt_money("revenue")?,
            revenue_type: r.opt_enum("revenue_type", PayoutType::parse)?,
            currency_id: r.opt_int("currency_id")?,
            session_hours: r.opt_int("session_hours")?,
            expiration_date: r.opt_datetime("expiration_date")?,
            offer_description: r.opt_string("offer_description")?,
        })
    }

    /// The model as JSON: exact numbers, lowercase enums, optional fields only when given.
    pub fn to_json(&self) -> Value {
        Writer::new()
            .string("offer_name", &self.offer_name)
            .int("advertiser_id", self.advertiser_id)
            .int("vertical_id", self.vertical_id)
            .string("offer_url", &self.offer_url)
            .opt_string("preview_url", self.preview_url.as_ref())
            .opt_string("offer_status", self.offer_status.as_ref())
            .opt_money("payout", self.payout)
            .opt_string("payout_type", self.payout_type.as_ref())
            .opt_money("revenue", self.revenue)
            .opt_string("revenue_type", self.revenue_type.as_ref())
            .opt_int("currency_id", self.currency_id)
            .opt_int("session_hours", self.session_hours)
            .opt_string("expiration_date", self.expiration_date.as_ref())
            .opt_string("offer_description", self.offer_description.as_ref())
            .finish()
    }
}

impl UpdateOffer {
    /// Reads the model from JSON, tolerantly (see the module docs of [`crate::models`]).
    pub fn from_json(value: &Value) -> Result<Self, String> {
        let r = Reader::new(value)?;
        Ok(UpdateOffer {
            offer_id: r.int("offer_id")?,
            offer_name: r.opt_string("offer_name")?,
            offer_status: r.opt_enum("offer_status", OfferStatus::parse)?,
            payout: r.opt_money("payout")?,
            revenue: r.opt_money("revenue")?,
            expiration_date: r.opt_datetime("expiration_date")?,
        })
    }

    /// The model as JSON: exact numbers, lowercase enums, optional fields only when given.
    pub fn to_json(&self) -> Value {
        Writer::new()
            .int("offer_id", self.offer_id)
            .opt_string("offer_name", self.offer_name.as_ref())
            .opt_string("offer_status", self.offer_status.as_ref())
            .opt_money("payout", self.payout)
            .opt_money("revenue", self.revenue)
            .opt_string("expiration_date", self.expiration_date.as_ref())
            .finish()
    }
}

impl Offer {
    /// Its fields, as the API's description has them; others are kept in `extra`.
    pub const MODEL: &'static crate::schema::Model = &crate::schema::OFFER;

    /// Reads the model from JSON, tolerantly (see the module docs of [`crate::models`]).
    pub fn from_json(value: &Value) -> Result<Self, String> {
        without_warnings(value, Self::read)
    }

    /// Reads the model leniently (see [`lenient`]); `path` names it in warnings.
    pub fn read(value: &Value, path: &str, warnings: &mut Vec<Issue>) -> Result<Self, String> {
        let mut l = lenient::over(value, path, warnings)?;
        Ok(Offer {
            offer_id: l.int("offer_id"),
            offer_name: l.string("offer_name"),
            offer_status: l.enumeration("offer_status", OfferStatus::parse),
            payout: l.money("payout"),
            payout_type: l.enumeration("payout_type", PayoutType::parse),
            revenue: l.money("revenue"),
            revenue_type: l.enumeration("revenue_type", PayoutType::parse),
            created_date: l.datetime("created_date"),
            expiration_date: l.datetime("expiration_date"),
            extra: l.extra(Self::MODEL),
        })
    }

    /// The model as JSON: exact numbers, lowercase enums, optional fields only when given.
    pub fn to_json(&self) -> Value {
        Writer::new()
            .opt_int("offer_id", self.offer_id)
            .opt_string("offer_name", self.offer_name.as_ref())
            .opt_string("offer_status", self.offer_status.as_ref())
            .opt_money("payout", self.payout)
            .opt_string("payout_type", self.payout_type.as_ref())
            .opt_money("revenue", self.revenue)
            .opt_string("revenue_type", self.revenue_type.as_ref())
            .opt_string("created_date", self.created_date.as_ref())
            .opt_string("expiration_date", self.expiration_date.as_ref())
            .extra(&self.extra)
            .finish()
    }
}

serde_through_json!(CreateOffer, UpdateOffer, Offer);
