//! Small types the generated code names.

use std::fmt;

/// An exact decimal, sent and received as its string (`"0.50"` stays `0.50`).
pub use rust_decimal::Decimal;

/// Seconds since the Unix epoch.
pub type Timestamp = i64;

/// A file to upload in a `multipart/form-data` request (`/v1/files`).
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
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

    /// Sends the part with this MIME type (`application/pdf`).
    pub fn content_type(mut self, mime: impl Into<String>) -> Self {
        self.content_type = Some(mime.into());
        self
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
