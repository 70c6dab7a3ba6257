//! The dry run: a certificate and a request in, the field values the edge would compute and
//! the rules' decision out.
//!
//! Owns the join of [`super::client`] (certificate fields and validation) and
//! [`super::request`] (request fields) into one rules [`Context`], and the batch form used by
//! `rule test --requests`, where certificates are read and validated once per distinct file
//! and only the fields the rules read are filled in.

use std::collections::HashMap;

use super::cert_fields::FieldValue;
use super::client::ClientView;
use super::request::{Request, RequestError};
use super::ruleset::Rule;
use crate::rules::ast::{Arg, Expr, Operand};
use crate::rules::{Context, Value};

/// Writes the certificate fields of `view` into `ctx` (only `needed` ones, when given).
pub fn apply_client(
    view: &ClientView,
    ctx: &mut Context,
    needed: Option<&Needed>,
) -> Result<(), RequestError> {
    ClientValues::of(view)?.apply(ctx, needed)
}

/// The certificate fields of a [`ClientView`] as rule values, each with its field id: built
/// once (per connection in `serve`) and written into each request's context.
pub struct ClientValues {
    values: Vec<(&'static str, usize, Value)>,
    /// Which field ids those are (`held[id]`).
    held: Vec<bool>,
}

impl ClientValues {
    /// The values of `view`'s fields.
    pub fn of(view: &ClientView) -> Result<ClientValues, RequestError> {
        let mut values = Vec::new();
        let entries = view.fields.entries().into_iter().map(|(name, value)| {
            let v = match value {
                FieldValue::Str(s) => Value::Bytes(s.as_bytes().to_vec()),
                FieldValue::Bool(b) => Value::Bool(b),
            };
            (name, v)
        });
        let validation = [
            (
                "cf.tls_client_auth.cert_verified",
                Value::Bool(view.verified),
            ),
            ("cf.tls_client_auth.cert_revoked", Value::Bool(view.revoked)),
        ];
        for (name, v) in entries.chain(validation) {
            let id = crate::rules::field_index(name)
                .ok_or_else(|| RequestError::Field(format!("{name}: unknown field")))?;
            values.push((name, id, v));
        }
        let mut held = vec![false; crate::rules::FIELDS.len()];
        for (_, id, _) in &values {
            held[*id] = true;
        }
        Ok(ClientValues { values, held })
    }

    /// Each field's id and value.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &Value)> {
        self.values.iter().map(|(_, id, v)| (*id, v))
    }

    /// Whether field `id` is one of the client's (a `cf.tls_client_auth.*` field).
    pub fn holds(&self, id: usize) -> bool {
        self.held.get(id).copied().unwrap_or(false)
    }

    /// Writes the values into `ctx` (only `needed` ones, when given).
    pub fn apply(&self, ctx: &mut Context, needed: Option<&Needed>) -> Result<(), RequestError> {
        for (name, id, v) in &self.values {
            if needed.is_none_or(|s| s.contains_id(*id)) {
                ctx.set_id(*id, v.clone())
                    .map_err(|e| RequestError::Field(format!("{name}: {e}")))?;
            }
        }
        Ok(())
    }
}

/// The full context for one request.
pub fn context(view: &ClientView, request: &Request) -> Result<Context, RequestError> {
    let mut ctx = Context::new();
    request.apply(&mut ctx)?;
    apply_client(view, &mut ctx, None)?;
    Ok(ctx)
}

/// The set of fields some rules read, by field id (`read[id]`).
#[derive(Debug, Clone, Default)]
pub struct Needed {
    read: Vec<bool>,
}

impl Needed {
    /// The fields read by any of `rules`.
    pub fn of(rules: &[Rule]) -> Needed {
        let mut n = Needed {
            read: vec![false; crate::rules::FIELDS.len()],
        };
        for r in rules {
            n.expr(r.filter.ast());
        }
        n
    }

    /// Whether the field `name` is read.
    pub fn contains(&self, name: &str) -> bool {
        crate::rules::field_index(name).is_some_and(|id| self.contains_id(id))
    }

    /// Whether the field with id `id` (from [`crate::rules::field_index`]) is read.
    pub fn contains_id(&self, id: usize) -> bool {
        self.read.get(id).copied().unwrap_or(false)
    }

    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Logical { items, .. } => items.iter().for_each(|i| self.expr(i)),
            Expr::Not { arg, .. } => self.expr(arg),
            Expr::Compare(c) => self.operand(&c.lhs),
            Expr::True => {}
        }
    }

    fn operand(&mut self, o: &Operand) {
        match o {
            Operand::Field { name, .. } => {
                if let Some(slot) =
                    crate::rules::field_index(name).and_then(|id| self.read.get_mut(id))
                {
                    *slot = true;
                }
            }
            Operand::Call { args, .. } => {
                for a in args {
                    match a {
                        Arg::Operand(o) => self.operand(o),
                        Arg::Compare(c) => self.operand(&c.lhs),
                        Arg::Literal(_) => {}
                    }
                }
            }
        }
    }
}

