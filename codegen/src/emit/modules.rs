//! The file layout: one file per model module, one per service under `api/`, and the `mod.rs`
//! files that tie them together and re-export every type at the top; for a split output, each
//! crate's share of those files, and each crate's root (see [`super::crates`]).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::inner_doc;
use super::gates::cfg;
use super::render::{render, types_items};
use super::roots::{allow_unused_if, maybe_empty, root_mod};
use super::services::{
    entry_points_tokens, namespace_tree, namespaces_tokens, owning_service, service_tokens, Namespace,
};
use super::syntax::{ident, items};
use super::uses::Uses;
use super::GeneratedFile;
use crate::error::Error;
use crate::guard;
use crate::ir::{root_names, types_by_module, Api, Gates, Module, Operation, TypeDef};
use crate::plan::{file_weight, Crate, Placement, Plan};
use crate::settings::{CrateSplit, Packaging, Runtime, Settings};

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
    /// For a split output, how it is named and which crate each file goes to.
    split: Option<(&'a CrateSplit, &'a Placement)>,
    /// The files that may compile empty: each of their types compiles under a gate of its own,
    /// narrower than the file's, and they hold no service. Their re-exports allow going unused.
    maybe_empty: BTreeSet<String>,
    /// The namespaces and services the operations form, for the files that open them.
    tree: Namespace,
}

/// One file to emit.
enum Job<'a> {
    Model(&'a str),
    Service(&'a str),
    EventObject,
    /// The `api/mod.rs` of the crate (or of the only one): its services' modules, the namespaces
    /// they open and, in a crate of its own, the client's entry points.
    ApiMod(Crate),
    /// The models' `mod.rs`.
    RootMod,
    /// A split output's crate root.
    Lib(Crate),
    /// A split output's entry points, in the facade.
    EntryPoints,
}

/// Every generated file, sorted by path, and the crates under the facade of a split output.
pub(crate) fn files(
    api: &Api,
    settings: &Settings,
    plan: &Plan,
) -> Result<(Vec<GeneratedFile>, Vec<SplitCrate>), Error> {
    let layout = Layout::new(api, settings, plan)?;
    let mut jobs: Vec<Job<'_>> = Vec::new();
    jobs.extend(layout.model_modules.iter().filter(|m| *m != root_names::EVENT_OBJECT_MODULE).map(|m| Job::Model(m)));
    jobs.extend(layout.api_modules.iter().map(|m| Job::Service(m)));
    if layout.model_modules.iter().any(|m| m == root_names::EVENT_OBJECT_MODULE) {
        jobs.push(Job::EventObject);
    }
    jobs.push(Job::RootMod);
    match &layout.split {
        None => jobs.push(Job::ApiMod(Crate::Facade)),
        Some((_, placement)) => {
            let services = (1..=placement.services).map(Crate::Services);
            for krate in std::iter::once(Crate::Models).chain(services.clone()) {
                if !placement.api_modules(krate).is_empty() {
                    jobs.push(Job::ApiMod(krate));
                }
            }
            jobs.extend(std::iter::once(Crate::Models).chain(services).chain([Crate::Facade]).map(Job::Lib));
            jobs.push(Job::EntryPoints);
        }
    }

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
                        done.push(guard::catching(&layout.path(job), || layout.file(job)));
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
    Ok((out, layout.split_crates()))
}

/// A crate under the facade of a split output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitCrate {
    /// Its directory, relative to the output directory (`crates/models`).
    pub dir: String,
    /// Its package name (`stripe-generated-models`).
    pub package: String,
    /// Whether it depends on the models crate.
    pub needs_models: bool,
}

impl Job<'_> {
    /// The file the job writes, under the generated directory of its crate.
    fn generated_path(&self) -> String {
        match self {
            Job::Model(module) => format!("{module}.rs"),
            Job::Service(module) => format!("api/{module}.rs"),
            Job::EventObject => format!("{}.rs", root_names::EVENT_OBJECT_MODULE),
            Job::ApiMod(_) => "api/mod.rs".to_owned(),
            Job::RootMod => "mod.rs".to_owned(),
            Job::Lib(_) => "lib.rs".to_owned(),
            Job::EntryPoints => "api.rs".to_owned(),
        }
    }
}

