//! The graph the feature gates are decided on: which unit (a model module, a service's file, a
//! type apart) needs which, with the references to other resources' objects cut.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::features::Unit;
use crate::ir::{Api, Module, Operation, TypeDef, TypeRef};

/// The graph of what compiles with what.
pub(super) struct Graph<'a> {
    pub(super) unit_of: BTreeMap<&'a str, Unit>,
    /// Object types by name, with their `object` value.
    pub(super) objects: BTreeMap<&'a str, &'a str>,
    /// Unions whose every alternative is an object type or such a union, with those types.
    pub(super) object_unions: BTreeMap<&'a str, ObjectUnion<'a>>,
    /// For each unit, the units it needs: every reference that is not cut.
    pub(super) edges: BTreeMap<Unit, BTreeSet<Unit>>,
    /// For each unit, the units that refer to it in any way.
    pub(super) referrers: BTreeMap<Unit, BTreeSet<Unit>>,
}

impl<'a> Graph<'a> {
    pub(super) fn new(api: &'a Api) -> Self {
        let objects = object_values(api);
        let object_unions = object_unions(api, &objects);
        // A union of objects compiles apart from its model's file, only when its objects do: it is
        // not what makes the file hold other resources' objects (`Customer.default_source`).
        let unit_of: BTreeMap<&str, Unit> = api
            .types
            .iter()
            .map(|t| {
                let unit = match t.module() {
                    Module::Api(_) => Unit::Type(t.name().to_owned()),
                    _ if object_unions.contains_key(t.name()) => Unit::Type(t.name().to_owned()),
                    model => Unit::Module(model.clone()),
                };
                (t.name(), unit)
            })
            .collect();
        let mut graph = Graph { unit_of, objects, object_unions, edges: BTreeMap::new(), referrers: BTreeMap::new() };
        for ty in &api.types {
            let from = graph.unit(ty.name());
            // A union holds its variants whole: only a struct's field can be cut.
            let references: Vec<(&str, bool)> =
                ty.references().map(|r| (r.target, r.field.is_some() && graph.is_cut(r.ty))).collect();
            graph.edges.entry(from.clone()).or_default();
            for (name, cut) in references {
                let Some(to) = graph.unit_of.get(name).cloned() else { continue };
                if to == from {
                    continue;
                }
                graph.referrers.entry(to.clone()).or_default().insert(from.clone());
                if !cut {
                    graph.edges.entry(from.clone()).or_default().insert(to);
                }
            }
        }
        graph
    }

    pub(super) fn unit(&self, name: &str) -> Unit {
        self.unit_of.get(name).cloned().unwrap_or_else(|| Unit::Type(name.to_owned()))
    }

    pub(super) fn all_units(&self) -> BTreeSet<Unit> {
        self.unit_of.values().cloned().collect()
    }

    /// Whether a struct field of this type holds another resource's object.
    pub(super) fn is_cut(&self, ty: &TypeRef) -> bool {
        let resource = ty.named().is_some_and(|n| self.objects.contains_key(n) || self.object_unions.contains_key(n));
        resource || expandable(ty)
    }

    /// What an operation needs: its service's file, its parameters and its response, unless that
    /// is one of several resources' objects (see [`operation_gate`]).
    pub(super) fn operation_units(&self, api: &Api, op: &Operation) -> Vec<Unit> {
        let mut out = Vec::new();
        if let Some(module) = api.services.get(&op.service_path()).and_then(|names| names.module.clone()) {
            out.push(Unit::Module(Module::Api(module)));
        }
        let response = op.response.named().filter(|name| !self.object_unions.contains_key(name));
        for name in op.params.as_deref().into_iter().chain(response) {
            if let Some(unit) = self.unit_of.get(name) {
                out.push(unit.clone());
            }
        }
        out
    }

    /// Every unit reachable from `start` along the edges, `start` included.
    pub(super) fn reach(&self, start: impl IntoIterator<Item = Unit>) -> BTreeSet<Unit> {
        let mut seen = BTreeSet::new();
        let mut queue: VecDeque<Unit> = start.into_iter().collect();
        while let Some(unit) = queue.pop_front() {
            if !seen.insert(unit.clone()) {
                continue;
            }
            if let Some(next) = self.edges.get(&unit) {
                queue.extend(next.iter().filter(|u| !seen.contains(*u)).cloned());
            }
        }
        seen
    }
}

/// The object types by name, with their `object` value.
fn object_values(api: &Api) -> BTreeMap<&str, &str> {
    api.types
        .iter()
        .filter_map(|t| match t {
            TypeDef::Struct(s) => s.object_name.as_deref().map(|o| (s.name.as_str(), o)),
            _ => None,
        })
        .collect()
}

/// A union whose every alternative is an object type or such a union (a payment source; a payment
/// source or a deleted one).
pub(super) struct ObjectUnion<'a> {
    /// Its alternatives' types.
    pub(super) alternatives: Vec<&'a str>,
    /// The object types it may hold, through inner unions too.
    pub(super) objects: Vec<&'a str>,
}

/// The unions of objects, by name.
fn object_unions<'a>(api: &'a Api, objects: &BTreeMap<&'a str, &'a str>) -> BTreeMap<&'a str, ObjectUnion<'a>> {
    let unions: Vec<_> =
        api.types.iter().filter_map(|t| if let TypeDef::Union(u) = t { Some(u) } else { None }).collect();
    let mut found: BTreeMap<&str, ObjectUnion<'a>> = BTreeMap::new();
    // Until no union is added: a union of unions waits for its alternatives.
    loop {
        let before = found.len();
        for union in &unions {
            if found.contains_key(union.name.as_str()) {
                continue;
            }
            let alternatives: Option<Vec<&str>> = union.variants.iter().map(|v| v.ty.named()).collect();
            let Some(alternatives) = alternatives.filter(|a| !a.is_empty()) else { continue };
            let held: Option<Vec<Vec<&str>>> = alternatives
                .iter()
                .map(|name| match found.get(name) {
                    Some(inner) => Some(inner.objects.clone()),
                    None => objects.contains_key(name).then(|| vec![*name]),
                })
                .collect();
            if let Some(held) = held {
                found.insert(union.name.as_str(), ObjectUnion { alternatives, objects: held.concat() });
            }
        }
        if found.len() == before {
            return found;
        }
    }
}

/// Whether the reference reaches its type through an expandable field.
fn expandable(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Expandable(_) => true,
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Clearable(inner) => expandable(inner),
        _ => false,
    }
}
