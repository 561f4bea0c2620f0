//! The reference's sample requests, verbatim but for the key (added by the harness).

pub const CREATE_AFFILIATE: &str = r#"{
"affiliate_name": "New Media Group Inc",
"account_manager_id": 42,
"affiliate_status": "active",
"website": "https://newmediagroup.example.com",
"payment_type_id": 2,
"billing_cycle_id": 3,
"minimum_payment_threshold": 100.00
}"#;

pub const UPDATE_AFFILIATE: &str = r#"{
"affiliate_id": 67890,
"affiliate_status": "suspended",
"account_manager_id": 7
}"#;

pub const GET_AFFILIATE_OFFER: &str = r#"{"affiliate_id": 67890, "offer_id": 12345}"#;

pub const CREATE_OFFER: &str = r#"{
"offer_name": "Home Warranty Lead - Premium",
"advertiser_id": 101,
"vertical_id": 7,
"offer_url": "https://track.yourdomain.com/aff_c?offer_id={offer_id}&aff_id={aff_id}",
"offer_status": "active",
"payout": 24.00,
"payout_type": "cpa",
"revenue": 30.00,
"currency_id": 1,
"session_hours": 24
}"#;

pub const UPDATE_OFFER: &str = r#"{
"offer_id": 12345,
"offer_status": "inactive",
"payout": 20.00,
"expiration_date": "2026-09-30 23:59:59"
}"#;

pub const LIST_SUB_AFFILIATES: &str =
    r#"{"affiliate_id": 67890, "sub_affiliate_status": "active"}"#;

pub const CREATE_SUB_AFFILIATE: &str = r#"{
"affiliate_id": 67890,
"sub_affiliate_name": "MediaPartner_C",
"payout": 7.50,
"payout_type": "cpa"
}"#;

pub const SUB_AFFILIATE_REPORT: &str =
    r#"{"start_date": "2024-01-01", "end_date": "2024-01-31", "affiliate_id": 67890}"#;
