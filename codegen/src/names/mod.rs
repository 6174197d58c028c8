//! Rust names from spec names. Every identifier the generator writes comes from here.
//!
//! Each function accepts any string and returns a valid, deterministic Rust identifier:
//!
//! - Non-ASCII letters are transliterated (`é` -> `e`, `日本` -> `ri ben`, with `deunicode`);
//!   a character with no transliteration becomes `u` and its code point in hex.
//! - Anything that is not a letter or digit breaks words (`climate.order` -> `ClimateOrder`). A
//!   name made only of symbols is spelled out (`+` -> `Plus`, `/` -> `Slash`); an empty one is
//!   `Empty`.
//! - A name that starts with a number glued to letters reads that number in English words
//!   (`3d_secure` -> `ThreeDSecure` / `three_d_secure`, `24h` -> `TwentyFourH`; seven or more
//!   digits, or a leading zero, digit by digit). A name whose first word is only a number (a
//!   date, a version, an amount) is prefixed with `V` / `v` instead (`2011-01-01` -> `V20110101`,
//!   `100` -> `V100`), which reads better than the words for a long number.
//! - Keywords: `Self` as a type is `SelfType`; a field or method named like a keyword is a raw
//!   identifier (`r#type`), except `self`, `super`, `crate` and `Self`, which cannot be raw and
//!   take a trailing underscore (`self_`); a module never is raw (`type_`), and avoids the
//!   crate and device names a file or `use` would trip on (`serde`, `std`, `con`, `nul`).
//!
//! Names that collide after conversion are told apart by a [`Scope`], which numbers the later
//! ones (`foo_bar`, `foo_bar_2`) in the order they are claimed.

mod words;

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

use words::words;

/// Strict and reserved keywords of every edition: a field named like one is written raw.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers either.
const NOT_RAW: &[&str] = &["crate", "self", "super", "Self"];

/// Module names that would shadow a crate the generated code uses, or that no file may have on
/// some platforms.
const UNUSABLE_MODULES: &[&str] = &[
    "std",
    "core",
    "alloc",
    "serde",
    "serde_json",
    "stripe_client",
    "con",
    "prn",
    "aux",
    "nul",
    "com1",
    "com2",
    "com3",
    "com4",
    "com5",
    "com6",
    "com7",
    "com8",
    "com9",
    "lpt1",
    "lpt2",
    "lpt3",
    "lpt4",
    "lpt5",
    "lpt6",
    "lpt7",
    "lpt8",
    "lpt9",
];

/// A type name: `climate.order` -> `ClimateOrder`.
pub fn type_name(name: &str) -> String {
    let camel = camel(&words(name));
    if camel == "Self" {
        return "SelfType".to_owned();
    }
    camel
}

/// An enum variant name from its wire value. Signs and wildcards are read as words, so `-1`,
/// `1` and `+1` stay apart and `*` is `All`.
pub fn variant_name(value: &str) -> String {
    if value == "*" {
        return "All".to_owned();
    }
    let leading_minus = usize::from(value.starts_with('-'));
    type_name(&value.replacen('-', " minus ", leading_minus).replace('+', " plus "))
}

/// A field or method name: `metricTons` -> `metric_tons`, `type` -> `r#type`, `self` -> `self_`.
pub fn field_name(name: &str) -> String {
    let snake = snake(&words(name));
    if NOT_RAW.contains(&snake.as_str()) {
        return format!("{snake}_");
    }
    if KEYWORDS.contains(&snake.as_str()) {
        return format!("r#{snake}");
    }
    snake
}

/// A module (file) name: snake case, never a keyword, never a crate the code uses, and short
/// enough for any file system (see [`MAX_MODULE_LEN`]).
pub fn module_name(name: &str) -> String {
    let snake = snake(&words(name));
    if KEYWORDS.contains(&snake.as_str()) || UNUSABLE_MODULES.contains(&snake.as_str()) {
        return format!("{snake}_");
    }
    within_file_limit(snake)
}

/// The longest module name, in bytes: a file name is the module's with `.rs`, and file systems
/// refuse names past 255 bytes (some paths past 260 in all), so a name stays far below.
pub const MAX_MODULE_LEN: usize = 64;

/// A name past [`MAX_MODULE_LEN`] as a readable prefix and a stable hash of the whole: two long
/// names that share their start still make two files.
fn within_file_limit(name: String) -> String {
    if name.len() <= MAX_MODULE_LEN {
        return name;
    }
    let mut cut = MAX_MODULE_LEN - 9;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}_{:08x}", name[..cut].trim_end_matches('_'), fnv1a(name.as_bytes()))
}

/// The 32-bit FNV-1a hash: stable across runs, platforms and Rust versions, unlike std's hasher.
pub(crate) fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |hash, byte| (hash ^ u32::from(*byte)).wrapping_mul(0x0100_0193))
}

/// The struct of a service or namespace: `["climate", "orders"]` -> `ClimateOrdersApi`.
pub fn api_struct_name(path: &[String]) -> String {
    format!("{}Api", type_name(&path.join("_")))
}

