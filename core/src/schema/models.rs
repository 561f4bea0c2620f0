//! The result models: what each operation answers with, as the reference's samples show it.

use super::operations::{
    AFFILIATE_OFFER_STATUS, AFFILIATE_STATUS, OFFER_STATUS, PAYOUT_TYPE, SUB_AFFILIATE_PAYOUT_TYPE,
    SUB_AFFILIATE_STATUS,
};
use super::{FieldType, Model, ModelField};

const fn field(name: &'static str, ty: FieldType, doc: &'static str) -> ModelField {
    ModelField { name, ty, doc }
}

pub const ACCOUNT_MANAGER: Model = Model {
    name: "AccountManager",
    doc: text!("The account manager assigned to an affiliate."),
    fields: &[
        field("id", FieldType::Int, text!("Account manager ID.")),
        field(
            "name",
            FieldType::Text,
            text!("The account manager's name."),
        ),
    ],
};

pub const AFFILIATE: Model = Model {
    name: "Affiliate",
    doc: text!("An affiliate account, as create_affiliate and update_affiliate answer."),
    fields: &[
        field(
            "affiliate_id",
            FieldType::Int,
            text!("ID of the affiliate."),
        ),
        field(
            "affiliate_name",
            FieldType::Text,
            text!("Affiliate company or display name."),
        ),
        field(
            "affiliate_status",
            FieldType::Enum(&AFFILIATE_STATUS),
            text!("The affiliate's status."),
        ),
        field(
            "account_manager",
            FieldType::Model(&ACCOUNT_MANAGER),
            text!("The assigned account manager."),
        ),
        field(
            "date_created",
            FieldType::DateTime,
            text!("When the affiliate was created."),
        ),
    ],
};

pub const AFFILIATE_OFFER: Model = Model {
    name: "AffiliateOffer",
    doc: text!("The offer access configuration of one affiliate-offer pairing, including custom payout overrides."),
    fields: &[
        field("affiliate_id", FieldType::Int, text!("Affiliate ID.")),
        field("offer_id", FieldType::Int, text!("Offer ID.")),
        field("payout", FieldType::Money, text!("The affiliate's payout on this offer (its override, else the offer's payout).")),
        field("payout_type", FieldType::Enum(&PAYOUT_TYPE), text!("How the payout is earned.")),
        field("affiliate_offer_status", FieldType::Enum(&AFFILIATE_OFFER_STATUS), text!("The status of the affiliate's access to the offer.")),
    ],
};

pub const OFFER: Model = Model {
    name: "Offer",
    doc: text!("An offer, as create_offer and update_offer answer."),
    fields: &[
        field("offer_id", FieldType::Int, text!("ID of the offer.")),
        field(
            "offer_name",
            FieldType::Text,
            text!("Display name for the offer."),
        ),
        field(
            "offer_status",
            FieldType::Enum(&OFFER_STATUS),
            text!("The offer's status."),
        ),
        field(
            "payout",
            FieldType::Money,
            text!("Affiliate payout amount."),
        ),
        field(
            "payout_type",
            FieldType::Enum(&PAYOUT_TYPE),
            text!("How the payout is earned."),
        ),
        field(
            "revenue",
            FieldType::Money,
            text!("Advertiser revenue amount."),
        ),
        field(
            "revenue_type",
            FieldType::Enum(&PAYOUT_TYPE),
            text!("How the revenue is earned."),
        ),
        field(
            "created_date",
            FieldType::DateTime,
            text!("When the offer was created."),
        ),
        field(
            "expiration_date",
            FieldType::DateTime,
            text!("Offer expiry."),
        ),
    ],
};

pub const SUB_AFFILIATE: Model = Model {
    name: "SubAffiliate",
    doc: text!("A sub affiliate, as list_sub_affiliates and create_sub_affiliate answer."),
    fields: &[
        field(
            "sub_affiliate_id",
            FieldType::Int,
            text!("ID of the sub affiliate."),
        ),
        field(
            "sub_affiliate_name",
            FieldType::Text,
            text!("Display name, unique within the parent affiliate."),
        ),
        field(
            "payout",
            FieldType::Money,
            text!("Commission amount. Flat currency value (cpa) or percentage (percent)."),
        ),
        field(
            "payout_type",
            FieldType::Enum(&SUB_AFFILIATE_PAYOUT_TYPE),
            text!("How payout is calculated: cpa (flat) or percent (% of parent payout)."),
        ),
        field(
            "sub_affiliate_status",
            FieldType::Enum(&SUB_AFFILIATE_STATUS),
            text!("The sub affiliate's status."),
        ),
        field(
            "affiliate_id",
            FieldType::Int,
            text!("The parent affiliate (some servers send it)."),
        ),
    ],
};

pub const SUB_AFFILIATE_REPORT_ROW: Model = Model {
    name: "SubAffiliateReportRow",
    doc: text!("One row of the sub affiliate performance report: aggregated clicks, conversions and payout."),
    fields: &[
        field("sub_affiliate_id", FieldType::Int, text!("ID of the sub affiliate.")),
        field("sub_affiliate_name", FieldType::Text, text!("The sub affiliate's display name.")),
        field("clicks", FieldType::Count, text!("Clicks in the date range.")),
        field("conversions", FieldType::Count, text!("Conversions in the date range.")),
        field("payout", FieldType::Money, text!("Payout earned in the date range.")),
    ],
};

/// Computed by this SDK (`report_metrics`), not sent by CAKE.
pub const REPORT_METRICS: Model = Model {
    name: "ReportMetrics",
    doc: text!("Conversion rate and earnings per click of a report row, rounded half away from zero to the cent; both absent when there were no clicks."),
    fields: &[
        field("conversion_rate", FieldType::Money, text!("Conversions per 100 clicks (a percentage).")),
        field("epc", FieldType::Money, text!("Earnings per click: payout / clicks.")),
    ],
};

/// Computed by this SDK (`report_totals`), not sent by CAKE.
pub const REPORT_TOTALS: Model = Model {
    name: "ReportTotals",
    doc: text!(
        "The sums of a report's rows (the payout exact to the cent) and the metrics of those sums."
    ),
    fields: &[
        field("clicks", FieldType::Count, text!("Total clicks.")),
        field("conversions", FieldType::Count, text!("Total conversions.")),
        field("payout", FieldType::Money, text!("Total payout.")),
        field(
            "conversion_rate",
            FieldType::Money,
            text!("Conversions per 100 clicks (a percentage)."),
        ),
        field(
            "epc",
            FieldType::Money,
            text!("Earnings per click: payout / clicks."),
        ),
    ],
};

/// Every model, nested ones first (so a generator can emit them in order).
pub const MODELS: &[&Model] = &[
    &ACCOUNT_MANAGER,
    &AFFILIATE,
    &AFFILIATE_OFFER,
    &OFFER,
    &SUB_AFFILIATE,
    &SUB_AFFILIATE_REPORT_ROW,
    &REPORT_METRICS,
    &REPORT_TOTALS,
];
