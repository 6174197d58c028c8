//! `cargo run --release -p xtask -- bench codegen`: how long each generator stage takes;
//! `cargo xtask bench compile`: how long generated code takes to compile, beside async-stripe.
//!
//! Medians over several runs, for `spec/` and for Stripe's complete 2023-09 spec. Figures, not
//! assertions: this machine is shared and noisy.

mod versus;

use std::time::{Duration, Instant};

use codegen::{Runtime, Settings, Source};

use crate::files::{cargo, root, source, spec_sources};
use crate::Error;

const RUNS: usize = 21;

/// Runs the benchmark named by `args`.
pub fn run(args: &[String]) -> Result<(), Error> {
    match args.first().map(String::as_str) {
        Some("codegen") => codegen_stages(),
        Some("compile") => versus::run(&args[1..]),
        Some("client") => compile_times(),
        _ => Err(Error::Usage("usage: cargo run --release -p xtask -- bench codegen|compile|client".into())),
    }
}

fn codegen_stages() -> Result<(), Error> {
    if cfg!(debug_assertions) {
        println!("note: a debug build; the targets are for `cargo run --release -p xtask -- bench codegen`");
    }
    let full = source(&root().join("tests/fixtures/full-spec/stripe-spec3-2023-09-12.yaml"))?;
    println!(
        "{:<28} {:>10} {:>10} {:>10} {:>10} {:>12}   (medians of {RUNS} runs)",
        "description", "load", "lower", "emit", "total", "fastest total"
    );
    report("spec/ (7 resources)", &spec_sources()?)?;
    report("Stripe 2023-09 (468 ops)", &[full])?;
    Ok(())
}

fn report(name: &str, sources: &[Source]) -> Result<(), Error> {
    let settings = Settings { runtime: Runtime::Crate("stripe_client".into()), ..Settings::default() };
    // One run first, not counted: a fresh process pays for page faults and lazy initialisation once.
    std::hint::black_box(codegen::generate(sources, &settings)?);
    let mut stages: [Vec<Duration>; 4] = Default::default();
    for _ in 0..RUNS {
        let start = Instant::now();
        let spec = codegen::load::load(sources)?;
        let loaded = Instant::now();
        let api = codegen::lower::lower(&spec.document, &settings.names)?;
        let lowered = Instant::now();
        let files = codegen::emit::emit(&api, &settings)?;
        let emitted = Instant::now();
        std::hint::black_box(files);
        stages[0].push(loaded - start);
        stages[1].push(lowered - loaded);
        stages[2].push(emitted - lowered);
        stages[3].push(emitted - start);
    }
    let fastest = stages[3].iter().min().copied().unwrap_or_default();
    let [load, lower, emit, total] = stages.map(median);
    println!("{name:<28} {:>10} {:>10} {:>10} {:>10} {:>12}", ms(load), ms(lower), ms(emit), ms(total), ms(fastest));
    Ok(())
}

/// Compile time of `generated-client` alone (its dependencies already built), cold and after one
/// generated file changes, and the lines of generated code per resource.
fn compile_times() -> Result<(), Error> {
    let build = || -> Result<Duration, Error> {
        let start = Instant::now();
        if !cargo(["build", "--quiet", "-p", "stripe-client"])? {
            return Err(Error::Usage("cargo build -p stripe-client failed".into()));
        }
        Ok(start.elapsed())
    };
    build()?; // dependencies
    let mut cold = Vec::new();
    let mut touched = Vec::new();
    let file = root().join("generated-client/src/generated/climate_order.rs");
    for _ in 0..3 {
        if !cargo(["clean", "--quiet", "-p", "stripe-client"])? {
            return Err(Error::Usage("cargo clean -p stripe-client failed".into()));
        }
        cold.push(build()?);
        let text =
            std::fs::read_to_string(&file).map_err(|source| Error::Io { path: file.display().to_string(), source })?;
        std::fs::write(&file, &text).map_err(|source| Error::Io { path: file.display().to_string(), source })?;
        touched.push(build()?);
    }
    println!(
        "generated-client (debug, dependencies built): cold {}, after touching one generated file {}  (medians of 3)",
        secs(median(cold)),
        secs(median(touched))
    );
    println!();
    println!("{:<40} {:>8}", "generated file", "lines");
    let dir = root().join("generated-client/src/generated");
    let mut files = Vec::new();
    collect_rs(&dir, &mut files);
    files.sort();
    let mut total = 0;
    for path in &files {
        let lines = std::fs::read_to_string(path).map(|t| t.lines().count()).unwrap_or(0);
        total += lines;
        let name = path.strip_prefix(&dir).unwrap_or(path).display().to_string();
        println!("{name:<40} {lines:>8}");
    }
    println!("{:<40} {total:>8}", "all generated files");
    Ok(())
}

pub(crate) fn collect_rs(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_rs(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

pub(crate) fn secs(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}

pub(crate) fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}
