//! Typed user input for certificates: subjects, SANs and validity, parsed once at the edge.
//!
//! Each type implements `FromStr`, so the CLI hands the library values that are already
//! valid: a [`Subject`] from `"O=Acme,OU=Ops,C=US"`, a [`San`] typed the way step and mkcert
//! type them, a [`NotAfter`] from an RFC 3339 time or a duration such as `90d`.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A Subject Alternative Name, typed like step: IP, URI (`scheme:`), email (`@`), else DNS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum San {
    /// A DNS name.
    Dns(String),
    /// An IP address.
    Ip(IpAddr),
    /// A URI (e.g. `spiffe://...`).
    Uri(String),
    /// An email address (rfc822Name).
    Email(String),
}

impl FromStr for San {
    type Err = SpecError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.is_empty() {
            return Err(SpecError::San("empty SAN".into()));
        }
        if !s.is_ascii() {
            return Err(SpecError::San(format!(
                "{s:?}: SANs must be ASCII (use the punycode form of internationalised names)"
            )));
        }
        if let Ok(ip) = s.parse::<IpAddr>() {
            return Ok(San::Ip(ip));
        }
        if let Some((scheme, rest)) = s.split_once(':') {
            let scheme_ok = scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
            if scheme_ok && !rest.is_empty() {
                let san = San::Uri(s.to_string());
                san.check()?;
                return Ok(san);
            }
            return Err(SpecError::San(format!(
                "{s:?} is not an IP address, URI, email or DNS name"
            )));
        }
        if s.contains('@') {
            let san = San::Email(s.to_string());
            san.check()?;
            return Ok(san);
        }
        let san = San::Dns(s.to_string());
        san.check()?;
        Ok(san)
    }
}

/// True for a DNS name mtlsctl certifies: ASCII labels of letters, digits, `-` and `_`, at
/// most 63 characters each and 253 in all; with `wildcard`, the leftmost label may be `*`.
fn dns_name_ok(s: &str, wildcard: bool) -> bool {
    s.len() <= 253
        && s.split('.').enumerate().all(|(i, label)| {
            (wildcard && i == 0 && label == "*")
                || (!label.is_empty()
                    && label.len() <= 63
                    && label
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        })
}

impl San {
    /// Checks a SAN of a known type by the rules `--san` applies (also to a CSR's SANs):
    /// DNS names by DNS syntax (a wildcard only as the whole leftmost label), emails as
    /// `local@domain` with a DNS domain, URIs as `scheme:rest`; none may hold whitespace,
    /// control characters or anything outside ASCII.
    pub fn check(&self) -> Result<(), SpecError> {
        let text = match self {
            San::Ip(_) => return Ok(()),
            San::Dns(s) | San::Uri(s) | San::Email(s) => s,
        };
        if !text.is_ascii()
            || text
                .chars()
                .any(|c| c.is_ascii_whitespace() || c.is_control())
        {
            return Err(SpecError::San(format!(
                "{text:?}: SANs must be ASCII without spaces or control characters (use the punycode form of internationalised names)"
            )));
        }
        let ok = match self {
            San::Ip(_) => true,
            San::Dns(d) => dns_name_ok(d, true) && d.parse::<IpAddr>().is_err(),
            San::Email(e) => e.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty() && !domain.contains('@') && dns_name_ok(domain, false)
            }),
            San::Uri(u) => u.split_once(':').is_some_and(|(scheme, rest)| {
                scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                    && !rest.is_empty()
            }),
        };
        if ok {
            return Ok(());
        }
        let what = match self {
            San::Dns(_) => "a valid DNS name",
            San::Email(_) => "a valid email address (local@domain)",
            _ => "a valid URI (scheme:...)",
        };
        Err(SpecError::San(format!("{text:?} is not {what}")))
    }
}

impl fmt::Display for San {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            San::Dns(d) => write!(f, "DNS:{d}"),
            San::Ip(ip) => write!(f, "IP:{ip}"),
            San::Uri(u) => write!(f, "URI:{u}"),
            San::Email(e) => write!(f, "email:{e}"),
        }
    }
}

/// A subject attribute type mtlsctl accepts in `--subject`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attr {
    /// Short name as OpenSSL prints it.
    pub short: &'static str,
    /// OID arcs.
    pub oid: &'static [u64],
    /// Encoded as PrintableString (C, serialNumber) rather than UTF8String.
    pub printable: bool,
}

