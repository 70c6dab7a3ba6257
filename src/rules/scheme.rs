//! The field catalogue: one static table of every field a rule may read, with its type and a
//! one-line description. The parser, the type checker, the context builder, `rule fields` and
//! the docs all read [`FIELDS`]; nothing else in the crate lists field names.

use std::fmt;

/// The type of a field, a function result or a sub-expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Type {
    /// `Boolean`.
    Bool,
    /// `Integer` (64-bit signed).
    Int,
    /// `String`: a sequence of raw bytes.
    Bytes,
    /// `IP address` (v4 or v6).
    Ip,
    /// `Array<T>`.
    Array(&'static Type),
    /// `Map<T>`: string keys.
    Map(&'static Type),
}

/// `Array<String>`.
pub const ARRAY_BYTES: Type = Type::Array(&Type::Bytes);
/// `Array<Boolean>`.
pub const ARRAY_BOOL: Type = Type::Array(&Type::Bool);
/// `Array<Integer>`.
pub const ARRAY_INT: Type = Type::Array(&Type::Int);
/// `Map<Array<String>>`.
pub const MAP_ARRAY_BYTES: Type = Type::Map(&ARRAY_BYTES);

impl Type {
    /// The element type of an array or map.
    pub fn element(self) -> Option<Type> {
        match self {
            Type::Array(t) | Type::Map(t) => Some(*t),
            _ => None,
        }
    }

    /// The array type whose elements are `self` (only for the element types that exist).
    pub fn array_of(self) -> Option<Type> {
        match self {
            Type::Bytes => Some(ARRAY_BYTES),
            Type::Bool => Some(ARRAY_BOOL),
            Type::Int => Some(ARRAY_INT),
            Type::Array(&Type::Bytes) => Some(Type::Array(&ARRAY_BYTES)),
            _ => None,
        }
    }

    /// The comparison operators this type accepts, as the docs spell them.
    pub fn operators(self) -> &'static str {
        match self {
            Type::Bool => "none: a Boolean is used bare (`field`, `not field`)",
            Type::Int => "eq ne lt le gt ge in & (bitwise_and)",
            Type::Bytes => "eq ne lt le gt ge contains matches wildcard \"strict wildcard\" in",
            Type::Ip => "eq ne in",
            Type::Array(_) | Type::Map(_) => {
                "none directly: index it (`[0]`, `[\"key\"]`) or use it in a function"
            }
        }
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Bool => f.write_str("Boolean"),
            Type::Int => f.write_str("Integer"),
            Type::Bytes => f.write_str("String"),
            Type::Ip => f.write_str("IP address"),
            Type::Array(t) => write!(f, "Array<{t}>"),
            Type::Map(t) => write!(f, "Map<{t}>"),
        }
    }
}

/// One field of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDef {
    /// The dotted name, e.g. `cf.tls_client_auth.cert_verified`.
    pub name: &'static str,
    /// Its type.
    pub ty: Type,
    /// A one-line description.
    pub doc: &'static str,
}

const fn f(name: &'static str, ty: Type, doc: &'static str) -> FieldDef {
    FieldDef { name, ty, doc }
}

use Type::{Bool, Bytes, Int, Ip};

