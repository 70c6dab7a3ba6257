//! The evaluator: compiles a checked [`Expr`] into a tree of [`Node`]s (regexes built, sets
//! indexed, field names resolved to ids) and runs it against a [`Context`]. The compiled tree
//! has the same shape as the syntax tree, so the traced evaluation walks both together and
//! reports every sub-expression with its canonical text, its span and its value.
//!
//! Missing values (an index past the end, an absent map key, a function with no result) make
//! every comparison false, including `ne`. `and`/`or` short-circuit; `xor` is parity.
//!
//! Regex memory is budgeted: one regex compiles within [`REGEX_SIZE_LIMIT`], the regexes of one
//! filter within [`FILTER_REGEX_BUDGET`] together, and every regex alive in the process within
//! [`PROCESS_REGEX_BUDGET`] (a rules file or a batch from an untrusted pull request cannot make
//! mtlsctl allocate gigabytes). A regex is charged the smallest of [`REGEX_CHARGE_STEPS`] its
//! compiled form fits in (an upper bound of its size), and uncharged when its last clone is
//! dropped. Over a budget, compiling fails with a clear error at the regex.

use super::ast::{Arg, CmpOp, Comparison, Expr, Index, Literal, LogicalOp, Operand, Rhs, SetItem};
use super::error::Span;
use super::functions::Function;
use super::scheme::{FIELDS, field_index};
use super::value::{Context, Value};
use serde::Serialize;
use std::borrow::Cow;
use std::cell::Cell;
use std::cmp::Ordering;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

/// Size limit of one compiled regex, in bytes.
pub const REGEX_SIZE_LIMIT: usize = 10 * (1 << 20);
/// Most bytes the compiled regexes of one filter may take together.
pub const FILTER_REGEX_BUDGET: usize = 16 << 20;
/// Most bytes the compiled regexes alive in the process may take together.
pub const PROCESS_REGEX_BUDGET: usize = 64 << 20;
/// The size steps a regex is charged by (the smallest its compiled form fits in).
pub const REGEX_CHARGE_STEPS: [usize; 4] = [32 << 10, 256 << 10, 2 << 20, REGEX_SIZE_LIMIT];

static LIVE_REGEX_BYTES: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Bytes charged by the filter being compiled on this thread.
    static FILTER_CHARGE: Cell<usize> = const { Cell::new(0) };
}

/// The bytes charged by every compiled regex alive in the process now.
pub fn live_regex_bytes() -> usize {
    LIVE_REGEX_BYTES.load(AtomicOrdering::Relaxed)
}

/// A compiled regex, charged against the process budget while alive.
#[derive(Debug)]
pub struct BudgetedRegex {
    re: regex::bytes::Regex,
    charge: usize,
}

impl BudgetedRegex {
    /// Whether the regex matches anywhere in `h`.
    #[inline]
    pub fn is_match(&self, h: &[u8]) -> bool {
        self.re.is_match(h)
    }

    /// The bytes it is charged.
    pub fn charge(&self) -> usize {
        self.charge
    }
}

impl Drop for BudgetedRegex {
    fn drop(&mut self) {
        LIVE_REGEX_BYTES.fetch_sub(self.charge, AtomicOrdering::Relaxed);
    }
}

/// Compiles `re` within the per-regex limit and the filter's and process's remaining budgets.
fn compile_regex(re: &str) -> Result<BudgetedRegex, String> {
    let used = FILTER_CHARGE.with(Cell::get);
    let filter_left = FILTER_REGEX_BUDGET.saturating_sub(used);
    let process_left = PROCESS_REGEX_BUDGET.saturating_sub(live_regex_bytes());
    let mut last_err = None;
    for step in REGEX_CHARGE_STEPS {
        if step > filter_left {
            return Err(format!(
                "regex too large: the regexes of this expression need more than {} MiB together (the limit per expression)",
                FILTER_REGEX_BUDGET >> 20
            ));
        }
        if step > process_left {
            return Err(format!(
                "regex too large: the regexes loaded need more than {} MiB together (the limit per run)",
                PROCESS_REGEX_BUDGET >> 20
            ));
        }
        match regex::bytes::RegexBuilder::new(re)
            .unicode(false)
            .size_limit(step)
            .build()
        {
            Ok(compiled) => {
                FILTER_CHARGE.with(|c| c.set(used + step));
                LIVE_REGEX_BYTES.fetch_add(step, AtomicOrdering::Relaxed);
                return Ok(BudgetedRegex {
                    re: compiled,
                    charge: step,
                });
            }
            Err(regex::Error::CompiledTooBig(n)) => last_err = Some(n),
            Err(e) => return Err(format!("invalid regex: {e}")),
        }
    }
    Err(format!(
        "regex too large: its compiled form exceeds the {}-byte limit",
        last_err.unwrap_or(REGEX_SIZE_LIMIT)
    ))
}

