//! What every example does first and last: a client from `STRIPE_SECRET_KEY` and
//! `STRIPE_API_BASE`, and a readable message with a failing exit code on error.

use std::process::ExitCode;

use stripe_client::{Client, DEFAULT_BASE_URL};

/// The exit code for the example's outcome, printing the error if there is one.
pub fn exit_code(outcome: Result<(), String>) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// A client configured from the environment, or a readable reason why not.
pub fn client_from_env() -> Result<Client, String> {
    let key = std::env::var("STRIPE_SECRET_KEY")
        .map_err(|_| "set STRIPE_SECRET_KEY to your secret key (sk_test_...)".to_owned())?;
    let base = std::env::var("STRIPE_API_BASE").unwrap_or_else(|_| DEFAULT_BASE_URL.to_owned());
    Client::builder(key).base_url(base).build().map_err(|e| e.to_string())
}
