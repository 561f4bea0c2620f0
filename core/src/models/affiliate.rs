//! Affiliates: what the reference's defaults make of a create request.

use super::CreateAffiliate;
use crate::enums::AffiliateStatus;

impl CreateAffiliate {
    /// The status the affiliate will have: the one given, else the reference's default
    /// (pending).
    pub fn effective_status(&self) -> AffiliateStatus {
        self.affiliate_status
            .clone()
            .unwrap_or(AffiliateStatus::DEFAULT_ON_CREATE)
    }
}
