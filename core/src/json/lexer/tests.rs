//! The lexer's own guarantees; its agreement with serde_json is tested through each reader
//! (`json::value`, `validate::json_params`, `endpoint::report_page`) and fuzzed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;

#[test]
fn the_eight_byte_scan_finds_every_special_byte_at_every_position() {
    for special in [b'"', b'\\', 0, 0x1f, b'\n'] {
        for at in 0..8 {
            let mut word = *b"abcdefgh";
            word[at] = special;
            assert!(has_special(u64::from_le_bytes(word)), "{special} at {at}");
        }
    }
    for clean in [
        *b"abcdefgh",
        *b"        ",
        [0x7f; 8],
        [0xff; 8],
        [0x20; 8],
        *b"!#[]{}~/",
    ] {
        assert!(!has_special(u64::from_le_bytes(clean)), "{clean:?}");
    }
    // Every byte value alone, in a word of plain letters.
    for byte in 0..=255u8 {
        let mut word = *b"xxxxxxxx";
        word[3] = byte;
        let expected = matches!(byte, b'"' | b'\\' | 0..=0x1f);
        assert_eq!(has_special(u64::from_le_bytes(word)), expected, "{byte}");
    }
}

#[test]
fn strings_are_borrowed_unless_they_hold_escapes() {
    let text = r#"["plain text longer than eight", "esc\u00e9\n", "é😀"]"#;
    let mut lexer = Lexer::new(text.as_bytes());
    let mut strings = Vec::new();
    lexer
        .array(|lexer| {
            lexer.skip_space();
            strings.push(lexer.string()?);
            Ok(())
        })
        .unwrap();
    lexer.finish().unwrap();
    assert!(matches!(
        &strings[0],
        Cow::Borrowed("plain text longer than eight")
    ));
    assert!(matches!(&strings[1], Cow::Owned(s) if s == "escé\n"));
    assert!(matches!(&strings[2], Cow::Borrowed("é😀")));
}

#[test]
fn numbers_keep_their_exact_text_and_faults_say_where() {
    let mut lexer = Lexer::new(b"-12.50e+3 ");
    assert_eq!(lexer.number(), Ok("-12.50e+3"));
    assert_eq!(lexer.finish(), Ok(()));
    let mut lexer = Lexer::new(b"[1, 2");
    assert_eq!(
        lexer.skip_value(),
        Err(Fault {
            reason: "EOF while parsing a list",
            at: 5
        })
    );
}

#[test]
fn depth_is_counted_across_arrays_and_objects_and_restored() {
    let deepest = format!(
        "{}{}",
        "[{\"a\":".repeat(63),
        "[]".to_owned() + &"}]".repeat(63)
    );
    let mut lexer = Lexer::new(deepest.as_bytes());
    assert_eq!(lexer.skip_value(), Ok(()));
    assert_eq!(lexer.depth, 0);
    let too_deep = format!("[{deepest}]");
    let mut lexer = Lexer::new(too_deep.as_bytes());
    assert_eq!(
        lexer.skip_value().map_err(|f| f.reason),
        Err("recursion limit exceeded")
    );
}
