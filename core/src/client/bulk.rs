//! Bulk writes: one outcome per item, in input order, and nothing created twice.

use super::{Client, Reply};
use crate::endpoint::{Request, Response};
use crate::error::{Error, ErrorKind};
use crate::issue::issues_value;
use crate::models::{ListSubAffiliates, MoneyJson, SubAffiliate};
use crate::operation::Operation;
use crate::validate::{code, Issue};
use futures_util::StreamExt;
use serde_json::Value;

/// How many items are in flight at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BulkOptions {
    pub concurrency: usize,
}

impl Default for BulkOptions {
    fn default() -> Self {
        BulkOptions { concurrency: 8 }
    }
}

/// What happened to one item.
#[derive(Debug, Clone, PartialEq)]
pub enum BulkOutcome {
    /// Applied; the server's answer (boxed: it is much larger than the other outcomes).
    Ok(Box<Reply<Response>>),
    /// Not sent: the item has errors.
    Invalid(Vec<Issue>),
    /// Known not applied.
    Failed(Error),
    /// May or may not have been applied; not repeated.
    UnknownOutcome(Error),
}

impl BulkOutcome {
    /// `ok`, `invalid`, `failed` or `unknown_outcome`.
    pub fn status(&self) -> &'static str {
        match self {
            BulkOutcome::Ok(_) => "ok",
            BulkOutcome::Invalid(_) => "invalid",
            BulkOutcome::Failed(_) => "failed",
            BulkOutcome::UnknownOutcome(_) => "unknown_outcome",
        }
    }
}

/// A warning on an item whose lost answer was recovered by a lookup.
pub const RESOLVED_BY_LOOKUP: crate::issue::IssueCode = crate::issue::code::RESOLVED_BY_LOOKUP;

impl Client {
    /// Runs `operation` (a create or an update) for every item, `concurrency` at a time, and
    /// gives one outcome per item in input order. `on_progress(done, total)` follows along.
    pub async fn bulk<F: FnMut(usize, usize)>(
        &self,
        operation: Operation,
        items: Vec<Value>,
        options: BulkOptions,
        mut on_progress: F,
    ) -> Result<Vec<BulkOutcome>, Error> {
        if !operation.is_bulk_capable() {
            return Err(Error::validation(vec![Issue::error(
                "operation",
                code::INVALID_ENUM,
                "bulk takes create_affiliate, update_affiliate, create_offer, update_offer or create_sub_affiliate",
            )]));
        }
        let total = items.len();
        let mut outcomes: Vec<Option<BulkOutcome>> = vec![None; total];
        let mut running = futures_util::stream::iter(items.into_iter().enumerate())
            .map(|(index, item)| async move { (index, self.bulk_item(operation, &item).await) })
            .buffer_unordered(options.concurrency.max(1));
        let mut done = 0;
        while let Some((index, outcome)) = running.next().await {
            if let Some(slot) = outcomes.get_mut(index) {
                *slot = Some(outcome);
            }
            done += 1;
            on_progress(done, total);
        }
        Ok(outcomes
            .into_iter()
            .map(|o| o.unwrap_or_else(|| BulkOutcome::Invalid(Vec::new())))
            .collect())
    }

    async fn bulk_item(&self, operation: Operation, item: &Value) -> BulkOutcome {
        let prepared = match Request::from_params(operation, item) {
            Ok(prepared) => prepared,
            Err(error) => return BulkOutcome::Invalid(error.issues().to_vec()),
        };
        let first = self.send(prepared.clone()).await;
        let sub_affiliate = match &prepared.request {
            Request::CreateSubAffiliate(create) => {
                Some((create.affiliate_id, create.sub_affiliate_name.clone()))
            }
            _ => None,
        };
        match (first, sub_affiliate) {
            (Ok(reply), _) => BulkOutcome::Ok(Box::new(reply)),
            (Err(error), Some((parent, name))) if error.code() == "unknown_outcome" => {
                self.resolve_sub_affiliate(parent, &name, prepared, error)
                    .await
            }
            (Err(error), _) => classify(error),
        }
    }

