//! `cargo xtask generate`: regenerate the client, or check that the committed one is current.

use std::path::{Path, PathBuf};

use codegen::{CrateSplit, GeneratedFile, Names, Packaging, Runtime, Settings};

use crate::files::{display, header, root, settings, source, spec_sources};
use crate::output::{existing_files, write_all};
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

/// The client generated from `spec/`, headers included and formatted as the workspace's code:
/// exactly the files to commit.
pub fn spec_files() -> Result<(Vec<GeneratedFile>, codegen::Report), Error> {
    let sources = spec_sources()?;
    let (mut files, report) = codegen::generate_with_report(&sources, &settings()?)?;
    let header = header(&sources, &report.version);
    for file in &mut files {
        file.contents.insert_str(0, &header);
    }
    crate::format::rustfmt(&mut files)?;
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
        return if args.check { check(&out, &files) } else { write_all(&out, &files, &[""]) };
    }
    // Another description: crates of their own, on the runtime crate, by version.
    let out = args.out.ok_or_else(|| Error::Usage("--spec needs --out <dir> for the crate to write".into()))?;
    let runtime = RuntimeDependency { path: args.runtime_path };
    let sources: Vec<_> = args.specs.iter().map(|p| source(p)).collect::<Result<_, _>>()?;
    let settings = Settings {
        runtime: Runtime::Crate(codegen::RUNTIME_CRATE.replace('-', "_")),
        names: Names::default(),
        resource_features: true,
        packaging: Packaging::Crates(CrateSplit { package: PACKAGE.into(), services_crates: SERVICES_CRATES }),
    };
    let (mut files, report) = codegen::generate_with_report(&sources, &settings)?;
    print_report(&report);
    let header = header(&sources, &report.version);
    for file in &mut files {
        file.contents.insert_str(0, &header);
    }
    files.extend(manifests(&runtime, &report));
    if args.check {
        check(&out, &files)
    } else {
        write_all(&out, &files, &["src", "crates"])
    }
}

/// The package users depend on; the crates under it are named after it.
const PACKAGE: &str = "stripe-generated";

/// How many crates the operations are spread over. Measured on Stripe's complete spec (see
/// BENCHMARKS.md): past the two cores of the machine it was measured on, more crates keep the
/// full build as fast and let a build of a few resources compile their operations side by side.
const SERVICES_CRATES: usize = 4;

fn print_report(report: &codegen::Report) {
    println!(
        "{} of {} operations generated, {} types; not generated: none (anything the generator cannot express is an error)",
        report.operations_generated, report.operations_in_spec, report.types
    );
}

/// How a generated crate's manifests name the runtime: by the version the generator writes code
/// for ([`codegen::RUNTIME_VERSION`]), as crates.io needs; with a path too when `--runtime-path`
/// asks for one (a checkout of the runtime, for development: cargo uses the path, and drops it
/// when the crate is published).
pub struct RuntimeDependency {
    /// The runtime's directory, relative to the output directory or absolute.
    pub path: Option<String>,
}

impl RuntimeDependency {
    /// The dependency line of a crate `depth` directories below the output directory.
    fn line(&self, depth: usize) -> String {
        let name = codegen::RUNTIME_CRATE;
        let version = codegen::RUNTIME_VERSION;
        let path = self.path.as_ref().map(|path| {
            let path =
                if Path::new(path).is_absolute() { path.clone() } else { format!("{}{path}", "../".repeat(depth)) };
            format!(", path = {path:?}")
        });
        format!("{name} = {{ version = \"{version}\"{}, default-features = false }}\n", path.unwrap_or_default())
    }
}

/// The version of every crate of a split output; the crates name one another by it.
const VERSION: &str = "0.1.0";

