//! Items every type of a kind carries alike but for its name (the skeletons of the decoding and
//! walking impls, the paging traits), written once with `quote!` around a placeholder name, parsed
//! once per thread and copied per type with the name put in.
//!
//! Parsing such a skeleton for each of Stripe's thousands of types was a large part of the
//! generator's time; copying a parsed tree and renaming it is a fraction of that.

use std::cell::RefCell;
use std::collections::HashMap;

use proc_macro2::{Span, TokenStream};
use syn::visit_mut::VisitMut;
use syn::{Ident, Item, ItemImpl, LitStr};

use super::syntax::ident;

/// The type name a template is written with, as an identifier and as a string literal.
///
/// Generated type names are camel-cased words: they never start with an underscore, so no real
/// name is mistaken for it.
pub(crate) const PLACEHOLDER: &str = "__Type";

/// Items written around [`PLACEHOLDER`].
pub(crate) struct Template {
    /// Tells templates apart in the per-thread cache.
    key: &'static str,
    tokens: fn() -> TokenStream,
}

thread_local! {
    // Syntax trees are neither `Send` nor `Sync`: each emitting thread parses its own copy.
    static PARSED: RefCell<HashMap<&'static str, Vec<Item>>> = RefCell::new(HashMap::new());
}

impl Template {
    /// A template named `key` (unique among templates), spelled by `tokens`.
    pub(crate) const fn new(key: &'static str, tokens: fn() -> TokenStream) -> Self {
        Self { key, tokens }
    }

    /// The items, for the type `name` whose fields are `fields`: each `(placeholder, ident)` puts
    /// the field's identifier where the template writes the placeholder (`__starting_after`), so
    /// that a field the naming numbered (`starting_after_2`) is still the one used.
    pub(crate) fn items_with_fields(&self, name: &str, fields: &[(&str, &str)]) -> Result<Vec<Item>, syn::Error> {
        let mut items = PARSED.with(|parsed| -> Result<Vec<Item>, syn::Error> {
            if let Some(items) = parsed.borrow().get(self.key) {
                return Ok(items.clone());
            }
            let items = syn::parse2::<syn::File>((self.tokens)())?.items;
            parsed.borrow_mut().insert(self.key, items.clone());
            Ok(items)
        })?;
        let mut naming = Naming { name, fields };
        items.iter_mut().for_each(|item| naming.visit_item_mut(item));
        Ok(items)
    }

    /// The one impl the template holds, for the type `name`.
    pub(crate) fn impl_for(&self, name: &str) -> Result<ItemImpl, syn::Error> {
        self.impl_with_fields(name, &[])
    }

    /// The one impl the template holds, for the type `name` whose fields are `fields` (see
    /// [`Template::items_with_fields`]).
    pub(crate) fn impl_with_fields(&self, name: &str, fields: &[(&str, &str)]) -> Result<ItemImpl, syn::Error> {
        match self.items_with_fields(name, fields)?.as_mut_slice() {
            [Item::Impl(item)] => Ok(std::mem::replace(item, empty_impl())),
            _ => Err(syn::Error::new(Span::call_site(), format!("the template `{}` is not one impl", self.key))),
        }
    }
}

fn empty_impl() -> ItemImpl {
    super::syntax::inherent_impl(PLACEHOLDER, Vec::new())
}

/// Puts a type's name where the template has the placeholder, and its fields' identifiers where
/// it has theirs.
struct Naming<'a> {
    name: &'a str,
    fields: &'a [(&'a str, &'a str)],
}

impl VisitMut for Naming<'_> {
    fn visit_ident_mut(&mut self, found: &mut Ident) {
        if found == PLACEHOLDER {
            *found = ident(self.name);
        } else if let Some((_, field)) = self.fields.iter().find(|(placeholder, _)| found == placeholder) {
            *found = ident(field);
        }
    }

    fn visit_lit_str_mut(&mut self, found: &mut LitStr) {
        if found.value() == PLACEHOLDER {
            *found = LitStr::new(self.name, found.span());
        }
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    static EXAMPLE: Template = Template::new("example", || {
        quote! {
            impl Named for __Type {
                const NAME: &'static str = "__Type";
                fn other() -> Other<__Type> { Other::<__Type>::new("__Type is kept inside text") }
            }
        }
    });

    #[test]
    fn every_placeholder_becomes_the_name_and_nothing_else_changes() {
        let first = EXAMPLE.impl_for("CheckoutSession").expect("one impl");
        let again = EXAMPLE.impl_for("Charge").expect("one impl");
        let printed = |item: ItemImpl| {
            prettyplease::unparse(&syn::File { shebang: None, attrs: vec![], items: vec![Item::Impl(item)] })
        };
        let expected = |name: &str| {
            let name = ident(name);
            let label = name.to_string();
            prettyplease::unparse(&syn::parse_quote! {
                impl Named for #name {
                    const NAME: &'static str = #label;
                    fn other() -> Other<#name> { Other::<#name>::new("__Type is kept inside text") }
                }
            })
        };
        assert_eq!(printed(first), expected("CheckoutSession"));
        assert_eq!(printed(again), expected("Charge"));
    }

    #[test]
    fn field_placeholders_become_the_fields_identifiers() {
        static CURSOR: Template = Template::new("cursor", || {
            quote! {
                impl Cursor for __Type {
                    fn starting_after(&self) -> Option<&str> { self.__starting_after.as_deref() }
                }
            }
        });
        let item =
            CURSOR.impl_with_fields("ListThings", &[("__starting_after", "starting_after_2")]).expect("one impl");
        let printed = prettyplease::unparse(&syn::File { shebang: None, attrs: vec![], items: vec![Item::Impl(item)] });
        assert!(printed.contains("fn starting_after(&self)"), "{printed}");
        assert!(printed.contains("self.starting_after_2.as_deref()"), "{printed}");
    }

    #[test]
    fn a_template_that_is_not_one_impl_is_an_error() {
        static TWO: Template = Template::new("two", || quote! { struct __Type; impl __Type {} });
        assert!(TWO.impl_for("Charge").is_err());
        assert_eq!(TWO.items_with_fields("Charge", &[]).expect("parses").len(), 2);
    }
}
