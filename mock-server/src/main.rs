//! `cake-mock`: runs the mock server from the command line until SIGINT or SIGTERM.

mod args;

use args::Command;
use cake_mock::MockServer;
use std::io::Write;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let command = match args::parse(std::env::args().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("cake-mock: {message}\n\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };
    let args = match command {
        Command::Help => {
            println!("{}", args::USAGE);
            return ExitCode::SUCCESS;
        }
        Command::Run(args) => args,
    };
    let server = match MockServer::bind(args.host, args.config).await {
        Ok(server) => server,
        Err(e) => {
            eprintln!("cake-mock: cannot listen on {}: {e}", args.host);
            return ExitCode::FAILURE;
        }
    };
    // The URL is the first line, flushed at once: wrappers read it to find the port.
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "{}", server.url());
    let _ = stdout.flush();
    // A key given on the command line is not echoed: it may be a copy of a real one.
    if server.api_key() == cake_mock::DEFAULT_API_KEY {
        eprintln!("cake-mock: api key {:?}; Ctrl-C to stop", server.api_key());
    } else {
        eprintln!("cake-mock: api key as given by --api-key; Ctrl-C to stop");
    }
    terminated().await;
    server.stop().await;
    ExitCode::SUCCESS
}

/// Completes on SIGINT, or SIGTERM where there is one.
async fn terminated() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
