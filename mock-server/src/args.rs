//! The command line, parsed by hand: `cake-mock [--host H] [--port N] [--api-key KEY]
//! [--seed N] [--allow-non-loopback]`.

use cake_mock::MockConfig;
use std::net::{IpAddr, Ipv4Addr};

pub const USAGE: &str = "usage: cake-mock [--host 127.0.0.1] [--port 0] [--api-key KEY] [--seed N] [--allow-non-loopback]

An in-memory CAKE API server for tests. Prints its URL on the first line of stdout and
runs until interrupted (SIGINT or SIGTERM). Port 0 picks a free port. Only loopback hosts
are accepted unless --allow-non-loopback is given: the mock has no real security.";

#[derive(Debug, PartialEq)]
pub struct Args {
    pub host: IpAddr,
    pub config: MockConfig,
}

/// What the command line asks for.
#[derive(Debug, PartialEq)]
pub enum Command {
    Run(Args),
    Help,
}

fn host_of(text: &str) -> Result<IpAddr, String> {
    if text.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    let bare = text.trim_start_matches('[').trim_end_matches(']');
    bare.parse()
        .map_err(|_| format!("--host: not an IP address: {text}"))
}

fn number<T: std::str::FromStr>(flag: &str, text: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{flag}: not a valid number: {text}"))
}

pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut host = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let mut config = MockConfig::default();
    let mut allow_non_loopback = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag}: needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--host" => host = host_of(&value()?)?,
            "--port" => config.port = number("--port", &value()?)?,
            "--api-key" => {
                let key = value()?;
                if key.is_empty() {
                    return Err("--api-key: must not be empty".into());
                }
                config.api_key = key;
            }
            "--seed" => config.seed = number("--seed", &value()?)?,
            "--allow-non-loopback" => allow_non_loopback = true,
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    if !host.is_loopback() && !allow_non_loopback {
        return Err(format!(
            "--host {host} is not a loopback address; the mock accepts anyone who can reach it \
             (pass --allow-non-loopback to do it anyway)"
        ));
    }
    Ok(Command::Run(Args { host, config }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Args, String> {
        match parse(args.iter().map(|a| a.to_string()))? {
            Command::Run(args) => Ok(args),
            Command::Help => Err("help".into()),
        }
    }

    #[test]
    fn defaults_and_flags() -> Result<(), String> {
        let args = run(&[])?;
        assert_eq!(args.host, IpAddr::V4(Ipv4Addr::LOCALHOST));
        assert_eq!(args.config, MockConfig::default());
        let args = run(&[
            "--port",
            "8080",
            "--api-key=k",
            "--seed",
            "9",
            "--host",
            "::1",
        ])?;
        assert_eq!(args.config.port, 8080);
        assert_eq!(args.config.api_key, "k");
        assert_eq!(args.config.seed, 9);
        assert!(args.host.is_loopback());
        Ok(())
    }

    #[test]
    fn refuses_non_loopback_unless_allowed() {
        assert!(run(&["--host", "0.0.0.0"]).is_err());
        assert!(run(&["--host", "0.0.0.0", "--allow-non-loopback"]).is_ok());
        assert!(run(&["--port", "x"]).is_err());
        assert!(run(&["--port"]).is_err());
        assert!(run(&["--bogus"]).is_err());
        assert_eq!(run(&["--help"]), Err("help".into()));
    }
}
