fn main() {
    // Set for the WebAssembly fallback's build (packaging/node/build.sh): napi-rs runs futures
    // on wasm only with it (see src/lib.rs).
    println!("cargo::rustc-check-cfg=cfg(tokio_unstable)");
    napi_build::setup();
}
