//! Robustness: at least a thousand deterministic mutations of `spec/`. For each the generator gives
//! output or an error that names the spec location; it never panics and never hangs.

use std::sync::mpsc;
use std::time::Duration;

use codegen::{Settings, Source};
use serde_yaml::{Mapping, Value};
use workspace_tests::spec_sources;

const MUTANTS: usize = 1100;
const FILE: &str = "mutant.yaml";

/// A small deterministic generator (xorshift), so every run tries the same mutants.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A step into a YAML tree: a mapping key or a sequence index.
#[derive(Clone, Debug)]
enum Step {
    Key(Value),
    Index(usize),
}

fn paths(value: &Value, prefix: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(prefix.clone());
    match value {
        Value::Mapping(map) => {
            for (key, child) in map {
                prefix.push(Step::Key(key.clone()));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Sequence(items) => {
            for (index, child) in items.iter().enumerate() {
                prefix.push(Step::Index(index));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn at_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    let mut current = value;
    for step in path {
        current = match (step, current) {
            (Step::Key(key), Value::Mapping(map)) => map.get_mut(key)?,
            (Step::Index(index), Value::Sequence(items)) => items.get_mut(*index)?,
            _ => return None,
        };
    }
    Some(current)
}

fn key_path(path: &[Step]) -> Option<(&[Step], &Value)> {
    match path.split_last() {
        Some((Step::Key(key), parent)) => Some((parent, key)),
        _ => None,
    }
}

/// Paths to the mappings that hold a given key.
fn holders(all: &[Vec<Step>], key: &str) -> Vec<Vec<Step>> {
    all.iter()
        .filter_map(|p| key_path(p).filter(|(_, k)| k.as_str() == Some(key)).map(|(parent, _)| parent.to_vec()))
        .collect()
}

fn rename_key(map: &mut Mapping, old: &Value, new: &str) {
    if let Some(value) = map.remove(old) {
        map.insert(Value::from(new), value);
    }
}

/// Applies mutation number `n` to a copy of the tree; returns its description and the text.
fn mutant(base: &Value, all: &[Vec<Step>], n: usize, rng: &mut Rng) -> (String, String) {
    let mut tree = base.clone();
    let path = all[rng.below(all.len())].clone();
    let description = match n % 12 {
        0 => {
            if let Some((parent, key)) = key_path(&path) {
                if let Some(Value::Mapping(map)) = at_mut(&mut tree, parent) {
                    map.remove(key);
                }
            }
            format!("remove {path:?}")
        }
        1 => {
            let replacement = match rng.below(5) {
                0 => Value::from(7),
                1 => Value::from("x"),
                2 => Value::Sequence(vec![Value::from(1)]),
                3 => Value::Null,
                _ => Value::from(true),
            };
            if let Some(node) = at_mut(&mut tree, &path) {
                *node = replacement;
            }
            format!("retype {path:?}")
        }
        2 => {
            let refs = holders(all, "$ref");
            let target = &refs[rng.below(refs.len())];
            if let Some(Value::Mapping(map)) = at_mut(&mut tree, target) {
                map.insert("$ref".into(), "#/components/schemas/does_not_exist".into());
            }
            format!("dangling $ref at {target:?}")
        }
        3 => {
            let schemas: Vec<Value> =
                base["components"]["schemas"].as_mapping().map(|m| m.keys().cloned().collect()).unwrap_or_default();
            let a = schemas[rng.below(schemas.len())].clone();
            let b = schemas[rng.below(schemas.len())].clone();
            let reference = |name: &Value| {
                let mut map = Mapping::new();
                map.insert("$ref".into(), format!("#/components/schemas/{}", name.as_str().unwrap_or_default()).into());
                Value::Mapping(map)
            };
            if let Some(Value::Mapping(map)) = tree.get_mut("components").and_then(|c| c.get_mut("schemas")) {
                map.insert(a.clone(), reference(&b));
                map.insert(b.clone(), reference(&a));
            }
            format!("cyclic $ref {a:?} <-> {b:?}")
        }
        4 => {
            let ids = holders(all, "operationId");
            let (first, second) = (&ids[rng.below(ids.len())], &ids[rng.below(ids.len())]);
            let id = at_mut(&mut tree, first).and_then(|m| m.get("operationId").cloned()).unwrap_or_default();
            if let Some(Value::Mapping(map)) = at_mut(&mut tree, second) {
                map.insert("operationId".into(), id);
            }
            format!("duplicate operationId at {second:?}")
        }
        5..=7 => {
            let name = ["", "prénom✓", "3d_secure", "type", "self", "Self", "foo-bar", "__", "*"][rng.below(9)];
            let props = holders(all, "properties");
            let target = &props[rng.below(props.len())];
            if let Some(Value::Mapping(properties)) = at_mut(&mut tree, target).and_then(|m| m.get_mut("properties")) {
                if let Some(first) = properties.keys().next().cloned() {
                    rename_key(properties, &first, name);
                }
            }
            format!("property renamed to {name:?} at {target:?}")
        }
        8 => {
            let schemas: Vec<Value> =
                base["components"]["schemas"].as_mapping().map(|m| m.keys().cloned().collect()).unwrap_or_default();
            let name = schemas[rng.below(schemas.len())].clone();
            let new = ["", "9lives", "ü", "list", "Client", "self"][rng.below(6)];
            if let Some(Value::Mapping(map)) = tree.get_mut("components").and_then(|c| c.get_mut("schemas")) {
                rename_key(map, &name, new);
            }
            format!("schema {name:?} renamed to {new:?}")
        }
        9 => {
            let types = holders(all, "type");
            let target = &types[rng.below(types.len())];
            let value: Value = if rng.below(2) == 0 { Value::from("yes") } else { Value::from(true) };
            if let Some(Value::Mapping(map)) = at_mut(&mut tree, target) {
                map.insert("nullable".into(), value);
            }
            format!("nullable changed at {target:?}")
        }
        10 => {
            let types = holders(all, "type");
            let target = &types[rng.below(types.len())];
            if let Some(Value::Mapping(map)) = at_mut(&mut tree, target) {
                map.insert("format".into(), ["weird-format", "int128", "date-time", ""][rng.below(4)].into());
            }
            format!("format changed at {target:?}")
        }
        _ => {
            let text = serde_yaml::to_string(&tree).unwrap_or_default();
            let cut = rng.below(text.len());
            let cut = (0..=cut).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
            let garbage = match rng.below(3) {
                0 => format!("{}\u{0}\u{7f}{{[", &text[..cut]),
                1 => text[..cut].to_owned(),
                _ => format!("{}\n  bad: [unclosed\n{}", &text[..cut], &text[cut..]),
            };
            return (format!("bytes cut at {cut}"), garbage);
        }
    };
    (description, serde_yaml::to_string(&tree).unwrap_or_default())
}

/// Whether an error message names where in the spec the problem is.
fn names_a_location(message: &str) -> bool {
    message.starts_with('/') || message.starts_with(FILE)
}

enum Outcome {
    Generated,
    Rejected,
    Problem(String),
}

fn run((n, description, text): &(usize, String, String)) -> Outcome {
    let (sender, receiver) = mpsc::channel();
    let text = text.clone();
    std::thread::spawn(move || {
        let result = std::panic::catch_unwind(|| codegen::generate(&[Source::new(FILE, text)], &Settings::default()));
        let _ = sender.send(result.map(|r| r.map(|_| ()).map_err(|e| e.to_string())));
    });
    match receiver.recv_timeout(Duration::from_secs(30)) {
        Err(_) => Outcome::Problem(format!("#{n} {description}: hung")),
        Ok(Err(_)) => Outcome::Problem(format!("#{n} {description}: panicked")),
        Ok(Ok(Ok(()))) => Outcome::Generated,
        Ok(Ok(Err(message))) if names_a_location(&message) && !message.contains('\n') => Outcome::Rejected,
        Ok(Ok(Err(message))) => {
            Outcome::Problem(format!("#{n} {description}: error without a location on one line: {message}"))
        }
    }
}

#[test]
fn a_thousand_mutants_never_panic_or_hang_and_errors_say_where() {
    let bundled = codegen::load::bundle(&spec_sources(), codegen::load::Format::Yaml).expect("spec/ bundles");
    let base: Value = serde_yaml::from_str(&bundled).expect("bundle parses");
    let mut all = Vec::new();
    paths(&base, &mut Vec::new(), &mut all);
    let mut rng = Rng(0x5eed_cafe_f00d_1234);
    let mutants: Vec<(usize, String, String)> = (0..MUTANTS)
        .map(|n| {
            let (description, text) = mutant(&base, &all, n, &mut rng);
            (n, description, text)
        })
        .collect();
    // Two workers, one per core; each mutant runs on a thread of its own so a hang is caught.
    let outcomes: Vec<Outcome> = std::thread::scope(|scope| {
        let workers: Vec<_> = mutants
            .chunks(MUTANTS.div_ceil(2))
            .map(|chunk| scope.spawn(move || chunk.iter().map(run).collect::<Vec<_>>()))
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("worker")).collect()
    });
    let generated = outcomes.iter().filter(|o| matches!(o, Outcome::Generated)).count();
    let rejected = outcomes.iter().filter(|o| matches!(o, Outcome::Rejected)).count();
    let problems: Vec<&String> = outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Problem(p) => Some(p),
            _ => None,
        })
        .collect();
    let problems: Vec<String> = problems.into_iter().cloned().collect();
    assert!(
        problems.is_empty(),
        "{} problems ({generated} generated, {rejected} rejected):\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(generated > 50 && rejected > 50, "{generated} generated, {rejected} rejected");
}
