//! The per-connection hyper service: hands every request to [`crate::exchange::respond`] (CORS
//! preflights, the axum router with the connection's kill switch attached, CORS on whatever
//! comes back, the router's own 404 and 405 answers included).

use crate::exchange::respond;
use crate::kill::KillSwitch;
use axum::body::Body;
use axum::http::{Request, Response};
use axum::Router;
use hyper::body::Incoming;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;

#[derive(Clone)]
pub struct MockService {
    router: Router,
    kill: KillSwitch,
}

impl MockService {
    pub fn new(router: Router, kill: KillSwitch) -> Self {
        MockService { router, kill }
    }
}

type Answer = Pin<Box<dyn Future<Output = Result<Response<Body>, Infallible>> + Send>>;

impl hyper::service::Service<Request<Incoming>> for MockService {
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = Answer;

    fn call(&self, request: Request<Incoming>) -> Self::Future {
        let answer = respond(self.router.clone(), self.kill.clone(), request);
        Box::pin(async move { Ok(answer.await) })
    }
}
