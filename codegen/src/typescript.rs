//! TypeScript types for both JS packages (filled in with the JS layer).

pub fn schema() -> String {
    String::new()
}
