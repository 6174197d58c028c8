//! Stage 2: the OpenAPI document into the IR. Every Stripe idiom is decided here, once.

mod boxing;
pub mod docs;
mod fallback_docs;
mod operation;
mod registry;
mod schema;

use std::collections::BTreeMap;

use openapiv3::OpenAPI;

use crate::error::Error;
use crate::ir::Api;
use crate::pointer;
use registry::Registry;

/// Lowers a document. `renames` maps generated type names to the names to use instead.
pub fn lower(document: &OpenAPI, renames: &BTreeMap<String, String>) -> Result<Api, Error> {
    let mut lowerer = Lowerer { document, registry: Registry::new(renames) };
    if let Some(components) = &document.components {
        let names: Vec<String> = components
            .schemas
            .keys()
            .filter_map(|k| crate::names::type_name(k))
            .map(|n| lowerer.registry.final_name(&n))
            .collect();
        lowerer.registry.reserve_component_names(names);
        for name in components.schemas.keys() {
            lowerer.component(name, &pointer::join("/components/schemas", name))?;
        }
    }
    let operations = operation::lower_all(&mut lowerer)?;
    lowerer.registry.check_retyped()?;
    let mut types = lowerer.registry.into_types();
    boxing::box_recursive_fields(&mut types);
    fallback_docs::fill_missing_docs(&mut types);
    Ok(Api { version: document.info.version.clone(), types, operations })
}

/// The state of one lowering run.
pub(crate) struct Lowerer<'a> {
    pub(crate) document: &'a OpenAPI,
    pub(crate) registry: Registry,
}
