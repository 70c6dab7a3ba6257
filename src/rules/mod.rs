//! The Cloudflare Rules language: parse a filter expression, type-check it against the field
//! catalogue, and evaluate it against one request's field values.
//!
//! Stages, one file each: [`scheme`] (the static field table) -> [`lexer`] (tokens with spans)
//! -> [`parser`] (recursive descent, type checking against the scheme) -> [`ast`] (the tree,
//! its canonical printer and builders) -> [`eval`] (compiled evaluation and traces), with
//! [`value`] (values and the [`Context`]), [`functions`] and [`error`]. [`batch`] evaluates
//! JSON lines. This module knows nothing of certificates, the CLI or the terminal.

pub mod ast;
pub mod batch;
pub mod error;
pub mod eval;
pub mod functions;
pub mod lexer;
pub mod parser;
pub mod scheme;
pub mod value;

pub use ast::{Arg, CmpOp, Comparison, Expr, Index, Literal, LogicalOp, Operand, Rhs, SetItem};
pub use error::{ContextError, ParseError, Span};
pub use eval::{FieldRead, Trace, TraceNode};
pub use scheme::{FIELDS, FieldDef, Type, field_index};
pub use value::{Context, Value};

/// A parsed, type-checked and compiled filter.
pub struct Filter {
    ast: Expr,
    root: eval::Node,
    fast: eval::Fast,
    regex_bytes: usize,
}

impl std::fmt::Debug for Filter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Filter")
            .field("expr", &self.canonical())
            .finish()
    }
}

impl Clone for Filter {
    fn clone(&self) -> Filter {
        Filter::compiled(self.ast.clone(), self.root.clone(), self.regex_bytes)
    }
}

/// Parse, type-check and compile an expression.
pub fn parse(expr: &str) -> Result<Filter, ParseError> {
    let ast = parser::parse(expr)?;
    let (root, regex_bytes) = eval::compile_counted(&ast)
        .map_err(|(span, reason)| ParseError::new(expr.trim_end(), span, reason))?;
    Ok(Filter::compiled(ast, root, regex_bytes))
}

impl Filter {
    /// Type-check and compile a tree built by hand (errors point into its canonical text
    /// only when the tree carries spans).
    pub fn from_ast(ast: Expr) -> Result<Filter, ParseError> {
        if let Err((span, reason)) = parser::check(&ast) {
            // A tree past the nesting limit is not printed: printing recurses.
            let text = if parser::is_depth_error(&reason) {
                String::new()
            } else {
                ast.canonical()
            };
            return Err(ParseError::new(&text, span, reason));
        }
        let (root, regex_bytes) = eval::compile_counted(&ast)
            .map_err(|(span, reason)| ParseError::new(&ast.canonical(), span, reason))?;
        Ok(Filter::compiled(ast, root, regex_bytes))
    }

    fn compiled(ast: Expr, root: eval::Node, regex_bytes: usize) -> Filter {
        let fast = eval::closure(&root);
        Filter {
            ast,
            root,
            fast,
            regex_bytes,
        }
    }

    /// The bytes its compiled regexes are charged (see [`eval`]'s budgets).
    pub fn regex_bytes(&self) -> usize {
        self.regex_bytes
    }

    /// The syntax tree.
    pub fn ast(&self) -> &Expr {
        &self.ast
    }

    /// The canonical text.
    pub fn canonical(&self) -> String {
        self.ast.canonical()
    }

    /// Evaluate against a context.
    #[inline]
    pub fn execute(&self, ctx: &Context) -> bool {
        (self.fast)(ctx)
    }

    /// Evaluate, recording every sub-expression's value and every field read.
    pub fn execute_traced(&self, ctx: &Context) -> Trace {
        eval::execute_traced(&self.ast, &self.root, ctx)
    }
}
