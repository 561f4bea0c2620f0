//! The TypeScript types of the API, written once (js/types/api.d.ts) for both JS packages: the
//! reference's enums, each operation's parameters (as the client takes them, and as the core
//! normalizes them), the result interfaces and the Client's method per operation, with the
//! reference's descriptions as JSDoc. The hand-written rest of the declarations (js/types/
//! common.d.ts, index.d.ts) builds on these names.

use crate::description::Description;
use crate::text::{camel, pascal};
use cake_core::schema::{
    Answer, FieldType, Kind, Model, OperationSpec, Param, MAX_MONEY, MONEY_PLACES,
};
use cake_core::IssueCode;
use std::fmt::Write;

/// What a parameter holds, as a sentence (the kind's limits).
fn describe(kind: Kind) -> String {
    match kind {
        Kind::Id => "An id (1 or more).".into(),
        Kind::Int { min, max } => format!("A whole number, {min} to {max}."),
        Kind::Money => {
            format!("An amount, 0 to {MAX_MONEY}, at most {MONEY_PLACES} decimal places.")
        }
        Kind::Name => format!(
            "One line of text, at most {} characters.",
            cake_core::schema::MAX_NAME_LEN
        ),
        Kind::Text => format!(
            "Text, at most {} characters.",
            cake_core::schema::MAX_TEXT_LEN
        ),
        Kind::Url { tokens } => format!(
            "An absolute http(s) URL{}.",
            if tokens {
                " (CAKE tokens such as {offer_id} allowed)"
            } else {
                ""
            }
        ),
        Kind::Enum(spec) => format!("One of: {}.", spec.values.join(", ")),
        Kind::DateTime => "A datetime, YYYY-MM-DD HH:MM:SS.".into(),
        Kind::Date => "A date, YYYY-MM-DD.".into(),
    }
}

/// The type a caller passes (`output` false) or the core's normalized value (`output` true).
fn param_type(kind: Kind, output: bool) -> String {
    match kind {
        Kind::Id | Kind::Int { .. } if output => "number".into(),
        Kind::Id | Kind::Int { .. } => "IntegerInput".into(),
        Kind::Money if output => "number".into(),
        Kind::Money => "DecimalInput".into(),
        Kind::Enum(spec) => spec.name.into(),
        Kind::Name | Kind::Text | Kind::Url { .. } | Kind::DateTime | Kind::Date => "string".into(),
    }
}

fn field_type(ty: FieldType) -> String {
    match ty {
        FieldType::Int | FieldType::Count => "number".into(),
        FieldType::Money => "DecimalString".into(),
        FieldType::Text | FieldType::DateTime | FieldType::Date => "string".into(),
        FieldType::Enum(spec) => format!("Open<{}>", spec.name),
        FieldType::Model(model) => model.name.into(),
    }
}

fn field_doc(ty: FieldType, doc: &str) -> String {
    match ty {
        FieldType::Money => format!(
            "{doc} Money: the server's amount as a decimal string with at least 2 places (\"24.00\"), exact; the payout functions take it as it is."
        ),
        FieldType::DateTime => format!("{doc} \"YYYY-MM-DD HH:MM:SS\"."),
        FieldType::Date => format!("{doc} \"YYYY-MM-DD\"."),
        _ => doc.into(),
    }
}

fn jsdoc(out: &mut String, indent: &str, text: &str) {
    let _ = writeln!(out, "{indent}/** {} */", text.replace("*/", "*\\/"));
}

fn params_block(out: &mut String, op: &OperationSpec, output: bool) {
    let id = op.id;
    let (name, doc) = if output {
        (
            format!("{}Values", pascal(id)),
            format!("Parameters of `{id}` as the core normalizes them (what a Standard Schema gives on success)."),
        )
    } else {
        (
            format!("{}Params", pascal(id)),
            format!(
                "Parameters of `{id}` ({} {}), as the client takes them. {}",
                op.method.as_str(),
                op.path,
                op.doc
            ),
        )
    };
    jsdoc(out, "", &doc);
    let _ = writeln!(out, "export interface {name} {{");
    for p in op.params {
        param_line(out, p, output);
    }
    out.push_str("}\n\n");
}

