//! The sub-affiliate performance report: one page of rows, with an optional total.

use super::{tolerant, Extra};
use crate::datetime::CakeDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Rows per page when `row_limit` is not given (the reference's default).
pub const DEFAULT_ROW_LIMIT: u64 = 25;
/// The largest page this SDK asks for.
pub const MAX_ROW_LIMIT: u64 = 500;

/// `sub_affiliate_report` (GET /api/2/report/sub_affiliate.json).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubAffiliateReportRequest {
    pub start_date: CakeDate,
    pub end_date: CakeDate,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_int"
    )]
    pub affiliate_id: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_int"
    )]
    pub sub_affiliate_id: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_int"
    )]
    pub offer_id: Option<i64>,
    /// Row offset; default 0.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_count"
    )]
    pub start_at_row: Option<u64>,
    /// Page size; default 25, at most 500.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "tolerant::opt_count"
    )]
    pub row_limit: Option<u64>,
}

impl SubAffiliateReportRequest {
    pub fn new(start_date: CakeDate, end_date: CakeDate) -> Self {
        SubAffiliateReportRequest {
            start_date,
            end_date,
            affiliate_id: None,
            sub_affiliate_id: None,
            offer_id: None,
            start_at_row: None,
            row_limit: None,
        }
    }

    pub fn effective_start_at_row(&self) -> u64 {
        self.start_at_row.unwrap_or(0)
    }

    pub fn effective_row_limit(&self) -> u64 {
        self.row_limit.unwrap_or(DEFAULT_ROW_LIMIT)
    }
}

/// One row: a sub-affiliate's clicks, conversions and payout over the range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubAffiliateReportRow {
    #[serde(with = "tolerant::int")]
    pub sub_affiliate_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_affiliate_name: Option<String>,
    #[serde(default, with = "tolerant::count")]
    pub clicks: u64,
    #[serde(default, with = "tolerant::count")]
    pub conversions: u64,
    #[serde(with = "tolerant::money")]
    pub payout: Decimal,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One page of the report. `total_rows` is given by some servers, not all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubAffiliateReport {
    pub rows: Vec<SubAffiliateReportRow>,
    #[serde(default, with = "tolerant::opt_count")]
    pub total_rows: Option<u64>,
}
