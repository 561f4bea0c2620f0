//! The async HTTP client (feature `client`).