fn param_line(out: &mut String, p: &Param, output: bool) {
    let mut doc = format!("{} {}", p.doc, describe(p.kind));
    if p.required {
        doc.push_str(" Required.");
    }
    if let Some(default) = p.default {
        let _ = write!(doc, " @defaultValue `{default}` (applied by the server)");
    }
    jsdoc(out, "  ", &doc);
    // Input: null means "not given" for an optional parameter.
    let nullable = if !p.required && !output {
        " | null"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "  {}{}: {}{nullable};",
        p.name,
        if p.required { "" } else { "?" },
        param_type(p.kind, output)
    );
}

fn result_interface(out: &mut String, model: &Model) {
    jsdoc(out, "", model.doc);
    let _ = writeln!(
        out,
        "export interface {} extends ResultExtras {{",
        model.name
    );
    for field in model.fields {
        jsdoc(out, "  ", &field_doc(field.ty, field.doc));
        let _ = writeln!(out, "  {}?: {};", field.name, field_type(field.ty));
    }
    out.push_str("}\n\n");
}

/// `js/types/api.d.ts`, both packages' generated declarations: inputs, issue codes, results,
/// the operations `bulk` runs and the Client's method per operation.
pub fn declarations(d: &Description) -> String {
    let mut out = String::from(
        "// Generated by cake-codegen from core's description of the API (core/src/schema).\n\
         // Do not edit: `make generate` rewrites it, and `make lint` fails when it is stale. Both\n\
         // packages ship it: cake-sdk-wasm as js/sdk/api.d.ts, cake-sdk inlined in index.d.ts.\n\n",
    );
    let codes: Vec<String> = IssueCode::ALL
        .iter()
        .map(|c| format!("'{}'", c.as_str()))
        .collect();
    out.push_str(&inputs(d));
    let _ = writeln!(
        out,
        "/** The stable issue codes (`Issue.code`), as every binding and vector spells them; the list at run time is `ISSUE_CODES`. */\nexport type IssueCode = {};\n",
        codes.join(" | ")
    );
    out.push_str(&results(d));
    out.push('\n');
    out.push_str(&methods(d));
    out
}

/// The result of `op`'s call, as `ResultByOperation` names it.
fn result_type(op: &OperationSpec) -> String {
    match op.answer {
        Answer::One { model, .. } => model.name.to_owned(),
        Answer::List { model, .. } => format!("{}[]", model.name),
        Answer::Report { .. } => "SubAffiliateReport".to_owned(),
    }
}

/// `BulkOperation` and the Client's method per operation (`OperationMethods`, generic over
/// the per-call options the hand-written Client declares).
fn methods(d: &Description) -> String {
    let mut out = String::new();
    let bulk: Vec<String> = d
        .operations
        .iter()
        .filter(|op| op.operation.is_bulk_capable())
        .map(|op| format!("{:?}", op.id))
        .collect();
    let _ = writeln!(
        out,
        "// ---- The client's operations\n\n/** The operations `bulk` runs (creates and updates). */\nexport type BulkOperation = {};\n",
        bulk.join(" | ")
    );
    out.push_str(
        "/**\n * One method per operation (its id in camelCase), taking the operation's parameters and\n * giving its result: the Client's (`Options`: its per-call options).\n */\nexport interface OperationMethods<Options> {\n",
    );
    for op in d.operations.iter().copied() {
        let optional = op.params.iter().all(|p| !p.required);
        let page = if matches!(op.answer, Answer::Report { .. }) {
            " One page: `row_limit` rows from `start_at_row` (`subAffiliateReportRows` reads every row)."
        } else {
            ""
        };
        jsdoc(
            &mut out,
            "  ",
            &format!(
                "`{}` ({} {}).{page} {}",
                op.id,
                op.method.as_str(),
                op.path,
                op.doc
            ),
        );
        let _ = writeln!(
            out,
            "  {}(params{}: {}Params, options?: Options): Promise<{}>;",
            camel(op.id),
            if optional { "?" } else { "" },
            pascal(op.id),
            result_type(op)
        );
    }
    out.push_str("}\n");
    out
}

