//! "How to add a CAKE field", proved: an operation, an enum and a result model added to the
//! description (and nothing else) show up in validation and in the generated Python and
//! TypeScript, with their required parameters, enum values, types and descriptions.

use crate::description::Description;
use crate::{python, rust, typescript};
use cake_core::datetime::CakeDateTime;
use cake_core::schema::{
    Answer, EnumSpec, FieldType, Kind, Model, ModelField, OperationSpec, Param,
};
use cake_core::validate::check_described;
use cake_core::{Method, Operation};
use serde_json::json;

fn leak<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}

fn widget() -> (Description, &'static OperationSpec) {
    let color: &'static EnumSpec = leak(EnumSpec {
        name: "WidgetColor",
        values: &["red", "blue"],
        within: None,
        doc: "A widget's color.",
    });
    let model: &'static Model = leak(Model {
        name: "Widget",
        doc: "A widget, as create_widget answers.",
        fields: leak([
            ModelField {
                name: "widget_id",
                ty: FieldType::Int,
                doc: "ID of the widget.",
            },
            ModelField {
                name: "widget_price",
                ty: FieldType::Money,
                doc: "What a widget costs.",
            },
            ModelField {
                name: "widget_color",
                ty: FieldType::Enum(color),
                doc: "Its color.",
            },
        ]),
    });
    let spec: &'static OperationSpec = leak(OperationSpec {
        // Operation is a closed enum; the description's own id, method and path are what
        // validation and the generators read.
        operation: Operation::CreateOffer,
        id: "create_widget",
        method: Method::Post,
        path: "/api/2/widget.json",
        title: "Create Widget",
        doc: "Creates a widget.",
        params: leak([
            Param {
                name: "widget_name",
                kind: Kind::Name,
                required: true,
                default: None,
                doc: "Display name for the widget.",
            },
            Param {
                name: "widget_price",
                kind: Kind::Money,
                required: false,
                default: None,
                doc: "What a widget costs.",
            },
            Param {
                name: "widget_color",
                kind: Kind::Enum(color),
                required: false,
                default: Some("red"),
                doc: "red | blue. Default: red.",
            },
        ]),
        answer: Answer::One {
            key: "widget",
            model,
        },
    });
    let mut d = Description::core();
    d.operations.push(spec);
    d.models.push(model);
    d.enums.push(color);
    (d, spec)
}

fn has(text: &str, wanted: &[&str]) {
    for piece in wanted {
        assert!(text.contains(piece), "missing {piece:?}");
    }
}

#[test]
fn a_new_operation_is_validated_from_its_description() {
    let (_, spec) = widget();
    let now = CakeDateTime::now_utc();
    let checked = check_described(
        spec,
        &json!({"widget_price": "1.23456", "widget_colour": "red"}),
        now,
    );
    let issues: Vec<(String, &str)> = checked
        .issues
        .iter()
        .map(|i| (i.field.clone(), i.code.as_str()))
        .collect();
    assert_eq!(
        issues,
        [
            ("widget_name".to_owned(), "required"),
            ("widget_price".to_owned(), "too_many_decimals"),
            ("widget_colour".to_owned(), "unknown_field"),
        ]
    );
    let bad = check_described(
        spec,
        &json!({"widget_name": "W", "widget_color": "green"}),
        now,
    );
    assert_eq!(bad.issues.len(), 1);
    assert_eq!(bad.issues[0].code, "invalid_enum");
    let good = check_described(
        spec,
        &json!({"widget_name": " W ", "widget_price": 2, "widget_color": "BLUE"}),
        now,
    );
    assert!(good.issues.is_empty(), "{:?}", good.issues);
    assert_eq!(
        serde_json::Value::Object(good.params),
        json!({"widget_name": "W", "widget_price": 2, "widget_color": "blue"})
    );
}

