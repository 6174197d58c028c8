//! Syntax trees built directly instead of parsed back from `quote!` tokens, for what files hold
//! by the thousand: struct declarations, fields and their types, doc lines, setters, the steps of
//! field walks, enum variants and match arms. Parsing those tokens was most of the time the
//! generator spent on Stripe's complete spec; everything rarer is still written with `quote!` and
//! parsed.

mod expressions;

pub(crate) use expressions::*;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use syn::punctuated::Punctuated;
use syn::{
    token, AngleBracketedGenericArguments, AttrStyle, Attribute, Block, Expr, ExprAssign, ExprLit, Field,
    FieldMutability, Fields, FieldsNamed, FieldsUnnamed, FnArg, GenericArgument, ImplItem, ImplItemFn, Item, ItemEnum,
    ItemImpl, ItemMacro, ItemStruct, Lit, LitStr, Macro, MacroDelimiter, Meta, MetaList, MetaNameValue, PatType, Path,
    PathArguments, PathSegment, Receiver, ReturnType, Signature, Stmt, Token, TraitBound, TraitBoundModifier, Type,
    TypeImplTrait, TypeParamBound, TypePath, TypeReference, Variant, Visibility,
};

/// An identifier, raw where the name is a keyword (`r#type`).
///
/// Names come from the naming module, and every name the IR carries is checked when lowering
/// ends; a name that is still no identifier here is a generator bug, which panics and is reported
/// with its file and spec location by the emit guard.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// A path such as `serde_json::Value`, the last segment taking `args` as generic arguments.
pub(crate) fn path_type(segments: &[&str], args: Vec<Type>) -> Type {
    Type::Path(TypePath { qself: None, path: path(segments, args) })
}

/// `name` alone: a type without generic arguments.
pub(crate) fn named_type(name: &str) -> Type {
    path_type(&[name], Vec::new())
}

/// `impl Into<ty>`.
pub(crate) fn impl_into(ty: Type) -> Type {
    let bound = TraitBound {
        paren_token: None,
        modifier: TraitBoundModifier::None,
        lifetimes: None,
        path: path(&["Into"], vec![ty]),
    };
    Type::ImplTrait(TypeImplTrait {
        impl_token: Default::default(),
        bounds: Punctuated::from_iter([TypeParamBound::Trait(bound)]),
    })
}

pub(super) fn path(segments: &[&str], args: Vec<Type>) -> Path {
    let mut path =
        Path { leading_colon: None, segments: segments.iter().map(|name| PathSegment::from(ident(name))).collect() };
    if let (Some(last), false) = (path.segments.last_mut(), args.is_empty()) {
        last.arguments = PathArguments::AngleBracketed(AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: args.into_iter().map(GenericArgument::Type).collect(),
            gt_token: Default::default(),
        });
    }
    path
}

/// `///` lines for optional Markdown: one `#[doc = " line"]` per line, as rustdoc writes them.
pub(crate) fn doc_attrs(text: Option<&str>) -> Vec<Attribute> {
    text.map(|text| text.lines().map(doc_line).collect()).unwrap_or_default()
}

/// One `///` line; `text` is written after a space unless it is empty.
///
/// The tree carries a marker in its place (see [`DOC_LINES`]); [`fill_doc_lines`] puts the text
/// back once the file is printed.
pub(crate) fn doc_line(text: &str) -> Attribute {
    let line = if text.is_empty() { String::new() } else { format!(" {text}") };
    // What prettyplease writes after `///` for a one-line value: the value, its trailing spaces
    // trimmed. A value across lines is left to prettyplease.
    let value = if line.contains('\n') {
        line
    } else {
        DOC_LINES.with(|lines| {
            let mut lines = lines.borrow_mut();
            lines.push(line.trim_end_matches(' ').to_owned());
            format!("{DOC_MARK}{}", lines.len() - 1)
        })
    };
    let value = Expr::Lit(ExprLit { attrs: Vec::new(), lit: Lit::Str(LitStr::new(&value, Span::call_site())) });
    outer(Meta::NameValue(MetaNameValue { path: ident("doc").into(), eq_token: Default::default(), value }))
}

