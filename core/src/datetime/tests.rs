use super::*;
use proptest::prelude::*;

#[test]
fn strict_accepts_only_the_reference_form() {
    assert_eq!(
        CakeDateTime::parse_strict("2026-09-30 23:59:59")
            .map(|d| d.to_string())
            .as_deref(),
        Some("2026-09-30 23:59:59")
    );
    for bad in [
        "2026-09-30T23:59:59",
        "2026-9-30 23:59:59",
        "2026-02-30 10:00:00",
        "2026-09-30 24:00:00",
        "2026-09-30 23:59:60",
        "2026-09-30 23:60:00",
        "2026-09-30",
        " 2026-09-30 23:59:59",
        "2026-09-30 23:59:5x",
        "+026-09-30 23:59:59",
        "2026-09-30 -1:59:59",
    ] {
        assert!(CakeDateTime::parse_strict(bad).is_none(), "{bad}");
    }
    assert!(CakeDate::parse_strict("2024-02-29").is_some());
    assert!(CakeDate::parse_strict("2000-02-29").is_some());
    assert!(CakeDate::parse_strict("1900-02-29").is_none());
    assert!(CakeDate::parse_strict("2023-02-29").is_none());
    assert!(CakeDate::parse_strict("2024-1-5").is_none());
    assert!(CakeDate::parse_strict("2024-13-01").is_none());
    assert!(CakeDate::parse_strict("2024-00-01").is_none());
    assert!(CakeDate::parse_strict("2024-01-00").is_none());
    assert!(CakeDate::parse_strict("２０２４-01-01").is_none());
}

#[test]
fn lenient_reads_iso_forms() {
    let want = "2026-06-19 09:30:00";
    for text in [
        "2026-06-19 09:30:00",
        "2026-06-19T09:30:00",
        "2026-06-19T09:30:00Z",
        "2026-06-19T11:30:00+02:00",
        "2026-06-19T04:30:00-0500",
        "2026-06-19T09:30:00.000",
        "2026-06-19T09:30:00.5Z",
        "2026-06-19T09:30",
        " 2026-06-19t09:30:00z ",
    ] {
        let parsed = CakeDateTime::parse_lenient(text).map(|dt| dt.to_string());
        assert_eq!(parsed.as_deref(), Some(want), "{text}");
    }
    for bad in [
        "2026-06-19",
        "2026-06-19T09:30:00+2",
        "2026-06-19T09:30:00.",
        "2026-06-19T09:30:00+25:00",
        "yesterday",
    ] {
        assert!(CakeDateTime::parse_lenient(bad).is_none(), "{bad}");
    }
    assert_eq!(
        CakeDate::parse_lenient("2026-06-19T23:30:00-02:00")
            .map(|d| d.to_string())
            .as_deref(),
        Some("2026-06-20")
    );
}

#[test]
fn calendar_arithmetic_matches_known_days() {
    let day = |text: &str| CakeDate::parse_strict(text).map(|d| d.days_since_epoch());
    assert_eq!(day("1970-01-01"), Some(0));
    assert_eq!(day("2026-11-21"), Some(20_778));
    assert_eq!(day("0001-01-01"), Some(-719_162));
    assert_eq!(
        day("2026-11-21").map(|d| d + UNIX_EPOCH_DAYS_FROM_CE),
        Some(739_941),
        "chrono's num_days_from_ce"
    );
    let moment = CakeDateTime::parse_strict("2015-10-21 07:28:00").map(|m| m.unix_seconds());
    assert_eq!(moment, Some(1_445_412_480));
}

#[test]
fn http_dates_both_ways() {
    assert_eq!(
        parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT"),
        Some(1_445_412_480)
    );
    assert_eq!(
        format_http_date(1_445_412_480).as_deref(),
        Some("Wed, 21 Oct 2015 07:28:00 GMT")
    );
    assert_eq!(
        format_http_date(0).as_deref(),
        Some("Thu, 01 Jan 1970 00:00:00 GMT")
    );
    for bad in [
        "soon",
        "21 Oct 2015 07:28:00 GMT",
        "Wed, 32 Oct 2015 07:28:00 GMT",
        "Wed, 21 Foo 2015 07:28:00 GMT",
        "Wed, 21 Oct 2015 07:28:00 PST",
    ] {
        assert_eq!(parse_http_date(bad), None, "{bad}");
    }
}

#[test]
fn the_clock_is_roughly_now() {
    let now = CakeDateTime::now_utc();
    assert!(now.date().year() >= 2024, "{now}");
}

proptest! {
    #[test]
    fn days_round_trip(days in -719_528i64..2_932_896) {
        let date = CakeDate::from_days_since_epoch(days);
        prop_assert!(date.is_some());
        let date = date.unwrap_or(CakeDate { year: 1970, month: 1, day: 1 });
        prop_assert_eq!(date.days_since_epoch(), days);
        prop_assert_eq!(CakeDate::parse_strict(&date.to_string()), Some(date));
    }

    #[test]
    fn seconds_round_trip(seconds in -62_167_219_200i64..253_402_300_799) {
        let moment = CakeDateTime::from_unix_seconds(seconds);
        prop_assert!(moment.is_some());
        let moment = moment.unwrap_or_else(CakeDateTime::now_utc);
        prop_assert_eq!(moment.unix_seconds(), seconds);
        prop_assert_eq!(CakeDateTime::parse_strict(&moment.to_string()), Some(moment));
        let http = format_http_date(seconds).unwrap_or_default();
        prop_assert_eq!(parse_http_date(&http), Some(seconds));
    }

    #[test]
    fn parsing_never_panics(text in "\\PC{0,40}") {
        let _ = CakeDateTime::parse_lenient(&text);
        let _ = CakeDate::parse_lenient(&text);
        let _ = parse_http_date(&text);
    }
}
