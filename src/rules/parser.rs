//! The parser: recursive descent over the [`Lexer`], one function per precedence level
//! (`or_expr` < `xor_expr` < `and_expr` < `simple`), with a nesting limit so no input can
//! overflow the stack. It type-checks against the scheme as it goes (the right-hand side of a
//! comparison is lexed according to the left-hand side's type, as on the edge) and reports type
//! errors at the operator. [`check`] runs the same type rules over a tree built by hand.

use super::ast::{Arg, CmpOp, Comparison, Expr, Index, Literal, LogicalOp, Operand, Rhs, SetItem};
use super::error::{ParseError, Span};
use super::functions::{ArgInfo, Function, TRANSFORM_ONLY};
use super::lexer::Lexer;
use super::scheme::{self, Type};
use std::net::IpAddr;

/// Maximum nesting of `(`, `not` and function calls.
pub const MAX_DEPTH: usize = 128;
/// Maximum expression length in characters (the edge's limit).
pub const MAX_LEN: usize = 4096;

const OR_OPS: &[(&str, LogicalOp)] = &[("or", LogicalOp::Or), ("||", LogicalOp::Or)];
const XOR_OPS: &[(&str, LogicalOp)] = &[("xor", LogicalOp::Xor), ("^^", LogicalOp::Xor)];
const AND_OPS: &[(&str, LogicalOp)] = &[("and", LogicalOp::And), ("&&", LogicalOp::And)];

const CMP_OPS: &[(&str, CmpOp)] = &[
    ("in", CmpOp::In),
    ("eq", CmpOp::Eq),
    ("==", CmpOp::Eq),
    ("ne", CmpOp::Ne),
    ("!=", CmpOp::Ne),
    ("ge", CmpOp::Ge),
    (">=", CmpOp::Ge),
    ("le", CmpOp::Le),
    ("<=", CmpOp::Le),
    ("gt", CmpOp::Gt),
    (">", CmpOp::Gt),
    ("lt", CmpOp::Lt),
    ("<", CmpOp::Lt),
    ("&", CmpOp::BitwiseAnd),
    ("bitwise_and", CmpOp::BitwiseAnd),
    ("contains", CmpOp::Contains),
    ("~", CmpOp::Matches),
    ("matches", CmpOp::Matches),
    ("wildcard", CmpOp::Wildcard),
];

/// Parse and type-check an expression.
pub fn parse(input: &str) -> Result<Expr, ParseError> {
    let start = input.len() - input.trim_start().len();
    let end = input.trim_end().len().max(start);
    let src = &input[..end];
    let body = &src[start..];
    let chars = body.chars().count();
    if chars > MAX_LEN {
        let cut = body
            .char_indices()
            .nth(MAX_LEN)
            .map_or(end, |(i, _)| start + i);
        return Err(ParseError::new(
            src,
            Span::new(cut, cut + 1),
            format!(
                "the expression is {chars} characters long; the edge accepts at most {MAX_LEN}"
            ),
        ));
    }
    if body.is_empty() {
        return Err(ParseError::new(
            src,
            Span::new(start, start),
            "empty expression",
        ));
    }
    if body == "true" {
        return Ok(Expr::True);
    }
    let mut lx = Lexer::new(src);
    lx.reset(start);
    let mut p = Parser { lx, depth: 0 };
    let expr = p.or_expr()?;
    p.lx.skip_ws();
    if !p.lx.at_end() {
        return Err(p.unexpected("expected `and`, `or`, `xor` or the end of the expression"));
    }
    Ok(expr)
}

struct Parser<'a> {
    lx: Lexer<'a>,
    depth: usize,
}