/// The attributes accepted in `--subject`, with their aliases.
pub const ATTRS: &[(&str, Attr)] = &[
    (
        "CN",
        Attr {
            short: "CN",
            oid: &[2, 5, 4, 3],
            printable: false,
        },
    ),
    (
        "C",
        Attr {
            short: "C",
            oid: &[2, 5, 4, 6],
            printable: true,
        },
    ),
    (
        "L",
        Attr {
            short: "L",
            oid: &[2, 5, 4, 7],
            printable: false,
        },
    ),
    (
        "ST",
        Attr {
            short: "ST",
            oid: &[2, 5, 4, 8],
            printable: false,
        },
    ),
    (
        "STREET",
        Attr {
            short: "street",
            oid: &[2, 5, 4, 9],
            printable: false,
        },
    ),
    (
        "O",
        Attr {
            short: "O",
            oid: &[2, 5, 4, 10],
            printable: false,
        },
    ),
    (
        "OU",
        Attr {
            short: "OU",
            oid: &[2, 5, 4, 11],
            printable: false,
        },
    ),
    (
        "TITLE",
        Attr {
            short: "title",
            oid: &[2, 5, 4, 12],
            printable: false,
        },
    ),
    (
        "SERIALNUMBER",
        Attr {
            short: "serialNumber",
            oid: &[2, 5, 4, 5],
            printable: true,
        },
    ),
    (
        "SN",
        Attr {
            short: "SN",
            oid: &[2, 5, 4, 4],
            printable: false,
        },
    ),
    (
        "GN",
        Attr {
            short: "GN",
            oid: &[2, 5, 4, 42],
            printable: false,
        },
    ),
    (
        "GIVENNAME",
        Attr {
            short: "GN",
            oid: &[2, 5, 4, 42],
            printable: false,
        },
    ),
    (
        "DC",
        Attr {
            short: "DC",
            oid: &[0, 9, 2342, 19200300, 100, 1, 25],
            printable: false,
        },
    ),
    (
        "UID",
        Attr {
            short: "UID",
            oid: &[0, 9, 2342, 19200300, 100, 1, 1],
            printable: false,
        },
    ),
    (
        "EMAILADDRESS",
        Attr {
            short: "emailAddress",
            oid: &[1, 2, 840, 113549, 1, 9, 1],
            printable: false,
        },
    ),
    (
        "E",
        Attr {
            short: "emailAddress",
            oid: &[1, 2, 840, 113549, 1, 9, 1],
            printable: false,
        },
    ),
];

/// A subject name in certificate order (least specific first), as `--subject` gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subject {
    /// Attributes in order.
    pub entries: Vec<(Attr, String)>,
}

impl Subject {
    /// Sets the CN, replacing any CN already present (the CN goes last).
    pub fn with_cn(mut self, cn: &str) -> Subject {
        self.entries.retain(|(a, _)| a.short != "CN");
        self.entries.push((ATTRS[0].1, cn.to_string()));
        self
    }

    /// The CN, if any.
    pub fn cn(&self) -> Option<&str> {
        self.entries
            .iter()
            .find(|(a, _)| a.short == "CN")
            .map(|(_, v)| v.as_str())
    }
}

impl FromStr for Subject {
    type Err = SpecError;

    /// Parses `O=Acme,OU=Ops,C=US` (also `/O=Acme/OU=Ops`), with `\,` escaping a comma.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (sep, body) = match s.strip_prefix('/') {
            Some(rest) => ('/', rest),
            None => (',', s),
        };
        let mut parts = Vec::new();
        let mut cur = String::new();
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some(n) => cur.push(n),
                    None => return Err(SpecError::Subject("trailing backslash".into())),
                },
                c if c == sep => parts.push(std::mem::take(&mut cur)),
                c => cur.push(c),
            }
        }
        parts.push(cur);
        let mut entries = Vec::new();
        for part in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
            let Some((k, v)) = part.split_once('=') else {
                return Err(SpecError::Subject(format!("{part:?} is not KEY=VALUE")));
            };
            let key = k.trim().to_ascii_uppercase();
            let Some((_, attr)) = ATTRS.iter().find(|(name, _)| *name == key) else {
                return Err(SpecError::Subject(format!(
                    "unknown attribute {:?}: use CN, O, OU, C, ST, L, STREET, DC, UID, serialNumber, title, GN, SN or emailAddress",
                    k.trim()
                )));
            };
            let v = v.trim();
            if v.is_empty() {
                return Err(SpecError::Subject(format!(
                    "{} has an empty value",
                    attr.short
                )));
            }
            check_value(attr, v)?;
            if entries
                .iter()
                .any(|(a, _): &(Attr, String)| a.oid == attr.oid)
            {
                return Err(SpecError::Subject(format!(
                    "{} is given twice; repeated attributes are not supported",
                    attr.short
                )));
            }
            entries.push((*attr, v.to_string()));
        }
        if entries.is_empty() {
            return Err(SpecError::Subject("the subject is empty".into()));
        }
        Ok(Subject { entries })
    }
}

