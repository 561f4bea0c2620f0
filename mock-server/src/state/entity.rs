//! An entity as the mock keeps it: core's answer model, read from the JSON of the request that
//! made it (plus what the server adds: its id, defaults, dates). A field that core's
//! description gives both a request and its answer model therefore flows from one to the other
//! with no line here; the request's other fields stay in the model's `extra`, so the state
//! snapshot shows them. Updates merge the update request's JSON over the entity's.

use crate::answer::money;
use cake_core::schema::{FieldType, Model};
use serde_json::{Map, Value};

/// How a model reads itself from JSON (its `from_json`).
pub type ReadFn<T> = fn(&Value) -> Result<T, String>;

/// The request's fields as a JSON object (a request's `to_json` always is one).
pub fn fields_of(request: Value) -> Map<String, Value> {
    match request {
        Value::Object(fields) => fields,
        _ => Map::new(),
    }
}

/// The entity the fields make. Money is kept padded to the cent, as CAKE answers it (7.5 ->
/// 7.50). The fields come from core's own writers, so reading them cannot fail; if it did,
/// the entity would be empty rather than the mock down.
pub fn stored<T: Default>(model: &Model, mut fields: Map<String, Value>, read: ReadFn<T>) -> T {
    for field in model.fields {
        if let (FieldType::Money, Some(Value::Number(amount))) = (field.ty, fields.get(field.name))
        {
            if let Ok(amount) = amount.to_string().parse::<cake_core::Decimal>() {
                fields.insert(field.name.to_owned(), money(amount));
            }
        }
    }
    read(&Value::Object(fields)).unwrap_or_default()
}

/// `entity`'s JSON with `update`'s fields written over it.
pub fn merged(entity: Value, update: Value) -> Map<String, Value> {
    let mut fields = fields_of(entity);
    fields.extend(fields_of(update));
    fields
}

/// The answer's shape: the model's own fields only, in its order. Payout types are answered
/// in UPPERCASE, as the reference's samples do, so clients are exercised on tolerant reading.
pub fn answer(model: &Model, entity: Value) -> Value {
    let mut fields = fields_of(entity);
    let mut out = Map::new();
    for field in model.fields {
        let Some(value) = fields.remove(field.name) else {
            continue;
        };
        let value = match (field.ty, value) {
            (FieldType::Enum(spec), Value::String(text)) if spec.name == "PayoutType" => {
                Value::String(text.to_ascii_uppercase())
            }
            (_, value) => value,
        };
        out.insert(field.name.to_owned(), value);
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use crate::answer::Answer;
    use crate::state::State;
    use cake_core::schema::{spec, Kind, Param};
    use cake_core::{Decimal, Operation, Request};
    use serde_json::{json, Value};

    /// A valid value for any parameter, from its kind alone.
    fn sample(param: &Param) -> Value {
        match param.kind {
            Kind::Id => json!(42),
            Kind::Int { min, .. } => json!(i64::try_from(min.max(1)).unwrap_or(1)),
            Kind::Money => json!("12.5"),
            Kind::Name | Kind::Text => json!(format!("{} value", param.name)),
            Kind::Url { .. } => json!("https://example.com/landing"),
            Kind::Enum(values) => json!(values.values[values.values.len() - 1]),
            Kind::DateTime => json!("2030-01-02 03:04:05"),
            Kind::Date => json!("2030-01-02"),
        }
    }

    fn same(sent: &Value, answered: &Value) -> bool {
        let decimal = |v: &Value| v.to_string().trim_matches('"').parse::<Decimal>().ok();
        match (sent, answered) {
            (Value::String(a), Value::String(b)) if a.eq_ignore_ascii_case(b) => true,
            _ => decimal(sent).is_some() && decimal(sent) == decimal(answered),
        }
    }

    /// Every parameter the description gives a create operation and its answer model alike
    /// comes back in the answer, though no line of the mock names it: a field added to the
    /// description (and `make generate`) reaches the mock's answers with no edit here.
    #[test]
    fn every_field_a_request_shares_with_its_answer_comes_back() {
        for operation in [Operation::CreateAffiliate, Operation::CreateOffer] {
            let spec = spec(operation);
            let params: serde_json::Map<String, Value> = spec
                .params
                .iter()
                .map(|p| (p.name.to_owned(), sample(p)))
                .collect();
            let request = Request::from_params(operation, &Value::Object(params.clone()));
            let prepared = request.map_err(|e| format!("{operation:?}: {e}"));
            assert!(prepared.is_ok(), "{prepared:?}");
            let Ok(prepared) = prepared else { return };
            let mut state = State::default();
            let applied = state.apply(&prepared.request, 1);
            let Ok(Answer::Value(body)) = applied else {
                assert!(applied.is_ok(), "{operation:?}: {applied:?}");
                return;
            };
            let entity = &body[spec.answer.key()];
            let model = spec.answer.model();
            let mut shared = 0;
            for (name, sent) in &params {
                if model.knows(name) {
                    shared += 1;
                    assert!(
                        same(sent, &entity[name]),
                        "{operation:?}.{name}: sent {sent}, answered {}",
                        entity[name]
                    );
                }
            }
            assert!(shared >= 2, "{operation:?}: only {shared} shared fields");
            // The answer is the model's fields only, in its order.
            let keys: Vec<&str> = entity
                .as_object()
                .map(|m| m.keys().map(String::as_str).collect())
                .unwrap_or_default();
            let order: Vec<&str> = model
                .fields
                .iter()
                .map(|f| f.name)
                .filter(|n| keys.contains(n))
                .collect();
            assert_eq!(keys, order, "{operation:?}");
        }
    }
}
