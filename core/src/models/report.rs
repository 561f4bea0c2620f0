//! The sub-affiliate performance report: one page of rows, with an optional total.

use super::lenient::{self, without_warnings, Lenient};
use super::object::{serde_through_json, Fields, Reader, Writer};
use super::Extra;
use crate::datetime::CakeDate;
use crate::issue::Issue;
use rust_decimal::Decimal;
use serde_json::Value;

/// Rows per page when `row_limit` is not given (the reference's default).
pub const DEFAULT_ROW_LIMIT: u64 = 25;
/// The largest page this SDK asks for.
pub const MAX_ROW_LIMIT: u64 = 500;

/// `sub_affiliate_report` (GET /api/2/report/sub_affiliate.json).
#[derive(Debug, Clone, PartialEq)]
pub struct SubAffiliateReportRequest {
    pub start_date: CakeDate,
    pub end_date: CakeDate,
    pub affiliate_id: Option<i64>,
    pub sub_affiliate_id: Option<i64>,
    pub offer_id: Option<i64>,
    /// Row offset; default 0.
    pub start_at_row: Option<u64>,
    /// Page size; default 25, at most 500.
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
#[derive(Debug, Clone, PartialEq)]
pub struct SubAffiliateReportRow {
    pub sub_affiliate_id: Option<i64>,
    pub sub_affiliate_name: Option<String>,
    pub clicks: Option<u64>,
    pub conversions: Option<u64>,
    pub payout: Option<Decimal>,
    pub extra: Extra,
}

/// One page of the report. `total_rows` is given by some servers, not all.
#[derive(Debug, Clone, PartialEq)]
pub struct SubAffiliateReport {
    pub rows: Vec<SubAffiliateReportRow>,
    pub total_rows: Option<u64>,
    /// Rows the server sent that were not objects, left out (each with an `unreadable_row`
    /// warning). They still took a place in the report, so the next page starts after them.
    pub left_out: u64,
}

impl SubAffiliateReportRequest {
    /// Reads the model from JSON, tolerantly (see the module docs of [`crate::models`]).
    pub fn from_json(value: &Value) -> Result<Self, String> {
        let r = Reader::new(value)?;
        Ok(SubAffiliateReportRequest {
            start_date: r.date("start_date")?,
            end_date: r.date("end_date")?,
            affiliate_id: r.opt_int("affiliate_id")?,
            sub_affiliate_id: r.opt_int("sub_affiliate_id")?,
            offer_id: r.opt_int("offer_id")?,
            start_at_row: r.opt_count("start_at_row")?,
            row_limit: r.opt_count("row_limit")?,
        })
    }

    /// The model as JSON: exact numbers, lowercase enums, optional fields only when given.
    pub fn to_json(&self) -> Value {
        Writer::new()
            .string("start_date", &self.start_date.to_string())
            .string("end_date", &self.end_date.to_string())
            .opt_int("affiliate_id", self.affiliate_id)
            .opt_int("sub_affiliate_id", self.sub_affiliate_id)
            .opt_int("offer_id", self.offer_id)
            .opt_count("start_at_row", self.start_at_row)
            .opt_count("row_limit", self.row_limit)
            .finish()
    }
}

impl SubAffiliateReportRow {
    /// Its fields, as the API's description has them; others are kept in `extra`.
    pub const MODEL: &'static crate::schema::Model = &crate::schema::SUB_AFFILIATE_REPORT_ROW;

    /// Reads the model from JSON, tolerantly (see the module docs of [`crate::models`]).
    pub fn from_json(value: &Value) -> Result<Self, String> {
        without_warnings(value, Self::read)
    }

    /// Reads the model leniently (see [`lenient`]); `path` names it in warnings.
    pub fn read(value: &Value, path: &str, warnings: &mut Vec<Issue>) -> Result<Self, String> {
        let mut l = lenient::over(value, path, warnings)?;
        let mut row = Self::read_known(&mut l);
        row.extra = l.extra(Self::MODEL);
        Ok(row)
    }

    /// Reads the known fields from wherever they are held (a `Value`, or the answer's text
    /// read in place); `extra` is left empty for the caller.
    pub(crate) fn read_known<F: Fields>(l: &mut Lenient<'_, F>) -> Self {
        SubAffiliateReportRow {
            sub_affiliate_id: l.int("sub_affiliate_id"),
            sub_affiliate_name: l.string("sub_affiliate_name"),
            clicks: l.count("clicks"),
            conversions: l.count("conversions"),
            payout: l.money("payout"),
            extra: Extra::new(),
        }
    }

    /// The model as JSON: exact numbers, lowercase enums, optional fields only when given.
    pub fn to_json(&self) -> Value {
        Writer::new()
            .opt_int("sub_affiliate_id", self.sub_affiliate_id)
            .opt_string("sub_affiliate_name", self.sub_affiliate_name.as_ref())
            .opt_count("clicks", self.clicks)
            .opt_count("conversions", self.conversions)
            .opt_money("payout", self.payout)
            .extra(&self.extra)
            .finish()
    }
}

impl SubAffiliateReport {
    /// Reads the model from JSON, tolerantly (see the module docs of [`crate::models`]).
    pub fn from_json(value: &Value) -> Result<Self, String> {
        let r = Reader::new(value)?;
        let rows = r.get("rows").ok_or("missing field `rows`")?;
        let mut warnings = Vec::new();
        let rows = lenient::list(rows, "rows", &mut warnings, SubAffiliateReportRow::read)
            .map_err(|why| format!("rows: {why}"))?;
        Ok(SubAffiliateReport {
            rows,
            total_rows: r.opt_count("total_rows")?,
            left_out: lenient::left_out(&warnings),
        })
    }

    /// The model as JSON: exact numbers, lowercase enums, optional fields only when given.
    pub fn to_json(&self) -> Value {
        let rows = self.rows.iter().map(SubAffiliateReportRow::to_json);
        Writer::new()
            .value("rows", Value::Array(rows.collect()))
            .value(
                "total_rows",
                self.total_rows.map_or(Value::Null, Value::from),
            )
            .finish()
    }
}

serde_through_json!(
    SubAffiliateReportRequest,
    SubAffiliateReportRow,
    SubAffiliateReport
);