/// A compiled expression node (same shape as [`Expr`]).
#[derive(Debug, Clone)]
pub enum Node {
    /// `true`.
    True,
    /// `and` run (short-circuit).
    And(Box<[Node]>),
    /// `or` run (short-circuit).
    Or(Box<[Node]>),
    /// `xor` run (parity).
    Xor(Box<[Node]>),
    /// `not`.
    Not(Box<Node>),
    /// A bare Boolean field (the fast path of `cert_verified`).
    Flag(usize),
    /// `not` of a bare Boolean field.
    NotFlag(usize),
    /// A comparison on a plain field (no indexes): no indirection.
    Field(usize, Kind),
    /// Any other comparison.
    Test(Box<Test>),
}

/// A compiled comparison.
#[derive(Debug, Clone)]
pub struct Test {
    lhs: Lhs,
    kind: Kind,
}

#[derive(Debug, Clone)]
enum Lhs {
    Field(usize),
    Value(ValueExpr),
}

#[derive(Debug, Clone)]
enum ValueExpr {
    Field {
        id: usize,
        indexes: Box<[Index]>,
    },
    Call {
        func: Function,
        args: Box<[CArg]>,
        mapped_first: bool,
        indexes: Box<[Index]>,
    },
}

#[derive(Debug, Clone)]
enum CArg {
    Value(ValueExpr),
    Lit(Value),
    Test(Box<Test>),
}

