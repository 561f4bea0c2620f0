//! Affiliates: create (status defaults to pending), update (only the fields given), and the
//! answer shape with the account manager named.

use super::{not_found, take_id, Refusal, State};
use crate::answer::{money, now, put_opt};
use cake_core::models::{AffiliateStatus, CreateAffiliate, UpdateAffiliate};
use cake_core::Decimal;
use serde_json::{json, Map, Value};

#[derive(Debug, Clone)]
pub struct Affiliate {
    pub id: i64,
    pub name: String,
    pub status: AffiliateStatus,
    pub account_manager_id: i64,
    pub website: Option<String>,
    pub payment_type_id: Option<i64>,
    pub billing_cycle_id: Option<i64>,
    pub minimum_payment_threshold: Option<Decimal>,
    pub date_created: String,
}

/// The account managers the reference's samples name; any other id gets a generated name.
pub fn account_manager_name(id: i64) -> String {
    match id {
        42 => "Jordan Lee".to_owned(),
        7 => "Mark Johnson".to_owned(),
        other => format!("Account Manager {other}"),
    }
}

impl Affiliate {
    /// The reference's answer shape.
    pub fn answer(&self) -> Value {
        json!({
            "affiliate_id": self.id,
            "affiliate_name": self.name,
            "affiliate_status": self.status.as_str(),
            "account_manager": {
                "id": self.account_manager_id,
                "name": account_manager_name(self.account_manager_id),
            },
            "date_created": self.date_created,
        })
    }

    /// The answer plus every optional field that was given.
    pub fn full(&self) -> Value {
        let mut value = self.answer();
        if let Value::Object(map) = &mut value {
            let map: &mut Map<String, Value> = map;
            put_opt(map, "website", self.website.clone().map(Value::String));
            put_opt(
                map,
                "payment_type_id",
                self.payment_type_id.map(Value::from),
            );
            put_opt(
                map,
                "billing_cycle_id",
                self.billing_cycle_id.map(Value::from),
            );
            put_opt(
                map,
                "minimum_payment_threshold",
                self.minimum_payment_threshold.map(money),
            );
        }
        value
    }
}

impl State {
    pub fn create_affiliate(&mut self, request: &CreateAffiliate) -> &Affiliate {
        let id = take_id(&mut self.next_affiliate_id);
        let affiliate = Affiliate {
            id,
            name: request.affiliate_name.clone(),
            status: request.effective_status(),
            account_manager_id: request.account_manager_id,
            website: request.website.clone(),
            payment_type_id: request.payment_type_id,
            billing_cycle_id: request.billing_cycle_id,
            minimum_payment_threshold: request.minimum_payment_threshold,
            date_created: now(),
        };
        self.affiliates.entry(id).or_insert(affiliate)
    }

    pub fn update_affiliate(&mut self, request: &UpdateAffiliate) -> Result<&Affiliate, Refusal> {
        let affiliate = self
            .affiliates
            .get_mut(&request.affiliate_id)
            .ok_or_else(|| not_found("affiliate_id", "affiliate", request.affiliate_id))?;
        if let Some(name) = &request.affiliate_name {
            affiliate.name = name.clone();
        }
        if let Some(status) = &request.affiliate_status {
            affiliate.status = status.clone();
        }
        if let Some(manager) = request.account_manager_id {
            affiliate.account_manager_id = manager;
        }
        Ok(affiliate)
    }

    pub fn has_affiliate(&self, id: i64) -> bool {
        self.affiliates.contains_key(&id)
    }
}
