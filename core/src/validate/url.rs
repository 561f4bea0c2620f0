//! A small, strict check for absolute http(s) URLs (no URL crate: it would triple the
//! validation-only wasm build).

/// `http(s)://host[:port][/path][?query][#fragment]`; `tokens` allows CAKE `{token}`s after
/// the host (`{offer_id}`, `{aff_id}`).
pub fn is_valid_url(url: &str, tokens: bool) -> bool {
    // Every byte searched for here is ASCII, so byte positions are char boundaries; `get` and
    // `split_at_checked` instead of indexing keep panic formatting out of the browser build.
    let Some(scheme_end) = url.as_bytes().windows(3).position(|w| w == b"://") else {
        return false;
    };
    let (Some(scheme), Some(rest)) = (url.get(..scheme_end), url.get(scheme_end + 3..)) else {
        return false;
    };
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return false;
    }
    let authority_end = rest
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let Some((authority, tail)) = rest.split_at_checked(authority_end) else {
        return false;
    };
    let host_port = match authority.bytes().rposition(|b| b == b'@') {
        Some(at) => authority.get(at + 1..).unwrap_or_default(),
        None => authority,
    };
    is_valid_host_port(host_port) && is_valid_tail(tail, tokens)
}

fn is_valid_host_port(host_port: &str) -> bool {
    let (host, port) = if let Some(inner) = host_port.strip_prefix('[') {
        let Some((v6, after)) = inner.split_once(']') else {
            return false;
        };
        if v6.is_empty()
            || !v6
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return false;
        }
        (v6, after.strip_prefix(':'))
    } else {
        let (host, port) = match host_port.bytes().rposition(|b| b == b':') {
            Some(at) => (
                host_port.get(..at).unwrap_or_default(),
                host_port.get(at + 1..),
            ),
            None => (host_port, None),
        };
        let host_trimmed = host.strip_suffix('.').unwrap_or(host);
        if host_trimmed.is_empty() || !is_valid_host_name(host_trimmed) {
            return false;
        }
        (host, port)
    };
    if host.is_empty() {
        return false;
    }
    match port {
        None => true,
        Some(port) => {
            !port.is_empty() && port.len() <= 5 && port.parse::<u32>().is_ok_and(|p| p <= 65_535)
        }
    }
}

/// Dot-separated labels; an ASCII name is checked in one pass over its bytes.
fn is_valid_host_name(host: &str) -> bool {
    if !host.is_ascii() {
        return host.split('.').all(is_valid_label);
    }
    let (mut label_len, mut previous) = (0, b'.');
    for byte in host.bytes() {
        match byte {
            b'.' if label_len == 0 || previous == b'-' => return false,
            b'.' => label_len = 0,
            b'-' if label_len == 0 => return false,
            b'-' => label_len += 1,
            b if b.is_ascii_alphanumeric() => label_len += 1,
            _ => return false,
        }
        previous = byte;
    }
    label_len > 0 && previous != b'-'
}

