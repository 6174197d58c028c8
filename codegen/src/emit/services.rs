//! Service structs with one method per operation, and the namespaces that lead to them
//! (`client.climate().orders().create(..)`).

use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs::doc;
use super::gates::cfg;
use super::rust_types::rust_type;
use super::syntax::ident;
use super::uses::Uses;
use crate::guard;
use crate::ir::{root_names, Api, Call, Gate, Gates, Module, Operation};

/// The service of `operations` (all on one resource), with its methods.
pub(crate) fn service_tokens(
    api: &Api,
    gates: &Gates,
    path: &[String],
    operations: &[&Operation],
    module_types: &[String],
    uses: &mut Uses,
    public_constructor: bool,
) -> TokenStream {
    let name = ident(&api.services[path].struct_name);
    let text = doc(Some(&format!("The `{}` operations.", path.join("."))));
    let file_gate = api.services.get(path).and_then(|n| n.module.clone()).and_then(|m| gates.module(&Module::Api(m)));
    let methods: Vec<TokenStream> = operations
        .iter()
        .map(|op| {
            guard::at(&op.pointer, || {
                // An operation of another resource than the rest of its file compiles with that
                // resource's feature.
                let own = gates.operations.get(&op.operation_id).filter(|g| g.asks_more_than(file_gate));
                match own {
                    Some(gate) => gated_method(op, gate, module_types, uses),
                    None => method_tokens(op, module_types, uses).into_tokens(),
                }
            })
        })
        .collect();
    // A service that is also a namespace (`terminal.readers` beside `terminal.readers.x`) opens its
    // children from the same `impl`.
    let children = api.services.iter().filter(|(child, _)| child.len() == path.len() + 1 && child.starts_with(path));
    let accessors: Vec<TokenStream> = children
        .map(|(child, names)| {
            let gate = gates.service(api, child);
            match &gate {
                Some(gate) => uses.absorb_gated(Uses::with_generated(&names.struct_name), gate),
                None => {
                    uses.generated.insert(names.struct_name.clone());
                }
            }
            let (method, ty, cfg) = (ident(&names.accessor), ident(&names.struct_name), cfg(gate.as_ref()));
            let text = doc(Some(&format!("The `{}` APIs.", child.join("."))));
            quote! {
                #text
                #cfg
                pub fn #method(&self) -> #ty<'a> { #ty::new(self.client) }
            }
        })
        .collect();
    // The file may compile for its types alone: the struct needs one of its operations' features.
    let struct_gate = gates.service(api, path).filter(|g| g.asks_more_than(file_gate));
    let struct_cfg = cfg(struct_gate.as_ref());
    uses.runtime_item("Client", struct_gate.is_some());
    let new = constructor(public_constructor);
    quote! {
        #text
        #struct_cfg
        #[derive(Clone, Copy, Debug)]
        pub struct #name<'a> {
            pub(super) client: &'a Client,
        }

        #struct_cfg
        impl<'a> #name<'a> {
            #new
            #(#methods)*
            #(#accessors)*
        }
    }
}

/// A method under its own gate, whose documentation ends by naming the feature it needs.
fn gated_method(op: &Operation, gate: &Gate, module_types: &[String], uses: &mut Uses) -> TokenStream {
    let mut used = Uses::default();
    let Method { docs, function } = method_tokens(op, module_types, &mut used);
    uses.absorb_gated(used, gate);
    let note = format!(" Needs {}.", needs(gate));
    let cfg = cfg(Some(gate));
    // After the method's own lines, so that its first line stays the summary.
    quote! {
        #docs
        #[doc = ""]
        #[doc = #note]
        #cfg
        #function
    }
}

/// A method of a service: its documentation, and the rest.
struct Method {
    docs: TokenStream,
    function: TokenStream,
}

