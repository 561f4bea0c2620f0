//! The eight operations: parameters in the reference's order, with its defaults and its
//! descriptions (word for word where it has one), and the model each answers with.

use super::models::{AFFILIATE, AFFILIATE_OFFER, OFFER, SUB_AFFILIATE, SUB_AFFILIATE_REPORT_ROW};
use super::{Answer, EnumSpec, Kind, OperationSpec, Param, MAX_SAFE_INTEGER};
use crate::enums::{
    AffiliateOfferStatus, AffiliateStatus, OfferStatus, PayoutType, SubAffiliatePayoutType,
    SubAffiliateStatus, SubAffiliateStatusFilter,
};
use crate::operation::{Method, Operation};

pub const AFFILIATE_STATUS: EnumSpec = EnumSpec {
    name: "AffiliateStatus",
    values: AffiliateStatus::VALUES,
    within: None,
    doc: text!("An affiliate's status."),
};
pub const AFFILIATE_CREATE_STATUS: EnumSpec = EnumSpec {
    name: "AffiliateCreateStatus",
    values: AffiliateStatus::CREATE_VALUES,
    within: Some(&AFFILIATE_STATUS),
    doc: text!("The statuses an affiliate may be created with."),
};
pub const OFFER_STATUS: EnumSpec = EnumSpec {
    name: "OfferStatus",
    values: OfferStatus::VALUES,
    within: None,
    doc: text!("An offer's status."),
};
pub const PAYOUT_TYPE: EnumSpec = EnumSpec {
    name: "PayoutType",
    values: PayoutType::VALUES,
    within: None,
    doc: text!("How an offer's payout or revenue is earned."),
};
pub const SUB_AFFILIATE_PAYOUT_TYPE: EnumSpec = EnumSpec {
    name: "SubAffiliatePayoutType",
    values: SubAffiliatePayoutType::VALUES,
    within: None,
    doc: text!(
        "How a sub affiliate is paid: a flat amount (cpa) or a percent of the parent payout."
    ),
};
pub const SUB_AFFILIATE_STATUS: EnumSpec = EnumSpec {
    name: "SubAffiliateStatus",
    values: SubAffiliateStatus::VALUES,
    within: None,
    doc: text!("A sub affiliate's status."),
};
pub const SUB_AFFILIATE_STATUS_FILTER: EnumSpec = EnumSpec {
    name: "SubAffiliateStatusFilter",
    values: SubAffiliateStatusFilter::VALUES,
    within: None,
    doc: text!("The status filter of list_sub_affiliates."),
};
pub const AFFILIATE_OFFER_STATUS: EnumSpec = EnumSpec {
    name: "AffiliateOfferStatus",
    values: AffiliateOfferStatus::VALUES,
    within: None,
    doc: text!("The status of an affiliate's access to an offer."),
};

/// Every enum, in a stable order (the generators' output follows it).
pub const ENUMS: &[&EnumSpec] = &[
    &AFFILIATE_STATUS,
    &AFFILIATE_CREATE_STATUS,
    &OFFER_STATUS,
    &PAYOUT_TYPE,
    &SUB_AFFILIATE_PAYOUT_TYPE,
    &SUB_AFFILIATE_STATUS,
    &SUB_AFFILIATE_STATUS_FILTER,
    &AFFILIATE_OFFER_STATUS,
];

const URL: Kind = Kind::Url { tokens: false };

const fn req(name: &'static str, kind: Kind, doc: &'static str) -> Param {
    Param {
        name,
        kind,
        required: true,
        default: None,
        doc,
    }
}

const fn opt(name: &'static str, kind: Kind, doc: &'static str) -> Param {
    Param {
        name,
        kind,
        required: false,
        default: None,
        doc,
    }
}

const fn default(param: Param, value: &'static str) -> Param {
    Param {
        default: Some(value),
        ..param
    }
}

