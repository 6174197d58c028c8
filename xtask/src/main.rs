//! Maintainer commands. Thin: parse arguments, read and write files, call `codegen`.
//!
//! ```text
//! cargo xtask generate [--check] [--spec <file>]... [--out <dir>] [--runtime-path <path>]
//! cargo xtask spec import <stripe-spec.yaml>
//! cargo xtask spec diff <old> <new> [--json] [--docs]
//! cargo xtask spec bundle --out <file>
//! cargo xtask test
//! cargo run --release -p xtask -- bench codegen
//! cargo xtask bench compile [--runs N]
//! cargo run --release -p xtask -- bench client
//! ```

use std::process::ExitCode;

use xtask::{bench, generate, spec, test, Error};

/// The generator allocates many small strings and token trees; mimalloc makes that markedly cheaper.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A panic is reported once, as the error it becomes (the generator turns its own into errors
    // that name the spec location); RUST_BACKTRACE=1 shows the usual report as well.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::env::var_os("RUST_BACKTRACE").is_some() {
            default_hook(info);
        }
    }));
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = std::panic::catch_unwind(|| match args.first().map(String::as_str) {
        Some("generate") => generate::run(&args[1..]),
        Some("spec") => spec::run(&args[1..]),
        Some("test") => test::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        _ => Err(Error::Usage(USAGE.trim().to_owned())),
    })
    .unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(Error::Usage(format!("xtask bug (a panic): {message}")))
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "
usage:
  cargo xtask generate [--check] [--spec <file>]... [--out <dir>] [--runtime-path <path>]
  cargo xtask spec import <stripe-spec.yaml>
  cargo xtask spec diff <old> <new> [--json] [--docs]
  cargo xtask spec bundle --out <file>
  cargo xtask test
  cargo run --release -p xtask -- bench codegen
  cargo xtask bench compile [--runs N]
  cargo run --release -p xtask -- bench client
";
