//! Generator bugs reported as errors. A panic while lowering or emitting becomes an
//! [`Error::Internal`] that names the output file and the spec location being worked on, so a
//! maintainer gets one readable line, a failing exit and no partial output.

use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::error::Error;

thread_local! {
    /// The spec locations being worked on by this thread, innermost last.
    static PLACES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Runs `work` with `pointer` as the innermost spec location being worked on.
pub(crate) fn at<T>(pointer: &str, work: impl FnOnce() -> T) -> T {
    PLACES.with(|places| places.borrow_mut().push(pointer.to_owned()));
    let out = work();
    PLACES.with(|places| places.borrow_mut().pop());
    out
}

/// Runs `work`; a panic in it is returned as an error naming `file` and the innermost place.
pub(crate) fn catching<T>(file: &str, work: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    let depth = PLACES.with(|places| places.borrow().len());
    catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|payload| {
        let pointer = PLACES.with(|places| {
            let mut places = places.borrow_mut();
            let innermost = places.get(depth..).and_then(|inner| inner.last().cloned());
            places.truncate(depth);
            innermost
        });
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned());
        Err(Error::Internal {
            file: file.to_owned(),
            pointer: pointer.unwrap_or_else(|| "(the whole document)".to_owned()),
            message,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_names_the_file_and_the_innermost_place() {
        let error = catching("api/files.rs", || -> Result<(), Error> {
            at("/paths/~1v1~1files/post", || at("/components/schemas/file", || panic!("boom {}", 42)))
        })
        .expect_err("the panic is an error");
        assert_eq!(error.to_string(), "generator bug while writing api/files.rs, at /components/schemas/file: boom 42");
        // The places of the failed work are gone: the next error names its own.
        let error = catching("mod.rs", || -> Result<(), Error> { panic!("plain") }).expect_err("error");
        assert_eq!(error.to_string(), "generator bug while writing mod.rs, at (the whole document): plain");
    }
}
