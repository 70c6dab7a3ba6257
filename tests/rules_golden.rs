//! Golden tables from the spec for what the differential oracle cannot judge: raw strings,
//! `\xff` as one byte, wildcards, functions, arrays and maps, missing values, limits, IPv4 vs
//! IPv6, error positions, traces, builders, and the three seed expressions in every
//! combination of verified / revoked / issuer SKI / path.

use mtlsctl::rules::ast::{self, CmpOp, Literal, Rhs};
use mtlsctl::rules::{self, Context, Value};

const SEED1: &str = r#"(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path in {"/admin"}"#;
const SEED2: &str = r#"not (cf.tls_client_auth.cert_verified and cf.tls_client_auth.cert_issuer_ski eq "A5AC554235DBA6D963B9CDE0185CFAD6E3F55E9F")"#;
const SEED3: &str = r#"((not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path in {"/admin"})"#;
const PIN: &str = "A5AC554235DBA6D963B9CDE0185CFAD6E3F55E9F";

fn ctx(fields: &[(&str, &str)]) -> Context {
    let mut c = Context::new();
    for (k, v) in fields {
        c.set_from_str(k, v).unwrap_or_else(|e| panic!("{k}: {e}"));
    }
    c
}

fn eval(expr: &str, c: &Context) -> bool {
    match rules::parse(expr) {
        Ok(f) => f.execute(c),
        Err(e) => panic!("{expr}\n{e}"),
    }
}

fn rejects(expr: &str) -> rules::ParseError {
    match rules::parse(expr) {
        Ok(f) => panic!("{expr} should be refused, parsed as {}", f.canonical()),
        Err(e) => e,
    }
}

#[test]
fn seed_expressions_truth_table() {
    for verified in [false, true] {
        for revoked in [false, true] {
            for ski in [PIN, "0000"] {
                for path in ["/admin", "/other"] {
                    let c = ctx(&[
                        (
                            "cf.tls_client_auth.cert_verified",
                            if verified { "true" } else { "false" },
                        ),
                        (
                            "cf.tls_client_auth.cert_revoked",
                            if revoked { "true" } else { "false" },
                        ),
                        ("cf.tls_client_auth.cert_issuer_ski", ski),
                        ("http.request.uri.path", path),
                    ]);
                    let block1 = (!verified || revoked) && path == "/admin";
                    let block2 = !(verified && ski == PIN);
                    let case =
                        format!("verified={verified} revoked={revoked} ski={ski} path={path}");
                    assert_eq!(eval(SEED1, &c), block1, "seed 1, {case}");
                    assert_eq!(eval(SEED2, &c), block2, "seed 2, {case}");
                    assert_eq!(eval(SEED3, &c), block1, "seed 3, {case}");
                }
            }
        }
    }
}

#[test]
fn seed_expressions_print_canonically() {
    assert_eq!(rules::parse(SEED1).unwrap().canonical(), SEED1);
    assert_eq!(rules::parse(SEED2).unwrap().canonical(), SEED2);
    assert_eq!(rules::parse(SEED3).unwrap().canonical(), SEED1);
}

