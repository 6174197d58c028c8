//! Descriptions that differ from `spec/` in one respect: a fixture lists edits (JSON pointers into
//! one source) instead of holding a copy of the whole description, so a reader sees the change.

use serde::Deserialize;
use serde_yaml::{Mapping, Value};

use codegen::Source;

/// A change to `spec/`, and the kinds of change the changelog must report for it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    /// The kinds the changelog reports (`parameter_added`), as JSON names them.
    pub reported: Vec<String>,
    /// The edits, applied in order.
    pub edits: Vec<Edit>,
}

/// One edit: set a value at a pointer, or remove what is there.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edit {
    /// The source it applies to, by its path under `spec/`; Stripe's part when left out.
    #[serde(rename = "in", default = "upstream")]
    pub source: String,
    /// Where to set `value`; `-` as the last segment appends to a sequence.
    pub set: Option<String>,
    /// The value to set.
    pub value: Option<Value>,
    /// Where to remove a key or an item.
    pub remove: Option<String>,
}

fn upstream() -> String {
    "upstream/stripe.yaml".to_owned()
}

/// `sources` (named by their path under `spec/`) with the fixture's edits made.
pub fn apply(sources: &[Source], fixture: &Fixture) -> Vec<Source> {
    let mut trees: Vec<(String, Value)> = sources
        .iter()
        .map(|s| {
            let tree = serde_yaml::from_str(&s.text).unwrap_or_else(|e| panic!("{}: {e}", s.name));
            (s.name.clone(), tree)
        })
        .collect();
    for edit in &fixture.edits {
        let (_, tree) = trees
            .iter_mut()
            .find(|(name, _)| name.ends_with(&format!("spec/{}", edit.source)))
            .unwrap_or_else(|| panic!("no source spec/{}", edit.source));
        match (&edit.set, &edit.value, &edit.remove) {
            (Some(pointer), Some(value), None) => set(tree, pointer, value.clone()),
            (None, None, Some(pointer)) => remove(tree, pointer),
            _ => panic!("an edit is either `set` with `value`, or `remove`: {edit:?}"),
        }
    }
    trees
        .into_iter()
        .map(|(name, tree)| {
            let text = serde_yaml::to_string(&tree).unwrap_or_else(|e| panic!("{name}: {e}"));
            Source::new(name, text)
        })
        .collect()
}

fn segments(pointer: &str) -> Vec<String> {
    pointer.split('/').skip(1).map(|s| s.replace("~1", "/").replace("~0", "~")).collect()
}

fn child<'a>(node: &'a mut Value, segment: &str, pointer: &str) -> &'a mut Value {
    let found = match node {
        Value::Mapping(map) => map.get_mut(segment),
        Value::Sequence(items) => segment.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
        _ => None,
    };
    found.unwrap_or_else(|| panic!("{pointer}: no `{segment}`"))
}

fn set(tree: &mut Value, pointer: &str, value: Value) {
    let mut path = segments(pointer);
    let last = path.pop().unwrap_or_else(|| panic!("{pointer}: cannot replace the whole document"));
    let parent = path.iter().fold(tree, |node, segment| child(node, segment, pointer));
    match parent {
        Value::Mapping(map) => {
            map.insert(Value::String(last), value);
        }
        Value::Sequence(items) if last == "-" => items.push(value),
        Value::Sequence(items) => {
            let index: usize = last.parse().unwrap_or_else(|_| panic!("{pointer}: `{last}` is not an index"));
            items[index] = value;
        }
        Value::Null => {
            let mut map = Mapping::new();
            map.insert(Value::String(last), value);
            *parent = Value::Mapping(map);
        }
        _ => panic!("{pointer}: the parent is not a mapping or a sequence"),
    }
}

fn remove(tree: &mut Value, pointer: &str) {
    let mut path = segments(pointer);
    let last = path.pop().unwrap_or_else(|| panic!("{pointer}: cannot remove the whole document"));
    let parent = path.iter().fold(tree, |node, segment| child(node, segment, pointer));
    let removed = match parent {
        // Keeping the order of what remains: the generator names shared types by first use.
        Value::Mapping(map) => map.shift_remove(last.as_str()).is_some(),
        Value::Sequence(items) => match last.parse::<usize>() {
            Ok(index) if index < items.len() => {
                items.remove(index);
                true
            }
            _ => false,
        },
        _ => false,
    };
    assert!(removed, "{pointer}: nothing to remove");
}
