//! The functions a custom rule may call: their signatures (checked at parse time) and their
//! implementations (run by the evaluator). Functions that Cloudflare allows only in transform
//! rules are recognised so the error can say so.

use super::scheme::{ARRAY_BYTES, Type};
use super::value::Value;
use std::net::IpAddr;

/// A function usable in a custom rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Function {
    /// `any(Array<Boolean>)`.
    Any,
    /// `all(Array<Boolean>)`.
    All,
    /// `concat(String|Array, ...)`.
    Concat,
    /// `starts_with(field, "lit")`.
    StartsWith,
    /// `ends_with(field, "lit")`.
    EndsWith,
    /// `len(String|Array)`.
    Len,
    /// `lower(String)` (ASCII).
    Lower,
    /// `upper(String)` (ASCII).
    Upper,
    /// `url_decode(field[, "r"|"u"|"ru"])`.
    UrlDecode,
    /// `substring(String, start[, end])`.
    Substring,
    /// `remove_bytes(String, "bytes")`.
    RemoveBytes,
    /// `lookup_json_string(String, key...)`.
    LookupJsonString,
    /// `lookup_json_integer(String, key...)`.
    LookupJsonInteger,
    /// `cidr(ip, v4bits, v6bits)`.
    Cidr,
    /// `cidr6(ip, v6bits)`.
    Cidr6,
    /// `decode_base64(field)`.
    DecodeBase64,
    /// `join(Array<String>, "sep")`.
    Join,
}

/// Functions valid only in transform rules.
pub const TRANSFORM_ONLY: &[&str] = &[
    "regex_replace",
    "wildcard_replace",
    "to_string",
    "uuidv4",
    "remove_query_args",
    "split",
];

const NAMES: &[(&str, Function)] = &[
    ("any", Function::Any),
    ("all", Function::All),
    ("concat", Function::Concat),
    ("starts_with", Function::StartsWith),
    ("ends_with", Function::EndsWith),
    ("len", Function::Len),
    ("lower", Function::Lower),
    ("upper", Function::Upper),
    ("url_decode", Function::UrlDecode),
    ("substring", Function::Substring),
    ("remove_bytes", Function::RemoveBytes),
    ("lookup_json_string", Function::LookupJsonString),
    ("lookup_json_integer", Function::LookupJsonInteger),
    ("cidr", Function::Cidr),
    ("cidr6", Function::Cidr6),
    ("decode_base64", Function::DecodeBase64),
    ("join", Function::Join),
];

/// What the checker knows about one argument.
#[derive(Debug, Clone, Copy)]
pub struct ArgInfo {
    /// Its type (the element type when `mapped`).
    pub ty: Type,
    /// Produced by `[*]`: the function applies to each element.
    pub mapped: bool,
    /// A literal.
    pub literal: bool,
    /// A plain field (possibly indexed).
    pub field: bool,
}

impl Function {
    /// Look a function up by name.
    pub fn from_name(name: &str) -> Option<Function> {
        NAMES.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
    }

