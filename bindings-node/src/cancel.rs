//! Cancellation: the JS layer makes one token per call and cancels it when the caller's
//! AbortSignal fires; the call's future then stops at once and is dropped (its connection
//! with it).

use std::future::Future;
use tokio_util::sync::CancellationToken;

#[napi_derive::napi]
pub struct CancelToken {
    token: CancellationToken,
}

#[napi_derive::napi]
impl CancelToken {
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        CancelToken {
            token: CancellationToken::new(),
        }
    }

    #[napi]
    pub fn cancel(&self) {
        self.token.cancel();
    }

    #[napi(getter)]
    pub fn cancelled(&self) -> bool {
        self.token.is_cancelled()
    }
}

/// The token a call watches (none: it cannot be cancelled).
pub fn token_of(cancel: Option<&CancelToken>) -> Option<CancellationToken> {
    cancel.map(|c| c.token.clone())
}

/// Runs `future` until it finishes or `token` is cancelled; `None` when cancelled (the future
/// has been dropped by then).
pub async fn until_cancelled<T>(
    token: Option<CancellationToken>,
    future: impl Future<Output = T>,
) -> Option<T> {
    match token {
        Some(token) => tokio::select! {
            biased;
            () = token.cancelled() => None,
            value = future => Some(value),
        },
        None => Some(future.await),
    }
}
