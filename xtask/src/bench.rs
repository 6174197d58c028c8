//! `cargo run --release -p xtask -- bench codegen`: how long each generator stage takes.
//!
//! Medians over several runs, for `spec/` and for Stripe's complete 2023-09 spec. Figures, not
//! assertions: this machine is shared and noisy.

use std::time::{Duration, Instant};

use codegen::{EmitOptions, Source};

use crate::files::{root, source, spec_sources};
use crate::Error;

const RUNS: usize = 15;

/// Runs the benchmark named by `args`.
pub fn run(args: &[String]) -> Result<(), Error> {
    match args.first().map(String::as_str) {
        Some("codegen") => codegen_stages(),
        _ => Err(Error::Usage("usage: cargo run --release -p xtask -- bench codegen".into())),
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
    let options = EmitOptions { runtime: "stripe_client".into(), ..EmitOptions::default() };
    let mut stages: [Vec<Duration>; 4] = Default::default();
    for _ in 0..RUNS {
        let start = Instant::now();
        let spec = codegen::load::load(sources)?;
        let loaded = Instant::now();
        let api = codegen::lower::lower(&spec.document, &options.renames)?;
        let lowered = Instant::now();
        let files = codegen::emit::emit(&api, &spec, &options)?;
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

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}
