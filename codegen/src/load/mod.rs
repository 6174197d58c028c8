//! Stage 1: text to one OpenAPI document.
//!
//! The description may be split over several fragments (Stripe's published part and the part this
//! project writes itself). The first source is the base document; later ones add `paths` and
//! `components.schemas`. A key defined twice must be defined identically, else it is a conflict.

use serde::Deserialize;
use serde_yaml::{Mapping, Value};

use crate::error::Error;
use crate::pointer;

mod pieces;
mod unique_keys;

/// One file of the description: a name for messages and its text (YAML or JSON).
#[derive(Clone, Debug)]
pub struct Source {
    /// How errors refer to this source, usually its path.
    pub name: String,
    /// The file's contents.
    pub text: String,
}

impl Source {
    /// A source from its name and text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Source { name: name.into(), text: text.into() }
    }
}

/// A loaded description.
#[derive(Clone, Debug)]
pub struct Spec {
    /// The typed OpenAPI document.
    pub document: openapiv3::OpenAPI,
    /// The names of the sources, in order.
    pub source_names: Vec<String>,
}

/// Parses and merges the sources, then reads the result as OpenAPI 3.0.
pub fn load(sources: &[Source]) -> Result<Spec, Error> {
    let source_names = sources.iter().map(|s| s.name.clone()).collect();
    if let [only] = sources {
        // One large document needs no merging: read it straight into the typed model (in pieces
        // when its layout allows), which is the expensive part for Stripe's 4 MB spec; a tree is
        // only built to report an error. Such a text is not checked for keys given twice (the
        // check would cost as much as the read; Stripe's files are written by a program), but a
        // path or schema given twice leaves the pieces an entry short, and the checked tree
        // below names it. Smaller texts are read through the checked tree.
        if only.text.len() >= UNCHECKED_FROM {
            if let Some(document) = read_in_pieces(&only.text) {
                return Ok(Spec { document, source_names });
            }
            if let Some(document) = without_panic(|| serde_yaml::from_str::<openapiv3::OpenAPI>(&only.text).ok()) {
                return Ok(Spec { document, source_names });
            }
        }
        let tree = unique_tree(only)?;
        let document = read_openapi(&tree, &only.name)?;
        return Ok(Spec { document, source_names });
    }
    let tree = merge(sources)?;
    let document = read_openapi(&tree, sources.first().map_or("", |s| s.name.as_str()))?;
    Ok(Spec { document, source_names })
}

/// How long a text must be to be read in pieces, on several threads, without looking for keys
/// given twice: reading a tree that checks them costs as much again.
const UNCHECKED_FROM: usize = 1 << 20;

/// The source's YAML tree, refused if one of its mappings gives a key twice.
fn unique_tree(source: &Source) -> Result<Value, Error> {
    unique_keys::tree(&source.text).map_err(|refused| match refused {
        unique_keys::Refused::Twice { pointer, message } => {
            Error::Invalid { file: source.name.clone(), pointer, message }
        }
        unique_keys::Refused::Syntax(message) => Error::Syntax { file: source.name.clone(), message },
    })
}

/// Runs one of openapiv3's reads, which can panic on malformed input: it reads a `$ref`-or-item
/// through an untagged enum that, when both fail, reads a copy of the value again to word the
/// error, and panics if the copy reads fine. The copy forgets what the text's own reader refused
/// (a key given twice), so that happens. A panic is a failed read here: the caller then reads the
/// text another way, which names the problem and its place.
pub(crate) fn without_panic<T>(read: impl FnOnce() -> Option<T>) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).ok().flatten()
}

/// One description read in parallel pieces, as [`load`] does for a large single-file spec; `None`
/// when its layout does not allow it or a piece fails, and it must be read in one pass.
pub fn read_in_pieces(text: &str) -> Option<openapiv3::OpenAPI> {
    pieces::read(text)
}

/// One source's YAML tree, read in parallel pieces as [`read_in_pieces`] does; `None` when it must
/// be read in one pass.
pub fn tree_in_pieces(text: &str) -> Option<Value> {
    pieces::read(text)
}

/// How a bundled description is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// YAML, as `spec/` is written.
    Yaml,
    /// JSON: what tools that read YAML 1.1 (dates in enums) should be given.
    Json,
}

/// The merged description as one document, exactly what the generator reads.
pub fn bundle(sources: &[Source], format: Format) -> Result<String, Error> {
    // Checked as the generator reads it (a valid OpenAPI document), then written as merged, with
    // what only tools that serve and validate examples need (the generator never reads it).
    let mut tree = merge(sources)?;
    read_openapi(&tree, sources.first().map_or("", |s| s.name.as_str()))?;
    add_decimal_patterns(&mut tree);
    let written = match format {
        Format::Yaml => serde_yaml::to_string(&tree).map_err(|e| e.to_string()),
        Format::Json => {
            serde_json::to_value(&tree).and_then(|v| serde_json::to_string_pretty(&v)).map_err(|e| e.to_string())
        }
    };
    written.map_err(|message| Error::Syntax { file: "bundle".into(), message })
}