/// Every field a rule may read, in catalogue order. Field ids are indexes into this table.
pub static FIELDS: &[FieldDef] = &[
    // cloudflare.md §1: the client-certificate fields.
    f(
        "cf.tls_client_auth.cert_presented",
        Bool,
        "a client certificate was sent, valid or not",
    ),
    f(
        "cf.tls_client_auth.cert_verified",
        Bool,
        "the certificate chains to an account CA and is within its validity (also true when revoked)",
    ),
    f(
        "cf.tls_client_auth.cert_revoked",
        Bool,
        "the certificate is valid but revoked",
    ),
    f(
        "cf.tls_client_auth.cert_issuer_dn",
        Bytes,
        "issuer DN, RFC 2253 order, no spaces after commas",
    ),
    f(
        "cf.tls_client_auth.cert_subject_dn",
        Bytes,
        "subject DN, RFC 2253 order, no spaces after commas",
    ),
    f(
        "cf.tls_client_auth.cert_issuer_dn_rfc2253",
        Bytes,
        "issuer DN, RFC 2253 (same as cert_issuer_dn)",
    ),
    f(
        "cf.tls_client_auth.cert_subject_dn_rfc2253",
        Bytes,
        "subject DN, RFC 2253 (same as cert_subject_dn)",
    ),
    f(
        "cf.tls_client_auth.cert_issuer_dn_legacy",
        Bytes,
        "issuer DN, slash form in certificate order",
    ),
    f(
        "cf.tls_client_auth.cert_subject_dn_legacy",
        Bytes,
        "subject DN, slash form in certificate order",
    ),
    f(
        "cf.tls_client_auth.cert_serial",
        Bytes,
        "serial, upper-case hex, no colons",
    ),
    f(
        "cf.tls_client_auth.cert_issuer_serial",
        Bytes,
        "serial of the direct issuer, upper-case hex",
    ),
    f(
        "cf.tls_client_auth.cert_fingerprint_sha256",
        Bytes,
        "SHA-256 of the DER, lower-case hex",
    ),
    f(
        "cf.tls_client_auth.cert_fingerprint_sha1",
        Bytes,
        "SHA-1 of the DER, lower-case hex",
    ),
    f(
        "cf.tls_client_auth.cert_not_before",
        Bytes,
        "start of validity, `Mar 21 13:35:00 2022 GMT`",
    ),
    f(
        "cf.tls_client_auth.cert_not_after",
        Bytes,
        "end of validity, `Mar 21 13:35:00 2022 GMT`",
    ),
    f(
        "cf.tls_client_auth.cert_ski",
        Bytes,
        "the leaf's Subject Key Identifier, upper-case hex",
    ),
    f(
        "cf.tls_client_auth.cert_issuer_ski",
        Bytes,
        "the direct issuer's Subject Key Identifier, upper-case hex",
    ),
    f(
        "cf.tls_client_auth.cert_rfc9440",
        Bytes,
        "the leaf DER, base64 between colons; empty if over 10 KiB",
    ),
    f(
        "cf.tls_client_auth.cert_rfc9440_too_large",
        Bool,
        "the leaf encoding exceeded 10 KiB",
    ),
    f(
        "cf.tls_client_auth.cert_chain_rfc9440",
        Bytes,
        "the sent chain without the leaf, RFC 9440 list; empty if over 16 KiB",
    ),
    f(
        "cf.tls_client_auth.cert_chain_rfc9440_too_large",
        Bool,
        "the chain encoding exceeded 16 KiB",
    ),
    // cloudflare.md §2: request fields.
    f("http.host", Bytes, "the Host header as sent"),
    f("http.request.uri", Bytes, "path + `?` + query"),
    f(
        "http.request.uri.path",
        Bytes,
        "the path after URL normalization",
    ),
    f(
        "http.request.uri.path.extension",
        Bytes,
        "lower-cased extension without the dot",
    ),
    f("http.request.uri.query", Bytes, "query without `?`"),
    f(
        "http.request.full_uri",
        Bytes,
        "`https://host/path?query`, no fragment",
    ),
    f("http.request.method", Bytes, "request method, upper case"),
    f(
        "http.request.version",
        Bytes,
        "`HTTP/1.1`, `HTTP/2`, `HTTP/3`",
    ),
    f("http.user_agent", Bytes, "the User-Agent header"),
    f("http.referer", Bytes, "the Referer header"),
    f("http.cookie", Bytes, "the Cookie header"),
    f("http.x_forwarded_for", Bytes, "the X-Forwarded-For header"),
    f(
        "http.request.headers",
        MAP_ARRAY_BYTES,
        "headers by lower-cased name; values as sent",
    ),
    f(
        "http.request.headers.names",
        ARRAY_BYTES,
        "header names as sent",
    ),
    f(
        "http.request.headers.values",
        ARRAY_BYTES,
        "header values as sent",
    ),
    f(
        "http.request.uri.args",
        MAP_ARRAY_BYTES,
        "query arguments by name, not decoded",
    ),
    f(
        "http.request.uri.args.names",
        ARRAY_BYTES,
        "query argument names, not decoded",
    ),
    f(
        "http.request.uri.args.values",
        ARRAY_BYTES,
        "query argument values, not decoded",
    ),
    f("http.request.cookies", MAP_ARRAY_BYTES, "cookies by name"),
    f("ip.src", Ip, "the client address"),
    f(
        "ip.src.country",
        Bytes,
        "ISO 3166-1 alpha-2 country of the client",
    ),
    f("ip.src.continent", Bytes, "continent code of the client"),
    f("ip.src.asnum", Int, "AS number of the client"),
    f("ip.src.city", Bytes, "city of the client"),
    f("ssl", Bool, "the connection is TLS"),
    f("cf.tls_version", Bytes, "TLS version, e.g. `TLSv1.3`"),
    f("cf.tls_cipher", Bytes, "TLS cipher name"),
    f(
        "cf.edge.server_port",
        Int,
        "the edge port the request arrived on",
    ),
    f(
        "cf.edge.server_ip",
        Ip,
        "the edge address the request arrived on",
    ),
    f(
        "cf.bot_management.score",
        Int,
        "bot score 1-99 (Bot Management)",
    ),
    f(
        "cf.bot_management.verified_bot",
        Bool,
        "request from a known good bot",
    ),
    f(
        "cf.client.bot",
        Bool,
        "request from a known good bot (legacy name)",
    ),
    f("cf.threat_score", Int, "IP reputation score 0-100"),
    f("cf.ray_id", Bytes, "the request's Ray ID"),
    f("raw.http.request.uri", Bytes, "as received, not normalized"),
    f(
        "raw.http.request.uri.path",
        Bytes,
        "as received, not normalized",
    ),
    f(
        "raw.http.request.uri.query",
        Bytes,
        "as received, not normalized",
    ),
    f(
        "raw.http.request.full_uri",
        Bytes,
        "as received, not normalized",
    ),
];