/// What a doc line's marker starts with: a control character, which nothing else of a printed
/// file holds raw (string literals print theirs escaped).
const DOC_MARK: char = '\u{1}';

thread_local! {
    /// The doc lines of the file this thread is building, by marker number. Escaping each doc
    /// string into a literal and prettyplease reading it back were a tenth of the time spent
    /// emitting; a marker costs neither, and the printed file gets the text in one pass.
    static DOC_LINES: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// `printed` with every doc line marker replaced by its text; the markers are used up, so the
/// next file this thread builds numbers its own from zero.
pub(crate) fn fill_doc_lines(printed: &str) -> String {
    let lines = DOC_LINES.with(|lines| std::mem::take(&mut *lines.borrow_mut()));
    let mut out = String::with_capacity(printed.len() + lines.iter().map(String::len).sum::<usize>());
    let mut rest = printed;
    while let Some(at) = rest.find(DOC_MARK) {
        out.push_str(&rest[..at]);
        let after = &rest[at + DOC_MARK.len_utf8()..];
        let digits = after.find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len());
        match after[..digits].parse::<usize>().ok().and_then(|index| lines.get(index)) {
            Some(line) => out.push_str(line),
            // Not a marker of this file: a generator bug, kept visible rather than dropped.
            None => out.push_str(&rest[at..at + DOC_MARK.len_utf8() + digits]),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

/// `#[derive(A, B, ..)]`.
pub(crate) fn derive_attr(traits: &[&str]) -> Attribute {
    let traits = traits.iter().map(|name| ident(name));
    list_attr("derive", quote! { #(#traits),* })
}

/// `#[name(tokens)]`.
pub(crate) fn list_attr(name: &str, tokens: TokenStream) -> Attribute {
    outer(Meta::List(MetaList {
        path: ident(name).into(),
        delimiter: MacroDelimiter::Paren(Default::default()),
        tokens,
    }))
}

fn outer(meta: Meta) -> Attribute {
    Attribute { pound_token: Default::default(), style: AttrStyle::Outer, bracket_token: Default::default(), meta }
}

/// `pub name: ty` with its attributes.
pub(crate) fn public_field(attrs: Vec<Attribute>, name: Ident, ty: Type) -> Field {
    Field {
        attrs,
        vis: Visibility::Public(Default::default()),
        mutability: FieldMutability::None,
        ident: Some(name),
        colon_token: Some(Default::default()),
        ty,
    }
}

/// `name: ty` with its attributes, private to its module.
pub(crate) fn private_field(attrs: Vec<Attribute>, name: Ident, ty: Type) -> Field {
    Field { vis: Visibility::Inherited, ..public_field(attrs, name, ty) }
}

/// `struct Name { fields }` with its attributes, private to its module.
pub(crate) fn private_struct(attrs: Vec<Attribute>, name: Ident, fields: Punctuated<Field, Token![,]>) -> ItemStruct {
    ItemStruct { vis: Visibility::Inherited, ..public_struct(attrs, name, fields) }
}

/// `pub struct Name { fields }` with its attributes.
pub(crate) fn public_struct(attrs: Vec<Attribute>, name: Ident, fields: Punctuated<Field, Token![,]>) -> ItemStruct {
    ItemStruct {
        attrs,
        vis: Visibility::Public(Default::default()),
        struct_token: Default::default(),
        ident: name,
        generics: Default::default(),
        fields: Fields::Named(FieldsNamed { brace_token: Default::default(), named: fields }),
        semi_token: None,
    }
}

/// `impl Name { items }`.
pub(crate) fn inherent_impl(name: &str, items: Vec<ImplItem>) -> ItemImpl {
    ItemImpl {
        attrs: Vec::new(),
        defaultness: None,
        unsafety: None,
        impl_token: Default::default(),
        generics: Default::default(),
        trait_: None,
        self_ty: Box::new(named_type(name)),
        brace_token: Default::default(),
        items,
    }
}

/// How a setter turns its argument into the field's value.
#[derive(Clone, Copy)]
pub(crate) struct Conversion {
    /// `value.into()` rather than `value`.
    pub(crate) into: bool,
    /// Boxed: `Box::new(..)`.
    pub(crate) boxed: bool,
}

/// `pub fn name(mut self, value: ty) -> Self { self.name = Some(value); self }`, documented.
pub(crate) fn setter(attrs: Vec<Attribute>, name: Ident, ty: Type, conversion: Conversion) -> ImplItem {
    let field = self_field(name.clone());
    let mut value = path_expression(&["value"]);
    if conversion.into {
        value = method_call(value, "into");
    }
    if conversion.boxed {
        value = call_expression(path_expression(&["Box", "new"]), value);
    }
    let assign = Expr::Assign(ExprAssign {
        attrs: Vec::new(),
        left: Box::new(field),
        eq_token: Default::default(),
        right: Box::new(call_expression(path_expression(&["Some"]), value)),
    });
    let receiver = FnArg::Receiver(Receiver {
        attrs: Vec::new(),
        reference: None,
        mutability: Some(Default::default()),
        self_token: Default::default(),
        colon_token: None,
        ty: Box::new(named_type("Self")),
    });
    let body = vec![Stmt::Expr(assign, Some(Default::default())), Stmt::Expr(path_expression(&["self"]), None)];
    function(attrs, true, name, vec![receiver, argument("value", ty)], named_type("Self"), body)
}

/// A variant without fields: `Name`.
pub(crate) fn unit_variant(attrs: Vec<Attribute>, name: Ident) -> Variant {
    Variant { attrs, ident: name, fields: Fields::Unit, discriminant: None }
}

/// `#[name]`, an attribute that is only a path (`#[non_exhaustive]`).
pub(crate) fn path_attr(name: &str) -> Attribute {
    outer(Meta::Path(ident(name).into()))
}

/// `pub enum Name { variants }` with its attributes.
pub(crate) fn public_enum(attrs: Vec<Attribute>, name: Ident, variants: Vec<Variant>) -> ItemEnum {
    ItemEnum {
        attrs,
        vis: Visibility::Public(Default::default()),
        enum_token: Default::default(),
        ident: name,
        generics: Default::default(),
        brace_token: Default::default(),
        variants: variants.into_iter().collect(),
    }
}

/// A variant holding one value: `Name(ty)`.
pub(crate) fn tuple_variant(attrs: Vec<Attribute>, name: Ident, ty: Type) -> Variant {
    let field = Field {
        attrs: Vec::new(),
        vis: Visibility::Inherited,
        mutability: FieldMutability::None,
        ident: None,
        colon_token: None,
        ty,
    };
    let fields = FieldsUnnamed { paren_token: Default::default(), unnamed: Punctuated::from_iter([field]) };
    Variant { attrs, ident: name, fields: Fields::Unnamed(fields), discriminant: None }
}

/// `&ty`.
pub(crate) fn reference(ty: Type) -> Type {
    Type::Reference(TypeReference {
        and_token: Default::default(),
        lifetime: None,
        mutability: None,
        elem: Box::new(ty),
    })
}

/// `&'static ty`.
pub(crate) fn static_reference(ty: Type) -> Type {
    Type::Reference(TypeReference {
        and_token: Default::default(),
        lifetime: Some(syn::Lifetime::new("'static", Span::call_site())),
        mutability: None,
        elem: Box::new(ty),
    })
}

/// `&self`, a method's receiver.
pub(crate) fn self_reference() -> FnArg {
    FnArg::Receiver(Receiver {
        attrs: Vec::new(),
        reference: Some((Default::default(), None)),
        mutability: None,
        self_token: Default::default(),
        colon_token: None,
        ty: Box::new(reference(named_type("Self"))),
    })
}

/// `name: ty`, a function's argument.
pub(crate) fn argument(name: &str, ty: Type) -> FnArg {
    FnArg::Typed(PatType {
        attrs: Vec::new(),
        pat: Box::new(binding(name)),
        colon_token: Default::default(),
        ty: Box::new(ty),
    })
}

/// `fn name(inputs) -> output { body }`, public or not, with its attributes.
///
/// A body that is one expression is `vec![tail(expression)]`.
pub(crate) fn function(
    attrs: Vec<Attribute>,
    public: bool,
    name: Ident,
    inputs: Vec<FnArg>,
    output: Type,
    body: Vec<Stmt>,
) -> ImplItem {
    ImplItem::Fn(ImplItemFn {
        attrs,
        vis: if public { Visibility::Public(Default::default()) } else { Visibility::Inherited },
        defaultness: None,
        sig: Signature {
            constness: None,
            asyncness: None,
            unsafety: None,
            abi: None,
            fn_token: Default::default(),
            ident: name,
            generics: Default::default(),
            paren_token: Default::default(),
            inputs: inputs.into_iter().collect(),
            variadic: None,
            output: ReturnType::Type(Default::default(), Box::new(output)),
        },
        block: Block { brace_token: token::Brace::default(), stmts: body },
    })
}

/// `impl Trait for Name { items }`, the trait given as a type path (`From<&str>`).
pub(crate) fn trait_impl(trait_path: Type, name: &str, items: Vec<ImplItem>) -> Result<ItemImpl, syn::Error> {
    let Type::Path(TypePath { path: trait_path, .. }) = trait_path else {
        return Err(syn::Error::new(Span::call_site(), "a trait is a path"));
    };
    Ok(ItemImpl {
        attrs: Vec::new(),
        defaultness: None,
        unsafety: None,
        impl_token: Default::default(),
        generics: Default::default(),
        trait_: Some((None, trait_path, Default::default())),
        self_ty: Box::new(named_type(name)),
        brace_token: Default::default(),
        items,
    })
}

/// `name!(tokens);` as an item.
pub(crate) fn macro_item(name: &str, tokens: TokenStream) -> Item {
    Item::Macro(ItemMacro {
        attrs: Vec::new(),
        ident: None,
        mac: Macro {
            path: ident(name).into(),
            bang_token: Default::default(),
            delimiter: MacroDelimiter::Paren(Default::default()),
            tokens,
        },
        semi_token: Some(Default::default()),
    })
}

/// The items `tokens` spell.
pub(crate) fn items(tokens: TokenStream) -> Result<Vec<Item>, syn::Error> {
    syn::parse2::<syn::File>(tokens).map(|file| file.items)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What prettyplease prints for doc lines given as text, to hold the markers to it.
    fn printed_by_prettyplease(lines: &[&str]) -> String {
        let attrs = lines.iter().map(|line| {
            let text = if line.is_empty() { String::new() } else { format!(" {line}") };
            let value = Expr::Lit(ExprLit { attrs: Vec::new(), lit: Lit::Str(LitStr::new(&text, Span::call_site())) });
            outer(Meta::NameValue(MetaNameValue { path: ident("doc").into(), eq_token: Default::default(), value }))
        });
        let item = public_struct(attrs.collect(), ident("Thing"), Punctuated::new());
        prettyplease::unparse(&syn::File { shebang: None, attrs: Vec::new(), items: vec![Item::Struct(item)] })
    }

    #[test]
    fn doc_lines_print_as_prettyplease_prints_their_text() {
        let lines =
            ["Plain.", "", "Trailing spaces   ", "   ", "`code` and [a link](https://stripe.com).", "*/ \\ \"q\""];
        let attrs = lines.iter().map(|line| doc_line(line)).collect();
        let item = public_struct(attrs, ident("Thing"), Punctuated::new());
        let printed =
            prettyplease::unparse(&syn::File { shebang: None, attrs: Vec::new(), items: vec![Item::Struct(item)] });
        assert!(printed.contains(DOC_MARK), "the tree carries markers");
        assert_eq!(fill_doc_lines(&printed), printed_by_prettyplease(&lines));
    }

    #[test]
    fn each_file_numbers_its_doc_lines_afresh() {
        let first = doc_line("First file.");
        let _ = fill_doc_lines("");
        let second = doc_line("Second file.");
        let text = |attr: &Attribute| match &attr.meta {
            Meta::NameValue(MetaNameValue { value: Expr::Lit(ExprLit { lit: Lit::Str(s), .. }), .. }) => s.value(),
            _ => String::new(),
        };
        assert_eq!(text(&first), text(&second), "both are marker 0 of their file");
        assert_eq!(fill_doc_lines(&format!("///{}", text(&second))), "/// Second file.");
        // A marker this file did not make stays visible.
        assert_eq!(fill_doc_lines("///\u{1}7"), "///\u{1}7");
    }
}
