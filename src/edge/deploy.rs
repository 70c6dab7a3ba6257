//! What a zone's plan lets a rule carry: the Rulesets API rule object of
//! [`super::generate::api_rule`], cut or refused for the plan it is deployed on.
//!
//! Owns the plan limits of rule *shapes* (`cloudflare.md` §3): a custom block response
//! (`action_parameters.response`) needs Pro or higher, the `log` action needs Enterprise.
//! Used by `rule generate --plan` and by `mtlsctl cf plan`, so neither emits what the zone
//! would refuse.

use serde_json::Value;

use super::generate::{Generated, api_rule};
use super::lint::Plan;
use super::ruleset::{Action, has_custom_response};

/// A rule the plan cannot deploy at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanLimit {
    /// `log` is Enterprise only.
    #[error(
        "rule {reference}: the log action needs the Enterprise plan (this zone is on {plan}); use another action or remove the rule"
    )]
    Log {
        /// The rule's ref.
        reference: String,
        /// The plan.
        plan: &'static str,
    },
    /// A custom block response written in the file needs Pro or higher.
    #[error(
        "rule {reference}: its custom block response (action_parameters.response) needs the Pro plan or higher (this zone is on {plan}); remove it (`action_parameters: {{}}` for Cloudflare's default block page) or upgrade"
    )]
    Response {
        /// The rule's ref.
        reference: String,
        /// The plan.
        plan: &'static str,
    },
}

/// The smallest plan that allows a custom block response.
pub const CUSTOM_RESPONSE_PLAN: Plan = Plan::Pro;

/// The API rule object for `g` as `plan` accepts it, and a note when something was left
/// out (the default custom block response below Pro: Cloudflare's default block page is
/// shown). A response the file itself gives is never dropped: below Pro it is an error.
pub fn api_rule_for_plan(g: &Generated, plan: Plan) -> Result<(Value, Option<String>), PlanLimit> {
    if g.action == Action::Log && plan < Plan::Enterprise {
        return Err(PlanLimit::Log {
            reference: g.reference.clone(),
            plan: plan.name(),
        });
    }
    if plan < CUSTOM_RESPONSE_PLAN && has_custom_response(g.spec.action_parameters.as_ref()) {
        return Err(PlanLimit::Response {
            reference: g.reference.clone(),
            plan: plan.name(),
        });
    }
    let mut rule = api_rule(g);
    let mut note = None;
    if plan < CUSTOM_RESPONSE_PLAN
        && let Some(obj) = rule.as_object_mut()
    {
        let drop_params = match obj.get_mut("action_parameters") {
            Some(Value::Object(params)) if params.contains_key("response") => {
                params.remove("response");
                note = Some(format!(
                    "rule {}: no custom block response (it needs the Pro plan; this zone is on {}): Cloudflare's default block page is shown",
                    g.reference,
                    plan.name()
                ));
                params.is_empty()
            }
            _ => false,
        };
        if drop_params {
            obj.remove("action_parameters");
        }
    }
    Ok((rule, note))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edge::generate::from_intent;
    use crate::edge::intent::Intent;

    fn rule(action: Action) -> Generated {
        let i = Intent {
            paths: vec!["/admin".into()],
            check_revoked: true,
            ..Intent::default()
        };
        from_intent(&i, None, None, action).unwrap()
    }

    #[test]
    fn free_has_no_custom_response() {
        let (v, note) = api_rule_for_plan(&rule(Action::Block), Plan::Free).unwrap();
        assert!(v.get("action_parameters").is_none(), "{v}");
        assert!(note.unwrap().contains("Pro"));
        let (v, note) = api_rule_for_plan(&rule(Action::Block), Plan::Pro).unwrap();
        assert_eq!(v["action_parameters"]["response"]["status_code"], 403);
        assert!(note.is_none());
        // Skip keeps its parameters on every plan.
        let (v, _) = api_rule_for_plan(&rule(Action::Skip), Plan::Free).unwrap();
        assert_eq!(v["action_parameters"]["ruleset"], "current");
    }

    #[test]
    fn a_response_from_the_file_is_refused_below_pro_not_dropped() {
        let mut g = rule(Action::Block);
        g.spec.action_parameters = Some(serde_json::json!({"response": {
            "status_code": 401, "content": "no", "content_type": "text/plain"}}));
        assert!(matches!(
            api_rule_for_plan(&g, Plan::Free),
            Err(PlanLimit::Response { .. })
        ));
        let (v, note) = api_rule_for_plan(&g, Plan::Pro).unwrap();
        assert_eq!(v["action_parameters"]["response"]["status_code"], 401);
        assert!(note.is_none());
        // `{}`: no parameters at all, on any plan.
        g.spec.action_parameters = Some(serde_json::json!({}));
        let (v, note) = api_rule_for_plan(&g, Plan::Free).unwrap();
        assert!(
            v.get("action_parameters").is_none() && note.is_none(),
            "{v}"
        );
    }

    #[test]
    fn log_needs_enterprise() {
        assert!(api_rule_for_plan(&rule(Action::Log), Plan::Business).is_err());
        assert!(api_rule_for_plan(&rule(Action::Log), Plan::Enterprise).is_ok());
    }
}