/// The hash of the field-name index: eight bytes at a time, rotate-xor-multiply (FxHash's
/// step). Field names are short, fixed and not keys an attacker can add (an unknown name only
/// misses), so SipHash's flooding defence buys nothing here, and `serve` looks names up dozens
/// of times per request.
#[derive(Default)]
struct NameHasher(u64);

impl NameHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for NameHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
}

type FieldMap =
    std::collections::HashMap<&'static str, usize, std::hash::BuildHasherDefault<NameHasher>>;

/// The id (index into [`FIELDS`]) of a field name.
pub fn field_index(name: &str) -> Option<usize> {
    static INDEX: std::sync::OnceLock<FieldMap> = std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| {
            FIELDS
                .iter()
                .enumerate()
                .map(|(i, d)| (d.name, i))
                .collect()
        })
        .get(name)
        .copied()
}

/// The definition of a field name.
pub fn field(name: &str) -> Option<&'static FieldDef> {
    FIELDS.iter().find(|d| d.name == name)
}

/// Up to three known names closest to `name` by edit distance (for "did you mean").
pub fn suggest(name: &str) -> Vec<&'static str> {
    let mut scored: Vec<(usize, &'static str)> = FIELDS
        .iter()
        .map(|d| (edit_distance(name, d.name), d.name))
        .collect();
    scored.sort();
    let limit = (name.len() / 2).max(3);
    scored
        .into_iter()
        .filter(|(d, _)| *d <= limit)
        .take(3)
        .map(|(_, n)| n)
        .collect()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_indexed() {
        for (i, d) in FIELDS.iter().enumerate() {
            assert_eq!(field_index(d.name), Some(i), "{}", d.name);
        }
    }

    #[test]
    fn types_display_as_docs() {
        assert_eq!(MAP_ARRAY_BYTES.to_string(), "Map<Array<String>>");
        assert_eq!(Type::Ip.to_string(), "IP address");
    }

    #[test]
    fn suggests_near_names() {
        assert_eq!(
            suggest("cf.tls_client_auth.cert_verifed")[0],
            "cf.tls_client_auth.cert_verified"
        );
    }
}
