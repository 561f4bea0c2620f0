//! Every endpoint with the reference's sample requests, answered in the reference's shapes;
//! defaults, updates, overrides, uniqueness and the Failure answers.

mod common;

use cake_core::Operation;
use common::{parse, samples, start, TestResult};
use serde_json::json;

#[tokio::test]
async fn affiliates_round_trip_with_the_samples() -> TestResult {
    let mock = start().await?;
    let created = mock
        .ok(
            Operation::CreateAffiliate,
            &parse(samples::CREATE_AFFILIATE)?,
        )
        .await?;
    let affiliate = &created["affiliate"];
    assert_eq!(affiliate["affiliate_id"], 67890);
    assert_eq!(affiliate["affiliate_name"], "New Media Group Inc");
    assert_eq!(affiliate["affiliate_status"], "active");
    assert_eq!(
        affiliate["account_manager"],
        json!({"id": 42, "name": "Jordan Lee"})
    );
    let date = affiliate["date_created"]
        .as_str()
        .ok_or("no date_created")?;
    assert!(
        cake_core::datetime::CakeDateTime::parse_strict(date).is_some(),
        "{date}"
    );

    let updated = mock
        .ok(
            Operation::UpdateAffiliate,
            &parse(samples::UPDATE_AFFILIATE)?,
        )
        .await?;
    let affiliate = &updated["affiliate"];
    assert_eq!(affiliate["affiliate_id"], 67890);
    // Only the fields given change.
    assert_eq!(affiliate["affiliate_name"], "New Media Group Inc");
    assert_eq!(affiliate["affiliate_status"], "suspended");
    assert_eq!(
        affiliate["account_manager"],
        json!({"id": 7, "name": "Mark Johnson"})
    );

    let state = mock.server.state();
    assert_eq!(state["affiliates"][0]["affiliate_status"], "suspended");
    assert_eq!(
        state["affiliates"][0]["website"],
        "https://newmediagroup.example.com"
    );
    assert_eq!(
        state["affiliates"][0]["minimum_payment_threshold"].to_string(),
        "100.00"
    );
    Ok(())
}