/// A compiled test applied to a value.
#[derive(Debug, Clone)]
pub enum Kind {
    /// Bare Boolean.
    Bare,
    /// Bytes `eq` (`false`) or `ne` (`true`).
    BytesEq(Box<[u8]>, bool),
    /// Any ordering comparison (`eq` .. `ge`) against a literal.
    Ord(CmpOp, Value),
    /// `contains` (a SIMD substring searcher).
    Contains(Box<memchr::memmem::Finder<'static>>),
    /// `matches`.
    Matches(Arc<BudgetedRegex>),
    /// `wildcard` / `strict wildcard`.
    Wildcard(Wildcard),
    /// `in` a set of at most 8 strings (linear scan).
    SmallBytesSet(Vec<Vec<u8>>),
    /// `in` a larger set of strings.
    BytesSet(HashSet<Vec<u8>>),
    /// `&`.
    IntAnd(i64),
    /// `in` integers and ranges.
    IntIn(Vec<(i64, i64)>),
    /// `in` addresses, CIDRs and ranges, per family.
    IpIn(Vec<(u32, u32)>, Vec<(u128, u128)>),
    /// `in $list`: no list contents are known, always false.
    List,
}

/// Compile a checked tree. Errors carry the span to report (bad regex or wildcard, a regex
/// budget exceeded).
pub fn compile(e: &Expr) -> Result<Node, (Span, String)> {
    compile_counted(e).map(|(n, _)| n)
}

/// [`compile`], also returning the bytes its regexes are charged.
pub fn compile_counted(e: &Expr) -> Result<(Node, usize), (Span, String)> {
    FILTER_CHARGE.with(|c| c.set(0));
    let node = compile_node(e);
    let charged = FILTER_CHARGE.with(|c| c.replace(0));
    node.map(|n| (n, charged))
}

fn compile_node(e: &Expr) -> Result<Node, (Span, String)> {
    Ok(match e {
        Expr::True => Node::True,
        Expr::Logical { op, items, .. } => {
            // A plain loop: iterator adapters add frames per level in debug builds.
            let mut nodes = Vec::with_capacity(items.len());
            for item in items {
                nodes.push(compile_node(item)?);
            }
            let nodes = nodes.into_boxed_slice();
            match op {
                LogicalOp::And => Node::And(nodes),
                LogicalOp::Or => Node::Or(nodes),
                LogicalOp::Xor => Node::Xor(nodes),
            }
        }
        Expr::Not { arg, .. } => match compile_node(arg)? {
            Node::Flag(id) => Node::NotFlag(id),
            n => Node::Not(Box::new(n)),
        },
        Expr::Compare(c) => match compile_test(c)? {
            Test {
                lhs: Lhs::Field(id),
                kind: Kind::Bare,
            } => Node::Flag(id),
            Test {
                lhs: Lhs::Field(id),
                kind,
            } => Node::Field(id, kind),
            t => Node::Test(Box::new(t)),
        },
    })
}

/// Out of line: keeps the frame of the recursive [`compile`] small.
#[inline(never)]
fn compile_test(c: &Comparison) -> Result<Test, (Span, String)> {
    let lhs = match &c.lhs {
        Operand::Field {
            name,
            indexes,
            span,
        } if indexes.is_empty() => {
            Lhs::Field(field_index(name).ok_or_else(|| (*span, format!("unknown field `{name}`")))?)
        }
        other => Lhs::Value(compile_value(other)?),
    };
    let rhs_span = Span::new(c.op_span.end, c.span.end);
    let kind = match &c.test {
        None => Kind::Bare,
        Some((op, rhs)) => match (op, rhs) {
            (CmpOp::Matches, Rhs::Regex(re)) => {
                Kind::Matches(Arc::new(compile_regex(re).map_err(|e| (rhs_span, e))?))
            }
            (CmpOp::Wildcard | CmpOp::StrictWildcard, Rhs::Literal(Literal::Bytes(p))) => {
                Kind::Wildcard(Wildcard::new(p, *op == CmpOp::Wildcard).map_err(|r| (rhs_span, r))?)
            }
            (CmpOp::Contains, Rhs::Literal(Literal::Bytes(b))) => {
                Kind::Contains(Box::new(memchr::memmem::Finder::new(b).into_owned()))
            }
            (CmpOp::BitwiseAnd, Rhs::Literal(Literal::Int(i))) => Kind::IntAnd(*i),
            (CmpOp::In, Rhs::List(_)) => Kind::List,
            (CmpOp::In, Rhs::Set(items)) => compile_set(items),
            (CmpOp::Eq | CmpOp::Ne, Rhs::Literal(Literal::Bytes(b))) => {
                Kind::BytesEq(b.clone().into(), *op == CmpOp::Ne)
            }
            (op, Rhs::Literal(l)) => Kind::Ord(*op, literal_value(l)),
            _ => {
                return Err((
                    c.op_span,
                    "operator and right-hand side do not fit".to_string(),
                ));
            }
        },
    };
    Ok(Test { lhs, kind })
}

fn compile_set(items: &[SetItem]) -> Kind {
    let mut bytes = Vec::new();
    let mut ints = Vec::new();
    let mut v4 = Vec::new();
    let mut v6 = Vec::new();
    let mut ip = |a: IpAddr, b: IpAddr| match (a, b) {
        (IpAddr::V4(a), IpAddr::V4(b)) => v4.push((u32::from(a), u32::from(b))),
        (IpAddr::V6(a), IpAddr::V6(b)) => v6.push((u128::from(a), u128::from(b))),
        _ => {}
    };
    let mut is_ip = false;
    for item in items {
        match item {
            SetItem::Literal(Literal::Bytes(b)) => bytes.push(b.clone()),
            SetItem::Literal(Literal::Int(i)) => ints.push((*i, *i)),
            SetItem::IntRange(a, b) => ints.push((*a, *b)),
            SetItem::Literal(Literal::Ip(a)) => {
                is_ip = true;
                ip(*a, *a)
            }
            SetItem::IpRange(a, b) => {
                is_ip = true;
                ip(*a, *b)
            }
            SetItem::Cidr(a, n) => {
                is_ip = true;
                match a {
                    IpAddr::V4(x) => {
                        let host = u32::MAX.checked_shr(u32::from(*n)).unwrap_or(0);
                        let lo = u32::from(*x) & !host;
                        ip(IpAddr::V4(lo.into()), IpAddr::V4((lo | host).into()));
                    }
                    IpAddr::V6(x) => {
                        let host = u128::MAX.checked_shr(u32::from(*n)).unwrap_or(0);
                        let lo = u128::from(*x) & !host;
                        ip(IpAddr::V6(lo.into()), IpAddr::V6((lo | host).into()));
                    }
                }
            }
        }
    }
    if is_ip {
        Kind::IpIn(v4, v6)
    } else if !ints.is_empty() {
        Kind::IntIn(ints)
    } else if bytes.len() <= 8 {
        Kind::SmallBytesSet(bytes)
    } else {
        Kind::BytesSet(bytes.into_iter().collect())
    }
}

fn literal_value(l: &Literal) -> Value {
    match l {
        Literal::Bytes(b) => Value::Bytes(b.clone()),
        Literal::Int(i) => Value::Int(*i),
        Literal::Ip(a) => Value::Ip(*a),
    }
}

fn compile_value(op: &Operand) -> Result<ValueExpr, (Span, String)> {
    match op {
        Operand::Field {
            name,
            indexes,
            span,
        } => Ok(ValueExpr::Field {
            id: field_index(name).ok_or_else(|| (*span, format!("unknown field `{name}`")))?,
            indexes: indexes.clone().into(),
        }),
        Operand::Call {
            name,
            args,
            indexes,
            span,
        } => {
            let func = Function::from_name(name)
                .ok_or_else(|| (*span, format!("unknown function `{name}`")))?;
            let mapped_first = match args.first() {
                Some(Arg::Operand(o)) => super::parser::operand_type(o, true)?.1,
                _ => false,
            };
            let args = args
                .iter()
                .map(|a| {
                    Ok(match a {
                        Arg::Literal(l) => CArg::Lit(literal_value(l)),
                        Arg::Operand(o) => CArg::Value(compile_value(o)?),
                        Arg::Compare(c) => CArg::Test(Box::new(compile_test(c)?)),
                    })
                })
                .collect::<Result<_, (Span, String)>>()?;
            Ok(ValueExpr::Call {
                func,
                args,
                mapped_first,
                indexes: indexes.clone().into(),
            })
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Evaluation.

fn apply_indexes<'c>(mut v: Cow<'c, Value>, indexes: &[Index]) -> Option<Cow<'c, Value>> {
    let mut mapped = false;
    for index in indexes {
        v = if mapped {
            if let Index::Star = index {
                continue;
            }
            let Value::Array(items) = v.as_ref() else {
                return None;
            };
            Cow::Owned(Value::Array(
                items
                    .iter()
                    .filter_map(|e| index_one(Cow::Borrowed(e), index).map(Cow::into_owned))
                    .collect(),
            ))
        } else if let Index::Star = index {
            mapped = true;
            match v.as_ref() {
                Value::Array(_) => v,
                Value::Map(m) => Cow::Owned(Value::Array(m.values().cloned().collect())),
                _ => return None,
            }
        } else {
            index_one(v, index)?
        };
    }
    Some(v)
}

fn index_one<'c>(v: Cow<'c, Value>, index: &Index) -> Option<Cow<'c, Value>> {
    match v {
        Cow::Borrowed(v) => match (v, index) {
            (Value::Array(a), Index::Pos(i)) => a.get(*i as usize).map(Cow::Borrowed),
            (Value::Map(m), Index::Key(k)) => m.get(k).map(Cow::Borrowed),
            _ => None,
        },
        Cow::Owned(v) => match (v, index) {
            (Value::Array(mut a), Index::Pos(i)) if (*i as usize) < a.len() => {
                Some(Cow::Owned(a.swap_remove(*i as usize)))
            }
            (Value::Map(mut m), Index::Key(k)) => m.remove(k).map(Cow::Owned),
            _ => None,
        },
    }
}

