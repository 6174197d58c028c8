//! Which crate each file of a split output goes to ([`Packaging::Crates`]): one models crate,
//! services crates that depend on it and that cargo compiles side by side, and a facade that
//! depends on them all and holds the entry points.
//!
//! A file may only name what its own crate or the models crate holds, so the placement follows
//! the references between files: the models crate takes every file a model reaches (a model
//! naming a type of an operation's file takes that whole file along), files under `api/` that
//! name one another share a services crate, and a service shares the crate of the services it
//! opens. The groups left are spread over the services crates, biggest first, each to the
//! lightest crate so far.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{root_names, Api, Module};
use crate::settings::CrateSplit;

/// A crate of a split output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Crate {
    /// The models, and the service files they reach.
    Models,
    /// The services crate of this index (from 1).
    Services(usize),
    /// The crate users depend on: everything re-exported, and the entry points.
    Facade,
}

impl Crate {
    /// What names a crate under the facade, after the facade's name in its package's and under
    /// `crates/` in its directory's (`models`, `services-1`); nothing for the facade.
    pub(crate) fn part(self) -> Option<String> {
        match self {
            Crate::Models => Some("models".to_owned()),
            Crate::Services(i) => Some(format!("services-{i}")),
            Crate::Facade => None,
        }
    }

    /// The crate's directory under the output directory, with a trailing `/` (empty for the
    /// facade, which is the output directory).
    pub(crate) fn dir(self) -> String {
        self.part().map(|part| format!("crates/{part}/")).unwrap_or_default()
    }
}

/// Where each file under `api/` goes.
pub(crate) struct Placement {
    api: BTreeMap<String, Crate>,
    /// How many services crates hold files.
    pub(crate) services: usize,
}

impl Placement {
    /// Places the files under `api/` of `api` into at most `split.services_crates` services
    /// crates; `weight` says roughly how much code a file holds.
    pub(crate) fn new(api: &Api, split: &CrateSplit, api_modules: &[String], weight: impl Fn(&str) -> usize) -> Self {
        let references = references(api);
        let in_models = reached_from_models(&references);
        let groups = groups(api_modules, &references, &in_models);
        let lanes = split.services_crates.max(1);
        let mut load = vec![0usize; lanes];
        let mut weighed: Vec<(usize, Vec<String>)> =
            groups.into_iter().map(|g| (g.iter().map(|m| weight(m)).sum(), g)).collect();
        // Heaviest first; ties keep the groups' (sorted) order, so the same input places alike.
        weighed.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let mut api_crates = BTreeMap::new();
        for module in &in_models {
            api_crates.insert(module.clone(), Crate::Models);
        }
        let mut used = 0;
        for (weight, group) in weighed {
            let lightest = (0..lanes).min_by_key(|&i| (load[i], i)).unwrap_or_default();
            load[lightest] += weight;
            used = used.max(lightest + 1);
            for module in group {
                api_crates.insert(module, Crate::Services(lightest + 1));
            }
        }
        Placement { api: api_crates, services: used }
    }

    /// The crate of a file: `module` for a model file, `api` for one under `api/`.
    pub(crate) fn crate_of(&self, module: &Module) -> Crate {
        match module {
            Module::Model(_) => Crate::Models,
            Module::Api(name) => self.api.get(name).copied().unwrap_or(Crate::Models),
        }
    }

    /// The files under `api/` that `krate` holds, sorted.
    pub(crate) fn api_modules(&self, krate: Crate) -> Vec<String> {
        self.api.iter().filter(|(_, c)| **c == krate).map(|(m, _)| m.clone()).collect()
    }
}

