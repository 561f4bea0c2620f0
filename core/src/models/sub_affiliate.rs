//! Sub-affiliates: list, create, and the sub-affiliate the server answers with.

use super::lenient::{self, without_warnings};
use super::object::{serde_through_json, Reader, Writer};
use super::Extra;
use crate::enums::{SubAffiliatePayoutType, SubAffiliateStatus, SubAffiliateStatusFilter};
use crate::issue::Issue;
use rust_decimal::Decimal;
use serde_json::Value;

/// `list_sub_affiliates` (GET /api/2/sub_affiliates.json); every filter optional.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListSubAffiliates {
    pub sub_affiliate_id: Option<i64>,
    pub affiliate_id: Option<i64>,
    /// Default on the server: all ([`SubAffiliateStatusFilter::DEFAULT`]).
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
#[derive(Debug, Clone, PartialEq)]
pub struct CreateSubAffiliate {
    pub affiliate_id: i64,
    pub sub_affiliate_name: String,
    /// A flat amount (cpa) or a percent of the parent payout (percent).
    pub payout: Decimal,
    pub payout_type: SubAffiliatePayoutType,
}

/// A sub-affiliate.
#[derive(Debug, Clone, PartialEq)]
pub struct SubAffiliate {
    pub sub_affiliate_id: Option<i64>,
    pub sub_affiliate_name: Option<String>,
    pub payout: Option<Decimal>,
    pub payout_type: Option<SubAffiliatePayoutType>,
    pub sub_affiliate_status: Option<SubAffiliateStatus>,
    /// The parent, when the server says (the mock always does).
    pub affiliate_id: Option<i64>,
    pub extra: Extra,
}

impl ListSubAffiliates {
    /// Reads the model from JSON, tolerantly (see the module docs of [`crate::models`]).
    pub fn from_json(value: &Value) -> Result<Self, String> {
        let r = Reader::new(value)?;
        Ok(ListSubAffiliates {
            sub_affiliate_id: r.opt_int("sub_affiliate_id")?,
            affiliate_id: r.opt_int("affiliate_id")?,
            sub_affiliate_status: r
                .opt_enum("sub_affiliate_status", SubAffiliateStatusFilter::parse)?,
        })
    }

    /// The model as JSON: exact numbers, lowercase enums, optional fields only when given.
    pub fn to_json(&self) -> Value {
        Writer::new()
            .opt_int("sub_affiliate_id", self.sub_affiliate_id)
            .opt_int("affiliate_id", self.affiliate_id)
            .opt_string("sub_affiliate_status", self.sub_affiliate_status.as_ref())
            .finish()
    }
}

impl CreateSubAffiliate {
    /// Reads the model from JSON, tolerantly (see the module docs of [`crate::models`]).
    pub fn from_json(value: &Value) -> Result<Self, String> {
        let r = Reader::new(value)?;
        Ok(CreateSubAffiliate {
            affiliate_id: r.int("affiliate_id")?,
            sub_affiliate_name: r.string("sub_affiliate_name")?,
            payout: r.money("payout")?,
            payout_type: r.enumeration("payout_type", SubAffiliatePayoutType::parse)?,
        })
    }

    /// The model as JSON: exact numbers, lowercase enums, optional fields only when given.
    pub fn to_json(&self) -> Value {
        Writer::new()
            .int("affiliate_id", self.affiliate_id)
            .string("sub_affiliate_name", &self.sub_affiliate_name)
            .money("payout", self.payout)
            .string("payout_type", self.payout_type.as_str())
            .finish()
    }
}

impl SubAffiliate {
    /// Its fields, as the API's description has them; others are kept in `extra`.
    pub const MODEL: &'static crate::schema::Model = &crate::schema::SUB_AFFILIATE;

    /// Reads the model from JSON, tolerantly (see the module docs of [`crate::models`]).
    pub fn from_json(value: &Value) -> Result<Self, String> {
        without_warnings(value, Self::read)
    }

    /// Reads the model leniently (see [`lenient`]); `path` names it in warnings.
    pub fn read(value: &Value, path: &str, warnings: &mut Vec<Issue>) -> Result<Self, String> {
        let mut l = lenient::over(value, path, warnings)?;
        Ok(SubAffiliate {
            sub_affiliate_id: l.int("sub_affiliate_id"),
            sub_affiliate_name: l.string("sub_affiliate_name"),
            payout: l.money("payout"),
            payout_type: l.enumeration("payout_type", SubAffiliatePayoutType::parse),
            sub_affiliate_status: l.enumeration("sub_affiliate_status", SubAffiliateStatus::parse),
            affiliate_id: l.int("affiliate_id"),
            extra: l.extra(Self::MODEL),
        })
    }

    /// The model as JSON: exact numbers, lowercase enums, optional fields only when given.
    pub fn to_json(&self) -> Value {
        Writer::new()
            .opt_int("sub_affiliate_id", self.sub_affiliate_id)
            .opt_string("sub_affiliate_name", self.sub_affiliate_name.as_ref())
            .opt_money("payout", self.payout)
            .opt_string("payout_type", self.payout_type.as_ref())
            .opt_string("sub_affiliate_status", self.sub_affiliate_status.as_ref())
            .opt_int("affiliate_id", self.affiliate_id)
            .extra(&self.extra)
            .finish()
    }
}

serde_through_json!(ListSubAffiliates, CreateSubAffiliate, SubAffiliate);
