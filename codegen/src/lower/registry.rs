//! The set of named types being built: names are unique, identical enums are shared, components
//! keep their own names, and each component is lowered once.

use std::collections::{HashMap, HashSet};

use super::reserved::reserved_names;
use crate::error::Error;
use crate::ir::{EnumDef, TypeDef, TypeRef};
use crate::names::{type_name, Case, Scope};
use crate::settings::Names;

pub(crate) struct Registry {
    /// In order of creation; `None` where a placeholder was removed.
    types: Vec<Option<TypeDef>>,
    by_name: HashMap<String, usize>,
    /// Enum values (sorted) -> the enum's name, so one set of values is one type.
    enums_by_values: HashMap<Vec<String>, String>,
    /// Component schema name -> its lowered type (inserted before lowering, for recursion).
    components: HashMap<String, TypeRef>,
    names: Names,
    /// Names taken by things that are not types (services, namespaces), with who took them.
    reserved: HashMap<String, String>,
    /// The names components will take: inline types give way to them.
    component_names: HashSet<String>,
    /// Component schema name -> its Rust name, told apart where two convert alike.
    component_rust_names: HashMap<String, String>,
    /// The components being lowered, innermost last.
    defining: Vec<String>,
    /// Fields given a type by name (`names.yaml`), with where: checked once everything is lowered.
    retyped: Vec<(String, String)>,
}

impl Registry {
    pub(crate) fn new(names: &Names) -> Self {
        let reserved = reserved_names().iter().map(|n| (n.clone(), "the client runtime".to_owned())).collect();
        Registry {
            types: Vec::new(),
            by_name: HashMap::new(),
            enums_by_values: HashMap::new(),
            components: HashMap::new(),
            names: names.clone(),
            reserved,
            component_names: HashSet::new(),
            component_rust_names: HashMap::new(),
            defining: Vec::new(),
            retyped: Vec::new(),
        }
    }

