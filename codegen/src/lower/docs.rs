//! Spec descriptions (Stripe writes HTML and Markdown mixed) into rustdoc Markdown.
//!
//! Rustdoc reads doc comments as Markdown and warns on what looks like broken intra-doc links or
//! unclosed HTML; worse, a code block becomes a doctest. So tags become Markdown, links become
//! absolute, stray brackets, angle brackets and backslashes are escaped, indentation is dropped,
//! control characters become spaces, and every fenced block is fenced as `text`: spec text never
//! runs as code.

/// Converts one description; `None` when nothing is left.
pub fn to_markdown(description: &str) -> Option<String> {
    let markdown = html_to_markdown(&without_control_characters(description));
    let mut fence: Option<String> = None;
    let mut lines: Vec<String> = Vec::new();
    for line in markdown.lines() {
        let trimmed = line.trim();
        match &fence {
            // Inside a block: its lines as they are, up to the fence that closes it.
            Some(marker)
                if trimmed.starts_with(marker.as_str())
                    && trimmed.trim_start_matches(marker.as_str()).trim().is_empty() =>
            {
                lines.push("```".to_owned());
                fence = None;
            }
            Some(_) => lines.push(line.trim_end().to_owned()),
            None => match fence_marker(trimmed) {
                Some(marker) => {
                    lines.push("```text".to_owned());
                    fence = Some(marker);
                }
                None => lines.push(escape_line(trimmed)),
            },
        }
    }
    if fence.is_some() {
        lines.push("```".to_owned());
    }
    let text = collapse_blank_lines(&lines);
    (!text.is_empty()).then_some(text)
}

/// The fence a line opens a code block with (```` ``` ```` or `~~~`, three or more), whatever
/// language it names.
fn fence_marker(line: &str) -> Option<String> {
    ['`', '~'].into_iter().find_map(|c| {
        let run = line.chars().take_while(|x| *x == c).count();
        (run >= 3).then(|| c.to_string().repeat(run))
    })
}

/// Control characters (a CR, an ESC) as spaces: a doc comment cannot hold a bare CR, and none of
/// them has a meaning in documentation. Line feeds stay.
fn without_control_characters(text: &str) -> String {
    text.chars().map(|c| if c.is_control() && c != '\n' { ' ' } else { c }).collect()
}

fn html_to_markdown(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut link_stack: Vec<String> = Vec::new();
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let Some(end) = after.find('>') else {
            out.push_str(after);
            rest = "";
            break;
        };
        let tag = &after[1..end];
        if !tag.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') {
            // Not a tag (`<api_key>` is, `< 5` is not): keep the text.
            out.push('<');
            rest = &after[1..];
            continue;
        }
        rest = &after[end + 1..];
        let (closing, name) = match tag.strip_prefix('/') {
            Some(name) => (true, name),
            None => (false, tag),
        };
        let name_only = name.split_whitespace().next().unwrap_or("").trim_end_matches('/').to_ascii_lowercase();
        match (name_only.as_str(), closing) {
            ("p", false) | ("ul", _) | ("ol", _) => out.push_str("\n\n"),
            ("p", true) => out.push_str("\n\n"),
            ("br", _) => out.push('\n'),
            ("li", false) => out.push_str("\n- "),
            ("li", true) => {}
            ("code", _) => out.push('`'),
            ("strong", _) | ("b", _) => out.push_str("**"),
            ("em", _) | ("i", _) => out.push('*'),
            ("a", false) => {
                link_stack.push(absolute_url(&attribute(name, "href").unwrap_or_default()));
                out.push('[');
            }
            ("a", true) => match link_stack.pop() {
                Some(url) if !url.is_empty() => out.push_str(&format!("]({url})")),
                _ => out.push(']'),
            },
            ("api_key", _) | ("base64", _) => out.push_str(&format!("<{tag}>")),
            _ => {}
        }
    }
    out.push_str(rest);
    decode_entities(&out)
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = tag[at..].find('"')?;
    Some(tag[at..at + end].to_owned())
}

/// Stripe's docs links are site-relative; rustdoc needs them absolute.
fn absolute_url(url: &str) -> String {
    if let Some(path) = url.strip_prefix("/docs/") {
        format!("https://docs.stripe.com/{path}")
    } else if url.starts_with('/') {
        format!("https://stripe.com{url}")
    } else {
        url.to_owned()
    }
}

fn decode_entities(text: &str) -> String {
    text.replace("&quot;", "\"").replace("&#39;", "'").replace("&nbsp;", " ").replace("&amp;", "&")
}

