//! `cargo xtask bench compile`: `cargo check` of generated code alone (dependencies built,
//! `CARGO_INCREMENTAL=0`), for the crates generated from Stripe's complete 2023-09 spec (the facade
//! and the crates under it) with every resource and with three, and for async-stripe's generated
//! crates with every resource feature, alternating so that both sides meet the same noise.
//!
//! async-stripe is built in a scratch project under `target/bench-compile/`, from the registry;
//! it is never a dependency of this workspace.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use super::{median, secs};
use crate::files::{display, root, write};
use crate::Error;

const SPEC: &str = "tests/fixtures/full-spec/stripe-spec3-2023-09-12.yaml";
const THREE: &str = "customer,payment_intent,webhook_endpoint";
const ASYNC_STRIPE_VERSION: &str = "1.0.0-rc.6";
/// async-stripe's generated crates; all but `shared` and `webhook` have a `full` feature.
const ASYNC_STRIPE_CRATES: [&str; 13] = [
    "billing", "checkout", "connect", "core", "fraud", "issuing", "misc", "payment", "product", "shared", "terminal",
    "treasury", "webhook",
];

/// Runs the comparison; `--runs N` rounds (default 2).
pub fn run(args: &[String]) -> Result<(), Error> {
    let runs = match args {
        [] => 2,
        [flag, n] if flag == "--runs" => {
            n.parse().map_err(|_| Error::Usage(format!("--runs takes a number, not {n}")))?
        }
        _ => return Err(Error::Usage("usage: cargo xtask bench compile [--runs N]".into())),
    };
    let dir = root().join("target/bench-compile");
    let ours = dir.join("stripe-generated");
    let theirs = dir.join("async-stripe");
    let target = dir.join("target");

    println!("generating {} into {}", SPEC, display(&ours));
    crate::generate::run(&["--spec".into(), SPEC.into(), "--out".into(), ours.display().to_string()])?;
    write_async_stripe_project(&theirs)?;
    println!("building dependencies (not measured)");
    check(&ours, &target, &[])?;
    check(&theirs, &target, &[])?;
    let our_operations =
        codegen::lower_sources(&[crate::files::source(&root().join(SPEC))?], &codegen::Names::default())?
            .operations
            .len();
    let their_operations = async_stripe_operations(&theirs, &target)?;

    let (mut full, mut three, mut other) = (Vec::new(), Vec::new(), Vec::new());
    for round in 1..=runs {
        full.push(timed(|| touch_and_check(&ours, &target, &[]))?);
        three.push(timed(|| touch_and_check(&ours, &target, &["--no-default-features", "--features", THREE]))?);
        other.push(timed(|| clean_and_check(&theirs, &target))?);
        println!(
            "round {round}: full {}, three resources {}, async-stripe {}",
            secs(full[full.len() - 1]),
            secs(three[three.len() - 1]),
            secs(other[other.len() - 1])
        );
    }
    let (full, three, other) = (median(full), median(three), median(other));
    let per_op = |time: Duration, ops: usize| time.as_secs_f64() / ops.max(1) as f64;
    println!();
    println!("cargo check of generated code, dependencies built, CARGO_INCREMENTAL=0, medians of {runs}:");
    println!("{:<58} {:>10} {:>8} {:>12}", "", "time", "ops", "per op");
    println!(
        "{:<58} {:>10} {:>8} {:>10.3} s",
        "this generator, 2023-09 spec, full",
        secs(full),
        our_operations,
        per_op(full, our_operations)
    );
    println!("{:<58} {:>10} {:>8}", format!("this generator, 2023-09 spec, {THREE}"), secs(three), "");
    println!(
        "{:<58} {:>10} {:>8} {:>10.3} s",
        format!("async-stripe {ASYNC_STRIPE_VERSION}, 13 generated crates, full"),
        secs(other),
        their_operations,
        per_op(other, their_operations)
    );
    println!();
    println!(
        "three resources / full: {:.0}% (target < 20%); per operation, this generator / async-stripe: {:.2}x (target <= 0.5x)",
        100.0 * three.as_secs_f64() / full.as_secs_f64(),
        per_op(full, our_operations) / per_op(other, their_operations)
    );
    Ok(())
}

fn timed(step: impl FnOnce() -> Result<(), Error>) -> Result<Duration, Error> {
    let start = Instant::now();
    step()?;
    Ok(start.elapsed())
}

fn cargo_in(dir: &Path, target: &Path) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command.current_dir(dir).env("CARGO_TARGET_DIR", target).env("CARGO_INCREMENTAL", "0");
    command
}