/// For each file, the files it names a type or a service of.
fn references(api: &Api) -> BTreeMap<Module, BTreeSet<Module>> {
    let module_of: BTreeMap<&str, &Module> = api.types.iter().map(|t| (t.name(), t.module())).collect();
    let mut out: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    let mut add = |from: &Module, name: Option<&str>| {
        if let Some(to) = name.and_then(|n| module_of.get(n)) {
            if *to != from {
                out.entry(from.clone()).or_default().insert((*to).clone());
            }
        }
    };
    for ty in &api.types {
        ty.references().for_each(|r| add(ty.module(), Some(r.target)));
    }
    let event_object = Module::Model(root_names::EVENT_OBJECT_MODULE.to_owned());
    for resource in &api.event_resources {
        add(&event_object, Some(&resource.type_name));
    }
    for op in &api.operations {
        let Some(module) = api.services.get(&op.service_path()).and_then(|s| s.module.clone()) else { continue };
        let from = Module::Api(module);
        add(&from, op.params.as_deref());
        add(&from, op.response.named());
    }
    // A service opens the services under it, through namespaces without a file of their own.
    for (path, names) in &api.services {
        let Some(module) = &names.module else { continue };
        let from = Module::Api(module.clone());
        for (under, child) in api.services.range(path.clone()..) {
            if !under.starts_with(path) {
                break;
            }
            if let Some(child_module) = child.module.as_ref().filter(|m| *m != module) {
                out.entry(from.clone()).or_default().insert(Module::Api(child_module.clone()));
            }
        }
    }
    out
}

/// The files under `api/` that some model reaches, directly or through other such files.
fn reached_from_models(references: &BTreeMap<Module, BTreeSet<Module>>) -> BTreeSet<String> {
    let mut stack: Vec<&Module> =
        references.iter().filter(|(m, _)| matches!(m, Module::Model(_))).flat_map(|(_, to)| to).collect();
    let mut reached = BTreeSet::new();
    while let Some(module) = stack.pop() {
        if let Module::Api(name) = module {
            if reached.insert(name.clone()) {
                stack.extend(references.get(module).into_iter().flatten());
            }
        }
    }
    reached
}

