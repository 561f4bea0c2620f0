//! A report page read straight from the answer's text into rows: the known fields of each row
//! are read in place and only unknown fields become `Value`s (building a `Value` per row was
//! most of the client's time on a large report). Taken only for the plain shape of a success
//! (a top-level object, `request_status` "Success" at the top, no `response` wrapper) with
//! every row reading cleanly; anything else gives `None` and the general reader reads the
//! page and explains what is wrong with it (or warns of the values it cannot read). Where this gives a page, it is the one the general
//! reader gives (tested below on generated pages, and fuzzed).

use super::response::SUCCESS;
use crate::input::Input;
use crate::json::lexer::{Fault, Lexer};
use crate::json::Scalar;
use crate::models::lenient::Lenient;
use crate::models::object::{Fields, Reader};
use crate::models::tolerant::read_opt_count;
use crate::models::{Extra, SubAffiliateReport, SubAffiliateReportRow};

/// Not the plain shape, or not clean: the general reader takes the page.
const DECLINED: Fault = Fault {
    reason: "not the plain shape",
    at: 0,
};

/// The page, or `None` where the general reader must read it.
pub(super) fn read_report_page(body: &[u8]) -> Option<SubAffiliateReport> {
    let mut lexer = Lexer::new(body);
    lexer.skip_space();
    if lexer.peek() != Some(b'{') {
        return None;
    }
    // A name given twice counts with its last value, as in the general reader.
    let mut success = false;
    let mut rows = None;
    let mut total_rows = None;
    lexer
        .object(|lexer, name| {
            match name.as_ref() {
                "request_status" => {
                    success = matches!(lexer.scalar()?, Scalar::Text(status) if status.eq_ignore_ascii_case(SUCCESS));
                }
                "sub_affiliate_report" => rows = read_rows(lexer)?,
                "total_rows" => {
                    total_rows = read_opt_count(lexer.scalar()?.input()).map_err(|_| DECLINED)?;
                }
                "response" => return Err(DECLINED),
                _ => lexer.skip_value()?,
            }
            Ok(())
        })
        .ok()?;
    lexer.finish().ok()?;
    Some(SubAffiliateReport {
        rows: rows.filter(|_| success)?,
        total_rows,
        left_out: 0,
    })
}

/// The rows (`None`: null).
fn read_rows(lexer: &mut Lexer<'_>) -> Result<Option<Vec<SubAffiliateReportRow>>, Fault> {
    match lexer.peek() {
        Some(b'n') => lexer.literal().map(|_| None),
        Some(b'[') => {
            let mut rows = Vec::new();
            lexer.array(|lexer| {
                rows.push(read_row(lexer)?);
                Ok(())
            })?;
            Ok(Some(rows))
        }
        _ => Err(DECLINED),
    }
}

/// A row's known fields as read in place, by their place in `SubAffiliateReportRow::MODEL`.
struct Known<'t>([Option<Scalar<'t>>; ROW_FIELDS]);

const ROW_FIELDS: usize = crate::schema::SUB_AFFILIATE_REPORT_ROW.fields.len();

impl Fields for &Known<'_> {
    fn input(&self, name: &str) -> Option<Input<'_>> {
        let at = SubAffiliateReportRow::MODEL
            .fields
            .iter()
            .position(|f| f.name == name)?;
        self.0.get(at)?.as_ref().map(Scalar::input)
    }

    /// Not needed: a row with a value that does not read goes to the general reader.
    fn raw(&self, _name: &str) -> Option<serde_json::Value> {
        None
    }
}

fn read_row(lexer: &mut Lexer<'_>) -> Result<SubAffiliateReportRow, Fault> {
    lexer.skip_space();
    if lexer.peek() != Some(b'{') {
        return Err(DECLINED);
    }
    let mut known = Known(std::array::from_fn(|_| None));
    let mut extra = Extra::new();
    lexer.object(|lexer, name| {
        let at = SubAffiliateReportRow::MODEL
            .fields
            .iter()
            .position(|f| f.name == name);
        match at.and_then(|at| known.0.get_mut(at)) {
            Some(slot) => *slot = Some(lexer.scalar()?),
            // A repeated name keeps its first place and takes the last value, as a `Value`.
            None => {
                let value = lexer.value()?;
                extra.insert(name.into_owned(), value);
            }
        }
        Ok(())
    })?;
    // A value that does not read cleanly needs the general reader's warning and raw copy.
    let mut warnings = Vec::new();
    let mut lenient = Lenient::new(Reader::over(&known), "", &mut warnings);
    let mut row = SubAffiliateReportRow::read_known(&mut lenient);
    if !lenient.is_clean() {
        return Err(DECLINED);
    }
    row.extra = extra;
    Ok(row)
}

#[cfg(test)]
mod tests;
