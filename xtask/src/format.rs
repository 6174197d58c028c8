//! The committed client in the repository's own style: every file the generator writes for it
//! goes through rustfmt with the workspace's `rustfmt.toml`, as `cargo fmt` would, so the
//! generated files need no `#[rustfmt::skip]` and read like the rest of the code. (The generator
//! prints with prettyplease, which has no settings; rust-analyzer's codegen does the same.)

use std::io::Write;
use std::process::{Command, Stdio};

use codegen::GeneratedFile;

use crate::files::root;
use crate::Error;

/// The edition `cargo fmt` formats the workspace's crates with.
const EDITION: &str = "2021";

/// Formats every Rust file of `files` in place.
pub fn rustfmt(files: &mut [GeneratedFile]) -> Result<(), Error> {
    for file in files.iter_mut().filter(|f| f.path.ends_with(".rs")) {
        file.contents =
            rustfmt_text(&file.contents).map_err(|reason| Error::Format { file: file.path.clone(), reason })?;
    }
    Ok(())
}

/// `text` as rustfmt writes it, or why it could not.
fn rustfmt_text(text: &str) -> Result<String, String> {
    let binary = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let config = root().join("rustfmt.toml");
    let mut child = Command::new(&binary)
        .args(["--edition", EDITION, "--emit", "stdout", "--quiet", "--config-path"])
        .arg(&config)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!("cannot run {} ({e}); install it with `rustup component add rustfmt`", binary.to_string_lossy())
        })?;
    let mut stdin = child.stdin.take().ok_or("rustfmt took no input")?;
    // A file larger than the pipe's buffer is written while rustfmt's answer is read.
    let output = std::thread::scope(|scope| {
        let writer = scope.spawn(move || stdin.write_all(text.as_bytes()));
        let output = child.wait_with_output();
        let written = writer.join().unwrap_or_else(|_| Err(std::io::Error::other("the writer panicked")));
        written.and(output)
    })
    .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).trim().to_owned());
    }
    String::from_utf8(output.stdout).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_take_the_workspace_style_and_only_rust_files_are_touched() {
        let mut files = vec![
            GeneratedFile { path: "a.rs".into(), contents: "pub fn   f( x:i64 )->i64{x}\n".into() },
            GeneratedFile { path: "notes.md".into(), contents: "pub fn   f( x:i64 )\n".into() },
        ];
        rustfmt(&mut files).expect("formats");
        assert_eq!(files[0].contents, "pub fn f(x: i64) -> i64 {\n    x\n}\n");
        assert_eq!(files[1].contents, "pub fn   f( x:i64 )\n");
    }

    #[test]
    fn text_rustfmt_cannot_read_is_an_error_naming_the_file() {
        let mut files = vec![GeneratedFile { path: "broken.rs".into(), contents: "fn (".into() }];
        let error = rustfmt(&mut files).expect_err("not Rust").to_string();
        assert!(error.contains("`broken.rs`"), "{error}");
    }

    #[test]
    fn a_file_larger_than_a_pipe_buffer_comes_back_whole() {
        let body: String = (0..20_000).map(|i| format!("pub const C{i}: i64 = {i};\n")).collect();
        let formatted = rustfmt_text(&body).expect("formats");
        assert_eq!(formatted, body);
    }
}
