//! Reading one large description on several threads.
//!
//! Parsing YAML is most of the load stage for Stripe's 4 MB spec, and almost all of that text is
//! the entries of two mappings: `paths` and `components.schemas`. In block-style YAML each entry
//! starts a line at its mapping's indentation, so the text can be cut between entries into
//! pieces that parse on their own, in parallel, and are put back together in their order.
//!
//! Cutting is only an optimisation: a layout this reader does not expect, a piece that fails to
//! parse, or an entry count that does not add up gives `None`, and the caller reads the whole
//! text in one pass, which is also what reports errors.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The document `text` describes, read in pieces; `None` when it must be read in one pass.
pub(crate) fn read(text: &str) -> Option<openapiv3::OpenAPI> {
    let layout = Layout::find(text)?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 {
        return None;
    }
    let mut jobs = vec![Job::Base(layout.base(text))];
    jobs.extend(layout.paths.groups(text, threads).map(Job::Paths));
    jobs.extend(layout.schemas.groups(text, threads).map(Job::Schemas));
    let parsed = parse_all(&jobs, threads)?;

    let mut parsed = parsed.into_iter();
    let Some(Parsed::Base(document)) = parsed.next() else {
        return None;
    };
    let mut document = *document;
    let mut path_count = 0;
    let mut schema_count = 0;
    for piece in parsed {
        match piece {
            Parsed::Paths(paths) => {
                path_count += paths.paths.len() + paths.extensions.len();
                for (key, item) in paths.paths {
                    put(&mut document.paths.paths, key, item)?;
                }
                for (key, value) in paths.extensions {
                    put(&mut document.paths.extensions, key, value)?;
                }
            }
            Parsed::Schemas(piece) => {
                schema_count += piece.len();
                let schemas = &mut document.components.as_mut()?.schemas;
                for (key, schema) in piece {
                    put(schemas, key, schema)?;
                }
            }
            Parsed::Base(_) => return None,
        }
    }
    // Every entry line became exactly one entry: nothing was cut in the wrong place.
    (path_count == layout.paths.entries.len() && schema_count == layout.schemas.entries.len()).then_some(document)
}

/// Adds an entry; `None` if its key is already there, a duplicate the one-pass reader judges.
fn put<V>(map: &mut indexmap::IndexMap<String, V>, key: String, value: V) -> Option<()> {
    if map.contains_key(&key) {
        return None;
    }
    map.insert(key, value);
    Some(())
}

/// Where the two big mappings and their entries are.
struct Layout {
    paths: Section,
    schemas: Section,
}

/// A mapping's key line and the byte offsets of its entries, the last running to `end`.
struct Section {
    key_line: std::ops::Range<usize>,
    entries: Vec<usize>,
    end: usize,
}

/// A text to parse: the base document, or a run of entries of one of the two mappings, indented
/// as in the whole.
enum Job<'t> {
    Base(String),
    Paths(&'t str),
    Schemas(&'t str),
}

enum Parsed {
    Base(Box<openapiv3::OpenAPI>),
    Paths(openapiv3::Paths),
    Schemas(indexmap::IndexMap<String, openapiv3::ReferenceOr<openapiv3::Schema>>),
}

impl Layout {
    fn find(text: &str) -> Option<Layout> {
        // Lines at column 0 end both mappings, so document markers and directives stay in the
        // base text, where they mean what they mean in the whole.
        let paths = Section::under(text, top_level_line(text, "paths:")?, 2)?;
        let components = top_level_line(text, "components:")?;
        let mut inside = Lines::from(text, components.end).take_while(|l| l.is_blank() || l.indent() > 0);
        let schemas = Section::under(text, inside.find(|l| l.text.trim_end() == "  schemas:")?, 4)?;
        let apart = paths.end <= schemas.key_line.start || schemas.end <= paths.key_line.start;
        apart.then_some(Layout { paths, schemas })
    }

    /// The text with both mappings emptied: everything else the document says.
    fn base(&self, text: &str) -> String {
        let mut sections = [&self.paths, &self.schemas];
        sections.sort_by_key(|s| s.key_line.start);
        let mut out = String::with_capacity(text.len() / 8);
        let mut at = 0;
        for section in sections {
            out.push_str(&text[at..section.key_line.end]);
            out.push_str(" {}\n");
            at = section.end;
        }
        out.push_str(&text[at..]);
        out
    }
}

impl Section {
    /// The mapping under `key_line`, whose entries start at column `indent`.
    fn under(text: &str, key_line: Line<'_>, indent: usize) -> Option<Section> {
        let mut entries = Vec::new();
        let mut end = key_line.end;
        for line in Lines::from(text, key_line.end) {
            if line.is_blank() {
                continue;
            }
            let line_indent = line.indent();
            if line_indent < indent {
                break;
            }
            if line_indent == indent {
                entries.push(line.start);
            } else if entries.is_empty() {
                return None; // content before the first entry
            }
            end = line.end;
        }
        if entries.is_empty() {
            return None;
        }
        Some(Section { key_line: key_line.start..key_line.start + key_line.text.trim_end().len(), entries, end })
    }

    /// The entries in runs of similar size: small, since the parser buffers a whole piece's
    /// events, and at least a few per thread, so that a thread the machine slows holds up less.
    fn groups<'t>(&self, text: &'t str, threads: usize) -> impl Iterator<Item = &'t str> {
        const PIECE_BYTES: usize = 128 * 1024;
        let first = self.entries.first().copied().unwrap_or(self.end);
        let count = ((self.end - first) / PIECE_BYTES).max(4 * threads);
        let target = (self.end - first) / count + 1;
        let mut starts = vec![first];
        for &entry in &self.entries {
            if entry - starts[starts.len() - 1] >= target {
                starts.push(entry);
            }
        }
        let ends: Vec<usize> = starts.iter().skip(1).copied().chain([self.end]).collect();
        starts.into_iter().zip(ends).map(move |(start, end)| &text[start..end])
    }
}

