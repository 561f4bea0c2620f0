//! Sub-affiliates: list, create, and the sub-affiliate the server answers with.

use super::enums::{SubAffiliatePayoutType, SubAffiliateStatus, SubAffiliateStatusFilter};
use super::{tolerant, Extra};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// `list_sub_affiliates` (GET /api/2/sub_affiliates.json); every filter optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ListSubAffiliates {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_int"
    )]
    pub sub_affiliate_id: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_int"
    )]
    pub affiliate_id: Option<i64>,
    /// Default on the server: all ([`SubAffiliateStatusFilter::DEFAULT`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_affiliate_status: Option<SubAffiliateStatusFilter>,
}

impl ListSubAffiliates {
    pub fn effective_status(&self) -> SubAffiliateStatusFilter {
        self.sub_affiliate_status
            .clone()
            .unwrap_or(SubAffiliateStatusFilter::DEFAULT)
    }
}

/// `create_sub_affiliate` (POST /api/2/sub_affiliate.json). Names are unique per parent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateSubAffiliate {
    #[serde(with = "tolerant::int")]
    pub affiliate_id: i64,
    pub sub_affiliate_name: String,
    /// A flat amount (cpa) or a percent of the parent payout (percent).
    #[serde(with = "tolerant::money")]
    pub payout: Decimal,
    pub payout_type: SubAffiliatePayoutType,
}

/// A sub-affiliate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubAffiliate {
    #[serde(with = "tolerant::int")]
    pub sub_affiliate_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_affiliate_name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_money"
    )]
    pub payout: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payout_type: Option<SubAffiliatePayoutType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_affiliate_status: Option<SubAffiliateStatus>,
    /// The parent, when the server says (the mock always does).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_int"
    )]
    pub affiliate_id: Option<i64>,
    #[serde(flatten)]
    pub extra: Extra,
}
