//! Rust names from spec names: case conversion with `heck`, keywords, and names Rust cannot take.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words Rust reserves; a field named like one is written as a raw identifier.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static",
    "struct", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final",
    "gen", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers either.
const NOT_RAW: &[&str] = &["crate", "self", "super", "Self"];

/// Replaces what case conversion cannot read (punctuation, symbols) with word breaks.
fn words(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

/// A type or variant name: `climate.order` -> `ClimateOrder`. `None` if nothing usable is left.
pub fn type_name(name: &str) -> Option<String> {
    let camel = words(name).to_upper_camel_case();
    if camel.is_empty() {
        return None;
    }
    if camel.starts_with(|c: char| c.is_ascii_digit()) {
        return Some(format!("V{camel}"));
    }
    // `Self` is the one keyword in upper camel case.
    Some(if camel == "Self" { "Self_".to_owned() } else { camel })
}

/// An enum variant name from its wire value; symbols spelled out so `*` and `""` still get names.
pub fn variant_name(value: &str) -> Option<String> {
    match value {
        "*" => Some("All".to_owned()),
        "" => Some("Empty".to_owned()),
        _ => {
            let leading_minus = usize::from(value.starts_with('-'));
            type_name(&value.replacen('-', "minus ", leading_minus).replace('+', " plus "))
        }
    }
}

/// A field, method or module name: `MetricTons` -> `metric_tons`, `type` -> `r#type`.
pub fn field_name(name: &str) -> Option<String> {
    let snake = words(name).to_snake_case();
    if snake.is_empty() {
        return None;
    }
    let snake = if snake.starts_with(|c: char| c.is_ascii_digit()) { format!("_{snake}") } else { snake };
    if NOT_RAW.contains(&snake.as_str()) {
        return Some(format!("{snake}_"));
    }
    if KEYWORDS.contains(&snake.as_str()) {
        return Some(format!("r#{snake}"));
    }
    Some(snake)
}

/// A module (file) name: snake case, never a keyword.
pub fn module_name(name: &str) -> Option<String> {
    let snake = words(name).to_snake_case();
    if snake.is_empty() {
        return None;
    }
    let snake = if snake.starts_with(|c: char| c.is_ascii_digit()) { format!("m{snake}") } else { snake };
    Some(if KEYWORDS.contains(&snake.as_str()) || NOT_RAW.contains(&snake.as_str()) {
        format!("{snake}_")
    } else {
        snake
    })
}

/// The struct of a service or namespace: `["climate", "orders"]` -> `ClimateOrdersApi`.
pub fn api_struct_name(path: &[String]) -> String {
    format!("{}Api", path.join("_").to_upper_camel_case())
}

/// The module (file) of a service: `["climate", "orders"]` -> `climate_orders`.
pub fn service_module_name(path: &[String]) -> String {
    module_name(&path.join("_")).unwrap_or_else(|| "root".into())
}

/// The singular of a resource name, for parameter type names (`orders` -> `order`).
pub fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["sses", "ches", "shes", "xes"] {
        if word.ends_with(suffix) {
            return word[..word.len() - 2].to_owned();
        }
    }
    if word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") && !word.ends_with("is") {
        return word[..word.len() - 1].to_owned();
    }
    word.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_cases() {
        assert_eq!(type_name("climate.order").as_deref(), Some("ClimateOrder"));
        assert_eq!(type_name("crypto.onramp_session").as_deref(), Some("CryptoOnrampSession"));
        assert_eq!(field_name("metricTons").as_deref(), Some("metric_tons"));
    }

    #[test]
    fn guards_keywords_digits_and_symbols() {
        assert_eq!(field_name("type").as_deref(), Some("r#type"));
        assert_eq!(field_name("self").as_deref(), Some("self_"));
        assert_eq!(field_name("3d_secure").as_deref(), Some("_3d_secure"));
        assert_eq!(type_name("3d_secure").as_deref(), Some("V3dSecure"));
        assert_eq!(variant_name("*").as_deref(), Some("All"));
        assert_eq!(variant_name("-1").as_deref(), Some("Minus1"));
        assert_eq!(type_name("!!!"), None);
        assert_eq!(type_name("héllo").as_deref(), Some("HLlo"));
    }

    #[test]
    fn singularizes_resource_names() {
        assert_eq!(singular("orders"), "order");
        assert_eq!(singular("categories"), "category");
        assert_eq!(singular("addresses"), "address");
        assert_eq!(singular("status"), "status");
        assert_eq!(singular("quotes"), "quote");
    }
}
