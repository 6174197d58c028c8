//! Small types the generated code names.

use std::fmt;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// An exact decimal, sent and received as its string (`"0.50"` stays `0.50`).
pub use rust_decimal::Decimal;

/// Seconds since the Unix epoch.
pub type Timestamp = i64;

/// A file to upload in a `multipart/form-data` request (`/v1/files`).
#[derive(Clone, PartialEq, Eq)]
pub struct FileUpload {
    /// The file name sent with the part.
    pub name: String,
    /// The MIME type, if known (`application/pdf`).
    pub content_type: Option<String>,
    /// The contents.
    pub data: Vec<u8>,
}

impl FileUpload {
    /// A file from its name and contents.
    pub fn new(name: impl Into<String>, data: impl Into<Vec<u8>>) -> Self {
        FileUpload { name: name.into(), content_type: None, data: data.into() }
    }
}

impl fmt::Debug for FileUpload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileUpload")
            .field("name", &self.name)
            .field("content_type", &self.content_type)
            .field("len", &self.data.len())
            .finish()
    }
}

/// Prints `[redacted]`: what `Debug` shows in place of a secret.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Everything but unreserved characters is escaped in a path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// An ID made safe to put in a URL path: `a/b` cannot reach another endpoint.
pub fn path_segment(id: &str) -> String {
    utf8_percent_encode(id, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::path_segment;

    #[test]
    fn path_segments_cannot_escape() {
        assert_eq!(path_segment("climorder_123"), "climorder_123");
        assert_eq!(path_segment("../x?y#z"), "..%2Fx%3Fy%23z");
    }
}
