//! Which cargo feature compiles what: one feature per resource, named after its object
//! (`customer`), that compiles the resource's object, the operations that answer with it, and
//! everything they reach.
//!
//! Stripe's objects hold one another (a payment intent's customer, the customer's default source
//! and subscriptions, ...), so following those references would give every resource most of the
//! API. A field that holds another resource's object (the object itself, a list of them, an
//! expandable one, or a union of objects) is cut instead: it exists when that object's type
//! compiles. Structs are non-exhaustive and decoding ignores keys it does not know, so turning on
//! another feature only adds fields, as cargo requires of features. Every other reference is
//! followed: between model modules (a schema and its inline types) as wholes, and type by type
//! inside the file of a service, whose operations may belong to several resources
//! (`client.customers().list_subscriptions()` is the subscription resource's).

use std::collections::{BTreeMap, BTreeSet};

use super::feature_graph::Graph;
use crate::ir::{Api, FeatureSet, Gate, Gates, Module, Operation};
use crate::names::module_name;

/// The feature that turns on every other, and compiles what no operation or object reaches.
pub(crate) const FULL: &str = "full";

/// What compiles as one: a model module, a service's file (its struct and operations), or one
/// type apart from its file (a type in a service's file, or a union of objects).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Unit {
    Module(Module),
    Type(String),
}

/// The gates of `api`.
pub(super) fn decide(api: &Api) -> Gates {
    let graph = Graph::new(api);
    let operation_features = operation_features(api, &graph.objects);
    let units = unit_gates(api, &graph, &operation_features);
    let fields = field_gates(api, &graph, &units);
    let operations = api
        .operations
        .iter()
        .zip(&operation_features)
        .map(|(op, feature)| (op.operation_id.clone(), operation_gate(&graph, &units, op, feature)))
        .collect();
    let (mut modules, mut types) = (BTreeMap::new(), BTreeMap::new());
    for (unit, gate) in units {
        match unit {
            Unit::Module(module) => {
                modules.insert(module, gate);
            }
            Unit::Type(name) => {
                types.insert(name, gate);
            }
        }
    }
    let features = services_by_feature(api, &graph, &operation_features);
    let mut gates = Gates { features, modules, types, operations, fields };
    open_service_files(api, &mut gates);
    gates
}

/// When each unit compiles: with every feature whose operations or objects reach it; a union of
/// objects when each of its alternatives does; what nothing reaches with `full` alone.
fn unit_gates(api: &Api, graph: &Graph<'_>, operation_features: &[String]) -> BTreeMap<Unit, Gate> {
    // One walk per feature, from everything its operations and objects need.
    let mut seeds: BTreeMap<String, Vec<Unit>> = BTreeMap::new();
    for (op, feature) in api.operations.iter().zip(operation_features) {
        seeds.entry(feature.clone()).or_default().extend(graph.operation_units(api, op));
    }
    for (ty, object) in &graph.objects {
        seeds.entry(feature_name(object)).or_default().push(graph.unit(ty));
    }
    let mut sets: BTreeMap<Unit, FeatureSet> = BTreeMap::new();
    for (feature, start) in seeds {
        for unit in graph.reach(start) {
            sets.entry(unit).or_default().insert(feature.clone());
        }
    }
    let mut units: BTreeMap<Unit, Gate> = sets.into_iter().map(|(u, s)| (u, Gate::any(s))).collect();

    // A union of objects only fields reach compiles when each of its alternatives does (an
    // object, or such a union, decided first).
    loop {
        let before = units.len();
        for (union, found) in &graph.object_unions {
            let unit = graph.unit(union);
            if units.contains_key(&unit) {
                continue;
            }
            let needs: Option<Vec<Vec<FeatureSet>>> =
                found.alternatives.iter().map(|v| units.get(&graph.unit(v)).map(|gate| gate.0.clone())).collect();
            if let Some(needs) = needs {
                units.insert(unit, Gate(needs.concat()));
            }
        }
        if units.len() == before {
            break;
        }
    }
    inherit_from_referrers(graph, &mut units);
    // What nothing reaches at all (the error object, for one) comes with `full` alone.
    for unit in graph.all_units() {
        units.entry(unit).or_insert_with(|| Gate::any(FeatureSet::from([FULL.to_owned()])));
    }
    // A union of objects in a model's file exists when that file compiles too.
    for ty in &api.types {
        let (Module::Model(_), Unit::Type(name)) = (ty.module(), graph.unit(ty.name())) else { continue };
        let file = units.get(&Unit::Module(ty.module().clone())).cloned();
        if let (Some(file), Some(gate)) = (file, units.get_mut(&Unit::Type(name))) {
            if !gate.implied_by(&file) {
                *gate = file.and(gate);
            }
        }
    }
    units
}