    /// The function's name.
    pub fn name(self) -> &'static str {
        NAMES
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("?", |(n, _)| n)
    }

    /// All function names.
    pub fn names() -> impl Iterator<Item = &'static str> {
        NAMES.iter().map(|(n, _)| *n)
    }

    /// Check the arguments; the result type and whether it is mapped (one per element).
    pub fn check(self, args: &[ArgInfo]) -> Result<(Type, bool), String> {
        use Function as F;
        let name = self.name();
        let count = |min: usize, max: usize| -> Result<(), String> {
            if args.len() < min || args.len() > max {
                let want = if min == max {
                    format!("{min}")
                } else if max == usize::MAX {
                    format!("at least {min}")
                } else {
                    format!("{min} to {max}")
                };
                return Err(format!(
                    "{name}() takes {want} argument(s), got {}",
                    args.len()
                ));
            }
            Ok(())
        };
        let want = |i: usize, ty: Type, lit: bool| -> Result<(), String> {
            let a = args[i];
            if a.ty != ty || (i > 0 && a.mapped) {
                return Err(format!(
                    "argument {} of {name}() must be {ty}, got {}",
                    i + 1,
                    a.ty
                ));
            }
            if lit && !a.literal {
                return Err(format!("argument {} of {name}() must be a literal", i + 1));
            }
            Ok(())
        };
        let first_field = || -> Result<(), String> {
            if args.first().is_some_and(|a| !a.field) {
                return Err(format!(
                    "the first argument of {name}() must be a field, not a literal or a function"
                ));
            }
            Ok(())
        };
        let mapped = args.first().is_some_and(|a| a.mapped);
        match self {
            F::Any | F::All => {
                count(1, 1)?;
                let a = args[0];
                if !(a.ty == Type::Bool && a.mapped) && a.ty != Type::Array(&Type::Bool) {
                    return Err(format!(
                        "{name}() takes an Array<Boolean>, such as `{name}(http.request.headers.names[*] eq \"x\")`"
                    ));
                }
                Ok((Type::Bool, false))
            }
            F::Concat => {
                count(1, usize::MAX)?;
                let arrays = args[0].ty == ARRAY_BYTES && !args[0].mapped;
                for (i, a) in args.iter().enumerate() {
                    let ok = if arrays {
                        a.ty == ARRAY_BYTES || a.ty == Type::Bytes
                    } else {
                        a.ty == Type::Bytes
                    };
                    if !ok || (i > 0 && a.mapped) {
                        return Err(format!(
                            "argument {} of concat() must be String{}, got {}",
                            i + 1,
                            if arrays { " or Array<String>" } else { "" },
                            a.ty
                        ));
                    }
                }
                Ok((if arrays { ARRAY_BYTES } else { Type::Bytes }, mapped))
            }
            F::StartsWith | F::EndsWith => {
                count(2, 2)?;
                first_field()?;
                want(0, Type::Bytes, false)?;
                want(1, Type::Bytes, true)?;
                Ok((Type::Bool, mapped))
            }
            F::Len => {
                count(1, 1)?;
                match args[0].ty {
                    Type::Bytes | Type::Array(_) => Ok((Type::Int, mapped)),
                    t => Err(format!("len() takes a String or an Array, got {t}")),
                }
            }
            F::Lower | F::Upper | F::DecodeBase64 => {
                count(1, 1)?;
                if self == F::DecodeBase64 {
                    first_field()?;
                }
                want(0, Type::Bytes, false)?;
                Ok((Type::Bytes, mapped))
            }
            F::UrlDecode => {
                count(1, 2)?;
                first_field()?;
                want(0, Type::Bytes, false)?;
                if args.len() == 2 {
                    want(1, Type::Bytes, true)?;
                }
                Ok((Type::Bytes, mapped))
            }
            F::Substring => {
                count(2, 3)?;
                want(0, Type::Bytes, false)?;
                want(1, Type::Int, true)?;
                if args.len() == 3 {
                    want(2, Type::Int, true)?;
                }
                Ok((Type::Bytes, mapped))
            }
            F::RemoveBytes => {
                count(2, 2)?;
                want(0, Type::Bytes, false)?;
                want(1, Type::Bytes, true)?;
                Ok((Type::Bytes, mapped))
            }
            F::LookupJsonString | F::LookupJsonInteger => {
                count(2, usize::MAX)?;
                want(0, Type::Bytes, false)?;
                for (i, a) in args.iter().enumerate().skip(1) {
                    if !a.literal || !(a.ty == Type::Bytes || a.ty == Type::Int) {
                        return Err(format!(
                            "argument {} of {name}() must be a string or integer literal key",
                            i + 1
                        ));
                    }
                }
                Ok((
                    if self == F::LookupJsonString {
                        Type::Bytes
                    } else {
                        Type::Int
                    },
                    mapped,
                ))
            }
            F::Cidr => {
                count(3, 3)?;
                want(0, Type::Ip, false)?;
                want(1, Type::Int, true)?;
                want(2, Type::Int, true)?;
                Ok((Type::Ip, mapped))
            }
            F::Cidr6 => {
                count(2, 2)?;
                want(0, Type::Ip, false)?;
                want(1, Type::Int, true)?;
                Ok((Type::Ip, mapped))
            }
            F::Join => {
                count(2, 2)?;
                if args[0].ty != ARRAY_BYTES || args[0].mapped {
                    return Err(format!(
                        "argument 1 of join() must be Array<String>, got {}",
                        args[0].ty
                    ));
                }
                want(1, Type::Bytes, true)?;
                Ok((Type::Bytes, false))
            }
        }
    }

    /// Apply the function to evaluated arguments (`None` = missing). For any/all the
    /// evaluator handles the argument itself.
    pub fn apply(self, args: &[Option<Value>]) -> Option<Value> {
        use Function as F;
        let bytes = |i: usize| match args.get(i) {
            Some(Some(Value::Bytes(b))) => Some(b.as_slice()),
            _ => None,
        };
        let int = |i: usize| match args.get(i) {
            Some(Some(Value::Int(n))) => Some(*n),
            _ => None,
        };
        match self {
            F::Any | F::All => match args.first() {
                Some(Some(Value::Array(v))) => {
                    let mut it = v.iter().map(|e| matches!(e, Value::Bool(true)));
                    Some(Value::Bool(if self == F::Any {
                        it.any(|b| b)
                    } else {
                        it.all(|b| b)
                    }))
                }
                _ => Some(Value::Bool(self == F::All)),
            },
            F::Concat => {
                if let Some(Some(Value::Array(_))) = args.first() {
                    let mut out = Vec::new();
                    for a in args {
                        match a {
                            Some(Value::Array(v)) => out.extend(v.iter().cloned()),
                            Some(v @ Value::Bytes(_)) => out.push(v.clone()),
                            _ => {}
                        }
                    }
                    Some(Value::Array(out))
                } else {
                    let mut out = Vec::new();
                    for i in 0..args.len() {
                        out.extend_from_slice(bytes(i)?);
                    }
                    Some(Value::Bytes(out))
                }
            }
            F::StartsWith => Some(Value::Bool(bytes(0)?.starts_with(bytes(1)?))),
            F::EndsWith => Some(Value::Bool(bytes(0)?.ends_with(bytes(1)?))),
            F::Len => match args.first()? {
                Some(Value::Bytes(b)) => Some(Value::Int(b.len() as i64)),
                Some(Value::Array(v)) => Some(Value::Int(v.len() as i64)),
                _ => None,
            },
            F::Lower => Some(Value::Bytes(bytes(0)?.to_ascii_lowercase())),
            F::Upper => Some(Value::Bytes(bytes(0)?.to_ascii_uppercase())),
            F::UrlDecode => {
                let opts = bytes(1).unwrap_or(b"");
                Some(Value::Bytes(url_decode(
                    bytes(0)?,
                    opts.contains(&b'r'),
                    opts.contains(&b'u'),
                )))
            }
            F::Substring => {
                let b = bytes(0)?;
                let len = b.len() as i64;
                let norm = |i: i64| if i < 0 { (len + i).max(0) } else { i.min(len) };
                let start = norm(int(1)?);
                let end = match args.get(2) {
                    Some(_) => norm(int(2)?),
                    None => len,
                };
                Some(Value::Bytes(if start < end {
                    b[start as usize..end as usize].to_vec()
                } else {
                    Vec::new()
                }))
            }
            F::RemoveBytes => {
                let remove = bytes(1)?;
                Some(Value::Bytes(
                    bytes(0)?
                        .iter()
                        .copied()
                        .filter(|c| !remove.contains(c))
                        .collect(),
                ))
            }
            F::LookupJsonString | F::LookupJsonInteger => {
                let mut json: serde_json::Value = serde_json::from_slice(bytes(0)?).ok()?;
                for key in &args[1..] {
                    json = match (json, key) {
                        (serde_json::Value::Object(mut o), Some(Value::Bytes(k))) => {
                            o.remove(std::str::from_utf8(k).ok()?)?
                        }
                        (serde_json::Value::Array(mut a), Some(Value::Int(i)))
                            if *i >= 0 && (*i as usize) < a.len() =>
                        {
                            a.swap_remove(*i as usize)
                        }
                        _ => return None,
                    };
                }
                match (self, json) {
                    (F::LookupJsonString, serde_json::Value::String(s)) => {
                        Some(Value::Bytes(s.into_bytes()))
                    }
                    (F::LookupJsonInteger, serde_json::Value::Number(n)) => {
                        n.as_i64().map(Value::Int)
                    }
                    _ => None,
                }
            }
            F::Cidr | F::Cidr6 => {
                let Some(Value::Ip(ip)) = args.first()? else {
                    return None;
                };
                let (v4, v6) = if self == F::Cidr {
                    (int(1)?, int(2)?)
                } else {
                    (32, int(1)?)
                };
                Some(Value::Ip(mask(*ip, v4, v6)?))
            }
            F::DecodeBase64 => decode_base64(bytes(0)?).map(Value::Bytes),
            F::Join => {
                let Some(Value::Array(v)) = args.first()? else {
                    return None;
                };
                let sep = bytes(1)?;
                let mut out = Vec::new();
                for (i, e) in v.iter().enumerate() {
                    if i > 0 {
                        out.extend_from_slice(sep);
                    }
                    if let Value::Bytes(b) = e {
                        out.extend_from_slice(b);
                    }
                }
                Some(Value::Bytes(out))
            }
        }
    }
}

