//! `mtlsctl serve`: the local mTLS edge. This adapter resolves the flags (server certificate
//! issued from the store CA or read from files, rules and trust sources, header modes,
//! limits, TLS to an https:// origin), prints where it listens with a curl command that works, and hands over to
//! [`crate::serve::run`], which owns the runtime.

use std::io::Write;
use std::net::IpAddr;
use std::path::Path;

use crate::cli::{IssuerArgs, ServeArgs};
use crate::commands::{Answer, Ctx};
use crate::edge::normalize::Normalization;
use crate::pki::issue::{CertSpec, Profile};
use crate::pki::keys::KeyType;
use crate::pki::spec::{NotAfter, San, Subject};
use crate::pki::{cert, load};
use crate::serve::origin_tls::UpstreamTls;
use crate::serve::{self, Config, HeaderMode, Limits, ServerIdentity, Sources};

/// Runs `serve` until SIGINT or SIGTERM.
pub fn run(args: ServeArgs, ctx: &mut Ctx) -> anyhow::Result<Answer> {
    let hostnames: Vec<String> = if args.hostnames.is_empty() {
        vec!["localhost".to_string()]
    } else {
        args.hostnames
            .iter()
            .map(|h| h.to_ascii_lowercase())
            .collect()
    };
    if let Some(ip) = hostnames.iter().find(|h| {
        h.trim_matches(['[', ']'])
            .parse::<std::net::IpAddr>()
            .is_ok()
    }) {
        anyhow::bail!(
            "--hostname {ip}: an IP address cannot have mTLS: clients send no SNI for an address, \
             so neither the edge nor serve can tell which setting applies; use a name (curl \
             --resolve NAME:PORT:{ip})"
        );
    }
    let headers = args
        .headers
        .iter()
        .map(|h| h.trim().parse::<HeaderMode>().map_err(anyhow::Error::msg))
        .collect::<anyhow::Result<Vec<_>>>()?;
    args.normalize.parse::<Normalization>().map_err(|_| {
        anyhow::anyhow!(
            "--normalize {:?}: use rfc3986, cloudflare or off",
            args.normalize
        )
    })?;
    if args.max_connections == 0 {
        anyhow::bail!("--max-connections must be at least 1");
    }
    let upstream_tls = upstream_tls(&args)?;
    let expr = args
        .expr
        .as_deref()
        .map(super::rule::check::read_expr)
        .transpose()?;

    // The server certificate first: issuing it may create the store CA that the default
    // trust and the recommended rule then use.
    let (identity, cacert) = identity(&args, &hostnames, ctx)?;
    let loaded = serve::reload::Live::load(Sources {
        expr,
        rules: args.rules.clone(),
        cas: args.cas.clone(),
        crls: args.crls.clone(),
        store: ctx.store.clone(),
        managed_ca: args.managed_ca,
    })?;
    if let Some(note) = &loaded.note {
        ctx.out.status(note);
    }
    let std = |d: time::Duration| d.unsigned_abs();
    let config = Config {
        listen: args.listen,
        mtls_hosts: hostnames.clone(),
        identity,
        upstream: args.upstream.clone(),
        headers,
        upstream_tls,
        normalize: args.normalize.clone(),
        log: args.log.clone(),
        limits: Limits {
            max_connections: args.max_connections,
            handshake_timeout: std(args.handshake_timeout),
            header_timeout: std(args.header_timeout),
            idle_timeout: std(args.idle_timeout),
            max_header_bytes: args.max_header_bytes,
            shutdown_timeout: std(args.shutdown_timeout),
        },
    };
    if !args.listen.ip().is_loopback() {
        ctx.out.warn(format!(
            "listening on {}, which is not a loopback address: other machines can reach this server",
            args.listen
        ));
    }
    let quiet = ctx.out.quiet;
    let rules = loaded.count;
    let upstream = args.upstream.clone();
    let output = &ctx.out;
    serve::run(config, loaded.live, |addr| {
        // The ready line: the first line on stdout, flushed, for scripts and tests.
        let mut out = std::io::stdout();
        let _ = writeln!(out, "listening on {addr}");
        let _ = out.flush();
        // Once started (a start-up error is the only line when there is one).
        if args.upstream_insecure {
            output.warn(
                "--upstream-insecure: the origin's certificate is not verified (SSL mode Full, not Full (strict))",
            );
        }
        if quiet {
            return;
        }
        let host = &hostnames[0];
        let ip = if addr.ip().is_unspecified() {
            IpAddr::from([127, 0, 0, 1])
        } else {
            addr.ip()
        };
        let port = addr.port();
        let resolve = if host == "localhost" {
            String::new()
        } else {
            let ip = match ip {
                IpAddr::V6(v6) => format!("[{v6}]"),
                v4 => v4.to_string(),
            };
            format!(" --resolve {host}:{port}:{ip}")
        };
        eprintln!(
            "mtls on {} ({rules} rule{}); {}",
            hostnames.join(", "),
            if rules == 1 { "" } else { "s" },
            match &upstream {
                Some(u) => format!("allowed requests go to {u}"),
                None => "allowed requests get a JSON echo".to_string(),
            }
        );
        eprintln!(
            "try: curl --cacert {cacert} --cert client.crt --key client.key https://{host}:{port}/{resolve}"
        );
    })?;
    Ok(Answer::Yes)
}