/// Every resource's feature, with the services its operations sit in.
fn services_by_feature(
    api: &Api,
    graph: &Graph<'_>,
    operation_features: &[String],
) -> BTreeMap<String, Vec<Vec<String>>> {
    let mut features: BTreeMap<String, Vec<Vec<String>>> =
        graph.objects.values().map(|o| (feature_name(o), Vec::new())).collect();
    for (op, feature) in api.operations.iter().zip(operation_features) {
        let services = features.entry(feature.clone()).or_default();
        if !services.contains(&op.service_path()) {
            services.push(op.service_path());
        }
    }
    features
}

/// A service's file compiles with any feature of its struct (which the services under it open
/// from), operations or types.
fn open_service_files(api: &Api, gates: &mut Gates) {
    for (path, names) in &api.services {
        let (Some(module), Some(service)) = (&names.module, gates.service(api, path)) else { continue };
        let file = gates.modules.entry(Module::Api(module.clone())).or_insert_with(|| Gate::any(FeatureSet::new()));
        if let [set] = file.0.as_mut_slice() {
            set.extend(service.features());
        }
    }
    for ty in &api.types {
        if let (Module::Api(_), Some(gate)) = (ty.module(), gates.types.get(ty.name())) {
            let file = gates.modules.entry(ty.module().clone()).or_insert_with(|| Gate::any(FeatureSet::new()));
            if let [set] = file.0.as_mut_slice() {
                set.extend(gate.features());
            }
        }
    }
}

/// When an operation compiles: with its resource's feature, and when it answers with one of
/// several resources' objects (a customer's payment source: an account, a bank account, a card or
/// a source), when that union compiles too, as a field holding one would. Its own feature comes
/// first.
fn operation_gate(graph: &Graph<'_>, units: &BTreeMap<Unit, Gate>, op: &Operation, feature: &str) -> Gate {
    let own = Gate::any(FeatureSet::from([feature.to_owned()]));
    let Some((union, found)) = op.response.named().and_then(|name| graph.object_unions.get_key_value(name)) else {
        return own;
    };
    let Some(needs) = units.get(&graph.unit(union)).filter(|needs| !needs.implied_by(&own)) else { return own };
    // Said the way a reader thinks of it, each object's own feature (in order), when that opens
    // the union.
    let features: BTreeSet<String> =
        found.objects.iter().map(|o| feature_name(graph.objects.get(o).copied().unwrap_or(o))).collect();
    let objects = own.and(&Gate(features.into_iter().map(|f| FeatureSet::from([f])).collect()));
    if needs.implied_by(&objects) {
        objects
    } else {
        own.and(needs)
    }
}

/// Each operation's feature: the one of the object it answers with, else the one of the object
/// its service answers with most often, else its service's own name.
fn operation_features(api: &Api, objects: &BTreeMap<&str, &str>) -> Vec<String> {
    let object_of = |op: &Operation| op.response.named().and_then(|name| objects.get(name)).copied();
    let mut by_service: BTreeMap<Vec<String>, Vec<&Operation>> = BTreeMap::new();
    for op in &api.operations {
        by_service.entry(op.service_path()).or_default().push(op);
    }
    let mut service_features: BTreeMap<Vec<String>, String> = BTreeMap::new();
    for (service, operations) in by_service {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for object in operations.into_iter().filter_map(object_of) {
            match counts.iter_mut().find(|(o, _)| *o == object) {
                Some((_, count)) => *count += 1,
                None => counts.push((object, 1)),
            }
        }
        // The first of the most frequent: `max_by_key` would keep the last.
        let most = counts.iter().map(|(_, n)| *n).max().unwrap_or_default();
        let name = match counts.iter().find(|(_, n)| *n == most) {
            Some((object, _)) => feature_name(object),
            None => feature_name(&service.join("_")),
        };
        service_features.insert(service, name);
    }
    api.operations
        .iter()
        .map(|op| match object_of(op) {
            Some(object) => feature_name(object),
            None => service_features.get(&op.service_path()).cloned().unwrap_or_else(|| FULL.to_owned()),
        })
        .collect()
}

