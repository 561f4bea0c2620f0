//! The mock server on the caller's tokio runtime: binds (loopback unless told otherwise),
//! accepts connections itself so that any one can be reset, and stops on request or drop.

use crate::config::MockConfig;
use crate::conn::{self, SHUTDOWN_GRACE};
use crate::handle::MockHandle;
use crate::mock::Mock;
use crate::router;
use axum::Router;
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

/// Pause after a failed accept (e.g. out of file descriptors), so the loop does not spin.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(20);

/// A running mock. Dropping it stops the server too (without waiting).
#[derive(Debug)]
pub struct MockServer {
    addr: SocketAddr,
    handle: MockHandle,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl MockServer {
    /// Starts on 127.0.0.1 at `config.port` (0: a free port).
    pub async fn start(config: MockConfig) -> io::Result<MockServer> {
        Self::bind(IpAddr::V4(Ipv4Addr::LOCALHOST), config).await
    }

    /// Starts on `host`. The library binds where it is told; refusing non-loopback hosts is
    /// the command line's job.
    pub async fn bind(host: IpAddr, config: MockConfig) -> io::Result<MockServer> {
        let listener = TcpListener::bind(SocketAddr::new(host, config.port)).await?;
        let addr = listener.local_addr()?;
        let mock = Arc::new(Mock::new(&config));
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(accept_loop(listener, router::router(mock.clone()), stopped));
        Ok(MockServer {
            addr,
            handle: MockHandle(mock),
            stop,
            task: Some(task),
        })
    }

    /// The base URL, e.g. `http://127.0.0.1:53121`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting, lets in-flight requests finish briefly, closes every connection.
    pub async fn stop(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    /// A handle that outlives borrowing the server (e.g. to hand to another thread).
    pub fn handle(&self) -> MockHandle {
        self.handle.clone()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

async fn accept_loop(listener: TcpListener, router: Router, mut stop: watch::Receiver<bool>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    let _ = stream.set_nodelay(true);
                    connections.spawn(conn::serve(stream, router.clone(), stop.clone()));
                }
                Err(_) => tokio::time::sleep(ACCEPT_BACKOFF).await,
            },
            // Reap finished connections so the set does not grow without bound.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            _ = conn::stopped(&mut stop) => break,
        }
    }
    drop(listener);
    let drain = async { while connections.join_next().await.is_some() {} };
    let _ = tokio::time::timeout(SHUTDOWN_GRACE * 2, drain).await;
    // Dropping the set aborts any connection still open.
}

impl std::ops::Deref for MockServer {
    type Target = MockHandle;

    fn deref(&self) -> &MockHandle {
        &self.handle
    }
}
