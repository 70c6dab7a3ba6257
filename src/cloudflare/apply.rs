//! Reading a zone's state for a plan, and carrying a plan out.
//!
//! Order of writes: the CA upload, the hostname PUT, the entrypoint PUT. Before the first
//! write the whole state is read again and compared with the one the plan was made from: a
//! difference means someone changed the zone in between, and nothing is written (for a
//! saved plan, [`apply_saved`], the check is made even when the plan changes nothing). Right
//! before each PUT its own list is read again (the hostnames, the entrypoint `version`), so
//! a change in the seconds between two writes stops the run there, and the report says
//! what was already written.

use serde::Serialize;

use super::api::{self, Zone};
use super::client::{ApiError, Client};
use super::plan::{CaStep, Desired, DesiredCa, Plan, State};
use super::saved::SavedPlan;
use crate::pki::sanitize::sanitize;

/// Why applying stopped.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    /// An API call failed.
    #[error("{0}")]
    Api(#[from] ApiError),
    /// The plan has blockers.
    #[error("the zone would refuse this plan: {0}")]
    Blocked(String),
    /// The zone changed since the plan.
    #[error(
        "{what} changed since the plan was made ({detail}); {written}: run `mtlsctl cf plan` again"
    )]
    Concurrent {
        /// What changed.
        what: String,
        /// How.
        detail: String,
        /// What was already written ("nothing was written" or a list).
        written: String,
    },
    /// The zone changed since a saved plan was made.
    #[error(
        "the saved plan is stale, the zone changed since it was made ({detail}); nothing was written: make a new plan (mtlsctl cf plan --out FILE)"
    )]
    Stale {
        /// What changed.
        detail: String,
    },
    /// A call failed after earlier writes succeeded.
    #[error("{error}; already done: {done}")]
    Partial {
        /// The failure.
        error: ApiError,
        /// What was done before it.
        done: String,
    },
}

/// The account whose uploaded CAs are used: CLOUDFLARE_ACCOUNT_ID, else the zone's.
pub fn account_of(client: &Client, zone: &Zone) -> Result<String, ApiError> {
    client
        .settings()
        .account_id
        .clone()
        .or_else(|| zone.account_id.clone())
        .ok_or_else(|| {
            ApiError::Setting(
                "no account id: set CLOUDFLARE_ACCOUNT_ID (the zone object did not name its account)".into(),
            )
        })
}

/// Reads what the plan needs: the account's uploaded CAs (unless the managed CA is used),
/// the desired CA's hostnames, and the entrypoint.
pub fn gather(client: &Client, zone: &Zone, desired: &Desired) -> Result<State, ApiError> {
    let (uploaded, ca_id) = match &desired.ca {
        DesiredCa::Managed => (Vec::new(), None),
        DesiredCa::Cert {
            fingerprint_sha256, ..
        } => {
            let account = account_of(client, zone)?;
            let list = api::list_uploaded(client, &account)?;
            let id = list
                .iter()
                .find(|u| u.fingerprint_sha256.as_deref() == Some(fingerprint_sha256))
                .map(|u| u.id.clone());
            (list, id)
        }
    };
    let hostnames = match (&desired.ca, &ca_id) {
        (DesiredCa::Managed, _) => api::hostnames(client, &zone.id, None)?,
        (_, Some(id)) => api::hostnames(client, &zone.id, Some(id))?,
        (_, None) => Vec::new(),
    };
    let entrypoint = api::entrypoint(client, &zone.id)?;
    Ok(State {
        zone: zone.clone(),
        uploaded,
        hostnames,
        entrypoint,
    })
}

/// What `apply` did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Applied {
    /// The id of the CA uploaded, if one was.
    pub uploaded_ca: Option<String>,
    /// The hostname list after the PUT, if there was one.
    pub hostnames: Option<Vec<String>>,
    /// The entrypoint version after the PUT, if there was one.
    pub ruleset_version: Option<String>,
    /// One line per action.
    pub done: Vec<String>,
}

impl Applied {
    fn written(&self) -> String {
        if self.done.is_empty() {
            "nothing was written".into()
        } else {
            format!("already written: {}", self.done.join("; "))
        }
    }
}

/// Carries out `plan` (made from `desired` over a state read earlier).
pub fn apply(client: &Client, plan: &Plan, desired: &Desired) -> Result<Applied, ApplyError> {
    if !plan.blockers.is_empty() {
        return Err(ApplyError::Blocked(plan.blockers.join("; ")));
    }
    if !plan.changed() {
        return Ok(Applied::default());
    }
    client.progress("cloudflare: checking that the zone did not change since the plan");
    if let Some(detail) = changed_since(client, plan, desired)? {
        return Err(ApplyError::Concurrent {
            what: format!("zone {}", sanitize(&plan.zone.name)),
            detail,
            written: Applied::default().written(),
        });
    }
    write(client, plan, desired)
}

/// What changed in the zone since `plan` was made (its uploaded CAs, the desired CA's
/// hostnames, the entrypoint version), if anything.
fn changed_since(
    client: &Client,
    plan: &Plan,
    desired: &Desired,
) -> Result<Option<String>, ApiError> {
    let fresh = gather(client, &plan.zone, desired)?;
    Ok((fresh.fingerprint() != plan.state_fingerprint)
        .then(|| describe_change(&plan.state_fingerprint, &fresh.fingerprint())))
}

