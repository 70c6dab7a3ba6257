//! Fuzz target: any bytes as a CSR file (what `cert sign` reads) must decode and verify,
//! or fail cleanly. Most inputs stop at the signature check; the parse before it is what
//! untrusted CSRs reach.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mtlsctl::pki::{issue, load};

fuzz_target!(|data: &[u8]| {
    let _ = issue::read_csr(data);
    let Ok(input) = load::decode("fuzz", data) else {
        return;
    };
    if let Ok(der) = input.first_of(load::Kind::Csr, "a certificate signing request") {
        let _ = issue::read_csr(der);
    }
});