impl ValueExpr {
    fn eval<'c>(&self, ctx: &'c Context) -> Option<Cow<'c, Value>> {
        match self {
            ValueExpr::Field { id, indexes } => {
                apply_indexes(Cow::Borrowed(ctx.get(*id)?), indexes)
            }
            ValueExpr::Call {
                func,
                args,
                mapped_first,
                indexes,
            } => {
                let v = self.call(*func, args, *mapped_first, ctx)?;
                apply_indexes(Cow::Owned(v), indexes)
            }
        }
    }

    fn call(
        &self,
        func: Function,
        args: &[CArg],
        mapped_first: bool,
        ctx: &Context,
    ) -> Option<Value> {
        if let (Function::Any | Function::All, Some(CArg::Test(t))) = (func, args.first()) {
            let all = func == Function::All;
            let Some(v) = t.lhs_value(ctx) else {
                return Some(Value::Bool(all));
            };
            let Value::Array(items) = v.as_ref() else {
                return Some(Value::Bool(all));
            };
            let mut results = items.iter().map(|e| t.kind.apply(Some(e)));
            return Some(Value::Bool(if all {
                results.all(|b| b)
            } else {
                results.any(|b| b)
            }));
        }
        let mut vals: Vec<Option<Value>> = args
            .iter()
            .map(|a| match a {
                CArg::Lit(v) => Some(v.clone()),
                CArg::Value(ve) => ve.eval(ctx).map(Cow::into_owned),
                CArg::Test(t) => Some(Value::Bool(t.eval(ctx))),
            })
            .collect();
        if mapped_first {
            let Some(Value::Array(items)) = vals.first_mut().and_then(Option::take) else {
                return None;
            };
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                vals[0] = Some(item);
                if let Some(r) = func.apply(&vals) {
                    out.push(r);
                }
            }
            return Some(Value::Array(out));
        }
        func.apply(&vals)
    }
}

