//! Work started ahead of need. On tokio (natively and under WASI) it is spawned on the caller's
//! runtime, so it runs while the caller is busy with earlier results, and it is aborted when
//! dropped. In the browser (and outside a runtime) nothing starts ahead: `start` gives `None`
//! and the caller does the work when it needs it.

use std::future::Future;

#[derive(Debug)]
pub struct Ahead<T> {
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    task: tokio::task::JoinHandle<T>,
    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    never: std::marker::PhantomData<T>,
}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
impl<T: Send + 'static> Ahead<T> {
    pub fn start<F>(work: F) -> Option<Self>
    where
        F: Future<Output = T> + Send + 'static,
    {
        let runtime = tokio::runtime::Handle::try_current().ok()?;
        Some(Ahead {
            task: runtime.spawn(work),
        })
    }

    /// The result, or `None` if the work never finished (it was aborted or panicked): the
    /// caller then does it again itself.
    pub async fn finish(mut self) -> Option<T> {
        (&mut self.task).await.ok()
    }
}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
impl<T> Drop for Ahead<T> {
    fn drop(&mut self) {
        // A no-op once the task finished; otherwise an unwanted page stops being fetched.
        self.task.abort();
    }
}

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
impl<T> Ahead<T> {
    pub fn start<F: Future<Output = T>>(_work: F) -> Option<Self> {
        None
    }

    pub async fn finish(self) -> Option<T> {
        None
    }
}
