//! `rule lint`'s checks: the mistakes of `cloudflare.md` §5, found by walking the syntax tree,
//! each a [`Finding`] with a stable id, a one-line explanation and a suggested fix.
//!
//! Fixes are trees too: the offending node is replaced (a subtree clause added, the `or`
//! group regrouped, a field renamed, a value reformatted) and the result printed with the
//! canonical printer. Values only the operator knows (the SKI to pin, the host) appear as
//! placeholders `"<ISSUER_SKI>"` and `"<HOST>"`. Syntax errors are the one place text is
//! looked at: the parser's caret error says where, and a small repair (a comma, single
//! quotes, `== true`) is retried until the text parses.
//!
//! Ids: `syntax`, `too-long`, `exact-path-in-set`, `unparenthesized-or`, `presented-not-verified`,
//! `no-revocation-check`, `no-issuer-pin`, `no-host-scope`, `bad-pinned-format`, `raw-path`,
//! `unnormalized-path`, `wildcard-case`, `wildcard-host`, `plan-matches`, `plan-log`,
//! `plan-custom-response` (a file's `action_parameters.response` below Pro),
//! `too-many-rules`, and for a whole rules file `revoked-not-enforced` ([`lint_revocation`]:
//! the rules rely on `cert_revoked`, which the edge never sets for an uploaded CA, and no rule
//! blocks revoked serials).

use std::path::Path;
use std::str::FromStr;

use serde::Serialize;

use super::intent::{
    HOST, ISSUER_SKI, Intent, IntentError, PATH, REVOKED, VERIFIED, below, escape_wildcard,
};
use super::ruleset::{
    Action, RuleSpec, RulesetError, check_action_parameters, has_custom_response,
};
use crate::rules::ast::{self, Arg, CmpOp, Comparison, Expr, Literal, LogicalOp, Operand, Rhs};
use crate::rules::{self, Span};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The rule does not work as written, or Cloudflare refuses it.
    Error,
    /// The rule works but leaves a gap.
    Warning,
}

/// One mistake in one rule.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The rule's ref.
    #[serde(rename = "ref")]
    pub rule: String,
    /// A stable id, e.g. `exact-path-in-set`.
    pub id: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, one line.
    pub message: String,
    /// What to write instead: a fixed expression when one can be built, else advice.
    pub fix: String,
    /// For `syntax`: the parser's error with its caret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// When the rule's intent is recognised: the `mtlsctl rule generate` command that writes
    /// it with every fix applied (placeholders for the values only the operator knows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generate: Option<String>,
}

/// A Cloudflare plan, for the plan limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Plan {
    /// Free.
    Free,
    /// Pro.
    Pro,
    /// Business.
    Business,
    /// Enterprise.
    Enterprise,
}

impl FromStr for Plan {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "free" => Plan::Free,
            "pro" => Plan::Pro,
            "business" => Plan::Business,
            "enterprise" => Plan::Enterprise,
            other => {
                return Err(format!(
                    "unknown plan {other:?}: use free, pro, business or enterprise"
                ));
            }
        })
    }
}

impl Plan {
    /// Custom rules allowed per zone.
    pub fn max_rules(self) -> usize {
        match self {
            Plan::Free => 5,
            Plan::Pro => 20,
            Plan::Business => 100,
            Plan::Enterprise => 1000,
        }
    }

    /// The plan's name.
    pub fn name(self) -> &'static str {
        match self {
            Plan::Free => "free",
            Plan::Pro => "pro",
            Plan::Business => "business",
            Plan::Enterprise => "enterprise",
        }
    }
}

const RAW_FIELDS: [&str; 4] = [
    "raw.http.request.uri.path",
    "raw.http.request.uri",
    "raw.http.request.full_uri",
    "raw.http.request.uri.query",
];
const UPPER_HEX_FIELDS: [&str; 4] = [
    ISSUER_SKI,
    "cf.tls_client_auth.cert_ski",
    "cf.tls_client_auth.cert_serial",
    "cf.tls_client_auth.cert_issuer_serial",
];
const LOWER_HEX_FIELDS: [(&str, usize); 2] = [
    ("cf.tls_client_auth.cert_fingerprint_sha256", 64),
    ("cf.tls_client_auth.cert_fingerprint_sha1", 40),
];
const SKI_PLACEHOLDER: &str = "<ISSUER_SKI>";
const HOST_PLACEHOLDER: &str = "<HOST>";

struct Lint<'a> {
    reference: &'a str,
    findings: Vec<Finding>,
}

impl Lint<'_> {
    fn add(&mut self, id: &'static str, severity: Severity, message: String, fix: String) {
        self.findings.push(Finding {
            rule: self.reference.to_string(),
            id,
            severity,
            message,
            fix,
            error: None,
            generate: None,
        });
    }
}

/// Lints an expression as written (`action` is what the rule does when it matches).
pub fn lint_text(reference: &str, text: &str, action: Action, plan: Plan) -> Vec<Finding> {
    let chars = text.trim().chars().count();
    if chars > super::generate::MAX_EXPRESSION {
        return vec![too_long(reference, chars)];
    }
    match rules::parse(text) {
        Ok(f) => lint_tree(reference, f.ast(), Some(text), action, plan),
        Err(e) => vec![syntax(reference, text, &e)],
    }
}

fn too_long(reference: &str, chars: usize) -> Finding {
    Finding {
        rule: reference.to_string(),
        id: "too-long",
        severity: Severity::Error,
        message: format!(
            "the expression is {chars} characters; Cloudflare accepts at most 4,096"
        ),
        fix: "split the paths or hosts over several rules (mtlsctl rule generate writes one rule per call)".into(),
        error: None,
        generate: None,
    }
}

