//! Writing generated files as one change: everything is written into a staging directory beside
//! the output first, then swapped in by renames. A failure while writing (an IO error, a full disk,
//! a name the file system refuses) leaves the output exactly as it was.

use std::path::{Path, PathBuf};

use codegen::GeneratedFile;

use crate::files::display;
use crate::Error;

/// Whether the generator writes files of this kind (`.rs` files and manifests): those under an
/// owned directory that a run does not write are stale and go; anything else there is kept.
pub fn generated_kind(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "rs") || path.file_name().is_some_and(|n| n == "Cargo.toml")
}

/// The files under `dir` of the kinds the generator writes, relative to it and sorted.
pub fn existing_files(dir: &Path) -> Vec<String> {
    let mut found: Vec<String> = all_files(dir).into_iter().filter(|f| generated_kind(Path::new(f))).collect();
    found.sort();
    found
}

/// Every file under `dir`, relative to it.
fn all_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(relative) = path.strip_prefix(dir) {
                found.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found
}

/// Writes `files` (paths relative to `out`) as one change. The `owned` directories of `out`
/// (`""`: all of it) become exactly the generated files plus what else they held (files of other
/// kinds stay); files outside them are written beside. Unchanged files keep their inode, and so
/// their modification time: cargo rebuilds nothing a run did not change.
pub fn write_all(out: &Path, files: &[GeneratedFile], owned: &[&str]) -> Result<(), Error> {
    let staging = sibling(out, "staging");
    let _ = std::fs::remove_dir_all(&staging);
    if let Err(error) = stage(out, &staging, files, owned) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(error);
    }
    let swapped = swap(out, &staging, files, owned);
    let _ = std::fs::remove_dir_all(&staging);
    swapped?;
    println!("generated {} files in {}", files.len(), display(out));
    Ok(())
}

/// A directory beside `out` named after it, for this process.
fn sibling(out: &Path, what: &str) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    out.with_file_name(format!(".{name}.{what}-{}", std::process::id()))
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io { path: display(path), source }
}

/// Everything the output will hold, written under `staging`.
fn stage(out: &Path, staging: &Path, files: &[GeneratedFile], owned: &[&str]) -> Result<(), Error> {
    // What else the owned directories hold stays.
    for dir in owned {
        for kept in all_files(&out.join(dir)).into_iter().filter(|f| !generated_kind(Path::new(f))) {
            let relative = Path::new(dir).join(&kept);
            keep_or_write(&out.join(&relative), &staging.join(&relative), None)?;
        }
    }
    for file in files {
        keep_or_write(&out.join(&file.path), &staging.join(&file.path), Some(&file.contents))?;
    }
    Ok(())
}

/// Puts at `to` the file at `from` when `contents` is what it holds (or is not given), as a hard
/// link, else `contents`.
fn keep_or_write(from: &Path, to: &Path, contents: Option<&str>) -> Result<(), Error> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    let unchanged = match contents {
        Some(contents) => std::fs::read_to_string(from).is_ok_and(|current| current == contents),
        None => true,
    };
    if unchanged && std::fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    match contents {
        Some(contents) => std::fs::write(to, contents).map_err(io(to)),
        None => std::fs::copy(from, to).map(drop).map_err(io(to)),
    }
}

/// Moves the staged tree into place: each owned directory by two renames (the old one aside, the
/// new one in), then the files outside them. A rename that fails puts back what was moved aside.
fn swap(out: &Path, staging: &Path, files: &[GeneratedFile], owned: &[&str]) -> Result<(), Error> {
    let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = (|| {
        for dir in owned {
            let (target, staged) = (out.join(dir), staging.join(dir));
            if !staged.exists() {
                std::fs::create_dir_all(&staged).map_err(io(&staged))?;
            }
            let aside = sibling(&target, "previous");
            if target.exists() {
                std::fs::rename(&target, &aside).map_err(io(&target))?;
                moved.push((aside, target.clone()));
            } else if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
            std::fs::rename(&staged, &target).map_err(io(&target))?;
        }
        let outside =
            files.iter().filter(|f| !owned.iter().any(|dir| dir.is_empty() || f.path.starts_with(&format!("{dir}/"))));
        for file in outside {
            let target = out.join(&file.path);
            std::fs::rename(staging.join(&file.path), &target).map_err(io(&target))?;
        }
        Ok(())
    })();
    match result {
        Ok(()) => {
            for (aside, _) in moved {
                let _ = std::fs::remove_dir_all(aside);
            }
            Ok(())
        }
        Err(error) => {
            for (aside, target) in moved.into_iter().rev() {
                let _ = std::fs::remove_dir_all(&target);
                let _ = std::fs::rename(&aside, &target);
            }
            Err(error)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile { path: path.into(), contents: contents.into() }
    }

    /// Every file under `dir` with its contents, sorted.
    fn snapshot(dir: &Path) -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = all_files(dir)
            .into_iter()
            .map(|f| (f.clone(), std::fs::read_to_string(dir.join(&f)).unwrap_or_default()))
            .collect();
        all.sort();
        all
    }

    #[test]
    fn a_failed_write_leaves_the_output_as_it_was_and_nothing_beside() {
        for owned in [&[""][..], &["src", "crates"][..]] {
            let out = temp_dir(if owned.len() == 1 { "whole" } else { "parts" }).join("out");
            let first = vec![
                file("Cargo.toml", "[package]\n"),
                file("src/lib.rs", "// one\n"),
                file("crates/models/src/lib.rs", "// models\n"),
            ];
            write_all(&out, &first, owned).expect("the first run writes");
            std::fs::write(out.join("src/NOTES.md"), "kept").expect("a file of the user's");
            let before = snapshot(&out);

            // The second run changes a file, then meets a name no file system takes.
            let refused = format!("src/{}.rs", "x".repeat(300));
            let second =
                vec![file("Cargo.toml", "[package]\nchanged\n"), file("src/lib.rs", "// two\n"), file(&refused, "")];
            let error = write_all(&out, &second, owned).expect_err("the long name is refused");
            assert!(error.to_string().contains("xxxx"), "the error names the file: {error}");
            assert_eq!(snapshot(&out), before, "{owned:?}: the output is as it was");
            let parent = out.parent().expect("a parent");
            let beside: Vec<String> = std::fs::read_dir(parent)
                .expect("the parent")
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            assert_eq!(beside, ["out"], "{owned:?}: no staging directory is left");
            let _ = std::fs::remove_dir_all(parent);
        }
    }

    #[test]
    fn a_run_replaces_generated_files_keeps_others_and_unchanged_files_keep_their_time() {
        let out = temp_dir("replace").join("out");
        write_all(&out, &[file("a.rs", "a"), file("api/b.rs", "b")], &[""]).expect("writes");
        std::fs::write(out.join("README.md"), "kept").expect("a file of the user's");
        let modified = |path: &str| std::fs::metadata(out.join(path)).and_then(|m| m.modified()).ok();
        let a_time = modified("a.rs");
        std::thread::sleep(std::time::Duration::from_millis(20));
        write_all(&out, &[file("a.rs", "a"), file("c.rs", "c")], &[""]).expect("writes again");
        assert_eq!(
            snapshot(&out),
            [("README.md".into(), "kept".into()), ("a.rs".into(), "a".into()), ("c.rs".into(), "c".into())]
        );
        assert_eq!(modified("a.rs"), a_time, "an unchanged file is not rewritten");
        let _ = std::fs::remove_dir_all(out.parent().expect("a parent"));
    }
}