/// Carries out a saved plan, exactly: refused with nothing written when the zone changed
/// since the plan was made (its Cloudflare plan, its uploaded CAs, the CA's hostnames, the
/// entrypoint version), even when the plan changes nothing.
pub fn apply_saved(client: &Client, saved: &SavedPlan) -> Result<(Plan, Applied), ApplyError> {
    let (plan, desired) = saved.parts();
    if !plan.blockers.is_empty() {
        return Err(ApplyError::Blocked(plan.blockers.join("; ")));
    }
    client.progress("cloudflare: checking that the zone did not change since the plan was saved");
    let zone = api::zone(client, &plan.zone.id)?;
    if zone.plan != plan.zone.plan {
        return Err(ApplyError::Stale {
            detail: format!(
                "the zone's Cloudflare plan was {}, now {}",
                plan.zone.plan.name(),
                zone.plan.name()
            ),
        });
    }
    if let Some(detail) = changed_since(client, &plan, &desired)? {
        return Err(ApplyError::Stale { detail });
    }
    if !plan.changed() {
        return Ok((plan, Applied::default()));
    }
    let done = write(client, &plan, &desired)?;
    Ok((plan, done))
}

/// The writes of a plan whose state was just checked.
fn write(client: &Client, plan: &Plan, desired: &Desired) -> Result<Applied, ApplyError> {
    let mut out = Applied::default();
    let partial = |e: ApiError, out: &Applied| {
        if out.done.is_empty() {
            ApplyError::Api(e)
        } else {
            ApplyError::Partial {
                error: e,
                done: out.done.join("; "),
            }
        }
    };
    let mut ca_id = plan.hostnames.ca_id.clone();
    if let (
        CaStep::Upload { name, .. },
        DesiredCa::Cert {
            pem,
            fingerprint_sha256,
            ..
        },
    ) = (&plan.ca, &desired.ca)
    {
        let account = account_of(client, &plan.zone)?;
        client.progress(&format!("cloudflare: uploading CA {name:?}"));
        let u = api::upload_ca(client, &account, name, pem).map_err(|e| partial(e, &out))?;
        if u.fingerprint_sha256.as_deref() != Some(fingerprint_sha256.as_str()) {
            out.done.push(format!("uploaded CA {}", u.id));
            return Err(ApplyError::Partial {
                error: ApiError::Shape {
                    method: "POST".into(),
                    path: format!("/accounts/{account}/mtls_certificates"),
                    reason: "the uploaded certificate is not the one sent".into(),
                },
                done: out.done.join("; "),
            });
        }
        out.done.push(format!("uploaded CA {name:?} as {}", u.id));
        out.uploaded_ca = Some(u.id.clone());
        ca_id = Some(u.id);
    }
    if plan.hostnames.changed() {
        let managed = matches!(plan.ca, CaStep::Managed);
        let id = if managed { None } else { ca_id.as_deref() };
        let now = api::hostnames(client, &plan.zone.id, id).map_err(|e| partial(e, &out))?;
        if now != plan.hostnames.current {
            return Err(ApplyError::Concurrent {
                what: "the CA's hostname list".into(),
                detail: sanitize(&format!(
                    "was [{}], now [{}]",
                    plan.hostnames.current.join(", "),
                    now.join(", ")
                ))
                .into_owned(),
                written: out.written(),
            });
        }
        client.progress("cloudflare: setting the CA's hostnames");
        let result = api::put_hostnames(client, &plan.zone.id, id, &plan.hostnames.result)
            .map_err(|e| partial(e, &out))?;
        out.done.push(format!(
            "hostnames on the CA: {}",
            if result.is_empty() {
                "(none)".to_string()
            } else {
                sanitize(&result.join(", ")).into_owned()
            }
        ));
        out.hostnames = Some(result);
    }
    if plan.rules.changed() {
        let now = api::entrypoint(client, &plan.zone.id).map_err(|e| partial(e, &out))?;
        let version = now.as_ref().map(|e| e.version.clone());
        if version != plan.rules.version {
            return Err(ApplyError::Concurrent {
                what: "the custom rules entrypoint".into(),
                detail: format!(
                    "version {} is now {}",
                    plan.rules.version.as_deref().unwrap_or("(none)"),
                    version.as_deref().unwrap_or("(none)")
                ),
                written: out.written(),
            });
        }
        client.progress("cloudflare: writing the custom rules (one PUT of the entrypoint)");
        let ep = api::put_entrypoint(client, &plan.zone.id, &plan.rules.body)
            .map_err(|e| partial(e, &out))?;
        out.done.push(format!(
            "custom rules written ({} rules, entrypoint version {})",
            ep.rules.len(),
            ep.version
        ));
        out.ruleset_version = Some(ep.version);
    }
    Ok(out)
}

fn describe_change(before: &str, after: &str) -> String {
    let parts = |s: &str| -> Vec<(String, String)> {
        s.split(';')
            .filter_map(|p| p.split_once(':'))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    let (b, a) = (parts(before), parts(after));
    let changed: Vec<String> = b
        .iter()
        .zip(&a)
        .filter(|(x, y)| x.1 != y.1)
        .map(|(x, y)| match x.0.as_str() {
            "entrypoint" => format!("custom rules entrypoint version {} is now {}", x.1, y.1),
            "hostnames" => format!("the CA's hostnames were [{}], now [{}]", x.1, y.1),
            _ => "the account's uploaded CAs".to_string(),
        })
        .collect();
    sanitize(&changed.join(", ")).into_owned()
}