/// Gives a unit that only cut fields reach the features of the units holding those fields, with
/// everything it reaches, until nothing changes.
fn inherit_from_referrers(graph: &Graph<'_>, units: &mut BTreeMap<Unit, Gate>) {
    loop {
        let unreached: Vec<Unit> = graph.all_units().into_iter().filter(|u| !units.contains_key(u)).collect();
        let mut changed = false;
        for unit in unreached {
            let inherited: FeatureSet = graph
                .referrers
                .get(&unit)
                .into_iter()
                .flatten()
                .filter_map(|r| units.get(r))
                .flat_map(Gate::features)
                .collect();
            if inherited.is_empty() {
                continue;
            }
            for reached in graph.reach([unit]) {
                let gate = units.entry(reached).or_insert_with(|| Gate::any(FeatureSet::new()));
                if let [set] = gate.0.as_mut_slice() {
                    set.extend(inherited.iter().cloned());
                }
            }
            changed = true;
        }
        if !changed {
            break;
        }
    }
}

/// The cut fields whose object's type does not compile whenever the field's struct does.
fn field_gates(api: &Api, graph: &Graph<'_>, units: &BTreeMap<Unit, Gate>) -> BTreeMap<(String, String), Gate> {
    let mut fields = BTreeMap::new();
    for ty in &api.types {
        let container = units.get(&graph.unit(ty.name()));
        for reference in ty.references().filter(|r| graph.is_cut(r.ty)) {
            let Some(field) = reference.field else { continue };
            let Some(target_gate) = units.get(&graph.unit(reference.target)) else { continue };
            if container.is_some_and(|c| target_gate.implied_by(c)) {
                continue;
            }
            fields.insert((ty.name().to_owned(), field.ident.clone()), target_gate.clone());
        }
    }
    fields
}

