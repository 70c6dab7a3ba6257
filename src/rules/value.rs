//! Runtime values and the [`Context`] that holds one request's field values.
//!
//! A context is a `Vec` indexed by field id (the position in [`FIELDS`]), so evaluation never
//! hashes a name. Unset fields read as the edge's defaults: `""`, `false`, `0`, the IPv4
//! unspecified address `0.0.0.0` for IP fields (our choice: the edge always knows `ip.src`),
//! and *missing* for arrays and maps.

use super::error::ContextError;
use super::scheme::{FIELDS, Type, field_index};
use serde::ser::{SerializeMap, Serializer};
use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};

/// A field or sub-expression value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Boolean.
    Bool(bool),
    /// Integer.
    Int(i64),
    /// String (raw bytes).
    Bytes(Vec<u8>),
    /// IP address.
    Ip(IpAddr),
    /// Array.
    Array(Vec<Value>),
    /// Map with string keys.
    Map(BTreeMap<Vec<u8>, Value>),
}

impl Value {
    /// Whether the value has type `ty`.
    pub fn has_type(&self, ty: Type) -> bool {
        match (self, ty) {
            (Value::Bool(_), Type::Bool)
            | (Value::Int(_), Type::Int)
            | (Value::Bytes(_), Type::Bytes)
            | (Value::Ip(_), Type::Ip) => true,
            (Value::Array(v), Type::Array(t)) => v.iter().all(|e| e.has_type(*t)),
            (Value::Map(m), Type::Map(t)) => m.values().all(|e| e.has_type(*t)),
            _ => false,
        }
    }

    /// A short name of the value's kind, for errors.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Bool(_) => "a Boolean",
            Value::Int(_) => "an Integer",
            Value::Bytes(_) => "a String",
            Value::Ip(_) => "an IP address",
            Value::Array(_) => "an Array",
            Value::Map(_) => "a Map",
        }
    }
}

impl serde::Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Int(i) => s.serialize_i64(*i),
            Value::Bytes(b) => match std::str::from_utf8(b) {
                Ok(t) => s.serialize_str(t),
                Err(_) => {
                    let mut m = s.serialize_map(Some(1))?;
                    m.serialize_entry("hex", &hex::encode(b))?;
                    m.end()
                }
            },
            Value::Ip(ip) => s.collect_str(ip),
            Value::Array(v) => s.collect_seq(v),
            Value::Map(map) => {
                let mut m = s.serialize_map(Some(map.len()))?;
                for (k, v) in map {
                    m.serialize_entry(&String::from_utf8_lossy(k), v)?;
                }
                m.end()
            }
        }
    }
}

static DEFAULT_BOOL: Value = Value::Bool(false);
static DEFAULT_INT: Value = Value::Int(0);
static DEFAULT_BYTES: Value = Value::Bytes(Vec::new());
static DEFAULT_IP: Value = Value::Ip(IpAddr::V4(Ipv4Addr::UNSPECIFIED));

/// The default of a field type, `None` (missing) for arrays and maps.
pub fn default_of(ty: Type) -> Option<&'static Value> {
    match ty {
        Type::Bool => Some(&DEFAULT_BOOL),
        Type::Int => Some(&DEFAULT_INT),
        Type::Bytes => Some(&DEFAULT_BYTES),
        Type::Ip => Some(&DEFAULT_IP),
        Type::Array(_) | Type::Map(_) => None,
    }
}

/// The field values of one request.
#[derive(Debug, Clone)]
pub struct Context {
    /// Every field's current value, defaults included (`None`: missing).
    values: Vec<Option<Value>>,
    /// Which fields were set explicitly.
    set: Vec<bool>,
}

fn defaults() -> impl Iterator<Item = Option<Value>> {
    FIELDS.iter().map(|d| default_of(d.ty).cloned())
}

impl Default for Context {
    fn default() -> Self {
        Context::new()
    }
}

impl Context {
    /// A context where every field has its default.
    pub fn new() -> Context {
        Context {
            values: defaults().collect(),
            set: vec![false; FIELDS.len()],
        }
    }

    /// Reset every field to its default, keeping the allocation.
    pub fn clear(&mut self) {
        self.clear_if(|_| true);
    }

    /// Reset the fields for which `reset(id)` is true to their defaults; the others keep
    /// their values.
    pub fn clear_if(&mut self, reset: impl Fn(usize) -> bool) {
        for (id, (v, s)) in self.values.iter_mut().zip(self.set.iter_mut()).enumerate() {
            if *s && reset(id) {
                *v = default_of(FIELDS[id].ty).cloned();
                *s = false;
            }
        }
    }

    /// The value of field `id` (its default when unset; `None` when missing).
    #[inline]
    pub fn get(&self, id: usize) -> Option<&Value> {
        self.values.get(id).and_then(Option::as_ref)
    }

    /// The value of a field by name.
    pub fn get_by_name(&self, name: &str) -> Option<&Value> {
        field_index(name).and_then(|id| self.get(id))
    }

    /// Whether field `id` was set explicitly.
    pub fn is_set(&self, id: usize) -> bool {
        self.set.get(id).copied().unwrap_or(false)
    }

    fn id(name: &str) -> Result<usize, ContextError> {
        field_index(name).ok_or_else(|| ContextError::UnknownField(name.to_string()))
    }

    /// Set a field, checking the value's type.
    pub fn set(&mut self, name: &str, value: Value) -> Result<(), ContextError> {
        self.set_id(Self::id(name)?, value)
    }

