//! Sub-affiliates: create under an existing parent (names unique per parent, ignoring case;
//! a new one is active) and list with the reference's filters (status defaults to all).

use super::{not_found, take_id, Refusal, State};
use crate::answer::money;
use cake_core::models::{
    CreateSubAffiliate, ListSubAffiliates, SubAffiliatePayoutType, SubAffiliateStatus,
    SubAffiliateStatusFilter,
};
use cake_core::Decimal;
use serde_json::{json, Value};

pub const DUPLICATE_NAME: &str = "sub_affiliate_name already exists for this affiliate";

#[derive(Debug, Clone)]
pub struct SubAffiliate {
    pub id: i64,
    pub affiliate_id: i64,
    pub name: String,
    pub payout: Decimal,
    pub payout_type: SubAffiliatePayoutType,
    pub status: SubAffiliateStatus,
}

impl SubAffiliate {
    /// The reference's shape, plus the parent's id.
    pub fn answer(&self) -> Value {
        json!({
            "sub_affiliate_id": self.id,
            "sub_affiliate_name": self.name,
            "payout": money(self.payout),
            "payout_type": self.payout_type.as_str(),
            "sub_affiliate_status": self.status.as_str(),
            "affiliate_id": self.affiliate_id,
        })
    }

    fn matches_status(&self, filter: &SubAffiliateStatusFilter) -> bool {
        match filter {
            SubAffiliateStatusFilter::All => true,
            other => other.as_str() == self.status.as_str(),
        }
    }
}

impl State {
    pub fn create_sub_affiliate(
        &mut self,
        request: &CreateSubAffiliate,
    ) -> Result<&SubAffiliate, Refusal> {
        let parent = request.affiliate_id;
        if !self.has_affiliate(parent) {
            return Err(not_found("affiliate_id", "affiliate", parent));
        }
        let key = (parent, request.sub_affiliate_name.to_lowercase());
        if self.sub_affiliate_names.contains(&key) {
            return Err(vec![DUPLICATE_NAME.to_owned()]);
        }
        self.sub_affiliate_names.insert(key);
        let id = take_id(&mut self.next_sub_affiliate_id);
        let sub = SubAffiliate {
            id,
            affiliate_id: parent,
            name: request.sub_affiliate_name.clone(),
            payout: request.payout,
            payout_type: request.payout_type.clone(),
            status: SubAffiliateStatus::Active,
        };
        Ok(self.sub_affiliates.entry(id).or_insert(sub))
    }

    /// Sub-affiliates matching the id and parent filters, in id order (status not applied).
    /// A parent that does not exist is refused rather than listed as empty.
    pub fn matching_sub_affiliates(
        &self,
        affiliate_id: Option<i64>,
        sub_affiliate_id: Option<i64>,
    ) -> Result<impl Iterator<Item = &SubAffiliate>, Refusal> {
        if let Some(parent) = affiliate_id {
            if !self.has_affiliate(parent) {
                return Err(not_found("affiliate_id", "affiliate", parent));
            }
        }
        Ok(self.sub_affiliates.values().filter(move |sub| {
            affiliate_id.is_none_or(|parent| sub.affiliate_id == parent)
                && sub_affiliate_id.is_none_or(|id| sub.id == id)
        }))
    }

    pub fn list_sub_affiliates(&self, request: &ListSubAffiliates) -> Result<Vec<Value>, Refusal> {
        let status = request.effective_status();
        Ok(self
            .matching_sub_affiliates(request.affiliate_id, request.sub_affiliate_id)?
            .filter(|sub| sub.matches_status(&status))
            .map(SubAffiliate::answer)
            .collect())
    }
}