#[tokio::test]
async fn offers_round_trip_with_the_samples() -> TestResult {
    let mock = start().await?;
    let created = mock
        .call(Operation::CreateOffer, &parse(samples::CREATE_OFFER)?)
        .await?;
    // Money keeps two places on the wire, and the payout type is uppercase like the sample.
    assert!(
        created.text.contains(r#""payout":24.00"#),
        "{}",
        created.text
    );
    assert!(
        created.text.contains(r#""revenue":30.00"#),
        "{}",
        created.text
    );
    let offer = &created.json()?["offer"];
    assert_eq!(offer["offer_id"], 12345);
    assert_eq!(offer["offer_name"], "Home Warranty Lead - Premium");
    assert_eq!(offer["offer_status"], "active");
    assert_eq!(offer["payout_type"], "CPA");
    assert!(offer["created_date"].is_string());

    let updated = mock
        .call(Operation::UpdateOffer, &parse(samples::UPDATE_OFFER)?)
        .await?;
    assert!(
        updated.text.contains(r#""payout":20.00"#),
        "{}",
        updated.text
    );
    let offer = &updated.json()?["offer"];
    assert_eq!(offer["offer_id"], 12345);
    assert_eq!(offer["offer_name"], "Home Warranty Lead - Premium");
    assert_eq!(offer["offer_status"], "inactive");
    assert_eq!(offer["expiration_date"], "2026-09-30 23:59:59");
    assert_eq!(offer["revenue"].to_string(), "30.00");
    Ok(())
}

#[tokio::test]
async fn the_client_model_reads_every_answer() -> TestResult {
    // The core's tolerant parser accepts what the mock answers, for every operation.
    let mock = start().await?;
    let calls = [
        (Operation::CreateAffiliate, samples::CREATE_AFFILIATE),
        (Operation::UpdateAffiliate, samples::UPDATE_AFFILIATE),
        (Operation::CreateOffer, samples::CREATE_OFFER),
        (Operation::UpdateOffer, samples::UPDATE_OFFER),
        (Operation::GetAffiliateOffer, samples::GET_AFFILIATE_OFFER),
        (Operation::CreateSubAffiliate, samples::CREATE_SUB_AFFILIATE),
        (Operation::ListSubAffiliates, samples::LIST_SUB_AFFILIATES),
        (Operation::SubAffiliateReport, samples::SUB_AFFILIATE_REPORT),
    ];
    for (operation, sample) in calls {
        let answer = mock.call(operation, &parse(sample)?).await?;
        let parsed =
            cake_core::parse_response(operation, answer.status, &[], answer.text.as_bytes());
        assert!(
            parsed.is_ok(),
            "{operation}: {parsed:?} from {}",
            answer.text
        );
    }
    Ok(())
}

#[tokio::test]
async fn affiliate_offer_gives_the_override_else_the_offer_payout() -> TestResult {
    let mock = start().await?;
    mock.affiliate_and_offer().await?;
    let pairing = mock
        .call(
            Operation::GetAffiliateOffer,
            &parse(samples::GET_AFFILIATE_OFFER)?,
        )
        .await?;
    assert!(
        pairing.text.contains(r#""payout":24.00"#),
        "{}",
        pairing.text
    );
    let body = pairing.json()?;
    let wrapped = &body["response"]["affiliate_offer"];
    assert_eq!(wrapped["affiliate_id"], 67890);
    assert_eq!(wrapped["offer_id"], 12345);
    assert_eq!(wrapped["payout_type"], "CPA");
    assert_eq!(wrapped["affiliate_offer_status"], "active");

    mock.server.seed(
        json!({"affiliate_offers": [{"affiliate_id": 67890, "offer_id": 12345, "payout": "20"}]}),
    )?;
    let pairing = mock
        .call(
            Operation::GetAffiliateOffer,
            &parse(samples::GET_AFFILIATE_OFFER)?,
        )
        .await?;
    assert!(
        pairing.text.contains(r#""payout":20.00"#),
        "{}",
        pairing.text
    );
    assert_eq!(
        mock.server.state()["affiliate_offers"][0]["payout"].to_string(),
        "20.00"
    );
    Ok(())
}

#[tokio::test]
async fn sub_affiliates_round_trip_and_filter() -> TestResult {
    let mock = start().await?;
    mock.affiliate_and_offer().await?;
    let created = mock
        .call(
            Operation::CreateSubAffiliate,
            &parse(samples::CREATE_SUB_AFFILIATE)?,
        )
        .await?;
    assert!(
        created.text.contains(r#""payout":7.50"#),
        "{}",
        created.text
    );
    let sub = &created.json()?["sub_affiliate"];
    assert_eq!(sub["sub_affiliate_id"], 301);
    assert_eq!(sub["sub_affiliate_name"], "MediaPartner_C");
    assert_eq!(sub["payout_type"], "cpa");
    assert_eq!(sub["sub_affiliate_status"], "active");
    assert_eq!(sub["affiliate_id"], 67890);

    // A second parent with its own sub-affiliate, to see the filters work.
    mock.ok(
        Operation::CreateAffiliate,
        &json!({"affiliate_name": "Other", "account_manager_id": 5}),
    )
    .await?;
    mock.ok(
        Operation::CreateSubAffiliate,
        &json!({"affiliate_id": 67891, "sub_affiliate_name": "MediaPartner_C", "payout": 20, "payout_type": "percent"}),
    )
    .await?;

    let listed = mock
        .ok(
            Operation::ListSubAffiliates,
            &parse(samples::LIST_SUB_AFFILIATES)?,
        )
        .await?;
    let subs = listed["sub_affiliates"].as_array().ok_or("no list")?;
    assert_eq!(subs.len(), 1);
    assert_eq!(subs[0]["sub_affiliate_id"], 301);
    let all = mock.ok(Operation::ListSubAffiliates, &json!({})).await?;
    assert_eq!(all["sub_affiliates"].as_array().map(Vec::len), Some(2));
    let one = mock
        .ok(
            Operation::ListSubAffiliates,
            &json!({"sub_affiliate_id": 302}),
        )
        .await?;
    assert_eq!(one["sub_affiliates"][0]["payout"].to_string(), "20.00");
    let inactive = mock
        .ok(
            Operation::ListSubAffiliates,
            &json!({"sub_affiliate_status": "inactive"}),
        )
        .await?;
    assert_eq!(inactive["sub_affiliates"], json!([]));
    Ok(())
}

#[tokio::test]
async fn defaults_apply_when_not_given() -> TestResult {
    let mock = start().await?;
    let affiliate = mock
        .ok(
            Operation::CreateAffiliate,
            &json!({"affiliate_name": "Plain", "account_manager_id": 99}),
        )
        .await?;
    assert_eq!(affiliate["affiliate"]["affiliate_status"], "pending");
    assert_eq!(
        affiliate["affiliate"]["account_manager"]["name"],
        "Account Manager 99"
    );
    let offer = mock
        .ok(
            Operation::CreateOffer,
            &json!({"offer_name": "Plain", "advertiser_id": 1, "vertical_id": 1, "offer_url": "https://example.com/o"}),
        )
        .await?;
    assert_eq!(offer["offer"]["offer_status"], "active");
    Ok(())
}

#[tokio::test]
async fn sub_affiliate_names_are_unique_per_parent_ignoring_case() -> TestResult {
    let mock = start().await?;
    mock.affiliate_and_offer().await?;
    mock.ok(
        Operation::CreateSubAffiliate,
        &parse(samples::CREATE_SUB_AFFILIATE)?,
    )
    .await?;
    let errors = mock
        .failure(
            Operation::CreateSubAffiliate,
            &json!({"affiliate_id": 67890, "sub_affiliate_name": "mediapartner_c", "payout": 1, "payout_type": "cpa"}),
        )
        .await?;
    assert_eq!(
        errors,
        ["sub_affiliate_name already exists for this affiliate"]
    );
    assert_eq!(
        mock.server.state()["sub_affiliates"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    Ok(())
}

#[tokio::test]
async fn failures_list_every_issue_as_field_and_message() -> TestResult {
    let mock = start().await?;
    let errors = mock
        .failure(
            Operation::CreateOffer,
            &json!({"offer_name": "", "advertiser_id": "x", "vertical_id": 7, "offer_url": "ftp://nope", "payout": "-1"}),
        )
        .await?;
    assert!(errors.len() >= 3, "{errors:?}");
    for field in ["offer_name", "advertiser_id", "offer_url"] {
        assert!(
            errors.iter().any(|e| e.starts_with(&format!("{field}: "))),
            "{field} in {errors:?}"
        );
    }
    let errors = mock
        .failure(
            Operation::UpdateAffiliate,
            &json!({"affiliate_id": 1, "affiliate_name": "X"}),
        )
        .await?;
    assert_eq!(errors, ["affiliate_id: no affiliate with id 1"]);
    let errors = mock
        .failure(
            Operation::GetAffiliateOffer,
            &json!({"affiliate_id": 5, "offer_id": 6}),
        )
        .await?;
    assert_eq!(errors.len(), 2, "{errors:?}");
    let errors = mock
        .failure(
            Operation::CreateSubAffiliate,
            &json!({"affiliate_id": 5, "sub_affiliate_name": "A", "payout": 1, "payout_type": "cpa"}),
        )
        .await?;
    assert_eq!(errors, ["affiliate_id: no affiliate with id 5"]);
    // Nothing refused is logged as applied.
    assert!(mock.server.requests().iter().all(|r| !r.applied));
    Ok(())
}

#[tokio::test]
async fn a_wrong_or_missing_key_is_refused() -> TestResult {
    let mock = start().await?;
    let mut params = parse(samples::CREATE_AFFILIATE)?;
    let refused = mock.send(Operation::CreateAffiliate, &params).await?;
    assert_eq!(refused.status, 200);
    assert_eq!(
        refused.json()?,
        json!({"request_status": "Failure", "errors": ["Invalid API key"]})
    );
    params["api_key"] = json!("not-the-key");
    let refused = mock.send(Operation::CreateAffiliate, &params).await?;
    assert_eq!(refused.json()?["errors"], json!(["Invalid API key"]));
    let query = json!({"api_key": "nope", "affiliate_id": 67890, "offer_id": 12345});
    let refused = mock.send(Operation::GetAffiliateOffer, &query).await?;
    assert_eq!(refused.json()?["errors"], json!(["Invalid API key"]));
    assert_eq!(mock.server.state()["affiliates"], json!([]));
    Ok(())
}

#[tokio::test]
async fn non_json_bodies_and_wrong_methods_are_refused() -> TestResult {
    let mock = start().await?;
    let answer = common::answer(
        mock.client
            .post(mock.url(Operation::CreateOffer.path()))
            .body("offer_name=x")
            .send()
            .await?,
    )
    .await?;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json()?["request_status"], "Failure");
    let answer = common::answer(
        mock.client
            .get(mock.url(Operation::CreateOffer.path()))
            .send()
            .await?,
    )
    .await?;
    assert_eq!(answer.status, 405);
    assert_eq!(answer.header("allow"), Some("POST"));
    let answer = common::answer(
        mock.client
            .get(mock.url("/api/2/nothing.json"))
            .send()
            .await?,
    )
    .await?;
    assert_eq!(answer.status, 404);
    Ok(())
}