    /// Set field `id` (from [`field_index`]), checking the value's type.
    pub fn set_id(&mut self, id: usize, value: Value) -> Result<(), ContextError> {
        let Some(def) = FIELDS.get(id) else {
            return Err(ContextError::UnknownField(format!("#{id}")));
        };
        if !value.has_type(def.ty) {
            return Err(ContextError::TypeMismatch {
                field: def.name.to_string(),
                expected: def.ty.to_string(),
                got: value.kind().to_string(),
            });
        }
        self.values[id] = Some(value);
        self.set[id] = true;
        Ok(())
    }

    /// Set a field from command-line text: `true`/`false`, decimal integers, IP addresses,
    /// strings as given, arrays and maps as JSON text.
    pub fn set_from_str(&mut self, name: &str, text: &str) -> Result<(), ContextError> {
        let id = Self::id(name)?;
        let bad = |reason: String| ContextError::BadValue {
            field: name.to_string(),
            reason,
        };
        let value = match FIELDS[id].ty {
            Type::Bool => match text {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => return Err(bad(format!("expected true or false, got `{text}`"))),
            },
            Type::Int => Value::Int(
                text.trim()
                    .parse()
                    .map_err(|e| bad(format!("expected a decimal integer: {e}")))?,
            ),
            Type::Ip => Value::Ip(
                text.trim()
                    .parse()
                    .map_err(|e| bad(format!("expected an IP address: {e}")))?,
            ),
            Type::Bytes => Value::Bytes(text.as_bytes().to_vec()),
            Type::Array(_) | Type::Map(_) => {
                let json: serde_json::Value =
                    serde_json::from_str(text).map_err(|e| bad(format!("expected JSON: {e}")))?;
                return self.set_from_json(name, &json);
            }
        };
        self.values[id] = Some(value);
        self.set[id] = true;
        Ok(())
    }

    /// Set a field from JSON: booleans, integers, strings (IP addresses as strings; bytes also
    /// as `{"hex": "..."}`), arrays of strings, objects of arrays of strings.
    pub fn set_from_json(
        &mut self,
        name: &str,
        json: &serde_json::Value,
    ) -> Result<(), ContextError> {
        let id = Self::id(name)?;
        let value = from_json(FIELDS[id].ty, json).map_err(|reason| ContextError::BadValue {
            field: name.to_string(),
            reason,
        })?;
        self.values[id] = Some(value);
        self.set[id] = true;
        Ok(())
    }
}

fn from_json(ty: Type, json: &serde_json::Value) -> Result<Value, String> {
    use serde_json::Value as J;
    match (ty, json) {
        (Type::Bool, J::Bool(b)) => Ok(Value::Bool(*b)),
        (Type::Int, J::Number(n)) => n
            .as_i64()
            .map(Value::Int)
            .ok_or_else(|| format!("{n} is not a 64-bit integer")),
        (Type::Ip, J::String(s)) => s.parse().map(Value::Ip).map_err(|e| format!("`{s}`: {e}")),
        (Type::Bytes, J::String(s)) => Ok(Value::Bytes(s.as_bytes().to_vec())),
        (Type::Bytes, J::Object(o)) if o.len() == 1 => match o.get("hex") {
            Some(J::String(h)) => hex::decode(h)
                .map(Value::Bytes)
                .map_err(|e| format!("bad hex: {e}")),
            _ => Err("expected a string or {\"hex\": \"...\"}".to_string()),
        },
        (Type::Array(t), J::Array(items)) => items
            .iter()
            .map(|j| from_json(*t, j))
            .collect::<Result<_, _>>()
            .map(Value::Array),
        (Type::Map(t), J::Object(o)) => o
            .iter()
            .map(|(k, j)| {
                let v = match (t, j) {
                    (Type::Array(_), J::String(_)) => from_json(*t, &J::Array(vec![j.clone()])),
                    _ => from_json(*t, j),
                }?;
                Ok((k.as_bytes().to_vec(), v))
            })
            .collect::<Result<_, String>>()
            .map(Value::Map),
        _ => Err(format!("expected {ty} as JSON, got {json}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_typing() {
        let mut c = Context::new();
        assert_eq!(c.get_by_name("http.host"), Some(&Value::Bytes(vec![])));
        assert_eq!(c.get_by_name("http.request.headers"), None);
        assert!(c.set("ssl", Value::Int(1)).is_err());
        c.set_from_str("cf.edge.server_port", "443").unwrap();
        c.set_from_str("ip.src", "::1").unwrap();
        c.set_from_str("http.request.headers", r#"{"a":["b"],"c":"d"}"#)
            .unwrap();
        c.set_from_json("http.host", &serde_json::json!({"hex": "ff00"}))
            .unwrap();
        assert_eq!(
            c.get_by_name("http.host"),
            Some(&Value::Bytes(vec![0xff, 0]))
        );
        c.clear();
        assert!(!c.is_set(0));
        c.set("http.host", Value::Bytes(b"a".to_vec())).unwrap();
        c.set("ssl", Value::Bool(true)).unwrap();
        let host = field_index("http.host").unwrap();
        c.clear_if(|id| id != host);
        assert_eq!(c.get(host), Some(&Value::Bytes(b"a".to_vec())));
        assert_eq!(c.get_by_name("ssl"), Some(&Value::Bool(false)));
        c.clear();
        // A cleared context is a new one: `serve` reuses contexts across requests.
        let fresh = Context::new();
        for (id, f) in FIELDS.iter().enumerate() {
            assert_eq!(c.get(id), fresh.get(id), "{}", f.name);
            assert!(!c.is_set(id));
        }
    }
}
