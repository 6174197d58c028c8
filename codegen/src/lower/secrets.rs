//! Which fields hold values `Debug` must not print. The same rule as the runtime's
//! `stripe_client::redact::is_secret_key`, which masks them in JSON; a workspace test holds the two
//! to the same answers.

/// Whether a field named `wire_name` holds a credential (`secret`, `client_secret`, a password,
/// an API key), forwarded `headers` and `body` (third-party API keys and card data travel there),
/// or personal data (`customer_information`, `kyc_details`).
pub fn is_secret_field(wire_name: &str) -> bool {
    let name = wire_name.to_ascii_lowercase();
    name.contains("secret")
        || name.contains("password")
        || matches!(
            name.as_str(),
            "api_key" | "authorization" | "headers" | "body" | "customer_information" | "kyc_details"
        )
}
