//! The routes: the eight API paths (any method: a wrong one is answered and logged by the
//! handler) and the /_mock control endpoints.

use crate::mock::Mock;
use crate::{api, control};
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::routing::{any, get, post};
use axum::Router;
use cake_core::Operation;
use std::sync::Arc;

/// Largest control body (a seed of many thousands of entities).
pub(crate) const MAX_CONTROL_BODY_BYTES: usize = 64 * 1024 * 1024;

pub fn router(mock: Arc<Mock>) -> Router {
    let mut router = Router::new();
    for operation in Operation::ALL {
        router = router.route(
            operation.path(),
            any(
                move |State(mock): State<Arc<Mock>>, request: Request| async move {
                    api::handle(mock, operation, request).await
                },
            ),
        );
    }
    router
        .route("/_mock/reset", post(control::reset))
        .route("/_mock/seed", post(control::seed))
        .route("/_mock/requests", get(control::requests))
        .route("/_mock/state", get(control::state))
        .route(
            "/_mock/faults",
            post(control::add_fault)
                .get(control::faults)
                .delete(control::clear_faults),
        )
        .fallback(control::not_found)
        .layer(DefaultBodyLimit::max(MAX_CONTROL_BODY_BYTES))
        .with_state(mock)
}