impl Test {
    fn lhs_value<'c>(&self, ctx: &'c Context) -> Option<Cow<'c, Value>> {
        match &self.lhs {
            Lhs::Field(id) => ctx.get(*id).map(Cow::Borrowed),
            Lhs::Value(v) => v.eval(ctx),
        }
    }

    /// Out of line: the general path (indexes, functions) has a large frame that must not
    /// burden the recursion of [`execute`].
    #[inline(never)]
    fn eval(&self, ctx: &Context) -> bool {
        match &self.lhs {
            Lhs::Field(id) => self.kind.apply(ctx.get(*id)),
            Lhs::Value(v) => self.kind.apply(v.eval(ctx).as_deref()),
        }
    }
}

impl Kind {
    #[inline(never)]
    fn apply(&self, v: Option<&Value>) -> bool {
        let Some(v) = v else { return false };
        match (self, v) {
            (Kind::Bare, Value::Bool(b)) => *b,
            (Kind::BytesEq(rhs, ne), Value::Bytes(h)) => (**rhs == **h) != *ne,
            (Kind::Ord(op, rhs), v) => {
                let ord = match (v, rhs) {
                    (Value::Bytes(a), Value::Bytes(b)) => a.as_slice().cmp(b.as_slice()),
                    (Value::Int(a), Value::Int(b)) => a.cmp(b),
                    (Value::Ip(a), Value::Ip(b)) => {
                        if a.is_ipv4() != b.is_ipv4() {
                            return *op == CmpOp::Ne;
                        }
                        a.cmp(b)
                    }
                    _ => return false,
                };
                match op {
                    CmpOp::Eq => ord == Ordering::Equal,
                    CmpOp::Ne => ord != Ordering::Equal,
                    CmpOp::Lt => ord == Ordering::Less,
                    CmpOp::Le => ord != Ordering::Greater,
                    CmpOp::Gt => ord == Ordering::Greater,
                    CmpOp::Ge => ord != Ordering::Less,
                    _ => false,
                }
            }
            (Kind::Contains(finder), Value::Bytes(h)) => finder.find(h).is_some(),
            (Kind::Matches(re), Value::Bytes(h)) => re.is_match(h),
            (Kind::Wildcard(w), Value::Bytes(h)) => w.matches(h),
            (Kind::SmallBytesSet(set), Value::Bytes(h)) => set.iter().any(|s| s == h),
            (Kind::BytesSet(set), Value::Bytes(h)) => set.contains(h),
            (Kind::IntAnd(m), Value::Int(i)) => i & m != 0,
            (Kind::IntIn(ranges), Value::Int(i)) => ranges.iter().any(|(a, b)| a <= i && i <= b),
            (Kind::IpIn(v4, v6), Value::Ip(ip)) => match ip {
                IpAddr::V4(a) => {
                    let a = u32::from(*a);
                    v4.iter().any(|(lo, hi)| *lo <= a && a <= *hi)
                }
                IpAddr::V6(a) => {
                    let a = u128::from(*a);
                    v6.iter().any(|(lo, hi)| *lo <= a && a <= *hi)
                }
            },
            _ => false,
        }
    }
}

/// Run a compiled tree.
#[inline]
pub fn execute(node: &Node, ctx: &Context) -> bool {
    match node {
        Node::Flag(id) => matches!(ctx.get(*id), Some(Value::Bool(true))),
        Node::NotFlag(id) => !matches!(ctx.get(*id), Some(Value::Bool(true))),
        Node::Field(id, kind) => kind.apply(ctx.get(*id)),
        Node::Not(n) => !execute(n, ctx),
        Node::And(items) => items.iter().all(|n| execute(n, ctx)),
        Node::Or(items) => items.iter().any(|n| execute(n, ctx)),
        Node::Test(t) => t.eval(ctx),
        Node::Xor(items) => items.iter().fold(false, |acc, n| acc ^ execute(n, ctx)),
        Node::True => true,
    }
}

/// A compiled tree as nested closures: the fast path of [`crate::rules::Filter::execute`].
/// One indirect call per node, specialised for the shapes rules use most (bare flags, `not`
/// of a flag, two-operand `and`/`or`, string equality and small sets on a plain field).
pub type Fast = Box<dyn Fn(&Context) -> bool + Send + Sync>;

fn is_true(ctx: &Context, id: usize) -> bool {
    matches!(ctx.get(id), Some(Value::Bool(true)))
}

