//! The file layout: one file per model module, one per service under `api/`, and the `mod.rs`
//! files that tie them together and re-export every type at the top.

use std::collections::{BTreeMap, HashSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::inner_doc;
use super::services::{namespace_tree, namespaces_tokens, service_tokens};
use super::types::{enum_tokens, struct_tokens, union_tokens};
use super::uses::Uses;
use super::{EmitOptions, GeneratedFile};
use crate::error::Error;
use crate::ir::{object_types, types_by_module, Api, Operation, TypeDef};

/// Every generated file, sorted by path.
pub(crate) fn files(api: &Api, options: &EmitOptions, header: &str) -> Result<Vec<GeneratedFile>, Error> {
    let runtime: TokenStream = options
        .runtime
        .parse()
        .map_err(|_| Error::Emit { file: "options".into(), message: format!("`{}` is not a path", options.runtime) })?;
    let by_module = types_by_module(api);
    let objects = object_types(api);
    let mut services: BTreeMap<String, (Vec<String>, Vec<&Operation>)> = BTreeMap::new();
    for op in &api.operations {
        let mut path = op.namespace.clone();
        path.push(op.resource.clone());
        let module = crate::names::module_name(&path.join("_")).unwrap_or_else(|| "root".into());
        services.entry(module).or_insert_with(|| (path, Vec::new())).1.push(op);
    }

    let mut out = Vec::new();
    let mut model_modules = Vec::new();
    let mut api_modules: Vec<String> = services.keys().cloned().collect();
    for (module, types) in &by_module {
        if let Some(api_module) = module.strip_prefix("api::") {
            if !api_modules.iter().any(|m| m == api_module) {
                api_modules.push(api_module.to_owned());
            }
            continue;
        }
        model_modules.push((*module).to_owned());
        let names: Vec<String> = types.iter().map(|t| t.name().to_owned()).collect();
        let mut uses = Uses::default();
        let body = types_tokens(types, &names, &mut uses, &runtime, &objects);
        let imports = uses.tokens(&runtime, &quote! { super });
        let doc = inner_doc(&format!("The `{module}` types."));
        out.push(render(&format!("{module}.rs"), header, quote! { #doc #imports #body })?);
    }
    api_modules.sort();

    for module in &api_modules {
        let key = format!("api::{module}");
        let types: Vec<&TypeDef> = by_module.get(key.as_str()).cloned().unwrap_or_default();
        let names: Vec<String> = types.iter().map(|t| t.name().to_owned()).collect();
        let mut uses = Uses::default();
        let mut body = TokenStream::new();
        let doc = match services.get(module) {
            Some((path, operations)) => {
                body.extend(service_tokens(api, path, operations, &names, &mut uses));
                format!("The `{}` operations and their parameters.", path.join("."))
            }
            None => "Response types of operations.".to_owned(),
        };
        body.extend(types_tokens(&types, &names, &mut uses, &runtime, &objects));
        let imports = uses.tokens(&runtime, &quote! { super::super });
        let doc = inner_doc(&doc);
        out.push(render(&format!("api/{module}.rs"), header, quote! { #doc #imports #body })?);
    }

    let mut event_uses = Uses::default();
    if let Some(body) = super::events::event_object_tokens(api, &mut event_uses) {
        let imports = event_uses.tokens(&runtime, &quote! { super });
        let doc = inner_doc("The typed object of a webhook event.");
        out.push(render("event_object.rs", header, quote! { #doc #imports #body })?);
        model_modules.push("event_object".to_owned());
        model_modules.sort();
    }
    out.push(render("api/mod.rs", header, api_mod(api, &api_modules, &runtime))?);
    out.push(render("mod.rs", header, root_mod(&model_modules, &api.version))?);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn types_tokens(
    types: &[&TypeDef],
    names: &[String],
    uses: &mut Uses,
    runtime: &TokenStream,
    objects: &HashSet<String>,
) -> TokenStream {
    let items = types.iter().map(|t| match t {
        TypeDef::Struct(s) => struct_tokens(s, names, uses, runtime),
        TypeDef::Enum(e) => enum_tokens(e, uses),
        TypeDef::Union(u) => union_tokens(u, names, uses, objects),
    });
    quote! { #(#items)* }
}

fn api_mod(api: &Api, modules: &[String], runtime: &TokenStream) -> TokenStream {
    let mods = modules.iter().map(|m| format_ident!("{}", m));
    let reexports = modules.iter().map(|m| format_ident!("{}", m));
    let mut uses = Uses::default();
    let namespaces = namespaces_tokens(&namespace_tree(api), &mut uses, runtime.to_string() == "crate");
    let imports = uses.tokens(runtime, &quote! { super });
    let doc =
        inner_doc("The API's operations, grouped the way Stripe's SDKs group them (`client.climate().orders()`).");
    quote! {
        #doc
        #(mod #mods;)*
        #(pub use #reexports::*;)*
        #imports
        #namespaces
    }
}

fn root_mod(model_modules: &[String], version: &str) -> TokenStream {
    let mods = model_modules.iter().map(|m| format_ident!("{}", m));
    let reexports = model_modules.iter().map(|m| format_ident!("{}", m));
    let doc = inner_doc("Types and operations generated from the API description.");
    quote! {
        #doc
        /// The API version the description is for: sent as `Stripe-Version` unless configured otherwise.
        pub const API_VERSION: &str = #version;
        pub mod api;
        #(mod #mods;)*
        pub use api::*;
        #(pub use #reexports::*;)*
    }
}

fn render(path: &str, header: &str, tokens: TokenStream) -> Result<GeneratedFile, Error> {
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| Error::Emit { file: path.to_owned(), message: e.to_string() })?;
    Ok(GeneratedFile { path: path.to_owned(), contents: format!("{header}{}", prettyplease::unparse(&file)) })
}
