//! When generated items compile: the cargo features their gates name.

use std::collections::{BTreeMap, BTreeSet};

use super::*;

/// Cargo features, of which any one will do.
pub type FeatureSet = BTreeSet<String>;

/// When an item compiles: when every set has one of its features on. Most gates hold one set; a
/// union of several resources' objects needs one feature of each.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Gate(pub Vec<FeatureSet>);

impl Gate {
    /// Compiles when any of `features` is on.
    pub fn any(features: FeatureSet) -> Gate {
        Gate(vec![features])
    }

    /// Whether this gate is open whenever `other` is: each of its sets holds all of one of
    /// `other`'s.
    pub fn implied_by(&self, other: &Gate) -> bool {
        self.0.iter().all(|need| other.0.iter().any(|have| need.is_superset(have)))
    }

    /// Whether this gate asks for more than `file`, the gate of the file its item is in (none:
    /// the file always compiles): then the item needs a gate of its own.
    pub fn asks_more_than(&self, file: Option<&Gate>) -> bool {
        file.is_none_or(|f| !self.implied_by(f))
    }

    /// Compiles when both this gate and `other` do (a set both hold is kept once).
    pub fn and(&self, other: &Gate) -> Gate {
        let mut sets = self.0.clone();
        sets.extend(other.0.iter().filter(|set| !self.0.contains(set)).cloned());
        Gate(sets)
    }

    /// Every feature the gate names.
    pub fn features(&self) -> FeatureSet {
        self.0.iter().flatten().cloned().collect()
    }
}

/// Which cargo feature compiles what, for a crate that lets its users compile only the resources
/// they use. Whatever is not listed is always compiled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gates {
    /// Each resource's feature, named after its object (`customer`, `climate_order`), with the
    /// paths of the services whose operations it enables.
    pub features: BTreeMap<String, Vec<Vec<String>>>,
    /// When each module compiles: with the features whose operations or objects reach it.
    pub modules: BTreeMap<Module, Gate>,
    /// When each type of a service's file compiles, by name: that file holds the parameters of
    /// operations of several resources.
    pub types: BTreeMap<String, Gate>,
    /// When each operation compiles, by `operationId`: first with the feature of the object it
    /// answers with (its resource), then, when it answers with one of several resources' objects,
    /// with a feature of each of those.
    pub operations: BTreeMap<String, Gate>,
    /// Fields holding another resource's object, by type name and field identifier: each exists
    /// when that object's type compiles.
    pub fields: BTreeMap<(String, String), Gate>,
}

impl Gates {
    /// When `module` compiles; `None` when it always does.
    pub fn module(&self, module: &Module) -> Option<&Gate> {
        self.modules.get(module)
    }

    /// The gate a type compiles under apart from its file, when it needs more than the file.
    pub fn own_type_gate(&self, ty: &TypeDef) -> Option<&Gate> {
        self.types.get(ty.name()).filter(|g| g.asks_more_than(self.module(ty.module())))
    }

    /// When the named type's module compiles.
    pub fn type_gate(&self, api: &Api, name: &str) -> Option<&Gate> {
        api.types.iter().find(|t| t.name() == name).and_then(|t| self.module(t.module()))
    }

    /// When the service or namespace at `path` (`["climate"]`) opens, its struct included: with
    /// the feature of any operation under it; `None` when one of them is always compiled.
    pub fn service(&self, api: &Api, path: &[String]) -> Option<Gate> {
        let mut union = FeatureSet::new();
        for op in api.operations.iter().filter(|op| op.is_under(path)) {
            // The operation's own resource: whatever else it needs, it needs that.
            union.extend(self.operations.get(&op.operation_id)?.0.first().cloned().unwrap_or_default());
        }
        (!union.is_empty()).then(|| Gate::any(union))
    }
}