impl<'a> Layout<'a> {
    fn new(api: &'a Api, settings: &'a Settings, plan: &'a Plan) -> Result<Self, Error> {
        let gates = &plan.gates;
        let runtime = &settings.runtime;
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
            model_modules.push(root_names::EVENT_OBJECT_MODULE.to_owned());
        }
        model_modules.sort();
        api_modules.sort();
        let maybe_empty = maybe_empty(gates, &by_module, &services);
        let tree = namespace_tree(api);
        let split = match (&settings.packaging, &plan.placement) {
            (Packaging::Crates(split), Some(placement)) => Some((split, placement)),
            _ => None,
        };
        Ok(Layout { api, runtime, gates, by_module, services, model_modules, api_modules, split, maybe_empty, tree })
    }

    /// The crate a job's file goes to; the facade for a single crate.
    fn crate_of(&self, job: &Job<'_>) -> Crate {
        match (job, &self.split) {
            (Job::Model(_) | Job::EventObject | Job::RootMod, Some(_)) => Crate::Models,
            (Job::Service(module), Some((_, placement))) => placement.crate_of(&Module::Api((*module).to_owned())),
            (Job::ApiMod(krate) | Job::Lib(krate), _) => *krate,
            _ => Crate::Facade,
        }
    }

    /// The path of a job's file: under the generated directory for a single crate, else under the
    /// output directory.
    fn path(&self, job: &Job<'_>) -> String {
        if self.split.is_none() {
            return job.generated_path();
        }
        let dir = self.crate_of(job).dir();
        match job {
            Job::Lib(_) | Job::EntryPoints => format!("{dir}src/{}", job.generated_path()),
            _ => format!("{dir}src/generated/{}", job.generated_path()),
        }
    }

    /// The crates under the facade, for their manifests; none for a single crate.
    fn split_crates(&self) -> Vec<SplitCrate> {
        let Some((split, placement)) = &self.split else { return Vec::new() };
        let crates = std::iter::once(Crate::Models).chain((1..=placement.services).map(Crate::Services));
        crates
            .filter_map(|krate| {
                let part = krate.part()?;
                let dir = krate.dir().trim_end_matches('/').to_owned();
                Some(SplitCrate { dir, package: split.package_of(&part), needs_models: krate != Crate::Models })
            })
            .collect()
    }

    /// Roughly how much code a job emits ([`file_weight`]).
    fn weight(&self, job: &Job<'_>) -> usize {
        let types = |module: Module| self.by_module.get(&module).into_iter().flatten().copied();
        match job {
            Job::Model(module) => file_weight(types(Module::Model((*module).to_owned())), 0),
            Job::Service(module) => {
                let operations = self.services.get(*module).map_or(0, |(_, ops)| ops.len());
                file_weight(types(Module::Api((*module).to_owned())), operations)
            }
            _ => 0,
        }
    }

    fn file(&self, job: &Job<'_>) -> Result<GeneratedFile, Error> {
        // Checked in `Layout::new`.
        let runtime: TokenStream = self.runtime.path().parse().unwrap_or_default();
        let path = self.path(job);
        match job {
            Job::Model(module) => {
                let key = Module::Model((*module).to_owned());
                let types = self.by_module.get(&key).map(Vec::as_slice).unwrap_or_default();
                let names: Vec<String> = types.iter().map(|t| t.name().to_owned()).collect();
                let mut uses = Uses::default();
                let body = types_items(types, &names, &mut uses, &self.api.objects, self.gates);
                let imports = uses.tokens(&runtime, &quote! { super });
                let doc = inner_doc(&format!("The `{module}` types."));
                render(&path, quote! { #doc #imports }, body)
            }
            Job::Service(module) => {
                let key = Module::Api((*module).to_owned());
                let types: Vec<&TypeDef> = self.by_module.get(&key).cloned().unwrap_or_default();
                let names: Vec<String> = types.iter().map(|t| t.name().to_owned()).collect();
                let mut uses = Uses::default();
                let (doc, service) = match self.services.get(*module) {
                    Some((path, operations)) => (
                        format!("The `{}` operations and their parameters.", path.join(".")),
                        service_tokens(self.api, self.gates, path, operations, &names, &mut uses, self.split.is_some()),
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
                render(&path, quote! { #doc #imports }, body)
            }
            Job::EventObject => {
                let mut uses = Uses::default();
                let body = super::events::event_object_tokens(self.api, self.gates, &mut uses).unwrap_or_default();
                let imports = uses.tokens(&runtime, &quote! { super });
                let doc = inner_doc("The typed object of a webhook event.");
                render(&path, quote! { #doc #imports #body }, Ok(Vec::new()))
            }
            Job::ApiMod(krate) => render(&path, self.api_mod(*krate, &runtime), Ok(Vec::new())),
            Job::RootMod => {
                let api = self.split.as_ref().is_none_or(|(_, p)| !p.api_modules(Crate::Models).is_empty());
                let root = root_mod(self.gates, &self.model_modules, &self.maybe_empty, &self.api.version, api);
                render(&path, root, Ok(Vec::new()))
            }
            Job::Lib(krate) => render(&path, self.lib(*krate, &runtime), Ok(Vec::new())),
            Job::EntryPoints => {
                let mut uses = Uses::default();
                let entry = entry_points_tokens(self.api, self.gates, &self.tree, &mut uses, false);
                let keep = |path: &[String]| owning_service(self.api, path).is_none();
                let namespaces = namespaces_tokens(self.api, self.gates, &self.tree, &mut uses, &keep, false);
                let imports = uses.tokens(&runtime, &quote! { super });
                let doc = inner_doc("The client's entry points to the operations, and the namespaces that group them.");
                // The structs they open come from the crates under this one, re-exported at the root.
                let all = quote! { #[allow(unused_imports)] use super::*; };
                render(&path, quote! { #doc #imports #all #entry #namespaces }, Ok(Vec::new()))
            }
        }
    }

    /// The `api/mod.rs` of `krate`: the whole of it for a single crate.
    fn api_mod(&self, krate: Crate, runtime: &TokenStream) -> TokenStream {
        let modules = match &self.split {
            None => self.api_modules.clone(),
            Some((_, placement)) => placement.api_modules(krate),
        };
        let gated = |m: &String| (cfg(self.gates.module(&Module::Api(m.clone()))), ident(m));
        let (cfgs, mods): (Vec<TokenStream>, Vec<_>) = modules.iter().map(gated).unzip();
        let allows = modules.iter().map(|m| allow_unused_if(self.maybe_empty.contains(m)));
        let mut uses = Uses::default();
        let tree = &self.tree;
        let namespaces = match &self.split {
            None => {
                let inherent = *self.runtime == Runtime::InCrate;
                let mut out = entry_points_tokens(self.api, self.gates, tree, &mut uses, inherent);
                out.extend(namespaces_tokens(self.api, self.gates, tree, &mut uses, &|_| true, false));
                out
            }
            Some((_, placement)) => {
                // The namespaces a service of this crate opens.
                let keep = |path: &[String]| {
                    owning_service(self.api, path)
                        .is_some_and(|m| placement.crate_of(&Module::Api(m.to_owned())) == krate)
                };
                namespaces_tokens(self.api, self.gates, tree, &mut uses, &keep, true)
            }
        };
        let imports = uses.tokens(runtime, &quote! { super });
        let doc =
            inner_doc("The API's operations, grouped the way Stripe's SDKs group them (`client.climate().orders()`).");
        quote! {
            #doc
            #(#cfgs mod #mods;)*
            #(#cfgs #allows pub use #mods::*;)*
            #imports
            #namespaces
        }
    }

    /// The root of one crate of a split output.
    fn lib(&self, krate: Crate, runtime: &TokenStream) -> TokenStream {
        let Some((split, placement)) = &self.split else { return TokenStream::new() };
        let package = |krate: Crate| split.package_of(&krate.part().unwrap_or_default());
        let rust_name = |krate: Crate| ident(&package(krate).replace('-', "_"));
        let models = rust_name(Crate::Models);
        let facade = &split.package;
        match krate {
            Crate::Models => {
                let doc = inner_doc(&format!(
                    "The types of `{facade}`, in a crate of their own so that cargo compiles the crates of the\n\
                     operations side by side once it is built. Depend on `{facade}`, which re-exports everything."
                ));
                quote! {
                    #doc
                    #[rustfmt::skip]
                    mod generated;
                    pub use generated::*;
                }
            }
            Crate::Services(_) => {
                let doc = inner_doc(&format!(
                    "Some of the operations of `{facade}`, in a crate of their own so that cargo compiles them\n\
                     beside the others. Depend on `{facade}`, which re-exports everything."
                ));
                quote! {
                    #doc
                    // The models, in scope for the generated files as they are in a single crate.
                    #[allow(unused_imports)]
                    use #models::*;
                    #[rustfmt::skip]
                    // Empty under features that need none of these operations: hence the allowances.
                    mod generated {
                        #[allow(unused_imports)]
                        use super::*;
                        pub mod api;
                        #[allow(unused_imports)]
                        pub use api::*;
                    }
                    #[allow(unused_imports)]
                    pub use generated::api::*;
                }
            }
            Crate::Facade => {
                let services: Vec<String> =
                    (1..=placement.services).map(|i| format!("- `{}`", package(Crate::Services(i)))).collect();
                let doc = inner_doc(&format!(
                    "A Stripe client generated from an OpenAPI description, on the `{runtime_crate}` crate.\n\
                     \n\
                     Build a [`Client`], then import [`StripeApi`] to reach the operations; each sends the API\n\
                     version this crate was generated for ([`API_VERSION`]) unless the client chooses another.\n\
                     \n\
                     Each resource is a cargo feature named after its object (`customer`, `payment_intent`), and\n\
                     `full`, the default, turns on all of them. To compile only what you use:\n\
                     `default-features = false, features = [\"customer\", \"payment_intent\"]`. A feature compiles\n\
                     its object, its operations and every type they reach; a field holding another resource's\n\
                     object (`PaymentIntent.customer`) exists when that resource's feature is on as well.\n\
                     \n\
                     The code is spread over crates that cargo compiles side by side once the first is built; this\n\
                     one re-exports them all and adds the entry points:\n\
                     - `{}`: the types;\n\
                     {}: the operations.",
                    package(Crate::Models),
                    services.join(",\n"),
                    runtime_crate = crate::RUNTIME_CRATE,
                ));
                let services = (1..=placement.services).map(|i| rust_name(Crate::Services(i)));
                let webhook = (!self.api.event_resources.is_empty()).then(|| {
                    quote! {
                        /// Receiving webhooks: the runtime's verification, and events whose object is an
                        /// [`EventObject`].
                        pub mod webhook {
                            pub use #runtime::webhook::*;
                            #runtime::typed_webhooks!(super::EventObject, String, super::API_VERSION);
                        }
                    }
                });
                quote! {
                    #doc
                    pub use #models::*;
                    // A crate whose operations the features leave out is empty.
                    #(#[allow(unused_imports)] pub use #services::*;)*
                    #[rustfmt::skip]
                    mod api;
                    pub use api::*;
                    // The runtime, and what every user of the crate names from it (names no
                    // generated type takes).
                    pub use #runtime;
                    pub use #runtime::{ApiError, Client, ClientBuilder, Error, Expandable, List, RequestOptions, Timestamp};
                    #webhook
                }
            }
        }
    }
}