/// Turn a compiled tree into closures.
pub fn closure(node: &Node) -> Fast {
    match node {
        Node::True => Box::new(|_| true),
        Node::Flag(id) => {
            let id = *id;
            Box::new(move |c| is_true(c, id))
        }
        Node::NotFlag(id) => {
            let id = *id;
            Box::new(move |c| !is_true(c, id))
        }
        Node::Not(n) => {
            let f = closure(n);
            Box::new(move |c| !f(c))
        }
        Node::And(items) | Node::Or(items) | Node::Xor(items) => {
            let mut fs: Vec<Fast> = Vec::with_capacity(items.len());
            for item in items.iter() {
                fs.push(closure(item));
            }
            match (node, fs.len()) {
                (Node::And(_), 2) => {
                    let (b, a) = (fs.pop(), fs.pop());
                    match (a, b) {
                        (Some(a), Some(b)) => Box::new(move |c| a(c) && b(c)),
                        _ => Box::new(|_| true),
                    }
                }
                (Node::Or(_), 2) => {
                    let (b, a) = (fs.pop(), fs.pop());
                    match (a, b) {
                        (Some(a), Some(b)) => Box::new(move |c| a(c) || b(c)),
                        _ => Box::new(|_| false),
                    }
                }
                (Node::And(_), _) => Box::new(move |c| fs.iter().all(|f| f(c))),
                (Node::Or(_), _) => Box::new(move |c| fs.iter().any(|f| f(c))),
                _ => Box::new(move |c| fs.iter().fold(false, |acc, f| acc ^ f(c))),
            }
        }
        Node::Field(..) | Node::Test(_) => leaf_closure(node),
    }
}

/// The closures of comparisons, out of line so the recursion in [`closure`] keeps a small
/// stack frame (deep but legal trees must not overflow a 2 MiB thread stack in debug builds).
#[inline(never)]
fn leaf_closure(node: &Node) -> Fast {
    match node {
        Node::Field(id, kind) => {
            let id = *id;
            match kind {
                Kind::BytesEq(rhs, ne) => {
                    let (rhs, ne) = (rhs.clone(), *ne);
                    Box::new(
                        move |c| matches!(c.get(id), Some(Value::Bytes(h)) if (**h == *rhs) != ne),
                    )
                }
                Kind::SmallBytesSet(set) if set.len() == 1 => {
                    let one: Box<[u8]> = set[0].clone().into();
                    Box::new(move |c| matches!(c.get(id), Some(Value::Bytes(h)) if **h == *one))
                }
                Kind::SmallBytesSet(set) => {
                    let set = set.clone();
                    Box::new(
                        move |c| matches!(c.get(id), Some(Value::Bytes(h)) if set.iter().any(|s| s == h)),
                    )
                }
                kind => {
                    let kind = kind.clone();
                    Box::new(move |c| kind.apply(c.get(id)))
                }
            }
        }
        Node::Test(t) => {
            let t = t.clone();
            Box::new(move |c| t.eval(c))
        }
        other => closure(other),
    }
}

// ---------------------------------------------------------------------------------------------
// Wildcards.

#[derive(Debug, Clone)]
enum WPart {
    Lit(Vec<u8>),
    Star,
}

/// A compiled `wildcard` / `strict wildcard` pattern.
#[derive(Debug, Clone)]
pub struct Wildcard {
    parts: Vec<WPart>,
    fold: bool,
}

impl Wildcard {
    /// Compile `pattern`; `fold`: ASCII case-insensitive.
    pub fn new(pattern: &[u8], fold: bool) -> Result<Wildcard, String> {
        let mut parts = Vec::new();
        let mut lit = Vec::new();
        let mut i = 0;
        while i < pattern.len() {
            match pattern[i] {
                b'\\' => match pattern.get(i + 1) {
                    Some(c @ (b'*' | b'\\')) => {
                        lit.push(*c);
                        i += 2;
                        continue;
                    }
                    _ => return Err("in a wildcard only `\\*` and `\\\\` are escapes".to_string()),
                },
                b'*' => {
                    if pattern.get(i + 1) == Some(&b'*') {
                        return Err("`**` is not allowed in a wildcard".to_string());
                    }
                    if !lit.is_empty() {
                        parts.push(WPart::Lit(std::mem::take(&mut lit)));
                    }
                    parts.push(WPart::Star);
                }
                c => lit.push(if fold { c.to_ascii_lowercase() } else { c }),
            }
            i += 1;
        }
        if !lit.is_empty() {
            parts.push(WPart::Lit(lit));
        }
        Ok(Wildcard { parts, fold })
    }