    /// Names every component up front, in spec order, so inline types never take their names and
    /// two schemas whose names convert alike (`foo.bar`, `foo_bar`) stay two types.
    pub(crate) fn name_components<'n>(&mut self, names: impl IntoIterator<Item = &'n str>) {
        let reserved: Vec<&str> = reserved_names().iter().map(String::as_str).collect();
        let mut scope = Scope::with_reserved(Case::Camel, &reserved);
        for name in names {
            let rust_name = scope.claim(&self.final_name(&type_name(name)));
            self.component_names.insert(rust_name.clone());
            self.component_rust_names.insert(name.to_owned(), rust_name);
        }
    }

    /// The Rust name of the component schema `name`.
    pub(crate) fn component_rust_name(&self, name: &str) -> String {
        self.component_rust_names.get(name).cloned().unwrap_or_else(|| self.final_name(&type_name(name)))
    }

    /// Marks the start and end of lowering the component named `name`.
    pub(crate) fn begin_component(&mut self, name: &str) {
        self.defining.push(name.to_owned());
    }

    pub(crate) fn end_component(&mut self) {
        self.defining.pop();
    }

    /// A free name for a new type the generator would call `generated`: its final name (see
    /// [`Registry::final_name`]) if nobody has it (a component's name only for that component), else
    /// that name with `suffix`, then numbered.
    pub(crate) fn claim(&self, generated: &str, suffix: &str) -> String {
        let name = self.final_name(generated);
        let free = |candidate: &str| {
            let component_owned =
                self.component_names.contains(candidate) && self.defining.last().map(String::as_str) != Some(candidate);
            !component_owned && self.describe(candidate).is_none()
        };
        if free(&name) {
            return name;
        }
        let with_suffix = format!("{name}{suffix}");
        if free(&with_suffix) {
            return with_suffix;
        }
        (2..).map(|n| format!("{with_suffix}{n}")).find(|c| free(c)).unwrap_or(with_suffix)
    }

    /// The name to use for a generated name: the configured rename, else the name itself, moved
    /// out of the way of the runtime's names.
    pub(crate) fn final_name(&self, name: &str) -> String {
        if let Some(renamed) = self.names.renames.get(name) {
            return renamed.clone();
        }
        if reserved_names().iter().any(|n| n == name) {
            return format!("{name}Resource");
        }
        name.to_owned()
    }

    /// The enum a field's string values belong to, when `names.yaml` says so (`Type.field: Enum`):
    /// Stripe's spec types some such fields as plain strings.
    pub(crate) fn field_type(&self, type_name: &str, field: &str) -> Option<String> {
        self.names.field_types.get(&format!("{type_name}.{field}")).cloned()
    }

    /// A string (or list of strings) field retyped to hold `target`; it must be a generated type by
    /// the end of lowering, which [`Registry::check_retyped`] verifies.
    pub(crate) fn retype(&mut self, ty: TypeRef, target: &str, pointer: &str) -> Result<TypeRef, Error> {
        self.retyped.push((target.to_owned(), pointer.to_owned()));
        match ty {
            TypeRef::String => Ok(TypeRef::Named(target.to_owned())),
            TypeRef::Vec(inner) if *inner == TypeRef::String => {
                Ok(TypeRef::Vec(Box::new(TypeRef::Named(target.to_owned()))))
            }
            other => Err(Error::unsupported(
                pointer,
                format!("retyping a {other:?} field to `{target}`: only strings can be"),
            )),
        }
    }

    /// Every retyped field names a type that exists.
    pub(crate) fn check_retyped(&self) -> Result<(), Error> {
        match self.retyped.iter().find(|(target, _)| self.get(target).is_none()) {
            Some((target, pointer)) => {
                Err(Error::unsupported(pointer, format!("no generated type `{target}` to give this field")))
            }
            None => Ok(()),
        }
    }

    pub(crate) fn component(&self, name: &str) -> Option<&TypeRef> {
        self.components.get(name)
    }

    pub(crate) fn set_component(&mut self, name: &str, ty: TypeRef) {
        self.components.insert(name.to_owned(), ty);
    }

    pub(crate) fn get(&self, name: &str) -> Option<&TypeDef> {
        self.by_name.get(name).and_then(|i| self.types[*i].as_ref())
    }

    /// Reserves a name for something that is not a type (a service struct).
    pub(crate) fn reserve(&mut self, name: &str, owner: &str, pointer: &str) -> Result<(), Error> {
        if let Some(other) = self.describe(name) {
            return Err(Error::NameCollision { pointer: pointer.to_owned(), name: name.to_owned(), other });
        }
        self.reserved.insert(name.to_owned(), owner.to_owned());
        Ok(())
    }

    fn describe(&self, name: &str) -> Option<String> {
        if let Some(owner) = self.reserved.get(name) {
            return Some(owner.clone());
        }
        self.get(name).map(|t| format!("a type in module `{}`", t.module()))
    }

    /// Adds a type under a name nobody has; `pointer` is for the error otherwise.
    pub(crate) fn add(&mut self, def: TypeDef, pointer: &str) -> Result<(), Error> {
        let name = def.name().to_owned();
        if let Some(other) = self.describe(&name) {
            return Err(Error::NameCollision { pointer: pointer.to_owned(), name, other });
        }
        self.by_name.insert(name, self.types.len());
        self.types.push(Some(def));
        Ok(())
    }

    /// Replaces a placeholder added earlier under the same name.
    pub(crate) fn replace(&mut self, def: TypeDef) {
        if let Some(index) = self.by_name.get(def.name()) {
            self.types[*index] = Some(def);
        }
    }

    /// Removes a placeholder that turned out not to be needed.
    pub(crate) fn remove(&mut self, name: &str) {
        if let Some(index) = self.by_name.remove(name) {
            self.types[index] = None;
        }
    }

    /// The existing enum with exactly these values, if any.
    pub(crate) fn enum_with_values(&self, values: &[String]) -> Option<&str> {
        self.enums_by_values.get(&sorted(values)).map(String::as_str)
    }

    pub(crate) fn add_enum(&mut self, def: EnumDef, pointer: &str) -> Result<(), Error> {
        let values: Vec<String> = def.variants.iter().map(|v| v.wire.clone()).collect();
        let name = def.name.clone();
        self.add(TypeDef::Enum(def), pointer)?;
        self.enums_by_values.insert(sorted(&values), name);
        Ok(())
    }

    pub(crate) fn into_types(self) -> Vec<TypeDef> {
        self.types.into_iter().flatten().collect()
    }
}

fn sorted(values: &[String]) -> Vec<String> {
    let mut values = values.to_vec();
    values.sort();
    values
}
