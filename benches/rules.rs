//! Parse and evaluation benchmarks for the three seed expressions and a heavier one
//! (`contains`, `matches`, an IP set), with wirefilter 0.6.1 measured in the same run on the
//! same inputs: one group per expression, `mtlsctl` vs `wirefilter`.

use criterion::{Criterion, black_box, criterion_group, criterion_main};
use mtlsctl::rules::{self, Context, FIELDS, Type};
use std::net::IpAddr;
use wirefilter::{ExecutionContext, Scheme};

const EXPRS: &[(&str, &str)] = &[
    (
        "seed1",
        r#"(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path in {"/admin"}"#,
    ),
    (
        "seed2",
        r#"not (cf.tls_client_auth.cert_verified and cf.tls_client_auth.cert_issuer_ski eq "A5AC554235DBA6D963B9CDE0185CFAD6E3F55E9F")"#,
    ),
    (
        "seed3",
        r#"((not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path in {"/admin"})"#,
    ),
    (
        "heavy",
        r#"(http.host contains "example" and http.request.uri.path matches "^/api/v[0-9]+/users") or ip.src in {10.0.0.0/8 192.168.0.0/16 172.16.0.0/12 2001:db8::/32} or http.user_agent contains "curl""#,
    ),
];

const VALUES: &[(&str, &str)] = &[
    ("cf.tls_client_auth.cert_verified", "true"),
    ("cf.tls_client_auth.cert_revoked", "false"),
    (
        "cf.tls_client_auth.cert_issuer_ski",
        "A5AC554235DBA6D963B9CDE0185CFAD6E3F55E9F",
    ),
    ("http.request.uri.path", "/admin"),
    ("http.host", "www.example.com"),
    (
        "http.user_agent",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
    ),
    ("ip.src", "203.0.113.7"),
];

fn wf_scheme() -> Scheme {
    let mut scheme = Scheme::new();
    for f in FIELDS {
        let ty = match f.ty {
            Type::Bool => wirefilter::Type::Bool,
            Type::Int => wirefilter::Type::Int,
            Type::Bytes => wirefilter::Type::Bytes,
            Type::Ip => wirefilter::Type::Ip,
            _ => continue,
        };
        let _ = scheme.add_field(f.name.to_string(), ty);
    }
    scheme
}

fn benches(c: &mut Criterion) {
    let scheme = wf_scheme();
    let mut ctx = Context::new();
    let mut wctx = ExecutionContext::new(&scheme);
    for f in FIELDS {
        let _ = match f.ty {
            Type::Bool => wctx.set_field_value(f.name, false),
            Type::Int => wctx.set_field_value(f.name, 0i32),
            Type::Bytes => wctx.set_field_value(f.name, ""),
            Type::Ip => wctx.set_field_value(f.name, IpAddr::from([0, 0, 0, 0])),
            _ => Ok(()),
        };
    }
    for (name, v) in VALUES {
        ctx.set_from_str(name, v).expect("bench value");
        let _ = match rules::field_index(name).map(|i| FIELDS[i].ty) {
            Some(Type::Bool) => wctx.set_field_value(name, *v == "true"),
            Some(Type::Ip) => wctx.set_field_value(name, v.parse::<IpAddr>().expect("ip")),
            _ => wctx.set_field_value(name, *v),
        };
    }
    for (label, expr) in EXPRS {
        let mut g = c.benchmark_group(*label);
        let ours = rules::parse(expr).expect("parses");
        let theirs = scheme.parse(expr).expect("wirefilter parses").compile();
        assert_eq!(
            ours.execute(&ctx),
            theirs.execute(&wctx).expect("same scheme")
        );
        g.bench_function("mtlsctl/eval", |b| {
            b.iter(|| black_box(&ours).execute(black_box(&ctx)))
        });
        g.bench_function("wirefilter/eval", |b| {
            b.iter(|| black_box(&theirs).execute(black_box(&wctx)))
        });
        g.bench_function("mtlsctl/parse", |b| {
            b.iter(|| rules::parse(black_box(expr)))
        });
        g.bench_function("wirefilter/parse", |b| {
            b.iter(|| scheme.parse(black_box(expr)).map(|a| a.compile()))
        });
        g.finish();
    }
}

fn batch(c: &mut Criterion) {
    let mut input = String::new();
    for i in 0..1000 {
        let (_, expr) = EXPRS[i % EXPRS.len()];
        let line = serde_json::json!({
            "expr": expr,
            "fields": {
                "cf.tls_client_auth.cert_verified": i % 2 == 0,
                "cf.tls_client_auth.cert_revoked": i % 3 == 0,
                "http.request.uri.path": if i % 5 == 0 { "/admin" } else { "/other" },
                "ip.src": "10.1.2.3",
            }
        });
        input.push_str(&line.to_string());
        input.push('\n');
    }
    let mut g = c.benchmark_group("batch");
    g.throughput(criterion::Throughput::Elements(1000));
    g.bench_function("mtlsctl/1000-lines", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(20_000);
            rules::batch::run(black_box(input.as_bytes()), &mut out).expect("batch")
        })
    });
    g.finish();
}

criterion_group!(rules_benches, benches, batch);
criterion_main!(rules_benches);