    /// Whether the whole of `text` matches.
    pub fn matches(&self, text: &[u8]) -> bool {
        let eq = |a: &[u8], b: &[u8]| {
            if self.fold {
                a.eq_ignore_ascii_case(b)
            } else {
                a == b
            }
        };
        let parts = &self.parts;
        let n = parts.len();
        let (mut i, mut j) = (0, n);
        let (mut t, mut end) = (0, text.len());
        if let Some(WPart::Lit(l)) = parts.first() {
            if text.len() < l.len() || !eq(&text[..l.len()], l) {
                return false;
            }
            t = l.len();
            i = 1;
        }
        if i >= n {
            return t == text.len();
        }
        if let Some(WPart::Lit(l)) = parts.last() {
            if end - t < l.len() || !eq(&text[end - l.len()..], l) {
                return false;
            }
            end -= l.len();
            j = n - 1;
        }
        for part in &parts[i..j] {
            if let WPart::Lit(l) = part {
                match (t..=end.saturating_sub(l.len()))
                    .find(|&k| k + l.len() <= end && eq(&text[k..k + l.len()], l))
                {
                    Some(k) => t = k + l.len(),
                    None => return false,
                }
            }
        }
        true
    }
}

// ---------------------------------------------------------------------------------------------
// Traced evaluation.

/// The result of a traced evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct Trace {
    /// The filter's result.
    pub result: bool,
    /// The expression tree with values.
    pub root: TraceNode,
    /// Every field read, once, with its value (`null` when missing).
    pub fields: Vec<FieldRead>,
}

/// One sub-expression and its value.
#[derive(Debug, Clone, Serialize)]
pub struct TraceNode {
    /// Canonical text.
    pub text: String,
    /// Where it was written (zero for built trees).
    pub span: Span,
    /// Its value; `None` when not evaluated (short-circuit).
    pub value: Option<bool>,
    /// For a comparison: the left-hand value (`None` when missing or not evaluated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lhs: Option<Value>,
    /// For a comparison: the left-hand value was missing.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub missing: bool,
    /// Operands.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<TraceNode>,
}

/// A field read during evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct FieldRead {
    /// Field name.
    pub name: &'static str,
    /// Its value (`None` when missing).
    pub value: Option<Value>,
    /// Whether it was set explicitly (else the default).
    pub set: bool,
}

impl Trace {
    /// Render as an indented text tree.
    pub fn render(&self) -> String {
        let mut out = String::new();
        fn node(out: &mut String, n: &TraceNode, depth: usize) {
            let v = match n.value {
                Some(true) => "true ",
                Some(false) => "false",
                None => "skip ",
            };
            let _ = write!(out, "{}{v}  {}", "  ".repeat(depth), n.text);
            if n.missing {
                out.push_str("   [left side missing]");
            } else if let Some(l) = &n.lhs {
                let _ = write!(
                    out,
                    "   [left side = {}]",
                    serde_json::to_string(l).unwrap_or_default()
                );
            }
            out.push('\n');
            for c in &n.children {
                node(out, c, depth + 1);
            }
        }
        node(&mut out, &self.root, 0);
        out.push_str("fields:\n");
        for f in &self.fields {
            let v = f.value.as_ref().map_or("missing".to_string(), |v| {
                serde_json::to_string(v).unwrap_or_default()
            });
            let _ = writeln!(
                out,
                "  {} = {v}{}",
                f.name,
                if f.set { "" } else { " (default)" }
            );
        }
        out
    }
}

/// Evaluate with a trace.
pub fn execute_traced(expr: &Expr, node: &Node, ctx: &Context) -> Trace {
    let mut fields = Vec::new();
    let root = trace(expr, node, ctx, &mut fields);
    let fields = fields
        .into_iter()
        .map(|id: usize| FieldRead {
            name: FIELDS[id].name,
            value: ctx.get(id).cloned(),
            set: ctx.is_set(id),
        })
        .collect();
    Trace {
        result: root.value.unwrap_or(false),
        root,
        fields,
    }
}

fn skipped(expr: &Expr) -> TraceNode {
    TraceNode {
        text: expr.canonical(),
        span: expr.span(),
        value: None,
        lhs: None,
        missing: false,
        children: Vec::new(),
    }
}

