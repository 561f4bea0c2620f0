//! Affiliates: create (status defaults to pending), update (only the fields given), and the
//! answer shape with the account manager named. The affiliate is core's `Affiliate` model
//! (see `entity`); the request's `account_manager_id` becomes the answer's `account_manager`.

use super::entity::{answer, fields_of, merged, stored};
use super::{not_found, take_id, Refusal, State};
use crate::answer::now;
use cake_core::models::{CreateAffiliate, UpdateAffiliate};
use serde_json::{json, Map, Value};

pub use cake_core::models::Affiliate;

/// The account managers the reference's samples name; any other id gets a generated name.
pub fn account_manager_name(id: i64) -> String {
    match id {
        42 => "Jordan Lee".to_owned(),
        7 => "Mark Johnson".to_owned(),
        other => format!("Account Manager {other}"),
    }
}

/// The reference's answer shape.
pub fn affiliate_answer(affiliate: &Affiliate) -> Value {
    answer(Affiliate::MODEL, affiliate.to_json())
}

/// The account manager the request's id names, as the answer carries it.
fn name_manager(fields: &mut Map<String, Value>) {
    if let Some(id) = fields.get("account_manager_id").and_then(Value::as_i64) {
        let manager = json!({"id": id, "name": account_manager_name(id)});
        fields.insert("account_manager".into(), manager);
    }
}

impl State {
    pub fn create_affiliate(&mut self, request: &CreateAffiliate) -> &Affiliate {
        let id = take_id(&mut self.next_affiliate_id);
        let mut fields = fields_of(request.to_json());
        fields.insert("affiliate_id".into(), Value::from(id));
        fields.insert(
            "affiliate_status".into(),
            Value::from(request.effective_status().as_str()),
        );
        fields.insert("date_created".into(), Value::String(now()));
        name_manager(&mut fields);
        let affiliate = stored(Affiliate::MODEL, fields, Affiliate::from_json);
        self.affiliates.entry(id).or_insert(affiliate)
    }

    pub fn update_affiliate(&mut self, request: &UpdateAffiliate) -> Result<&Affiliate, Refusal> {
        let affiliate = self
            .affiliates
            .get_mut(&request.affiliate_id)
            .ok_or_else(|| not_found("affiliate_id", "affiliate", request.affiliate_id))?;
        let mut fields = merged(affiliate.to_json(), request.to_json());
        name_manager(&mut fields);
        *affiliate = stored(Affiliate::MODEL, fields, Affiliate::from_json);
        Ok(affiliate)
    }

    pub fn has_affiliate(&self, id: i64) -> bool {
        self.affiliates.contains_key(&id)
    }
}