/// Parses every job on `threads` threads; the results in job order, `None` if any failed.
fn parse_all(jobs: &[Job<'_>], threads: usize) -> Option<Vec<Parsed>> {
    // The biggest first, so that no thread is left with a big piece at the end.
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(jobs[i].text().len()));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Parsed>>> = Mutex::new(jobs.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads.min(jobs.len()) {
            scope.spawn(|| {
                while let Some(&index) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let Some(job) = jobs.get(index) else { break };
                    let parsed = job.parse();
                    let failed = parsed.is_none();
                    if let Ok(mut results) = results.lock() {
                        results[index] = parsed;
                    }
                    if failed {
                        // The whole text is read again in one pass; the other pieces are wasted.
                        next.store(jobs.len(), Ordering::Relaxed);
                    }
                }
            });
        }
    });
    results.into_inner().ok()?.into_iter().collect()
}

impl Job<'_> {
    fn text(&self) -> &str {
        match self {
            Job::Base(text) => text,
            Job::Paths(text) | Job::Schemas(text) => text,
        }
    }

    fn parse(&self) -> Option<Parsed> {
        match self {
            Job::Base(text) => serde_yaml::from_str(text).ok().map(|document| Parsed::Base(Box::new(document))),
            Job::Paths(text) => serde_yaml::from_str(text).ok().map(Parsed::Paths),
            Job::Schemas(text) => serde_yaml::from_str(text).ok().map(Parsed::Schemas),
        }
    }
}

/// The lines of a text with their byte offsets.
#[derive(Clone)]
struct Lines<'a> {
    text: &'a str,
    at: usize,
}

#[derive(Clone, Copy)]
struct Line<'a> {
    /// Offset of the first byte.
    start: usize,
    /// Offset just past the line break.
    end: usize,
    /// The line without its break.
    text: &'a str,
}

impl<'a> Lines<'a> {
    /// The lines from byte `at`, which starts a line.
    fn from(text: &'a str, at: usize) -> Self {
        Lines { text, at }
    }
}

/// The line of `text` that is exactly `key` (trailing spaces aside), at column 0.
fn top_level_line<'a>(text: &'a str, key: &str) -> Option<Line<'a>> {
    text.match_indices(key)
        .map(|(at, _)| at)
        .filter(|&at| at == 0 || text.as_bytes()[at - 1] == b'\n')
        .filter_map(|at| Lines::from(text, at).next())
        .find(|line| line.text.trim_end() == key)
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        let rest = self.text.get(self.at..).filter(|r| !r.is_empty())?;
        let length = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = Line { start: self.at, end: self.at + length, text: rest[..length].trim_end_matches('\n') };
        self.at += length;
        Some(line)
    }
}

impl Line<'_> {
    fn indent(&self) -> usize {
        self.text.bytes().take_while(|&b| b == b' ').count()
    }

    /// Empty, or only a comment.
    fn is_blank(&self) -> bool {
        matches!(self.text.bytes().find(|&b| b != b' '), None | Some(b'#' | b'\r'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOCUMENT: &str = "openapi: 3.0.0\ninfo:\n  title: t\n  version: '1'\npaths:\n  /v1/a:\n    get:\n      responses:\n        '200':\n          description: ok\n\n  /v1/b:\n    # a comment\n    post:\n      description: |\n        # not a comment\n      responses:\n        '200':\n          description: ok\n  x-note: kept\ncomponents:\n  securitySchemes: {}\n  schemas:\n    a:\n      type: string\n    b:\n      $ref: '#/components/schemas/a'\n    c:\n      type: object\n      properties:\n        d:\n          type: integer\n  responses: {}\n";

    #[test]
    fn pieces_read_the_same_document_as_one_pass() {
        let whole: openapiv3::OpenAPI = serde_yaml::from_str(DOCUMENT).expect("valid");
        let layout = Layout::find(DOCUMENT).expect("block layout");
        assert_eq!((layout.paths.entries.len(), layout.schemas.entries.len()), (3, 3));
        assert_eq!(read(DOCUMENT), Some(whole));
    }

    #[test]
    fn other_layouts_are_left_to_the_one_pass_reader() {
        let flow = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n";
        assert!(Layout::find(flow).is_none());
        let json = r#"{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#;
        assert!(read(json).is_none());
        let two_documents = format!("{DOCUMENT}---\n{DOCUMENT}");
        assert!(read(&two_documents).is_none());
    }

    #[test]
    fn a_piece_that_does_not_parse_gives_up() {
        let broken = DOCUMENT.replace("description: ok\n\n", "description: [ok\n\n");
        assert!(read(&broken).is_none());
    }

    #[test]
    fn an_entry_defined_twice_gives_up() {
        let twice = DOCUMENT.replace("  x-note: kept\n", "  /v1/a:\n    get:\n      responses: {}\n");
        assert!(read(&twice).is_none());
    }
}