impl Parser<'_> {
    fn unexpected(&self, reason: &str) -> ParseError {
        if self.lx.peek() == Some(b'\t') {
            self.lx
                .error_here("a tab is not allowed in an expression; use spaces")
        } else if self.lx.peek() == Some(b',') {
            self.lx
                .error_here("unexpected `,`: set elements are separated by spaces, not commas")
        } else if self.lx.peek() == Some(b'\'') {
            self.lx
                .error_here("single quotes do not make a string; use double quotes")
        } else {
            self.lx.error_here(reason)
        }
    }

    fn enter(&mut self, span: Span) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self
                .lx
                .error(span, format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    fn run(
        &mut self,
        op: LogicalOp,
        keywords: &[(&str, LogicalOp)],
        next: fn(&mut Self) -> Result<Expr, ParseError>,
    ) -> Result<Expr, ParseError> {
        let start = self.lx.pos();
        let first = next(self)?;
        let mut items = vec![first];
        loop {
            let save = self.lx.pos();
            self.lx.skip_ws();
            if self.lx.eat_any(keywords).is_none() {
                self.lx.reset(save);
                break;
            }
            self.lx.skip_ws();
            items.push(next(self)?);
        }
        if items.len() == 1 {
            return Ok(items.remove(0));
        }
        Ok(Expr::Logical {
            op,
            items,
            span: Span::new(start, self.lx.pos()),
        })
    }

    fn or_expr(&mut self) -> Result<Expr, ParseError> {
        self.run(LogicalOp::Or, OR_OPS, Self::xor_expr)
    }

    fn xor_expr(&mut self) -> Result<Expr, ParseError> {
        self.run(LogicalOp::Xor, XOR_OPS, Self::and_expr)
    }

    fn and_expr(&mut self) -> Result<Expr, ParseError> {
        self.run(LogicalOp::And, AND_OPS, Self::simple)
    }

    /// `( logical )`, `not simple` or a comparison. Each branch is its own function so the
    /// frames on the recursion path stay small (deep input must not exhaust a 2 MiB stack in
    /// debug builds).
    fn simple(&mut self) -> Result<Expr, ParseError> {
        let start = self.lx.pos();
        if let Some(open) = self.lx.eat("(") {
            return self.group(open);
        }
        if let Some(t) = self.lx.eat_any(&[("not", ()), ("!", ())]) {
            return self.negation(start, t.span);
        }
        self.leaf(start)
    }

    fn group(&mut self, open: Span) -> Result<Expr, ParseError> {
        self.enter(open)?;
        self.lx.skip_ws();
        let inner = self.or_expr()?;
        self.lx.skip_ws();
        if self.lx.eat(")").is_none() {
            return Err(self.unexpected("expected `)` (or `and`, `or`, `xor`)"));
        }
        self.depth -= 1;
        Ok(inner)
    }

    fn negation(&mut self, start: usize, keyword: Span) -> Result<Expr, ParseError> {
        self.enter(keyword)?;
        self.lx.skip_ws();
        let arg = Box::new(self.simple()?);
        self.depth -= 1;
        Ok(Expr::Not {
            arg,
            span: Span::new(start, self.lx.pos()),
        })
    }

    #[inline(never)]
    fn leaf(&mut self, start: usize) -> Result<Expr, ParseError> {
        if self.lx.at_end() {
            return Err(self.lx.error(
                Span::new(start, start),
                "unexpected end of expression: expected a field, a function, `(` or `not`",
            ));
        }
        let c = self.comparison(false, false)?;
        Ok(Expr::Compare(Box::new(c)))
    }

    /// `operand [op rhs]`; `in_any`: the argument of any()/all(), where `[*]` is allowed.
    fn comparison(&mut self, allow_star: bool, in_any: bool) -> Result<Comparison, ParseError> {
        let start = self.lx.pos();
        let (lhs, ty, mapped) = self.operand(allow_star)?;
        self.comparison_rest(start, lhs, ty, mapped, in_any)
    }

    fn comparison_rest(
        &mut self,
        start: usize,
        lhs: Operand,
        ty: Type,
        mapped: bool,
        in_any: bool,
    ) -> Result<Comparison, ParseError> {
        let save = self.lx.pos();
        self.lx.skip_ws();
        let rest = self.lx.rest();
        let logical_next = ["and", "&&", "or", "||", "xor", "^^"]
            .iter()
            .any(|k| rest.starts_with(k));
        let op = if ty == Type::Bool && logical_next {
            None
        } else {
            self.cmp_op()
        };
        let Some((op, op_span)) = op else {
            self.lx.reset(save);
            let lhs_span = Span::new(start, save);
            if ty != Type::Bool {
                return Err(self.lx.error(
                    lhs_span,
                    format!(
                        "`{lhs}` is {}{}; it needs a comparison: {}",
                        if mapped {
                            "one value per element of "
                        } else {
                            ""
                        },
                        ty,
                        ty.operators()
                    ),
                ));
            }
            if mapped && !in_any {
                return Err(self.lx.error(
                    lhs_span,
                    "`[*]` gives one value per element: use it inside any(...) or all(...)",
                ));
            }
            return Ok(Comparison {
                lhs,
                test: None,
                span: lhs_span,
                op_span: Span::new(save, save),
            });
        };
        if mapped && !in_any {
            return Err(self.lx.error(
                Span::new(start, save),
                "`[*]` gives one value per element: compare it inside any(...) or all(...)",
            ));
        }
        check_op(ty, op).map_err(|reason| self.lx.error(op_span, reason))?;
        self.lx.skip_ws();
        let rhs = self.rhs(ty, op)?;
        let span = Span::new(start, self.lx.pos());
        check_rhs(ty, op, &rhs)
            .map_err(|reason| self.lx.error(Span::new(op_span.end, span.end), reason))?;
        Ok(Comparison {
            lhs,
            test: Some((op, rhs)),
            span,
            op_span,
        })
    }

    fn cmp_op(&mut self) -> Option<(CmpOp, Span)> {
        if let Some(s) = self.lx.eat("strict") {
            let save = self.lx.pos();
            self.lx.skip_ws();
            if self.lx.pos() > save
                && let Some(w) = self.lx.eat("wildcard")
            {
                return Some((CmpOp::StrictWildcard, Span::new(s.start, w.end)));
            }
            self.lx.reset(s.start);
            return None;
        }
        self.lx.eat_any(CMP_OPS).map(|t| (t.value, t.span))
    }

    fn operand(&mut self, allow_star: bool) -> Result<(Operand, Type, bool), ParseError> {
        let name = self.lx.ident()?;
        let after_name = self.lx.pos();
        self.lx.skip_ws();
        let is_call = self.lx.peek() == Some(b'(') && scheme::field_index(name.value).is_none();
        if !is_call {
            self.lx.reset(after_name);
        }
        let (mut operand, mut ty, mut mapped) = if is_call {
            self.call(name.value, name.span)?
        } else {
            let Some(def) = scheme::field(name.value) else {
                return Err(self.lx.error(name.span, unknown_name(name.value)));
            };
            (
                Operand::Field {
                    name: def.name.to_string(),
                    indexes: Vec::new(),
                    span: name.span,
                },
                def.ty,
                false,
            )
        };
        while self.lx.peek() == Some(b'[') {
            let open = self.lx.pos();
            self.lx.eat("[");
            self.lx.skip_ws();
            let index = if self.lx.eat("*").is_some() {
                Index::Star
            } else if self.lx.at_string() {
                Index::Key(self.lx.string()?.value)
            } else if self.lx.peek().is_some_and(|c| c.is_ascii_digit()) {
                let t = self.lx.int()?;
                Index::Pos(
                    u32::try_from(t.value)
                        .map_err(|_| self.lx.error(t.span, "array index out of range"))?,
                )
            } else {
                return Err(self.unexpected("expected an array index, a quoted map key or `*`"));
            };
            self.lx.skip_ws();
            if self.lx.eat("]").is_none() {
                return Err(self.unexpected("expected `]`"));
            }
            let span = Span::new(open, self.lx.pos());
            (ty, mapped) =
                index_type(ty, mapped, &index, allow_star).map_err(|r| self.lx.error(span, r))?;
            match &mut operand {
                Operand::Field {
                    indexes, span: s, ..
                }
                | Operand::Call {
                    indexes, span: s, ..
                } => {
                    indexes.push(index);
                    s.end = span.end;
                }
            }
        }
        Ok((operand, ty, mapped))
    }

    fn call(&mut self, name: &str, name_span: Span) -> Result<(Operand, Type, bool), ParseError> {
        if TRANSFORM_ONLY.contains(&name) {
            return Err(self.lx.error(
                name_span,
                format!("{name}() is only valid in transform rules, not in custom (WAF) rules"),
            ));
        }
        let Some(func) = Function::from_name(name) else {
            return Err(self.lx.error(name_span, unknown_name(name)));
        };
        let open = self.lx.eat("(").unwrap_or(name_span);
        self.enter(open)?;
        let mut args = Vec::new();
        let mut infos = Vec::new();
        self.lx.skip_ws();
        if self.lx.eat(")").is_none() {
            loop {
                let first = args.is_empty();
                let start = self.lx.pos();
                let (arg, info) = if self.lx.at_string() {
                    let t = self.lx.string()?;
                    (
                        Arg::Literal(Literal::Bytes(t.value)),
                        ArgInfo {
                            ty: Type::Bytes,
                            mapped: false,
                            literal: true,
                            field: false,
                        },
                    )
                } else if self
                    .lx
                    .peek()
                    .is_some_and(|c| c.is_ascii_digit() || c == b'-')
                {
                    let t = self.lx.int()?;
                    (
                        Arg::Literal(Literal::Int(t.value)),
                        ArgInfo {
                            ty: Type::Int,
                            mapped: false,
                            literal: true,
                            field: false,
                        },
                    )
                } else {
                    let (op, ty, mapped) = self.operand(first)?;
                    if first && matches!(func, Function::Any | Function::All) {
                        let c = self.comparison_rest(start, op, ty, mapped, true)?;
                        let mapped = comparison_mapped(&c);
                        (
                            Arg::Compare(Box::new(c)),
                            ArgInfo {
                                ty: Type::Bool,
                                mapped,
                                literal: false,
                                field: false,
                            },
                        )
                    } else {
                        let field = matches!(op, Operand::Field { .. });
                        (
                            Arg::Operand(op),
                            ArgInfo {
                                ty,
                                mapped,
                                literal: false,
                                field,
                            },
                        )
                    }
                };
                args.push(arg);
                infos.push(info);
                self.lx.skip_ws();
                if self.lx.eat(",").is_some() {
                    self.lx.skip_ws();
                    continue;
                }
                if self.lx.eat(")").is_some() {
                    break;
                }
                return Err(self.unexpected("expected `,` or `)` in the argument list"));
            }
        }
        self.depth -= 1;
        let span = Span::new(name_span.start, self.lx.pos());
        let (ty, mapped) = func.check(&infos).map_err(|r| self.lx.error(span, r))?;
        Ok((
            Operand::Call {
                name: func.name().to_string(),
                args,
                indexes: Vec::new(),
                span,
            },
            ty,
            mapped,
        ))
    }

    fn rhs(&mut self, ty: Type, op: CmpOp) -> Result<Rhs, ParseError> {
        match op {
            CmpOp::Matches => Ok(Rhs::Regex(self.lx.regex()?.value)),
            CmpOp::Wildcard | CmpOp::StrictWildcard => {
                Ok(Rhs::Literal(Literal::Bytes(self.lx.string()?.value)))
            }
            CmpOp::Contains => Ok(Rhs::Literal(self.literal(Type::Bytes)?)),
            CmpOp::BitwiseAnd => Ok(Rhs::Literal(Literal::Int(self.lx.int()?.value))),
            CmpOp::In => {
                if self.lx.eat("$").is_some() {
                    return Ok(Rhs::List(self.lx.list_name()?.value.to_string()));
                }
                if self.lx.eat("{").is_none() {
                    return Err(self.unexpected("expected `{` to open a set or `$` for a list"));
                }
                let mut items = Vec::new();
                loop {
                    self.lx.skip_ws();
                    if self.lx.eat("}").is_some() {
                        return Ok(Rhs::Set(items));
                    }
                    if self.lx.at_end() {
                        return Err(self.lx.error_here("expected `}` to close the set"));
                    }
                    items.push(self.set_item(ty)?);
                }
            }
            _ => Ok(Rhs::Literal(self.literal(ty)?)),
        }
    }

    fn literal(&mut self, ty: Type) -> Result<Literal, ParseError> {
        match ty {
            Type::Int => Ok(Literal::Int(self.lx.int()?.value)),
            Type::Ip => {
                let t = self.lx.ip_chunk()?;
                t.value.parse::<IpAddr>().map(Literal::Ip).map_err(|e| {
                    self.lx.error(
                        t.span,
                        format!(
                            "invalid IP address `{}`: {e} (CIDRs and ranges only inside {{}})",
                            t.value
                        ),
                    )
                })
            }
            _ => {
                if self.lx.at_string() {
                    Ok(Literal::Bytes(self.lx.string()?.value))
                } else if self.lx.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                    Ok(Literal::Bytes(self.lx.hex_bytes()?.value))
                } else if self.lx.rest().starts_with("true") || self.lx.rest().starts_with("false")
                {
                    Err(self.lx.error_here("there are no true/false literals"))
                } else {
                    Err(self.unexpected("expected a string literal"))
                }
            }
        }
    }

    fn set_item(&mut self, ty: Type) -> Result<SetItem, ParseError> {
        match ty {
            Type::Int => {
                let lo = self.lx.int()?;
                if self.lx.eat("..").is_some() {
                    let hi = self.lx.int()?;
                    if hi.value < lo.value {
                        return Err(self.lx.error(
                            Span::new(lo.span.start, hi.span.end),
                            "range bounds are reversed",
                        ));
                    }
                    return Ok(SetItem::IntRange(lo.value, hi.value));
                }
                Ok(SetItem::Literal(Literal::Int(lo.value)))
            }
            Type::Ip => {
                let t = self.lx.ip_chunk()?;
                parse_ip_item(t.value).map_err(|r| self.lx.error(t.span, r))
            }
            _ => Ok(SetItem::Literal(self.literal(ty)?)),
        }
    }
}

