//! What the generators read: core's description of the API, or (in tests) one with more in it.

use cake_core::schema::{EnumSpec, Model, OperationSpec, ENUMS, MODELS, OPERATIONS};

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
}
