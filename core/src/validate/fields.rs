//! Every parameter of every operation, in the reference's order, with its kind: read from
//! the API's description ([`crate::schema`]).

use crate::operation::Operation;

pub use crate::schema::{
    Kind, Param as Field, MAX_MONEY, MAX_NAME_LEN, MAX_SAFE_INTEGER, MAX_TEXT_LEN, MAX_URL_LEN,
    MONEY_PLACES,
};

/// The most parameters any operation has (so a check can keep them in a fixed array).
pub const MAX_FIELDS: usize = longest(crate::schema::OPERATIONS);

const fn longest(specs: &[crate::schema::OperationSpec]) -> usize {
    let (mut at, mut most) = (0, 0);
    while at < specs.len() {
        if specs[at].params.len() > most {
            most = specs[at].params.len();
        }
        at += 1;
    }
    most
}

/// The parameters of `operation` in the reference's order (`api_key` is not among them).
pub fn fields(operation: Operation) -> &'static [Field] {
    crate::schema::spec(operation).params
}

/// The parameter every operation takes besides its own.
pub const API_KEY: &str = "api_key";

/// Whether `name` is a parameter of `operation` (api_key included).
pub fn is_known(operation: Operation, name: &str) -> bool {
    name == API_KEY || fields(operation).iter().any(|f| f.name == name)
}

/// The id an update names (its first, required field).
pub fn is_update(operation: Operation) -> bool {
    matches!(
        operation,
        Operation::UpdateAffiliate | Operation::UpdateOffer
    )
}
