//! Affiliates: create, update, and the affiliate the server answers with.

use super::lenient::{self, without_warnings};
use super::object::{serde_through_json, Reader, Writer};
use super::Extra;
use crate::datetime::CakeDateTime;
use crate::enums::AffiliateStatus;
use crate::issue::Issue;
use rust_decimal::Decimal;
use serde_json::Value;

/// `create_affiliate` (POST /api/2/affiliate.json).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CreateAffiliate {
    pub affiliate_name: String,
    pub account_manager_id: i64,
    /// Default on the server: pending ([`AffiliateStatus::DEFAULT_ON_CREATE`]).
    pub affiliate_status: Option<AffiliateStatus>,
    pub website: Option<String>,
    pub payment_type_id: Option<i64>,
    pub billing_cycle_id: Option<i64>,
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
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UpdateAffiliate {
    pub affiliate_id: i64,
    pub affiliate_name: Option<String>,
    pub affiliate_status: Option<AffiliateStatus>,
    pub account_manager_id: Option<i64>,
}

/// An account manager as the server names it.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountManager {
    pub id: Option<i64>,
    pub name: Option<String>,
    pub extra: Extra,
}

/// An affiliate, as create and update answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Affiliate {
    pub affiliate_id: Option<i64>,
    pub affiliate_name: Option<String>,
    pub affiliate_status: Option<AffiliateStatus>,
    pub account_manager: Option<AccountManager>,
    pub date_created: Option<CakeDateTime>,
    pub extra: Extra,
}

impl CreateAffiliate {
    /// Reads the model from JSON, tolerantly (see the module docs of [`crate::models`]).
    pub fn from_json(value: &Value) -> Result<Self, String> {
        let r = Reader::new(value)?;
        Ok(CreateAffiliate {
            affiliate_name: r.string("affiliate_name")?,
            account_manager_id: r.int("account_manager_id")?,
            affiliate_status: r.opt_enum("affiliate_status", AffiliateStatus::parse)?,
            website: r.opt_string("website")?,
            payment_type_id: r.opt_int("payment_type_id")?,
            billing_cycle_id: r.opt_int("billing_cycle_id")?,
            minimum_payment_threshold: r.opt_money("minimum_payment_threshold")?,
        })
    }

    /// The model as JSON: exact numbers, lowercase enums, optional fields only when given.
    pub fn to_json(&self) -> Value {
        Writer::new()
            .string("affiliate_name", &self.affiliate_name)
            .int("account_manager_id", self.account_manager_id)
            .opt_string("affiliate_status", self.affiliate_status.as_ref())
            .opt_string("website", self.website.as_ref())
            .opt_int("payment_type_id", self.payment_type_id)
            .opt_int("billing_cycle_id", self.billing_cycle_id)
            .opt_money("minimum_payment_threshold", self.minimum_payment_threshold)
            .finish()
    }
}

impl UpdateAffiliate {
    /// Reads the model from JSON, tolerantly (see the module docs of [`crate::models`]).
    pub fn from_json(value: &Value) -> Result<Self, String> {
        let r = Reader::new(value)?;
        Ok(UpdateAffiliate {
            affiliate_id: r.int("affiliate_id")?,
            affiliate_name: r.opt_string("affiliate_name")?,
            affiliate_status: r.opt_enum("affiliate_status", AffiliateStatus::parse)?,
            account_manager_id: r.opt_int("account_manager_id")?,
        })
    }

    /// The model as JSON: exact numbers, lowercase enums, optional fields only when given.
    pub fn to_json(&self) -> Value {
        Writer::new()
            .int("affiliate_id", self.affiliate_id)
            .opt_string("affiliate_name", self.affiliate_name.as_ref())
            .opt_string("affiliate_status", self.affiliate_status.as_ref())
            .opt_int("account_manager_id", self.account_manager_id)
            .finish()
    }
}

impl AccountManager {
    /// Its fields, as the API's description has them; others are kept in `extra`.
    pub const MODEL: &'static crate::schema::Model = &crate::schema::ACCOUNT_MANAGER;

    /// Reads the model from JSON, tolerantly (see the module docs of [`crate::models`]).
    pub fn from_json(value: &Value) -> Result<Self, String> {
        without_warnings(value, Self::read)
    }

    /// Reads the model leniently (see [`lenient`]); `path` names it in warnings.
    pub fn read(value: &Value, path: &str, warnings: &mut Vec<Issue>) -> Result<Self, String> {
        let mut l = lenient::over(value, path, warnings)?;
        Ok(AccountManager {
            id: l.int("id"),
            name: l.string("name"),
            extra: l.extra(Self::MODEL),
        })
    }

    /// The model as JSON: exact numbers, lowercase enums, optional fields only when given.
    pub fn to_json(&self) -> Value {
        Writer::new()
            .opt_int("id", self.id)
            .opt_string("name", self.name.as_ref())
            .extra(&self.extra)
            .finish()
    }
}

impl Affiliate {
    /// Its fields, as the API's description has them; others are kept in `extra`.
    pub const MODEL: &'static crate::schema::Model = &crate::schema::AFFILIATE;

    /// Reads the model from JSON, tolerantly (see the module docs of [`crate::models`]).
    pub fn from_json(value: &Value) -> Result<Self, String> {
        without_warnings(value, Self::read)
    }

    /// Reads the model leniently (see [`lenient`]); `path` names it in warnings.
    pub fn read(value: &Value, path: &str, warnings: &mut Vec<Issue>) -> Result<Self, String> {
        let mut l = lenient::over(value, path, warnings)?;
        Ok(Affiliate {
            affiliate_id: l.int("affiliate_id"),
            affiliate_name: l.string("affiliate_name"),
            affiliate_status: l.enumeration("affiliate_status", AffiliateStatus::parse),
            account_manager: l.object("account_manager", AccountManager::read),
            date_created: l.datetime("date_created"),
            extra: l.extra(Self::MODEL),
        })
    }

    /// The model as JSON: exact numbers, lowercase enums, optional fields only when given.
    pub fn to_json(&self) -> Value {
        Writer::new()
            .opt_int("affiliate_id", self.affiliate_id)
            .opt_string("affiliate_name", self.affiliate_name.as_ref())
            .opt_string("affiliate_status", self.affiliate_status.as_ref())
            .opt_value(
                "account_manager",
                self.account_manager.as_ref().map(AccountManager::to_json),
            )
            .opt_string("date_created", self.date_created.as_ref())
            .extra(&self.extra)
            .finish()
    }
}

serde_through_json!(CreateAffiliate, UpdateAffiliate, AccountManager, Affiliate);
