//! The reference's enums. Reading accepts any case, surrounding spaces and CAKE's `{id, name}`
//! objects, and keeps an unknown value as `Other` so a new server value never breaks a caller;
//! writing is always the reference's lowercase value.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// Reads an enum's text from a string or from a `{id, name}` object.
pub(crate) fn enum_text(value: &Value) -> Option<&str> {
    match value {
        Value::String(text) => Some(text),
        Value::Object(map) => map.get("name").and_then(Value::as_str),
        _ => None,
    }
}

macro_rules! cake_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant,)+
            /// A value this SDK does not know (kept lowercase as the server sent it).
            Other(String),
        }

        impl $name {
            /// Every value the reference lists, in its order.
            pub const VALUES: &'static [&'static str] = &[$($text),+];

            /// Case-insensitive, trimmed; unknown text becomes `Other`.
            pub fn parse(text: &str) -> Self {
                let lower = text.trim().to_ascii_lowercase();
                match lower.as_str() {
                    $($text => $name::$variant,)+
                    _ => $name::Other(lower),
                }
            }

            /// The reference's lowercase spelling.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Other(text) => text,
                }
            }

            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = Value::deserialize(deserializer)?;
                enum_text(&value)
                    .map($name::parse)
                    .ok_or_else(|| serde::de::Error::custom(concat!("expected a ", stringify!($name), " string or {id, name}")))
            }
        }
    };
}

cake_enum!(
    /// An affiliate's status. Creation accepts active, inactive and pending; updates also
    /// rejected and suspended.
    AffiliateStatus {
        Active => "active",
        Inactive => "inactive",
        Pending => "pending",
        Rejected => "rejected",
        Suspended => "suspended",
    }
);

impl AffiliateStatus {
    /// The values `create_affiliate` accepts.
    pub const CREATE_VALUES: &'static [&'static str] = &["active", "inactive", "pending"];
    /// The reference's default on create.
    pub const DEFAULT_ON_CREATE: AffiliateStatus = AffiliateStatus::Pending;
}

cake_enum!(
    /// An offer's status (default `active` on create).
    OfferStatus {
        Active => "active",
        Inactive => "inactive",
        Pending => "pending",
    }
);

impl OfferStatus {
    pub const DEFAULT_ON_CREATE: OfferStatus = OfferStatus::Active;
}

cake_enum!(
    /// How an offer's payout or revenue is earned.
    PayoutType {
        Cpa => "cpa",
        Cpc => "cpc",
        Cpm => "cpm",
        Revshare => "revshare",
    }
);

cake_enum!(
    /// How a sub-affiliate is paid: a flat amount, or a percent of the parent payout.
    SubAffiliatePayoutType {
        Cpa => "cpa",
        Percent => "percent",
    }
);

cake_enum!(
    /// A sub-affiliate's status, as the server reports it.
    SubAffiliateStatus {
        Active => "active",
        Inactive => "inactive",
    }
);

cake_enum!(
    /// The status filter of `list_sub_affiliates` (default `all`).
    SubAffiliateStatusFilter {
        Active => "active",
        Inactive => "inactive",
        All => "all",
    }
);

impl SubAffiliateStatusFilter {
    pub const DEFAULT: SubAffiliateStatusFilter = SubAffiliateStatusFilter::All;
}

cake_enum!(
    /// The status of an affiliate's access to an offer.
    AffiliateOfferStatus {
        Active => "active",
        Inactive => "inactive",
        Pending => "pending",
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_any_case_and_status_objects() {
        let parsed: PayoutType = serde_json::from_value(json!("CPA")).unwrap_or(PayoutType::Cpc);
        assert_eq!(parsed, PayoutType::Cpa);
        let status: AffiliateStatus = serde_json::from_value(json!({"id": 1, "name": " Active "}))
            .unwrap_or(AffiliateStatus::Pending);
        assert_eq!(status, AffiliateStatus::Active);
    }

    #[test]
    fn keeps_unknown_values_and_writes_lowercase() {
        assert_eq!(
            OfferStatus::parse("Paused"),
            OfferStatus::Other("paused".into())
        );
        assert_eq!(
            serde_json::to_value(OfferStatus::Inactive).ok(),
            Some(json!("inactive"))
        );
        assert!(!OfferStatus::parse("Paused").is_known());
    }
}
