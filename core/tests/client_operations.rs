//! Every operation round-trips through the client against a live mock.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use cake_core::datetime::{CakeDate, CakeDateTime};
use cake_core::models::*;
use cake_core::{Decimal, Operation};
use common::*;
use serde_json::json;
use std::str::FromStr;

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn affiliates_offers_and_sub_affiliates_round_trip() {
    let mock = mock().await;
    let client = client(&mock);

    let created = client
        .create_affiliate(CreateAffiliate {
            affiliate_name: "New Media Group Inc".into(),
            account_manager_id: 42,
            affiliate_status: Some(AffiliateStatus::Active),
            website: Some("https://newmediagroup.example.com".into()),
            payment_type_id: Some(2),
            billing_cycle_id: Some(3),
            minimum_payment_threshold: Some(dec("100.00")),
        })
        .await
        .unwrap();
    let affiliate = created.value;
    assert_eq!(
        affiliate.affiliate_name.as_deref(),
        Some("New Media Group Inc")
    );
    assert_eq!(affiliate.affiliate_status, Some(AffiliateStatus::Active));
    assert_eq!(
        affiliate
            .account_manager
            .as_ref()
            .and_then(|m| m.name.as_deref()),
        Some("Jordan Lee")
    );
    assert_eq!(created.meta.attempts, 1);
    assert_eq!(created.meta.status, Some(200));

    let updated = client
        .update_affiliate(UpdateAffiliate {
            affiliate_id: affiliate.affiliate_id.unwrap(),
            affiliate_status: Some(AffiliateStatus::Suspended),
            account_manager_id: Some(7),
            ..UpdateAffiliate::default()
        })
        .await
        .unwrap()
        .value;
    assert_eq!(updated.affiliate_status, Some(AffiliateStatus::Suspended));
    assert_eq!(
        updated.account_manager.and_then(|m| m.name).as_deref(),
        Some("Mark Johnson")
    );
    assert_eq!(
        updated.affiliate_name.as_deref(),
        Some("New Media Group Inc")
    );

    let offer = client
        .create_offer(CreateOffer {
            offer_name: "Home Warranty Lead - Premium".into(),
            advertiser_id: 101,
            vertical_id: 7,
            offer_url: "https://track.yourdomain.com/aff_c?offer_id={offer_id}&aff_id={aff_id}"
                .into(),
            payout: Some(dec("24.00")),
            payout_type: Some(PayoutType::Cpa),
            revenue: Some(dec("30.00")),
            currency_id: Some(1),
            session_hours: Some(24),
            ..CreateOffer::default()
        })
        .await
        .unwrap()
        .value;
    assert_eq!(
        offer.offer_status,
        Some(OfferStatus::Active),
        "the reference's default"
    );
    assert_eq!(
        offer.payout.map(|p| p.to_string()).as_deref(),
        Some("24.00")
    );
    assert_eq!(offer.payout_type, Some(PayoutType::Cpa));

    let expiry = CakeDateTime::parse_strict("2099-09-30 23:59:59").unwrap();
    let changed = client
        .update_offer(UpdateOffer {
            offer_id: offer.offer_id.unwrap(),
            offer_status: Some(OfferStatus::Inactive),
            payout: Some(dec("20.00")),
            expiration_date: Some(expiry),
            ..UpdateOffer::default()
        })
        .await
        .unwrap()
        .value;
    assert_eq!(changed.offer_status, Some(OfferStatus::Inactive));
    assert_eq!(changed.expiration_date, Some(expiry));

    let pairing = client
        .get_affiliate_offer(GetAffiliateOffer {
            affiliate_id: affiliate.affiliate_id.unwrap(),
            offer_id: offer.offer_id.unwrap(),
        })
        .await
        .unwrap()
        .value;
    assert_eq!(
        pairing.payout.map(|p| p.to_string()).as_deref(),
        Some("20.00"),
        "the offer's updated payout"
    );

    let sub = client
        .create_sub_affiliate(CreateSubAffiliate {
            affiliate_id: affiliate.affiliate_id.unwrap(),
            sub_affiliate_name: "MediaPartner_C".into(),
            payout: dec("7.50"),
            payout_type: SubAffiliatePayoutType::Cpa,
        })
        .await
        .unwrap()
        .value;
    assert_eq!(sub.payout.map(|p| p.to_string()).as_deref(), Some("7.50"));
    assert_eq!(sub.sub_affiliate_status, Some(SubAffiliateStatus::Active));

    let listed = client
        .list_sub_affiliates(ListSubAffiliates {
            affiliate_id: affiliate.affiliate_id,
            ..ListSubAffiliates::default()
        })
        .await
        .unwrap()
        .value;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].sub_affiliate_id, sub.sub_affiliate_id);

    let mut report = SubAffiliateReportRequest::new(
        CakeDate::parse_strict("2024-01-01").unwrap(),
        CakeDate::parse_strict("2024-01-31").unwrap(),
    );
    report.affiliate_id = affiliate.affiliate_id;
    let page = client.sub_affiliate_report(report).await.unwrap().value;
    assert_eq!(page.total_rows, Some(1));
    assert_eq!(page.rows[0].sub_affiliate_id, sub.sub_affiliate_id);
    let expected = dec("7.50") * Decimal::from(page.rows[0].conversions.unwrap());
    assert_eq!(
        page.rows[0].payout,
        Some(expected),
        "cpa sub-affiliates earn their flat amount per conversion"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn override_payout_and_percent_sub_affiliates() {
    let mock = mock().await;
    let client = client(&mock);
    let (affiliate_id, offer_id) = seed_basics(&mock);
    mock.seed(json!({"affiliate_offers": [{"affiliate_id": affiliate_id, "offer_id": offer_id, "payout": "18.00"}]})).unwrap();
    let reply = client
        .call(
            Operation::GetAffiliateOffer,
            &json!({"affiliate_id": affiliate_id, "offer_id": offer_id}),
        )
        .await
        .unwrap();
    assert_eq!(reply.value.to_json()["payout"].to_string(), "18.00");

    let percent = client
        .call(
            Operation::CreateSubAffiliate,
            &json!({"affiliate_id": affiliate_id, "sub_affiliate_name": "Pct", "payout": "20", "payout_type": "PERCENT"}),
        )
        .await
        .unwrap();
    let sub_id = percent.value.to_json()["sub_affiliate_id"]
        .as_i64()
        .unwrap();
    let report = client
        .call(
            Operation::SubAffiliateReport,
            &json!({"start_date": "2024-01-01", "end_date": "2024-01-31", "sub_affiliate_id": sub_id, "offer_id": offer_id}),
        )
        .await
        .unwrap()
        .value
        .to_json();
    let row = &report["rows"][0];
    let conversions = Decimal::from(row["conversions"].as_u64().unwrap());
    // 20% of the affiliate's 18.00 override is 3.60 per conversion.
    assert_eq!(dec(&row["payout"].to_string()), dec("3.60") * conversions);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_requests_are_never_sent_and_warnings_come_back() {
    let mock = mock().await;
    let client = client(&mock);
    let error = client
        .call(Operation::CreateOffer, &json!({"offer_name": "", "advertiser_id": 0, "offer_url": "ftp://x", "payout": "1.23456"}))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "validation");
    let mut fields: Vec<&str> = error.issues().iter().map(|i| i.field.as_str()).collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            "advertiser_id",
            "offer_name",
            "offer_url",
            "payout",
            "vertical_id"
        ]
    );
    assert_eq!(mock.requests().len(), 0, "nothing was sent");

    let reply = client
        .call(
            Operation::CreateOffer,
            &json!({"offer_name": "Loss leader", "advertiser_id": 1, "vertical_id": 1, "offer_url": "https://x.example/",
                    "payout": "40", "revenue": "30", "expiration_date": "2001-01-01 00:00:00", "payot": 1}),
        )
        .await
        .unwrap();
    let mut codes: Vec<&str> = reply.warnings.iter().map(|w| w.code.as_str()).collect();
    codes.sort_unstable();
    assert_eq!(
        codes,
        ["expires_in_past", "negative_margin", "unknown_field"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_failures_keep_their_messages() {
    let mock = mock().await;
    let client = client(&mock);
    let (affiliate_id, _) = seed_basics(&mock);
    let params = json!({"affiliate_id": affiliate_id, "sub_affiliate_name": "Dup", "payout": "1", "payout_type": "cpa"});
    client
        .call(Operation::CreateSubAffiliate, &params)
        .await
        .unwrap();
    let error = client
        .call(Operation::CreateSubAffiliate, &params)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "api");
    let json = error.to_json();
    assert_eq!(json["request_status"], "Failure");
    assert!(
        json["messages"][0]
            .as_str()
            .unwrap()
            .contains("already exists"),
        "{json}"
    );
    assert_eq!(json["attempts"], 1);

    let wrong_key = cake_core::client::Client::builder()
        .base_url(mock.url())
        .api_key("wrong")
        .build()
        .unwrap();
    let refused = wrong_key
        .call(Operation::ListSubAffiliates, &json!({}))
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "api");
}
