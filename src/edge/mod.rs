//! Temporary stand-in.
pub mod cert_fields;
