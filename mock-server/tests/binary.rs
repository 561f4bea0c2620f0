//! The `cake-mock` command: prints its URL first, serves, and refuses non-loopback hosts.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const BINARY: &str = env!("CARGO_BIN_EXE_cake-mock");

#[test]
fn prints_its_url_then_serves() -> TestResult {
    let mut child = Command::new(BINARY)
        .args(["--port", "0", "--api-key", "cli-key", "--seed", "5"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let outcome = (|| -> TestResult {
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut url = String::new();
        BufReader::new(stdout).read_line(&mut url)?;
        let address = url
            .trim()
            .strip_prefix("http://")
            .ok_or(format!("not a URL: {url:?}"))?;
        assert!(address.starts_with("127.0.0.1:"), "{address}");
        let mut stream = std::net::TcpStream::connect(address)?;
        stream.set_read_timeout(Some(Duration::from_secs(5)))?;
        write!(
            stream,
            "GET /api/2/sub_affiliates.json?api_key=cli-key HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n"
        )?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer)?;
        assert!(answer.contains(r#""request_status":"Success""#), "{answer}");
        Ok(())
    })();
    let _ = child.kill();
    let _ = child.wait();
    outcome
}

#[test]
fn refuses_non_loopback_hosts_and_bad_arguments() -> TestResult {
    for args in [
        vec!["--host", "0.0.0.0"],
        vec!["--port", "seventy"],
        vec!["--what"],
    ] {
        let output = Command::new(BINARY).args(&args).output()?;
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty());
        assert!(!output.stderr.is_empty());
    }
    Ok(())
}
