//! Distinguished-name printing, byte for byte as OpenSSL 3.0 prints it.
//!
//! This module owns two renderings of an [`X509Name`]:
//!
//! * [`rfc2253`]: `openssl x509 -nameopt RFC2253` (`X509_NAME_print_ex` with
//!   `XN_FLAG_RFC2253`): attributes most specific first, `,` between RDNs and `+`
//!   inside a multi-valued RDN, short names (`CN`, `emailAddress`, ...), dotted
//!   OIDs for unknown attribute types. Values are escaped like OpenSSL's
//!   `do_esc_char` with `ESC_2253 | ESC_CTRL | ESC_MSB | UTF8_CONVERT |
//!   DUMP_UNKNOWN | DUMP_DER`: `,+"\<>;` get a backslash, a leading `#` or space
//!   and a trailing space get a backslash (a one-character value counts only as
//!   "last", as in OpenSSL), control characters and every byte of non-ASCII
//!   UTF-8 become `\XX` (upper-case hex). Latin-1 string types (PrintableString,
//!   T61String, IA5String, ...) are converted to UTF-8 first, BMPString and
//!   UniversalString likewise. Unknown attribute types and non-string values are
//!   dumped as `#` followed by the upper-case hex of the value's DER.
//! * [`legacy`]: `openssl x509 -nameopt compat` (`X509_NAME_oneline`): attributes
//!   in certificate order, each preceded by `/` (or `+` inside a multi-valued
//!   RDN); `/` and `+` in values get a backslash; any byte outside `' '..='~'`
//!   of the raw string content becomes `\xXX`.
//!
//! Both were checked against the `openssl` 3.0 binary (see
//! `tests/cert_fields_openssl.rs`). Not covered: attribute types that OpenSSL
//! knows by a short name but this module's table does not (they print as a
//! dotted OID here); the table holds the X.520, PKCS #9, pilot (RFC 4519) and
//! EV jurisdiction attributes. This module does not sanitize for terminals: see
//! [`crate::pki::sanitize`].

use std::fmt::Write as _;

use x509_parser::der_parser::asn1_rs::{Any, Class};
use x509_parser::x509::X509Name;

/// OpenSSL short names of the name attribute types it knows, by dotted OID.
const SHORT_NAMES: &[(&str, &str)] = &[
    ("2.5.4.3", "CN"),
    ("2.5.4.4", "SN"),
    ("2.5.4.5", "serialNumber"),
    ("2.5.4.6", "C"),
    ("2.5.4.7", "L"),
    ("2.5.4.8", "ST"),
    ("2.5.4.9", "street"),
    ("2.5.4.10", "O"),
    ("2.5.4.11", "OU"),
    ("2.5.4.12", "title"),
    ("2.5.4.13", "description"),
    ("2.5.4.14", "searchGuide"),
    ("2.5.4.15", "businessCategory"),
    ("2.5.4.16", "postalAddress"),
    ("2.5.4.17", "postalCode"),
    ("2.5.4.18", "postOfficeBox"),
    ("2.5.4.19", "physicalDeliveryOfficeName"),
    ("2.5.4.20", "telephoneNumber"),
    ("2.5.4.21", "telexNumber"),
    ("2.5.4.22", "teletexTerminalIdentifier"),
    ("2.5.4.23", "facsimileTelephoneNumber"),
    ("2.5.4.24", "x121Address"),
    ("2.5.4.25", "internationaliSDNNumber"),
    ("2.5.4.26", "registeredAddress"),
    ("2.5.4.27", "destinationIndicator"),
    ("2.5.4.28", "preferredDeliveryMethod"),
    ("2.5.4.29", "presentationAddress"),
    ("2.5.4.30", "supportedApplicationContext"),
    ("2.5.4.31", "member"),
    ("2.5.4.32", "owner"),
    ("2.5.4.33", "roleOccupant"),
    ("2.5.4.34", "seeAlso"),
    ("2.5.4.35", "userPassword"),
    ("2.5.4.36", "userCertificate"),
    ("2.5.4.37", "cACertificate"),
    ("2.5.4.38", "authorityRevocationList"),
    ("2.5.4.39", "certificateRevocationList"),
    ("2.5.4.40", "crossCertificatePair"),
    ("2.5.4.41", "name"),
    ("2.5.4.42", "GN"),
    ("2.5.4.43", "initials"),
    ("2.5.4.44", "generationQualifier"),
    ("2.5.4.45", "x500UniqueIdentifier"),
    ("2.5.4.46", "dnQualifier"),
    ("2.5.4.47", "enhancedSearchGuide"),
    ("2.5.4.48", "protocolInformation"),
    ("2.5.4.49", "distinguishedName"),
    ("2.5.4.50", "uniqueMember"),
    ("2.5.4.51", "houseIdentifier"),
    ("2.5.4.52", "supportedAlgorithms"),
    ("2.5.4.53", "deltaRevocationList"),
    ("2.5.4.54", "dmdName"),
    ("2.5.4.65", "pseudonym"),
    ("2.5.4.72", "role"),
    ("2.5.4.97", "organizationIdentifier"),
    ("2.5.4.98", "c3"),
    ("2.5.4.99", "n3"),
    ("2.5.4.100", "dnsName"),
    ("1.2.840.113549.1.9.1", "emailAddress"),
    ("1.2.840.113549.1.9.2", "unstructuredName"),
    ("1.2.840.113549.1.9.8", "unstructuredAddress"),
    ("0.9.2342.19200300.100.1.1", "UID"),
    ("0.9.2342.19200300.100.1.3", "mail"),
    ("0.9.2342.19200300.100.1.25", "DC"),
    ("1.3.6.1.4.1.311.60.2.1.1", "jurisdictionL"),
    ("1.3.6.1.4.1.311.60.2.1.2", "jurisdictionST"),
    ("1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC"),
];