fn parse_ip_item(text: &str) -> Result<SetItem, String> {
    let addr = |s: &str| {
        s.parse::<IpAddr>()
            .map_err(|e| format!("invalid IP address `{s}`: {e}"))
    };
    if let Some((a, b)) = text.split_once("..") {
        return Ok(SetItem::IpRange(addr(a)?, addr(b)?));
    }
    if let Some((a, n)) = text.split_once('/') {
        let bits: u8 = n
            .parse()
            .map_err(|_| format!("invalid CIDR prefix length `{n}`"))?;
        return Ok(SetItem::Cidr(addr(a)?, bits));
    }
    Ok(SetItem::Literal(Literal::Ip(addr(text)?)))
}

fn unknown_name(name: &str) -> String {
    let near = scheme::suggest(name);
    let funcs: Vec<&str> = Function::names()
        .filter(|f| f.starts_with(name) || name.starts_with(f))
        .collect();
    let mut msg = format!("unknown field `{name}`");
    let all: Vec<String> = near
        .iter()
        .chain(funcs.iter())
        .map(|n| format!("`{n}`"))
        .collect();
    if !all.is_empty() {
        msg.push_str(&format!("; did you mean {}?", all.join(", ")));
    }
    msg
}

fn comparison_mapped(c: &Comparison) -> bool {
    operand_type(&c.lhs, true).is_ok_and(|(_, m)| m)
}

