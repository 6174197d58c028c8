//! The file layout: one file per model module, one per service under `api/`, and the `mod.rs`
//! files that tie them together and re-export every type at the top.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::inner_doc;
use super::gates::{cfg, cfg_attributes};
use super::services::{namespace_tree, namespaces_tokens, service_tokens};
use super::spacing::space_items;
use super::syntax::{ident, items};
use super::types::{enum_items, struct_items, union_tokens};
use super::uses::Uses;
use super::GeneratedFile;
use crate::error::Error;
use crate::guard;
use crate::ir::{types_by_module, Api, Gates, Module, Operation, TypeDef};
use crate::settings::{Runtime, Settings};

/// What every file is made from: read-only, shared by the threads that emit files in parallel.
struct Layout<'a> {
    api: &'a Api,
    runtime: &'a Runtime,
    /// The API's gates when resources compile under features of their own, else none.
    gates: &'a Gates,
    by_module: BTreeMap<&'a Module, Vec<&'a TypeDef>>,
    services: BTreeMap<String, (Vec<String>, Vec<&'a Operation>)>,
    model_modules: Vec<String>,
    api_modules: Vec<String>,
}

/// One file to emit.
enum Job<'a> {
    Model(&'a str),
    Service(&'a str),
    EventObject,
    ApiMod,
    RootMod,
}

/// Every generated file, sorted by path.
pub(crate) fn files(api: &Api, settings: &Settings, gates: &Gates) -> Result<Vec<GeneratedFile>, Error> {
    let layout = Layout::new(api, &settings.runtime, gates)?;
    let mut jobs: Vec<Job<'_>> = Vec::new();
    jobs.extend(layout.model_modules.iter().filter(|m| *m != "event_object").map(|m| Job::Model(m)));
    jobs.extend(layout.api_modules.iter().map(|m| Job::Service(m)));
    if layout.model_modules.iter().any(|m| m == "event_object") {
        jobs.push(Job::EventObject);
    }
    jobs.push(Job::ApiMod);
    jobs.push(Job::RootMod);

    // Token trees cannot cross threads, so each worker builds, parses and prints whole files,
    // taking the next job from a shared counter; the biggest files go first to balance the load.
    jobs.sort_by_key(|job| std::cmp::Reverse(layout.weight(job)));
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(jobs.len()).max(1);
    let next = AtomicUsize::new(0);
    let (layout, jobs, next) = (&layout, &jobs, &next);
    let results: Vec<Result<GeneratedFile, Error>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(move || {
                    let mut done = Vec::new();
                    while let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                        done.push(guard::catching(&job.path(), || layout.file(job)));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join().unwrap_or_else(|_| {
                    vec![Err(Error::Emit { file: "<worker>".into(), message: "an emitting thread panicked".into() })]
                })
            })
            .collect()
    });
    let mut out = results.into_iter().collect::<Result<Vec<_>, _>>()?;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

impl Job<'_> {
    /// The file the job writes.
    fn path(&self) -> String {
        match self {
            Job::Model(module) => format!("{module}.rs"),
            Job::Service(module) => format!("api/{module}.rs"),
            Job::EventObject => "event_object.rs".to_owned(),
            Job::ApiMod => "api/mod.rs".to_owned(),
            Job::RootMod => "mod.rs".to_owned(),
        }
    }
}

impl<'a> Layout<'a> {
    fn new(api: &'a Api, runtime: &'a Runtime, gates: &'a Gates) -> Result<Self, Error> {
        if syn::parse_str::<syn::Path>(runtime.path()).is_err() {
            return Err(Error::Emit {
                file: "settings".into(),
                message: format!("`{}` is not a path", runtime.path()),
            });
        }
        let by_module = types_by_module(api);
        let mut services: BTreeMap<String, (Vec<String>, Vec<&Operation>)> = BTreeMap::new();
        for op in &api.operations {
            let path = op.service_path();
            let Some(module) = api.services.get(&path).and_then(|names| names.module.clone()) else {
                return Err(Error::Internal {
                    file: "api/mod.rs".into(),
                    pointer: op.pointer.clone(),
                    message: format!("the `{}` service has no module", path.join(".")),
                });
            };
            services.entry(module).or_insert_with(|| (path, Vec::new())).1.push(op);
        }
        let mut model_modules: Vec<String> = Vec::new();
        let mut api_modules: Vec<String> = services.keys().cloned().collect();
        for module in by_module.keys() {
            match module {
                Module::Model(name) => model_modules.push(name.clone()),
                Module::Api(name) if !api_modules.contains(name) => api_modules.push(name.clone()),
                Module::Api(_) => {}
            }
        }
        if !api.event_resources.is_empty() {
            model_modules.push("event_object".to_owned());
        }
        model_modules.sort();
        api_modules.sort();
        Ok(Layout { api, runtime, gates, by_module, services, model_modules, api_modules })
    }