/// The module (file) of a service: `["climate", "orders"]` -> `climate_orders`.
pub fn service_module_name(path: &[String]) -> String {
    module_name(&path.join("_"))
}

/// The singular of a resource name, for parameter type names (`orders` -> `order`).
pub fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["sses", "ches", "shes", "xes"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return format!("{stem}{}", &suffix[..suffix.len() - 2]);
        }
    }
    match word.strip_suffix('s') {
        Some(stem) if !word.ends_with("ss") && !word.ends_with("us") && !word.ends_with("is") => stem.to_owned(),
        _ => word.to_owned(),
    }
}

/// Whether `name` can be written as a Rust identifier as it is: ASCII (what this module makes),
/// not a keyword unless written raw, and not `_`. Checked for every name the IR carries, so it
/// is cheap; the tests hold it to what `syn` parses.
pub fn is_identifier(name: &str) -> bool {
    let (raw, bare) = match name.strip_prefix("r#") {
        Some(bare) => (true, bare),
        None => (false, name),
    };
    let mut chars = bare.chars();
    let well_formed = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && bare != "_";
    let keyword = KEYWORDS.contains(&bare);
    well_formed && if raw { keyword && !NOT_RAW.contains(&bare) } else { !keyword }
}

/// How names are numbered when they collide in a [`Scope`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// `Name`, `Name2`, `Name3`.
    Camel,
    /// `name`, `name_2`, `name_3`.
    Snake,
}

/// Names already given in one namespace (the fields of a struct, the variants of an enum, the
/// methods of a service): a later name that collides is numbered, never merged.
#[derive(Clone, Debug)]
pub struct Scope {
    case: Case,
    taken: HashSet<String>,
}

impl Scope {
    /// An empty scope.
    pub fn new(case: Case) -> Self {
        Scope { case, taken: HashSet::new() }
    }

    /// A scope where `reserved` are already taken (names of the runtime, methods it defines).
    pub fn with_reserved(case: Case, reserved: &[&str]) -> Self {
        Scope { case, taken: reserved.iter().map(|n| unraw(n).to_owned()).collect() }
    }

    /// `name` if it is free, else the first free numbered form of it; either way, now taken.
    pub fn claim(&mut self, name: &str) -> String {
        let base = unraw(name);
        let mut chosen = name.to_owned();
        let mut number = 2;
        while self.taken.contains(unraw(&chosen)) {
            chosen = match self.case {
                Case::Camel => format!("{base}{number}"),
                Case::Snake => format!("{}_{number}", base.trim_end_matches('_')),
            };
            number += 1;
        }
        self.taken.insert(unraw(&chosen).to_owned());
        chosen
    }
}

fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

fn camel(words: &str) -> String {
    let camel = words.to_upper_camel_case();
    // heck keeps a digit after a digit-ending word glued (`V1 2` -> `V12`); nothing else to fix.
    if camel.is_empty() {
        "Empty".to_owned()
    } else {
        camel
    }
}

