//! Seeding: many entities in one call, validated exactly as the API validates them, applied
//! all-or-nothing (to a copy of the state that replaces it only when every item succeeded).
//!
//! `{"affiliates": [create_affiliate params...], "offers": [create_offer params...],
//!   "sub_affiliates": [create_sub_affiliate params...],
//!   "affiliate_offers": [{"affiliate_id", "offer_id", "payout"}...]}`, applied in that order,
//! so later sections may name ids created by earlier ones.

use crate::state::{Refusal, State};
use cake_core::models::SubAffiliateStatus;
use cake_core::{Error, Operation, Request};
use serde_json::{json, Map, Value};

const SECTIONS: [&str; 4] = ["affiliates", "offers", "sub_affiliates", "affiliate_offers"];

/// Each error issue of a validation failure as "field: message".
pub fn issue_lines(error: &Error) -> Vec<String> {
    error
        .issues()
        .iter()
        .filter(|issue| issue.is_error())
        .map(|issue| {
            if issue.field.is_empty() {
                issue.message.clone()
            } else {
                format!("{}: {}", issue.field, issue.message)
            }
        })
        .collect()
}

fn item_error(section: &str, index: usize, lines: &[String]) -> String {
    format!("{section}[{index}]: {}", lines.join("; "))
}

/// Validates one item as `operation`'s parameters (an api_key in it is ignored).
fn typed(operation: Operation, item: &Value) -> Result<Request, Vec<String>> {
    let mut params = item.clone();
    if let Value::Object(map) = &mut params {
        map.remove("api_key");
    }
    Request::from_params(operation, &params)
        .map(|prepared| prepared.request)
        .map_err(|e| issue_lines(&e))
}

/// An override's ids and payout, checked by core's rules for those fields (the ids as
/// `get_affiliate_offer` checks them, the payout as `update_offer` does).
fn override_of(item: &Value) -> Result<(i64, i64, cake_core::Decimal), Vec<String>> {
    let field = |name: &str| item.get(name).cloned().unwrap_or(Value::Null);
    let ids = typed(
        Operation::GetAffiliateOffer,
        &json!({"affiliate_id": field("affiliate_id"), "offer_id": field("offer_id")}),
    );
    let payout = match field("payout") {
        Value::Null => Err(vec!["payout: is required".to_owned()]),
        given => typed(
            Operation::UpdateOffer,
            &json!({"offer_id": 1, "payout": given}),
        ),
    };
    match (ids, payout) {
        (Ok(Request::GetAffiliateOffer(ids)), Ok(Request::UpdateOffer(update))) => {
            match update.payout {
                Some(payout) => Ok((ids.affiliate_id, ids.offer_id, payout)),
                None => Err(vec!["payout: is required".to_owned()]),
            }
        }
        (ids, payout) => {
            let mut lines = ids.err().unwrap_or_default();
            lines.extend(payout.err().unwrap_or_default());
            Err(lines)
        }
    }
}

fn apply_item(state: &mut State, section: &str, item: &Value) -> Result<Value, Refusal> {
    match section {
        "affiliates" => match typed(Operation::CreateAffiliate, item)? {
            Request::CreateAffiliate(r) => Ok(state.create_affiliate(&r).to_json()),
            _ => Err(vec!["not an affiliate".into()]),
        },
        "offers" => match typed(Operation::CreateOffer, item)? {
            Request::CreateOffer(r) => Ok(state.create_offer(&r).to_json()),
            _ => Err(vec!["not an offer".into()]),
        },
        "sub_affiliates" => {
            // The API creates sub-affiliates active; a seed may say otherwise, so the list's
            // status filter has something to filter.
            let (item, status) = split_status(item)?;
            match typed(Operation::CreateSubAffiliate, &item)? {
                Request::CreateSubAffiliate(r) => {
                    let id = state.create_sub_affiliate(&r)?.id;
                    state.set_sub_affiliate_status(id, status)
                }
                _ => Err(vec!["not a sub-affiliate".into()]),
            }
        }
        _ => {
            let (affiliate_id, offer_id, payout) = override_of(item)?;
            state
                .set_override(affiliate_id, offer_id, payout)
                .map(|o| o.answer())
        }
    }
}

/// A seeded sub-affiliate's params without `sub_affiliate_status`, and that status (active
/// when not given).
fn split_status(item: &Value) -> Result<(Value, SubAffiliateStatus), Refusal> {
    let mut item = item.clone();
    let given = match &mut item {
        Value::Object(map) => map.remove("sub_affiliate_status"),
        _ => None,
    };
    let status = match given {
        None | Some(Value::Null) => SubAffiliateStatus::Active,
        Some(Value::String(text)) => SubAffiliateStatus::parse(&text),
        Some(_) => SubAffiliateStatus::Other(String::new()),
    };
    if !status.is_known() {
        let values = SubAffiliateStatus::VALUES.join(", ");
        return Err(vec![format!(
            "sub_affiliate_status: must be one of: {values}"
        )]);
    }
    Ok((item, status))
}

/// Applies `data` to a copy of `state`; gives the new state and the created entities.
pub fn apply(state: &State, data: &Value) -> Result<(State, Value), String> {
    let Value::Object(sections) = data else {
        return Err("the seed must be a JSON object".into());
    };
    if let Some(unknown) = sections.keys().find(|k| !SECTIONS.contains(&k.as_str())) {
        let shown: String = unknown.chars().take(64).collect();
        return Err(format!(
            "{shown}: is not a seed section (use {})",
            SECTIONS.join(", ")
        ));
    }
    let mut seeded = state.clone();
    let mut created = Map::new();
    for section in SECTIONS {
        let items = match sections.get(section) {
            None | Some(Value::Null) => &Vec::new(),
            Some(Value::Array(items)) => items,
            Some(_) => return Err(format!("{section}: must be a list")),
        };
        let mut answers = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let answer = apply_item(&mut seeded, section, item)
                .map_err(|lines| item_error(section, index, &lines))?;
            answers.push(answer);
        }
        created.insert(section.to_owned(), Value::Array(answers));
    }
    Ok((seeded, Value::Object(created)))
}
