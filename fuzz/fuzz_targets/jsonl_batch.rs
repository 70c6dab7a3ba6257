//! Fuzz target: any bytes as a JSONL batch. `rule eval --batch` must answer every line (a
//! result or an error line) and never fail on content; the `rule test --requests` line
//! handler must return a result or an error for any line.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mtlsctl::rules::batch;

fuzz_target!(|data: &[u8]| {
    let mut out = Vec::new();
    let stats = batch::run(data, &mut out).expect("a batch over bytes in memory cannot fail");
    let answered = out.iter().filter(|&&b| b == b'\n').count() as u64;
    assert_eq!(stats.lines, answered, "one output line per input line");
    mtlsctl::edge::replay::fuzz_requests(data);
});
