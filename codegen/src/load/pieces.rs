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

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

/// What a description is read into: the typed model, or the YAML tree that fragments are merged in.
pub(crate) trait Document: DeserializeOwned + Send {
    /// A run of `paths` entries.
    type Paths: DeserializeOwned + Send;
    /// A run of `components.schemas` entries.
    type Schemas: DeserializeOwned + Send;
    /// Adds the entries to `paths`: how many, or `None` if a key is already there (a duplicate
    /// the one-pass reader judges).
    fn add_paths(&mut self, entries: Self::Paths) -> Option<usize>;
    /// Adds the entries to `components.schemas`, as [`Document::add_paths`] does.
    fn add_schemas(&mut self, entries: Self::Schemas) -> Option<usize>;
}

/// The document `text` describes, read in pieces; `None` when it must be read in one pass.
pub(crate) fn read<D: Document>(text: &str) -> Option<D> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 {
        return None;
    }
    let layout = Layout::find(text)?;
    let mut jobs = vec![Job::Base(layout.base(text))];
    jobs.extend(layout.paths.groups(text, threads).map(Job::Paths));
    jobs.extend(layout.schemas.groups(text, threads).map(Job::Schemas));
    let parsed = parse_all::<D>(&jobs, threads)?;

    let mut parsed = parsed.into_iter();
    let Some(Parsed::Base(document)) = parsed.next() else {
        return None;
    };
    let mut document = *document;
    let mut path_count = 0;
    let mut schema_count = 0;
    for piece in parsed {
        match piece {
            Parsed::Paths(entries) => path_count += document.add_paths(entries)?,
            Parsed::Schemas(entries) => schema_count += document.add_schemas(entries)?,
            Parsed::Base(_) => return None,
        }
    }
    // Every entry line became exactly one entry: nothing was cut in the wrong place.
    (path_count == layout.paths.entries.len() && schema_count == layout.schemas.entries.len()).then_some(document)
}

impl Document for openapiv3::OpenAPI {
    type Paths = openapiv3::Paths;
    type Schemas = indexmap::IndexMap<String, openapiv3::ReferenceOr<openapiv3::Schema>>;

    fn add_paths(&mut self, entries: openapiv3::Paths) -> Option<usize> {
        let paths = &mut self.paths;
        let items = put_all(entries.paths, |key, item| paths.paths.insert(key, item).is_none())?;
        let extensions = put_all(entries.extensions, |key, value| paths.extensions.insert(key, value).is_none())?;
        Some(items + extensions)
    }

    fn add_schemas(&mut self, entries: Self::Schemas) -> Option<usize> {
        let schemas = &mut self.components.as_mut()?.schemas;
        put_all(entries, |key, schema| schemas.insert(key, schema).is_none())
    }
}

impl Document for Value {
    type Paths = Mapping;
    type Schemas = Mapping;

    fn add_paths(&mut self, entries: Mapping) -> Option<usize> {
        let paths = self.get_mut("paths")?.as_mapping_mut()?;
        put_all(entries, |key, item| paths.insert(key, item).is_none())
    }

    fn add_schemas(&mut self, entries: Mapping) -> Option<usize> {
        let schemas = self.get_mut("components")?.get_mut("schemas")?.as_mapping_mut()?;
        put_all(entries, |key, schema| schemas.insert(key, schema).is_none())
    }
}

/// Adds every entry with `insert`, which says whether the key was new: how many, or `None` at the
/// first key that was already there.
fn put_all<K, V>(entries: impl IntoIterator<Item = (K, V)>, mut insert: impl FnMut(K, V) -> bool) -> Option<usize> {
    let mut count = 0;
    for (key, value) in entries {
        insert(key, value).then_some(())?;
        count += 1;
    }
    Some(count)
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

enum Parsed<D: Document> {
    Base(Box<D>),
    Paths(D::Paths),
    Schemas(D::Schemas),
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
    /// events, and at least one per thread.
    fn groups<'t>(&self, text: &'t str, threads: usize) -> impl Iterator<Item = &'t str> {
        const PIECE_BYTES: usize = 128 * 1024;
        let first = self.entries.first().copied().unwrap_or(self.end);
        let count = ((self.end - first) / PIECE_BYTES).max(threads);
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
fn parse_all<D: Document>(jobs: &[Job<'_>], threads: usize) -> Option<Vec<Parsed<D>>> {
    // The biggest first, so that no thread is left with a big piece at the end.
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(jobs[i].text().len()));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Parsed<D>>>> = Mutex::new(jobs.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads.min(jobs.len()) {
            scope.spawn(|| {
                while let Some(&index) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let Some(job) = jobs.get(index) else { break };
                    let parsed = job.parse::<D>();
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

    fn parse<D: Document>(&self) -> Option<Parsed<D>> {
        super::without_panic(|| match self {
            Job::Base(text) => serde_yaml::from_str(text).ok().map(|document| Parsed::Base(Box::new(document))),
            Job::Paths(text) => serde_yaml::from_str(text).ok().map(Parsed::Paths),
            Job::Schemas(text) => serde_yaml::from_str(text).ok().map(Parsed::Schemas),
        })
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
        assert_eq!(read::<openapiv3::OpenAPI>(DOCUMENT), Some(whole));
        let tree: Value = serde_yaml::from_str(DOCUMENT).expect("valid");
        assert_eq!(read::<Value>(DOCUMENT), Some(tree));
    }

    #[test]
    fn other_layouts_are_left_to_the_one_pass_reader() {
        let flow = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n";
        assert!(Layout::find(flow).is_none());
        let json = r#"{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#;
        assert!(read::<openapiv3::OpenAPI>(json).is_none());
        let two_documents = format!("{DOCUMENT}---\n{DOCUMENT}");
        assert!(read::<openapiv3::OpenAPI>(&two_documents).is_none());
        assert!(read::<Value>(&two_documents).is_none());
    }

    #[test]
    fn a_piece_that_does_not_parse_gives_up() {
        let broken = DOCUMENT.replace("description: ok\n\n", "description: [ok\n\n");
        assert!(read::<openapiv3::OpenAPI>(&broken).is_none());
        assert!(read::<Value>(&broken).is_none());
    }

    #[test]
    fn an_entry_defined_twice_gives_up() {
        let twice = DOCUMENT.replace("  x-note: kept\n", "  /v1/a:\n    get:\n      responses: {}\n");
        assert!(read::<openapiv3::OpenAPI>(&twice).is_none());
        assert!(read::<Value>(&twice).is_none());
    }
}
