//! A small, strict check for absolute http(s) URLs (no URL crate: it would triple the
//! validation-only wasm build).

/// `http(s)://host[:port][/path][?query][#fragment]`; `tokens` allows CAKE `{token}`s after
/// the host (`{offer_id}`, `{aff_id}`).
pub fn is_valid_url(url: &str, tokens: bool) -> bool {
    let lower_scheme_end = url.find("://");
    let Some(scheme_end) = lower_scheme_end else {
        return false;
    };
    let scheme = &url[..scheme_end];
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return false;
    }
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
    is_valid_host_port(host_port) && is_valid_tail(tail, tokens)
}

fn is_valid_host_port(host_port: &str) -> bool {
    let (host, port) = if let Some(inner) = host_port.strip_prefix('[') {
        let Some((v6, after)) = inner.split_once(']') else {
            return false;
        };
        if v6.is_empty()
            || !v6
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        {
            return false;
        }
        (v6, after.strip_prefix(':'))
    } else {
        let (host, port) = match host_port.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        };
        let label_ok = |label: &str| {
            !label.is_empty()
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        };
        let host_trimmed = host.strip_suffix('.').unwrap_or(host);
        if host_trimmed.is_empty() || !host_trimmed.split('.').all(label_ok) {
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

fn is_valid_tail(tail: &str, tokens: bool) -> bool {
    let mut chars = tail.chars();
    while let Some(c) = chars.next() {
        match c {
            '{' if tokens => {
                // A token is `{name}` with a non-empty name of letters, digits and underscores.
                let mut name_len = 0;
                let closed = loop {
                    match chars.next() {
                        Some('}') => break true,
                        Some(n) if n.is_ascii_alphanumeric() || n == '_' => name_len += 1,
                        _ => break false,
                    }
                };
                if !closed || name_len == 0 {
                    return false;
                }
            }
            c if c.is_whitespace() || c.is_control() => return false,
            '<' | '>' | '"' | '\\' | '^' | '`' | '|' | '{' | '}' => return false,
            _ => {}
        }
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
