//! Stage 2: the OpenAPI document into the IR. Every Stripe idiom is decided here, once.

mod boxing;
mod composition;
mod decisions;
pub mod docs;
mod enum_values;
mod fallback_docs;
mod feature_graph;
mod features;
mod identifiers;
mod operation;
mod params;
mod references;
mod registry;
pub mod reserved;
mod routes;
mod schema;
pub mod secrets;

use openapiv3::OpenAPI;

use crate::error::Error;
use crate::ir::{Api, Gates};
use crate::pointer;
use crate::settings::Names;
use registry::Registry;

/// The IR of a spec given as YAML text (which must load), or why it cannot be lowered: for the
/// unit tests of lowering and emission.
#[cfg(test)]
pub(crate) fn lowering(yaml: &str) -> Result<Api, Error> {
    let spec = crate::load::load(&[crate::load::Source::new("spec.yaml", yaml)]).expect("loads");
    lower(&spec.document, &Names::default())
}

/// [`lowering`], for a spec that lowers.
#[cfg(test)]
pub(crate) fn lowered(yaml: &str) -> Api {
    lowering(yaml).expect("lowers")
}

/// Which cargo feature compiles what in `api`, for crates that compile only the resources a user
/// asks for ([`crate::Settings::resource_features`]); decided only when asked, since a crate
/// with everything always on has no use for it.
pub fn gates(api: &Api) -> Gates {
    features::decide(api)
}

/// Lowers a document, with the names chosen by hand.
pub fn lower(document: &OpenAPI, names: &Names) -> Result<Api, Error> {
    let mut lowerer = Lowerer { document, registry: Registry::new(names) };
    if let Some(components) = &document.components {
        lowerer.registry.name_components(components.schemas.keys().map(String::as_str));
        for name in components.schemas.keys() {
            lowerer.component(name, &pointer::join("/components/schemas", name))?;
        }
    }
    let (operations, services) = operation::lower_all(&mut lowerer)?;
    lowerer.registry.check_retyped()?;
    let mut types = lowerer.registry.into_types();
    enum_values::add(&mut types, &names.enum_values)?;
    boxing::box_recursive_fields(&mut types);
    fallback_docs::fill_missing_docs(&mut types);
    let mut api = Api { version: document.info.version.clone(), types, operations, services, ..Api::default() };
    decisions::decide(&mut api, names);
    identifiers::check(&api)?;
    Ok(api)
}

/// The state of one lowering run.
pub(crate) struct Lowerer<'a> {
    pub(crate) document: &'a OpenAPI,
    pub(crate) registry: Registry,
}
