//! Fuzz target: any bytes as an expression must parse or fail cleanly, never panic or
//! overflow; what parses must print canonically, reparse to the same tree, and evaluate
//! (plainly and traced, with the same result) against an empty and a filled context.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mtlsctl::rules::{self, Context};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(filter) = rules::parse(text) else {
        return;
    };
    let canonical = filter.canonical();
    let again = rules::parse(&canonical)
        .unwrap_or_else(|e| panic!("canonical text does not parse: {canonical}\n{e}"));
    assert_eq!(again.ast(), filter.ast(), "{canonical}");
    let mut ctx = Context::new();
    for c in [false, true] {
        if c {
            let _ = ctx.set_from_str("http.host", "www.example.com");
            let _ = ctx.set_from_str("ssl", "true");
            let _ = ctx.set_from_str("ip.src", "10.1.2.3");
            let _ = ctx.set_from_str("cf.edge.server_port", "443");
            let _ = ctx.set_from_str(
                "http.request.headers",
                r#"{"x-a":["1","2"],"accept":["*/*"]}"#,
            );
            let _ = ctx.set_from_str("http.request.headers.names", r#"["X-A","Accept"]"#);
        }
        let r = filter.execute(&ctx);
        assert_eq!(filter.execute_traced(&ctx).result, r, "{canonical}");
    }
});