    /// Roughly how much code a job emits: fields, variants and operations.
    fn weight(&self, job: &Job<'_>) -> usize {
        let size = |types: Option<&Vec<&TypeDef>>| -> usize {
            types
                .into_iter()
                .flatten()
                .map(|t| match t {
                    TypeDef::Struct(s) => s.fields.len() + 1,
                    TypeDef::Enum(e) => e.variants.len() + 1,
                    TypeDef::Union(u) => u.variants.len() + 1,
                })
                .sum()
        };
        match job {
            Job::Model(module) => size(self.by_module.get(&Module::Model((*module).to_owned()))),
            Job::Service(module) => {
                let operations = self.services.get(*module).map_or(0, |(_, ops)| ops.len());
                size(self.by_module.get(&Module::Api((*module).to_owned()))) + 10 * operations
            }
            Job::EventObject | Job::ApiMod | Job::RootMod => 0,
        }
    }

    fn file(&self, job: &Job<'_>) -> Result<GeneratedFile, Error> {
        // Checked in `Layout::new`.
        let runtime: TokenStream = self.runtime.path().parse().unwrap_or_default();
        match job {
            Job::Model(module) => {
                let key = Module::Model((*module).to_owned());
                let types = self.by_module.get(&key).map(Vec::as_slice).unwrap_or_default();
                let names: Vec<String> = types.iter().map(|t| t.name().to_owned()).collect();
                let mut uses = Uses::default();
                let body = types_items(types, &names, &mut uses, &self.api.objects, self.gates);
                let imports = uses.tokens(&runtime, &quote! { super });
                let doc = inner_doc(&format!("The `{module}` types."));
                render(&format!("{module}.rs"), quote! { #doc #imports }, body)
            }
            Job::Service(module) => {
                let key = Module::Api((*module).to_owned());
                let types: Vec<&TypeDef> = self.by_module.get(&key).cloned().unwrap_or_default();
                let names: Vec<String> = types.iter().map(|t| t.name().to_owned()).collect();
                let mut uses = Uses::default();
                let (doc, service) = match self.services.get(*module) {
                    Some((path, operations)) => (
                        format!("The `{}` operations and their parameters.", path.join(".")),
                        service_tokens(self.api, self.gates, path, operations, &names, &mut uses),
                    ),
                    None => ("Response types of operations.".to_owned(), TokenStream::new()),
                };
                let types = types_items(&types, &names, &mut uses, &self.api.objects, self.gates);
                let body = items(service).and_then(|mut body| {
                    body.extend(types?);
                    Ok(body)
                });
                let imports = uses.tokens(&runtime, &quote! { super::super });
                let doc = inner_doc(&doc);
                render(&format!("api/{module}.rs"), quote! { #doc #imports }, body)
            }
            Job::EventObject => {
                let mut uses = Uses::default();
                let body = super::events::event_object_tokens(self.api, self.gates, &mut uses).unwrap_or_default();
                let imports = uses.tokens(&runtime, &quote! { super });
                let doc = inner_doc("The typed object of a webhook event.");
                render("event_object.rs", quote! { #doc #imports #body }, Ok(Vec::new()))
            }
            Job::ApiMod => {
                render("api/mod.rs", api_mod(self.api, self.gates, &self.api_modules, self.runtime), Ok(Vec::new()))
            }
            Job::RootMod => {
                render("mod.rs", root_mod(self.gates, &self.model_modules, &self.api.version), Ok(Vec::new()))
            }
        }
    }
}

fn types_items(
    types: &[&TypeDef],
    names: &[String],
    uses: &mut Uses,
    objects: &BTreeSet<String>,
    gates: &Gates,
) -> Result<Vec<syn::Item>, syn::Error> {
    let mut out = Vec::new();
    for t in types {
        guard::at(t.pointer(), || -> Result<(), syn::Error> {
            // A type of a service's file that only some of its operations need has a gate of its own.
            let file_gate = gates.module(t.module());
            let own = gates.types.get(t.name()).filter(|g| file_gate.is_none_or(|f| !g.implied_by(f)));
            let mut used = Uses::default();
            let target = if own.is_some() { &mut used } else { &mut *uses };
            let mut made = match t {
                TypeDef::Struct(s) => struct_items(s, names, target, gates)?,
                TypeDef::Enum(e) => enum_items(e, target)?,
                TypeDef::Union(u) => items(union_tokens(u, names, target, objects))?,
            };
            if let Some(gate) = own {
                uses.absorb_gated(used, gate);
                for item in &mut made {
                    prepend_attributes(item, cfg_attributes(Some(gate)));
                }
            }
            out.extend(made);
            Ok(())
        })?;
    }
    Ok(out)
}

/// Puts `attrs` first on an item of the kinds generated files hold.
fn prepend_attributes(item: &mut syn::Item, attrs: Vec<syn::Attribute>) {
    let existing = match item {
        syn::Item::Struct(i) => &mut i.attrs,
        syn::Item::Enum(i) => &mut i.attrs,
        syn::Item::Impl(i) => &mut i.attrs,
        syn::Item::Macro(i) => &mut i.attrs,
        syn::Item::Fn(i) => &mut i.attrs,
        syn::Item::Const(i) => &mut i.attrs,
        syn::Item::Use(i) => &mut i.attrs,
        _ => return,
    };
    existing.splice(0..0, attrs);
}

fn api_mod(api: &Api, gates: &Gates, modules: &[String], runtime: &Runtime) -> TokenStream {
    let gated = |m: &String| (cfg(gates.module(&Module::Api(m.clone()))), ident(m));
    let (cfgs, mods): (Vec<TokenStream>, Vec<_>) = modules.iter().map(gated).unzip();
    let mut uses = Uses::default();
    let namespaces = namespaces_tokens(api, gates, &namespace_tree(api), &mut uses, *runtime == Runtime::InCrate);
    let path: TokenStream = runtime.path().parse().unwrap_or_default();
    let imports = uses.tokens(&path, &quote! { super });
    let doc =
        inner_doc("The API's operations, grouped the way Stripe's SDKs group them (`client.climate().orders()`).");
    quote! {
        #doc
        #(#cfgs mod #mods;)*
        #(#cfgs pub use #mods::*;)*
        #imports
        #namespaces
    }
}

fn root_mod(gates: &Gates, model_modules: &[String], version: &str) -> TokenStream {
    let gated = |m: &String| (cfg(gates.module(&Module::Model(m.clone()))), ident(m));
    let (cfgs, mods): (Vec<TokenStream>, Vec<_>) = model_modules.iter().map(gated).unzip();
    let doc = inner_doc("Types and operations generated from the API description.");
    quote! {
        #doc
        /// The API version the description is for: sent as `Stripe-Version` unless configured otherwise.
        pub const API_VERSION: &str = #version;
        pub mod api;
        #(#cfgs mod #mods;)*
        pub use api::*;
        #(#cfgs pub use #mods::*;)*
    }
}

/// The file whose head (inner docs and imports) `head` spells, followed by the `body` items.
fn render(path: &str, head: TokenStream, body: Result<Vec<syn::Item>, syn::Error>) -> Result<GeneratedFile, Error> {
    let error = |e: syn::Error| Error::Emit { file: path.to_owned(), message: e.to_string() };
    let mut file: syn::File = syn::parse2(head).map_err(error)?;
    file.items.extend(body.map_err(error)?);
    Ok(GeneratedFile { path: path.to_owned(), contents: space_items(&prettyplease::unparse(&file)) })
}