/// Lints a parsed tree; `source` (the text it was parsed from) enables the precedence check.
pub fn lint_tree(
    reference: &str,
    expr: &Expr,
    source: Option<&str>,
    action: Action,
    plan: Plan,
) -> Vec<Finding> {
    let mut l = Lint {
        reference,
        findings: Vec::new(),
    };
    // With a precedence mistake, the other checks (and their fixes) read the rule as meant.
    let regrouped = source.and_then(|src| precedence(&mut l, expr, expr, src));
    let expr = regrouped.as_ref().unwrap_or(expr);
    let mut cmps = Vec::new();
    comparisons(expr, true, &mut cmps);
    exact_paths(&mut l, expr, &cmps);
    const PRESENTED: &str = "cf.tls_client_auth.cert_presented";
    if reads(expr, PRESENTED) && !reads(expr, VERIFIED) {
        let out = replace(expr, &|n| {
            is_bare(n, PRESENTED).then(|| Expr::from(ast::field(VERIFIED)))
        });
        l.add(
            "presented-not-verified",
            Severity::Error,
            "cf.tls_client_auth.cert_presented is true for any certificate, self-signed or expired: check cert_verified".into(),
            fixed(&out),
        );
    }
    let mtls = reads(expr, VERIFIED);
    if mtls && !reads(expr, REVOKED) {
        let fix = rewrite_verified(expr, |positive| {
            if positive {
                ast::and(ast::field(VERIFIED), ast::not(ast::field(REVOKED)))
            } else {
                ast::or(ast::not(ast::field(VERIFIED)), ast::field(REVOKED))
            }
        });
        l.add(
            "no-revocation-check",
            Severity::Warning,
            "cf.tls_client_auth.cert_verified is also true for revoked certificates: they pass (cert_revoked is set only for Cloudflare's managed CA; for an uploaded CA also block revoked serials: mtlsctl rule generate --block-revoked)"
                .into(),
            fix,
        );
    }
    if mtls && !reads(expr, ISSUER_SKI) {
        // Appended to the certificate group, where `rule generate` puts the pin.
        let pin = ast::compare(
            ast::field(ISSUER_SKI),
            CmpOp::Ne,
            Rhs::Literal(Literal::Bytes(SKI_PLACEHOLDER.as_bytes().to_vec())),
        );
        let grouped = replace(expr, &|n| match n {
            Expr::Logical {
                op: LogicalOp::Or,
                items,
                ..
            } if items
                .iter()
                .any(|i| matches!(i, Expr::Not { arg, .. } if is_bare(arg, VERIFIED))) =>
            {
                Some(ast::or(n.clone(), pin.clone()))
            }
            _ => None,
        });
        let fix = if grouped != *expr {
            fixed(&grouped)
        } else {
            rewrite_verified(expr, |positive| {
                if positive {
                    ast::and(
                        ast::field(VERIFIED),
                        ast::field_eq_str(ISSUER_SKI, SKI_PLACEHOLDER),
                    )
                } else {
                    ast::or(
                        ast::not(ast::field(VERIFIED)),
                        ast::compare(
                            ast::field(ISSUER_SKI),
                            CmpOp::Ne,
                            Rhs::Literal(Literal::Bytes(SKI_PLACEHOLDER.as_bytes().to_vec())),
                        ),
                    )
                }
            })
        };
        l.add(
            "no-issuer-pin",
            Severity::Warning,
            "a certificate from any CA of the account (or Cloudflare's managed CA) passes cert_verified: pin the issuer SKI".into(),
            format!("{fix}  (<ISSUER_SKI>: `mtlsctl ski client.crt`)"),
        );
    }
    if mtls && action.terminates() && !reads(expr, HOST) {
        let fix = flatten(&ast::and(
            expr.clone(),
            ast::field_eq_str(HOST, HOST_PLACEHOLDER),
        ));
        l.add(
            "no-host-scope",
            Severity::Warning,
            "no http.host condition: the rule also blocks hosts where mTLS is not enabled (no certificate is requested there, so cert_verified is false)".into(),
            fix.canonical(),
        );
    }
    pinned_formats(&mut l, expr, &cmps);
    star_hosts(&mut l, expr, &cmps);
    raw_paths(&mut l, expr);
    unnormalized_paths(&mut l, expr, &cmps);
    wildcards(&mut l, expr, &cmps);
    if plan < Plan::Business && uses_matches(expr) {
        l.add(
            "plan-matches",
            Severity::Error,
            format!(
                "`matches` (regular expressions) needs a Business or Enterprise plan; this is {}",
                plan.name()
            ),
            "use `wildcard`, `starts_with()` or `in {...}` instead, or upgrade the plan".into(),
        );
    }
    if action == Action::Log && plan < Plan::Enterprise {
        l.add(
            "plan-log",
            Severity::Error,
            format!(
                "the `log` action needs an Enterprise plan; this is {}",
                plan.name()
            ),
            "use another action (block, managed_challenge) or an Enterprise plan".into(),
        );
    }
    if let Some(intent) = Intent::recognise(expr) {
        from_intent(&mut l.findings, expr, &intent, action);
    }
    l.findings
}