/// A cargo feature name: the module-style name of the object, clear of cargo's own names.
pub(crate) fn feature_name(object: &str) -> String {
    let name = module_name(&object.replace('.', "_")).trim_start_matches("r#").to_owned();
    match name.as_str() {
        "default" | FULL => format!("{name}_resource"),
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = r##"
openapi: 3.0.0
info: {title: t, version: '1'}
paths:
  /v1/customers:
    get:
      operationId: GetCustomers
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/customer'}}}}}
  /v1/customers/{customer}/discount:
    get:
      operationId: GetCustomersCustomerDiscount
      parameters: [{name: customer, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/discount'}}}}}
  /v1/customers/{customer}/sources/{id}:
    get:
      operationId: GetCustomersCustomerSourcesId
      parameters:
      - {name: customer, in: path, required: true, schema: {type: string}}
      - {name: id, in: path, required: true, schema: {type: string}}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/payment_source'}}}}}
  /v1/charges:
    get:
      operationId: GetCharges
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/charge'}}}}}
components:
  schemas:
    customer:
      type: object
      required: [id, address]
      properties:
        id: {type: string}
        object: {type: string, enum: [customer]}
        address: {$ref: '#/components/schemas/address'}
        discount: {$ref: '#/components/schemas/discount'}
        default_source:
          anyOf:
          - {type: string, maxLength: 5000}
          - {$ref: '#/components/schemas/payment_source'}
          x-expansionResources: {oneOf: [{$ref: '#/components/schemas/payment_source'}]}
    charge:
      type: object
      required: [id]
      properties:
        id: {type: string}
        object: {type: string, enum: [charge]}
        billing: {$ref: '#/components/schemas/address'}
        customer:
          anyOf:
          - {type: string, maxLength: 5000}
          - {$ref: '#/components/schemas/customer'}
          x-expansionResources: {oneOf: [{$ref: '#/components/schemas/customer'}]}
    address:
      type: object
      properties:
        city: {type: string}
    discount:
      type: object
      required: [id]
      properties:
        id: {type: string}
        object: {type: string, enum: [discount]}
    card:
      type: object
      required: [id]
      properties:
        id: {type: string}
        object: {type: string, enum: [card]}
    bank_account:
      type: object
      required: [id]
      properties:
        id: {type: string}
        object: {type: string, enum: [bank_account]}
    payment_source:
      anyOf:
      - {$ref: '#/components/schemas/card'}
      - {$ref: '#/components/schemas/bank_account'}
    unused:
      type: object
      properties:
        city: {type: string}
"##;

    fn api() -> Api {
        crate::lower::lowered(SPEC)
    }

    fn gates() -> Gates {
        crate::lower::gates(&api())
    }

    fn set(features: &[&str]) -> FeatureSet {
        features.iter().map(|f| (*f).to_owned()).collect()
    }

    fn model(name: &str) -> Module {
        Module::Model(name.to_owned())
    }

    #[test]
    fn every_object_has_a_feature_and_services_take_their_objects() {
        let gates = gates();
        let names: Vec<&str> = gates.features.keys().map(String::as_str).collect();
        assert_eq!(names, ["bank_account", "card", "charge", "customer", "discount"]);
        assert_eq!(gates.features["customer"], [vec!["customers".to_owned()]]);
        assert!(gates.features["card"].is_empty());
    }

    #[test]
    fn an_operation_belongs_to_the_resource_it_answers_with() {
        let gates = gates();
        let operation = |id: &str| gates.operations.get(id).cloned();
        assert_eq!(operation("GetCustomers"), Some(Gate::any(set(&["customer"]))));
        assert_eq!(operation("GetCustomersCustomerDiscount"), Some(Gate::any(set(&["discount"]))));
        assert_eq!(gates.features["discount"], [vec!["customers".to_owned()]]);
        // The service's file compiles with either.
        let file = gates.module(&Module::Api("customers".to_owned())).map(Gate::features);
        assert_eq!(file, Some(set(&["customer", "discount"])));
    }

    #[test]
    fn shared_types_follow_every_resource_that_holds_them() {
        let gates = gates();
        assert_eq!(gates.module(&model("address")), Some(&Gate::any(set(&["charge", "customer"]))));
        assert_eq!(gates.module(&model("customer")), Some(&Gate::any(set(&["customer"]))));
    }

    #[test]
    fn fields_holding_other_resources_exist_with_them() {
        let gates = gates();
        let field = |ty: &str, name: &str| gates.fields.get(&(ty.to_owned(), name.to_owned()));
        assert_eq!(field("Charge", "customer"), Some(&Gate::any(set(&["customer"]))));
        assert_eq!(field("Customer", "discount"), Some(&Gate::any(set(&["discount"]))));
        assert_eq!(field("Customer", "address"), None, "a plain type is compiled with its holder");
        // A union of objects compiles when each of its objects does.
        let union = Gate(vec![set(&["card"]), set(&["bank_account"])]);
        assert_eq!(field("Customer", "default_source"), Some(&union));
        assert_eq!(gates.types.get("PaymentSource"), Some(&union));
        assert_eq!(gates.module(&model("payment_source")), None, "its file holds nothing else");
    }

    #[test]
    fn an_operation_answering_with_several_resources_objects_needs_each_of_them() {
        let gates = gates();
        let needs = Gate(vec![set(&["customer"]), set(&["bank_account"]), set(&["card"])]);
        assert_eq!(gates.operations.get("GetCustomersCustomerSourcesId"), Some(&needs));
        // Its resource's feature alone reaches neither object, and opens the service.
        assert_eq!(gates.module(&model("card")), Some(&Gate::any(set(&["card"]))));
        let customers = ["customers".to_owned()];
        assert_eq!(gates.service(&api(), &customers), Some(Gate::any(set(&["customer", "discount"]))));
    }

    #[test]
    fn what_nothing_reaches_comes_with_full() {
        assert_eq!(gates().module(&model("unused")), Some(&Gate::any(set(&[FULL]))));
    }

    #[test]
    fn feature_names_are_cargo_names_clear_of_cargo_s_own() {
        assert_eq!(feature_name("climate.order"), "climate_order");
        assert_eq!(feature_name("full"), "full_resource");
        assert_eq!(feature_name("default"), "default_resource");
        assert_eq!(feature_name("3d.secure"), "three_d_secure");
    }

    #[test]
    fn a_gate_is_implied_by_a_narrower_one() {
        let wide = Gate::any(set(&["a", "b"]));
        let narrow = Gate::any(set(&["a"]));
        assert!(wide.implied_by(&narrow));
        assert!(!narrow.implied_by(&wide));
        assert!(Gate(vec![set(&["a"]), set(&["b", "c"])]).implied_by(&Gate(vec![set(&["a"]), set(&["b"])])));
        let both = Gate(vec![set(&["a"]), set(&["b", "c"])]).and(&Gate(vec![set(&["b", "c"]), set(&["d"])]));
        assert_eq!(both, Gate(vec![set(&["a"]), set(&["b", "c"]), set(&["d"])]), "a shared set is kept once");
    }
}
