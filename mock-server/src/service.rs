//! The per-connection hyper service: answers CORS preflights, hands every other request to the
//! axum router with the connection's kill switch attached, and adds CORS to whatever comes back
//! (the router's own 404 and 405 answers included).

use crate::cors;
use crate::kill::KillSwitch;
use axum::body::Body;
use axum::http::{Method, Request, Response};
use axum::Router;
use hyper::body::Incoming;
use hyper_util::service::TowerToHyperService;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;

#[derive(Clone)]
pub struct MockService {
    router: TowerToHyperService<Router>,
    kill: KillSwitch,
}

impl MockService {
    pub fn new(router: Router, kill: KillSwitch) -> Self {
        MockService {
            router: TowerToHyperService::new(router),
            kill,
        }
    }
}

type Answer = Pin<Box<dyn Future<Output = Result<Response<Body>, Infallible>> + Send>>;

impl hyper::service::Service<Request<Incoming>> for MockService {
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = Answer;

    fn call(&self, mut request: Request<Incoming>) -> Self::Future {
        if request.method() == Method::OPTIONS {
            let answer = cors::preflight(request.headers());
            return Box::pin(async move { Ok(answer) });
        }
        request.extensions_mut().insert(self.kill.clone());
        let answer = hyper::service::Service::call(&self.router, request);
        Box::pin(async move {
            let mut response = answer.await?;
            cors::decorate(response.headers_mut());
            Ok(response)
        })
    }
}
