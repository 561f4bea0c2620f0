//! Serving one accepted connection: HTTP/1.1 through hyper, ended early when its kill switch
//! fires (the reset faults) or the server stops. Errors (malformed HTTP, clients that vanish)
//! end only this connection.

use crate::kill::KillSwitch;
use crate::service::MockService;
use crate::stream::ResettableStream;
use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::time::Duration;
use tokio::net::TcpStream;
use tokio::sync::watch;

/// How long a client may take to send a request's headers (slow or stalled clients).
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// How long in-flight requests may run on once the server stops.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);

enum End {
    Finished,
    Killed,
    ShuttingDown,
}

/// Completes once `stop` is true (or its sender is gone).
pub async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|stopping| *stopping).await;
}

pub async fn serve(stream: TcpStream, router: Router, mut stop: watch::Receiver<bool>) {
    let kill = KillSwitch::default();
    let io = TokioIo::new(ResettableStream::new(stream, kill.clone()));
    let connection = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .serve_connection(io, MockService::new(router, kill.clone()));
    tokio::pin!(connection);
    let end = tokio::select! {
        _ = connection.as_mut() => End::Finished,
        _ = kill.triggered() => End::Killed,
        _ = stopped(&mut stop) => End::ShuttingDown,
    };
    match end {
        End::ShuttingDown => {
            connection.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(SHUTDOWN_GRACE, connection.as_mut()).await;
        }
        // Returning drops the connection, its request future and the stream; the stream's drop
        // turns a kill into a reset.
        End::Killed | End::Finished => {}
    }
}