/// Parses one source into a YAML tree. A mapping that gives a key twice is refused (serde_yaml's
/// tree would keep one of them without a word), except in the large texts read in pieces.
pub fn parse(source: &Source) -> Result<Value, Error> {
    if source.text.len() >= UNCHECKED_FROM {
        if let Some(tree) = tree_in_pieces(&source.text) {
            return Ok(tree);
        }
    }
    unique_tree(source)
}

/// Every source parsed, one thread each; the first error in source order.
fn parse_in_parallel(sources: &[Source]) -> Result<Vec<Value>, Error> {
    std::thread::scope(|scope| {
        let parsing: Vec<_> = sources.iter().map(|source| scope.spawn(move || parse(source))).collect();
        parsing
            .into_iter()
            .zip(sources)
            .map(|(thread, source)| {
                thread.join().unwrap_or_else(|_| {
                    Err(Error::Syntax { file: source.name.clone(), message: "the YAML parser panicked".into() })
                })
            })
            .collect()
    })
}

fn merge(sources: &[Source]) -> Result<Value, Error> {
    let mut parsed = parse_in_parallel(sources)?.into_iter();
    let (Some((first, rest)), Some(mut base)) = (sources.split_first(), parsed.next()) else {
        return Err(Error::Invalid {
            file: "<none>".into(),
            pointer: String::new(),
            message: "no sources given".into(),
        });
    };
    let mut owners: Vec<(String, String)> = Vec::new();

    for (source, fragment) in rest.iter().zip(parsed) {
        let Value::Mapping(fragment) = fragment else {
            return Err(invalid(source, "", "a fragment must be a mapping"));
        };
        for (key, value) in fragment {
            match key.as_str() {
                Some("paths") => merge_section(&mut base, &["paths"], value, source, first, &mut owners)?,
                Some("components") => {
                    let Value::Mapping(components) = value else {
                        return Err(invalid(source, "/components", "must be a mapping"));
                    };
                    for (section, value) in components {
                        let Some(section) = section.as_str() else {
                            return Err(invalid(source, "/components", "keys must be strings"));
                        };
                        merge_section(&mut base, &["components", section], value, source, first, &mut owners)?;
                    }
                }
                _ => {
                    let key = key.as_str().unwrap_or("<non-string key>");
                    return Err(invalid(
                        source,
                        &pointer::join("", key),
                        "a fragment may only hold `paths` and `components`",
                    ));
                }
            }
        }
    }
    Ok(base)
}

/// The JSON Schema pattern that `format: decimal` implies.
pub const DECIMAL_PATTERN: &str = r"^-?[0-9]+(\.[0-9]+)?$";

/// An example decimal, for tools that show or serve examples.
pub const DECIMAL_EXAMPLE: &str = "1.25";

/// Spells out what `format: decimal` means for tools that do not know the format: mock servers
/// then generate, serve and validate real decimals instead of arbitrary text. A pattern or example
/// the spec already gives is kept.
fn add_decimal_patterns(value: &mut Value) {
    match value {
        Value::Mapping(map) => {
            let is_decimal = map.get("format").and_then(Value::as_str) == Some("decimal")
                && map.get("type").and_then(Value::as_str) == Some("string");
            if is_decimal && !map.contains_key("pattern") {
                map.insert("pattern".into(), DECIMAL_PATTERN.into());
            }
            if is_decimal && !map.contains_key("example") {
                map.insert("example".into(), DECIMAL_EXAMPLE.into());
            }
            for (_, child) in map.iter_mut() {
                add_decimal_patterns(child);
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(add_decimal_patterns),
        _ => {}
    }
}

fn merge_section(
    base: &mut Value,
    section: &[&str],
    additions: Value,
    source: &Source,
    first: &Source,
    owners: &mut Vec<(String, String)>,
) -> Result<(), Error> {
    let section_pointer: String = section.iter().fold(String::new(), |p, s| pointer::join(&p, s));
    let Value::Mapping(additions) = additions else {
        return Err(invalid(source, &section_pointer, "must be a mapping"));
    };
    let target = section_mut(base, section).ok_or_else(|| invalid(first, &section_pointer, "must be a mapping"))?;
    for (key, value) in additions {
        let Some(name) = key.as_str() else {
            return Err(invalid(source, &section_pointer, "keys must be strings"));
        };
        let at = pointer::join(&section_pointer, name);
        match target.get(&key) {
            Some(existing) if *existing == value => {}
            Some(_) => {
                let first_owner =
                    owners.iter().find(|(p, _)| *p == at).map(|(_, o)| o.clone()).unwrap_or_else(|| first.name.clone());
                return Err(Error::Conflict { pointer: at, first: first_owner, second: source.name.clone() });
            }
            None => {
                owners.push((at, source.name.clone()));
                target.insert(key, value);
            }
        }
    }
    Ok(())
}

/// The mapping at `path`, created empty where missing; `None` if something on the way is not a mapping.
fn section_mut<'a>(root: &'a mut Value, path: &[&str]) -> Option<&'a mut Mapping> {
    let mut current = root;
    for key in path {
        let Value::Mapping(map) = current else {
            return None;
        };
        current = map.entry(Value::from(*key)).or_insert_with(|| Value::Mapping(Mapping::new()));
    }
    match current {
        Value::Mapping(map) => Some(map),
        _ => None,
    }
}