// OpenSSL's escape flags (crypto/asn1/a_strex.c, charmap.h).
const ESC_2253: u8 = 1;
const ESC_CTRL: u8 = 2;
const FIRST_ESC_2253: u8 = 0x20;
const LAST_ESC_2253: u8 = 0x40;

/// Upper-case hex digits, as OpenSSL prints them.
const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// The short name OpenSSL prints for an attribute type, or `None` if unknown.
pub fn short_name(dotted_oid: &str) -> Option<&'static str> {
    SHORT_NAMES
        .iter()
        .find(|(oid, _)| *oid == dotted_oid)
        .map(|(_, sn)| *sn)
}

/// One attribute with the index of the RDN (SET) it belongs to.
struct Entry<'n, 'a> {
    set: usize,
    oid: String,
    value: &'n Any<'a>,
}

fn entries<'n, 'a>(name: &'n X509Name<'a>) -> Vec<Entry<'n, 'a>> {
    let mut out = Vec::new();
    for (set, rdn) in name.iter().enumerate() {
        for atv in rdn.iter() {
            out.push(Entry {
                set,
                oid: atv.attr_type().to_id_string(),
                value: atv.attr_value(),
            });
        }
    }
    out
}

/// RFC 2253 form, identical to `openssl x509 -nameopt RFC2253`.
pub fn rfc2253(name: &X509Name<'_>) -> String {
    let mut out = String::new();
    let mut prev: Option<usize> = None;
    for e in entries(name).iter().rev() {
        if let Some(p) = prev {
            out.push(if p == e.set { '+' } else { ',' });
        }
        prev = Some(e.set);
        match short_name(&e.oid) {
            Some(sn) => {
                out.push_str(sn);
                out.push('=');
                rfc2253_value(&mut out, e.value);
            }
            None => {
                out.push_str(&e.oid);
                out.push('=');
                dump_der(&mut out, e.value);
            }
        }
    }
    out
}

/// Legacy slash form, identical to `openssl x509 -nameopt compat`.
pub fn legacy(name: &X509Name<'_>) -> String {
    let mut out = String::new();
    let mut prev: Option<usize> = None;
    for e in entries(name) {
        out.push(if prev == Some(e.set) { '+' } else { '/' });
        prev = Some(e.set);
        out.push_str(short_name(&e.oid).unwrap_or(&e.oid));
        out.push('=');
        let raw = oneline_bytes(e.value);
        for b in raw {
            if !(b' '..=b'~').contains(&b) {
                out.push_str("\\x");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            } else if b == b'/' || b == b'+' {
                out.push('\\');
                out.push(char::from(b));
            } else {
                out.push(char::from(b));
            }
        }
    }
    out
}

