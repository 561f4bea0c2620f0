//! Rules across parameters: percentages, margins, expiry, date order, empty updates.

use super::check::{is_given, money_of};
use super::fields::{self, is_update};
use super::issue::{code, Issue};
use crate::datetime::{CakeDate, CakeDateTime};
use crate::models::{PayoutType, SubAffiliatePayoutType};
use crate::operation::Operation;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// Runs the cross-field rules over the raw params and their valid, normalized values.
pub fn apply(
    operation: Operation,
    raw: &Map<String, Value>,
    valid: &Map<String, Value>,
    now: CakeDateTime,
    issues: &mut Vec<Issue>,
) {
    let text = |name: &str| valid.get(name).and_then(Value::as_str);
    let amount = |name: &str| valid.get(name).and_then(money_of);
    match operation {
        Operation::CreateOffer => {
            let payout_type = text("payout_type").map(PayoutType::parse);
            let revenue_type = text("revenue_type").map(PayoutType::parse);
            for (field, kind) in [("payout", &payout_type), ("revenue", &revenue_type)] {
                if kind.as_ref() == Some(&PayoutType::Revshare) {
                    check_percentage(field, amount(field), issues);
                }
            }
            margin_warning(
                amount("payout"),
                amount("revenue"),
                payout_type,
                revenue_type,
                issues,
            );
        }
        Operation::UpdateOffer => {
            margin_warning(amount("payout"), amount("revenue"), None, None, issues)
        }
        Operation::CreateSubAffiliate
            if text("payout_type").map(SubAffiliatePayoutType::parse)
                == Some(SubAffiliatePayoutType::Percent) =>
        {
            check_percentage("payout", amount("payout"), issues);
        }
        Operation::SubAffiliateReport => {
            let start = text("start_date").and_then(CakeDate::parse_strict);
            let end = text("end_date").and_then(CakeDate::parse_strict);
            if let (Some(start), Some(end)) = (start, end) {
                if start > end {
                    issues.push(Issue::error(
                        "end_date",
                        code::DATE_ORDER,
                        "must not be before start_date",
                    ));
                }
            }
        }
        _ => {}
    }
    if let Some(expiry) = text("expiration_date").and_then(CakeDateTime::parse_strict) {
        if expiry < now {
            issues.push(Issue::warning(
                "expiration_date",
                code::EXPIRES_IN_PAST,
                "is in the past",
            ));
        }
    }
    if is_update(operation) {
        let fields = fields::fields(operation);
        let changes = fields
            .iter()
            .skip(1)
            .any(|f| raw.get(f.name).is_some_and(is_given));
        if !changes {
            issues.push(Issue::error(
                "",
                code::NOTHING_TO_UPDATE,
                "gives nothing to change besides the id",
            ));
        }
    }
}

fn check_percentage(field: &str, amount: Option<Decimal>, issues: &mut Vec<Issue>) {
    if let Some(amount) = amount {
        if amount <= Decimal::ZERO || amount > Decimal::ONE_HUNDRED {
            issues.push(Issue::error(
                field,
                code::OUT_OF_RANGE,
                "must be a percentage above 0 and at most 100",
            ));
        }
    }
}

/// Payout above revenue loses money on every conversion, when both are flat amounts of one type.
fn margin_warning(
    payout: Option<Decimal>,
    revenue: Option<Decimal>,
    payout_type: Option<PayoutType>,
    revenue_type: Option<PayoutType>,
    issues: &mut Vec<Issue>,
) {
    let (Some(payout), Some(revenue)) = (payout, revenue) else {
        return;
    };
    let revshare = [&payout_type, &revenue_type]
        .iter()
        .any(|t| t.as_ref() == Some(&PayoutType::Revshare));
    let differ = matches!((&payout_type, &revenue_type), (Some(p), Some(r)) if p != r);
    if payout > revenue && !revshare && !differ {
        issues.push(Issue::warning(
            "payout",
            code::NEGATIVE_MARGIN,
            "is above revenue: each conversion loses money",
        ));
    }
}
