//! Rules across parameters: percentages, margins, expiry, date order, empty updates. They read
//! the values that passed their own checks (what the request would send).

use super::check::Valid;
use super::fields::{is_update, Field};
use super::input::Input;
use super::issue::{code, Issue};
use crate::datetime::{CakeDate, CakeDateTime};
use crate::enums::{PayoutType, SubAffiliatePayoutType};
use crate::operation::Operation;
use rust_decimal::Decimal;

/// One operation's parameters: as given (`None`: absent) and as checked, in `fields` order.
pub struct Values<'p, 'a> {
    pub fields: &'static [Field],
    pub given: &'p [Option<Input<'a>>],
    pub valid: &'p [Valid<'a>],
}

/// The valid values the rules read, picked out by name in one pass.
#[derive(Default)]
struct Named {
    payout: Option<Decimal>,
    revenue: Option<Decimal>,
    /// Lowercase enum values.
    payout_type: Option<&'static str>,
    revenue_type: Option<&'static str>,
    start_date: Option<CakeDate>,
    end_date: Option<CakeDate>,
    expiration_date: Option<CakeDateTime>,
}

impl Named {
    fn pick(values: &Values<'_, '_>) -> Self {
        let mut named = Named::default();
        for (field, valid) in values.fields.iter().zip(values.valid) {
            match *valid {
                Valid::Amount(amount) => match field.name {
                    "payout" => named.payout = Some(amount),
                    "revenue" => named.revenue = Some(amount),
                    _ => {}
                },
                Valid::Enum(value) => match field.name {
                    "payout_type" => named.payout_type = Some(value),
                    "revenue_type" => named.revenue_type = Some(value),
                    _ => {}
                },
                Valid::Date(date) => match field.name {
                    "start_date" => named.start_date = Some(date),
                    "end_date" => named.end_date = Some(date),
                    _ => {}
                },
                Valid::DateTime(moment) if field.name == "expiration_date" => {
                    named.expiration_date = Some(moment)
                }
                _ => {}
            }
        }
        named
    }
}

/// Runs the cross-field rules; `now` is only asked for when an expiry needs it.
pub fn apply(
    operation: Operation,
    values: &Values<'_, '_>,
    now: impl FnOnce() -> CakeDateTime,
    issues: &mut Vec<Issue>,
) {
    let named = Named::pick(values);
    match operation {
        Operation::CreateOffer => {
            for (field, kind, amount) in [
                ("payout", named.payout_type, named.payout),
                ("revenue", named.revenue_type, named.revenue),
            ] {
                if is_revshare(kind) {
                    check_percentage(field, amount, issues);
                }
            }
            margin_warning(&named, issues);
        }
        Operation::UpdateOffer => margin_warning(&named, issues),
        Operation::CreateSubAffiliate
            if named.payout_type == Some(SubAffiliatePayoutType::Percent.as_str()) =>
        {
            check_percentage("payout", named.payout, issues);
        }
        Operation::SubAffiliateReport => {
            if let (Some(start), Some(end)) = (named.start_date, named.end_date) {
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
    if let Some(expiry) = named.expiration_date {
        if expiry < now() {
            issues.push(Issue::warning(
                "expiration_date",
                code::EXPIRES_IN_PAST,
                "is in the past",
            ));
        }
    }
    if is_update(operation) {
        // The first parameter of an update is the id it names.
        let changes = values
            .given
            .iter()
            .skip(1)
            .any(|given| given.is_some_and(Input::is_given));
        if !changes {
            issues.push(Issue::error(
                "",
                code::NOTHING_TO_UPDATE,
                "gives nothing to change besides the id",
            ));
        }
    }
}

fn is_revshare(payout_type: Option<&str>) -> bool {
    payout_type == Some(PayoutType::Revshare.as_str())
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

/// Payout above revenue loses money on every conversion, when both are flat amounts of one
/// type (an update gives no types: both are the offer's own).
fn margin_warning(named: &Named, issues: &mut Vec<Issue>) {
    let (Some(payout), Some(revenue)) = (named.payout, named.revenue) else {
        return;
    };
    let (payout_type, revenue_type) = (named.payout_type, named.revenue_type);
    let revshare = is_revshare(payout_type) || is_revshare(revenue_type);
    let differ = matches!((payout_type, revenue_type), (Some(p), Some(r)) if p != r);
    if payout > revenue && !revshare && !differ {
        issues.push(Issue::warning(
            "payout",
            code::NEGATIVE_MARGIN,
            "is above revenue: each conversion loses money",
        ));
    }
}
