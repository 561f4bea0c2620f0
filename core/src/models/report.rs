//! The sub-affiliate performance report: one page of rows, with an optional total.

use super::lenient;
use super::object::{serde_through_json, MoneyJson, Reader, Writer};
use super::{SubAffiliateReportRequest, SubAffiliateReportRow};
use serde_json::Value;

/// Rows per page when `row_limit` is not given (the reference's default).
pub const DEFAULT_ROW_LIMIT: u64 = 25;
/// The largest page this SDK asks for.
pub const MAX_ROW_LIMIT: u64 = 500;

impl SubAffiliateReportRequest {
    pub fn effective_start_at_row(&self) -> u64 {
        self.start_at_row.unwrap_or(0)
    }

    pub fn effective_row_limit(&self) -> u64 {
        self.row_limit.unwrap_or(DEFAULT_ROW_LIMIT)
    }
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
        self.to_json_as(MoneyJson::Number)
    }

    /// [`Self::to_json`] with money written as `money` says.
    pub fn to_json_as(&self, money: MoneyJson) -> Value {
        let rows = self.rows.iter().map(|row| row.to_json_as(money));
        Writer::with_money(money)
            .value("rows", Value::Array(rows.collect()))
            .value(
                "total_rows",
                self.total_rows.map_or(Value::Null, Value::from),
            )
            .finish()
    }
}

serde_through_json!(SubAffiliateReport);