fn snake(words: &str) -> String {
    let snake = words.to_snake_case();
    if snake.is_empty() {
        "empty".to_owned()
    } else {
        snake
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn converts_cases() {
        assert_eq!(type_name("climate.order"), "ClimateOrder");
        assert_eq!(type_name("crypto.onramp_session"), "CryptoOnrampSession");
        assert_eq!(field_name("metricTons"), "metric_tons");
    }

    #[test]
    fn reads_leading_numbers_as_words() {
        assert_eq!(type_name("3d_secure"), "ThreeDSecure");
        assert_eq!(field_name("3d_secure"), "three_d_secure");
        assert_eq!(module_name("3d_secure"), "three_d_secure");
        assert_eq!(type_name("24h"), "TwentyFourH");
        assert_eq!(type_name("100x"), "OneHundredX");
        assert_eq!(type_name("12000x"), "TwelveThousandX");
        assert_eq!(type_name("2023rd"), "TwoThousandTwentyThreeRd");
        assert_eq!(type_name("007x"), "ZeroZeroSevenX");
        assert_eq!(type_name("0x"), "ZeroX");
        assert_eq!(variant_name("100"), "V100");
        assert_eq!(variant_name("2011-01-01"), "V20110101");
        assert_eq!(field_name("2011-01-01"), "v_2011_01_01");
        assert_eq!(variant_name("0"), "V0");
        assert_eq!(api_struct_name(&["3d_secure".into()]), "ThreeDSecureApi");
    }

    #[test]
    fn guards_keywords() {
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("Self"), "self_");
        assert_eq!(field_name("crate"), "crate_");
        assert_eq!(field_name("super"), "super_");
        assert_eq!(field_name("gen"), "r#gen");
        assert_eq!(type_name("self"), "SelfType");
        assert_eq!(module_name("type"), "type_");
        let long = "issuing_card_personalization_design_rejection_reasons_".repeat(6);
        let short = module_name(&long);
        assert!(short.len() <= MAX_MODULE_LEN && short.starts_with("issuing_card_personalization"), "{short}");
        assert_ne!(short, module_name(&format!("{long}x")), "a hash of the whole name tells them apart");
        assert_eq!(short, module_name(&long), "stable");
        assert_eq!(module_name("mod"), "mod_");
        assert_eq!(module_name("serde"), "serde_");
        assert_eq!(module_name("CON"), "con_");
    }

    #[test]
    fn spells_symbols_and_transliterates() {
        assert_eq!(variant_name("*"), "All");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("-1"), "Minus1");
        assert_eq!(variant_name("+1"), "Plus1");
        assert_eq!(variant_name("/"), "Slash");
        assert_eq!(variant_name("."), "Dot");
        assert_eq!(field_name("_"), "underscore");
        assert_eq!(type_name("!!!"), "BangBangBang");
        assert_eq!(type_name("héllo"), "Hello");
        assert_eq!(field_name("größe"), "grosse");
        assert_eq!(type_name("日本"), "RiBen");
    }

    #[test]
    fn scopes_number_collisions() {
        let mut fields = Scope::with_reserved(Case::Snake, &["new"]);
        assert_eq!(fields.claim(&field_name("fooBar")), "foo_bar");
        assert_eq!(fields.claim(&field_name("foo_bar")), "foo_bar_2");
        assert_eq!(fields.claim(&field_name("new")), "new_2");
        assert_eq!(fields.claim(&field_name("type")), "r#type");
        assert_eq!(fields.claim(&field_name("Type")), "type_2");
        let mut types = Scope::new(Case::Camel);
        assert_eq!(types.claim("Foo"), "Foo");
        assert_eq!(types.claim("Foo"), "Foo2");
    }

    #[test]
    fn identifiers_are_what_syn_parses() {
        // Non-ASCII identifiers are Rust, but lints warn on some; this module never makes them.
        assert!(!is_identifier("é"));
        for name in ["a", "A1", "_x", "r#type", "type", "_", "r#self", "self_", "1a", "a-b", "", "r#", "r#foo"] {
            let ours = is_identifier(name);
            // `syn` takes any raw identifier; ours are only raw where they must be.
            let syn_ok = syn::parse_str::<syn::Ident>(name).is_ok() && name != "r#foo";
            assert_eq!(ours, syn_ok, "{name:?}");
        }
    }

    #[test]
    fn singularizes_resource_names() {
        assert_eq!(singular("orders"), "order");
        assert_eq!(singular("categories"), "category");
        assert_eq!(singular("addresses"), "address");
        assert_eq!(singular("batches"), "batch");
        assert_eq!(singular("status"), "status");
        assert_eq!(singular("quotes"), "quote");
        assert_eq!(singular("s"), "");
    }

    /// Names as Stripe writes them, and anything else.
    fn spec_names() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[a-z0-9_.*/+ -]{0,12}",
            "[0-9]{1,9}[a-zA-Z_]{0,4}",
            prop::sample::select(KEYWORDS.to_vec()).prop_map(str::to_owned),
            // Past any file system's limit for a file name.
            "[a-zA-Zé_.]{200,400}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn every_name_is_an_identifier(name in spec_names()) {
            for (kind, made) in [
                ("type", type_name(&name)),
                ("variant", variant_name(&name)),
                ("field", field_name(&name)),
                ("module", module_name(&name)),
                ("service", api_struct_name(std::slice::from_ref(&name))),
                ("service module", service_module_name(std::slice::from_ref(&name))),
            ] {
                prop_assert!(is_identifier(&made), "{kind} name {made:?} from {name:?}");
                prop_assert!(syn::parse_str::<syn::Ident>(&made).is_ok(), "{kind} name {made:?} from {name:?}");
                prop_assert!(made.is_ascii(), "{kind} name {made:?} from {name:?}");
            }
            prop_assert!(!module_name(&name).starts_with("r#"));
            prop_assert!(module_name(&name).len() <= MAX_MODULE_LEN, "{:?}", module_name(&name));
            prop_assert_eq!(type_name(&name), type_name(&name));
        }

        #[test]
        fn distinct_names_stay_distinct_in_a_scope(names in prop::collection::vec(spec_names(), 1..24)) {
            let mut unique = names.clone();
            unique.sort();
            unique.dedup();
            for (case, convert) in [(Case::Snake, field_name as fn(&str) -> String), (Case::Camel, variant_name)] {
                let mut scope = Scope::with_reserved(case, &["new"]);
                let claimed: Vec<String> = unique.iter().map(|n| scope.claim(&convert(n))).collect();
                let mut seen = HashSet::new();
                for made in &claimed {
                    prop_assert!(is_identifier(made), "{made:?}");
                    prop_assert!(seen.insert(unraw(made).to_owned()), "{made:?} given twice in {claimed:?}");
                    prop_assert!(made != "new");
                }
            }
        }
    }
}
