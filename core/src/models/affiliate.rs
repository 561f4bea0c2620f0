//! Affiliates: create, update, and the affiliate the server answers with.

use super::enums::AffiliateStatus;
use super::{tolerant, Extra};
use crate::datetime::CakeDateTime;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// `create_affiliate` (POST /api/2/affiliate.json).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CreateAffiliate {
    pub affiliate_name: String,
    #[serde(with = "tolerant::int")]
    pub account_manager_id: i64,
    /// Default on the server: pending ([`AffiliateStatus::DEFAULT_ON_CREATE`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliate_status: Option<AffiliateStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_int"
    )]
    pub payment_type_id: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_int"
    )]
    pub billing_cycle_id: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_money"
    )]
    pub minimum_payment_threshold: Option<Decimal>,
}

impl CreateAffiliate {
    /// The status the affiliate will have: the one given, else the reference's default.
    pub fn effective_status(&self) -> AffiliateStatus {
        self.affiliate_status
            .clone()
            .unwrap_or(AffiliateStatus::DEFAULT_ON_CREATE)
    }
}

/// `update_affiliate` (POST /api/2/update_affiliate.json): only the fields given are sent.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct UpdateAffiliate {
    #[serde(with = "tolerant::int")]
    pub affiliate_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliate_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliate_status: Option<AffiliateStatus>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_int"
    )]
    pub account_manager_id: Option<i64>,
}

/// An account manager as the server names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountManager {
    #[serde(with = "tolerant::int")]
    pub id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// An affiliate, as create and update answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Affiliate {
    #[serde(with = "tolerant::int")]
    pub affiliate_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliate_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliate_status: Option<AffiliateStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_manager: Option<AccountManager>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<CakeDateTime>,
    #[serde(flatten)]
    pub extra: Extra,
}
