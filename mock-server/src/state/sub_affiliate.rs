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
        self.sub_affiliate_ids.push(id);
        self.sub_affiliate_ids_by_parent
            .entry(parent)
            .or_default()
            .push(id);
        Ok(self.sub_affiliates.entry(id).or_insert(sub))
    }

    /// Sets a sub-affiliate's status (seeding only: the API has no call for it); gives its
    /// answer.
    pub fn set_sub_affiliate_status(
        &mut self,
        id: i64,
        status: SubAffiliateStatus,
    ) -> Result<Value, Refusal> {
        match self.sub_affiliates.get_mut(&id) {
            Some(sub) => {
                sub.status = status;
                Ok(sub.answer())
            }
            None => Err(not_found("sub_affiliate_id", "sub-affiliate", id)),
        }
    }

    /// Ids of the sub-affiliates matching the id and parent filters, in id order (status not
    /// applied), without visiting the others. A parent that does not exist is refused rather
    /// than listed as empty.
    pub fn matching_sub_affiliate_ids(
        &self,
        affiliate_id: Option<i64>,
        sub_affiliate_id: Option<i64>,
    ) -> Result<&[i64], Refusal> {
        if let Some(parent) = affiliate_id {
            if !self.has_affiliate(parent) {
                return Err(not_found("affiliate_id", "affiliate", parent));
            }
        }
        Ok(match (sub_affiliate_id, affiliate_id) {
            (Some(id), parent) => match self.sub_affiliates.get(&id) {
                Some(sub) if parent.is_none_or(|parent| sub.affiliate_id == parent) => {
                    std::slice::from_ref(&sub.id)
                }
                _ => &[],
            },
            (None, Some(parent)) => self
                .sub_affiliate_ids_by_parent
                .get(&parent)
                .map_or(&[], Vec::as_slice),
            (None, None) => &self.sub_affiliate_ids,
        })
    }

    /// The sub-affiliates behind ids from `matching_sub_affiliate_ids`.
    pub fn sub_affiliates_by_id<'a>(
        &'a self,
        ids: &'a [i64],
    ) -> impl Iterator<Item = &'a SubAffiliate> + 'a {
        ids.iter().filter_map(|id| self.sub_affiliates.get(id))
    }

    pub fn list_sub_affiliates(&self, request: &ListSubAffiliates) -> Result<Vec<Value>, Refusal> {
        let status = request.effective_status();
        let ids =
            self.matching_sub_affiliate_ids(request.affiliate_id, request.sub_affiliate_id)?;
        Ok(self
            .sub_affiliates_by_id(ids)
            .filter(|sub| sub.matches_status(&status))
            .map(SubAffiliate::answer)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::seed;

    /// Two parents with interleaved children: 301 (A), 302 (B), 303 (A).
    fn two_families() -> State {
        let data = json!({
            "affiliates": [
                {"affiliate_name": "A", "account_manager_id": 1},
                {"affiliate_name": "B", "account_manager_id": 1},
            ],
            "sub_affiliates": [
                {"affiliate_id": 67890, "sub_affiliate_name": "a1", "payout": 1, "payout_type": "cpa"},
                {"affiliate_id": 67891, "sub_affiliate_name": "b1", "payout": 1, "payout_type": "cpa"},
                {"affiliate_id": 67890, "sub_affiliate_name": "a2", "payout": 1, "payout_type": "cpa"},
            ],
        });
        seed::apply(&State::default(), &data).unwrap().0
    }

    #[test]
    fn matching_ids_follow_each_filter_in_id_order() {
        let state = two_families();
        let ids = |parent, sub| {
            state
                .matching_sub_affiliate_ids(parent, sub)
                .unwrap()
                .to_vec()
        };
        assert_eq!(ids(None, None), [301, 302, 303]);
        assert_eq!(ids(Some(67890), None), [301, 303]);
        assert_eq!(ids(Some(67891), None), [302]);
        assert_eq!(ids(None, Some(303)), [303]);
        assert_eq!(ids(Some(67890), Some(303)), [303]);
        assert_eq!(ids(Some(67891), Some(303)), Vec::<i64>::new());
        assert_eq!(ids(None, Some(999)), Vec::<i64>::new());
        let names: Vec<_> = state
            .sub_affiliates_by_id(&[303, 301])
            .map(|sub| sub.name.as_str())
            .collect();
        assert_eq!(names, ["a2", "a1"]);
    }

    #[test]
    fn an_unknown_parent_is_refused_not_empty() {
        let refusal = two_families()
            .matching_sub_affiliate_ids(Some(1), None)
            .unwrap_err();
        assert_eq!(refusal, ["affiliate_id: no affiliate with id 1"]);
    }
}