fn read_openapi(tree: &Value, file: &str) -> Result<openapiv3::OpenAPI, Error> {
    // Tracking the path costs time; only a failed read needs it.
    if let Some(document) = without_panic(|| openapiv3::OpenAPI::deserialize(tree).ok()) {
        return Ok(document);
    }
    deserialize_at::<openapiv3::OpenAPI>(tree, "").map_err(|(pointer, message)| {
        // openapiv3 reads paths and schemas through untagged enums, which hide where inside them
        // the problem is; reading each part on its own finds the deepest place.
        let (pointer, message) = narrow(tree, &pointer).unwrap_or((pointer, message));
        Error::Invalid { file: file.to_owned(), pointer, message }
    })
}

/// Deserializes `value` (found at `at`), reporting the pointer of the first problem.
fn deserialize_at<T: serde::de::DeserializeOwned>(value: &Value, at: &str) -> Result<T, (String, String)> {
    let read = without_panic(|| Some(serde_path_to_error::deserialize::<_, T>(value)));
    let Some(read) = read else {
        return Err((at.to_owned(), "not a valid OpenAPI value here (openapiv3 cannot read it)".to_owned()));
    };
    read.map_err(|e| (path_pointer(at, e.path()), e.into_inner().to_string()))
}

/// The JSON pointer of the place serde_path_to_error found a problem at, below `at`.
fn path_pointer(at: &str, path: &serde_path_to_error::Path) -> String {
    path.iter().fold(at.to_owned(), |p, segment| {
        use serde_path_to_error::Segment;
        match segment {
            Segment::Seq { index } => format!("{p}/{index}"),
            Segment::Map { key } => pointer::join(&p, key),
            Segment::Enum { variant } => pointer::join(&p, variant),
            Segment::Unknown => p,
        }
    })
}

/// A more precise location for a problem reported at `/paths` or `/components/schemas`.
fn narrow(tree: &Value, pointer: &str) -> Option<(String, String)> {
    let section = |key: &str| tree.get(key).and_then(Value::as_mapping);
    if pointer == "/paths" || pointer.starts_with("/paths/") {
        for (path, item) in section("paths")? {
            let at = pointer::join("/paths", path.as_str().unwrap_or_default());
            let Some(item) = item.as_mapping() else {
                return Some((at, "a path item must be a mapping".into()));
            };
            for (method, operation) in item {
                let method = method.as_str().unwrap_or_default();
                let at = pointer::join(&at, method);
                let checked = match method {
                    "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace" => {
                        deserialize_at::<openapiv3::Operation>(operation, &at).map(|_| ())
                    }
                    "parameters" => {
                        deserialize_at::<Vec<openapiv3::ReferenceOr<openapiv3::Parameter>>>(operation, &at).map(|_| ())
                    }
                    _ => Ok(()),
                };
                if let Err(found) = checked {
                    return Some(found);
                }
            }
        }
    }
    let schemas = tree.get("components").and_then(|c| c.get("schemas")).and_then(Value::as_mapping)?;
    for (name, schema) in schemas {
        let at = pointer::join("/components/schemas", name.as_str().unwrap_or_default());
        if let Err(found) = deserialize_at::<openapiv3::ReferenceOr<openapiv3::Schema>>(schema, &at) {
            return Some(found);
        }
    }
    None
}

fn invalid(source: &Source, pointer: &str, message: &str) -> Error {
    Error::Invalid { file: source.name.clone(), pointer: pointer.to_owned(), message: message.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str =
        "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    a: {type: string}\n";

    #[test]
    fn merges_fragments_and_accepts_identical_repeats() {
        let spec = load(&[
            Source::new("base.yaml", BASE),
            Source::new("extra.yaml", "components:\n  schemas:\n    a: {type: string}\n    b: {type: integer}\n"),
        ])
        .expect("loads");
        assert_eq!(spec.document.components.expect("components").schemas.len(), 2);
    }

    #[test]
    fn conflicting_definitions_name_both_files() {
        let err = load(&[
            Source::new("base.yaml", BASE),
            Source::new("extra.yaml", "components:\n  schemas:\n    a: {type: integer}\n"),
        ])
        .expect_err("conflict");
        assert_eq!(
            err,
            Error::Conflict {
                pointer: "/components/schemas/a".into(),
                first: "base.yaml".into(),
                second: "extra.yaml".into()
            }
        );
    }

    #[test]
    fn invalid_documents_carry_a_pointer() {
        let err = load(&[Source::new(
            "bad.yaml",
            "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      responses: 7\n",
        )])
        .expect_err("invalid");
        match err {
            Error::Invalid { pointer, .. } => {
                assert!(pointer.starts_with("/paths/~1x"), "{pointer}")
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn non_yaml_bytes_are_a_syntax_error() {
        let err = load(&[Source::new("bin.yaml", "\u{0}\u{1}: [")]).expect_err("syntax");
        assert!(matches!(err, Error::Syntax { .. }));
    }
}
