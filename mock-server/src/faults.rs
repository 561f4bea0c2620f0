//! Fault rules: what to break, for which operation, how often. Rules are checked in order and
//! the first that fires applies. A rule fires on the next `times` matching calls, or with
//! `probability` drawn from its own SplitMix64 stream (so a seeded rule fires on the same calls
//! every run), or, with neither, on every matching call.

use crate::splitmix;
use cake_core::Operation;
use serde::{Deserialize, Serialize};

/// Milliseconds a `delay` rule waits when it names no `delay_ms`.
pub const DEFAULT_DELAY_MS: u64 = 1000;
/// The Retry-After a `rate_limit` rule sends when it names none.
pub const DEFAULT_RATE_LIMIT_RETRY_AFTER: &str = "1";
/// `operation` value matching every operation.
pub const ANY_OPERATION: &str = "*";

/// What a rule does to the request it fires on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FaultKind {
    /// Sleep `delay_ms`, then process normally.
    #[serde(rename = "delay")]
    Delay,
    /// 429 with Retry-After; not applied.
    #[serde(rename = "rate_limit")]
    RateLimit,
    /// 500; not applied.
    #[serde(rename = "error_500")]
    Error500,
    /// 503 (Retry-After when the rule names one); not applied.
    #[serde(rename = "error_503")]
    Error503,
    /// 502 with an HTML page, as a proxy in front of CAKE would; not applied.
    #[serde(rename = "html")]
    Html,
    /// The connection is reset before processing; not applied.
    #[serde(rename = "reset_before")]
    ResetBefore,
    /// Processed and applied, then the connection is reset with no answer.
    #[serde(rename = "reset_after")]
    ResetAfter,
    /// Processed and applied; the answer is 200 with truncated JSON.
    #[serde(rename = "malformed")]
    Malformed,
    /// CAKE's throttle: HTTP 200 with `{"request_status": "Failure", "message": "Restricted"}`
    /// (with `in_errors`, the older form: `"errors": ["Restricted"]`); not applied.
    #[serde(rename = "restricted")]
    Restricted,
    /// A report page shaped as real servers shape them: at most `row_cap` rows whatever
    /// `row_limit` asked, and `total_rows` left out (`"omit"`) or misstated (a number).
    /// Processed (a read); only `sub_affiliate_report` is reshaped.
    #[serde(rename = "report_shape")]
    ReportShape,
    /// HTTP 200 whose body never ends (bounded at [`ENDLESS_BODY_BYTES`]): a broken proxy or a
    /// runaway report. Not applied.
    #[serde(rename = "endless_body")]
    EndlessBody,
}

/// Where an `endless_body` answer stops after all, so a client with no cap cannot keep the
/// mock streaming forever.
pub const ENDLESS_BODY_BYTES: u64 = 1 << 30;

/// What a `report_shape` rule says of `total_rows`: a number to announce instead of the
/// true one, or `"omit"` to leave it out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TotalRowsShape {
    Claim(u64),
    Keyword(String),
}

impl TotalRowsShape {
    pub const OMIT: &'static str = "omit";
}

impl FaultKind {
    /// Every kind, in the order the docs list them.
    pub const ALL: [FaultKind; 11] = [
        FaultKind::Delay,
        FaultKind::RateLimit,
        FaultKind::Error500,
        FaultKind::Error503,
        FaultKind::Html,
        FaultKind::ResetBefore,
        FaultKind::ResetAfter,
        FaultKind::Malformed,
        FaultKind::Restricted,
        FaultKind::ReportShape,
        FaultKind::EndlessBody,
    ];

    /// The kind's name in a rule (`"error_503"`), for bindings to list without copying.
    pub fn name(self) -> &'static str {
        match self {
            FaultKind::Delay => "delay",
            FaultKind::RateLimit => "rate_limit",
            FaultKind::Error500 => "error_500",
            FaultKind::Error503 => "error_503",
            FaultKind::Html => "html",
            FaultKind::ResetBefore => "reset_before",
            FaultKind::ResetAfter => "reset_after",
            FaultKind::Malformed => "malformed",
            FaultKind::Restricted => "restricted",
            FaultKind::ReportShape => "report_shape",
            FaultKind::EndlessBody => "endless_body",
        }
    }

    /// Whether the request is still processed (and so may change state).
    pub fn processes(self) -> bool {
        matches!(
            self,
            FaultKind::Delay
                | FaultKind::ResetAfter
                | FaultKind::Malformed
                | FaultKind::ReportShape
        )
    }
}

/// One rule, as `POST /_mock/faults` takes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaultRule {
    /// An operation id, or "*" for all.
    pub operation: String,
    pub kind: FaultKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<String>,
    /// `report_shape`: the most rows a page holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_cap: Option<u64>,
    /// `report_shape`: `total_rows` as announced (see [`TotalRowsShape`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_rows: Option<TotalRowsShape>,
    /// `report_shape`: every n-th row of the report is sent as a string, not an object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub broken_every: Option<u64>,
    /// `restricted`: the message in `errors` (older CAKE instances) rather than `message`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_errors: bool,
}

