//! Request and response types of the eight operations, generated from the description
//! (`generated.rs`); the defaults the server applies are in one small file per entity.
//!
//! Requests hold exactly what the caller gives (`Option` for optional parameters) and write
//! only that; the reference's defaults are constants and accessors, applied by the server.
//! Responses read tolerantly: any enum case, `{id, name}` statuses, both datetime forms,
//! numbers as strings, and unknown fields kept in `extra`. Every field of a response model
//! is optional, and a value that cannot be read is kept raw in `extra` with a warning
//! (see [`lenient`]), so one odd field never costs the whole answer.

mod affiliate;
/// The reference's enums (at the crate root, below the models and the description).
pub use crate::enums;
mod generated;
pub mod lenient;
pub(crate) mod object;
mod offer;
mod report;
mod sub_affiliate;
pub(crate) mod tolerant;

pub use enums::{
    AffiliateOfferStatus, AffiliateStatus, OfferStatus, PayoutType, SubAffiliatePayoutType,
    SubAffiliateStatus, SubAffiliateStatusFilter,
};
pub use generated::{
    AccountManager, Affiliate, AffiliateOffer, CreateAffiliate, CreateOffer, CreateSubAffiliate,
    GetAffiliateOffer, ListSubAffiliates, Offer, SubAffiliate, SubAffiliateReportRequest,
    SubAffiliateReportRow, UpdateAffiliate, UpdateOffer,
};
pub use lenient::UNREADABLE;
pub use object::MoneyJson;
pub use report::{SubAffiliateReport, DEFAULT_ROW_LIMIT, MAX_ROW_LIMIT};

/// Fields a server may add that this SDK does not know yet.
pub type Extra = serde_json::Map<String, serde_json::Value>;

pub use crate::schema::{value_kind, ValueKind};