    /// A create_sub_affiliate whose answer was lost: names are unique per parent, so listing
    /// the parent tells whether it exists. Only when it does not is it sent again, and a
    /// second send cannot duplicate it (the server refuses the name).
    async fn resolve_sub_affiliate(
        &self,
        affiliate_id: i64,
        name: &str,
        prepared: crate::endpoint::Prepared,
        unknown: Error,
    ) -> BulkOutcome {
        let mut last = unknown;
        for _ in 0..2 {
            match self.find_sub_affiliate(affiliate_id, name).await {
                Ok(Some(found)) => {
                    let warning = Issue::warning(
                        "",
                        RESOLVED_BY_LOOKUP,
                        "the answer was lost; the sub-affiliate was found by listing its parent",
                    );
                    let mut warnings = prepared.warnings.clone();
                    warnings.push(warning);
                    let meta = last.meta;
                    return BulkOutcome::Ok(Box::new(Reply {
                        value: Response::SubAffiliate(found),
                        warnings,
                        meta,
                    }));
                }
                Ok(None) => match self.send(prepared.clone()).await {
                    Ok(reply) => return BulkOutcome::Ok(Box::new(reply)),
                    // "already exists": the lost first send landed meanwhile; list again.
                    Err(error) if matches!(error.kind, ErrorKind::Api { .. }) => last = error,
                    Err(error) if error.code() == "unknown_outcome" => last = error,
                    Err(error) => return classify(error),
                },
                Err(_) => return BulkOutcome::UnknownOutcome(last),
            }
        }
        match last.kind {
            ErrorKind::UnknownOutcome { .. } => BulkOutcome::UnknownOutcome(last),
            _ => BulkOutcome::Failed(last),
        }
    }

    async fn find_sub_affiliate(
        &self,
        affiliate_id: i64,
        name: &str,
    ) -> Result<Option<SubAffiliate>, Error> {
        let listed = self
            .list_sub_affiliates(ListSubAffiliates {
                affiliate_id: Some(affiliate_id),
                ..ListSubAffiliates::default()
            })
            .await?;
        let wanted = name.trim().to_lowercase();
        Ok(listed.value.into_iter().find(|s| {
            s.sub_affiliate_name
                .as_deref()
                .is_some_and(|n| n.trim().to_lowercase() == wanted)
        }))
    }
}

fn classify(error: Error) -> BulkOutcome {
    match error.kind {
        ErrorKind::Validation { issues } => BulkOutcome::Invalid(issues),
        ErrorKind::UnknownOutcome { .. } => BulkOutcome::UnknownOutcome(error),
        _ => BulkOutcome::Failed(error),
    }
}

impl BulkOutcome {
    /// The outcome as data, the same in every binding: `{status, result, warnings}` for ok,
    /// `{status, issues}` for invalid, `{status, error}` for failed and unknown_outcome.
    pub fn to_json(&self) -> Value {
        self.to_json_as(MoneyJson::Number)
    }

    /// [`Self::to_json`] with the result's money written as `money` says.
    pub fn to_json_as(&self, money: MoneyJson) -> Value {
        let mut out = serde_json::Map::new();
        out.insert("status".into(), self.status().into());
        match self {
            BulkOutcome::Ok(reply) => {
                out.insert("result".into(), reply.value.to_json_as(money));
                out.insert("warnings".into(), issues_value(&reply.warnings));
                out.insert("attempts".into(), reply.meta.attempts.into());
            }
            BulkOutcome::Invalid(issues) => {
                out.insert("issues".into(), issues_value(issues));
            }
            BulkOutcome::Failed(error) | BulkOutcome::UnknownOutcome(error) => {
                out.insert("error".into(), error.to_json());
            }
        }
        Value::Object(out)
    }
}
