//! The set of named types being built: names are unique, identical enums and identical titled
//! structs are shared, and components are lowered once.

use std::collections::{BTreeMap, HashMap};

use crate::error::Error;
use crate::ir::{EnumDef, TypeDef, TypeRef};

/// Names reserved by the hand-written runtime, which generated names must not shadow.
const RUNTIME_NAMES: &[&str] = &[
    "Client",
    "ClientBuilder",
    "Error",
    "ApiError",
    "List",
    "SearchList",
    "Expandable",
    "Clearable",
    "RequestOptions",
    "ListRequest",
    "Timestamp",
    "Decimal",
    "Object",
    "Event",
    "Value",
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
];

pub(crate) struct Registry {
    types: Vec<TypeDef>,
    by_name: HashMap<String, usize>,
    /// Enum values (sorted) -> the enum's name, so one set of values is one type.
    enums_by_values: HashMap<Vec<String>, String>,
    /// Component schema name -> its lowered type (inserted before lowering, for recursion).
    components: HashMap<String, TypeRef>,
    renames: BTreeMap<String, String>,
    /// Names taken by things that are not types (services, namespaces), with who took them.
    reserved: HashMap<String, String>,
}

impl Registry {
    pub(crate) fn new(renames: &BTreeMap<String, String>) -> Self {
        let reserved = RUNTIME_NAMES
            .iter()
            .map(|n| ((*n).to_owned(), "the client runtime".to_owned()))
            .collect();
        Registry {
            types: Vec::new(),
            by_name: HashMap::new(),
            enums_by_values: HashMap::new(),
            components: HashMap::new(),
            renames: renames.clone(),
            reserved,
        }
    }

    /// The name to use for a generated name: the configured rename, else the name itself, moved
    /// out of the way of the runtime's names.
    pub(crate) fn final_name(&self, name: &str) -> String {
        if let Some(renamed) = self.renames.get(name) {
            return renamed.clone();
        }
        if RUNTIME_NAMES.contains(&name) {
            return format!("{name}Object");
        }
        name.to_owned()
    }

    pub(crate) fn component(&self, name: &str) -> Option<&TypeRef> {
        self.components.get(name)
    }

    pub(crate) fn set_component(&mut self, name: &str, ty: TypeRef) {
        self.components.insert(name.to_owned(), ty);
    }

    pub(crate) fn get(&self, name: &str) -> Option<&TypeDef> {
        self.by_name.get(name).map(|i| &self.types[*i])
    }

    /// Reserves a name for something that is not a type (a service struct).
    pub(crate) fn reserve(&mut self, name: &str, owner: &str, pointer: &str) -> Result<(), Error> {
        if let Some(other) = self.describe(name) {
            return Err(Error::NameCollision {
                pointer: pointer.to_owned(),
                name: name.to_owned(),
                other,
            });
        }
        self.reserved.insert(name.to_owned(), owner.to_owned());
        Ok(())
    }

    fn describe(&self, name: &str) -> Option<String> {
        if let Some(owner) = self.reserved.get(name) {
            return Some(owner.clone());
        }
        self.get(name)
            .map(|t| format!("a type in module `{}`", t.module()))
    }

    /// Adds a type under a name nobody has; `pointer` is for the error otherwise.
    pub(crate) fn add(&mut self, def: TypeDef, pointer: &str) -> Result<(), Error> {
        let name = def.name().to_owned();
        if let Some(other) = self.describe(&name) {
            return Err(Error::NameCollision {
                pointer: pointer.to_owned(),
                name,
                other,
            });
        }
        self.by_name.insert(name, self.types.len());
        self.types.push(def);
        Ok(())
    }

    /// Replaces a placeholder added earlier under the same name.
    pub(crate) fn replace(&mut self, def: TypeDef) {
        if let Some(index) = self.by_name.get(def.name()) {
            self.types[*index] = def;
        }
    }

    /// Removes a placeholder that turned out not to be needed.
    pub(crate) fn remove(&mut self, name: &str) {
        if self.by_name.remove(name).is_some() {
            self.types.retain(|t| t.name() != name);
            self.by_name = self
                .types
                .iter()
                .enumerate()
                .map(|(i, t)| (t.name().to_owned(), i))
                .collect();
        }
    }

    /// The existing enum with exactly these values, if any.
    pub(crate) fn enum_with_values(&self, values: &[String]) -> Option<&str> {
        self.enums_by_values
            .get(&sorted(values))
            .map(String::as_str)
    }

    pub(crate) fn add_enum(&mut self, def: EnumDef, pointer: &str) -> Result<(), Error> {
        let values: Vec<String> = def.variants.iter().map(|v| v.wire.clone()).collect();
        let name = def.name.clone();
        self.add(TypeDef::Enum(def), pointer)?;
        self.enums_by_values.insert(sorted(&values), name);
        Ok(())
    }

    pub(crate) fn into_types(self) -> Vec<TypeDef> {
        self.types
    }
}

fn sorted(values: &[String]) -> Vec<String> {
    let mut values = values.to_vec();
    values.sort();
    values
}
