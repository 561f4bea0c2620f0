//! What the generators read: core's description of the API, or (in tests) one with more in it.

use cake_core::schema::{EnumSpec, FieldType, Model, OperationSpec, ENUMS, MODELS, OPERATIONS};

pub struct Description {
    pub operations: Vec<&'static OperationSpec>,
    /// Nested ones before those that hold them.
    pub models: Vec<&'static Model>,
    pub enums: Vec<&'static EnumSpec>,
}

impl Description {
    /// core's own.
    pub fn core() -> Description {
        Description {
            operations: OPERATIONS.iter().collect(),
            models: MODELS.to_vec(),
            enums: ENUMS.to_vec(),
        }
    }

    /// The models an operation answers with (and those nested in them), in `models` order:
    /// nested ones first.
    pub fn answered(&self) -> Vec<&'static Model> {
        fn nested(model: &'static Model, into: &mut Vec<&'static str>) {
            into.push(model.name);
            for field in model.fields {
                if let FieldType::Model(inner) = field.ty {
                    nested(inner, into);
                }
            }
        }
        let mut names = Vec::new();
        for op in self.operations.iter().copied() {
            nested(op.answer.model(), &mut names);
        }
        self.models
            .iter()
            .copied()
            .filter(|m| names.contains(&m.name))
            .collect()
    }
}