/// Checks one subject attribute value by the rules `--subject` applies (also to `--cn` and to
/// a CSR's subject): not empty, no control or bidirectional-override characters, C a
/// two-letter code, PrintableString attributes (C, serialNumber) in their character set.
pub fn check_value(attr: &Attr, v: &str) -> Result<(), SpecError> {
    if v.trim().is_empty() {
        return Err(SpecError::Subject(format!(
            "{} has an empty value",
            attr.short
        )));
    }
    if attr.short == "C" && (v.len() != 2 || !v.chars().all(|c| c.is_ascii_alphabetic())) {
        return Err(SpecError::Subject(format!(
            "C must be a two-letter country code, not {v:?}"
        )));
    }
    if attr.printable && !v.chars().all(is_printable_string_char) {
        return Err(SpecError::Subject(format!(
            "{} may only hold letters, digits, spaces and '()+,-./:=?",
            attr.short
        )));
    }
    if v.chars().any(super::sanitize::is_dangerous) {
        return Err(SpecError::Subject(format!(
            "{} contains a control or bidirectional-override character",
            attr.short
        )));
    }
    Ok(())
}

/// Parses a `--cn` value: trimmed, checked like a `--subject` CN ([`check_value`]).
pub fn parse_cn(s: &str) -> Result<String, SpecError> {
    let v = s.trim();
    check_value(&ATTRS[0].1, v)?;
    Ok(v.to_string())
}

impl fmt::Display for Subject {
    /// `O=Acme, OU=Ops, CN=x` (certificate order), for messages; values are shown as given.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (attr, value)) in self.entries.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}={value}", attr.short)?;
        }
        Ok(())
    }
}

fn is_printable_string_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || " '()+,-./:=?".contains(c)
}

/// When a certificate stops being valid, as the user said it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAfter {
    /// An absolute time.
    At(OffsetDateTime),
    /// A duration from now.
    In(time::Duration),
}

impl NotAfter {
    /// Resolves to an absolute time, given "now".
    pub fn resolve(self, now: OffsetDateTime) -> OffsetDateTime {
        match self {
            NotAfter::At(t) => t,
            NotAfter::In(d) => now + d,
        }
    }

    /// `N` days from now.
    pub fn days(n: u32) -> NotAfter {
        NotAfter::In(time::Duration::days(i64::from(n)))
    }
}

impl FromStr for NotAfter {
    type Err = SpecError;

    /// An RFC 3339 time (`2027-01-01T00:00:00Z`) or a duration: `90d`, `12h`, `1y`, `1d12h`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
            return Ok(NotAfter::At(t));
        }
        parse_duration(s).map(NotAfter::In)
    }
}

/// Parses `90d`, `12h`, `30m`, `45s`, `2w`, `1y` (365 days) and sums like `1d12h`.
///
/// ```
/// use mtlsctl::pki::spec::parse_duration;
/// assert_eq!(parse_duration("1d12h").unwrap(), time::Duration::hours(36));
/// assert!(parse_duration("90").is_err());
/// ```
pub fn parse_duration(s: &str) -> Result<time::Duration, SpecError> {
    let bad = || {
        SpecError::Validity(format!(
            "{s:?} is neither an RFC 3339 time (2027-01-01T00:00:00Z) nor a duration (90d, 12h, 30m, 1y)"
        ))
    };
    if s.is_empty() {
        return Err(bad());
    }
    let mut total = time::Duration::ZERO;
    let mut num = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let n: i64 = num.parse().map_err(|_| bad())?;
        num.clear();
        let unit = match c {
            's' => time::Duration::SECOND,
            'm' => time::Duration::MINUTE,
            'h' => time::Duration::HOUR,
            'd' => time::Duration::DAY,
            'w' => time::Duration::WEEK,
            'y' => time::Duration::DAY * 365,
            _ => return Err(bad()),
        };
        let part = unit
            .checked_mul(i32::try_from(n).map_err(|_| bad())?)
            .ok_or_else(bad)?;
        total = total.checked_add(part).ok_or_else(bad)?;
    }
    if !num.is_empty() {
        return Err(bad());
    }
    if total <= time::Duration::ZERO {
        return Err(SpecError::Validity(format!(
            "{s:?}: the duration must be positive"
        )));
    }
    if total > time::Duration::DAY * (365 * 100) {
        return Err(SpecError::Validity(format!("{s:?}: more than 100 years")));
    }
    Ok(total)
}

