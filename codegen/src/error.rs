//! The one error type of the generator: what went wrong, and where in the spec.

/// Something in the spec the generator cannot read or express.
///
/// Every variant names the place: the source file and a JSON pointer into the document.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum Error {
    /// The text is not valid YAML or JSON.
    #[error("{file}: not valid YAML/JSON: {message}")]
    Syntax { file: String, message: String },
    /// The document parses but is not a valid OpenAPI 3.0 description.
    #[error("{file}#{pointer}: not a valid OpenAPI 3.0 document: {message}")]
    Invalid { file: String, pointer: String, message: String },
    /// Two fragments define the same path or schema differently.
    #[error("{pointer}: defined differently in {first} and {second}")]
    Conflict { pointer: String, first: String, second: String },
    /// A `$ref` points at nothing, or somewhere the generator does not follow.
    #[error("{pointer}: unresolvable reference `{reference}`")]
    BadReference { pointer: String, reference: String },
    /// A construct the generator has no Rust shape for.
    #[error("{pointer}: unsupported: {message}")]
    Unsupported { pointer: String, message: String },
    /// Two different definitions end up with the same Rust name.
    #[error("{pointer}: the Rust name `{name}` is already used by {other}")]
    NameCollision { pointer: String, name: String, other: String },
    /// A name in the spec cannot be turned into a Rust identifier.
    #[error("{pointer}: `{name}` cannot be made into a Rust identifier")]
    BadName { pointer: String, name: String },
    /// The generated tokens did not parse as Rust (a generator bug, reported instead of panicking).
    #[error("generated file {file} is not valid Rust: {message}")]
    Emit { file: String, message: String },
    /// The generator panicked (a generator bug), caught and reported with where it was.
    #[error("generator bug while writing {file}, at {pointer}: {message}")]
    Internal { file: String, pointer: String, message: String },
}

impl Error {
    pub(crate) fn unsupported(pointer: &str, message: impl Into<String>) -> Self {
        Error::Unsupported { pointer: pointer.to_owned(), message: message.into() }
    }
}