/// The bytes `X509_NAME_oneline` prints for a value: the string content, with
/// OpenSSL's GeneralString-as-UCS-4 heuristic; the whole DER for constructed values.
fn oneline_bytes(value: &Any<'_>) -> Vec<u8> {
    let data = value.data;
    if value.header.is_constructed() || value.header.class() != Class::Universal {
        return der_of(value);
    }
    if value.header.tag().0 == 27 && data.len().is_multiple_of(4) {
        // GeneralString whose length is a multiple of 4: if only every 4th
        // byte is non-zero, OpenSSL prints just those bytes.
        let mut nonzero = [false; 4];
        for (j, b) in data.iter().enumerate() {
            if *b != 0 {
                nonzero[j & 3] = true;
            }
        }
        if !(nonzero[0] || nonzero[1] || nonzero[2]) {
            return data.iter().skip(3).step_by(4).copied().collect();
        }
    }
    data.to_vec()
}

/// The DER encoding of a value (header rebuilt minimally, then content).
fn der_of(value: &Any<'_>) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.data.len() + 6);
    let class = value.header.class() as u8;
    let constructed = if value.header.is_constructed() {
        0x20
    } else {
        0
    };
    let tag = value.header.tag().0;
    if tag < 31 {
        // `tag < 31` so the cast cannot truncate.
        out.push((class << 6) | constructed | tag as u8);
    } else {
        out.push((class << 6) | constructed | 0x1f);
        let mut groups = Vec::new();
        let mut t = tag;
        loop {
            groups.push((t & 0x7f) as u8);
            t >>= 7;
            if t == 0 {
                break;
            }
        }
        let n = groups.len();
        for (i, g) in groups.iter().rev().enumerate() {
            out.push(if i + 1 < n { g | 0x80 } else { *g });
        }
    }
    let len = value.data.len();
    if len < 0x80 {
        // `len < 0x80` so the cast cannot truncate.
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        let sig = &bytes[skip..];
        // At most size_of::<usize>() bytes, so the cast cannot truncate.
        out.push(0x80 | sig.len() as u8);
        out.extend_from_slice(sig);
    }
    out.extend_from_slice(value.data);
    out
}

/// `#` and the upper-case hex of the value's DER (OpenSSL `DUMP_DER`).
fn dump_der(out: &mut String, value: &Any<'_>) {
    out.push('#');
    for b in der_of(value) {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
}

/// Bytes per character for a universal string tag, as OpenSSL's `tag2nbyte`
/// (0 = UTF-8, taken byte by byte), or `None` for a type that is dumped.
fn char_width(tag: u32) -> Option<usize> {
    match tag {
        12 => Some(0),
        18 | 19 | 20 | 22 | 23 | 24 | 26 => Some(1),
        28 => Some(4),
        30 => Some(2),
        _ => None,
    }
}

fn rfc2253_value(out: &mut String, value: &Any<'_>) {
    let width = if value.header.class() == Class::Universal && !value.header.is_constructed() {
        char_width(value.header.tag().0)
    } else {
        None
    };
    let Some(width) = width else {
        dump_der(out, value);
        return;
    };
    let data = value.data;
    let step = width.max(1);
    if !data.len().is_multiple_of(step) {
        // OpenSSL fails to print such a value; dump it instead of guessing.
        dump_der(out, value);
        return;
    }
    let chunks: Vec<&[u8]> = data.chunks(step).collect();
    let last = chunks.len().saturating_sub(1);
    for (i, chunk) in chunks.iter().enumerate() {
        let position = if i == last {
            LAST_ESC_2253
        } else if i == 0 {
            FIRST_ESC_2253
        } else {
            0
        };
        let c = chunk.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b));
        if width == 0 {
            // UTF8String: each byte is escaped as is, no conversion.
            esc_byte(out, chunk[0], position);
        } else {
            let mut buf = [0u8; 4];
            let encoded: &[u8] = match char::from_u32(c) {
                Some(ch) => ch.encode_utf8(&mut buf).as_bytes(),
                // Surrogates and values above U+10FFFF: OpenSSL's UTF8_putc
                // refuses them and nothing is printed.
                None => &[],
            };
            for b in encoded {
                esc_byte(out, *b, position);
            }
        }
    }
}

/// OpenSSL's `char_type` bits relevant to RFC 2253 printing for an ASCII byte.
fn char_type(b: u8) -> u8 {
    match b {
        0..=0x1f | 0x7f => ESC_CTRL,
        b',' | b'+' | b'"' | b'\\' | b'<' | b'>' | b';' => ESC_2253,
        b'#' => FIRST_ESC_2253,
        b' ' => FIRST_ESC_2253 | LAST_ESC_2253,
        _ => 0,
    }
}

