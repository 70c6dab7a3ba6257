//! Temporary stand-in, replaced by the OpenSSL-exact formatter.
use x509_parser::x509::X509Name;
/// RFC 2253 form.
pub fn rfc2253(name: &X509Name<'_>) -> String {
    name.to_string()
}
/// Legacy slash form.
pub fn legacy(name: &X509Name<'_>) -> String {
    name.to_string()
}
