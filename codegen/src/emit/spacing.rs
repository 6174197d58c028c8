//! Blank lines between items, which `prettyplease` does not write: between the items of a file,
//! and between the associated items of an `impl` or `trait`, as hand-written Rust has them.

/// `text` (printed Rust) with a blank line before each item that follows another item at the
/// top level or one level into a block. Runs of `use` and `mod` lines stay together, a `use` that
/// prettyplease spread over several lines included.
pub(crate) fn space_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous: Option<&str> = None;
    // The last line at the top level and one level in that opens or continues something rather
    // than closing it: the first line of the item a closing `};` ends.
    let mut opened: [&str; 2] = ["", ""];
    for line in text.lines() {
        let level = match indentation(line) {
            0 => Some(0),
            4 => Some(1),
            _ => None,
        };
        if let Some(before) = previous {
            let before_opened = level.map_or("", |level| opened[level]);
            if needs_blank_line(before, before_opened, line) {
                out.push('\n');
            }
        }
        if let Some(level) = level {
            if !closes(line.trim()) {
                opened[level] = line.trim();
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}

fn needs_blank_line(before: &str, before_opened: &str, line: &str) -> bool {
    let indent = indentation(line);
    if indent > 4 || indentation(before) != indent || before.trim().is_empty() {
        return false;
    }
    let (before, line) = (before.trim(), line.trim());
    let item_ended = before == "}" || before.ends_with(';') || before.starts_with("//!");
    let ended_item = if closes(before) { before_opened } else { before };
    let grouped = |text: &str| ["use ", "pub use ", "mod ", "pub mod "].iter().any(|start| text.starts_with(start));
    item_ended
        && (starts_item(line) || (indent == 0 && is_macro_call(line)))
        && !(grouped(ended_item) && grouped(line))
        && !(before.starts_with("//!") && line.starts_with("//!"))
}

/// Whether a trimmed line only closes brackets (`}`, `};`, `});`).
fn closes(line: &str) -> bool {
    line.starts_with(['}', ')', ']'])
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
    ];
    STARTS.iter().any(|start| line.starts_with(start))
}

/// Whether a line starts with a macro call (`open_enum_impls!(E);`): an item at the top level, a
/// statement one level in.
fn is_macro_call(line: &str) -> bool {
    let name = line.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':');
    !name.is_empty() && name.len() < line.len() && name.starts_with('!')
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

#[cfg(test)]
mod tests {
    use super::space_items;

    #[test]
    fn items_are_set_apart_and_use_lines_kept_together() {
        let text = "//! Doc.\nuse a::B;\nuse c::D;\n/// S.\npub struct S {\n    pub a: i64,\n    /// B.\n    pub b: i64,\n}\nimpl S {\n    pub fn a(&self) {\n        let x = 1;\n        let y = 2;\n    }\n    /// B.\n    pub fn b(&self) {}\n}\nopen_enum_impls!(E);\nwalk_fields_impls!(S);\n";
        let expected = "//! Doc.\n\nuse a::B;\nuse c::D;\n\n/// S.\npub struct S {\n    pub a: i64,\n    /// B.\n    pub b: i64,\n}\n\nimpl S {\n    pub fn a(&self) {\n        let x = 1;\n        let y = 2;\n    }\n\n    /// B.\n    pub fn b(&self) {}\n}\n\nopen_enum_impls!(E);\n\nwalk_fields_impls!(S);\n";
        assert_eq!(space_items(text), expected);
    }

    #[test]
    fn a_use_spread_over_lines_stays_with_the_others() {
        let text = "use a::B;\nuse c::{\n    D, E,\n};\nuse f::G;\nstruct S;\n";
        let expected = "use a::B;\nuse c::{\n    D, E,\n};\nuse f::G;\n\nstruct S;\n";
        assert_eq!(space_items(text), expected);
    }
}
