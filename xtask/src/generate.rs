//! `cargo xtask generate`: regenerate the client, or check that the committed one is current.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen::{EmitOptions, GeneratedFile};

use crate::files::{display, read, root, source, spec_sources, write};
use crate::Error;

struct Args {
    check: bool,
    specs: Vec<PathBuf>,
    out: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Args, Error> {
    let mut parsed = Args {
        check: false,
        specs: Vec::new(),
        out: None,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => parsed.check = true,
            "--spec" => parsed.specs.push(
                args.next()
                    .ok_or_else(|| Error::Usage("--spec needs a file".into()))?
                    .into(),
            ),
            "--out" => {
                parsed.out = Some(
                    args.next()
                        .ok_or_else(|| Error::Usage("--out needs a directory".into()))?
                        .into(),
                )
            }
            other => return Err(Error::Usage(format!("unknown argument `{other}`"))),
        }
    }
    Ok(parsed)
}

/// Runs the command.
pub fn run(args: &[String]) -> Result<(), Error> {
    let args = parse(args)?;
    let sources = if args.specs.is_empty() {
        spec_sources()?
    } else {
        args.specs
            .iter()
            .map(|p| source(p))
            .collect::<Result<_, _>>()?
    };
    let options = EmitOptions {
        runtime: "crate".into(),
        renames: renames()?,
    };
    let files = codegen::generate(&sources, &options)?;
    let out = args
        .out
        .unwrap_or_else(|| root().join("generated-client/src/generated"));
    if args.check {
        check(&out, &files)
    } else {
        write_all(&out, &files)
    }
}

/// `spec/names.yaml`: generated type names mapped to better ones.
fn renames() -> Result<BTreeMap<String, String>, Error> {
    let path = root().join("spec/names.yaml");
    if !path.exists() {
        return Ok(BTreeMap::new());
    }
    let text = read(&path)?;
    serde_yaml::from_str(&text).map_err(|e| Error::Usage(format!("{}: {e}", display(&path))))
}

fn existing_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                if let Ok(relative) = path.strip_prefix(dir) {
                    found.push(relative.to_string_lossy().replace('\\', "/"));
                }
            }
        }
    }
    found.sort();
    found
}

fn write_all(out: &Path, files: &[GeneratedFile]) -> Result<(), Error> {
    for stale in existing_files(out) {
        if !files.iter().any(|f| f.path == stale) {
            let path = out.join(&stale);
            std::fs::remove_file(&path).map_err(|source| Error::Io {
                path: display(&path),
                source,
            })?;
        }
    }
    for file in files {
        let path = out.join(&file.path);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(file.contents.as_str()) {
            write(&path, &file.contents)?;
        }
    }
    println!("generated {} files in {}", files.len(), display(out));
    Ok(())
}

fn check(out: &Path, files: &[GeneratedFile]) -> Result<(), Error> {
    let mut problems = Vec::new();
    for file in files {
        let path = out.join(&file.path);
        match std::fs::read_to_string(&path) {
            Ok(current) if current == file.contents => {}
            Ok(_) => problems.push(format!("  changed: {}", display(&path))),
            Err(_) => problems.push(format!("  missing: {}", display(&path))),
        }
    }
    for existing in existing_files(out) {
        if !files.iter().any(|f| f.path == existing) {
            problems.push(format!("  not generated: {}", display(&out.join(existing))));
        }
    }
    if problems.is_empty() {
        println!("{} is up to date ({} files)", display(out), files.len());
        Ok(())
    } else {
        Err(Error::Stale(problems.join("\n")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn check_names_changed_missing_and_extra_files() {
        let dir = temp_dir("check");
        let files = vec![
            GeneratedFile {
                path: "a.rs".into(),
                contents: "// a\n".into(),
            },
            GeneratedFile {
                path: "api/b.rs".into(),
                contents: "// b\n".into(),
            },
        ];
        write_all(&dir, &files).expect("writes");
        assert!(check(&dir, &files).is_ok());

        std::fs::write(dir.join("a.rs"), "// edited by hand\n").expect("edit");
        std::fs::write(dir.join("extra.rs"), "// stray\n").expect("stray");
        std::fs::remove_file(dir.join("api/b.rs")).expect("remove");
        let message = check(&dir, &files).expect_err("stale").to_string();
        assert!(
            message.contains("changed:") && message.contains("a.rs"),
            "{message}"
        );
        assert!(
            message.contains("missing:") && message.contains("b.rs"),
            "{message}"
        );
        assert!(
            message.contains("not generated:") && message.contains("extra.rs"),
            "{message}"
        );

        write_all(&dir, &files).expect("regenerates");
        assert!(
            check(&dir, &files).is_ok(),
            "generate removes stale files and restores the rest"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
