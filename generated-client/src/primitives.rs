//! Small types the generated code names.

use std::fmt;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// An exact decimal, sent and received as its string (`"0.50"` stays `0.50`).
pub use rust_decimal::Decimal;

/// Seconds since the Unix epoch.
pub type Timestamp = i64;

/// The contents of a file to upload.
pub type FileUpload = Vec<u8>;

/// Prints `[redacted]`: what `Debug` shows in place of a secret.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Everything but unreserved characters is escaped in a path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

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
