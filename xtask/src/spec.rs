//! `cargo xtask spec`: refresh the upstream part of `spec/`, say what two descriptions change in
//! the generated API, or bundle the description into one file.

use std::path::{Path, PathBuf};

use codegen::changes::Changelog;
use codegen::ir::Api;
use codegen::upstream::{import, Selection};
use codegen::{Names, Source};

use crate::files::{display, local_fragments, names_in, read, root, source, spec_sources, spec_sources_in, write};
use crate::Error;

const USAGE: &str = "usage: cargo xtask spec import <stripe-spec.yaml>\n       \
                     cargo xtask spec diff <old> <new> [--json] [--docs]   (each a spec file or a directory laid out as spec/)\n       \
                     cargo xtask spec bundle --out <file>";

/// Runs `spec import`, `spec diff` or `spec bundle`.
pub fn run(args: &[String]) -> Result<(), Error> {
    match args {
        [command, file] if command == "import" => import_command(Path::new(file)),
        [command, rest @ ..] if command == "diff" => diff_command(rest),
        [command, flag, file] if command == "bundle" && flag == "--out" => bundle_command(Path::new(file)),
        _ => Err(Error::Usage(USAGE.into())),
    }
}

fn import_command(file: &Path) -> Result<(), Error> {
    print!("{}", import_into(&root().join("spec"), file)?);
    Ok(())
}

/// Rewrites `upstream/stripe.yaml` of the spec directory `spec` from Stripe's published spec in
/// `file`; returns what to tell the maintainer: the file written and what the import changes in
/// the generated API.
pub fn import_into(spec: &Path, file: &Path) -> Result<String, Error> {
    let names = names_in(spec)?;
    let before = codegen::lower_sources(&spec_sources_in(spec)?, &names);
    let imported = imported(file, spec)?;
    let out = spec.join("upstream/stripe.yaml");
    write(&out, &imported.text)?;
    let mut report = format!("wrote {}\n\n", display(&out));
    let mut sources = vec![Source::new(display(&out), imported.text)];
    sources.extend(local_fragments(spec)?);
    let after = codegen::lower_sources(&sources, &names)
        .map_err(|e| Error::Usage(format!("the imported spec was written but does not generate: {e}")))?;
    match before {
        Ok(before) => report.push_str(&summary(&codegen::changes::compare(&before, &after).without_docs())?),
        Err(e) => {
            report.push_str(&format!("no summary of the changes: the previous description did not generate ({e})\n"))
        }
    }
    Ok(report)
}

/// The arguments of `spec diff`.
struct DiffArgs {
    old: PathBuf,
    new: PathBuf,
    json: bool,
    docs: bool,
}

fn parse_diff(args: &[String]) -> Result<DiffArgs, Error> {
    let (mut json, mut docs, mut paths) = (false, false, Vec::new());
    for arg in args {
        match arg.as_str() {
            "--json" => json = true,
            "--docs" => docs = true,
            flag if flag.starts_with("--") => return Err(Error::Usage(format!("unknown flag `{flag}`\n{USAGE}"))),
            path => paths.push(PathBuf::from(path)),
        }
    }
    match <[PathBuf; 2]>::try_from(paths) {
        Ok([old, new]) => Ok(DiffArgs { old, new, json, docs }),
        Err(_) => Err(Error::Usage(format!("spec diff takes two descriptions\n{USAGE}"))),
    }
}

/// Prints what changes from one description to the other, as Markdown or JSON.
fn diff_command(args: &[String]) -> Result<(), Error> {
    let args = parse_diff(args)?;
    let mut log = diff(&args.old, &args.new)?;
    if !args.docs {
        log = log.without_docs();
    }
    if args.json {
        println!("{}", log.json());
    } else {
        print!("{}", summary(&log)?);
    }
    Ok(())
}

/// What changes from the description `old` to `new`, description changes included; each is a
/// spec file or a directory laid out as `spec/`; a file beside a directory is read as `spec import`
/// would take it into that directory.
pub fn diff(old: &Path, new: &Path) -> Result<Changelog, Error> {
    Ok(codegen::changes::compare(&side(old, new)?, &side(new, old)?))
}

/// One side of a comparison, lowered. A directory is a description laid out as `spec/` (with its
/// own `names.yaml`). A file compared with such a directory is a candidate for it: read as
/// `spec import` would take it, through the directory's scope and with its local fragments.
/// Two files are compared as they are.
fn side(path: &Path, other: &Path) -> Result<Api, Error> {
    if path.is_dir() {
        return Ok(codegen::lower_sources(&spec_sources_in(path)?, &names_in(path)?)?);
    }
    if other.is_dir() {
        let mut sources = vec![imported(path, other)?];
        sources.extend(local_fragments(other)?);
        return Ok(codegen::lower_sources(&sources, &names_in(other)?)?);
    }
    Ok(codegen::lower_sources(&[source(path)?], &Names::default())?)
}

/// Stripe's spec in `file` as `spec import` takes it into the spec directory `spec`.
fn imported(file: &Path, spec: &Path) -> Result<Source, Error> {
    let scope = Selection::parse(&source(&spec.join("scope.yaml"))?)?;
    let text = import(&source(file)?, &scope)?;
    Ok(Source::new(format!("{} (as imported into {})", display(file), display(spec)), text))
}

/// The changelog as Markdown, and the version the client crate's next release takes.
fn summary(log: &Changelog) -> Result<String, Error> {
    let mut out = log.markdown();
    let version = client_version()?;
    if let Some(next) = log.bump.next_version(&version) {
        out.push_str(&format!("\nRelease: {} (stripe-client {version} → {next}).\n", log.bump.label()));
    }
    Ok(out)
}

/// The `version` of the client crate's manifest.
fn client_version() -> Result<String, Error> {
    let manifest = root().join("generated-client/Cargo.toml");
    read(&manifest)?
        .lines()
        .find_map(|line| line.strip_prefix("version = \"").and_then(|rest| rest.strip_suffix('"')).map(str::to_owned))
        .ok_or_else(|| Error::Usage(format!("{} has no `version = \"...\"` line", display(&manifest))))
}

fn bundle_command(out: &Path) -> Result<(), Error> {
    let format = if out.extension().is_some_and(|e| e == "json") {
        codegen::load::Format::Json
    } else {
        codegen::load::Format::Yaml
    };
    let bundled = codegen::load::bundle(&spec_sources()?, format)?;
    write(out, &bundled)?;
    println!("wrote {}", display(out));
    Ok(())
}