#[test]
fn string_literals() {
    let mut c = Context::new();
    c.set("http.host", Value::Bytes(vec![0xff])).unwrap();
    assert!(eval(r#"http.host eq "\xff""#, &c));
    assert!(eval(r#"http.host eq "\377""#, &c));
    assert!(eval(r#"len(http.host) eq 1"#, &c));
    let c = ctx(&[("http.host", r#"a\b"c"#)]);
    assert!(eval(r#"http.host eq "a\\b\"c""#, &c));
    assert!(eval(r###"http.host eq r#"a\b"c"#"###, &c));
    assert!(eval(r#"http.host eq 61:5c-62.22:63"#, &c));
    let hashes = "#".repeat(255);
    assert!(eval(
        &format!("http.host eq r{hashes}\"a\\b\"c\"{hashes}"),
        &c
    ));
    let too_many = "#".repeat(256);
    rejects(&format!("http.host eq r{too_many}\"x\"{too_many}"));
    rejects(r#"http.host eq "\q""#);
    rejects(r#"http.host eq "\400""#);
    rejects("http.host eq 61");
    rejects("http.host eq 'a'");
    let c = ctx(&[("http.host", "line1\nline2")]);
    assert!(eval("http.host eq \"line1\nline2\"", &c));
}

#[test]
fn integers() {
    let c = ctx(&[("cf.edge.server_port", "8")]);
    assert!(eval("cf.edge.server_port eq 010", &c));
    assert!(eval("cf.edge.server_port eq 0x8", &c));
    assert!(eval("cf.edge.server_port in {1..7 8}", &c));
    assert!(!eval("cf.edge.server_port in {1..7 9..10}", &c));
    assert!(eval("cf.edge.server_port & 12", &c));
    assert!(eval("cf.edge.server_port bitwise_and 8", &c));
    assert!(!eval("cf.edge.server_port & 7", &c));
    rejects("cf.edge.server_port eq 08");
    rejects("cf.edge.server_port in {9..1}");
    let c = ctx(&[("cf.edge.server_port", "9223372036854775807")]);
    assert!(eval("cf.edge.server_port eq 9223372036854775807", &c));
    assert!(eval("cf.edge.server_port gt 4294967296", &c));
    rejects("cf.edge.server_port eq 9223372036854775808");
}

#[test]
fn operators_and_aliases() {
    let c = ctx(&[("http.host", "example.com"), ("ssl", "true")]);
    for (expr, want) in [
        ("http.host eq \"example.com\"", true),
        ("http.host == \"example.com\"", true),
        ("http.host ne \"example.com\"", false),
        ("http.host != \"x\"", true),
        ("http.host lt \"f\"", true),
        ("http.host < \"e\"", false),
        ("http.host le \"example.com\"", true),
        ("http.host <= \"a\"", false),
        ("http.host gt \"a\"", true),
        ("http.host > \"z\"", false),
        ("http.host ge \"example.com\"", true),
        ("http.host >= \"f\"", false),
        ("http.host contains \"ample\"", true),
        ("http.host contains 61:6d", true),
        ("http.host matches \"^ex.*com$\"", true),
        ("http.host ~ \"(?i)EXAMPLE\"", true),
        ("http.host matches \"EXAMPLE\"", false),
        ("http.host in {\"a\" \"example.com\"}", true),
        ("http.host in {}", false),
        ("ssl and ssl && ssl", true),
        ("ssl xor ssl", false),
        ("ssl ^^ ssl ^^ ssl", true),
        ("not ssl || ssl", true),
        ("!ssl", false),
        ("true", true),
        ("notssl", false),
    ] {
        assert_eq!(eval(expr, &c), want, "{expr}");
    }
}

#[test]
fn regex_quoting_and_limits() {
    let c = ctx(&[("http.host", "a\"b")]);
    assert!(eval(r#"http.host matches "a\"b""#, &c));
    assert!(eval(r#"http.host matches "[\"]""#, &c));
    assert!(eval(r#"http.host matches "a["]b""#, &c));
    assert!(eval(r###"http.host matches r#"^a"b$"#"###, &c));
    let c = ctx(&[("http.host", "a1")]);
    assert!(eval(r#"http.host matches "\d""#, &c));
    let e = rejects(r#"http.host matches "(""#);
    assert!(e.reason.contains("regex"), "{}", e.reason);
    let e = rejects(r#"http.host matches "(?:a{1000}){1000}""#);
    assert!(
        e.reason.contains("too large") || e.reason.contains("regex"),
        "{}",
        e.reason
    );
    // Unicode is off: `.` matches one byte.
    let mut c = Context::new();
    c.set("http.host", Value::Bytes(vec![0xff])).unwrap();
    assert!(eval(r#"http.host matches "^.$""#, &c));
}

#[test]
fn wildcards() {
    let c = ctx(&[("http.request.uri.path", "/ADMINistrator")]);
    assert!(eval(r#"http.request.uri.path wildcard "/admin*""#, &c));
    assert!(!eval(
        r#"http.request.uri.path strict wildcard "/admin*""#,
        &c
    ));
    assert!(eval(
        r#"http.request.uri.path strict wildcard "/ADMIN*""#,
        &c
    ));
    assert!(!eval(r#"http.request.uri.path wildcard "/admin""#, &c));
    assert!(eval(r#"http.request.uri.path wildcard "*""#, &c));
    let c = ctx(&[("http.request.uri.path", "/a*b")]);
    assert!(eval(
        r#"http.request.uri.path strict wildcard "/a\\*b""#,
        &c
    ));
    assert!(eval(
        r#"http.request.uri.path strict wildcard r"/a\*b""#,
        &c
    ));
    assert!(!eval(
        r#"http.request.uri.path strict wildcard r"/a\*""#,
        &c
    ));
    rejects(r#"http.request.uri.path wildcard "/a**""#);
    rejects(r#"http.request.uri.path wildcard r"\n""#);
    rejects(r#"cf.edge.server_port wildcard "8*""#);
}

#[test]
fn ip_addresses() {
    let c = ctx(&[("ip.src", "10.1.2.3")]);
    assert!(eval("ip.src eq 10.1.2.3", &c));
    assert!(!eval("ip.src eq ::ffff:10.1.2.3", &c));
    assert!(eval("ip.src ne ::ffff:10.1.2.3", &c));
    assert!(eval("ip.src in {10.0.0.0/8}", &c));
    assert!(eval("ip.src in {10.1.2.0..10.1.2.9 2001:db8::/32}", &c));
    assert!(!eval("ip.src in {::ffff:0:0/96}", &c));
    rejects("ip.src in {10.0.0.1/8}");
    rejects("ip.src eq 10.0.0.0/8");
    rejects("ip.src lt 10.0.0.1");
    rejects("ip.src in {10.0.0.9..10.0.0.1}");
    let c = ctx(&[("ip.src", "2001:db8::5")]);
    assert!(eval("ip.src in {2001:db8::/32}", &c));
    assert!(eval("cidr6(ip.src, 32) eq 2001:db8::", &c));
    let c = ctx(&[("ip.src", "192.168.1.77")]);
    assert!(eval("cidr(ip.src, 24, 64) eq 192.168.1.0", &c));
}

#[test]
fn functions() {
    let c = ctx(&[
        ("http.request.uri.path", "/Admin/Users"),
        ("http.request.uri.query", "a=%2541+b"),
        (
            "http.cookie",
            r#"{"user":{"id":42,"name":"ann"},"list":["x","y"]}"#,
        ),
        ("http.user_agent", "aGVsbG8="),
        ("http.request.headers.names", r#"["X-A","Accept"]"#),
    ]);
    for (expr, want) in [
        (r#"starts_with(http.request.uri.path, "/Admin/")"#, true),
        (r#"ends_with(http.request.uri.path, "users")"#, false),
        (r#"lower(http.request.uri.path) eq "/admin/users""#, true),
        (r#"upper(http.request.uri.path) eq "/ADMIN/USERS""#, true),
        (r#"len(http.request.uri.path) eq 12"#, true),
        (r#"url_decode(http.request.uri.query) eq "a=%41 b""#, true),
        (
            r#"url_decode(http.request.uri.query, "r") eq "a=A b""#,
            true,
        ),
        (r#"substring(http.request.uri.path, 1, 6) eq "Admin""#, true),
        (r#"substring(http.request.uri.path, -5) eq "Users""#, true),
        (
            r#"concat(http.request.uri.path, "?", "x") eq "/Admin/Users?x""#,
            true,
        ),
        (
            r#"remove_bytes(http.request.uri.path, "/") eq "AdminUsers""#,
            true,
        ),
        (
            r#"lookup_json_string(http.cookie, "user", "name") eq "ann""#,
            true,
        ),
        (
            r#"lookup_json_integer(http.cookie, "user", "id") eq 42"#,
            true,
        ),
        (r#"lookup_json_string(http.cookie, "list", 1) eq "y""#, true),
        (r#"lookup_json_string(http.cookie, "nope") ne "x""#, false),
        (r#"decode_base64(http.user_agent) eq "hello""#, true),
        (
            r#"join(http.request.headers.names, ",") eq "X-A,Accept""#,
            true,
        ),
        (r#"any(http.request.headers.names[*] eq "Accept")"#, true),
        (r#"all(http.request.headers.names[*] eq "Accept")"#, false),
        (
            r#"any(lower(http.request.headers.names[*])[*] eq "x-a")"#,
            true,
        ),
        (r#"len(http.request.headers.names) eq 2"#, true),
        (r#"any(http.request.uri.args.names[*] eq "a")"#, false),
        (r#"all(http.request.uri.args.names[*] eq "a")"#, true),
    ] {
        assert_eq!(eval(expr, &c), want, "{expr}");
    }
    for f in [
        "regex_replace(http.host, \"a\", \"b\") eq \"x\"",
        "to_string(cf.edge.server_port) eq \"1\"",
        "uuidv4(cf.ray_id) eq \"x\"",
        "split(http.host, \",\", 1)[0] eq \"x\"",
        "wildcard_replace(http.host, \"a\", \"b\") eq \"x\"",
        "remove_query_args(http.request.uri.query, \"a\") eq \"x\"",
    ] {
        let e = rejects(f);
        assert!(e.reason.contains("transform"), "{f}: {}", e.reason);
    }
    rejects(r#"starts_with("/admin", "/")"#);
    rejects(r#"lower(http.host)"#);
    rejects(r#"len(ssl) eq 1"#);
    rejects(r#"http.request.headers.names[*] eq "a""#);
    rejects(r#"nosuchfn(http.host) eq "a""#);
}

#[test]
fn arrays_maps_and_missing_values() {
    let c = ctx(&[
        (
            "http.request.headers",
            r#"{"x-a": ["1", "2"], "accept": ["*/*"]}"#,
        ),
        ("http.request.uri.args.names", r#"["a"]"#),
    ]);
    assert!(eval(r#"http.request.headers["x-a"][1] eq "2""#, &c));
    assert!(eval(r#"http.request.uri.args.names[0] eq "a""#, &c));
    // Missing: every comparison is false, `ne` included.
    for expr in [
        r#"http.request.headers["x-a"][2] eq "2""#,
        r#"http.request.headers["x-a"][2] ne "2""#,
        r#"http.request.headers["nope"][0] ne "a""#,
        r#"http.request.uri.args.names[5] in {"a"}"#,
        r#"http.request.cookies["s"][0] contains "a""#,
        r#"lookup_json_integer(http.host, "a") ne 1"#,
    ] {
        assert!(!eval(expr, &c), "{expr}");
    }
    assert!(eval(r#"not (http.request.headers["nope"][0] eq "a")"#, &c));
    rejects(r#"http.request.headers[0][0] eq "a""#);
    rejects(r#"http.host[0] eq "a""#);
    rejects(r#"http.request.headers["a"] eq "a""#);
    rejects(r#"http.request.headers eq "a""#);
}

#[test]
fn syntax_errors() {
    for expr in [
        "cf.tls_client_auth.cert_verified == true",
        "cf.tls_client_auth.cert_verified eq false",
        "http.host in {\"a\", \"b\"}",
        "ssl\tand ssl",
        "SSL",
        "ssl AND ssl",
        "http.host EQ \"a\"",
        "http.host",
        "http.host eq",
        "(ssl",
        "ssl)",
        "",
        "   ",
        "not",
        "ssl and",
        "http.host eq \"a",
        "false",
        "cf.edge.server_port contains 1",
        "cf.edge.server_port eq 1.5",
    ] {
        rejects(expr);
    }
    // Tabs around the expression are trimmed; spaces, CR and LF separate tokens.
    assert!(rules::parse("\tssl\t").is_ok());
    assert!(rules::parse("ssl\r\nand\nssl").is_ok());
}

#[test]
fn nesting_and_length_limits() {
    let nest = |n: usize| format!("{}ssl{}", "(".repeat(n), ")".repeat(n));
    assert!(rules::parse(&nest(128)).is_ok());
    let e = rejects(&nest(129));
    assert!(e.reason.contains("128"), "{}", e.reason);
    assert!(rules::parse(&format!("{}ssl", "not ".repeat(128))).is_ok());
    rejects(&format!("{}ssl", "not ".repeat(129)));
    rejects(&"(".repeat(100_000));
    rejects(&format!("{}ssl", "!".repeat(100_000)));
    let long = format!("http.host eq \"{}\"", "a".repeat(4096 - 15));
    assert_eq!(long.len(), 4096);
    assert!(rules::parse(&long).is_ok());
    let e = rejects(&format!("http.host eq \"{}\"", "a".repeat(4096 - 14)));
    assert!(e.reason.contains("4096"), "{}", e.reason);
}

#[test]
fn error_positions() {
    let e = rejects(r#"http.host == "a\n""#);
    assert_eq!((e.line, e.column), (1, 17));
    assert_eq!(
        e.to_string(),
        "Filter parsing error (1:17):\nhttp.host == \"a\\n\"\n                ^ expected \", xHH or OOO after \\"
    );
    let e = rejects("ssl and\n  cf.tls_client_auth.cert_verifed");
    assert_eq!((e.line, e.column), (2, 3));
    assert!(
        e.reason.contains("cf.tls_client_auth.cert_verified"),
        "{}",
        e.reason
    );
    assert!(
        e.to_string()
            .ends_with(&format!("\n  {} {}", "^".repeat(31), e.reason)),
        "{e}"
    );
    let e = rejects(r#"ip.src contains "1""#);
    assert_eq!((e.column, e.span.end - e.span.start), (8, 8));
    assert!(e.reason.contains("eq ne in"), "{}", e.reason);
    let e = rejects("cf.tls_client_auth.cert_verified == true");
    assert_eq!(e.column, 34);
    let e = rejects("  http.host in {\"a\", \"b\"}");
    assert_eq!(e.column, 20);
    assert!(e.reason.contains("comma"), "{}", e.reason);
}

#[test]
fn traces() {
    let c = ctx(&[
        ("cf.tls_client_auth.cert_verified", "true"),
        ("http.request.uri.path", "/admin"),
    ]);
    let f = rules::parse(SEED1).unwrap();
    let t = f.execute_traced(&c);
    assert!(!t.result);
    assert_eq!(t.root.children.len(), 2);
    assert_eq!(
        t.root.children[0].text,
        "not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked"
    );
    assert_eq!(t.root.children[0].value, Some(false));
    assert_eq!(t.root.children[1].value, None, "short-circuited");
    let names: Vec<&str> = t.fields.iter().map(|f| f.name).collect();
    assert_eq!(
        names,
        [
            "cf.tls_client_auth.cert_verified",
            "cf.tls_client_auth.cert_revoked"
        ]
    );
    let text = t.render();
    assert!(
        text.contains("false  (not cf.tls_client_auth.cert_verified"),
        "{text}"
    );
    assert!(
        text.contains("cf.tls_client_auth.cert_revoked = false (default)"),
        "{text}"
    );
    let json = serde_json::to_value(&t).unwrap();
    assert_eq!(json["result"], false);
    assert_eq!(json["root"]["children"][0]["span"]["start"], 1);
}

#[test]
fn builders_and_from_ast() {
    use ast::{and, call, field, field_in_strings, not, or, str_arg};
    let e = and(
        or(
            not(field("cf.tls_client_auth.cert_verified")),
            field("cf.tls_client_auth.cert_revoked"),
        ),
        field_in_strings("http.request.uri.path", &["/admin"]),
    );
    let f = rules::Filter::from_ast(e.clone()).unwrap();
    assert_eq!(f.canonical(), SEED1);
    assert_eq!(rules::parse(&f.canonical()).unwrap().ast(), &e);
    let sub = or(
        ast::field_eq_str("http.request.uri.path", "/admin"),
        ast::call_bool(
            "starts_with",
            vec![
                ast::Arg::Operand(field("http.request.uri.path")),
                str_arg("/admin/"),
            ],
        ),
    );
    assert_eq!(
        rules::Filter::from_ast(sub).unwrap().canonical(),
        r#"http.request.uri.path eq "/admin" or starts_with(http.request.uri.path, "/admin/")"#
    );
    assert!(rules::Filter::from_ast(field("http.host").into()).is_err());
    assert!(
        rules::Filter::from_ast(ast::compare(
            field("ip.src"),
            CmpOp::Lt,
            Rhs::Literal(Literal::Ip([1, 2, 3, 4].into()))
        ))
        .is_err()
    );
    assert!(rules::Filter::from_ast(call("lower", vec![str_arg("x")]).into()).is_err());
    assert!(rules::Filter::from_ast(field("no.such").into()).is_err());
    assert!(rules::Filter::from_ast(rules::Expr::True).is_ok());
    assert!(rules::Filter::from_ast(and(rules::Expr::True, field("ssl"))).is_err());
}

#[test]
fn context_typing() {
    let mut c = Context::new();
    assert!(c.set_from_str("ssl", "yes").is_err());
    assert!(c.set_from_str("cf.edge.server_port", "0x10").is_err());
    assert!(c.set_from_str("ip.src", "300.1.1.1").is_err());
    assert!(c.set_from_str("no.such.field", "1").is_err());
    assert!(c.set("http.host", Value::Bool(true)).is_err());
    c.set_from_json("http.host", &serde_json::json!({"hex": "ff"}))
        .unwrap();
    assert!(eval(r#"http.host eq "\xff""#, &c));
    // Unset fields take the edge's defaults.
    let c = Context::new();
    assert!(eval(r#"http.host eq """#, &c));
    assert!(eval("cf.edge.server_port eq 0", &c));
    assert!(eval("ip.src eq 0.0.0.0", &c));
    assert!(!eval("cf.tls_client_auth.cert_verified", &c));
}

#[test]
fn built_trees_obey_the_nesting_limit() {
    use ast::{field, not};
    let mut e: rules::Expr = field("ssl").into();
    for _ in 0..128 {
        e = not(e);
    }
    assert!(rules::Filter::from_ast(e.clone()).is_ok());
    let e = not(e);
    let err = rules::Filter::from_ast(e).unwrap_err();
    assert!(err.reason.contains("128"), "{}", err.reason);
    // Alternating and/or without parentheses is fine; the same operator nested needs them.
    let alternate = |levels: usize| {
        let mut e: rules::Expr = field("ssl").into();
        for i in 0..levels {
            let op = if i % 2 == 0 {
                rules::LogicalOp::And
            } else {
                rules::LogicalOp::Or
            };
            e = rules::Expr::Logical {
                op,
                items: vec![e, field("ssl").into()],
                span: rules::Span::default(),
            };
        }
        e
    };
    // Every `or` under an `and` needs parentheses: 200 levels print 100 of them, 300 print 150.
    let ok = rules::Filter::from_ast(alternate(200)).unwrap();
    assert!(rules::parse(&ok.canonical()).is_ok());
    assert!(rules::Filter::from_ast(alternate(300)).is_err());
    assert!(rules::parse(&alternate(300).canonical()).is_err());
}

#[test]
fn filters_and_contexts_cross_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<rules::Filter>();
    send_sync::<Context>();
    send_sync::<rules::Trace>();
}

/// The deepest legal inputs (128 groups, each adding three operator levels; 128 nested calls)
/// run on a default 2 MiB test thread in debug builds: parse, print, trace, rebuild.
#[test]
fn deepest_legal_inputs_fit_a_test_thread() {
    let mut text = String::from("ssl");
    for _ in 0..128 {
        text = format!("ssl or ssl xor ssl and ({text})");
    }
    let f = rules::parse(&text).unwrap();
    let c = ctx(&[("ssl", "true")]);
    assert!(f.execute(&c));
    assert!(f.execute_traced(&c).result);
    assert_eq!(rules::parse(&f.canonical()).unwrap().ast(), f.ast());
    assert!(rules::Filter::from_ast(f.ast().clone()).is_ok());
    rejects(&format!("ssl or ({text})"));

    let calls = format!(
        "{}http.host{} eq \"x\"",
        "lower(".repeat(128),
        ")".repeat(128)
    );
    let f = rules::parse(&calls).unwrap();
    assert!(eval(&f.canonical(), &ctx(&[("http.host", "X")])));
    assert!(rules::Filter::from_ast(f.ast().clone()).is_ok());
    let e = rejects(&format!(
        "{}http.host{} eq \"x\"",
        "lower(".repeat(129),
        ")".repeat(129)
    ));
    assert!(e.reason.contains("128"), "{}", e.reason);
}