/// Most views the cache holds.
pub const MAX_CACHED_VIEWS: usize = 4096;
/// Most bytes of keys (the certificate and chain text of the lines) the cache holds.
pub const MAX_CACHED_KEY_BYTES: usize = 64 << 20;

/// Certificate views computed once per distinct (certificate, chain) pair, bounded: when
/// [`MAX_CACHED_VIEWS`] entries or [`MAX_CACHED_KEY_BYTES`] of keys would be exceeded, the cache
/// is emptied first (a log with more distinct certificates than that re-validates them).
#[derive(Default)]
pub struct ViewCache {
    views: HashMap<(String, String), Result<ClientView, String>>,
    key_bytes: usize,
    seen: usize,
}

impl ViewCache {
    /// The view for `key`, computed by `make` the first time.
    pub fn get_or_insert(
        &mut self,
        key: (String, String),
        make: impl FnOnce() -> Result<ClientView, String>,
    ) -> &Result<ClientView, String> {
        if !self.views.contains_key(&key) {
            let size = key.0.len() + key.1.len();
            if self.views.len() >= MAX_CACHED_VIEWS
                || self.key_bytes.saturating_add(size) > MAX_CACHED_KEY_BYTES
            {
                self.views.clear();
                self.key_bytes = 0;
            }
            self.key_bytes += size;
            self.seen += 1;
        }
        self.views.entry(key).or_insert_with(make)
    }

    /// How many certificates were validated (distinct ones, unless the cache was emptied).
    pub fn len(&self) -> usize {
        self.seen
    }

    /// How many views are cached now.
    pub fn cached(&self) -> usize {
        self.views.len()
    }

    /// True when none were seen.
    pub fn is_empty(&self) -> bool {
        self.seen == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edge::ruleset::Action;
    use crate::rules::{FIELDS, field_index};

    #[test]
    fn only_the_fields_the_rules_read_are_set_with_their_full_values() {
        let expr = r#"http.request.uri.path eq "/a/b" and any(http.request.headers["x-id"][*] eq "7") and cf.tls_client_auth.cert_verified"#;
        let rules = [Rule {
            reference: "r".into(),
            description: None,
            action: Action::Block,
            enabled: true,
            filter: crate::rules::parse(expr).unwrap(),
        }];
        let needed = Needed::of(&rules);
        for name in [
            "http.request.uri.path",
            "http.request.headers",
            "cf.tls_client_auth.cert_verified",
        ] {
            assert!(needed.contains(name));
            assert!(needed.contains_id(field_index(name).unwrap()), "{name}");
        }
        assert!(!needed.contains_id(field_index("http.host").unwrap()));

        let mut request = Request::default();
        request.set_url("https://app.test/a/./b?x=1").unwrap();
        request.add_header("X-Id: 7").unwrap();
        let mut all = Context::new();
        request.apply(&mut all).unwrap();
        let mut some = Context::new();
        request.apply_only(&mut some, Some(&needed)).unwrap();
        for (id, f) in FIELDS.iter().enumerate() {
            if needed.contains(f.name) {
                assert!(some.is_set(id) || !all.is_set(id), "{}", f.name);
                assert_eq!(some.get(id), all.get(id), "{}", f.name);
            } else {
                assert!(!some.is_set(id), "{} was set", f.name);
            }
        }
    }

    #[test]
    fn view_cache_is_bounded_in_entries_and_bytes() {
        let mut cache = ViewCache::default();
        for i in 0..MAX_CACHED_VIEWS + 10 {
            let v = cache.get_or_insert((format!("cert-{i}"), String::new()), || {
                Err("not a certificate".into())
            });
            assert!(v.is_err());
            assert!(cache.cached() <= MAX_CACHED_VIEWS);
        }
        assert_eq!(cache.len(), MAX_CACHED_VIEWS + 10);
        // A hit is not counted again.
        cache.get_or_insert(("cert-4100".into(), String::new()), || unreachable!());
        assert_eq!(cache.len(), MAX_CACHED_VIEWS + 10);
        // Large keys: the byte bound empties the cache before it is exceeded.
        let mut cache = ViewCache::default();
        let big = "x".repeat(MAX_CACHED_KEY_BYTES / 3);
        for i in 0..5 {
            cache.get_or_insert((format!("{big}{i}"), String::new()), || Err("no".into()));
            assert!(cache.key_bytes <= MAX_CACHED_KEY_BYTES);
            assert!(cache.cached() <= 3);
        }
    }
}