/// With the rule's intent recognised, the subtree and revocation fixes come from [`Intent`]
/// (the shape `rule generate` writes) when it writes the rule back exactly, and every finding
/// names the `rule generate` command that writes the rule with all fixes applied.
fn from_intent(findings: &mut [Finding], expr: &Expr, intent: &Intent, action: Action) {
    if findings.is_empty() {
        return;
    }
    // Only when the intent writes the rule back exactly, so each fix changes one thing.
    let exact = intent
        .to_filter()
        .is_ok_and(|f| f.canonical() == flatten(expr).canonical());
    let via = |modify: &dyn Fn(&mut Intent)| {
        let mut i = intent.clone();
        modify(&mut i);
        i.to_filter().ok().filter(|_| exact).map(|f| f.canonical())
    };
    let with_subtrees = |i: &mut Intent| {
        let exact = std::mem::take(&mut i.paths);
        i.path_prefixes.extend(exact);
    };
    for f in findings.iter_mut() {
        let fix = match f.id {
            "exact-path-in-set" => via(&with_subtrees),
            "no-revocation-check" => via(&|i: &mut Intent| i.check_revoked = true),
            _ => None,
        };
        if let Some(fix) = fix {
            f.fix = fix;
        }
    }
    let mut full = intent.clone();
    with_subtrees(&mut full);
    let mut cmd = String::from("mtlsctl rule generate");
    for p in &full.path_prefixes {
        cmd.push_str(&format!(" --path-prefix {}", shell_word(p)));
    }
    if full.hosts.is_empty() {
        cmd.push_str(&format!(" --host {}", shell_word(HOST_PLACEHOLDER)));
    }
    for h in &full.hosts {
        cmd.push_str(&format!(" --host {}", shell_word(h)));
    }
    let ski = full.issuer_ski.as_deref().unwrap_or(SKI_PLACEHOLDER);
    cmd.push_str(&format!(" --issuer-ski {}", shell_word(ski)));
    if full.case_insensitive {
        cmd.push_str(" --case-insensitive");
    }
    if action != Action::Block {
        cmd.push_str(&format!(" --action {action}"));
    }
    for f in findings.iter_mut() {
        f.generate = Some(cmd.clone());
    }
}

/// A word for a POSIX shell: as is when safe, else single-quoted.
fn shell_word(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-' | ':' | '%'))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// Lints every rule of a rules file (its entries, parsed), with the plan's rule count.
pub fn lint_specs(
    specs: &[RuleSpec],
    file: &str,
    base: &Path,
    plan: Plan,
) -> Result<Vec<Finding>, RulesetError> {
    let mut out = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let reference = spec
            .reference
            .clone()
            .unwrap_or_else(|| format!("rule-{}", i + 1));
        let intent = spec.intent(base).map_err(|reason| RulesetError::Rule {
            file: file.to_string(),
            reference: reference.clone(),
            reason,
        })?;
        if let Some(p) = &spec.action_parameters {
            check_action_parameters(spec.action, p).map_err(|reason| RulesetError::Rule {
                file: file.to_string(),
                reference: reference.clone(),
                reason,
            })?;
        }
        if plan < Plan::Pro && has_custom_response(spec.action_parameters.as_ref()) {
            out.push(Finding {
                rule: reference.clone(),
                id: "plan-custom-response",
                severity: Severity::Error,
                message: format!(
                    "a custom block response (action_parameters.response) needs a Pro plan or higher; this is {}",
                    plan.name()
                ),
                fix: "remove action_parameters.response (Cloudflare's default block page is shown), or upgrade the plan".into(),
                error: None,
                generate: None,
            });
        }
        match (&spec.expression, intent) {
            (Some(e), None) => out.extend(lint_text(&reference, e, spec.action, plan)),
            (None, Some(intent)) => match intent.to_filter() {
                Ok(f) => out.extend(lint_tree(&reference, f.ast(), None, spec.action, plan)),
                Err(IntentError::TooLong(n)) => out.push(too_long(&reference, n)),
                Err(_) => {
                    // The same error, with the file and rule named.
                    spec.compile(i, file, base)?;
                }
            },
            _ => {
                spec.compile(i, file, base)?;
            }
        }
    }
    if specs.len() > plan.max_rules() {
        out.push(Finding {
            rule: file.to_string(),
            id: "too-many-rules",
            severity: Severity::Error,
            message: format!(
                "{} rules; the {} plan allows {} custom rules per zone",
                specs.len(),
                plan.name(),
                plan.max_rules()
            ),
            fix: "merge rules with the same action (paths in one set, one rule per host group), or upgrade the plan".into(),
            error: None,
            generate: None,
        });
    }
    Ok(out)
}

/// The fields a rule can block revoked certificates by at the edge.
const BLOCKED_BY: [&str; 3] = [
    "cf.tls_client_auth.cert_serial",
    "cf.tls_client_auth.cert_fingerprint_sha256",
    "cf.tls_client_auth.cert_fingerprint_sha1",
];

/// `revoked-not-enforced`: some enabled rule relies on `cf.tls_client_auth.cert_revoked`, and
/// no enabled blocking rule compares the serial or fingerprint. For an uploaded CA the edge
/// never sets `cert_revoked`, so revoked certificates pass. (Not for certificates of
/// Cloudflare's managed CA, where it is set: the caller skips this check then.)
pub fn lint_revocation(
    specs: &[RuleSpec],
    file: &str,
    base: &Path,
) -> Result<Option<Finding>, RulesetError> {
    let mut relying: Option<String> = None;
    let mut blocking = false;
    for (i, spec) in specs.iter().enumerate() {
        // A rule that does not compile is lint_specs's finding (`syntax`) or error.
        let Ok(rule) = spec.compile(i, file, base) else {
            continue;
        };
        if !rule.enabled {
            continue;
        }
        let expr = rule.filter.ast();
        if relying.is_none() && reads(expr, REVOKED) {
            relying = Some(rule.reference.clone());
        }
        if rule.action == Action::Block && BLOCKED_BY.iter().any(|f| reads(expr, f)) {
            blocking = true;
        }
    }
    Ok(relying.filter(|_| !blocking).map(|reference| Finding {
        rule: reference,
        id: "revoked-not-enforced",
        severity: Severity::Warning,
        message: "the rules rely on cf.tls_client_auth.cert_revoked, which the edge never sets for an uploaded CA (only Cloudflare's managed CA is checked), and no rule blocks revoked serials: a revoked certificate passes".into(),
        fix: "add the rules blocking the revoked serials (mtlsctl rule generate --block-revoked --save, again after every revocation); or lint with --managed-ca if the certificates come from Cloudflare's managed CA".into(),
        error: None,
        generate: Some("mtlsctl rule generate --block-revoked --save".into()),
    }))
}

