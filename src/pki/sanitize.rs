//! Temporary stand-in.
/// Escapes control characters.
pub fn sanitize(s: &str) -> String {
    s.escape_debug().to_string()
}
