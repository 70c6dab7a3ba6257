//! A small HTTPS load generator that presents a client certificate (h2load and wrk cannot),
//! for `bench/serve.sh`. Built on the same stack as `mtlsctl serve` (tokio, rustls with
//! aws-lc-rs, hyper's HTTP/1.1 client), so both sides of the comparison get the same client.
//!
//! ```text
//! loadgen --mode keepalive|handshake --addr 127.0.0.1:8443 --host app.example.test \
//!         --path / --ca ca.crt --cert client.crt --key client.key \
//!         --connections 32 --seconds 10
//! ```
//!
//! `keepalive`: each connection sends requests one after another over one TLS connection.
//! `handshake`: each request is a new TCP connection and a full TLS 1.3 handshake with the
//! client certificate (no resumption), then one request. Prints one JSON line: requests,
//! errors, requests per second, p50/p99/max latency in microseconds.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;

struct Opts {
    mode: String,
    addr: String,
    host: String,
    path: String,
    ca: String,
    cert: String,
    key: String,
    connections: usize,
    seconds: u64,
}

fn opts() -> Result<Opts, String> {
    let mut o = Opts {
        mode: "keepalive".into(),
        addr: "127.0.0.1:8443".into(),
        host: "localhost".into(),
        path: "/".into(),
        ca: String::new(),
        cert: String::new(),
        key: String::new(),
        connections: 16,
        seconds: 10,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--mode" => o.mode = value,
            "--addr" => o.addr = value,
            "--host" => o.host = value,
            "--path" => o.path = value,
            "--ca" => o.ca = value,
            "--cert" => o.cert = value,
            "--key" => o.key = value,
            "--connections" => o.connections = value.parse().map_err(|_| "bad --connections")?,
            "--seconds" => o.seconds = value.parse().map_err(|_| "bad --seconds")?,
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok(o)
}

fn pem_certs(path: &str) -> Result<Vec<CertificateDer<'static>>, String> {
    let text = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let blocks = pem::parse_many(&text).map_err(|e| format!("{path}: {e}"))?;
    Ok(blocks
        .into_iter()
        .filter(|b| b.tag() == "CERTIFICATE")
        .map(|b| CertificateDer::from(b.into_contents()))
        .collect())
}

fn pem_key(path: &str) -> Result<PrivateKeyDer<'static>, String> {
    let text = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let block = pem::parse(&text).map_err(|e| format!("{path}: {e}"))?;
    match block.tag() {
        "PRIVATE KEY" => Ok(PrivateKeyDer::Pkcs8(block.into_contents().into())),
        "EC PRIVATE KEY" => Ok(PrivateKeyDer::Sec1(block.into_contents().into())),
        "RSA PRIVATE KEY" => Ok(PrivateKeyDer::Pkcs1(block.into_contents().into())),
        other => Err(format!("{path}: unsupported key block {other}")),
    }
}

fn client_config(o: &Opts, alpn_h1: bool) -> Result<Arc<rustls::ClientConfig>, String> {
    let mut roots = rustls::RootCertStore::empty();
    for c in pem_certs(&o.ca)? {
        roots.add(c).map_err(|e| e.to_string())?;
    }
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13])
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_client_auth_cert(pem_certs(&o.cert)?, pem_key(&o.key)?)
        .map_err(|e| e.to_string())?;
    // Every handshake is a full one.
    config.resumption = rustls::client::Resumption::disabled();
    if alpn_h1 {
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
    }
    Ok(Arc::new(config))
}

type Sender = hyper::client::conn::http1::SendRequest<Empty<Bytes>>;

async fn connect(
    connector: &TlsConnector,
    addr: &str,
    host: &ServerName<'static>,
) -> Result<Sender, String> {
    let tcp = TcpStream::connect(addr).await.map_err(|e| e.to_string())?;
    tcp.set_nodelay(true).map_err(|e| e.to_string())?;
    let tls = connector
        .connect(host.clone(), tcp)
        .await
        .map_err(|e| e.to_string())?;
    let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(tls))
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(sender)
}

async fn request(sender: &mut Sender, o: &Opts, close: bool) -> Result<(), String> {
    let mut req = hyper::Request::builder()
        .uri(o.path.as_str())
        .header("host", o.host.as_str());
    if close {
        req = req.header("connection", "close");
    }
    let req = req.body(Empty::new()).map_err(|e| e.to_string())?;
    sender.ready().await.map_err(|e| e.to_string())?;
    let resp = sender.send_request(req).await.map_err(|e| e.to_string())?;
    let status = resp.status();
    resp.into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?;
    if status.is_server_error() || status == hyper::StatusCode::BAD_REQUEST {
        return Err(format!("status {status}"));
    }
    Ok(())
}

async fn worker(o: Arc<Opts>, connector: TlsConnector, stop: Arc<AtomicBool>) -> (Vec<u32>, u64) {
    let host = ServerName::try_from(o.host.clone()).expect("a valid host name");
    let mut lat = Vec::with_capacity(100_000);
    let mut errors = 0u64;
    let mut sender: Option<Sender> = None;
    while !stop.load(Ordering::Relaxed) {
        let t = Instant::now();
        let result = if o.mode == "handshake" {
            match connect(&connector, &o.addr, &host).await {
                Ok(mut s) => request(&mut s, &o, true).await,
                Err(e) => Err(e),
            }
        } else {
            if sender.is_none() {
                match connect(&connector, &o.addr, &host).await {
                    Ok(s) => sender = Some(s),
                    Err(_) => {
                        errors += 1;
                        continue;
                    }
                }
            }
            match sender.as_mut() {
                Some(s) => request(s, &o, false).await,
                None => Err("no connection".into()),
            }
        };
        match result {
            Ok(()) => lat.push(t.elapsed().as_micros().min(u32::MAX as u128) as u32),
            Err(_) => {
                errors += 1;
                sender = None;
            }
        }
    }
    (lat, errors)
}

fn main() {
    let o = match opts() {
        Ok(o) => Arc::new(o),
        Err(e) => {
            eprintln!("loadgen: {e}");
            std::process::exit(2);
        }
    };
    let config = match client_config(&o, true) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("loadgen: {e}");
            std::process::exit(2);
        }
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let (lat, errors, elapsed) = rt.block_on(async {
        let stop = Arc::new(AtomicBool::new(false));
        let start = Instant::now();
        let tasks: Vec<_> = (0..o.connections)
            .map(|_| {
                tokio::spawn(worker(
                    o.clone(),
                    TlsConnector::from(config.clone()),
                    stop.clone(),
                ))
            })
            .collect();
        tokio::time::sleep(Duration::from_secs(o.seconds)).await;
        stop.store(true, Ordering::Relaxed);
        let mut all = Vec::new();
        let mut errors = 0;
        for t in tasks {
            if let Ok((l, e)) = t.await {
                all.extend(l);
                errors += e;
            }
        }
        (all, errors, start.elapsed())
    });
    let mut lat = lat;
    lat.sort_unstable();
    let pct = |p: f64| -> u32 {
        if lat.is_empty() {
            return 0;
        }
        lat[((lat.len() as f64 - 1.0) * p).round() as usize]
    };
    println!(
        "{{\"mode\":\"{}\",\"requests\":{},\"errors\":{},\"seconds\":{:.3},\"rps\":{:.1},\"p50_us\":{},\"p99_us\":{},\"max_us\":{}}}",
        o.mode,
        lat.len(),
        errors,
        elapsed.as_secs_f64(),
        lat.len() as f64 / elapsed.as_secs_f64(),
        pct(0.50),
        pct(0.99),
        lat.last().copied().unwrap_or(0)
    );
}