/// In `Operation::ALL`'s order (a test holds it to that, so `spec` can index).
pub const OPERATIONS: &[OperationSpec] = &[
    OperationSpec {
        operation: Operation::CreateAffiliate,
        id: "create_affiliate",
        method: Method::Post,
        path: "/api/2/affiliate.json",
        title: text!("Create Affiliate"),
        doc: text!("Creates a new affiliate account. Use for automated signup-to-approval workflows or when migrating partner data from another platform."),
        params: &[
            req("affiliate_name", Kind::Name, text!("Affiliate company or display name.")),
            req("account_manager_id", Kind::Id, text!("Account manager to assign.")),
            default(opt("affiliate_status", Kind::Enum(&AFFILIATE_CREATE_STATUS), text!("active | inactive | pending. Default: pending.")), "pending"),
            opt("website", URL, text!("Affiliate's primary website URL.")),
            opt("payment_type_id", Kind::Id, text!("Payment method type ID.")),
            opt("billing_cycle_id", Kind::Id, text!("Billing cycle ID (e.g. Net 15, Net 30).")),
            opt("minimum_payment_threshold", Kind::Money, text!("Minimum earnings before payment is issued.")),
        ],
        answer: Answer::One { key: "affiliate", model: &AFFILIATE },
    },
    OperationSpec {
        operation: Operation::UpdateAffiliate,
        id: "update_affiliate",
        method: Method::Post,
        path: "/api/2/update_affiliate.json",
        title: text!("Update Affiliate"),
        doc: text!("Updates an affiliate's status, name, or account manager. Use when automating tier changes, suspending affiliates based on fraud signals, or reassigning accounts."),
        params: &[
            req("affiliate_id", Kind::Id, text!("ID of the affiliate to update.")),
            opt("affiliate_name", Kind::Name, text!("Updated display name.")),
            opt("affiliate_status", Kind::Enum(&AFFILIATE_STATUS), text!("active | inactive | pending | rejected | suspended")),
            opt("account_manager_id", Kind::Id, text!("ID of the new account manager.")),
        ],
        answer: Answer::One { key: "affiliate", model: &AFFILIATE },
    },
    OperationSpec {
        operation: Operation::GetAffiliateOffer,
        id: "get_affiliate_offer",
        method: Method::Get,
        path: "/api/2/affiliate_offer.json",
        title: text!("Get Affiliate Offer"),
        doc: text!("Retrieves the offer access configuration for a specific affiliate-offer pairing, including custom payout overrides."),
        params: &[
            req("affiliate_id", Kind::Id, text!("Affiliate ID.")),
            req("offer_id", Kind::Id, text!("Offer ID.")),
        ],
        answer: Answer::One { key: "affiliate_offer", model: &AFFILIATE_OFFER },
    },
    OperationSpec {
        operation: Operation::CreateOffer,
        id: "create_offer",
        method: Method::Post,
        path: "/api/2/offer.json",
        title: text!("Create Offer"),
        doc: text!("Creates a new offer in CAKE. Use this endpoint to programmatically onboard offers when new advertiser products are added in an external system, eliminating manual UI entry."),
        params: &[
            req("offer_name", Kind::Name, text!("Display name for the offer.")),
            req("advertiser_id", Kind::Id, text!("ID of the advertiser running this offer.")),
            req("vertical_id", Kind::Id, text!("Vertical category the offer belongs to.")),
            req("offer_url", Kind::Url { tokens: true }, text!("The tracking URL affiliates will use.")),
            opt("preview_url", URL, text!("Landing page preview URL for affiliates.")),
            default(opt("offer_status", Kind::Enum(&OFFER_STATUS), text!("active | inactive | pending. Default: active.")), "active"),
            opt("payout", Kind::Money, text!("Affiliate payout amount.")),
            opt("payout_type", Kind::Enum(&PAYOUT_TYPE), text!("cpa | cpc | cpm | revshare")),
            opt("revenue", Kind::Money, text!("Advertiser revenue amount.")),
            opt("revenue_type", Kind::Enum(&PAYOUT_TYPE), text!("cpa | cpc | cpm | revshare")),
            opt("currency_id", Kind::Id, text!("Currency ID (1 = USD).")),
            opt("session_hours", Kind::Int { min: 1, max: MAX_SAFE_INTEGER }, text!("Cookie duration in hours.")),
            opt("expiration_date", Kind::DateTime, text!("Offer expiry (YYYY-MM-DD HH:MM:SS).")),
            opt("offer_description", Kind::Text, text!("Internal description visible to affiliates in their portal.")),
        ],
        answer: Answer::One { key: "offer", model: &OFFER },
    },
    OperationSpec {
        operation: Operation::UpdateOffer,
        id: "update_offer",
        method: Method::Post,
        path: "/api/2/update_offer.json",
        title: text!("Update Offer"),
        doc: text!("Updates an existing offer's payout, status, or expiry without touching the CAKE UI — essential for bulk updates or automated campaign management via script."),
        params: &[
            req("offer_id", Kind::Id, text!("ID of the offer to update.")),
            opt("offer_name", Kind::Name, text!("New display name.")),
            opt("offer_status", Kind::Enum(&OFFER_STATUS), text!("active | inactive | pending")),
            opt("payout", Kind::Money, text!("Updated affiliate payout.")),
            opt("revenue", Kind::Money, text!("Updated advertiser revenue.")),
            opt("expiration_date", Kind::DateTime, text!("New expiry date (YYYY-MM-DD HH:MM:SS).")),
        ],
        answer: Answer::One { key: "offer", model: &OFFER },
    },
    OperationSpec {
        operation: Operation::ListSubAffiliates,
        id: "list_sub_affiliates",
        method: Method::Get,
        path: "/api/2/sub_affiliates.json",
        title: text!("List Sub Affiliates"),
        doc: text!("Retrieves sub affiliate accounts, filtered by the arguments given."),
        params: &[
            opt("sub_affiliate_id", Kind::Id, text!("Filter to a single sub affiliate by ID.")),
            opt("affiliate_id", Kind::Id, text!("Filter to sub affiliates belonging to a specific parent affiliate.")),
            default(opt("sub_affiliate_status", Kind::Enum(&SUB_AFFILIATE_STATUS_FILTER), text!("Filter by status: active, inactive, or all. Default: all.")), "all"),
        ],
        answer: Answer::List { key: "sub_affiliates", model: &SUB_AFFILIATE },
    },
    OperationSpec {
        operation: Operation::CreateSubAffiliate,
        id: "create_sub_affiliate",
        method: Method::Post,
        path: "/api/2/sub_affiliate.json",
        title: text!("Create Sub Affiliate"),
        doc: text!("Creates a sub affiliate under a parent affiliate, with defined payout terms."),
        params: &[
            req("affiliate_id", Kind::Id, text!("The parent affiliate under whom this sub affiliate will be created.")),
            req("sub_affiliate_name", Kind::Name, text!("Display name. Must be unique within the parent affiliate.")),
            req("payout", Kind::Money, text!("Commission amount. Flat currency value (cpa) or percentage (percent).")),
            req("payout_type", Kind::Enum(&SUB_AFFILIATE_PAYOUT_TYPE), text!("How payout is calculated: cpa (flat) or percent (% of parent payout).")),
        ],
        answer: Answer::One { key: "sub_affiliate", model: &SUB_AFFILIATE },
    },
    OperationSpec {
        operation: Operation::SubAffiliateReport,
        id: "sub_affiliate_report",
        method: Method::Get,
        path: "/api/2/report/sub_affiliate.json",
        title: text!("Sub Affiliate Performance Report"),
        doc: text!("Returns aggregated conversion and revenue data for sub affiliates within a specified date range."),
        params: &[
            req("start_date", Kind::Date, text!("Report start date (YYYY-MM-DD).")),
            req("end_date", Kind::Date, text!("Report end date (YYYY-MM-DD).")),
            opt("affiliate_id", Kind::Id, text!("Filter to sub affiliates of a specific parent affiliate.")),
            opt("sub_affiliate_id", Kind::Id, text!("Filter to a specific sub affiliate.")),
            opt("offer_id", Kind::Id, text!("Filter to a specific offer.")),
            default(opt("start_at_row", Kind::Int { min: 0, max: MAX_SAFE_INTEGER }, text!("Row offset. Default: 0.")), "0"),
            default(opt("row_limit", Kind::Int { min: 1, max: 500 }, text!("Max rows. Default: 25.")), "25"),
        ],
        answer: Answer::Report { key: "sub_affiliate_report", model: &SUB_AFFILIATE_REPORT_ROW },
    },
];

/// The description of `operation`.
pub fn spec(operation: Operation) -> &'static OperationSpec {
    // OPERATIONS follows Operation::ALL (tested), so the position is the index.
    let at = Operation::ALL
        .iter()
        .position(|op| *op == operation)
        .unwrap_or(0);
    &OPERATIONS[at]
}

impl Operation {
    /// The stable snake_case id (`create_offer`).
    pub fn id(self) -> &'static str {
        spec(self).id
    }

    /// Looks an operation up by its id; `None` for anything else.
    pub fn from_id(id: &str) -> Option<Operation> {
        OPERATIONS.iter().find(|s| s.id == id).map(|s| s.operation)
    }

    pub fn method(self) -> Method {
        spec(self).method
    }

    /// The path under the instance's base URL, as the reference gives it.
    pub fn path(self) -> &'static str {
        spec(self).path
    }
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}
