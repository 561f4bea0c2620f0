//! Offers: create (status defaults to active), update (only the fields given), and the answer
//! shape. Payout types are answered in UPPERCASE, as the reference's sample does, so clients
//! are exercised on tolerant reading.

use super::{not_found, take_id, Refusal, State};
use crate::answer::{money, now, put_opt};
use cake_core::datetime::CakeDateTime;
use cake_core::models::{CreateOffer, OfferStatus, PayoutType, UpdateOffer};
use cake_core::Decimal;
use serde_json::{Map, Value};

#[derive(Debug, Clone)]
pub struct Offer {
    pub id: i64,
    pub name: String,
    pub advertiser_id: i64,
    pub vertical_id: i64,
    pub offer_url: String,
    pub preview_url: Option<String>,
    pub status: OfferStatus,
    pub payout: Option<Decimal>,
    pub payout_type: Option<PayoutType>,
    pub revenue: Option<Decimal>,
    pub revenue_type: Option<PayoutType>,
    pub currency_id: Option<i64>,
    pub session_hours: Option<i64>,
    pub expiration_date: Option<CakeDateTime>,
    pub offer_description: Option<String>,
    pub created_date: String,
}

/// A payout type as CAKE's sample answers it ("CPA").
pub fn upper(kind: &PayoutType) -> Value {
    Value::String(kind.as_str().to_ascii_uppercase())
}

impl Offer {
    /// The reference's answer shape (create's sample, with update's expiration_date when set).
    pub fn answer(&self) -> Value {
        let mut map = Map::new();
        map.insert("offer_id".into(), Value::from(self.id));
        map.insert("offer_name".into(), Value::String(self.name.clone()));
        map.insert(
            "offer_status".into(),
            Value::String(self.status.as_str().to_owned()),
        );
        put_opt(&mut map, "payout", self.payout.map(money));
        put_opt(
            &mut map,
            "payout_type",
            self.payout_type.as_ref().map(upper),
        );
        put_opt(&mut map, "revenue", self.revenue.map(money));
        put_opt(
            &mut map,
            "revenue_type",
            self.revenue_type.as_ref().map(upper),
        );
        put_opt(
            &mut map,
            "expiration_date",
            self.expiration_date.map(|d| Value::String(d.to_string())),
        );
        map.insert(
            "created_date".into(),
            Value::String(self.created_date.clone()),
        );
        Value::Object(map)
    }

    /// The answer plus every other field that was given.
    pub fn full(&self) -> Value {
        let mut value = self.answer();
        if let Value::Object(map) = &mut value {
            map.insert("advertiser_id".into(), Value::from(self.advertiser_id));
            map.insert("vertical_id".into(), Value::from(self.vertical_id));
            map.insert("offer_url".into(), Value::String(self.offer_url.clone()));
            put_opt(
                map,
                "preview_url",
                self.preview_url.clone().map(Value::String),
            );
            put_opt(map, "currency_id", self.currency_id.map(Value::from));
            put_opt(map, "session_hours", self.session_hours.map(Value::from));
            put_opt(
                map,
                "offer_description",
                self.offer_description.clone().map(Value::String),
            );
        }
        value
    }
}

impl State {
    pub fn create_offer(&mut self, request: &CreateOffer) -> &Offer {
        let id = take_id(&mut self.next_offer_id);
        let offer = Offer {
            id,
            name: request.offer_name.clone(),
            advertiser_id: request.advertiser_id,
            vertical_id: request.vertical_id,
            offer_url: request.offer_url.clone(),
            preview_url: request.preview_url.clone(),
            status: request.effective_status(),
            payout: request.payout,
            payout_type: request.payout_type.clone(),
            revenue: request.revenue,
            revenue_type: request.revenue_type.clone(),
            currency_id: request.currency_id,
            session_hours: request.session_hours,
            expiration_date: request.expiration_date,
            offer_description: request.offer_description.clone(),
            created_date: now(),
        };
        self.offers.entry(id).or_insert(offer)
    }

    pub fn update_offer(&mut self, request: &UpdateOffer) -> Result<&Offer, Refusal> {
        let offer = self
            .offers
            .get_mut(&request.offer_id)
            .ok_or_else(|| not_found("offer_id", "offer", request.offer_id))?;
        if let Some(name) = &request.offer_name {
            offer.name = name.clone();
        }
        if let Some(status) = &request.offer_status {
            offer.status = status.clone();
        }
        if let Some(payout) = request.payout {
            offer.payout = Some(payout);
        }
        if let Some(revenue) = request.revenue {
            offer.revenue = Some(revenue);
        }
        if let Some(expiry) = request.expiration_date {
            offer.expiration_date = Some(expiry);
        }
        Ok(offer)
    }

    pub fn offer(&self, id: i64) -> Option<&Offer> {
        self.offers.get(&id)
    }

    /// The offer a report prices against when it names none: the lowest id.
    pub fn first_offer(&self) -> Option<&Offer> {
        self.offers.values().next()
    }
}