/// What both packages take: the input scalars, the operation ids, the enums, each operation's
/// parameters as given and as normalized.
fn inputs(d: &Description) -> String {
    let mut out = String::from(
        "/** A whole number: a number, a bigint, or a string of digits as a form gives it. */\n\
         export type IntegerInput = number | bigint | string;\n\
         /** An amount: a number, a bigint or a decimal string such as \"24.00\" (read exactly, never through a float). */\n\
         export type DecimalInput = number | bigint | string;\n\
         /** An exact amount as a decimal string with at least 2 places, such as \"24.00\" or \"-3.125\": how results and the payout functions give money (a JS number would round it). */\n\
         export type DecimalString = string;\n\n",
    );
    let ids: Vec<String> = d
        .operations
        .iter()
        .map(|op| format!("{:?}", op.id))
        .collect();
    let _ = writeln!(
        out,
        "/** The operation ids. */\nexport type Operation = {};\n",
        ids.join(" | ")
    );
    out.push_str("// ---- The reference's enums (requests write them lowercase; answers are read in any case).\n\n");
    for spec in d.enums.iter().copied() {
        let values: Vec<String> = spec.values.iter().map(|v| format!("'{v}'")).collect();
        jsdoc(&mut out, "", spec.doc);
        let _ = writeln!(out, "export type {} = {};", spec.name, values.join(" | "));
    }
    out.push_str("\n// ---- Parameters\n\n");
    for op in d.operations.iter().copied() {
        params_block(&mut out, op, false);
        params_block(&mut out, op, true);
    }
    for (name, doc, suffix) in [
        (
            "ParamsByOperation",
            "The parameters of each operation, as the client takes them.",
            "Params",
        ),
        (
            "ValuesByOperation",
            "The normalized parameters of each operation.",
            "Values",
        ),
    ] {
        let _ = writeln!(out, "/** {doc} */\nexport interface {name} {{");
        for op in d.operations.iter().copied() {
            let id = op.id;
            let _ = writeln!(out, "  {id}: {}{suffix};", pascal(id));
        }
        out.push_str("}\n\n");
    }
    out.push_str(
        "/** The parameter names of each operation. */\nexport interface FieldNamesByOperation {\n",
    );
    for op in d.operations.iter().copied() {
        let names: Vec<String> = op.params.iter().map(|p| format!("{:?}", p.name)).collect();
        let _ = writeln!(out, "  {}: {};", op.id, names.join(" | "));
    }
    out.push_str("}\n\n");
    out
}

/// The result types.
fn results(d: &Description) -> String {
    let mut out = String::new();
    out.push_str(
        "// ---- Results: the reference's field names. Every field is optional: a server may leave\n\
         // any of them out (or send null), and the answer is still read. A value that is there but\n\
         // cannot be read as its field's type is kept as sent under `unreadable`, with an\n\
         // `unreadable_value` warning. Fields the server adds are kept on the object but not typed\n\
         // (a misspelled field is a type error): read them with `Object.entries` or a cast.\n\n\
         /** A known value, or one a newer server sends (kept lowercased). */\n\
         export type Open<T extends string> = T | (string & {});\n\n\
         /** A JSON value, as a server sent it. */\n\
         export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };\n\n\
         /** What every result object may carry besides its fields. */\n\
         export interface ResultExtras {\n\
         \x20 /**\n\
         \x20  * Values the server sent that could not be read as their field's type, by field name (e.g.\n\
         \x20  * `{ payout: \"abc\" }`; that field is then absent); an `unreadable_value` warning names each.\n\
         \x20  */\n\
         \x20 unreadable?: Record<string, JsonValue>;\n\
         }\n\n",
    );
    for model in d.answered() {
        result_interface(&mut out, model);
    }
    out.push_str("/** One page of the report; `total_rows` when the server gives it. */\nexport interface SubAffiliateReport {\n  rows: SubAffiliateReportRow[];\n  total_rows: number | null;\n}\n\n");
    out.push_str(
        "/** What each operation answers with. */\nexport interface ResultByOperation {\n",
    );
    for op in d.operations.iter().copied() {
        let _ = writeln!(out, "  {}: {};", op.id, result_type(op));
    }
    out.push_str("}\n");
    out
}

/// The issue codes at run time (js/src/issue-codes.js, an ES module of the shared JS layer).
pub fn issue_codes() -> String {
    let codes: Vec<String> = IssueCode::ALL
        .iter()
        .map(|c| format!("  '{}',", c.as_str()))
        .collect();
    format!(
        "// Generated by cake-codegen from core's IssueCode. Do not edit: `make generate` rewrites it.\n\n/** Every issue code, in the core's order. */\nexport const ISSUE_CODES = Object.freeze([\n{}\n]);\n",
        codes.join("\n")
    )
}
