//! The rules and trust `serve` decides with, and reloading them while it runs.
//!
//! Owns the live copies: rules from the same sources as `rule test` ([`zone::load`]) and the
//! trust from [`Trust::load`]; readers take an `Arc` snapshot per connection or request.
//! SIGHUP reloads both; a change of the rules file (its modification time or size, polled
//! once a second) reloads the rules. A reload that fails keeps what was loaded and logs the
//! error on stderr.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use tokio::sync::watch;

use super::ServeError;
use crate::edge::client::{ClientError, Trust};
use crate::edge::dryrun::Needed;
use crate::edge::ruleset::Rule;
use crate::edge::zone::{self, RulesSource};
use crate::pki::sanitize::sanitize;
use crate::pki::store::Store;

/// Where rules and trust come from.
#[derive(Debug, Clone)]
pub struct Sources {
    /// `--expr`.
    pub expr: Option<String>,
    /// `--rules`.
    pub rules: Option<PathBuf>,
    /// `--ca` files.
    pub cas: Vec<PathBuf>,
    /// `--crl` files.
    pub crls: Vec<PathBuf>,
    /// The store (default CA, revocations, recommended rule).
    pub store: Store,
    /// The clients' certificates come from Cloudflare's managed CA (`--managed-ca`): local
    /// revocation sets `cert_revoked`, as the edge does only for that CA.
    pub managed_ca: bool,
}

impl Sources {
    /// The trust anchors, CRLs and store revocations, as `rule test` loads them.
    fn trust(&self) -> Result<Trust, ClientError> {
        let mut trust = Trust::load(&self.cas, &self.crls, &self.store)?;
        if trust.anchors.is_empty() {
            return Err(ClientError::NoAnchor);
        }
        trust.managed_ca = self.managed_ca;
        Ok(trust)
    }
}

/// The rules in order, with the fields they read.
pub struct RuleSet {
    /// The rules.
    pub rules: Vec<Rule>,
    /// The fields any of them reads (only those are computed when forwarding).
    pub needed: Needed,
}

impl RuleSet {
    fn new(rules: Vec<Rule>) -> Arc<RuleSet> {
        let needed = Needed::of(&rules);
        Arc::new(RuleSet { rules, needed })
    }
}

/// The rules and trust in use.
pub struct Live {
    rules: RwLock<Arc<RuleSet>>,
    trust: RwLock<Arc<Trust>>,
    sources: Sources,
    watched: Option<PathBuf>,
}

/// What the first load found.
pub struct Loaded {
    /// The live state.
    pub live: Live,
    /// A note on where the rules came from (the recommended rule).
    pub note: Option<String>,
    /// How many rules.
    pub count: usize,
}

impl Live {
    /// Loads rules and trust for the first time (errors end the start-up).
    pub fn load(sources: Sources) -> Result<Loaded, ServeError> {
        let zone = zone::load(
            sources.expr.as_deref(),
            sources.rules.as_deref(),
            &sources.store,
        )
        .map_err(|e| ServeError::Rules(e.to_string()))?;
        let trust = sources
            .trust()
            .map_err(|e| ServeError::Trust(e.to_string()))?;
        let watched = match &zone.source {
            RulesSource::File(p) => Some(p.clone()),
            _ => None,
        };
        let count = zone.rules.len();
        Ok(Loaded {
            live: Live {
                rules: RwLock::new(RuleSet::new(zone.rules)),
                trust: RwLock::new(Arc::new(trust)),
                sources,
                watched,
            },
            note: zone.note,
            count,
        })
    }

    /// The rules now.
    pub fn rules(&self) -> Arc<RuleSet> {
        match self.rules.read() {
            Ok(r) => r.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    /// The trust now.
    pub fn trust(&self) -> Arc<Trust> {
        match self.trust.read() {
            Ok(t) => t.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    /// Reloads the rules (and with `trust`, the trust); logs what happened.
    pub fn reload(&self, why: &str, trust: bool) {
        let s = &self.sources;
        match zone::load(s.expr.as_deref(), s.rules.as_deref(), &s.store) {
            Ok(zone) => {
                let n = zone.rules.len();
                match self.rules.write() {
                    Ok(mut r) => *r = RuleSet::new(zone.rules),
                    Err(p) => *p.into_inner() = RuleSet::new(zone.rules),
                }
                eprintln!(
                    "mtlsctl serve: {}: rules reloaded ({n} rules)",
                    sanitize(why)
                );
            }
            Err(e) => eprintln!(
                "mtlsctl serve: error: {why}: the rules were not reloaded, the previous ones stay in use: {}",
                sanitize(&e.to_string().replace('\n', " "))
            ),
        }
        if trust {
            let loaded = s.trust();
            match loaded {
                Ok(t) => match self.trust.write() {
                    Ok(mut w) => *w = Arc::new(t),
                    Err(p) => *p.into_inner() = Arc::new(t),
                },
                Err(e) => eprintln!(
                    "mtlsctl serve: error: {why}: CAs and CRLs were not reloaded, the previous ones stay in use: {}",
                    sanitize(&e.to_string())
                ),
            }
        }
    }
}

fn stamp(path: &PathBuf) -> Option<(SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// Reloads on SIGHUP and on changes of the rules file until `shutdown` turns true.
pub async fn watch(live: Arc<Live>, mut shutdown: watch::Receiver<bool>) {
    use tokio::signal::unix::{SignalKind, signal};
    let mut hup = match signal(SignalKind::hangup()) {
        Ok(s) => Some(s),
        Err(e) => {
            eprintln!("mtlsctl serve: warning: SIGHUP reload unavailable: {e}");
            None
        }
    };
    let mut last = live.watched.as_ref().and_then(stamp);
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        tokio::select! {
            _ = shutdown.changed() => return,
            _ = async {
                match hup.as_mut() {
                    Some(h) => { h.recv().await; }
                    None => std::future::pending::<()>().await,
                }
            } => {
                live.reload("SIGHUP", true);
                last = live.watched.as_ref().and_then(stamp);
            }
            _ = tick.tick() => {
                if let Some(path) = &live.watched {
                    let now = stamp(path);
                    if now != last {
                        last = now;
                        live.reload(&format!("{} changed", path.display()), false);
                    }
                }
            }
        }
    }
}
