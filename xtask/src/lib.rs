//! Maintainer commands as a library: the `xtask` binary parses arguments and calls these; the
//! test suite calls the same functions, so a generation run's inputs are assembled in one place
//! and the committed client is checked by one checker.

pub mod bench;
pub mod files;
pub mod format;
pub mod generate;
pub mod output;
pub mod spec;
pub mod test;

/// A failed command: one readable line per problem.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The generator refused the description.
    #[error("{0}")]
    Codegen(#[from] codegen::Error),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file, relative to the workspace where possible.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The command was called wrongly, or a step it runs failed.
    #[error("{0}")]
    Usage(String),
    /// rustfmt could not format a generated file of the committed client.
    #[error("rustfmt could not format the generated `{file}`: {reason}")]
    Format {
        /// The file, relative to the client's directory.
        file: String,
        /// What rustfmt said, or why it could not run.
        reason: String,
    },
    /// The committed client differs from a fresh run.
    #[error("the generated client is stale; run `cargo xtask generate`:\n{0}")]
    Stale(String),
}
