//! Validation of requests and responses against Cloudflare's OpenAPI subset
//! (`tests/fixtures/cloudflare/openapi-mtls-subset.json`, BSD-3-Clause, Cloudflare).
//!
//! OpenAPI 3.0 schema objects are validated as JSON Schema draft 4 (what OAS 3.0 derives
//! from), after one conversion: `nullable: true` becomes `type: [T, "null"]`. `$ref`s resolve
//! against the whole document (it is the root of every validator).

use std::collections::HashMap;
use std::sync::Mutex;

use serde_json::{Value, json};

pub struct OpenApi {
    doc: Value,
    /// The document for requests: OAS 3.0 says `required` does not apply to a `readOnly`
    /// property in a request (the rule schemas require `version` and `last_updated`).
    request_doc: Value,
    cache: Mutex<HashMap<String, std::sync::Arc<jsonschema::Validator>>>,
}

/// One operation of the document.
pub struct Operation {
    pub template: String,
    pub method: String,
    pub op: Value,
    pub params: HashMap<String, String>,
}

fn denull(v: &mut Value) {
    match v {
        Value::Object(o) => {
            if o.get("nullable") == Some(&Value::Bool(true))
                && let Some(Value::String(t)) = o.get("type").cloned()
            {
                o.insert("type".into(), json!([t, "null"]));
            }
            for (_, x) in o.iter_mut() {
                denull(x);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(denull),
        _ => {}
    }
}

fn is_read_only(s: &Value, root: &Value, depth: usize) -> bool {
    if depth > 8 {
        return false;
    }
    if s.get("readOnly") == Some(&Value::Bool(true)) {
        return true;
    }
    if let Some(r) = s.get("$ref").and_then(Value::as_str)
        && let Some(t) = root.pointer(r.trim_start_matches('#'))
    {
        return is_read_only(t, root, depth + 1);
    }
    s.get("allOf")
        .and_then(Value::as_array)
        .is_some_and(|a| a.iter().any(|x| is_read_only(x, root, depth + 1)))
}

fn strip_read_only_required(v: &mut Value, root: &Value) {
    match v {
        Value::Object(o) => {
            if let (Some(Value::Object(props)), Some(Value::Array(req))) =
                (o.get("properties").cloned(), o.get("required").cloned())
            {
                let kept: Vec<Value> = req
                    .into_iter()
                    .filter(|n| {
                        n.as_str()
                            .and_then(|n| props.get(n))
                            .is_none_or(|p| !is_read_only(p, root, 0))
                    })
                    .collect();
                o.insert("required".into(), Value::Array(kept));
            }
            for (_, x) in o.iter_mut() {
                strip_read_only_required(x, root);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| strip_read_only_required(x, root)),
        _ => {}
    }
}

fn pointer_escape(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

impl OpenApi {
    pub fn load() -> OpenApi {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/cloudflare/openapi-mtls-subset.json"
        ))
        .expect("the OpenAPI fixture");
        let mut doc: Value = serde_json::from_str(&text).expect("OpenAPI JSON");
        denull(&mut doc);
        let mut request_doc = doc.clone();
        strip_read_only_required(&mut request_doc, &doc);
        OpenApi {
            doc,
            request_doc,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// Follows a `$ref` (`#/...`) if `v` is one.
    fn deref<'a>(&'a self, v: &'a Value) -> &'a Value {
        match v.get("$ref").and_then(Value::as_str) {
            Some(r) => self
                .doc
                .pointer(r.trim_start_matches('#'))
                .unwrap_or(&Value::Null),
            None => v,
        }
    }

    /// The operation for a method and a path below `/client/v4`.
    pub fn operation(&self, method: &str, path: &str) -> Option<Operation> {
        let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
        let paths = self.doc.get("paths")?.as_object()?;
        let mut best: Option<Operation> = None;
        for (template, item) in paths {
            let tsegs: Vec<&str> = template.trim_matches('/').split('/').collect();
            if tsegs.len() != segs.len() {
                continue;
            }
            let mut params = HashMap::new();
            let mut literal = 0;
            let ok = tsegs.iter().zip(&segs).all(|(t, s)| {
                if t.starts_with('{') && t.ends_with('}') {
                    params.insert(t[1..t.len() - 1].to_string(), s.to_string());
                    true
                } else {
                    literal += 1;
                    t == s
                }
            });
            let Some(op) = item.get(method.to_ascii_lowercase()) else {
                continue;
            };
            if ok {
                // The most literal template wins (`phases/x/entrypoint` over `{ruleset_id}`).
                let better = best.as_ref().is_none_or(|b| b.params.len() > params.len());
                let _ = literal;
                if better {
                    best = Some(Operation {
                        template: template.clone(),
                        method: method.to_ascii_lowercase(),
                        op: op.clone(),
                        params,
                    });
                }
            }
        }
        best
    }

    /// Validates `instance` against the schema at JSON pointer `at` (inside the document).
    fn check(&self, at: &str, instance: &Value, what: &str) -> Result<(), String> {
        self.check_in(false, at, instance, what)
    }

    fn check_in(
        &self,
        request: bool,
        at: &str,
        instance: &Value,
        what: &str,
    ) -> Result<(), String> {
        let key = format!("{request}:{at}");
        let validator = {
            let mut cache = self.cache.lock().unwrap();
            if let Some(v) = cache.get(&key) {
                v.clone()
            } else {
                let mut root = if request {
                    self.request_doc.clone()
                } else {
                    self.doc.clone()
                };
                root.as_object_mut().unwrap().insert(
                    "allOf".into(),
                    json!([{ "$ref": format!("#{}", at.replace('{', "%7B").replace('}', "%7D")) }]),
                );
                let v = jsonschema::draft4::options()
                    .should_validate_formats(true)
                    .build(&root)
                    .map_err(|e| format!("schema at {at} does not compile: {e}"))?;
                let v = std::sync::Arc::new(v);
                cache.insert(key, v.clone());
                v
            }
        };
        let errors: Vec<String> = validator
            .iter_errors(instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{what}: {} (instance: {})",
                errors.join("; "),
                crate::cfdouble::short(instance)
            ))
        }
    }

    fn op_pointer(o: &Operation) -> String {
        format!("/paths/{}/{}", pointer_escape(&o.template), o.method)
    }

    /// A schema pointer for a parameter (`in` = path or query) of the operation.
    fn parameter(&self, o: &Operation, kind: &str, name: &str) -> Option<(String, Value)> {
        let params = o.op.get("parameters")?.as_array()?;
        for (i, p) in params.iter().enumerate() {
            let p = self.deref(p);
            if p.get("in").and_then(Value::as_str) == Some(kind)
                && p.get("name").and_then(Value::as_str) == Some(name)
            {
                let ptr = format!("{}/parameters/{i}/schema", Self::op_pointer(o));
                return Some((ptr, p.clone()));
            }
        }
        None
    }

    /// Checks a request: path parameters, query parameters, body.
    pub fn check_request(
        &self,
        o: &Operation,
        query: &[(String, String)],
        body: Option<&Value>,
    ) -> Result<(), String> {
        let name = format!("{} {}", o.method.to_uppercase(), o.template);
        for (k, v) in &o.params {
            let (ptr, p) = self
                .parameter(o, "path", k)
                .ok_or_else(|| format!("{name}: path parameter {k} undocumented"))?;
            let schema = self.deref(p.get("schema").unwrap_or(&Value::Null));
            let _ = schema;
            self.check(&ptr, &json!(v), &format!("{name}: path parameter {k}"))?;
        }
        for (k, v) in query {
            let (ptr, p) = self
                .parameter(o, "query", k)
                .ok_or_else(|| format!("{name}: query parameter {k} is not documented"))?;
            let schema = self.resolve_schema(p.get("schema").unwrap_or(&Value::Null));
            let ty = schema
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("string");
            let value = match ty {
                "number" | "integer" => match v.parse::<f64>() {
                    Ok(n) if n.fract() == 0.0 => json!(n as i64),
                    Ok(n) => json!(n),
                    Err(_) => json!(v),
                },
                "array" => json!(v.split(',').collect::<Vec<_>>()),
                "boolean" => json!(v == "true"),
                _ => json!(v),
            };
            self.check(&ptr, &value, &format!("{name}: query parameter {k}"))?;
        }
        let rb = o.op.get("requestBody").map(|r| self.deref(r));
        match (rb, body) {
            (None, None) => Ok(()),
            (None, Some(_)) => Err(format!("{name}: a body where the operation takes none")),
            (Some(rb), None) => {
                if rb.get("required") == Some(&Value::Bool(true)) {
                    Err(format!("{name}: the required body is missing"))
                } else {
                    Ok(())
                }
            }
            (Some(_), Some(b)) => {
                let ptr = self.body_pointer(o)?;
                self.check_in(true, &ptr, b, &format!("{name}: request body"))
            }
        }
    }

    fn resolve_schema<'a>(&'a self, s: &'a Value) -> &'a Value {
        let mut cur = s;
        for _ in 0..8 {
            let next = self.deref(cur);
            if std::ptr::eq(next, cur) {
                break;
            }
            cur = next;
        }
        cur
    }

    fn body_pointer(&self, o: &Operation) -> Result<String, String> {
        let rb = o.op.get("requestBody").unwrap();
        let base = match rb.get("$ref").and_then(Value::as_str) {
            Some(r) => r.trim_start_matches('#').to_string(),
            None => format!("{}/requestBody", Self::op_pointer(o)),
        };
        Ok(format!("{base}/content/application~1json/schema"))
    }

    /// Checks a response body for a status.
    pub fn check_response(
        &self,
        o: &Operation,
        status: u16,
        body: Option<&Value>,
    ) -> Result<(), String> {
        let name = format!("{} {} -> {status}", o.method.to_uppercase(), o.template);
        let responses = o.op.get("responses").and_then(Value::as_object).unwrap();
        let key = [
            status.to_string(),
            format!("{}XX", status / 100),
            "default".to_string(),
        ]
        .into_iter()
        .find(|k| responses.contains_key(k))
        .ok_or_else(|| format!("{name}: status not documented"))?;
        let resp = &responses[&key];
        let base = match resp.get("$ref").and_then(Value::as_str) {
            Some(r) => r.trim_start_matches('#').to_string(),
            None => format!("{}/responses/{}", Self::op_pointer(o), pointer_escape(&key)),
        };
        let resp = self.deref(resp);
        let has_schema = resp
            .get("content")
            .and_then(|c| c.get("application/json"))
            .and_then(|c| c.get("schema"))
            .is_some();
        match (has_schema, body) {
            (false, None) => Ok(()),
            (false, Some(_)) => Err(format!("{name}: a body where none is documented")),
            (true, None) => Err(format!("{name}: no body where one is documented")),
            (true, Some(b)) => self.check(
                &format!("{base}/content/application~1json/schema"),
                b,
                &format!("{name}: response"),
            ),
        }
    }
}
