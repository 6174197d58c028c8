//! Blank lines between items, which `prettyplease` does not write: between the items of a file,
//! and between the associated items of an `impl` or `trait`, as hand-written Rust has them.

/// `text` (printed Rust) with a blank line before each item that follows another item at the
/// top level or one level into a block. Runs of `use` and `mod` lines stay together.
pub(crate) fn space_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        if let Some(before) = previous {
            if needs_blank_line(before, line) {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}

fn needs_blank_line(before: &str, line: &str) -> bool {
    let indent = indentation(line);
    if indent > 4 || indentation(before) != indent || before.trim().is_empty() {
        return false;
    }
    let (before, line) = (before.trim(), line.trim());
    let item_ended = before == "}" || before.ends_with(';') || before.starts_with("//!");
    let grouped = |text: &str| ["use ", "pub use ", "mod ", "pub mod "].iter().any(|start| text.starts_with(start));
    item_ended
        && starts_item(line)
        && !(grouped(before) && grouped(line))
        && !(before.starts_with("//!") && line.starts_with("//!"))
}

fn starts_item(line: &str) -> bool {
    const STARTS: &[&str] = &[
        "///",
        "#[",
        "pub ",
        "pub(",
        "impl",
        "fn ",
        "async fn ",
        "struct ",
        "enum ",
        "trait ",
        "mod ",
        "use ",
        "const ",
        "type ",
        "open_enum_impls!",
    ];
    STARTS.iter().any(|start| line.starts_with(start))
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

#[cfg(test)]
mod tests {
    use super::space_items;

    #[test]
    fn items_are_set_apart_and_use_lines_kept_together() {
        let text = "//! Doc.\nuse a::B;\nuse c::D;\n/// S.\npub struct S {\n    pub a: i64,\n    /// B.\n    pub b: i64,\n}\nimpl S {\n    pub fn a(&self) {\n        let x = 1;\n        let y = 2;\n    }\n    /// B.\n    pub fn b(&self) {}\n}\nopen_enum_impls!(E);\n";
        let expected = "//! Doc.\n\nuse a::B;\nuse c::D;\n\n/// S.\npub struct S {\n    pub a: i64,\n    /// B.\n    pub b: i64,\n}\n\nimpl S {\n    pub fn a(&self) {\n        let x = 1;\n        let y = 2;\n    }\n\n    /// B.\n    pub fn b(&self) {}\n}\n\nopen_enum_impls!(E);\n";
        assert_eq!(space_items(text), expected);
    }
}