impl Method {
    fn into_tokens(self) -> TokenStream {
        let Self { docs, function } = self;
        quote! { #docs #function }
    }
}

/// The cargo features a gate needs, in words: "the `a` or `b` cargo feature", "the `a` and `c`
/// cargo features".
fn needs(gate: &Gate) -> String {
    let sets: Vec<String> =
        gate.0.iter().map(|set| set.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(" or ")).collect();
    match sets.as_slice() {
        [one] => format!("the {one} cargo feature"),
        [init @ .., last] => format!("the {} and {last} cargo features", init.join(", ")),
        [] => "no cargo feature".to_owned(),
    }
}

fn method_tokens(op: &Operation, module_types: &[String], uses: &mut Uses) -> Method {
    let name = ident(&op.method_name);
    let docs = doc(op.doc.as_deref());
    let path_args = op.path_params.iter().map(|p| {
        let ident = ident(&p.ident);
        quote! { #ident: &str }
    });
    let path_args: Vec<TokenStream> = path_args.collect();
    let path = path_expression(op, uses);
    let params_type = op.params.as_deref().map(ident);
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
    let method = ident(op.http_method.as_str());
    let method = quote! { Method::#method };
    // The version the crate was generated for goes with each call, sent unless the caller chose one.
    uses.generated.insert(root_names::API_VERSION.to_owned());
    let server = op.server.as_ref().map(|server| quote! { .at_server(#server) });
    let server = quote! { #server .spec_version(API_VERSION) };
    match op.call() {
        Call::Pages { request, params, item } => {
            uses.imports.runtime.insert(request);
            let request = ident(request);
            let item = rust_type(item, module_types, uses);
            let how = "Await it for one page, or call `.stream()` for every item across pages.";
            let docs = match &op.doc {
                Some(text) => doc(Some(&format!("{text}\n\n{how}"))),
                None => doc(Some(how)),
            };
            let (params, params_value) = match params {
                Some(params) => {
                    let params = ident(params);
                    (quote! { #params }, quote! { params.clone() })
                }
                None => (quote! { () }, quote! { () }),
            };
            let function = quote! {
                pub fn #name(&self, #(#args),*) -> #request<'a, #params, #item> {
                    #request::new(self.client, #path, #params_value) #server
                }
            };
            Method { docs, function }
        }
        Call::One { builder, answer, files } => {
            uses.imports.runtime.insert("Method");
            uses.imports.runtime.insert("Request");
            let response = match answer {
                Some(answer) => {
                    let answer = rust_type(answer, module_types, uses);
                    quote! { #answer }
                }
                None => quote! { Vec<u8> },
            };
            let builder = ident(builder);
            let files = files.then(|| multipart_files(op)).map(|files| quote! { , #files });
            let function = quote! {
                pub fn #name(&self, #(#args),*) -> Request<'a, #response> {
                    self.client.#builder(#method, #path, #params_value #files) #server
                }
            };
            Method { docs, function }
        }
    }
}

/// The file parts of a multipart body, as the `Vec<(&str, &FileUpload)>` the runtime takes.
fn multipart_files(op: &Operation) -> TokenStream {
    if op.files.is_empty() {
        return quote! { Vec::new() };
    }
    let parts = op.files.iter().map(|file| {
        let field = ident(&file.ident);
        let wire = &file.wire_name;
        if file.optional {
            quote! { params.#field.as_ref().map(|file| (#wire, file)) }
        } else {
            quote! { Some((#wire, &params.#field)) }
        }
    });
    quote! { [#(#parts),*].into_iter().flatten().collect() }
}

/// The request path: the spec's template, which the runtime fills with the path parameters in
/// order, each checked and percent-encoded into one segment.
fn path_expression(op: &Operation, uses: &mut Uses) -> TokenStream {
    let template = &op.path;
    if op.path_params.is_empty() {
        return quote! { #template };
    }
    uses.imports.runtime.insert("ApiPath");
    let ids = op.path_params.iter().map(|p| ident(&p.ident));
    quote! { ApiPath::with_ids(#template, [#(#ids),*]) }
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

/// The `Client` methods that open the top level of the tree: inherent ones when the runtime is
/// in the same crate, else an extension trait.
pub(crate) fn entry_points_tokens(
    api: &Api,
    gates: &Gates,
    tree: &Namespace,
    uses: &mut Uses,
    inherent: bool,
) -> TokenStream {
    uses.imports.runtime.insert("Client");
    if inherent {
        let accessors = accessors(api, gates, tree, &[], quote! { self }, quote! { '_ });
        quote! {
            impl Client {
                #(#accessors)*
            }
        }
    } else {
        extension_trait(api, gates, tree)
    }
}

/// The structs of the namespaces that `keep` accepts (by path), each with one `impl`: its
/// constructor and the accessors of its children. (A service opens its children from its own
/// file.)
pub(crate) fn namespaces_tokens(
    api: &Api,
    gates: &Gates,
    tree: &Namespace,
    uses: &mut Uses,
    keep: &dyn Fn(&[String]) -> bool,
    public_constructors: bool,
) -> TokenStream {
    let mut out = TokenStream::new();
    namespace_structs(api, gates, tree, &mut Vec::new(), &mut out, keep, public_constructors);
    if !out.is_empty() {
        uses.imports.runtime.insert("Client");
    }
    out
}

/// The file of the service a namespace is opened from, when a service (not the client) opens it.
pub(crate) fn owning_service<'a>(api: &'a Api, path: &[String]) -> Option<&'a str> {
    (1..path.len()).rev().find_map(|len| api.services.get(&path[..len]).and_then(|names| names.module.as_deref()))
}

/// How a service's or namespace's constructor is seen: by its own crate, or also by the crate of
/// the entry points when that is another one.
fn constructor(public: bool) -> TokenStream {
    let visibility = if public {
        quote! { #[doc(hidden)] pub }
    } else {
        quote! { pub(crate) }
    };
    quote! { #visibility fn new(client: &'a Client) -> Self { Self { client } } }
}

/// What opens a child of the tree.
struct ChildAccessor {
    accessor: Ident,
    struct_name: Ident,
    /// A line saying what it holds.
    doc: TokenStream,
    /// The features it needs, as an attribute.
    cfg: TokenStream,
}

fn entry(api: &Api, gates: &Gates, path: &[String], child: &Namespace) -> ChildAccessor {
    let names = &api.services[path];
    let what = if child.is_service { "operations" } else { "APIs" };
    ChildAccessor {
        accessor: ident(&names.accessor),
        struct_name: ident(&names.struct_name),
        doc: doc(Some(&format!("The `{}` {what}.", path.join(".")))),
        cfg: cfg(gates.service(api, path).as_ref()),
    }
}

/// For a crate apart from the runtime, whose `Client` it cannot extend directly: a trait to import.
fn extension_trait(api: &Api, gates: &Gates, tree: &Namespace) -> TokenStream {
    let entries: Vec<ChildAccessor> =
        tree.children.iter().map(|(name, child)| entry(api, gates, std::slice::from_ref(name), child)).collect();
    let signatures = entries.iter().map(|ChildAccessor { accessor, struct_name, doc, cfg }| {
        quote! { #doc #cfg fn #accessor(&self) -> #struct_name<'_>; }
    });
    let impls = entries.iter().map(|ChildAccessor { accessor, struct_name, cfg, .. }| {
        quote! { #cfg fn #accessor(&self) -> #struct_name<'_> { #struct_name::new(self) } }
    });
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

fn accessors(
    api: &Api,
    gates: &Gates,
    node: &Namespace,
    path: &[String],
    client: TokenStream,
    lifetime: TokenStream,
) -> Vec<TokenStream> {
    node.children
        .iter()
        .map(|(name, child)| {
            let mut child_path = path.to_vec();
            child_path.push(name.clone());
            let ChildAccessor { accessor, struct_name, doc, cfg } = entry(api, gates, &child_path, child);
            quote! {
                #doc
                #cfg
                pub fn #accessor(&self) -> #struct_name<#lifetime> { #struct_name::new(#client) }
            }
        })
        .collect()
}

fn namespace_structs(
    api: &Api,
    gates: &Gates,
    node: &Namespace,
    path: &mut Vec<String>,
    out: &mut TokenStream,
    keep: &dyn Fn(&[String]) -> bool,
    public_constructors: bool,
) {
    for (name, child) in &node.children {
        path.push(name.clone());
        if !child.children.is_empty() && !child.is_service && keep(path) {
            let ty = ident(&api.services[path.as_slice()].struct_name);
            let accessors = accessors(api, gates, child, path, quote! { self.client }, quote! { 'a });
            let text = doc(Some(&format!("The `{}` APIs.", path.join("."))));
            let cfg = cfg(gates.service(api, path).as_ref());
            let new = constructor(public_constructors);
            out.extend(quote! {
                #text
                #cfg
                #[derive(Clone, Copy, Debug)]
                pub struct #ty<'a> { client: &'a Client }

                #cfg
                impl<'a> #ty<'a> {
                    #new
                    #(#accessors)*
                }
            });
        }
        if !child.children.is_empty() {
            namespace_structs(api, gates, child, path, out, keep, public_constructors);
        }
        path.pop();
    }
}
