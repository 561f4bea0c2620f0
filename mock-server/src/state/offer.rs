//! Offers: create (status defaults to active), update (only the fields given), and the answer
//! shape. The offer is core's `Offer` model (see `entity`).

use super::entity::{answer, fields_of, merged, stored};
use super::{not_found, take_id, Refusal, State};
use crate::answer::now;
use cake_core::models::{CreateOffer, UpdateOffer};
use serde_json::Value;

pub use cake_core::models::Offer;

/// The reference's answer shape (create's sample, with update's expiration_date when set).
pub fn offer_answer(offer: &Offer) -> Value {
    answer(Offer::MODEL, offer.to_json())
}

impl State {
    pub fn create_offer(&mut self, request: &CreateOffer) -> &Offer {
        let id = take_id(&mut self.next_offer_id);
        let mut fields = fields_of(request.to_json());
        fields.insert("offer_id".into(), Value::from(id));
        fields.insert(
            "offer_status".into(),
            Value::from(request.effective_status().as_str()),
        );
        fields.insert("created_date".into(), Value::String(now()));
        let offer = stored(Offer::MODEL, fields, Offer::from_json);
        self.offers.entry(id).or_insert(offer)
    }

    pub fn update_offer(&mut self, request: &UpdateOffer) -> Result<&Offer, Refusal> {
        let offer = self
            .offers
            .get_mut(&request.offer_id)
            .ok_or_else(|| not_found("offer_id", "offer", request.offer_id))?;
        let fields = merged(offer.to_json(), request.to_json());
        *offer = stored(Offer::MODEL, fields, Offer::from_json);
        Ok(offer)
    }

    pub fn offer(&self, id: i64) -> Option<&Offer> {
        self.offers.get(&id)
    }

    /// The id of the offer a report prices against when it names none: the lowest.
    pub fn first_offer_id(&self) -> Option<i64> {
        self.offers.keys().next().copied()
    }
}
