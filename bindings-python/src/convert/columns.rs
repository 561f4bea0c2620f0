//! Report rows to Python column by column, for DataFrames: one list per field, each value
//! exactly as the row-by-row conversion ([`super::to_py`] of the row's JSON) gives it (ids and
//! counts `int`, money `Decimal` of the same text, extra fields by their names), and `None`
//! where a row lacks a field. Read from the rows themselves: no JSON is built per row.

use super::classes;
use super::to_python::{decimal, field_to_py};
use cake_core::models::SubAffiliateReportRow;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};
use std::fmt::Write;

/// The row model's fields in the description's order: `known` below holds them in it
/// (checked in the tests).
fn field_names() -> impl Iterator<Item = &'static str> {
    SubAffiliateReportRow::MODEL.fields.iter().map(|f| f.name)
}

type Column<'py> = Vec<Bound<'py, PyAny>>;

/// `[(name, values), ...]`: the model's fields, then the extra fields rows carry, in order of
/// first appearance.
pub fn columns<'py>(
    py: Python<'py>,
    rows: &[SubAffiliateReportRow],
) -> PyResult<Bound<'py, PyList>> {
    let classes = classes(py)?;
    let none = py.None().into_bound(py);
    let mut known: [Column<'py>; 5] = Default::default();
    let mut extra: Vec<(&str, Column<'py>)> = Vec::new();
    let mut text = String::new();
    for (index, row) in rows.iter().enumerate() {
        let [ids, names, clicks, conversions, payouts] = &mut known;
        ids.push(row.sub_affiliate_id.into_pyobject(py)?.into_any());
        names.push(match &row.sub_affiliate_name {
            Some(name) => PyString::new(py, name).into_any(),
            None => none.clone(),
        });
        clicks.push(row.clicks.into_pyobject(py)?.into_any());
        conversions.push(row.conversions.into_pyobject(py)?.into_any());
        payouts.push(match row.payout {
            Some(payout) => {
                text.clear();
                let _ = write!(text, "{payout}");
                decimal(py, classes, &text)?
            }
            None => none.clone(),
        });
        for (name, value) in &row.extra {
            let column = match extra.iter().position(|(known, _)| *known == name.as_str()) {
                Some(found) => found,
                None => {
                    extra.push((name.as_str(), vec![none.clone(); index]));
                    extra.len() - 1
                }
            };
            extra[column].1.push(field_to_py(py, name, value)?);
        }
        for (_, values) in extra.iter_mut() {
            if values.len() <= index {
                values.push(none.clone());
            }
        }
    }
    // Collected so the names take the rows' lifetime, as the extra fields' names do.
    let names: Vec<&str> = field_names().collect();
    let pairs = names
        .into_iter()
        .zip(known)
        .chain(extra)
        .map(|(name, values)| {
            PyTuple::new(
                py,
                [
                    super::cache::key(py, name).into_any(),
                    PyList::new(py, values)?.into_any(),
                ],
            )
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fields_are_the_models() {
        // The order `columns` fills `known` in.
        let order = [
            "sub_affiliate_id",
            "sub_affiliate_name",
            "clicks",
            "conversions",
            "payout",
        ];
        assert_eq!(field_names().collect::<Vec<_>>(), order);
    }
}