impl FaultRule {
    /// A rule for `operation` ("*" for all) that fires on every matching call.
    pub fn new(operation: impl Into<String>, kind: FaultKind) -> Self {
        FaultRule {
            operation: operation.into(),
            kind,
            times: None,
            probability: None,
            seed: None,
            delay_ms: None,
            retry_after: None,
            row_cap: None,
            total_rows: None,
            broken_every: None,
            in_errors: false,
        }
    }

    /// `report_shape`: pages of at most `cap` rows.
    pub fn row_cap(mut self, cap: u64) -> Self {
        self.row_cap = Some(cap);
        self
    }

    /// `report_shape`: `total_rows` announced as given.
    pub fn total_rows(mut self, total: TotalRowsShape) -> Self {
        self.total_rows = Some(total);
        self
    }

    /// Fire on the next `times` matching calls only.
    pub fn times(mut self, times: u64) -> Self {
        self.times = Some(times);
        self
    }

    /// Fire with `probability`, drawn from a stream seeded with `seed`.
    pub fn probability(mut self, probability: f64, seed: u64) -> Self {
        self.probability = Some(probability);
        self.seed = Some(seed);
        self
    }

    pub fn delay_ms(mut self, delay_ms: u64) -> Self {
        self.delay_ms = Some(delay_ms);
        self
    }

    pub fn retry_after(mut self, retry_after: impl Into<String>) -> Self {
        self.retry_after = Some(retry_after.into());
        self
    }

    /// Refuses rules that could never mean what they say.
    pub fn check(&self) -> Result<(), String> {
        if self.operation != ANY_OPERATION && Operation::from_id(&self.operation).is_none() {
            return Err(format!(
                "operation: must be \"*\" or one of: {}",
                Operation::ALL.map(Operation::id).join(", ")
            ));
        }
        if let Some(p) = self.probability {
            if !(0.0..=1.0).contains(&p) {
                return Err("probability: must be between 0 and 1".into());
            }
        }
        if self.row_cap == Some(0) {
            return Err("row_cap: must be at least 1".into());
        }
        if self.broken_every == Some(0) {
            return Err("broken_every: must be at least 1".into());
        }
        if let Some(TotalRowsShape::Keyword(word)) = &self.total_rows {
            if word != TotalRowsShape::OMIT {
                return Err("total_rows: must be a count or \"omit\"".into());
            }
        }
        let shapes =
            self.row_cap.is_some() || self.total_rows.is_some() || self.broken_every.is_some();
        if shapes && self.kind != FaultKind::ReportShape {
            return Err("row_cap, total_rows, broken_every: only for kind \"report_shape\"".into());
        }
        if self.kind == FaultKind::ReportShape {
            if !shapes {
                return Err("report_shape: give row_cap, total_rows or broken_every".into());
            }
            let report = Operation::SubAffiliateReport.id();
            if self.operation != ANY_OPERATION && self.operation != report {
                return Err(format!(
                    "report_shape: operation must be \"*\" or \"{report}\""
                ));
            }
        }
        Ok(())
    }

    fn matches(&self, operation: Operation) -> bool {
        // A report shape has nothing to do on other operations, so it does not use them up.
        if self.kind == FaultKind::ReportShape && operation != Operation::SubAffiliateReport {
            return false;
        }
        self.operation == ANY_OPERATION || self.operation == operation.id()
    }

    /// The Retry-After header to send, if any.
    pub fn retry_after_header(&self) -> Option<&str> {
        match self.kind {
            FaultKind::RateLimit => Some(
                self.retry_after
                    .as_deref()
                    .unwrap_or(DEFAULT_RATE_LIMIT_RETRY_AFTER),
            ),
            FaultKind::Error503 => self.retry_after.as_deref(),
            _ => None,
        }
    }
}

/// A rule and how often it has fired, as `GET /_mock/faults` lists them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaultStat {
    pub rule: FaultRule,
    pub fired: u64,
}

#[derive(Debug)]
struct ActiveRule {
    rule: FaultRule,
    fired: u64,
    /// The rule's own SplitMix64 state for probability draws.
    stream: u64,
}

/// The rules in force.
#[derive(Debug, Default)]
pub struct FaultSet {
    rules: Vec<ActiveRule>,
}

impl FaultSet {
    pub fn add(&mut self, rule: FaultRule) -> Result<(), String> {
        rule.check()?;
        let stream = rule.seed.unwrap_or(0);
        self.rules.push(ActiveRule {
            rule,
            fired: 0,
            stream,
        });
        Ok(())
    }

    pub fn clear(&mut self) {
        self.rules.clear();
    }