/// Escapes what rustdoc would misread, outside code spans.
fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for (index, segment) in line.split('`').enumerate() {
        if index > 0 {
            out.push('`');
        }
        if index % 2 == 1 {
            out.push_str(&segment.replace("&lt;", "<").replace("&gt;", ">"));
        } else {
            out.push_str(&escape_text(segment));
        }
    }
    out
}

fn escape_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '[' => match markdown_link_end(&chars, i) {
                Some(end) => {
                    let link: String = chars[i..end].iter().collect();
                    out.push_str(&link);
                    i = end;
                    continue;
                }
                None => out.push_str("\\["),
            },
            ']' => out.push_str("\\]"),
            '\\' => out.push_str("\\\\"),
            '*' if chars.get(i + 1) == Some(&'/') => out.push_str("\\*"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            'h' if starts_with_url(&chars[i..]) => {
                let end = chars[i..].iter().position(|c| c.is_whitespace() || *c == ')').map_or(chars.len(), |p| i + p);
                let mut url: String = chars[i..end].iter().collect();
                let trailing = url.trim_end_matches(['.', ',', ';', ':']).len();
                let tail = url.split_off(trailing);
                out.push_str(&format!("<{url}>{tail}"));
                i = end;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

fn starts_with_url(chars: &[char]) -> bool {
    let head: String = chars.iter().take(8).collect();
    head.starts_with("https://") || head.starts_with("http://")
}

/// The end (exclusive) of a `[text](url)` link starting at `start`.
fn markdown_link_end(chars: &[char], start: usize) -> Option<usize> {
    let close = start + chars[start..].iter().position(|c| *c == ']')?;
    if chars.get(close + 1) != Some(&'(') || chars[start + 1..close].contains(&'[') {
        return None;
    }
    let paren = close + 1 + chars[close + 1..].iter().position(|c| *c == ')')?;
    // Only a link to a web page: any other target would read as an intra-doc link to nothing.
    let target: String = chars[close + 2..paren].iter().collect();
    let web = ["https://", "http://", "mailto:"].iter().any(|scheme| target.starts_with(scheme));
    web.then_some(paren + 1)
}

fn collapse_blank_lines(lines: &[String]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for line in lines {
        if line.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::to_markdown;

    #[test]
    fn paragraphs_code_and_links() {
        let md = to_markdown(
            "<p>Cancels an <code>order</code>. See <a href=\"/docs/climate\">the guide</a>.</p><p>Next.</p>",
        );
        assert_eq!(
            md.as_deref(),
            Some("Cancels an `order`. See [the guide](https://docs.stripe.com/climate).\n\nNext.")
        );
    }

    #[test]
    fn lists_become_markdown_lists() {
        let md = to_markdown("<ul><li>one</li><li>two</li></ul>");
        assert_eq!(md.as_deref(), Some("- one\n- two"));
    }

    #[test]
    fn escapes_what_rustdoc_misreads() {
        let md = to_markdown("Use metadata[key] or `a[b]`, see https://stripe.com/x. Auth: Basic <api_key>.");
        assert_eq!(
            md.as_deref(),
            Some("Use metadata\\[key\\] or `a[b]`, see <https://stripe.com/x>. Auth: Basic &lt;api_key&gt;.")
        );
        let md = to_markdown("Set of [key-value pairs](https://docs.stripe.com/api/metadata).");
        assert_eq!(md.as_deref(), Some("Set of [key-value pairs](https://docs.stripe.com/api/metadata)."));
    }

    #[test]
    fn code_blocks_of_any_language_are_text_and_their_lines_kept() {
        let md =
            to_markdown("Example:\n```rust\nfn main() { panic!() } // [x]\n```\nthen ~~~\n~~~~python\nprint(1)\n~~~~");
        assert_eq!(
            md.as_deref(),
            Some("Example:\n```text\nfn main() { panic!() } // [x]\n```\nthen ~~~\n```text\nprint(1)\n```")
        );
        // A block that never closes is closed at the end.
        assert_eq!(to_markdown("```\nlet x = 1;").as_deref(), Some("```text\nlet x = 1;\n```"));
    }

    #[test]
    fn control_characters_backslashes_and_comment_ends_are_harmless() {
        let md = to_markdown("a\r\nb\u{1b}[31m c:\\path\\ */ [Foo](Bar) [y](https://x.example)");
        assert_eq!(md.as_deref(), Some("a\nb \\[31m c:\\\\path\\\\ \\*/ \\[Foo\\](Bar) [y](https://x.example)"));
    }

    #[test]
    fn indentation_never_makes_a_doctest() {
        assert_eq!(to_markdown("a\n        b").as_deref(), Some("a\nb"));
        assert_eq!(to_markdown("   ").as_deref(), None);
    }
}