/// The type after applying `index` to a value of type `ty` (`mapped`: one per element).
pub fn index_type(
    ty: Type,
    mapped: bool,
    index: &Index,
    allow_star: bool,
) -> Result<(Type, bool), String> {
    match (index, ty) {
        (Index::Pos(_), Type::Array(t)) => Ok((*t, mapped)),
        (Index::Key(_), Type::Map(t)) => Ok((*t, mapped)),
        // `f(x[*])[*]`: the per-element results of a function, iterated again.
        (Index::Star, _) if mapped && allow_star => Ok((ty, true)),
        (Index::Star, Type::Array(t) | Type::Map(t)) => {
            if !allow_star || mapped {
                return Err(
                    "`[*]` is only allowed once, inside a function's first argument".to_string(),
                );
            }
            Ok((*t, true))
        }
        (Index::Pos(_), _) => Err(format!(
            "cannot index {ty} with a number: only an Array can"
        )),
        (Index::Key(_), _) => Err(format!("cannot index {ty} with a key: only a Map can")),
        (Index::Star, _) => Err(format!("`[*]` needs an Array or a Map, not {ty}")),
    }
}

/// Whether operator `op` applies to values of type `ty`.
pub fn check_op(ty: Type, op: CmpOp) -> Result<(), String> {
    use CmpOp as O;
    let ok = match ty {
        Type::Bytes => !matches!(op, O::BitwiseAnd),
        Type::Int => matches!(
            op,
            O::Eq | O::Ne | O::Lt | O::Le | O::Gt | O::Ge | O::BitwiseAnd | O::In
        ),
        Type::Ip => matches!(op, O::Eq | O::Ne | O::In),
        Type::Bool => {
            return Err("a Boolean takes no operator: write `field` or `not field` (there are no true/false literals)".to_string());
        }
        Type::Array(_) | Type::Map(_) => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{}` does not apply to {ty}; {ty} accepts: {}",
            op.keyword(),
            ty.operators()
        ))
    }
}

/// Whether `rhs` fits `ty op`: literal types, CIDR host bits, range bounds.
pub fn check_rhs(ty: Type, op: CmpOp, rhs: &Rhs) -> Result<(), String> {
    let lit_ok = |l: &Literal| {
        matches!(
            (ty, l),
            (Type::Bytes, Literal::Bytes(_))
                | (Type::Int, Literal::Int(_))
                | (Type::Ip, Literal::Ip(_))
        )
    };
    match (op, rhs) {
        (CmpOp::Matches, Rhs::Regex(_)) => Ok(()),
        (CmpOp::BitwiseAnd, Rhs::Literal(Literal::Int(_))) => Ok(()),
        (CmpOp::In, Rhs::List(_)) => Ok(()),
        (CmpOp::In, Rhs::Set(items)) => {
            for item in items {
                match item {
                    SetItem::Literal(l) if lit_ok(l) => {}
                    SetItem::IntRange(a, b) if ty == Type::Int => {
                        if b < a {
                            return Err("range bounds are reversed".to_string());
                        }
                    }
                    SetItem::IpRange(a, b) if ty == Type::Ip => match (a, b) {
                        (IpAddr::V4(x), IpAddr::V4(y)) if x <= y => {}
                        (IpAddr::V6(x), IpAddr::V6(y)) if x <= y => {}
                        _ => {
                            return Err(format!(
                                "invalid IP range {a}..{b}: same family, low to high"
                            ));
                        }
                    },
                    SetItem::Cidr(a, n) if ty == Type::Ip => {
                        let (max, host) = match a {
                            IpAddr::V4(x) => (32, u128::from(u32::from(*x)) << 96),
                            IpAddr::V6(x) => (128, u128::from(*x)),
                        };
                        if *n > max {
                            return Err(format!("CIDR prefix /{n} is longer than {max} bits"));
                        }
                        let mask = u128::MAX.checked_shr(u32::from(*n)).unwrap_or(0);
                        if host & mask != 0 {
                            return Err(format!("CIDR {a}/{n} has host bits set"));
                        }
                    }
                    other => return Err(format!("set element `{other}` is not {ty}")),
                }
            }
            Ok(())
        }
        (CmpOp::In, _) => Err("`in` takes a set `{...}` or a list `$name`".to_string()),
        (_, Rhs::Literal(l)) if lit_ok(l) => Ok(()),
        (_, other) => Err(format!("`{other}` does not fit `{}` on {ty}", op.keyword())),
    }
}

/// The type of an operand (checking fields, indexes and function signatures).
pub fn operand_type(op: &Operand, allow_star: bool) -> Result<(Type, bool), (Span, String)> {
    let (mut ty, mut mapped, indexes, span) = match op {
        Operand::Field {
            name,
            indexes,
            span,
        } => {
            let def = scheme::field(name).ok_or_else(|| (*span, unknown_name(name)))?;
            (def.ty, false, indexes, *span)
        }
        Operand::Call {
            name,
            args,
            indexes,
            span,
        } => {
            if TRANSFORM_ONLY.contains(&name.as_str()) {
                return Err((
                    *span,
                    format!("{name}() is only valid in transform rules, not in custom (WAF) rules"),
                ));
            }
            let func = Function::from_name(name).ok_or_else(|| (*span, unknown_name(name)))?;
            let mut infos = Vec::new();
            for (i, a) in args.iter().enumerate() {
                infos.push(match a {
                    Arg::Literal(l) => ArgInfo {
                        ty: match l {
                            Literal::Bytes(_) => Type::Bytes,
                            Literal::Int(_) => Type::Int,
                            Literal::Ip(_) => Type::Ip,
                        },
                        mapped: false,
                        literal: true,
                        field: false,
                    },
                    Arg::Operand(o) => {
                        let (ty, mapped) = operand_type(o, i == 0)?;
                        ArgInfo {
                            ty,
                            mapped,
                            literal: false,
                            field: matches!(o, Operand::Field { .. }),
                        }
                    }
                    Arg::Compare(c) => {
                        if i != 0 || !matches!(func, Function::Any | Function::All) {
                            return Err((
                                c.span,
                                "a comparison is only an argument of any() or all()".to_string(),
                            ));
                        }
                        let mapped = check_comparison(c, true)?;
                        ArgInfo {
                            ty: Type::Bool,
                            mapped,
                            literal: false,
                            field: false,
                        }
                    }
                });
            }
            let (ty, mapped) = func.check(&infos).map_err(|r| (*span, r))?;
            (ty, mapped, indexes, *span)
        }
    };
    for index in indexes {
        (ty, mapped) = index_type(ty, mapped, index, allow_star).map_err(|r| (span, r))?;
    }
    Ok((ty, mapped))
}

/// Out of line: keeps the frame of the recursive walk in [`check`] small.
#[inline(never)]
fn check_comparison(c: &Comparison, in_any: bool) -> Result<bool, (Span, String)> {
    let (ty, mapped) = operand_type(&c.lhs, in_any)?;
    if mapped && !in_any {
        return Err((
            c.span,
            "`[*]` gives one value per element: use it inside any(...) or all(...)".to_string(),
        ));
    }
    match &c.test {
        None if ty == Type::Bool => Ok(mapped),
        None => Err((
            c.span,
            format!(
                "`{}` is {ty}; it needs a comparison: {}",
                c.lhs,
                ty.operators()
            ),
        )),
        Some((op, rhs)) => {
            check_op(ty, *op).map_err(|r| (c.op_span, r))?;
            check_rhs(ty, *op, rhs).map_err(|r| (c.op_span, r))?;
            Ok(mapped)
        }
    }
}

/// Type-check a tree (built by hand or parsed), with the nesting limit counted as the parser
/// counts it on the printed text: each `not`, each parenthesised group, each function call.
/// The walk stops at the limit, so even a very deep built tree cannot overflow the stack.
pub fn check(expr: &Expr) -> Result<(), (Span, String)> {
    fn too_deep(span: Span) -> (Span, String) {
        (span, format!("nesting deeper than {MAX_DEPTH} levels"))
    }
    fn calls(op: &Operand, depth: usize) -> Result<(), (Span, String)> {
        if let Operand::Call { args, span, .. } = op {
            if depth + 1 > MAX_DEPTH {
                return Err(too_deep(*span));
            }
            for a in args {
                match a {
                    Arg::Operand(o) => calls(o, depth + 1)?,
                    Arg::Compare(c) => calls(&c.lhs, depth + 1)?,
                    Arg::Literal(_) => {}
                }
            }
        }
        Ok(())
    }
    fn walk(e: &Expr, depth: usize) -> Result<(), (Span, String)> {
        if depth > MAX_DEPTH {
            return Err(too_deep(e.span()));
        }
        match e {
            Expr::True => Err((
                e.span(),
                "`true` is only valid as the whole expression".to_string(),
            )),
            Expr::Not { arg, .. } => {
                let parens = usize::from(matches!(**arg, Expr::Logical { .. }));
                walk(arg, depth + 1 + parens)
            }
            Expr::Logical { op, items, span } => {
                if items.len() < 2 {
                    return Err((
                        *span,
                        "a logical operator needs at least two operands".to_string(),
                    ));
                }
                for i in items {
                    let nested = matches!(i, Expr::Logical { op: inner, .. } if inner <= op);
                    walk(i, depth + usize::from(nested))?;
                }
                Ok(())
            }
            Expr::Compare(c) => {
                calls(&c.lhs, depth)?;
                check_comparison(c, false).map(|_| ())
            }
        }
    }
    match expr {
        Expr::True => Ok(()),
        e => walk(e, 0),
    }
}

/// Whether a [`check`] error is the nesting limit (the tree is then too deep to print).
pub fn is_depth_error(reason: &str) -> bool {
    reason.starts_with("nesting deeper than")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> Expr {
        match parse(s) {
            Ok(e) => e,
            Err(e) => panic!("{s}: {e}"),
        }
    }

    #[test]
    fn precedence() {
        assert_eq!(
            ok("ssl or ssl and not ssl").canonical(),
            "ssl or ssl and not ssl"
        );
        match ok("ssl or ssl and ssl xor ssl") {
            Expr::Logical {
                op: LogicalOp::Or,
                items,
                ..
            } => {
                assert!(matches!(
                    &items[1],
                    Expr::Logical {
                        op: LogicalOp::Xor,
                        ..
                    }
                ));
            }
            e => panic!("{e:?}"),
        }
        assert!(matches!(
            ok("not ssl and ssl"),
            Expr::Logical {
                op: LogicalOp::And,
                ..
            }
        ));
        assert_eq!(ok("ssl and ssl and ssl").canonical(), "ssl and ssl and ssl");
        assert_eq!(
            ok("(ssl and ssl) and ssl").canonical(),
            "(ssl and ssl) and ssl"
        );
    }

    #[test]
    fn quirks() {
        ok("notcf.tls_client_auth.cert_revoked");
        ok("http.host eq\"x\"and(ssl)");
        ok("http.host eq \"a\" orhttp.host eq \"b\"");
    }

    #[test]
    fn errors() {
        assert!(parse("ssl == true").is_err());
        assert!(parse("http.host in {\"a\", \"b\"}").is_err());
        assert!(parse("ssl\tand ssl").is_err());
        assert!(parse("SSL").is_err());
        assert!(parse("ssl AND ssl").is_err());
        let e = parse("ip.src lt 1.2.3.4").unwrap_err();
        assert_eq!((e.line, e.column), (1, 8));
        assert!(e.reason.contains("eq ne in"), "{}", e.reason);
    }
}