fn mask(ip: IpAddr, v4: i64, v6: i64) -> Option<IpAddr> {
    match ip {
        IpAddr::V4(a) => {
            let bits = u32::try_from(v4).ok().filter(|b| (1..=32).contains(b))?;
            let m = u32::MAX.checked_shl(32 - bits).unwrap_or(0);
            Some(IpAddr::V4((u32::from(a) & m).into()))
        }
        IpAddr::V6(a) => {
            let bits = u32::try_from(v6).ok().filter(|b| (1..=128).contains(b))?;
            let m = u128::MAX.checked_shl(128 - bits).unwrap_or(0);
            Some(IpAddr::V6((u128::from(a) & m).into()))
        }
    }
}

fn hexval(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// `%XX` and `+` decoding; `recursive` repeats until stable, `unicode` also decodes `%uXXXX`.
pub fn url_decode(input: &[u8], recursive: bool, unicode: bool) -> Vec<u8> {
    let mut cur = input.to_vec();
    for _ in 0..16 {
        let mut out = Vec::with_capacity(cur.len());
        let mut i = 0;
        while i < cur.len() {
            let c = cur[i];
            if c == b'+' {
                out.push(b' ');
                i += 1;
            } else if c == b'%'
                && unicode
                && i + 6 <= cur.len()
                && (cur[i + 1] == b'u' || cur[i + 1] == b'U')
            {
                let code = cur[i + 2..i + 6]
                    .iter()
                    .try_fold(0u32, |acc, &h| hexval(h).map(|d| acc * 16 + u32::from(d)));
                match code.and_then(char::from_u32) {
                    Some(ch) => {
                        let mut buf = [0u8; 4];
                        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                        i += 6;
                    }
                    None => {
                        out.push(c);
                        i += 1;
                    }
                }
            } else if c == b'%' && i + 3 <= cur.len() {
                match (hexval(cur[i + 1]), hexval(cur[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push(h * 16 + l);
                        i += 3;
                    }
                    _ => {
                        out.push(c);
                        i += 1;
                    }
                }
            } else {
                out.push(c);
                i += 1;
            }
        }
        let done = out == cur;
        cur = out;
        if !recursive || done {
            break;
        }
    }
    cur
}

fn decode_base64(input: &[u8]) -> Option<Vec<u8>> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        } as u32)
    };
    let data: Vec<u8> = input.iter().copied().filter(|&c| c != b'=').collect();
    let mut out = Vec::with_capacity(data.len() * 3 / 4);
    for chunk in data.chunks(4) {
        if chunk.len() == 1 {
            return None;
        }
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= val(c)? << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len() - 1]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_decoding() {
        assert_eq!(url_decode(b"a%20b+c%2", false, false), b"a b c%2");
        assert_eq!(url_decode(b"%2541", false, false), b"%41");
        assert_eq!(url_decode(b"%2541", true, false), b"A");
        assert_eq!(url_decode(b"%u0041x", false, true), b"Ax");
    }

    #[test]
    fn base64() {
        assert_eq!(decode_base64(b"aGVsbG8="), Some(b"hello".to_vec()));
        assert_eq!(decode_base64(b"!!"), None);
    }

    #[test]
    fn cidr_masks() {
        let ip: IpAddr = "192.168.1.77".parse().unwrap();
        assert_eq!(mask(ip, 24, 64), Some("192.168.1.0".parse().unwrap()));
    }
}