fn trace(expr: &Expr, node: &Node, ctx: &Context, fields: &mut Vec<usize>) -> TraceNode {
    let mut out = skipped(expr);
    match (expr, node) {
        (
            Expr::Logical { items, op, .. },
            Node::And(nodes) | Node::Or(nodes) | Node::Xor(nodes),
        ) => {
            let mut acc = matches!(op, LogicalOp::And);
            let mut done = false;
            for (e, n) in items.iter().zip(nodes.iter()) {
                if done {
                    out.children.push(skipped(e));
                    continue;
                }
                let c = trace(e, n, ctx, fields);
                let v = c.value.unwrap_or(false);
                match op {
                    LogicalOp::And => {
                        acc &= v;
                        done = !v;
                    }
                    LogicalOp::Or => {
                        acc |= v;
                        done = v;
                    }
                    LogicalOp::Xor => acc ^= v,
                }
                out.children.push(c);
            }
            out.value = Some(acc);
        }
        (Expr::Not { arg, .. }, Node::Not(_) | Node::NotFlag(_)) => {
            let c = match node {
                Node::NotFlag(id) => trace(arg, &Node::Flag(*id), ctx, fields),
                Node::Not(n) => trace(arg, n, ctx, fields),
                _ => skipped(arg),
            };
            out.value = Some(!c.value.unwrap_or(false));
            out.children.push(c);
        }
        (Expr::Compare(c), Node::Test(_) | Node::Field(..) | Node::Flag(_)) => {
            trace_compare(c, node, ctx, fields, &mut out);
        }
        _ => out.value = Some(execute(node, ctx)),
    }
    out
}

/// Out of line: keeps the frame of the recursive [`trace`] small.
#[inline(never)]
fn trace_compare(
    c: &Comparison,
    node: &Node,
    ctx: &Context,
    fields: &mut Vec<usize>,
    out: &mut TraceNode,
) {
    collect_fields(&c.lhs, fields);
    let lhs = match node {
        Node::Test(t) => t.lhs_value(ctx),
        Node::Field(id, _) | Node::Flag(id) => ctx.get(*id).map(Cow::Borrowed),
        _ => None,
    };
    out.missing = lhs.is_none();
    out.lhs = lhs.map(Cow::into_owned);
    out.value = Some(execute(node, ctx));
}

fn collect_fields(op: &Operand, fields: &mut Vec<usize>) {
    match op {
        Operand::Field { name, .. } => {
            if let Some(id) = field_index(name)
                && !fields.contains(&id)
            {
                fields.push(id);
            }
        }
        Operand::Call { args, .. } => {
            for a in args {
                match a {
                    Arg::Operand(o) => collect_fields(o, fields),
                    Arg::Compare(c) => collect_fields(&c.lhs, fields),
                    Arg::Literal(_) => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_nodes_stay_small() {
        // Deep trees recurse through these; large variants belong behind a Box.
        assert!(
            std::mem::size_of::<Node>() <= 64,
            "{}",
            std::mem::size_of::<Node>()
        );
        assert!(
            std::mem::size_of::<Kind>() <= 56,
            "{}",
            std::mem::size_of::<Kind>()
        );
    }

    #[test]
    fn regex_budget_per_filter() {
        // Over 2 MiB compiled, so charged 10 MiB: two in one filter exceed the 16 MiB budget.
        let big = r#"http.host matches "(.{1000}){50}""#;
        let one = crate::rules::parse(big).unwrap();
        assert_eq!(one.regex_bytes(), REGEX_SIZE_LIMIT);
        let two = format!("{big} or {big}");
        let err = crate::rules::parse(&two).unwrap_err().to_string();
        assert!(err.contains("16 MiB together"), "{err}");
        // Small regexes are charged the smallest step: as many as fit in 4,096 characters pass.
        let many: Vec<String> = (0..120)
            .map(|i| format!("http.host matches \"^a{i}$\""))
            .collect();
        let f = crate::rules::parse(&many.join(" or ")).unwrap();
        assert_eq!(f.regex_bytes(), 120 * REGEX_CHARGE_STEPS[0]);
        assert_eq!(f.clone().regex_bytes(), f.regex_bytes());
    }

    #[test]
    fn wildcards() {
        let w = |p: &str, fold| Wildcard::new(p.as_bytes(), fold).unwrap();
        assert!(w("/admin*", true).matches(b"/ADMINistrator"));
        assert!(!w("/admin*", false).matches(b"/ADMIN"));
        assert!(w("*.example.com", true).matches(b"a.b.example.com"));
        assert!(!w("*.example.com", true).matches(b"example.com"));
        assert!(w("a*b*c", false).matches(b"abbbc"));
        assert!(w("*", false).matches(b""));
        assert!(w("a\\*", false).matches(b"a*"));
        assert!(!w("a\\*", false).matches(b"ab"));
        assert!(w("*ab", false).matches(b"aab"));
        assert!(Wildcard::new(b"a**", false).is_err());
        assert!(Wildcard::new(b"a\\n", false).is_err());
    }
}
