//! Service structs with one method per operation, and the namespaces that lead to them
//! (`client.climate().orders().create(..)`).

use std::collections::{BTreeMap, HashSet};

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::docs::doc;
use super::syntax::ident;
use super::types::rust_type;
use super::uses::Uses;
use crate::ir::{Api, HttpMethod, Operation, ParamsIn, TypeDef, TypeRef};
use crate::names::{api_struct_name, field_name};

/// The service of `operations` (all on one resource), with its methods.
pub(crate) fn service_tokens(
    api: &Api,
    path: &[String],
    operations: &[&Operation],
    module_types: &[String],
    uses: &mut Uses,
    objects: &HashSet<String>,
) -> TokenStream {
    uses.runtime.insert("Client");
    let name = format_ident!("{}", api_struct_name(path));
    let text = format!(" The `{}` operations.", path.join("."));
    let methods = operations.iter().map(|op| method_tokens(api, op, module_types, uses, objects));
    quote! {
        #[doc = #text]
        #[derive(Clone, Copy, Debug)]
        pub struct #name<'a> {
            pub(super) client: &'a Client,
        }

        impl<'a> #name<'a> {
            pub(crate) fn new(client: &'a Client) -> Self { Self { client } }
            #(#methods)*
        }
    }
}

fn method_tokens(
    api: &Api,
    op: &Operation,
    module_types: &[String],
    uses: &mut Uses,
    objects: &HashSet<String>,
) -> TokenStream {
    let name = ident(&op.method_name);
    let docs = doc(op.doc.as_deref());
    let path_args = op.path_params.iter().map(|p| {
        let ident = ident(&p.ident);
        quote! { #ident: &str }
    });
    let path_args: Vec<TokenStream> = path_args.collect();
    let path = path_expression(op, uses);
    let params_type = op.params.as_ref().map(|p| format_ident!("{}", p));
    if let Some(p) = &op.params {
        if !module_types.contains(p) {
            uses.generated.insert(p.clone());
        }
    }
    let params_arg = params_type.as_ref().map(|t| quote! { params: &#t });
    let args = path_args.iter().cloned().chain(params_arg);
    let params_value = if params_type.is_some() {
        quote! { params }
    } else {
        quote! { &() }
    };
    let method = match op.http_method {
        HttpMethod::Get => quote! { Method::GET },
        HttpMethod::Post => quote! { Method::POST },
        HttpMethod::Delete => quote! { Method::DELETE },
    };
    if let (TypeRef::List(item), Some(params)) = (&op.response, &params_type) {
        if paginates(api, op, objects) {
            uses.runtime.insert("ListRequest");
            let item = rust_type(item, module_types, uses);
            let text = " Await it for one page, or call `.stream()` for every item across pages.";
            let separator = if op.doc.is_some() {
                quote! { #[doc = ""] }
            } else {
                TokenStream::new()
            };
            return quote! {
                #docs
                #separator
                #[doc = #text]
                pub fn #name(&self, #(#args),*) -> ListRequest<'a, #params, #item> {
                    ListRequest::new(self.client, #path, params.clone())
                }
            };
        }
    }
    uses.runtime.insert("Method");
    uses.runtime.insert("Error");
    if op.response == TypeRef::Binary {
        return quote! {
            #docs
            pub async fn #name(&self, #(#args),*) -> Result<Vec<u8>, Error> {
                self.client.send_for_bytes(#method, #path, #params_value).await
            }
        };
    }
    let response = rust_type(&op.response, module_types, uses);
    if op.params_in == ParamsIn::Multipart {
        let files = multipart_files(api, op);
        return quote! {
            #docs
            pub async fn #name(&self, #(#args),*) -> Result<#response, Error> {
                let files = [#(#files),*].into_iter().flatten().collect();
                self.client.send_multipart(#method, #path, #params_value, files).await
            }
        };
    }
    quote! {
        #docs
        pub async fn #name(&self, #(#args),*) -> Result<#response, Error> {
            self.client.send(#method, #path, #params_value).await
        }
    }
}

/// `Option<(&str, &FileUpload)>` expressions for the file fields of a multipart operation.
fn multipart_files(api: &Api, op: &Operation) -> Vec<TokenStream> {
    let Some(params) = &op.params else { return Vec::new() };
    let fields = api.types.iter().find_map(|t| match t {
        TypeDef::Struct(s) if &s.name == params => Some(&s.fields),
        _ => None,
    });
    fields
        .into_iter()
        .flatten()
        .filter(|f| f.ty == TypeRef::Binary)
        .map(|f| {
            let ident = ident(&f.ident);
            let wire = &f.wire_name;
            if f.optional() {
                quote! { params.#ident.as_ref().map(|file| (#wire, file)) }
            } else {
                quote! { Some((#wire, &params.#ident)) }
            }
        })
        .collect()
}

/// Whether the list operation's parameters carry both cursors, so it can be walked page by page.
pub(crate) fn paginates(api: &Api, op: &Operation, objects: &HashSet<String>) -> bool {
    let Some(params) = &op.params else { return false };
    let item_is_object = matches!(&op.response, TypeRef::List(item) if matches!(item.as_ref(), TypeRef::Named(name) if objects.contains(name)));
    item_is_object
        && api.types.iter().any(|t| matches!(t, TypeDef::Struct(s) if &s.name == params && s.has_list_cursors()))
}

/// The request path: a literal, or `format!` with each path parameter percent-encoded.
fn path_expression(op: &Operation, uses: &mut Uses) -> TokenStream {
    if op.path_params.is_empty() {
        let path = &op.path;
        return quote! { #path.to_owned() };
    }
    uses.runtime.insert("path_segment");
    let mut template = op.path.clone();
    for p in &op.path_params {
        template = template.replace(&format!("{{{}}}", p.name), "{}");
    }
    let args = op.path_params.iter().map(|p| {
        let ident = ident(&p.ident);
        quote! { path_segment(#ident) }
    });
    quote! { format!(#template, #(#args),*) }
}

/// A namespace in the tree of services.
#[derive(Default)]
pub(crate) struct Namespace {
    pub(crate) children: BTreeMap<String, Namespace>,
    pub(crate) is_service: bool,
}

/// The tree of namespaces and services the operations form.
pub(crate) fn namespace_tree(api: &Api) -> Namespace {
    let mut root = Namespace::default();
    for op in &api.operations {
        let mut node = &mut root;
        for part in op.namespace.iter().chain(std::iter::once(&op.resource)) {
            node = node.children.entry(part.clone()).or_default();
        }
        node.is_service = true;
    }
    root
}

/// The namespace structs, and the `Client` methods that open the top level.
pub(crate) fn namespaces_tokens(tree: &Namespace, uses: &mut Uses, inherent: bool) -> TokenStream {
    uses.runtime.insert("Client");
    let mut out = if inherent {
        let accessors = accessors(tree, &[], quote! { self }, quote! { '_ });
        quote! {
            impl Client {
                #(#accessors)*
            }
        }
    } else {
        extension_trait(tree)
    };
    namespace_structs(tree, &mut Vec::new(), &mut out);
    out
}

/// For a crate apart from the runtime, whose `Client` it cannot extend directly: a trait to import.
fn extension_trait(tree: &Namespace) -> TokenStream {
    let entries: Vec<(Ident, Ident, String)> = tree
        .children
        .iter()
        .map(|(name, child)| {
            let path = vec![name.clone()];
            let method = ident(&field_name(name).unwrap_or_else(|| name.clone()));
            let ty = format_ident!("{}", api_struct_name(&path));
            let text =
                if child.is_service { format!(" The `{name}` operations.") } else { format!(" The `{name}` APIs.") };
            (method, ty, text)
        })
        .collect();
    let signatures = entries.iter().map(|(method, ty, text)| quote! { #[doc = #text] fn #method(&self) -> #ty<'_>; });
    let impls = entries.iter().map(|(method, ty, _)| quote! { fn #method(&self) -> #ty<'_> { #ty::new(self) } });
    quote! {
        /// The API's entry points on the runtime's [`Client`]: import this trait to call them.
        pub trait StripeApi {
            #(#signatures)*
        }
        impl StripeApi for Client {
            #(#impls)*
        }
    }
}

fn accessors(node: &Namespace, path: &[String], client: TokenStream, lifetime: TokenStream) -> Vec<TokenStream> {
    node.children
        .iter()
        .map(|(name, child)| {
            let mut child_path = path.to_vec();
            child_path.push(name.clone());
            let method = ident(&field_name(name).unwrap_or_else(|| name.clone()));
            let ty = format_ident!("{}", api_struct_name(&child_path));
            let text = if child.is_service {
                format!(" The `{}` operations.", child_path.join("."))
            } else {
                format!(" The `{}` APIs.", child_path.join("."))
            };
            quote! {
                #[doc = #text]
                pub fn #method(&self) -> #ty<#lifetime> { #ty::new(#client) }
            }
        })
        .collect()
}

fn namespace_structs(node: &Namespace, path: &mut Vec<String>, out: &mut TokenStream) {
    for (name, child) in &node.children {
        path.push(name.clone());
        if !child.children.is_empty() {
            let ty = format_ident!("{}", api_struct_name(path));
            let accessors = accessors(child, path, quote! { self.client }, quote! { 'a });
            let text = format!(" The `{}` APIs.", path.join("."));
            // A name that is both a service and a namespace keeps its operations on the same struct.
            let definition = if child.is_service {
                TokenStream::new()
            } else {
                quote! {
                    #[doc = #text]
                    #[derive(Clone, Copy, Debug)]
                    pub struct #ty<'a> { client: &'a Client }
                    impl<'a> #ty<'a> {
                        pub(crate) fn new(client: &'a Client) -> Self { Self { client } }
                    }
                }
            };
            let accessors = accessors.into_iter().map(|a| quote! { #a });
            out.extend(quote! {
                #definition
                impl<'a> #ty<'a> { #(#accessors)* }
            });
            namespace_structs(child, path, out);
        }
        path.pop();
    }
}