/// Errors in user-given certificate specifications.
#[derive(Debug, thiserror::Error)]
pub enum SpecError {
    /// A bad `--san`.
    #[error("invalid SAN: {0}")]
    San(String),
    /// A bad `--subject`.
    #[error("invalid subject: {0}")]
    Subject(String),
    /// A bad `--not-after` / `--days`.
    #[error("invalid validity: {0}")]
    Validity(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn san_typing_follows_step() {
        assert_eq!(
            "10.0.0.1".parse::<San>().unwrap(),
            San::Ip("10.0.0.1".parse().unwrap())
        );
        assert_eq!(
            "::1".parse::<San>().unwrap(),
            San::Ip("::1".parse().unwrap())
        );
        assert_eq!(
            "spiffe://acme/device/1".parse::<San>().unwrap(),
            San::Uri("spiffe://acme/device/1".into())
        );
        assert_eq!(
            "ops@acme.com".parse::<San>().unwrap(),
            San::Email("ops@acme.com".into())
        );
        assert_eq!(
            "api.acme.com".parse::<San>().unwrap(),
            San::Dns("api.acme.com".into())
        );
        assert!("bad name".parse::<San>().is_err());
        assert!("".parse::<San>().is_err());
        assert_eq!(
            "*.acme.com".parse::<San>().unwrap(),
            San::Dns("*.acme.com".into())
        );
        for bad in [
            "a*b.acme.com",
            "api.*.acme.com",
            "a\x1b[2Jb.example",
            "x@y@z",
            "@acme.com",
            "ops@acme\x07.com",
            "spiffe://a\x1bb",
            "spiffe://a b",
            "ops@",
        ] {
            assert!(bad.parse::<San>().is_err(), "{bad:?}");
        }
        assert!(San::Dns("10.0.0.1".into()).check().is_err());
        assert!(San::Uri("https://x\ty".into()).check().is_err());
        assert!(San::Email("a@b.example".into()).check().is_ok());
    }

    #[test]
    fn subject_parses_in_order_with_escapes() {
        let s: Subject = "O=Acme\\, Inc.,OU=Ops,C=US".parse().unwrap();
        let got: Vec<_> = s
            .entries
            .iter()
            .map(|(a, v)| (a.short, v.as_str()))
            .collect();
        assert_eq!(got, vec![("O", "Acme, Inc."), ("OU", "Ops"), ("C", "US")]);
        let s: Subject = "/C=US/O=Acme/CN=x".parse().unwrap();
        assert_eq!(s.cn(), Some("x"));
        assert_eq!(s.with_cn("y").cn(), Some("y"));
        assert!("C=USA".parse::<Subject>().is_err());
        assert!("X=1".parse::<Subject>().is_err());
        assert!("O".parse::<Subject>().is_err());
        assert!("O=a\u{202e}b".parse::<Subject>().is_err());
        assert!(parse_cn("dev\x1b]0;x\x07").is_err());
        assert!(parse_cn("  ").is_err());
        assert_eq!(parse_cn(" device 42 ").unwrap(), "device 42");
        let s: Subject = "O=Acme,CN=x".parse().unwrap();
        assert_eq!(s.to_string(), "O=Acme, CN=x");
    }

    #[test]
    fn durations_and_times() {
        assert_eq!(parse_duration("90d").unwrap(), time::Duration::days(90));
        assert_eq!(parse_duration("1d12h").unwrap(), time::Duration::hours(36));
        assert!(parse_duration("12").is_err());
        assert!(parse_duration("0d").is_err());
        assert!(parse_duration("5x").is_err());
        assert!(matches!(
            "2030-01-01T00:00:00Z".parse::<NotAfter>(),
            Ok(NotAfter::At(_))
        ));
    }
}
