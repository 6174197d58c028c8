//! Expressions, patterns and statements: the bodies of setters, field walks, decoding matches
//! and struct literals.

use proc_macro2::{Ident, Span};
use syn::punctuated::Punctuated;
use syn::{
    Arm, Attribute, Expr, ExprCall, ExprField, ExprLit, ExprMatch, ExprMethodCall, ExprPath, ExprReference, ExprStruct,
    ExprTry, FieldValue, Lit, LitBool, LitStr, Member, Pat, PatIdent, PatTupleStruct, Stmt,
};

use super::{ident, path};

/// `function(arguments..)`.
pub(crate) fn call_with(function: Expr, arguments: Vec<Expr>) -> Expr {
    Expr::Call(ExprCall {
        attrs: Vec::new(),
        func: Box::new(function),
        paren_token: Default::default(),
        args: Punctuated::from_iter(arguments),
    })
}

/// `expression?`.
pub(crate) fn try_expr(expression: Expr) -> Expr {
    Expr::Try(ExprTry { attrs: Vec::new(), expr: Box::new(expression), question_token: Default::default() })
}

/// `&mut expression`.
pub(crate) fn mutable_reference(expression: Expr) -> Expr {
    Expr::Reference(ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: Some(Default::default()),
        expr: Box::new(expression),
    })
}

/// `true` or `false`.
pub(crate) fn bool_expr(value: bool) -> Expr {
    Expr::Lit(ExprLit { attrs: Vec::new(), lit: Lit::Bool(LitBool::new(value, Span::call_site())) })
}

/// `name: value` in a struct literal, under `attrs` (a field's feature gate).
pub(crate) fn field_value(attrs: Vec<Attribute>, name: Ident, value: Expr) -> FieldValue {
    FieldValue { attrs, member: Member::Named(name), colon_token: Some(Default::default()), expr: value }
}

/// `Name { fields }`.
pub(crate) fn struct_literal(name: &str, fields: Vec<FieldValue>) -> Expr {
    Expr::Struct(ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path: path(&[name], Vec::new()),
        brace_token: Default::default(),
        fields: fields.into_iter().collect(),
        dot2_token: None,
        rest: None,
    })
}

/// `pattern => body,`
pub(crate) fn arm(pattern: Pat, body: Expr) -> Arm {
    Arm {
        attrs: Vec::new(),
        pat: pattern,
        guard: None,
        fat_arrow_token: Default::default(),
        body: Box::new(body),
        comma: Some(Default::default()),
    }
}

/// `"text"` as an expression.
pub(crate) fn string_expr(text: &str) -> Expr {
    Expr::Lit(string_literal(text))
}

/// `"text"` as a pattern.
pub(crate) fn string_pattern(text: &str) -> Pat {
    Pat::Lit(string_literal(text))
}

/// `a | b | c`; the pattern itself when there is one.
pub(crate) fn or_pattern(mut cases: Vec<Pat>) -> Pat {
    if cases.len() == 1 {
        return cases.remove(0);
    }
    Pat::Or(syn::PatOr { attrs: Vec::new(), leading_vert: None, cases: cases.into_iter().collect() })
}

fn string_literal(text: &str) -> ExprLit {
    ExprLit { attrs: Vec::new(), lit: Lit::Str(LitStr::new(text, Span::call_site())) }
}

/// `Self::Variant` as an expression.
pub(crate) fn variant_expr(variant: &str) -> Expr {
    path_expression(&["Self", variant])
}

/// `Self::Variant` as a pattern.
pub(crate) fn variant_pattern(variant: &str) -> Pat {
    Pat::Path(ExprPath { attrs: Vec::new(), qself: None, path: path(&["Self", variant], Vec::new()) })
}

/// A pattern that binds `name`.
pub(crate) fn binding(name: &str) -> Pat {
    Pat::Ident(PatIdent { attrs: Vec::new(), by_ref: None, mutability: None, ident: ident(name), subpat: None })
}

/// A statement that is the block's value.
pub(crate) fn tail(expression: Expr) -> Stmt {
    Stmt::Expr(expression, None)
}

/// `match scrutinee { arms }`.
pub(crate) fn match_expr(scrutinee: Expr, arms: Vec<Arm>) -> Expr {
    Expr::Match(ExprMatch {
        attrs: Vec::new(),
        match_token: Default::default(),
        expr: Box::new(scrutinee),
        brace_token: Default::default(),
        arms,
    })
}

/// `Self::Variant(binding)` as a pattern.
pub(crate) fn tuple_variant_pattern(variant: &str, name: &str) -> Pat {
    Pat::TupleStruct(PatTupleStruct {
        attrs: Vec::new(),
        qself: None,
        path: path(&["Self", variant], Vec::new()),
        paren_token: Default::default(),
        elems: Punctuated::from_iter([binding(name)]),
    })
}

/// A path (`value`, `Self::Unknown`) as an expression.
pub(crate) fn path_expression(segments: &[&str]) -> Expr {
    Expr::Path(ExprPath { attrs: Vec::new(), qself: None, path: path(segments, Vec::new()) })
}

/// `function(argument)`.
pub(crate) fn call_expression(function: Expr, argument: Expr) -> Expr {
    call_with(function, vec![argument])
}

/// `receiver.method()`.
pub(crate) fn method_call(receiver: Expr, method: &str) -> Expr {
    method_call_with(Vec::new(), receiver, method, Vec::new())
}

/// `receiver.method(arguments..)`, under `attrs`.
pub(crate) fn method_call_with(attrs: Vec<Attribute>, receiver: Expr, method: &str, arguments: Vec<Expr>) -> Expr {
    Expr::MethodCall(ExprMethodCall {
        attrs,
        receiver: Box::new(receiver),
        dot_token: Default::default(),
        method: ident(method),
        turbofish: None,
        paren_token: Default::default(),
        args: Punctuated::from_iter(arguments),
    })
}

/// `visit.method("key", value);` under `attrs` (a field's feature gate): one step of a walk over
/// a struct's fields.
pub(crate) fn visit_statement(attrs: Vec<Attribute>, method: &str, key: &str, value: Expr) -> Stmt {
    let call = method_call_with(attrs, path_expression(&["visit"]), method, vec![string_expr(key), value]);
    Stmt::Expr(call, Some(Default::default()))
}

/// `&self.name`.
pub(crate) fn self_field_reference(name: Ident) -> Expr {
    Expr::Reference(ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: None,
        expr: Box::new(self_field(name)),
    })
}

/// `self.name`.
pub(crate) fn self_field(name: Ident) -> Expr {
    Expr::Field(ExprField {
        attrs: Vec::new(),
        base: Box::new(path_expression(&["self"])),
        dot_token: Default::default(),
        member: Member::Named(name),
    })
}