/// The manifests of a split output: the facade's, which forwards every feature to every crate
/// under it and makes them one workspace, and one for each crate under it. Each names the runtime
/// by version (see [`RuntimeDependency`]) and the crates under the facade by path and version, so
/// that the workspace packages for a registry as it is.
pub fn manifests(runtime: &RuntimeDependency, report: &codegen::Report) -> Vec<GeneratedFile> {
    const HEADER: &str = "# @generated by `cargo xtask generate --spec ... --out ...`.\n";
    let package = |name: &str, what: &str| {
        format!(
            "[package]\nname = {name:?}\nversion = \"{VERSION}\"\nedition = \"2021\"\n\
             description = {:?}\n\
             # Choose the license before publishing: the code is generated from Stripe's spec (MIT).\n\
             # license = \"MIT\"\n\n",
            format!("{what}, generated from Stripe's API {} by stripe-client's generator.", report.version)
        )
    };
    let list = |items: &[String]| items.iter().map(|i| format!("{i:?}")).collect::<Vec<_>>().join(", ");
    let forward =
        |feature: &str| -> Vec<String> { report.crates.iter().map(|c| format!("{}/{feature}", c.package)).collect() };

    let mut facade = format!("{HEADER}{}[dependencies]\n{}", package(PACKAGE, "A Stripe client"), runtime.line(0));
    for krate in &report.crates {
        facade.push_str(&format!(
            "{} = {{ version = \"{VERSION}\", path = {:?}, default-features = false }}\n",
            krate.package, krate.dir
        ));
    }
    facade.push_str("serde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n");
    // Each resource is a feature named after its object; `full` turns on all of them.
    let mut full: Vec<String> = report.features.clone();
    full.extend(forward("full"));
    facade.push_str(&format!("\n[features]\ndefault = [\"full\"]\nfull = [{}]\n", list(&full)));
    // Fixtures of every response type and the runtime's fake server, for users' tests.
    let mut test_util = vec![format!("{}/test-util", codegen::RUNTIME_CRATE)];
    test_util.extend(forward("test-util"));
    facade.push_str(&format!("test-util = [{}]\n", list(&test_util)));
    for feature in &report.features {
        facade.push_str(&format!("{feature} = [{}]\n", list(&forward(feature))));
    }
    let members: Vec<String> = report.crates.iter().map(|c| c.dir.clone()).collect();
    facade.push_str(&format!(
        "\n# The crates under this one; none of the workspace this directory may be in.\n[workspace]\nmembers = [{}]\n",
        list(&members)
    ));

    let mut out = vec![GeneratedFile { path: "Cargo.toml".into(), contents: facade }];
    for krate in &report.crates {
        // The crates under the facade are two directories down.
        let mut manifest = format!(
            "{HEADER}{}[dependencies]\n{}serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n",
            package(&krate.package, &format!("Part of `{PACKAGE}` (depend on that crate)")),
            runtime.line(2),
        );
        if krate.needs_models {
            if let Some(models) = report.crates.iter().find(|c| !c.needs_models) {
                let path = format!(
                    "../{}",
                    Path::new(&models.dir).file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
                );
                manifest.push_str(&format!(
                    "{} = {{ version = \"{VERSION}\", path = {path:?}, default-features = false }}\n",
                    models.package
                ));
            }
        }
        // The facade turns these on; each crate knows them all, as its code names any of them.
        manifest.push_str("\n[features]\nfull = []\ntest-util = []\n");
        for feature in &report.features {
            manifest.push_str(&format!("{feature} = []\n"));
        }
        out.push(GeneratedFile { path: format!("{}/Cargo.toml", krate.dir), contents: manifest });
    }
    out
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
        write_all(&dir, &files, &[""]).expect("writes");
        assert!(check(&dir, &files).is_ok());

        std::fs::write(dir.join("a.rs"), "// edited by hand\n").expect("edit");
        std::fs::write(dir.join("extra.rs"), "// stray\n").expect("stray");
        std::fs::create_dir_all(dir.join("crates/gone")).expect("a crate directory");
        std::fs::write(dir.join("crates/gone/Cargo.toml"), "[package]\n").expect("a stale manifest");
        std::fs::remove_file(dir.join("api/b.rs")).expect("remove");
        let message = check(&dir, &files).expect_err("stale").to_string();
        assert!(message.contains("changed:") && message.contains("a.rs"), "{message}");
        assert!(message.contains("missing:") && message.contains("b.rs"), "{message}");
        assert!(message.contains("not generated:") && message.contains("extra.rs"), "{message}");
        assert!(message.contains("crates/gone/Cargo.toml"), "{message}");

        write_all(&dir, &files, &[""]).expect("regenerates");
        assert!(check(&dir, &files).is_ok(), "generate removes stale files and restores the rest");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn standalone_crates_name_the_runtime_by_version_and_by_path_only_when_asked() {
        let part = |dir: &str, package: &str, needs_models| codegen::emit::SplitCrate {
            dir: dir.into(),
            package: package.into(),
            needs_models,
        };
        let report = codegen::Report {
            operations_in_spec: 1,
            operations_generated: 1,
            types: 1,
            version: "2023-08-16".into(),
            features: vec!["customer".into()],
            crates: vec![
                part("crates/models", "stripe-generated-models", false),
                part("crates/services-1", "stripe-generated-services-1", true),
            ],
        };
        let runtime = format!("stripe-client-runtime = {{ version = \"{}\"", codegen::RUNTIME_VERSION);
        let files = manifests(&RuntimeDependency { path: None }, &report);
        let manifest =
            |files: &[GeneratedFile], path: &str| files.iter().find(|f| f.path == path).map(|f| f.contents.clone());
        for file in &files {
            assert!(file.contents.contains(&format!("{runtime}, default-features = false }}")), "{}", file.contents);
            assert!(!file.contents.contains("publish = false"), "{}", file.contents);
        }
        let facade = manifest(&files, "Cargo.toml").unwrap_or_default();
        assert!(
            facade.contains(
                "customer = [\"stripe-generated-models/customer\", \"stripe-generated-services-1/customer\"]"
            ),
            "{facade}"
        );
        assert!(facade.contains("members = [\"crates/models\", \"crates/services-1\"]"), "{facade}");
        assert!(
            facade.contains("stripe-generated-models = { version = \"0.1.0\", path = \"crates/models\""),
            "{facade}"
        );

        let files = manifests(&RuntimeDependency { path: Some("../stripe/runtime".into()) }, &report);
        let facade = manifest(&files, "Cargo.toml").unwrap_or_default();
        assert!(facade.contains(&format!("{runtime}, path = \"../stripe/runtime\"")), "{facade}");
        let services = manifest(&files, "crates/services-1/Cargo.toml").unwrap_or_default();
        assert!(services.contains(&format!("{runtime}, path = \"../../../stripe/runtime\"")), "{services}");
        assert!(
            services.contains("stripe-generated-models = { version = \"0.1.0\", path = \"../models\""),
            "{services}"
        );
        assert!(services.contains("\ncustomer = []\n") && services.contains("\nfull = []\n"), "{services}");
        let absolute = manifests(&RuntimeDependency { path: Some("/opt/runtime".into()) }, &report);
        let services = manifest(&absolute, "crates/services-1/Cargo.toml").unwrap_or_default();
        assert!(services.contains("path = \"/opt/runtime\""), "{services}");
    }
}