/// OpenSSL's `do_esc_char` with the RFC 2253 flags plus the position flag.
fn esc_byte(out: &mut String, b: u8, position: u8) {
    let flags = ESC_2253 | ESC_CTRL | position;
    if b > 0x7f {
        let _ = write!(out, "\\{b:02X}");
        return;
    }
    let ch = char_type(b) & flags;
    if ch & (ESC_2253 | FIRST_ESC_2253 | LAST_ESC_2253) != 0 {
        out.push('\\');
        out.push(char::from(b));
    } else if ch & ESC_CTRL != 0 {
        let _ = write!(out, "\\{b:02X}");
    } else {
        out.push(char::from(b));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use x509_parser::prelude::FromDer;

    /// One attribute: (OID content bytes, value tag, value bytes).
    type Atv<'x> = (&'x [u8], u8, &'x [u8]);

    /// Build a Name DER from RDNs of attributes.
    fn name_der(rdns: &[&[Atv<'_>]]) -> Vec<u8> {
        fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
            assert!(body.len() < 128);
            let mut v = vec![tag, body.len() as u8];
            v.extend_from_slice(body);
            v
        }
        let mut seq = Vec::new();
        for rdn in rdns {
            let mut set = Vec::new();
            for (oid, tag, val) in rdn.iter() {
                let mut atv = tlv(6, oid);
                atv.extend(tlv(*tag, val));
                set.extend(tlv(0x30, &atv));
            }
            seq.extend(tlv(0x31, &set));
        }
        tlv(0x30, &seq)
    }

    const CN: &[u8] = &[0x55, 4, 3];
    const O: &[u8] = &[0x55, 4, 10];
    const UNKNOWN: &[u8] = &[0x2a, 3, 4];

    fn both(der: &[u8]) -> (String, String) {
        let (_, name) = X509Name::from_der(der).expect("name parses");
        (rfc2253(&name), legacy(&name))
    }

    #[test]
    fn escapes_specials_and_positions() {
        let der = name_der(&[&[(CN, 12, b" #a,b+c\"d\\e<f>g;h=i ")]]);
        let (r, l) = both(&der);
        assert_eq!(r, r#"CN=\ #a\,b\+c\"d\\e\<f\>g\;h=i\ "#);
        assert_eq!(l, r#"/CN= #a,b\+c"d\e<f>g;h=i "#);
    }

    #[test]
    fn one_char_value_is_only_last() {
        let der = name_der(&[&[(CN, 12, b"#")], &[(O, 12, b" ")]]);
        assert_eq!(both(&der).0, r"O=\ ,CN=#");
    }

    #[test]
    fn bmp_t61_and_unknown() {
        let der = name_der(&[
            &[(CN, 30, &[0, b'Z', 0x65, 0xe5])],
            &[(O, 20, &[b'Z', 0xeb])],
            &[(UNKNOWN, 12, b"x")],
        ]);
        let (r, l) = both(&der);
        assert_eq!(r, r"1.2.3.4=#0C0178,O=Z\C3\AB,CN=Z\E6\97\A5");
        assert_eq!(l, r"/CN=\x00Ze\xE5/O=Z\xEB/1.2.3.4=x");
    }

    #[test]
    fn multivalued_rdn() {
        let der = name_der(&[&[(CN, 12, b"a"), (O, 12, b"b")], &[(O, 12, b"c/d")]]);
        let (r, l) = both(&der);
        assert_eq!(r, "O=c/d,O=b+CN=a");
        assert_eq!(l, r"/CN=a+O=b/O=c\/d");
    }

    #[test]
    fn general_string_sequence_and_controls() {
        // GeneralString (27) is dumped in RFC 2253; oneline prints every 4th byte
        // when only those are non-zero. A SEQUENCE value is dumped whole.
        let der = name_der(&[
            &[(CN, 27, &[0, 0, 0, b'h', 0, 0, 0, b'i'])],
            &[(O, 0x30, &[0x05, 0x00])],
            &[(CN, 12, b"\x00a\nb\x7f")],
        ]);
        let (r, l) = both(&der);
        assert_eq!(r, r"CN=\00a\0Ab\7F,O=#30020500,CN=#1B080000006800000069");
        assert_eq!(l, r"/CN=hi/O=0\x02\x05\x00/CN=\x00a\x0Ab\x7F");
    }

    #[test]
    fn short_names() {
        assert_eq!(short_name("2.5.4.3"), Some("CN"));
        assert_eq!(short_name("1.2.840.113549.1.9.1"), Some("emailAddress"));
        assert_eq!(short_name("1.2.3.4"), None);
    }

    #[test]
    fn empty_name() {
        assert_eq!(both(&name_der(&[])), (String::new(), String::new()));
    }
}
