//! Fuzz target: any bytes as a certificate file (PEM or DER, detected) must load, or fail
//! cleanly, through every step `ski`, `cert inspect` and `rule test --cert` take: decoding,
//! the issuer and own SKI, the edge's certificate fields and the X.509 parse. No panic,
//! no overflow, whatever the input.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mtlsctl::edge::cert_fields::CertFields;
use mtlsctl::pki::{cert, load, ski};

fuzz_target!(|data: &[u8]| {
    let Ok(input) = load::decode("fuzz", data) else {
        return;
    };
    let _ = input.describe();
    let certs = input.certificates();
    for der in &certs {
        let _ = ski::issuer_ski(der, None);
        // The input itself as the --issuer fallback (exercises the signature check).
        let _ = ski::issuer_ski(der, Some(der));
        let _ = ski::own_ski(der);
        let exact = cert::exact(der);
        let chain: Vec<Vec<u8>> = certs.iter().map(|c| c.to_vec()).collect();
        if let Ok(f) = CertFields::from_der(exact, &chain, Some(der)) {
            let _ = f.entries();
        }
        if let Ok(c) = cert::parse(der) {
            let _ = cert::aki_key_id(&c);
            let _ = cert::ski(&c);
            let _ = cert::is_self_signed(&c);
        }
    }
    if input.first_certificate().is_err() {
        // Raw bytes straight into the field extraction too (DER that is not sniffed as a
        // certificate).
        let _ = CertFields::from_der(data, &[], None);
    }
});