/// The server certificate chain and key, and the CA file a client should trust for it.
fn identity(
    args: &ServeArgs,
    hostnames: &[String],
    ctx: &mut Ctx,
) -> anyhow::Result<(ServerIdentity, String)> {
    if let (Some(cert_path), Some(key_path)) = (&args.server_cert, &args.server_key) {
        return Ok((
            load_identity(
                (cert_path, "--server-cert"),
                (key_path, "--server-key"),
                args.password_file.as_deref(),
            )?,
            "<the CA of --server-cert>".to_string(),
        ));
    }
    let signer = super::cert::load_signer(
        &IssuerArgs::default(),
        ctx,
        true,
        args.password_file.as_deref(),
    )?;
    let mut sans = Vec::new();
    let mut add = |s: San| {
        if !sans.contains(&s) {
            sans.push(s);
        }
    };
    for h in hostnames
        .iter()
        .chain(args.plain_hostnames.iter())
        .map(|h| h.to_ascii_lowercase())
        .chain(["localhost".to_string()])
    {
        match h.parse::<IpAddr>() {
            Ok(ip) => add(San::Ip(ip)),
            Err(_) => add(San::Dns(h)),
        }
    }
    add(San::Ip(IpAddr::from([127, 0, 0, 1])));
    add(San::Ip(IpAddr::from(std::net::Ipv6Addr::LOCALHOST)));
    let ca = cert::parse(&signer.cert_der).map_err(|e| anyhow::anyhow!("the store CA: {e}"))?;
    let ca_end = ca.validity().not_after.to_datetime();
    let not_after = NotAfter::days(Profile::Server.default_days())
        .resolve(ctx.now)
        .min(ca_end);
    let key = KeyType::P256.generate()?;
    let spec = CertSpec {
        profile: Profile::Server,
        subject: Subject::default().with_cn(&hostnames[0]),
        sans,
        not_after,
    };
    let issued = super::cert::issue_with(&spec, &key, signer.signer(), ctx)?;
    Ok((
        ServerIdentity {
            chain: vec![issued.der],
            key_pkcs8: key.serialize_der(),
        },
        ctx.store.ca_cert_path().display().to_string(),
    ))
}

/// The certificates of a PEM or DER file, in order (at least one).
fn certificates(path: &Path) -> anyhow::Result<Vec<Vec<u8>>> {
    let input = load::load(path)?;
    input.first_certificate()?;
    Ok(input
        .certificates()
        .into_iter()
        .map(|d| cert::exact(d).to_vec())
        .collect())
}

/// A certificate chain (leaf first) and its key, read from files; errors name the flag.
fn load_identity(
    (cert_path, cert_flag): (&Path, &'static str),
    (key_path, key_flag): (&Path, &'static str),
    password_file: Option<&Path>,
) -> anyhow::Result<ServerIdentity> {
    let chain = certificates(cert_path).map_err(|e| e.context(cert_flag))?;
    let key = super::cert::load_private_key(key_path, password_file, None)
        .map_err(|e| e.context(key_flag))?;
    Ok(ServerIdentity {
        chain,
        key_pkcs8: key.serialize_der(),
    })
}

/// TLS to an https:// origin: Full (strict) with the --upstream-ca files, or Full; the
/// Authenticated Origin Pulls certificate. Whether the upstream is https:// is checked when
/// the forwarder is built.
fn upstream_tls(args: &ServeArgs) -> anyhow::Result<UpstreamTls> {
    if args.upstream_insecure && !args.upstream_cas.is_empty() {
        anyhow::bail!(
            "--upstream-ca has no use with --upstream-insecure, which does not verify the origin's certificate"
        );
    }
    let client = match (&args.origin_client_cert, &args.origin_client_key) {
        (Some(cert_path), Some(key_path)) => Some(load_identity(
            (cert_path, "--origin-client-cert"),
            (key_path, "--origin-client-key"),
            args.password_file.as_deref(),
        )?),
        (None, None) => None,
        (Some(_), None) => anyhow::bail!("--origin-client-cert needs --origin-client-key"),
        (None, Some(_)) => anyhow::bail!("--origin-client-key needs --origin-client-cert"),
    };
    let mut extra_roots = Vec::new();
    for path in &args.upstream_cas {
        extra_roots.extend(certificates(path).map_err(|e| e.context("--upstream-ca"))?);
    }
    Ok(UpstreamTls {
        extra_roots,
        insecure: args.upstream_insecure,
        client,
    })
}