fn run_command(mut command: Command, what: &str) -> Result<(), Error> {
    let status = command.status().map_err(|source| Error::Io { path: "cargo".into(), source })?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::Usage(format!("{what} failed")))
    }
}

fn check(dir: &Path, target: &Path, args: &[&str]) -> Result<(), Error> {
    let mut command = cargo_in(dir, target);
    command.args(["check", "--quiet"]).args(args);
    run_command(command, &format!("cargo check in {}", display(dir)))
}

/// Checks the generated crates again after touching their roots (the facade's and those of the
/// crates under it), so only they are checked.
fn touch_and_check(dir: &Path, target: &Path, args: &[&str]) -> Result<(), Error> {
    let mut roots = vec![dir.join("src/lib.rs")];
    let crates = dir.join("crates");
    if let Ok(entries) = std::fs::read_dir(&crates) {
        roots.extend(entries.flatten().map(|e| e.path().join("src/lib.rs")).filter(|p| p.is_file()));
    }
    for lib in roots {
        touch(&lib)?;
    }
    check(dir, target, args)
}

fn touch(path: &Path) -> Result<(), Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: display(path), source })?;
    write(path, &text)?;
    // Rewriting the same bytes may keep the timestamp on coarse filesystems: bump it explicitly.
    let file =
        std::fs::File::options().write(true).open(path).map_err(|source| Error::Io { path: display(path), source })?;
    file.set_modified(std::time::SystemTime::now()).map_err(|source| Error::Io { path: display(path), source })
}

/// Checks async-stripe's generated crates again, their dependencies staying built.
fn clean_and_check(dir: &Path, target: &Path) -> Result<(), Error> {
    let mut clean = cargo_in(dir, target);
    clean.args(["clean", "--quiet"]);
    for name in ASYNC_STRIPE_CRATES {
        clean.args(["-p", &format!("async-stripe-{name}")]);
    }
    run_command(clean, "cargo clean of async-stripe's generated crates")?;
    check(dir, target, &[])
}

fn write_async_stripe_project(dir: &Path) -> Result<(), Error> {
    let mut manifest = String::from(
        "# Written by `cargo xtask bench compile`: async-stripe's generated crates, every resource.\n\
         [package]\nname = \"async-stripe-scratch\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n",
    );
    for name in ASYNC_STRIPE_CRATES {
        let features = match name {
            "shared" => "",
            _ => ", features = [\"full\"]",
        };
        manifest.push_str(&format!("async-stripe-{name} = {{ version = \"={ASYNC_STRIPE_VERSION}\"{features} }}\n"));
    }
    manifest.push_str("\n[workspace]\n");
    write(&dir.join("Cargo.toml"), &manifest)?;
    write(&dir.join("src/lib.rs"), "//! Nothing: the dependencies are what is measured.\n")
}

/// async-stripe's operations: one request type per operation, each implementing `StripeRequest`.
fn async_stripe_operations(dir: &Path, target: &Path) -> Result<usize, Error> {
    let mut command = cargo_in(dir, target);
    command.args(["metadata", "--format-version", "1"]);
    let output = command.output().map_err(|source| Error::Io { path: "cargo metadata".into(), source })?;
    let metadata = String::from_utf8_lossy(&output.stdout);
    let mut total = 0;
    for name in ASYNC_STRIPE_CRATES {
        let package = format!("async-stripe-{name}-{ASYNC_STRIPE_VERSION}");
        let Some(manifest) = manifest_path(&metadata, &package) else { continue };
        total += count_in_rs(manifest.parent().unwrap_or(Path::new(".")), "impl StripeRequest for");
    }
    Ok(total)
}

/// The manifest of `package` (`name-version`) in `cargo metadata` output, found by its directory.
fn manifest_path(metadata: &str, package: &str) -> Option<PathBuf> {
    let needle = format!("/{package}/Cargo.toml\"");
    let end = metadata.find(&needle)? + needle.len() - 1;
    let start = metadata[..end].rfind('"')? + 1;
    Some(PathBuf::from(&metadata[start..end]))
}

/// How many lines of the `.rs` files under `dir` start with `prefix`, indentation aside.
fn count_in_rs(dir: &Path, prefix: &str) -> usize {
    let mut files = Vec::new();
    super::collect_rs(dir, &mut files);
    files
        .iter()
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .map(|text| text.lines().filter(|line| line.trim_start().starts_with(prefix)).count())
        .sum()
}
