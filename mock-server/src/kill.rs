//! A per-connection kill switch. A handler that must drop its connection (the reset faults)
//! triggers it; the connection's task sees it, drops the connection future without writing an
//! answer, and the socket closes with a reset.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::sync::Notify;

#[derive(Debug, Clone, Default)]
pub struct KillSwitch(Arc<Inner>);

#[derive(Debug, Default)]
struct Inner {
    triggered: AtomicBool,
    notify: Notify,
}

impl KillSwitch {
    pub fn trigger(&self) {
        self.0.triggered.store(true, Ordering::SeqCst);
        // notify_one keeps a permit when nobody waits yet, so the trigger is never lost.
        self.0.notify.notify_one();
    }

    pub fn is_triggered(&self) -> bool {
        self.0.triggered.load(Ordering::SeqCst)
    }

    /// Completes once the switch is triggered.
    pub async fn triggered(&self) {
        if self.is_triggered() {
            return;
        }
        self.0.notify.notified().await;
    }
}
