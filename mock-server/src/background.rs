//! The mock on a thread of its own with its own tokio runtime, for callers without a runtime
//! (the Python and Node bindings, plain tests). Same accessors, synchronous; stops on drop.

use crate::config::MockConfig;
use crate::handle::MockHandle;
use crate::server::MockServer;
use std::io;
use std::net::SocketAddr;
use std::sync::{mpsc, Mutex, PoisonError};
use std::thread::JoinHandle;
use tokio::sync::oneshot;

#[derive(Debug)]
pub struct BackgroundMock {
    addr: SocketAddr,
    handle: MockHandle,
    running: Mutex<Option<Running>>,
}

#[derive(Debug)]
struct Running {
    stop: oneshot::Sender<()>,
    thread: JoinHandle<()>,
}

type Started = io::Result<(SocketAddr, MockHandle)>;

impl BackgroundMock {
    /// Starts the server on 127.0.0.1 on a new thread; returns once it is listening.
    pub fn start(config: MockConfig) -> io::Result<BackgroundMock> {
        let (ready_tx, ready_rx) = mpsc::channel::<Started>();
        let (stop_tx, stop_rx) = oneshot::channel();
        let thread = std::thread::Builder::new()
            .name("cake-mock".into())
            .spawn(move || run(config, ready_tx, stop_rx))?;
        let (addr, handle) = ready_rx
            .recv()
            .map_err(|_| io::Error::other("the mock thread ended before listening"))??;
        Ok(BackgroundMock {
            addr,
            handle,
            running: Mutex::new(Some(Running {
                stop: stop_tx,
                thread,
            })),
        })
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops the server and joins its thread; later calls do nothing.
    pub fn stop(&self) {
        let running = self
            .running
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(running) = running {
            let _ = running.stop.send(());
            let _ = running.thread.join();
        }
    }
}

impl Drop for BackgroundMock {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The thread's body: a current-thread runtime serving until told to stop.
fn run(config: MockConfig, ready: mpsc::Sender<Started>, stop: oneshot::Receiver<()>) {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            let _ = ready.send(Err(e));
            return;
        }
    };
    runtime.block_on(async move {
        match MockServer::start(config).await {
            Ok(server) => {
                let _ = ready.send(Ok((server.addr(), server.handle())));
                // A dropped sender (the handle leaked) also ends the server.
                let _ = stop.await;
                server.stop().await;
            }
            Err(e) => {
                let _ = ready.send(Err(e));
            }
        }
    });
}

impl std::ops::Deref for BackgroundMock {
    type Target = MockHandle;

    fn deref(&self) -> &MockHandle {
        &self.handle
    }
}