// ---------------------------------------------------------------------------------------------
// Walking the tree.

/// Every comparison with its polarity (false under an odd number of `not`).
fn comparisons<'e>(e: &'e Expr, positive: bool, out: &mut Vec<(&'e Comparison, bool)>) {
    match e {
        Expr::Logical { items, .. } => {
            for i in items {
                comparisons(i, positive, out);
            }
        }
        Expr::Not { arg, .. } => comparisons(arg, !positive, out),
        Expr::Compare(c) => out.push((c, positive)),
        Expr::True => {}
    }
}

fn operand_reads(o: &Operand, name: &str) -> bool {
    match o {
        Operand::Field { name: n, .. } => n == name,
        Operand::Call { args, .. } => args.iter().any(|a| match a {
            Arg::Operand(o) => operand_reads(o, name),
            Arg::Compare(c) => operand_reads(&c.lhs, name),
            Arg::Literal(_) => false,
        }),
    }
}

/// Whether the expression reads the field anywhere.
fn reads(e: &Expr, name: &str) -> bool {
    match e {
        Expr::Logical { items, .. } => items.iter().any(|i| reads(i, name)),
        Expr::Not { arg, .. } => reads(arg, name),
        Expr::Compare(c) => operand_reads(&c.lhs, name),
        Expr::True => false,
    }
}

fn uses_matches(e: &Expr) -> bool {
    fn cmp(c: &Comparison) -> bool {
        matches!(c.test, Some((CmpOp::Matches, _))) || operand(&c.lhs)
    }
    fn operand(o: &Operand) -> bool {
        match o {
            Operand::Field { .. } => false,
            Operand::Call { args, .. } => args.iter().any(|a| match a {
                Arg::Operand(o) => operand(o),
                Arg::Compare(c) => cmp(c),
                Arg::Literal(_) => false,
            }),
        }
    }
    match e {
        Expr::Logical { items, .. } => items.iter().any(uses_matches),
        Expr::Not { arg, .. } => uses_matches(arg),
        Expr::Compare(c) => cmp(c),
        Expr::True => false,
    }
}

/// How a comparison reads the path.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PathOperand {
    /// `http.request.uri.path`.
    Plain,
    /// `lower(http.request.uri.path)`.
    Lower,
    /// `raw.http.request.uri.path`.
    Raw,
}

fn path_operand(o: &Operand) -> Option<PathOperand> {
    match o {
        Operand::Field { name, indexes, .. } if indexes.is_empty() => match name.as_str() {
            PATH => Some(PathOperand::Plain),
            "raw.http.request.uri.path" => Some(PathOperand::Raw),
            _ => None,
        },
        Operand::Call {
            name,
            args,
            indexes,
            ..
        } if name == "lower" && indexes.is_empty() && args.len() == 1 => match &args[0] {
            Arg::Operand(Operand::Field { name, indexes, .. })
                if name == PATH && indexes.is_empty() =>
            {
                Some(PathOperand::Lower)
            }
            _ => None,
        },
        _ => None,
    }
}

fn plain_field(o: &Operand) -> Option<&str> {
    match o {
        Operand::Field { name, indexes, .. } if indexes.is_empty() => Some(name),
        _ => None,
    }
}

fn is_bare(e: &Expr, name: &str) -> bool {
    matches!(e, Expr::Compare(c) if c.test.is_none() && plain_field(&c.lhs) == Some(name))
}

