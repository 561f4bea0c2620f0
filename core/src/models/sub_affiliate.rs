//! Sub-affiliates: what the reference's defaults make of a list request.

use super::ListSubAffiliates;
use crate::enums::SubAffiliateStatusFilter;

impl ListSubAffiliates {
    /// The status filter applied: the one given, else the reference's default (all).
    pub fn effective_status(&self) -> SubAffiliateStatusFilter {
        self.sub_affiliate_status
            .clone()
            .unwrap_or(SubAffiliateStatusFilter::DEFAULT)
    }
}
