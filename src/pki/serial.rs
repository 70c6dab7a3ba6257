//! Certificate serial numbers as users type them: hex (with or without colons, any case, an
//! optional `0x`) or decimal, as Cloudflare's API prints them.
//!
//! A string of decimal digits only is ambiguous (`1234` is valid hex too), so [`parse`]
//! returns every reading; the caller looks each up and complains if more than one matches.
//! Values are compared as magnitudes: leading zero bytes (the DER sign byte) are dropped.

/// The longest serial accepted, in bytes (RFC 5280 allows 20; a sign byte makes 21).
pub const MAX_LEN: usize = 21;

/// A serial that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not a serial number: give it in hex (5C:3A:09... or 5c3a09...) or in decimal, or name a certificate file"
)]
pub struct BadSerial(pub String);

/// Every reading of `text` as a serial, as big-endian magnitudes without leading zeros;
/// hex first. Two readings only for a string of decimal digits that differ as numbers.
pub fn parse(text: &str) -> Result<Vec<Vec<u8>>, BadSerial> {
    let bad = || BadSerial(text.to_string());
    let t = text.trim();
    let (t, forced_hex) = match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        Some(rest) => (rest, true),
        None => (t, false),
    };
    if t.is_empty() || t.len() > 3 * MAX_LEN + 10 {
        return Err(bad());
    }
    let has_colon = t.contains(':');
    let digits: String = t.chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(bad());
    }
    if has_colon && t.split(':').any(|p| p.is_empty() || p.len() > 2) {
        return Err(bad());
    }
    let hex_value = from_hex(&digits).ok_or_else(bad)?;
    let mut out = vec![hex_value];
    let decimal_only = digits.chars().all(|c| c.is_ascii_digit());
    if decimal_only
        && !forced_hex
        && !has_colon
        && let Some(dec) = from_decimal(&digits)
        && dec != out[0]
    {
        out.push(dec);
    }
    if out.iter().all(|v| v.len() > MAX_LEN) {
        return Err(bad());
    }
    out.retain(|v| v.len() <= MAX_LEN);
    Ok(out)
}

/// Drops leading zero bytes.
pub fn magnitude(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    &bytes[start..]
}

fn from_hex(digits: &str) -> Option<Vec<u8>> {
    let padded = if digits.len() % 2 == 1 {
        format!("0{digits}")
    } else {
        digits.to_string()
    };
    let bytes = hex::decode(padded).ok()?;
    Some(magnitude(&bytes).to_vec())
}

fn from_decimal(digits: &str) -> Option<Vec<u8>> {
    // Big-endian base-256 accumulator: n = n * 10 + d.
    let mut n: Vec<u8> = Vec::new();
    for c in digits.chars() {
        let mut carry = c.to_digit(10)?;
        for byte in n.iter_mut().rev() {
            let v = u32::from(*byte) * 10 + carry;
            *byte = (v & 0xff) as u8;
            carry = v >> 8;
        }
        while carry > 0 {
            n.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
        if n.len() > MAX_LEN + 1 {
            return None;
        }
    }
    Some(magnitude(&n).to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_forms_agree() {
        let want = vec![vec![0x5c, 0x3a, 0x09]];
        assert_eq!(parse("5C3A09").unwrap(), want);
        assert_eq!(parse("5c:3a:09").unwrap(), want);
        assert_eq!(parse("00:5C:3A:09").unwrap(), want);
        assert_eq!(parse("0x5c3a09").unwrap(), want);
        assert_eq!(parse("c3a09").unwrap(), vec![vec![0x0c, 0x3a, 0x09]]);
    }

    #[test]
    fn digits_have_both_readings() {
        // 4660 decimal = 0x1234; "4660" as hex = 0x4660.
        assert_eq!(
            parse("4660").unwrap(),
            vec![vec![0x46, 0x60], vec![0x12, 0x34]]
        );
        // A 126-bit serial in decimal, as Cloudflare's API prints it: the decimal reading is kept.
        let dec = "85070591730234615865843651857942052864"; // 2^126
        let got = parse(dec).unwrap();
        assert!(got.contains(&{
            let mut v = vec![0x40];
            v.extend([0u8; 15]);
            v
        }));
    }

    #[test]
    fn garbage_is_refused() {
        for s in [
            "",
            "xyz",
            "5C::3A",
            "5C3:A09:",
            "-12",
            "12 34",
            "device.crt",
        ] {
            assert!(parse(s).is_err(), "{s}");
        }
        assert!(parse(&"F".repeat(60)).is_err());
    }
}