/// The files under `api/` outside the models crate, grouped so that files naming one another
/// share a group; each group sorted, the groups in the order of their first file.
fn groups(
    api_modules: &[String],
    references: &BTreeMap<Module, BTreeSet<Module>>,
    in_models: &BTreeSet<String>,
) -> Vec<Vec<String>> {
    let placed: Vec<&String> = api_modules.iter().filter(|m| !in_models.contains(*m)).collect();
    let index: BTreeMap<&str, usize> = placed.iter().enumerate().map(|(i, m)| (m.as_str(), i)).collect();
    let mut parent: Vec<usize> = (0..placed.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (from, targets) in references {
        let Some(&a) = index.get(from.name()).filter(|_| matches!(from, Module::Api(_))) else { continue };
        for to in targets {
            if let (Module::Api(_), Some(&b)) = (to, index.get(to.name())) {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut by_root: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (i, module) in placed.iter().enumerate() {
        let r = root(&mut parent, i);
        by_root.entry(r).or_default().push((*module).clone());
    }
    by_root.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{TypeDef, TypeRef};
    use crate::settings::{Packaging, Runtime, Settings};

    const SPEC: &str = r##"
openapi: 3.0.0
info: {title: t, version: '1'}
paths:
  /v1/customers:
    get:
      operationId: GetCustomers
      parameters: [{name: limit, in: query, schema: {type: integer}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/customer'}}}}}
  /v1/charges:
    get:
      operationId: GetCharges
      parameters: [{name: limit, in: query, schema: {type: integer}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/charge'}}}}}
  /v1/refunds:
    get:
      operationId: GetRefunds
      parameters: [{name: limit, in: query, schema: {type: integer}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/refund'}}}}}
components:
  schemas:
    customer:
      type: object
      required: [id]
      properties:
        id: {type: string}
        object: {type: string, enum: [customer]}
    charge:
      type: object
      required: [id, amount]
      properties:
        id: {type: string}
        object: {type: string, enum: [charge]}
        amount: {type: integer}
    refund:
      type: object
      required: [id]
      properties:
        id: {type: string}
        object: {type: string, enum: [refund]}
"##;

    fn split(services_crates: usize) -> CrateSplit {
        CrateSplit { package: "stripe-generated".into(), services_crates }
    }

    fn api() -> Api {
        crate::lower::lowered(SPEC)
    }

    fn api_modules(api: &Api) -> Vec<String> {
        let modules: BTreeSet<String> = api
            .types
            .iter()
            .filter_map(|t| if let Module::Api(m) = t.module() { Some(m.clone()) } else { None })
            .chain(api.services.values().filter_map(|s| s.module.clone()))
            .collect();
        modules.into_iter().collect()
    }

    #[test]
    fn services_spread_over_the_crates_and_a_file_a_model_names_joins_the_models() {
        let mut api = api();
        let modules = api_modules(&api);
        assert_eq!(modules, ["charges", "customers", "refunds"]);
        let placement = Placement::new(&api, &split(2), &modules, |_| 1);
        let crates: BTreeSet<Crate> = modules.iter().map(|m| placement.crate_of(&Module::Api(m.clone()))).collect();
        assert_eq!(crates, BTreeSet::from([Crate::Services(1), Crate::Services(2)]));
        assert_eq!(placement.services, 2);

        // A model naming the parameters of `customers` takes that file into the models crate.
        let params =
            api.types.iter().find(|t| *t.module() == Module::Api("customers".into())).map(|t| t.name().to_owned());
        let params = params.expect("the customers parameters");
        let charge = api.types.iter_mut().find_map(|t| match t {
            TypeDef::Struct(s) if s.name == "Charge" => Some(s),
            _ => None,
        });
        let charge = charge.expect("the charge model");
        if let Some(amount) = charge.fields.iter_mut().find(|f| f.ident == "amount") {
            amount.ty = TypeRef::Named(params.clone());
        }
        let placement = Placement::new(&api, &split(2), &modules, |_| 1);
        assert_eq!(placement.crate_of(&Module::Api("customers".into())), Crate::Models);
        assert_eq!(placement.api_modules(Crate::Models), ["customers"]);

        // And the models crate then declares its `api` module.
        let settings = Settings {
            runtime: Runtime::Crate("stripe_client".into()),
            packaging: Packaging::Crates(split(2)),
            ..Settings::default()
        };
        let files = crate::emit::emit(&api, &settings).expect("emits");
        let file = |path: &str| files.iter().find(|f| f.path == path).map(|f| f.contents.clone());
        let models_mod = file("crates/models/src/generated/mod.rs").expect("the models' mod.rs");
        assert!(models_mod.contains("pub mod api;"), "{models_mod}");
        let models_api = file("crates/models/src/generated/api/mod.rs").expect("the models' api/mod.rs");
        assert!(models_api.contains("mod customers;"), "{models_api}");
        assert!(file("crates/models/src/generated/api/customers.rs").is_some());
    }

    #[test]
    fn files_that_name_one_another_share_a_crate() {
        let mut api = api();
        let modules = api_modules(&api);
        let in_module = |api: &Api, m: &str| {
            api.types.iter().position(|t| *t.module() == Module::Api(m.to_owned())).expect("a type in the file")
        };
        let refunds = api.types[in_module(&api, "refunds")].name().to_owned();
        let charges = in_module(&api, "charges");
        if let TypeDef::Struct(params) = &mut api.types[charges] {
            if let Some(field) = params.fields.first_mut() {
                field.ty = TypeRef::Named(refunds);
            }
        }
        let placement = Placement::new(&api, &split(4), &modules, |_| 1);
        let crate_of = |m: &str| placement.crate_of(&Module::Api(m.to_owned()));
        assert_eq!(crate_of("charges"), crate_of("refunds"));
        assert_ne!(crate_of("charges"), crate_of("customers"));
        assert_eq!(placement.services, 2, "two groups, two crates, though four were allowed");
    }

    #[test]
    fn one_services_crate_takes_every_service() {
        let api = api();
        let modules = api_modules(&api);
        let placement = Placement::new(&api, &split(0), &modules, |_| 1);
        assert_eq!(placement.services, 1);
        assert_eq!(placement.api_modules(Crate::Services(1)), modules);
    }
}