    pub fn stats(&self) -> Vec<FaultStat> {
        self.rules
            .iter()
            .map(|active| FaultStat {
                rule: active.rule.clone(),
                fired: active.fired,
            })
            .collect()
    }

    /// The rule that fires on this call of `operation`, if any (its count is taken).
    pub fn fire(&mut self, operation: Operation) -> Option<FaultRule> {
        for active in self.rules.iter_mut() {
            if !active.rule.matches(operation) {
                continue;
            }
            if active.rule.times.is_some_and(|times| active.fired >= times) {
                continue;
            }
            if let Some(p) = active.rule.probability {
                // Each matching call draws once, fired or not, so the pattern depends only on
                // the seed and the order of calls.
                if splitmix::unit(splitmix::next(&mut active.stream)) >= p {
                    continue;
                }
            }
            active.fired += 1;
            return Some(active.rule.clone());
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_limits_firing_and_order_decides() -> Result<(), String> {
        let mut set = FaultSet::default();
        set.add(FaultRule::new("create_offer", FaultKind::Error500).times(2))?;
        set.add(FaultRule::new("*", FaultKind::Delay).times(1))?;
        let kinds: Vec<_> = (0..4)
            .map(|_| set.fire(Operation::CreateOffer).map(|r| r.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                Some(FaultKind::Error500),
                Some(FaultKind::Error500),
                Some(FaultKind::Delay),
                None
            ]
        );
        assert_eq!(
            set.stats().iter().map(|s| s.fired).collect::<Vec<_>>(),
            [2, 1]
        );
        Ok(())
    }

    #[test]
    fn probability_is_deterministic_per_seed() -> Result<(), String> {
        let pattern = |seed| -> Result<Vec<bool>, String> {
            let mut set = FaultSet::default();
            set.add(FaultRule::new("*", FaultKind::Html).probability(0.5, seed))?;
            Ok((0..64)
                .map(|_| set.fire(Operation::SubAffiliateReport).is_some())
                .collect())
        };
        assert_eq!(pattern(9)?, pattern(9)?);
        assert_ne!(pattern(9)?, pattern(10)?);
        let fired = pattern(9)?.iter().filter(|f| **f).count();
        assert!((16..48).contains(&fired), "{fired}");
        Ok(())
    }

    #[test]
    fn refuses_unknown_operations_and_bad_probabilities() {
        assert!(FaultRule::new("drop_tables", FaultKind::Html)
            .check()
            .is_err());
        assert!(FaultRule::new("*", FaultKind::Html)
            .probability(1.5, 1)
            .check()
            .is_err());
    }

    #[test]
    fn report_shapes_are_checked_and_skip_other_operations() -> Result<(), String> {
        let rule: FaultRule = serde_json::from_str(
            r#"{"operation":"*","kind":"report_shape","row_cap":100,"total_rows":"omit"}"#,
        )
        .map_err(|e| e.to_string())?;
        assert_eq!(
            rule,
            FaultRule::new("*", FaultKind::ReportShape)
                .row_cap(100)
                .total_rows(TotalRowsShape::Keyword("omit".into()))
        );
        let claim: FaultRule =
            serde_json::from_str(r#"{"operation":"*","kind":"report_shape","total_rows":1300}"#)
                .map_err(|e| e.to_string())?;
        assert_eq!(claim.total_rows, Some(TotalRowsShape::Claim(1300)));
        let mut set = FaultSet::default();
        set.add(rule)?;
        assert!(set.fire(Operation::CreateOffer).is_none());
        assert!(set.fire(Operation::SubAffiliateReport).is_some());
        for bad in [
            FaultRule::new("*", FaultKind::ReportShape),
            FaultRule::new("*", FaultKind::ReportShape).row_cap(0),
            FaultRule::new("create_offer", FaultKind::ReportShape).row_cap(5),
            FaultRule::new("*", FaultKind::ReportShape)
                .total_rows(TotalRowsShape::Keyword("none".into())),
            FaultRule::new("*", FaultKind::Delay).row_cap(5),
        ] {
            assert!(bad.check().is_err(), "{bad:?}");
        }
        Ok(())
    }

    #[test]
    fn every_name_is_the_one_serde_reads() -> Result<(), serde_json::Error> {
        for kind in FaultKind::ALL {
            let read: FaultKind = serde_json::from_value(serde_json::json!(kind.name()))?;
            assert_eq!(read, kind);
        }
        Ok(())
    }

    #[test]
    fn kinds_use_the_documented_names() {
        let rule: Result<FaultRule, _> = serde_json::from_str(
            r#"{"operation":"*","kind":"error_503","times":1,"retry_after":"7"}"#,
        );
        assert_eq!(
            rule.ok(),
            Some(
                FaultRule::new("*", FaultKind::Error503)
                    .times(1)
                    .retry_after("7")
            )
        );
    }
}
