//! Offers: what the reference's defaults make of a create request.

use super::CreateOffer;
use crate::enums::OfferStatus;

impl CreateOffer {
    /// The status the offer will have: the one given, else the reference's default (active).
    pub fn effective_status(&self) -> OfferStatus {
        self.offer_status
            .clone()
            .unwrap_or(OfferStatus::DEFAULT_ON_CREATE)
    }
}
