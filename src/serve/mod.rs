//! `mtlsctl serve`: a local mTLS edge that real clients talk to.
//!
//! A TLS-terminating reverse proxy that behaves like Cloudflare's edge with mTLS enabled:
//! [`tls`] asks for a client certificate on mTLS hostnames (never requiring it) and on no
//! other; after the handshake the certificate is validated once per connection with
//! [`crate::edge::client::ClientView::of`], exactly as `rule test` does; [`handler`] runs the
//! zone's rules for each request through the same code as `rule test` and answers with a block
//! or challenge page, a JSON echo, or forwards to the origin ([`forward`]) with the headers the
//! edge adds. [`log`] records every request in the `rule test --requests` format, and
//! [`reload`] keeps the rules current (SIGHUP, file changes).
//!
//! This layer sits above `edge` and calls it; nothing below knows it exists. The tokio runtimes
//! (one per worker thread, one for accepting and signals) are built in [`run`] only, so no
//! other command pays for them. Bad clients are bounded: a TLS handshake timeout, a request
//! head timeout (hyper's on HTTP/1; on HTTP/2, where hyper has none, a connection without a
//! request in flight for that long is closed, which bounds a HEADERS frame that never ends; on
//! both it also bounds keep-alive idleness), an idle timeout for connections without requests
//! in flight, a maximum header size, and a connection limit (connections over it are closed at
//! once). SIGINT/SIGTERM stop accepting, let in-flight requests finish within the shutdown
//! timeout, and return.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::net::TcpListener;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc, watch};

use crate::edge::client::{ClientView, Presented};
use crate::edge::dryrun;
use crate::edge::normalize::Normalization;

pub mod forward;
pub mod handler;
pub mod log;
pub mod origin_tls;
pub mod reload;
pub mod tls;

pub use forward::HeaderMode;
pub use reload::Sources;
pub use tls::ServerIdentity;

/// Errors that stop `serve` from starting.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The rules could not be loaded.
    #[error("{0}")]
    Rules(String),
    /// The CAs or CRLs could not be loaded.
    #[error("{0}")]
    Trust(String),
    /// The TLS configuration was refused (a bad certificate or key).
    #[error("TLS configuration: {0}")]
    Tls(String),
    /// A bad `--upstream`.
    #[error("--upstream {0}")]
    Upstream(String),
    /// Binding, the runtime, a file.
    #[error("{0}")]
    Io(String),
}

/// Bounds on what a client can make the server hold.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Open connections at most; more are closed at once.
    pub max_connections: usize,
    /// Time for the TLS handshake.
    pub handshake_timeout: Duration,
    /// Time for a request head (also the keep-alive idle time, HTTP/1 and HTTP/2).
    pub header_timeout: Duration,
    /// A connection with no request in flight for this long is closed.
    pub idle_timeout: Duration,
    /// Largest request head (HTTP/1 buffer, HTTP/2 header list).
    pub max_header_bytes: usize,
    /// How long SIGINT/SIGTERM wait for in-flight requests.
    pub shutdown_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 1024,
            handshake_timeout: Duration::from_secs(10),
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            max_header_bytes: 64 * 1024,
            shutdown_timeout: Duration::from_secs(10),
        }
    }
}

/// Everything `serve` needs, resolved by the command.
pub struct Config {
    /// Where to listen.
    pub listen: SocketAddr,
    /// Hostnames with mTLS enabled (a client certificate is requested).
    pub mtls_hosts: Vec<String>,
    /// The server certificate and key.
    pub identity: ServerIdentity,
    /// The origin, `http://` or `https://host:port`; `None` answers with a JSON echo.
    pub upstream: Option<String>,
    /// Headers added for the origin.
    pub headers: Vec<HeaderMode>,
    /// TLS to an `https://` origin (SSL mode, origin CAs, Authenticated Origin Pulls).
    pub upstream_tls: origin_tls::UpstreamTls,
    /// URL normalization name (`rfc3986`, `cloudflare`, `off`).
    pub normalize: String,
    /// `--log`.
    pub log: Option<PathBuf>,
    /// Limits.
    pub limits: Limits,
}

