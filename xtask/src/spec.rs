//! `cargo xtask spec`: refresh the upstream part of `spec/`, or bundle the description into one file.

use std::path::PathBuf;

use codegen::import::{import, Scope};

use crate::files::{display, root, source, spec_sources, write};
use crate::Error;

/// Runs `spec import` or `spec bundle`.
pub fn run(args: &[String]) -> Result<(), Error> {
    match args {
        [command, file] if command == "import" => {
            let upstream = source(&PathBuf::from(file))?;
            let scope = Scope::parse(&source(&root().join("spec/scope.yaml"))?)?;
            let out = root().join("spec/upstream/stripe.yaml");
            write(&out, &import(&upstream, &scope)?)?;
            println!("wrote {}", display(&out));
            Ok(())
        }
        [command, flag, file] if command == "bundle" && flag == "--out" => {
            let out = PathBuf::from(file);
            let format = if out.extension().is_some_and(|e| e == "json") {
                codegen::load::Format::Json
            } else {
                codegen::load::Format::Yaml
            };
            let bundled = codegen::load::bundle(&spec_sources()?, format)?;
            write(&out, &bundled)?;
            println!("wrote {}", display(&out));
            Ok(())
        }
        _ => Err(Error::Usage(
            "usage: cargo xtask spec import <stripe-spec.yaml> | cargo xtask spec bundle --out <file>".into(),
        )),
    }
}
