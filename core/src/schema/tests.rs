use super::*;
use crate::models::{
    AccountManager, Affiliate, AffiliateOffer, Offer, SubAffiliate, SubAffiliateReportRow,
};
use serde_json::{json, Map, Value};

#[test]
fn operations_follow_operation_all() {
    assert_eq!(OPERATIONS.len(), Operation::ALL.len());
    for (spec, op) in OPERATIONS.iter().zip(Operation::ALL) {
        assert_eq!(spec.operation, op);
        assert_eq!(super::spec(op).operation, op);
    }
}

#[test]
fn a_name_means_one_thing_everywhere() {
    // value_kind goes by name alone, so a name must have one kind across the description.
    let mut seen: Vec<(&str, Option<ValueKind>)> = Vec::new();
    let kinds = MODELS
        .iter()
        .flat_map(|m| m.fields.iter().map(|f| f.name))
        .chain(
            OPERATIONS
                .iter()
                .flat_map(|o| o.params.iter().map(|p| p.name)),
        );
    for name in kinds {
        let field_kind = MODELS
            .iter()
            .find_map(|m| m.field(name))
            .map(|f| match f.ty {
                FieldType::Money => Some(ValueKind::Money),
                FieldType::DateTime => Some(ValueKind::DateTime),
                FieldType::Date => Some(ValueKind::Date),
                _ => None,
            });
        for op in OPERATIONS {
            if let (Some(param), Some(kind)) = (op.param(name), field_kind) {
                let param_kind = match param.kind {
                    Kind::Money => Some(ValueKind::Money),
                    Kind::DateTime => Some(ValueKind::DateTime),
                    Kind::Date => Some(ValueKind::Date),
                    _ => None,
                };
                assert_eq!(param_kind, kind, "{name} in {:?}", op.operation);
            }
        }
        seen.push((name, value_kind(name)));
    }
    assert_eq!(value_kind("payout"), Some(ValueKind::Money));
    assert_eq!(value_kind("date_created"), Some(ValueKind::DateTime));
    assert_eq!(value_kind("start_date"), Some(ValueKind::Date));
    assert_eq!(value_kind("offer_id"), None);
    assert_eq!(value_kind("epc"), Some(ValueKind::Money));
    assert!(!seen.is_empty());
}

#[test]
fn every_parameter_has_the_references_description_and_defaults_are_allowed_values() {
    for op in OPERATIONS {
        assert!(!op.doc.is_empty() && !op.title.is_empty());
        for p in op.params {
            assert!(!p.doc.is_empty(), "{}", p.name);
            if let (Some(default), Kind::Enum(spec)) = (p.default, p.kind) {
                assert!(spec.values.contains(&default), "{}", p.name);
            }
            assert!(!(p.required && p.default.is_some()), "{}", p.name);
        }
    }
}

/// A JSON value of the field's type that every reader takes.
fn sample(ty: FieldType) -> Value {
    match ty {
        FieldType::Int | FieldType::Count => json!(7),
        FieldType::Money => json!(1.25),
        FieldType::Text => json!("text"),
        FieldType::Enum(spec) => json!(spec.values[0]),
        FieldType::DateTime => json!("2026-01-02 03:04:05"),
        FieldType::Date => json!("2026-01-02"),
        FieldType::Model(model) => full(model),
    }
}

/// An object with every field of `model`.
fn full(model: &Model) -> Value {
    let fields: Map<String, Value> = model
        .fields
        .iter()
        .map(|f| (f.name.to_owned(), sample(f.ty)))
        .collect();
    Value::Object(fields)
}

fn keys(value: &Value) -> Vec<String> {
    value
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

/// The Rust models read and write exactly the description's fields: a field added to one
/// and not the other fails here.
#[test]
fn the_rust_models_agree_with_the_description() {
    fn check<T>(model: &Model, read: fn(&Value) -> Result<T, String>, write: fn(&T) -> Value) {
        let input = full(model);
        let written = read(&input).map(|read| keys(&write(&read)));
        assert_eq!(written, Ok(keys(&input)), "{}", model.name);
    }
    check(
        &ACCOUNT_MANAGER,
        AccountManager::from_json,
        AccountManager::to_json,
    );
    check(&AFFILIATE, Affiliate::from_json, Affiliate::to_json);
    check(
        &AFFILIATE_OFFER,
        AffiliateOffer::from_json,
        AffiliateOffer::to_json,
    );
    check(&OFFER, Offer::from_json, Offer::to_json);
    check(
        &SUB_AFFILIATE,
        SubAffiliate::from_json,
        SubAffiliate::to_json,
    );
    check(
        &SUB_AFFILIATE_REPORT_ROW,
        SubAffiliateReportRow::from_json,
        SubAffiliateReportRow::to_json,
    );
    // The other two are computed by the SDK (money::report_metrics, report_totals).
    assert_eq!(MODELS.len(), 8);
}

/// Every request model writes exactly its operation's parameters when all are given.
#[test]
fn the_request_models_agree_with_the_description() {
    use crate::endpoint::Request;
    for op in OPERATIONS {
        let params: Map<String, Value> = op
            .params
            .iter()
            .map(|p| {
                let value = match p.kind {
                    Kind::Id => json!(5),
                    Kind::Int { min, .. } => json!(i64::try_from(min.max(1)).unwrap_or(1)),
                    Kind::Money => json!("2.50"),
                    Kind::Name | Kind::Text => json!("a name"),
                    Kind::Url { .. } => json!("https://example.com/x"),
                    Kind::Enum(spec) => json!(spec.values[0]),
                    Kind::DateTime => json!("2099-01-02 03:04:05"),
                    Kind::Date => json!("2026-01-02"),
                };
                (p.name.to_owned(), value)
            })
            .collect();
        let written = Request::from_params(op.operation, &Value::Object(params.clone()))
            .map(|prepared| keys(&Value::Object(prepared.request.params())))
            .map_err(|e| e.to_string());
        assert_eq!(
            written,
            Ok(keys(&Value::Object(params))),
            "{:?}",
            op.operation
        );
    }
}
