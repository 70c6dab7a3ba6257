//! Cryptographically secure random bytes (from aws-lc, the same source that makes the keys).

/// The system random source failed.
#[derive(Debug, thiserror::Error)]
#[error("the system random number generator failed")]
pub struct RandError;

/// Fills `buf` with random bytes.
pub fn fill(buf: &mut [u8]) -> Result<(), RandError> {
    aws_lc_rs::rand::fill(buf).map_err(|_| RandError)
}