/// What every connection of one worker shares.
pub struct Shared {
    /// Rules and trust.
    pub live: Arc<reload::Live>,
    /// URL normalization name (as the log records it).
    pub normalize: String,
    /// The same, parsed.
    pub normalization: Normalization,
    /// The request log (one file for all workers).
    pub log: Option<Arc<log::RequestLog>>,
    /// The origin (a connection pool per worker, so origin I/O stays on its thread).
    pub forward: Option<forward::Forwarder>,
    /// The TLS configurations and which hostnames have mTLS.
    pub tls: Arc<tls::TlsConfigs>,
}

/// Runs the server until SIGINT or SIGTERM. `ready` is called once with the bound address.
///
/// One worker thread per core, each with its own single-threaded runtime: a connection stays
/// on the thread that serves it (no work stealing, no wakeups across cores, as nginx's worker
/// processes). This thread accepts, hands each connection to the worker with the fewest open
/// ones, and handles signals, reloads and the shutdown.
pub fn run(
    config: Config,
    live: reload::Live,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    current_thread_runtime()?.block_on(serve(config, live, ready))
}

fn current_thread_runtime() -> Result<tokio::runtime::Runtime, ServeError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| ServeError::Io(format!("cannot start the runtime: {e}")))
}

async fn serve(
    config: Config,
    live: reload::Live,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    use tokio::signal::unix::{SignalKind, signal};
    let live = Arc::new(live);
    let tls = Arc::new(tls::TlsConfigs::new(
        &config.identity,
        &live.trust().anchors,
        &config.mtls_hosts,
    )?);
    let log = match &config.log {
        Some(p) => Some(Arc::new(log::RequestLog::open(p)?)),
        None => None,
    };
    let normalization: Normalization = config.normalize.parse().map_err(|_| {
        ServeError::Rules(format!(
            "--normalize {:?}: use rfc3986, cloudflare or off",
            config.normalize
        ))
    })?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut shared = Vec::with_capacity(threads);
    for _ in 0..threads {
        let forward = match &config.upstream {
            Some(u) => Some(forward::Forwarder::new(
                u,
                config.headers.clone(),
                &config.upstream_tls,
            )?),
            None => None,
        };
        shared.push(Shared {
            live: live.clone(),
            normalize: config.normalize.clone(),
            normalization,
            log: log.clone(),
            forward,
            tls: tls.clone(),
        });
    }
    let limits = Arc::new(config.limits.clone());
    let builders = Arc::new(Builders::new(&limits));
    let sig = |k: SignalKind| {
        signal(k).map_err(|e| ServeError::Io(format!("cannot handle signals: {e}")))
    };
    let mut sigint = sig(SignalKind::interrupt())?;
    let mut sigterm = sig(SignalKind::terminate())?;
    let listen_error =
        |e: std::io::Error| ServeError::Io(format!("--listen {}: {e}", config.listen));
    let listener = TcpListener::bind(config.listen)
        .await
        .map_err(listen_error)?;
    let bound = listener.local_addr().map_err(listen_error)?;
    let (stop_tx, stop_rx) = watch::channel(false);
    let (done_tx, done_rx) = watch::channel(false);
    let mut workers = Vec::with_capacity(threads);
    let mut queues = Vec::with_capacity(threads);
    let (started_tx, started_rx) = std::sync::mpsc::channel();
    for (i, shared) in shared.into_iter().enumerate() {
        let (queue, incoming) = mpsc::unbounded_channel();
        let load = Arc::new(AtomicUsize::new(0));
        queues.push((queue, load));
        let worker = Worker {
            shared: Arc::new(shared),
            tls: tls.clone(),
            limits: limits.clone(),
            builders: builders.clone(),
            stop: stop_rx.clone(),
            done: done_rx.clone(),
            local_port: bound.port(),
        };
        let started = started_tx.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("serve-{i}"))
            .spawn(move || worker.run(incoming, started));
        match spawned {
            Ok(handle) => workers.push(handle),
            Err(e) => {
                let _ = done_tx.send(true);
                return Err(ServeError::Io(format!("cannot start a worker thread: {e}")));
            }
        }
    }
    drop(started_tx);
    // Every worker reports once whether its runtime started.
    for _ in 0..workers.len() {
        let report = started_rx
            .recv()
            .unwrap_or_else(|_| Err("a worker thread stopped".into()));
        if let Err(e) = report {
            let _ = done_tx.send(true);
            return Err(ServeError::Io(e));
        }
    }
    tokio::spawn(reload::watch(live.clone(), stop_rx.clone()));
    ready(bound);

    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let mut refused: u64 = 0;
    let why = loop {
        tokio::select! {
            _ = sigint.recv() => break "SIGINT",
            _ = sigterm.recv() => break "SIGTERM",
            accepted = listener.accept() => {
                let (tcp, peer) = match accepted {
                    Ok(x) => x,
                    Err(e) => {
                        // Out of descriptors and the like: wait a moment rather than spin.
                        eprintln!("mtlsctl serve: accept failed: {e}");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let Ok(permit) = slots.clone().try_acquire_owned() else {
                    refused += 1;
                    if refused.is_power_of_two() {
                        eprintln!(
                            "mtlsctl serve: connection limit ({}) reached: closing new connections ({refused} so far)",
                            limits.max_connections
                        );
                    }
                    drop(tcp);
                    continue;
                };
                let _ = tcp.set_nodelay(true);
                let Ok(tcp) = tcp.into_std() else { continue };
                // The worker with the fewest open connections takes it, so keep-alive
                // connections spread evenly over the cores.
                let least = queues
                    .iter()
                    .min_by_key(|(_, load)| load.load(Ordering::Relaxed));
                if let Some((queue, load)) = least {
                    let open = Open { tcp, peer, permit, load: Load::start(load) };
                    // A worker that stopped has dropped its queue: the connection closes.
                    let _ = queue.send(open);
                }
            }
        }
    };
    drop(listener);
    drop(queues);
    eprintln!("mtlsctl serve: {why}: no longer accepting; finishing requests in flight");
    let _ = stop_tx.send(true);
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    match tokio::time::timeout(limits.shutdown_timeout, slots.acquire_many(all)).await {
        Ok(_) => eprintln!("mtlsctl serve: stopped"),
        Err(_) => eprintln!(
            "mtlsctl serve: stopped after {}s with connections still open",
            limits.shutdown_timeout.as_secs()
        ),
    }
    let _ = done_tx.send(true);
    for w in workers {
        // A worker that panicked has nothing left to finish.
        let _ = w.join();
    }
    Ok(())
}

/// An accepted connection on its way to a worker.
struct Open {
    tcp: std::net::TcpStream,
    peer: SocketAddr,
    permit: OwnedSemaphorePermit,
    load: Load,
}

/// One open connection counted in its worker's load.
struct Load(Arc<AtomicUsize>);

impl Load {
    fn start(count: &Arc<AtomicUsize>) -> Load {
        count.fetch_add(1, Ordering::Relaxed);
        Load(count.clone())
    }
}

impl Drop for Load {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// One worker thread: a single-threaded runtime serving the connections handed to it.
struct Worker {
    shared: Arc<Shared>,
    tls: Arc<tls::TlsConfigs>,
    limits: Arc<Limits>,
    builders: Arc<Builders>,
    stop: watch::Receiver<bool>,
    done: watch::Receiver<bool>,
    local_port: u16,
}

impl Worker {
    fn run(
        self,
        mut incoming: mpsc::UnboundedReceiver<Open>,
        started: std::sync::mpsc::Sender<Result<(), String>>,
    ) {
        let runtime = match current_thread_runtime() {
            Ok(r) => r,
            Err(e) => {
                let _ = started.send(Err(e.to_string()));
                return;
            }
        };
        let _ = started.send(Ok(()));
        runtime.block_on(async move {
            while let Some(open) = incoming.recv().await {
                let Ok(tcp) = tokio::net::TcpStream::from_std(open.tcp) else {
                    continue;
                };
                let job = Connection {
                    shared: self.shared.clone(),
                    tls: self.tls.clone(),
                    limits: self.limits.clone(),
                    builders: self.builders.clone(),
                    stop: self.stop.clone(),
                    peer: open.peer,
                    local_port: self.local_port,
                };
                let (permit, load) = (open.permit, open.load);
                tokio::spawn(async move {
                    job.run(tcp).await;
                    drop(load);
                    drop(permit);
                });
            }
            // The acceptor stopped: connections in flight run on this thread until the
            // shutdown is over.
            let mut done = self.done.clone();
            while !*done.borrow_and_update() {
                if done.changed().await.is_err() {
                    break;
                }
            }
        });
    }
}

/// How long the graceful close of an idle connection may take before it is dropped.
const CLOSE_GRACE: Duration = Duration::from_secs(2);

/// The HTTP/1.1 and HTTP/2 connection builders, configured once.
struct Builders {
    h1: auto::Builder<TokioExecutor>,
    h2: auto::Builder<TokioExecutor>,
}

impl Builders {
    fn new(limits: &Limits) -> Builders {
        let mut b = auto::Builder::new(TokioExecutor::new());
        b.http1()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout)
            // hyper's minimum buffer is 8 KiB.
            .max_buf_size(limits.max_header_bytes.max(8192))
            .keep_alive(true);
        b.http2()
            .timer(TokioTimer::new())
            .max_header_list_size(u32::try_from(limits.max_header_bytes).unwrap_or(u32::MAX))
            .max_concurrent_streams(256)
            .keep_alive_interval(Some(limits.idle_timeout))
            .keep_alive_timeout(limits.header_timeout);
        Builders {
            h1: b.clone().http1_only(),
            h2: b.http2_only(),
        }
    }
}

/// One accepted connection.
struct Connection {
    shared: Arc<Shared>,
    tls: Arc<tls::TlsConfigs>,
    limits: Arc<Limits>,
    builders: Arc<Builders>,
    stop: watch::Receiver<bool>,
    peer: SocketAddr,
    local_port: u16,
}

impl Connection {
    async fn run(mut self, tcp: tokio::net::TcpStream) {
        let tls = self.tls.clone();
        let handshake = async move {
            let start =
                tokio_rustls::LazyConfigAcceptor::new(rustls::server::Acceptor::default(), tcp)
                    .await?;
            let mtls = tls.wants_client_auth(&start.client_hello());
            let config = if mtls {
                tls.mtls.clone()
            } else {
                tls.plain.clone()
            };
            let stream = start.into_stream(config).await?;
            Ok::<_, std::io::Error>((stream, mtls))
        };
        let (stream, mtls) = tokio::select! {
            r = tokio::time::timeout(self.limits.handshake_timeout, handshake) => match r {
                Ok(Ok(x)) => x,
                Ok(Err(e)) => {
                    eprintln!("mtlsctl serve: TLS handshake with {} failed: {e}", self.peer);
                    return;
                }
                Err(_) => {
                    eprintln!(
                        "mtlsctl serve: TLS handshake with {} failed: not complete within {}s",
                        self.peer,
                        self.limits.handshake_timeout.as_secs()
                    );
                    return;
                }
            },
            _ = self.stop.changed() => return,
        };
        let info = Arc::new(self.conn_info(stream.get_ref().1, mtls));
        let h2 = stream.get_ref().1.alpn_protocol() == Some(b"h2");
        let shared = self.shared.clone();
        let for_service = info.clone();
        let service =
            service_fn(move |req| handler::handle(shared.clone(), for_service.clone(), req));
        let builder = if h2 {
            &self.builders.h2
        } else {
            &self.builders.h1
        };
        let conn = builder.serve_connection(TokioIo::new(stream), service);
        tokio::pin!(conn);
        let mut closing = false;
        // HTTP/2 has no request head timer: a connection that sends only the preface, or a
        // HEADERS frame whose CONTINUATION never comes, has no request in flight; like an
        // HTTP/1 connection between requests, it gets the header timeout.
        let quiet = if h2 {
            self.limits.idle_timeout.min(self.limits.header_timeout)
        } else {
            self.limits.idle_timeout
        };
        let check = (quiet / 4).max(Duration::from_millis(250));
        // A client that never answers a graceful close (an HTTP/2 GOAWAY and PING) is dropped
        // this long after the close began.
        let grace = tokio::time::sleep(Duration::from_secs(86_400));
        tokio::pin!(grace);
        loop {
            tokio::select! {
                _ = conn.as_mut() => break,
                _ = self.stop.changed(), if !closing => {
                    closing = true;
                    conn.as_mut().graceful_shutdown();
                    // Requests in flight get the whole shutdown timeout.
                    grace
                        .as_mut()
                        .reset(tokio::time::Instant::now() + self.limits.shutdown_timeout);
                }
                _ = tokio::time::sleep(check), if !closing => {
                    if info.activity.idle_for() >= quiet {
                        closing = true;
                        conn.as_mut().graceful_shutdown();
                        grace.as_mut().reset(tokio::time::Instant::now() + CLOSE_GRACE);
                    }
                }
                _ = grace.as_mut(), if closing => break,
            }
        }
    }

    /// Validates the client certificate (once) and collects the connection's facts.
    fn conn_info(&self, conn: &rustls::ServerConnection, mtls: bool) -> handler::ConnInfo {
        let chain = if mtls { tls::peer_chain(conn) } else { None };
        let (view, cert_pem, chain_pem) = match chain {
            None => (ClientView::none(), None, None),
            Some((leaf, rest)) => {
                let pem_of = |der: &[u8]| {
                    pem::encode_config(
                        &pem::Pem::new("CERTIFICATE", der.to_vec()),
                        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
                    )
                };
                let cert_pem = pem_of(&leaf);
                let chain_pem: String = rest.iter().map(|d| pem_of(d)).collect();
                let presented = Presented { leaf, chain: rest };
                let now = time::OffsetDateTime::now_utc();
                let view =
                    match ClientView::of(&presented, &self.shared.live.trust(), now, "client") {
                        Ok(v) => v,
                        Err(e) => {
                            // A certificate whose fields cannot be computed: presented, not
                            // verified, every other value empty.
                            let mut v = ClientView::none();
                            v.fields.cert_presented = true;
                            v.failure = Some("FAILED:unable to decode the certificate".into());
                            v.failure_detail = Some(e.to_string());
                            v
                        }
                    };
                (
                    view,
                    Some(cert_pem),
                    (!chain_pem.is_empty()).then_some(chain_pem),
                )
            }
        };
        let edge_headers = match &self.shared.forward {
            Some(f) => f.edge_values(&view),
            None => Vec::new(),
        };
        let client_values = dryrun::ClientValues::of(&view).map_err(|e| e.to_string());
        let client_json = match (&self.shared.forward, &client_values) {
            (None, Ok(values)) => handler::client_json(values),
            _ => Vec::new(),
        };
        handler::ConnInfo {
            edge_headers,
            peer: self.peer,
            peer_ip: self.peer.ip().to_string(),
            local_port: self.local_port,
            tls_version: tls::version_name(conn.protocol_version()),
            tls_cipher: tls::cipher_name(conn.negotiated_cipher_suite()),
            mtls,
            client_values,
            client_json,
            view,
            cert_pem,
            chain_pem,
            activity: handler::Activity::new(),
            spare: std::sync::Mutex::new(None),
        }
    }
}