fn string_values(rhs: &Rhs) -> Vec<String> {
    match rhs {
        Rhs::Literal(Literal::Bytes(b)) => vec![String::from_utf8_lossy(b).into_owned()],
        Rhs::Set(items) => items
            .iter()
            .filter_map(|i| match i {
                ast::SetItem::Literal(Literal::Bytes(b)) => {
                    Some(String::from_utf8_lossy(b).into_owned())
                }
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn bytes(s: &str) -> Literal {
    Literal::Bytes(s.as_bytes().to_vec())
}

// ---------------------------------------------------------------------------------------------
// Rewriting trees for fixes.

/// A copy of `e` where `f` replaces the nodes it returns `Some` for (top-down).
fn replace(e: &Expr, f: &dyn Fn(&Expr) -> Option<Expr>) -> Expr {
    if let Some(new) = f(e) {
        return new;
    }
    match e {
        Expr::Logical { op, items, span } => Expr::Logical {
            op: *op,
            items: items.iter().map(|i| replace(i, f)).collect(),
            span: *span,
        },
        Expr::Not { arg, span } => Expr::Not {
            arg: Box::new(replace(arg, f)),
            span: *span,
        },
        other => other.clone(),
    }
}

/// Merges nested runs of one operator (`a or (b or c)` -> `a or b or c`), as parsing the
/// printed text would.
fn flatten(e: &Expr) -> Expr {
    match e {
        Expr::Logical { op, items, .. } => {
            let mut it = items.iter().map(flatten);
            let Some(first) = it.next() else {
                return e.clone();
            };
            it.fold(first, |acc, x| match op {
                LogicalOp::And => ast::and(acc, x),
                LogicalOp::Or => ast::or(acc, x),
                LogicalOp::Xor => ast::xor(acc, x),
            })
        }
        Expr::Not { arg, .. } => ast::not(flatten(arg)),
        other => other.clone(),
    }
}

fn fixed(e: &Expr) -> String {
    flatten(e).canonical()
}

/// Replaces each bare `cert_verified` (positive, or under `not`) with `f(positive)`.
fn rewrite_verified(e: &Expr, f: impl Fn(bool) -> Expr) -> String {
    let out = replace(e, &|n| match n {
        Expr::Not { arg, .. } if is_bare(arg, VERIFIED) => Some(f(false)),
        n if is_bare(n, VERIFIED) => Some(f(true)),
        _ => None,
    });
    fixed(&out)
}

fn replace_cmp(root: &Expr, target: &Comparison, new: Expr) -> String {
    let out = replace(root, &|n| match n {
        Expr::Compare(c) if std::ptr::eq(&**c, target) => Some(new.clone()),
        _ => None,
    });
    fixed(&out)
}

/// `path eq base or starts_with(path, "base/")`, or its case-insensitive form.
fn subtree(base: &str, case_insensitive: bool) -> Expr {
    if case_insensitive {
        let base = base.to_ascii_lowercase();
        ast::or(
            ast::compare(
                ast::call("lower", vec![Arg::Operand(ast::field(PATH))]),
                CmpOp::Eq,
                Rhs::Literal(bytes(&base)),
            ),
            ast::compare(
                ast::field(PATH),
                CmpOp::Wildcard,
                Rhs::Literal(bytes(&format!("{}/*", escape_wildcard(&base)))),
            ),
        )
    } else {
        ast::or(
            ast::field_eq_str(PATH, base),
            ast::call_bool(
                "starts_with",
                vec![
                    Arg::Operand(ast::field(PATH)),
                    ast::str_arg(&format!("{base}/")),
                ],
            ),
        )
    }
}

// ---------------------------------------------------------------------------------------------
// The checks.

/// §5.1: `path in {"/admin"}` leaves `/admin/...` and `/Admin` open.
fn exact_paths(l: &mut Lint, root: &Expr, cmps: &[(&Comparison, bool)]) {
    // Bases already protected with their subtree.
    let mut covered: Vec<String> = Vec::new();
    for (c, positive) in cmps {
        if !positive {
            continue;
        }
        if let (Operand::Call { name, args, .. }, None) = (&c.lhs, &c.test)
            && name == "starts_with"
            && let [Arg::Operand(o), Arg::Literal(Literal::Bytes(p))] = args.as_slice()
            && path_operand(o).is_some()
            && p.ends_with(b"/")
        {
            let p = String::from_utf8_lossy(p);
            covered.push(p.trim_end_matches('/').to_string());
        }
        if let Some((CmpOp::Wildcard | CmpOp::StrictWildcard, Rhs::Literal(Literal::Bytes(p)))) =
            &c.test
            && path_operand(&c.lhs).is_some()
        {
            let p = String::from_utf8_lossy(p);
            if let Some(base) = p.strip_suffix("/*")
                && !base.contains('*')
            {
                covered.push(base.replace("\\\\", "\\"));
            }
        }
    }
    for (c, positive) in cmps {
        let Some(kind) = path_operand(&c.lhs) else {
            continue;
        };
        if !positive || kind == PathOperand::Raw {
            continue;
        }
        let Some((op @ (CmpOp::Eq | CmpOp::In), rhs)) = &c.test else {
            continue;
        };
        let mut open: Vec<String> = Vec::new();
        for v in string_values(rhs) {
            let base = v.trim_end_matches('/').to_string();
            let is_covered = covered
                .iter()
                .any(|b| b == &base || b.eq_ignore_ascii_case(&base));
            if !base.is_empty() && !is_covered && !open.contains(&base) {
                open.push(base);
            }
        }
        let Some(first) = open.first() else {
            continue;
        };
        let case = if kind == PathOperand::Lower {
            String::new()
        } else {
            let mut cap = first.clone();
            if let Some(i) = cap.find(|ch: char| ch.is_ascii_lowercase()) {
                cap.replace_range(i..=i, &cap[i..=i].to_ascii_uppercase());
            }
            if cap == *first { String::new() } else { cap }
        };
        let examples = if case.is_empty() {
            format!("{first}/ and {first}/users")
        } else {
            format!("{first}/, {first}/users and {case}")
        };
        let what = if *op == CmpOp::In {
            "an `in` set"
        } else {
            "`eq`"
        };
        let lower = kind == PathOperand::Lower;
        let new = if string_values(rhs).len() == 1 {
            // One path: the path and its subtree, as `rule generate --path-prefix` writes it.
            subtree(first, lower)
        } else {
            open.iter()
                .fold(Expr::Compare(Box::new((*c).clone())), |acc, base| {
                    ast::or(acc, below(base, lower))
                })
        };
        l.add(
            "exact-path-in-set",
            Severity::Warning,
            format!("{what} on the path matches exact paths only: {examples} pass unchecked"),
            replace_cmp(root, c, new),
        );
    }
}

fn parenthesized(src: &str, span: Span) -> bool {
    if span.end <= span.start || span.end > src.len() {
        return true;
    }
    src.get(..span.start)
        .is_some_and(|s| s.trim_end().ends_with('('))
        && src
            .get(span.end..)
            .is_some_and(|s| s.trim_start().starts_with(')'))
}

/// §5.2: `a or b and c` is `a or (b and c)`. Returns the first regrouped tree.
fn precedence(l: &mut Lint, root: &Expr, e: &Expr, src: &str) -> Option<Expr> {
    let mut first: Option<Expr> = None;
    match e {
        Expr::Logical { op, items, .. } => {
            let offending = items.iter().position(|i| {
                matches!(i, Expr::Logical { op: inner, .. } if inner > op)
                    && !parenthesized(src, i.span())
            });
            if let Some(pos) = offending {
                let meaning: Vec<String> = items
                    .iter()
                    .map(|i| match i {
                        Expr::Logical { op: inner, .. } if inner > op => format!("({i})"),
                        _ => i.to_string(),
                    })
                    .collect();
                let meaning = meaning.join(&format!(" {} ", op.keyword()));
                let unverified = items
                    .iter()
                    .any(|i| matches!(i, Expr::Not { arg, .. } if is_bare(arg, VERIFIED)));
                let consequence = if unverified && *op == LogicalOp::Or {
                    ", which blocks every request without a valid certificate on every path"
                } else {
                    ""
                };
                let fix = match (&items[pos], pos + 1 == items.len()) {
                    (
                        Expr::Logical {
                            op: inner,
                            items: inner_items,
                            ..
                        },
                        true,
                    ) if inner_items.len() >= 2 => {
                        let mut group: Vec<Expr> = items[..pos].to_vec();
                        group.push(inner_items[0].clone());
                        let regrouped = Expr::Logical {
                            op: *inner,
                            items: std::iter::once(Expr::Logical {
                                op: *op,
                                items: group,
                                span: Span::default(),
                            })
                            .chain(inner_items[1..].iter().cloned())
                            .collect(),
                            span: Span::default(),
                        };
                        let out = flatten(&replace(root, &|n| {
                            std::ptr::eq(n, e).then(|| regrouped.clone())
                        }));
                        let text = out.canonical();
                        first.get_or_insert(out);
                        text
                    }
                    _ => "parenthesize the group you mean".into(),
                };
                l.add(
                    "unparenthesized-or",
                    Severity::Error,
                    format!(
                        "`{}` binds tighter than `{}`: this means {meaning}{consequence}",
                        match &items[pos] {
                            Expr::Logical { op, .. } => op.keyword(),
                            _ => "and",
                        },
                        op.keyword()
                    ),
                    fix,
                );
            }
            for i in items {
                let inner = precedence(l, root, i, src);
                if first.is_none() {
                    first = inner;
                }
            }
        }
        Expr::Not { arg, .. } => first = precedence(l, root, arg, src),
        _ => {}
    }
    first
}

/// `http.host in {"*.acme.com"}` compares exactly: the star is a character there.
fn star_hosts(l: &mut Lint, root: &Expr, cmps: &[(&Comparison, bool)]) {
    for (c, _) in cmps {
        if plain_field(&c.lhs) != Some(HOST) {
            continue;
        }
        let Some((CmpOp::Eq | CmpOp::In, rhs)) = &c.test else {
            continue;
        };
        let stars: Vec<String> = string_values(rhs)
            .into_iter()
            .filter(|v| v.contains('*'))
            .collect();
        let Some(first) = stars.first() else {
            continue;
        };
        let fix = if string_values(rhs).len() == 1 {
            replace_cmp(
                root,
                c,
                ast::compare(
                    ast::field(HOST),
                    CmpOp::Wildcard,
                    Rhs::Literal(bytes(first)),
                ),
            )
        } else {
            format!("list each host, or use `http.host wildcard {first:?}`")
        };
        l.add(
            "wildcard-host",
            Severity::Error,
            format!(
                "`{c}` compares exactly: {first:?} only matches a Host header with a literal `*` (and mTLS hosts need an origin certificate matching the hostname, not a wildcard one)"
            ),
            fix,
        );
    }
}

/// Decimal digits to upper-case hex (for the API's decimal serials).
fn decimal_to_hex(digits: &str) -> String {
    let mut n: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    let mut out = Vec::new();
    while n.iter().any(|&d| d != 0) {
        let mut rem = 0u32;
        let mut next = Vec::with_capacity(n.len());
        for d in &n {
            let cur = rem * 10 + d;
            next.push(cur / 16);
            rem = cur % 16;
        }
        out.push(b"0123456789ABCDEF"[rem as usize]);
        n = next;
    }
    if out.len() % 2 == 1 {
        out.push(b'0');
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// The value in the edge's format, or why it cannot be.
fn pin_format(field: &str, v: &str) -> Result<Option<(String, &'static str)>, String> {
    let serial = field.ends_with("serial");
    if serial && v.len() > 16 && v.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(Some((
            decimal_to_hex(v),
            "looks like the API's decimal serial; the edge compares upper-case hex",
        )));
    }
    let stripped: String = v
        .chars()
        .filter(|c| !matches!(c, ':' | ' ' | '-'))
        .collect();
    if stripped.is_empty() || !stripped.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(format!("{v:?} is not hex"));
    }
    if let Some((_, len)) = LOWER_HEX_FIELDS.iter().find(|(f, _)| *f == field) {
        if stripped.len() != *len {
            return Err(format!(
                "{v:?} has {} hex digits; this fingerprint has {len}",
                stripped.len()
            ));
        }
        let want = stripped.to_ascii_lowercase();
        return Ok((want != v).then_some((
            want,
            "the edge writes fingerprints in lower-case hex without colons",
        )));
    }
    let want = stripped.to_ascii_uppercase();
    Ok((want != v).then_some((want, "the edge writes SKIs and serials in upper-case hex without colons (the API's SKI is lower case)")))
}

/// §5.6: pinned values in another format than the edge's never match.
fn pinned_formats(l: &mut Lint, root: &Expr, cmps: &[(&Comparison, bool)]) {
    for (c, _) in cmps {
        let Some(field) = plain_field(&c.lhs) else {
            continue;
        };
        let pinned =
            UPPER_HEX_FIELDS.contains(&field) || LOWER_HEX_FIELDS.iter().any(|(f, _)| *f == field);
        let Some((CmpOp::Eq | CmpOp::Ne | CmpOp::In, rhs)) = &c.test else {
            continue;
        };
        if !pinned {
            continue;
        }
        let mut message = None;
        let mut fixable = true;
        let mut new = (*c).clone();
        let fix_value = |v: &str| pin_format(field, v).ok().flatten().map(|(w, _)| w);
        for v in string_values(rhs) {
            match pin_format(field, &v) {
                Ok(None) => {}
                Ok(Some((want, why))) => {
                    message.get_or_insert(format!("{field}: {v:?} never matches: {why} ({want})"));
                }
                Err(why) => {
                    fixable = false;
                    message.get_or_insert(format!("{field}: {why}, so it never matches"));
                }
            }
        }
        let Some(message) = message else {
            continue;
        };
        if let Some((_, rhs)) = &mut new.test {
            match rhs {
                Rhs::Literal(Literal::Bytes(b)) => {
                    if let Some(w) = fix_value(&String::from_utf8_lossy(b)) {
                        *b = w.into_bytes();
                    }
                }
                Rhs::Set(items) => {
                    for i in items {
                        if let ast::SetItem::Literal(Literal::Bytes(b)) = i
                            && let Some(w) = fix_value(&String::from_utf8_lossy(b))
                        {
                            *b = w.into_bytes();
                        }
                    }
                }
                _ => {}
            }
        }
        let fix = if fixable {
            replace_cmp(root, c, Expr::Compare(Box::new(new)))
        } else {
            format!("take the value from `mtlsctl cert inspect client.crt` ({field})")
        };
        l.add("bad-pinned-format", Severity::Error, message, fix);
    }
}

fn rename_operand(o: &Operand) -> Operand {
    match o {
        Operand::Field {
            name,
            indexes,
            span,
        } => Operand::Field {
            name: name.strip_prefix("raw.").unwrap_or(name).to_string(),
            indexes: indexes.clone(),
            span: *span,
        },
        Operand::Call {
            name,
            args,
            indexes,
            span,
        } => Operand::Call {
            name: name.clone(),
            args: args
                .iter()
                .map(|a| match a {
                    Arg::Operand(o) => Arg::Operand(rename_operand(o)),
                    Arg::Compare(c) => {
                        let mut c = (**c).clone();
                        c.lhs = rename_operand(&c.lhs);
                        Arg::Compare(Box::new(c))
                    }
                    Arg::Literal(l) => Arg::Literal(l.clone()),
                })
                .collect(),
            indexes: indexes.clone(),
            span: *span,
        },
    }
}

/// §5.8: `raw.*` fields skip URL normalization (`/%61dmin` is not `/admin` there).
fn raw_paths(l: &mut Lint, root: &Expr) {
    let Some(raw) = RAW_FIELDS.iter().find(|f| reads(root, f)) else {
        return;
    };
    let out = replace(root, &|n| match n {
        Expr::Compare(c) => {
            let mut c = (**c).clone();
            c.lhs = rename_operand(&c.lhs);
            Some(Expr::Compare(Box::new(c)))
        }
        _ => None,
    });
    l.add(
        "raw-path",
        Severity::Warning,
        format!(
            "{raw} is not normalized: /%61dmin or /admin/../admin reach the origin as /admin without matching"
        ),
        fixed(&out),
    );
}

/// §5.8's other half: a path literal the edge's URL normalization never produces
/// (`/%61dmin`, `/a/../b`) is compared with the normalized path, so it never matches.
fn unnormalized_paths(l: &mut Lint, root: &Expr, cmps: &[(&Comparison, bool)]) {
    use super::normalize::{Normalization, normalize_path};
    let norm = |v: &str| {
        let n = normalize_path(v, Normalization::Rfc3986);
        (v.starts_with('/') && n != v).then_some(n)
    };
    for (c, _) in cmps {
        let (values, new): (Vec<String>, Option<Comparison>) = match (&c.lhs, &c.test) {
            (lhs, Some((CmpOp::Eq | CmpOp::In | CmpOp::Ne, rhs)))
                if path_operand(lhs) == Some(PathOperand::Plain) =>
            {
                let mut new = (*c).clone();
                if let Some((_, rhs)) = &mut new.test {
                    match rhs {
                        Rhs::Literal(Literal::Bytes(b)) => {
                            if let Some(n) = norm(&String::from_utf8_lossy(b)) {
                                *b = n.into_bytes();
                            }
                        }
                        Rhs::Set(items) => {
                            for i in items {
                                if let ast::SetItem::Literal(Literal::Bytes(b)) = i
                                    && let Some(n) = norm(&String::from_utf8_lossy(b))
                                {
                                    *b = n.into_bytes();
                                }
                            }
                        }
                        _ => {}
                    }
                }
                (string_values(rhs), Some(new))
            }
            (Operand::Call { name, args, .. }, None) if name == "starts_with" => {
                match args.as_slice() {
                    [Arg::Operand(o), Arg::Literal(Literal::Bytes(b))]
                        if path_operand(o) == Some(PathOperand::Plain) =>
                    {
                        (vec![String::from_utf8_lossy(b).into_owned()], None)
                    }
                    _ => continue,
                }
            }
            _ => continue,
        };
        let Some((bad, good)) = values.iter().find_map(|v| norm(v).map(|n| (v.clone(), n))) else {
            continue;
        };
        let fix = match new {
            Some(new) => replace_cmp(root, c, Expr::Compare(Box::new(new))),
            None => format!("write the path as the edge normalizes it: {good:?}"),
        };
        l.add(
            "unnormalized-path",
            Severity::Error,
            format!(
                "{bad:?} never matches: the edge normalizes http.request.uri.path to {good:?} before rules run"
            ),
            fix,
        );
    }
}

/// §5.9: `wildcard "/admin*"` also matches `/administrator`, and `wildcard` ignores case.
fn wildcards(l: &mut Lint, root: &Expr, cmps: &[(&Comparison, bool)]) {
    for (c, positive) in cmps {
        if path_operand(&c.lhs).is_none() {
            continue;
        }
        let Some((op @ (CmpOp::Wildcard | CmpOp::StrictWildcard), Rhs::Literal(Literal::Bytes(p)))) =
            &c.test
        else {
            continue;
        };
        let pattern = String::from_utf8_lossy(p).into_owned();
        let strict = *op == CmpOp::StrictWildcard;
        let unbounded = pattern.ends_with('*')
            && !pattern.ends_with("/*")
            && !pattern.ends_with("\\*")
            && pattern.len() > 1;
        let single_star = pattern.matches('*').count() == 1 && !pattern.contains('\\');
        let base = pattern
            .trim_end_matches('*')
            .trim_end_matches('/')
            .to_string();
        if unbounded {
            let case = if strict { "" } else { " (and ignores case)" };
            let fix = if single_star && base.starts_with('/') {
                replace_cmp(root, c, subtree(&base, !strict && *positive))
            } else {
                "end the prefix with `/*` and add `eq` for the path itself".into()
            };
            let example = if base.ends_with("admin") {
                format!("{base}istrator")
            } else {
                format!("{base}-old")
            };
            l.add(
                "wildcard-case",
                Severity::Warning,
                format!(
                    "`{c}` also matches every path that merely starts with {base:?}, such as {example}{case}"
                ),
                fix,
            );
        } else if !positive && !strict {
            let mut new = (*c).clone();
            if let Some((op, _)) = &mut new.test {
                *op = CmpOp::StrictWildcard;
            }
            l.add(
                "wildcard-case",
                Severity::Warning,
                format!(
                    "`{c}` is case-insensitive: as an exception it also exempts upper-case variants a case-sensitive origin serves as other paths"
                ),
                replace_cmp(root, c, Expr::Compare(Box::new(new))),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// §5.7: syntax errors, with a hint and a repaired expression when a small repair works.

fn syntax(reference: &str, text: &str, e: &rules::ParseError) -> Finding {
    let hint = if e.reason.contains("Boolean takes no operator") {
        "Boolean fields are used bare: `cf.tls_client_auth.cert_verified`, or `not cf.tls_client_auth.cert_verified`"
    } else if e.reason.contains("comma") {
        "separate set elements with spaces: {\"/a\" \"/b\"}"
    } else if e.reason.contains("single quotes") {
        "strings take double quotes"
    } else {
        "correct the expression at the caret"
    };
    let at = format!("{} (at {}:{})", e.reason, e.line, e.column);
    // The hint goes where it is not repeated: the message when the fix is a repaired
    // expression, the fix otherwise.
    let (message, fix) = match repair(text) {
        Some(fixed) => (format!("{at}; {hint}"), fixed),
        None => (at, hint.to_string()),
    };
    Finding {
        rule: reference.to_string(),
        id: "syntax",
        severity: Severity::Error,
        message,
        fix,
        error: Some(e.to_string()),
        generate: None,
    }
}

/// Repairs commas in sets, single-quoted strings and `== true`/`== false`, one error at a
/// time, while the parser's error points at one of them.
fn repair(text: &str) -> Option<String> {
    let mut s = text.trim().to_string();
    for _ in 0..64 {
        let e = match rules::parse(&s) {
            Ok(f) => return Some(f.canonical()),
            Err(e) => e,
        };
        let at = e.span.start;
        let rest = s.get(at..)?;
        if rest.starts_with(',') {
            s.replace_range(at..at + 1, " ");
        } else if let Some(quoted) = rest.strip_prefix('\'') {
            let end = at + 1 + quoted.find('\'')?;
            let inner = s[at + 1..end].replace('\\', "\\\\").replace('"', "\\\"");
            s.replace_range(at..=end, &format!("\"{inner}\""));
        } else if e.reason.contains("Boolean takes no operator") {
            let op = s.get(e.span.start..e.span.end)?.to_string();
            let after = s[e.span.end..].trim_start();
            let lit_start = s.len() - after.len();
            let (truth, len) = if after.starts_with("true") {
                (true, 4)
            } else if after.starts_with("false") {
                (false, 5)
            } else {
                return None;
            };
            let negate = matches!(op.as_str(), "==" | "eq") != truth;
            let before = s[..at].trim_end();
            let field_start = before
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                .map_or(0, |i| i + 1);
            let field = before[field_start..].to_string();
            if field.is_empty() {
                return None;
            }
            let new = if negate {
                format!("not {field}")
            } else {
                field
            };
            s.replace_range(field_start..lit_start + len, &new);
        } else {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<&'static str> {
        lint_text("t", text, Action::Block, Plan::Enterprise)
            .iter()
            .map(|f| f.id)
            .collect()
    }

    #[test]
    fn decimal_serial_to_hex() {
        assert_eq!(decimal_to_hex("255"), "FF");
        assert_eq!(decimal_to_hex("4096"), "1000");
    }

    #[test]
    fn repairs() {
        assert_eq!(
            repair("cf.tls_client_auth.cert_verified == false and http.host in {'a', 'b'}")
                .as_deref(),
            Some(r#"not cf.tls_client_auth.cert_verified and http.host in {"a" "b"}"#)
        );
        assert_eq!(
            repair("cf.tls_client_auth.cert_verified eq true").as_deref(),
            Some("cf.tls_client_auth.cert_verified")
        );
    }

    #[test]
    fn clean_rule_has_no_findings() {
        let e = r#"(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked or cf.tls_client_auth.cert_issuer_ski ne "A5AC5542") and http.host eq "a.test" and (http.request.uri.path eq "/admin" or starts_with(http.request.uri.path, "/admin/"))"#;
        assert_eq!(ids(e), Vec::<&str>::new());
    }

    #[test]
    fn precedence_is_found_by_spans() {
        let bad = r#"not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked and http.host eq "a""#;
        let f = lint_text("t", bad, Action::Block, Plan::Enterprise);
        let p = f.iter().find(|f| f.id == "unparenthesized-or").unwrap();
        assert_eq!(
            p.fix,
            r#"(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.host eq "a""#
        );
        let good = r#"not cf.tls_client_auth.cert_verified or (cf.tls_client_auth.cert_revoked and http.host eq "a")"#;
        assert!(!ids(good).contains(&"unparenthesized-or"));
    }
}
