//! Temporary stand-in.
/// A value.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(untagged)]
pub enum FieldValue<'a> {
    /// String.
    Str(&'a str),
    /// Bool.
    Bool(bool),
}
/// Fields.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct CertFields {}
impl CertFields {
    /// Stub.
    pub fn from_der(
        _leaf: &[u8],
        _chain: &[Vec<u8>],
        _issuer: Option<&[u8]>,
    ) -> Result<CertFields, String> {
        Ok(CertFields {})
    }
    /// Stub.
    pub fn entries(&self) -> Vec<(&'static str, FieldValue<'_>)> {
        Vec::new()
    }
}
