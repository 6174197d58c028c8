//! `cargo xtask generate`: regenerate the client, or check that the committed one is current.

use std::path::{Path, PathBuf};

use codegen::{GeneratedFile, Names, Runtime, Settings};

use crate::files::{display, header, root, settings, source, spec_sources, write};
use crate::Error;

struct Args {
    check: bool,
    specs: Vec<PathBuf>,
    out: Option<PathBuf>,
    runtime_path: Option<String>,
}

fn parse(args: &[String]) -> Result<Args, Error> {
    let mut parsed = Args { check: false, specs: Vec::new(), out: None, runtime_path: None };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => parsed.check = true,
            "--spec" => {
                parsed.specs.push(args.next().ok_or_else(|| Error::Usage("--spec needs a file".into()))?.into())
            }
            "--out" => {
                parsed.out = Some(args.next().ok_or_else(|| Error::Usage("--out needs a directory".into()))?.into())
            }
            "--runtime-path" => {
                let path = args.next().ok_or_else(|| Error::Usage("--runtime-path needs a path".into()))?;
                parsed.runtime_path = Some(path.clone());
            }
            other => return Err(Error::Usage(format!("unknown argument `{other}`"))),
        }
    }
    Ok(parsed)
}

/// The committed client's directory.
pub fn client_dir() -> PathBuf {
    root().join("generated-client/src/generated")
}

/// The client generated from `spec/`, headers included: exactly the files to commit.
pub fn spec_files() -> Result<(Vec<GeneratedFile>, codegen::Report), Error> {
    let sources = spec_sources()?;
    let (mut files, report) = codegen::generate_with_report(&sources, &settings()?)?;
    let header = header(&sources, &report.version);
    for file in &mut files {
        file.contents.insert_str(0, &header);
    }
    Ok((files, report))
}

/// The public API surface of the client generated from `spec/` (see [`codegen::surface`]).
pub fn spec_surface() -> Result<String, Error> {
    let spec = codegen::load::load(&spec_sources()?)?;
    let api = codegen::lower::lower(&spec.document, &settings()?.names)?;
    Ok(codegen::surface::surface(&api))
}

/// Whether the committed client is what `spec/` generates: the check of `generate --check`
/// and of the test suite alike.
pub fn check_committed() -> Result<(), Error> {
    let (files, _) = spec_files()?;
    check(&client_dir(), &files)
}

/// Runs the command.
pub fn run(args: &[String]) -> Result<(), Error> {
    let args = parse(args)?;
    if args.specs.is_empty() {
        let (files, report) = spec_files()?;
        let out = args.out.unwrap_or_else(client_dir);
        print_report(&report);
        return if args.check { check(&out, &files) } else { write_all(&out, &files, "") };
    }
    // Another description: a crate of its own, on the runtime of `generated-client`.
    let out = args.out.ok_or_else(|| Error::Usage("--spec needs --out <dir> for the crate to write".into()))?;
    let runtime = match args.runtime_path {
        Some(path) => path,
        None => runtime_path_from(&out)?,
    };
    let sources: Vec<_> = args.specs.iter().map(|p| source(p)).collect::<Result<_, _>>()?;
    let settings =
        Settings { runtime: Runtime::Crate("stripe_client".into()), names: Names::default(), resource_features: true };
    let (mut files, report) = codegen::generate_with_report(&sources, &settings)?;
    print_report(&report);
    let header = header(&sources, &report.version);
    for file in &mut files {
        file.path = format!("src/generated/{}", file.path);
        file.contents.insert_str(0, &header);
    }
    files.push(GeneratedFile { path: "Cargo.toml".into(), contents: standalone_manifest(&runtime, &report.features) });
    files.push(GeneratedFile { path: "src/lib.rs".into(), contents: STANDALONE_LIB.to_owned() });
    if args.check {
        check(&out, &files)
    } else {
        write_all(&out, &files, "src/generated")
    }
}

fn print_report(report: &codegen::Report) {
    println!(
        "{} of {} operations generated, {} types; not generated: none (anything the generator cannot express is an error)",
        report.operations_generated, report.operations_in_spec, report.types
    );
}

/// The runtime's path as the manifest of a crate written to `out` names it: relative, so the
/// crate keeps working when the repository moves. Outside the repository there is no path to
/// guess, and `--runtime-path` says where the runtime is.
fn runtime_path_from(out: &Path) -> Result<String, Error> {
    let absolute = |path: &Path| std::fs::create_dir_all(path).and_then(|()| path.canonicalize());
    let out_dir = absolute(out).map_err(|source| Error::Io { path: display(out), source })?;
    let root = root().canonicalize().map_err(|source| Error::Io { path: display(&root()), source })?;
    let Ok(inside) = out_dir.strip_prefix(&root) else {
        return Err(Error::Usage(format!(
            "{} is outside this repository: say where the crate finds the runtime with --runtime-path <path> \
             (the `generated-client` directory of a checkout, relative to the output directory or absolute)",
            out.display()
        )));
    };
    let up = inside.components().count();
    Ok(format!("{}generated-client", "../".repeat(up)))
}