#[test]
fn a_new_operation_is_in_the_generated_python() {
    let (d, _) = widget();
    has(
        &python::types(&d),
        &[
            "WidgetColor = Literal[\"red\", \"blue\"]",
            "class _CreateWidgetParamsRequired(TypedDict):\n    widget_name: str\n",
            "class CreateWidgetParams(_CreateWidgetParamsRequired, total=False):",
            "    widget_color: Optional[WidgetColor]\n",
            "    \"CreateWidgetParams\",\n",
        ],
    );
    has(
        &python::schema(&d),
        &[
            "\"CreateWidgetParams\", \"DateIn\"",
            "class Widget(Record):",
            "def widget_price(self) -> Optional[Decimal]:",
            "\"create_widget\": Widget,",
        ],
    );
    let methods = python::operations(&d);
    has(
        &methods,
        &[
            "    def create_widget(\n        self,\n        *,\n        widget_name: str,\n        widget_price: Optional[Money] = None,",
            "    async def create_widget(",
            "operation: Literal[\"create_widget\"],\n        params: CreateWidgetParams,",
            ") -> Reply[Widget]: ...",
            ") -> List[BulkResult[Widget]]: ...",
            "Display name for the widget. Required.",
            "Creates a widget.",
            "        params: Dict[str, Any] = {\"widget_name\": widget_name}\n        if widget_price is not None:\n            params[\"widget_price\"] = widget_price\n",
            "        raw = self._live().call(\"create_widget\", params, timeout, max_retries, deadline)\n        value: Widget = _value(\"create_widget\", raw)\n        return value",
            "        raw = await self._live().call_async(\"create_widget\", params, timeout, max_retries, deadline)",
        ],
    );
}

/// The generated Python methods name their own locals and keywords; a parameter of the
/// reference with one of these names would be shadowed by them.
#[test]
fn no_parameter_takes_a_name_the_python_methods_use() {
    let own = [
        "self",
        "params",
        "raw",
        "value",
        "_value",
        "timeout",
        "max_retries",
        "deadline",
        "progress",
        "on_progress",
        "pages_ahead",
    ];
    for op in Description::core().operations {
        for p in op.params {
            assert!(!own.contains(&p.name), "{}: {}", op.id, p.name);
        }
    }
}

#[test]
fn a_new_operation_is_in_the_generated_typescript() {
    let (d, _) = widget();
    has(
        &typescript::declarations(&d),
        &[
            "export type WidgetColor = 'red' | 'blue';",
            "export interface CreateWidgetParams {",
            "  widget_name: string;",
            "  widget_price?: DecimalInput | null;",
            "  widget_color?: WidgetColor | null;",
            "@defaultValue `red`",
            "export interface Widget extends ResultExtras {",
            // Normalized parameters hold numbers; results hold money as decimal strings.
            "  widget_price?: number;",
            "  widget_price?: DecimalString;",
            "  widget_color?: Open<WidgetColor>;",
            "  create_widget: Widget;",
            "\"create_widget\"",
            // The Client's method, and bulk (a create).
            "  createWidget(params: CreateWidgetParams, options?: Options): Promise<Widget>;",
            "Creates a widget.",
            "export type BulkOperation = \"create_affiliate\"",
            " | \"create_widget\";",
        ],
    );
}

#[test]
fn a_new_operation_is_in_the_generated_rust_models() {
    let (d, _) = widget();
    let text = rust::unformatted(&d);
    has(
        &text,
        &[
            // The request: required field required, its reader and writer.
            "pub struct CreateWidget {",
            "    pub widget_name: String,",
            "    pub widget_price: Option<Decimal>,",
            "    pub widget_color: Option<WidgetColor>,",
            "pub fn new(widget_name: String) -> Self",
            "widget_name: r.string(\"widget_name\")?,",
            "widget_price: r.opt_money(\"widget_price\")?,",
            "widget_color: r.opt_enum(\"widget_color\", WidgetColor::parse)?,",
            ".string(\"widget_name\", &self.widget_name)",
            ".opt_money(\"widget_price\", self.widget_price)",
            // The answer model: every field optional, read leniently, unknown ones kept.
            "pub struct Widget {",
            "    pub widget_id: Option<i64>,",
            "pub const MODEL: &'static crate::schema::Model = &crate::schema::WIDGET;",
            "widget_price: l.money(\"widget_price\"),",
            "widget_color: l.enumeration(\"widget_color\", WidgetColor::parse),",
            ".opt_string(\"widget_color\", self.widget_color.as_ref())",
            "extra: l.extra(Self::MODEL),",
            "serde_through_json!(",
            "CreateWidget",
        ],
    );
}