/// Letters (any script), digits and inner hyphens.
fn is_valid_label(label: &str) -> bool {
    let ascii_ok = |b: u8| b.is_ascii_alphanumeric() || b == b'-';
    !label.is_empty()
        && (label.bytes().all(ascii_ok) || label.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && !label.starts_with('-')
        && !label.ends_with('-')
}

/// The ASCII bytes a URL's tail holds as they are: printable, and not one URLs must escape.
const PLAIN: [bool; 128] = plain_bytes();

const fn plain_bytes() -> [bool; 128] {
    let mut table = [false; 128];
    let mut byte = 0x21;
    while byte < 0x7f {
        table[byte] = !matches!(
            byte as u8,
            b'<' | b'>' | b'"' | b'\\' | b'^' | b'`' | b'|' | b'{' | b'}'
        );
        byte += 1;
    }
    table
}

/// Path, query and fragment: no whitespace, controls or characters URLs must escape;
/// `{token}`s (letters, digits, underscores) where allowed.
fn is_valid_tail(tail: &str, tokens: bool) -> bool {
    let bytes = tail.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if PLAIN.get(usize::from(byte)) == Some(&true) {
            at += 1;
            continue;
        }
        match byte {
            0x80.. => {
                let Some(c) = tail.get(at..).and_then(|rest| rest.chars().next()) else {
                    return false;
                };
                if c.is_whitespace() || c.is_control() {
                    return false;
                }
                at += c.len_utf8();
                continue;
            }
            b'{' if tokens => {
                let name = at + 1;
                let mut end = name;
                while bytes
                    .get(end)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
                {
                    end += 1;
                }
                if end == name || bytes.get(end) != Some(&b'}') {
                    return false;
                }
                at = end;
            }
            // ASCII whitespace and control characters.
            0..=0x20 | 0x7f => return false,
            b'<' | b'>' | b'"' | b'\\' | b'^' | b'`' | b'|' | b'{' | b'}' => return false,
            _ => {}
        }
        at += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::is_valid_url;

    #[test]
    fn accepts_real_urls_and_tokens() {
        for ok in [
            "https://newmediagroup.example.com",
            "HTTP://example.com:8080/path?q=1#frag",
            "http://127.0.0.1:3000/",
            "http://[::1]:8080/x",
            "https://user:pw@example.com/",
            "https://bücher.example/straße",
        ] {
            assert!(is_valid_url(ok, false), "{ok}");
        }
        assert!(is_valid_url(
            "https://track.yourdomain.com/aff_c?offer_id={offer_id}&aff_id={aff_id}",
            true
        ));
        for ok in [
            "https://a-b.c-d.e/",
            "https://example.com./",
            "https://u@h:1@x.com/",
            "https://9.9:0",
            "https://x.com/{_}",
            "https://x.com/{a}{B9}",
            "https://bücher.example/é?q=ü#ß",
        ] {
            assert!(is_valid_url(ok, true), "{ok}");
        }
    }

    #[test]
    fn every_ascii_byte_after_the_host_is_judged_as_before() {
        for byte in 0..0x80u8 {
            let c = char::from(byte);
            let url = format!("https://x.com/a{c}b");
            let refused = c.is_whitespace()
                || c.is_control()
                || matches!(c, '<' | '>' | '"' | '\\' | '^' | '`' | '|' | '{' | '}');
            assert_eq!(is_valid_url(&url, false), !refused, "{url:?}");
        }
    }

    #[test]
    fn rejects_unicode_whitespace_and_controls_after_the_host() {
        for bad in [
            "https://x.com/a\u{a0}b",
            "https://x.com/\u{85}",
            "https://x.com/\u{2028}",
            "https://x.com/\u{9f}",
            "https://x.com/a\u{7f}",
            "https://bü cher.example/",
        ] {
            assert!(!is_valid_url(bad, true), "{bad:?}");
        }
        for bad in [
            "https://x.com/{é}",
            "https://x.com/{a}}",
            "https://x.com/{a",
            "https://x.com/{",
        ] {
            assert!(!is_valid_url(bad, true), "{bad}");
        }
    }

    #[test]
    fn rejects_what_is_not_an_absolute_http_url() {
        for bad in [
            "ftp://x.com",
            "example.com",
            "http://",
            "https://exa mple.com",
            "javascript:alert(1)",
            "https://example.com/a b",
            "https://-bad-.com",
            "https://example..com",
            "https://example.com:99999",
            "https://example.com:",
            "https://[zz]/",
            "https://example.com/{offer_id}",
            "https://.example.com",
            "https://example.com..",
            "https://example-.com",
            "https://a.-b.com",
            "https://a_b.com",
            "https://a.b-/",
            "https://@",
            "https://user@:80/",
        ] {
            assert!(!is_valid_url(bad, false), "{bad}");
        }
        for bad in [
            "https://x.com/{offer_id",
            "https://x.com/{}",
            "https://x.com/{a b}",
            "https://{offer_id}.com/",
        ] {
            assert!(!is_valid_url(bad, true), "{bad}");
        }
    }
}
