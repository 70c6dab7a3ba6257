//! A plan saved by `cf plan --out FILE` and applied by `cf apply FILE`, as
//! `terraform apply planfile`: exactly the writes that were shown (the CA PEM, the hostname
//! list, the whole rule list of the entrypoint PUT), with the fingerprint of the zone state
//! they were computed from, so that a zone changed since is refused instead of overwritten.
//!
//! A JSON file: `format`, `version`, the plan as `cf plan --json` shows it (without the
//! computed `changes` and `summary`), the entrypoint body, the desired CA and the state.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::plan::{Desired, DesiredCa, Plan};

/// The `format` of a saved plan.
pub const FORMAT: &str = "mtlsctl-cf-plan";
/// The `version` written and read.
pub const VERSION: u32 = 1;

/// Why a saved plan cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum SavedPlanError {
    /// Not JSON, or not the shape of a saved plan.
    #[error("{file}: not a plan saved by `mtlsctl cf plan --out` ({reason})")]
    Shape {
        /// The file.
        file: String,
        /// What is wrong.
        reason: String,
    },
    /// Another format version.
    #[error(
        "{file}: a saved plan of format version {version}; this mtlsctl reads version {VERSION}: make the plan again with this mtlsctl"
    )]
    Version {
        /// The file.
        file: String,
        /// Its version.
        version: u32,
    },
}

/// A saved plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedPlan {
    /// [`FORMAT`].
    pub format: String,
    /// [`VERSION`].
    pub version: u32,
    /// The mtlsctl that wrote it.
    pub created_by: String,
    /// The plan.
    pub plan: Plan,
    /// The rule list the entrypoint PUT sends.
    pub entrypoint_body: Vec<Value>,
    /// The CA the plan was made for (its PEM, when it is uploaded).
    pub ca: DesiredCa,
    /// The fingerprint of the zone state the plan was computed from.
    pub state: String,
}

impl SavedPlan {
    /// The plan to save (with what applying it needs from `desired`).
    pub fn new(plan: &Plan, desired: &Desired) -> SavedPlan {
        SavedPlan {
            format: FORMAT.into(),
            version: VERSION,
            created_by: concat!("mtlsctl ", env!("CARGO_PKG_VERSION")).into(),
            plan: plan.clone(),
            entrypoint_body: plan.rules.body.clone(),
            ca: desired.ca.clone(),
            state: plan.state_fingerprint.clone(),
        }
    }

    /// The file's text.
    pub fn to_text(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Reads a saved plan from its text (`file` names it in errors).
    pub fn from_text(text: &str, file: &str) -> Result<SavedPlan, SavedPlanError> {
        let shape = |reason: String| SavedPlanError::Shape {
            file: file.to_string(),
            reason,
        };
        let v: Value = serde_json::from_str(text).map_err(|e| shape(e.to_string()))?;
        if v.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(shape(format!("no \"format\": \"{FORMAT}\"")));
        }
        match v.get("version").and_then(Value::as_u64) {
            Some(n) if n == u64::from(VERSION) => {}
            Some(n) => {
                return Err(SavedPlanError::Version {
                    file: file.to_string(),
                    version: u32::try_from(n).unwrap_or(u32::MAX),
                });
            }
            None => return Err(shape("no version".into())),
        }
        serde_json::from_value(v).map_err(|e| shape(e.to_string()))
    }

    /// The plan and the desired state `apply` works from.
    pub fn parts(&self) -> (Plan, Desired) {
        let mut plan = self.plan.clone();
        plan.rules.body = self.entrypoint_body.clone();
        plan.state_fingerprint = self.state.clone();
        let desired = Desired {
            ca: self.ca.clone(),
            hostnames: Vec::new(),
            remove_hostnames: Vec::new(),
            rules: Vec::new(),
            remove_rules: Vec::new(),
            notes: Vec::new(),
            blockers: Vec::new(),
        };
        (plan, desired)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_format_and_version_are_read() {
        let e = SavedPlan::from_text("{}", "p").unwrap_err().to_string();
        assert!(e.contains("not a plan saved by"), "{e}");
        let e = SavedPlan::from_text(r#"{"format": "mtlsctl-cf-plan", "version": 2}"#, "p")
            .unwrap_err()
            .to_string();
        assert!(e.contains("version 2"), "{e}");
        let e = SavedPlan::from_text(r#"{"format": "mtlsctl-cf-plan", "version": 1}"#, "p")
            .unwrap_err()
            .to_string();
        assert!(e.contains("missing field"), "{e}");
    }
}