/// The manifest of a standalone crate: every resource feature, all on by default through `full`.
pub fn standalone_manifest(runtime: &str, features: &[String]) -> String {
    let mut out = format!(
        "# @generated by `cargo xtask generate --spec ... --out ...`.\n\
         [package]\nname = \"stripe-generated\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nstripe-client = {{ path = {runtime:?}, default-features = false }}\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\n"
    );
    if !features.is_empty() {
        // Each resource is a feature named after its object; `full` turns on all of them.
        out.push_str("[features]\ndefault = [\"full\"]\nfull = [\n");
        for feature in features {
            out.push_str(&format!("    {feature:?},\n"));
        }
        out.push_str("]\n");
        for feature in features {
            out.push_str(&format!("{feature} = []\n"));
        }
        out.push('\n');
    }
    out.push_str("# A crate of its own, not a member of the workspace it may be written into.\n[workspace]\n");
    out
}

/// The `lib.rs` of a standalone crate: the generated modules and the runtime, re-exported.
pub const STANDALONE_LIB: &str = "// @generated by `cargo xtask generate --spec ... --out ...`.\n\
//! A Stripe client generated from an OpenAPI description, on the `stripe-client` runtime.\n\
//!\n\
//! Build a `stripe_client::Client` with `.stripe_version(API_VERSION)`, then import [`StripeApi`]\n\
//! to reach the operations.\n\
//!\n\
//! Each resource is a cargo feature named after its object (`customer`, `payment_intent`), and\n\
//! `full`, the default, turns on all of them. To compile only what you use:\n\
//! `default-features = false, features = [\"customer\", \"payment_intent\"]`. A feature compiles\n\
//! its object, its operations and every type they reach; a field holding another resource's\n\
//! object (`PaymentIntent.customer`) exists when that resource's feature is on as well.\n\n\
#[rustfmt::skip]\npub mod generated;\n\npub use generated::*;\npub use stripe_client;\n";

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

/// Writes the files under `out`, and removes the `.rs` files under `out/<owned>` that are no longer
/// generated (only there: `out` may hold other things).
fn write_all(out: &Path, files: &[GeneratedFile], owned: &str) -> Result<(), Error> {
    let owned_dir = out.join(owned);
    for stale in existing_files(&owned_dir) {
        let relative = if owned.is_empty() { stale.clone() } else { format!("{owned}/{stale}") };
        if !files.iter().any(|f| f.path == relative) {
            let path = owned_dir.join(&stale);
            std::fs::remove_file(&path).map_err(|source| Error::Io { path: display(&path), source })?;
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

/// Compares `files` with what is under `out`: changed, missing and extra (not generated) files.
pub fn check(out: &Path, files: &[GeneratedFile]) -> Result<(), Error> {
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
            GeneratedFile { path: "a.rs".into(), contents: "// a\n".into() },
            GeneratedFile { path: "api/b.rs".into(), contents: "// b\n".into() },
        ];
        write_all(&dir, &files, "").expect("writes");
        assert!(check(&dir, &files).is_ok());

        std::fs::write(dir.join("a.rs"), "// edited by hand\n").expect("edit");
        std::fs::write(dir.join("extra.rs"), "// stray\n").expect("stray");
        std::fs::remove_file(dir.join("api/b.rs")).expect("remove");
        let message = check(&dir, &files).expect_err("stale").to_string();
        assert!(message.contains("changed:") && message.contains("a.rs"), "{message}");
        assert!(message.contains("missing:") && message.contains("b.rs"), "{message}");
        assert!(message.contains("not generated:") && message.contains("extra.rs"), "{message}");

        write_all(&dir, &files, "").expect("regenerates");
        assert!(check(&dir, &files).is_ok(), "generate removes stale files and restores the rest");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn standalone_crates_name_the_runtime_relatively_or_ask_where_it_is() {
        let inside = root().join("target/xtask-runtime-path/a/b");
        assert_eq!(runtime_path_from(&inside).ok().as_deref(), Some("../../../../generated-client"));
        let outside = temp_dir("outside");
        let message = runtime_path_from(&outside).expect_err("outside the repository").to_string();
        assert!(message.contains("--runtime-path"), "{message}");
        let manifest = standalone_manifest("../stripe/generated-client", &[]);
        assert!(manifest.contains("path = \"../stripe/generated-client\""), "{manifest}");
        let _ = std::fs::remove_dir_all(&outside);
        let _ = std::fs::remove_dir_all(root().join("target/xtask-runtime-path"));
    }
}
