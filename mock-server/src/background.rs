//! The mock on a thread of its own with its own tokio runtime, for callers without a runtime
//! (the Python and Node bindings, plain tests). Same accessors, synchronous; stops on drop.

use crate::config::MockConfig;
use crate::faults::{FaultRule, FaultStat};
use crate::log::RecordedRequest;
use crate::mock::Mock;
use crate::server::MockServer;
use serde_json::Value;
use std::io;
use std::net::SocketAddr;
use std::sync::{mpsc, Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use tokio::sync::oneshot;

#[derive(Debug)]
pub struct BackgroundMock {
    addr: SocketAddr,
    mock: Arc<Mock>,
    running: Mutex<Option<Running>>,
}

#[derive(Debug)]
struct Running {
    stop: oneshot::Sender<()>,
    thread: JoinHandle<()>,
}

type Started = io::Result<(SocketAddr, Arc<Mock>)>;

impl BackgroundMock {
    /// Starts the server on 127.0.0.1 on a new thread; returns once it is listening.
    pub fn start(config: MockConfig) -> io::Result<BackgroundMock> {
        let (ready_tx, ready_rx) = mpsc::channel::<Started>();
        let (stop_tx, stop_rx) = oneshot::channel();
        let thread = std::thread::Builder::new()
            .name("cake-mock".into())
            .spawn(move || run(config, ready_tx, stop_rx))?;
        let (addr, mock) = ready_rx
            .recv()
            .map_err(|_| io::Error::other("the mock thread ended before listening"))??;
        Ok(BackgroundMock {
            addr,
            mock,
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

    pub fn api_key(&self) -> &str {
        self.mock.api_key()
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

    pub fn reset(&self) {
        self.mock.reset()
    }

    pub fn add_fault(&self, rule: FaultRule) -> Result<(), String> {
        self.mock.add_fault(rule)
    }

    pub fn clear_faults(&self) {
        self.mock.clear_faults();
    }

    pub fn fault_stats(&self) -> Vec<FaultStat> {
        self.mock.fault_stats()
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.mock.requests()
    }

    pub fn state(&self) -> Value {
        self.mock.state()
    }

    pub fn seed(&self, data: Value) -> Result<Value, String> {
        self.mock.seed(&data)
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
                let _ = ready.send(Ok((server.addr(), server.mock())));
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
