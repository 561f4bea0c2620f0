//! Every parameter of every operation, in the reference's order, with its kind.

use crate::models::{
    AffiliateStatus, OfferStatus, PayoutType, SubAffiliatePayoutType, SubAffiliateStatusFilter,
};
use crate::operation::Operation;

/// Largest id or count accepted: the largest integer a JavaScript number holds exactly.
pub const MAX_SAFE_INTEGER: i128 = 9_007_199_254_740_991;
/// Largest money amount accepted.
pub const MAX_MONEY: i128 = 1_000_000_000;
/// Most decimal places a money amount may have.
pub const MONEY_PLACES: u32 = 4;
pub const MAX_NAME_LEN: usize = 255;
pub const MAX_URL_LEN: usize = 2048;
pub const MAX_TEXT_LEN: usize = 4000;

/// What a parameter holds, and so how it is checked and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An entity id: 1 ..= MAX_SAFE_INTEGER.
    Id,
    /// A whole number within bounds.
    Int {
        min: i128,
        max: i128,
    },
    /// Money: 0 ..= MAX_MONEY, at most 4 places (a percentage where the type says so).
    Money,
    /// A one-line name.
    Name,
    /// Free text (newlines and tabs allowed).
    Text,
    /// An absolute http(s) URL; `tokens` allows CAKE `{token}`s after the host.
    Url {
        tokens: bool,
    },
    Enum(&'static [&'static str]),
    /// `YYYY-MM-DD HH:MM:SS`.
    DateTime,
    /// `YYYY-MM-DD`.
    Date,
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

const fn req(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: true,
    }
}

const fn opt(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: false,
    }
}

const STATUS_CREATE: Kind = Kind::Enum(AffiliateStatus::CREATE_VALUES);
const STATUS_UPDATE: Kind = Kind::Enum(AffiliateStatus::VALUES);
const OFFER_STATUS: Kind = Kind::Enum(OfferStatus::VALUES);
const PAYOUT_TYPE: Kind = Kind::Enum(PayoutType::VALUES);
const URL: Kind = Kind::Url { tokens: false };
const SESSION_HOURS: Kind = Kind::Int {
    min: 1,
    max: MAX_SAFE_INTEGER,
};
const START_AT_ROW: Kind = Kind::Int {
    min: 0,
    max: MAX_SAFE_INTEGER,
};
const ROW_LIMIT: Kind = Kind::Int { min: 1, max: 500 };

const CREATE_AFFILIATE: &[Field] = &[
    req("affiliate_name", Kind::Name),
    req("account_manager_id", Kind::Id),
    opt("affiliate_status", STATUS_CREATE),
    opt("website", URL),
    opt("payment_type_id", Kind::Id),
    opt("billing_cycle_id", Kind::Id),
    opt("minimum_payment_threshold", Kind::Money),
];

const UPDATE_AFFILIATE: &[Field] = &[
    req("affiliate_id", Kind::Id),
    opt("affiliate_name", Kind::Name),
    opt("affiliate_status", STATUS_UPDATE),
    opt("account_manager_id", Kind::Id),
];

const GET_AFFILIATE_OFFER: &[Field] = &[req("affiliate_id", Kind::Id), req("offer_id", Kind::Id)];

const CREATE_OFFER: &[Field] = &[
    req("offer_name", Kind::Name),
    req("advertiser_id", Kind::Id),
    req("vertical_id", Kind::Id),
    req("offer_url", Kind::Url { tokens: true }),
    opt("preview_url", URL),
    opt("offer_status", OFFER_STATUS),
    opt("payout", Kind::Money),
    opt("payout_type", PAYOUT_TYPE),
    opt("revenue", Kind::Money),
    opt("revenue_type", PAYOUT_TYPE),
    opt("currency_id", Kind::Id),
    opt("session_hours", SESSION_HOURS),
    opt("expiration_date", Kind::DateTime),
    opt("offer_description", Kind::Text),
];

const UPDATE_OFFER: &[Field] = &[
    req("offer_id", Kind::Id),
    opt("offer_name", Kind::Name),
    opt("offer_status", OFFER_STATUS),
    opt("payout", Kind::Money),
    opt("revenue", Kind::Money),
    opt("expiration_date", Kind::DateTime),
];

const LIST_SUB_AFFILIATES: &[Field] = &[
    opt("sub_affiliate_id", Kind::Id),
    opt("affiliate_id", Kind::Id),
    opt(
        "sub_affiliate_status",
        Kind::Enum(SubAffiliateStatusFilter::VALUES),
    ),
];

const CREATE_SUB_AFFILIATE: &[Field] = &[
    req("affiliate_id", Kind::Id),
    req("sub_affiliate_name", Kind::Name),
    req("payout", Kind::Money),
    req("payout_type", Kind::Enum(SubAffiliatePayoutType::VALUES)),
];

const SUB_AFFILIATE_REPORT: &[Field] = &[
    req("start_date", Kind::Date),
    req("end_date", Kind::Date),
    opt("affiliate_id", Kind::Id),
    opt("sub_affiliate_id", Kind::Id),
    opt("offer_id", Kind::Id),
    opt("start_at_row", START_AT_ROW),
    opt("row_limit", ROW_LIMIT),
];

/// The most parameters any operation has (so a check can keep them in a fixed array).
pub const MAX_FIELDS: usize = longest(&[
    CREATE_AFFILIATE,
    UPDATE_AFFILIATE,
    GET_AFFILIATE_OFFER,
    CREATE_OFFER,
    UPDATE_OFFER,
    LIST_SUB_AFFILIATES,
    CREATE_SUB_AFFILIATE,
    SUB_AFFILIATE_REPORT,
]);

const fn longest(tables: &[&[Field]]) -> usize {
    let (mut at, mut most) = (0, 0);
    while at < tables.len() {
        if tables[at].len() > most {
            most = tables[at].len();
        }
        at += 1;
    }
    most
}

/// The parameters of `operation` in the reference's order (`api_key` is not among them).
pub fn fields(operation: Operation) -> &'static [Field] {
    match operation {
        Operation::CreateAffiliate => CREATE_AFFILIATE,
        Operation::UpdateAffiliate => UPDATE_AFFILIATE,
        Operation::GetAffiliateOffer => GET_AFFILIATE_OFFER,
        Operation::CreateOffer => CREATE_OFFER,
        Operation::UpdateOffer => UPDATE_OFFER,
        Operation::ListSubAffiliates => LIST_SUB_AFFILIATES,
        Operation::CreateSubAffiliate => CREATE_SUB_AFFILIATE,
        Operation::SubAffiliateReport => SUB_AFFILIATE_REPORT,
    }
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
