//! Every example object (in the spec, and from the reference fact sheet) deserializes into its
//! generated type and serializes back to equivalent JSON; unknown values and fields are accepted.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use stripe_client::*;
use workspace_tests::{read, root, spec_sources};

/// Equivalent JSON: a `null` and a missing key mean the same.
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            Value::Object(map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, without_nulls(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

fn round_trip<T: DeserializeOwned + Serialize>(json: &Value) -> Result<(), String> {
    let typed: T = serde_json::from_value(json.clone()).map_err(|e| format!("does not deserialize: {e}"))?;
    let back = serde_json::to_value(&typed).map_err(|e| format!("does not serialize: {e}"))?;
    if without_nulls(back.clone()) != without_nulls(json.clone()) {
        return Err(format!("serializes back differently:\n{back:#}\n--- expected ---\n{json:#}"));
    }
    Ok(())
}

/// The generated type of each schema that has examples.
fn round_trip_schema(schema: &str, json: &Value) -> Result<(), String> {
    match schema {
        "crypto.onramp_session" => round_trip::<CryptoOnrampSession>(json),
        "crypto.onramp.quotes" => round_trip::<CryptoOnrampQuotes>(json),
        "error" => round_trip::<ErrorResponse>(json),
        other => Err(format!("no type is mapped for schema `{other}`: add it to this test")),
    }
}

#[test]
fn spec_examples_round_trip() {
    let mut checked = 0;
    for source in spec_sources() {
        let tree: Value = serde_yaml::from_str(&source.text).expect("spec parses");
        let Some(schemas) = tree.pointer("/components/schemas").and_then(Value::as_object) else {
            continue;
        };
        for (name, schema) in schemas {
            if let Some(example) = schema.get("example") {
                round_trip_schema(name, example).unwrap_or_else(|e| panic!("{}: example of `{name}` {e}", source.name));
                checked += 1;
            }
        }
    }
    assert!(checked >= 2, "expected the onramp examples, checked {checked}");
}

#[test]
fn fact_sheet_examples_round_trip() {
    let dir = root().join("tests/fixtures/examples");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("examples directory") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let file = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let schema = file.rsplitn(3, '.').nth(2).unwrap_or_default().to_owned();
        let json: Value = serde_json::from_str(&read(&path)).expect("valid JSON");
        round_trip_schema(&schema, &json).unwrap_or_else(|e| panic!("{file}: {e}"));
        checked += 1;
    }
    assert!(checked >= 4, "checked {checked}");
}

#[test]
fn unknown_enum_values_and_fields_are_accepted() {
    let json = serde_json::json!({
        "id": "cos_1", "object": "crypto.onramp_session", "client_secret": "cos_1_secret_x", "created": 1,
        "kyc_details_provided": false, "livemode": false, "metadata": {}, "redirect_url": null,
        "status": "awaiting_moon_phase", "brand_new_field": {"nested": true},
        "transaction_details": {"destination_currency": "doge", "destination_network": "dogechain", "quote": {"expires_at": 5}}
    });
    let session: CryptoOnrampSession = serde_json::from_value(json).expect("unknown values and fields deserialize");
    assert_eq!(session.status, CryptoOnrampSessionStatus::Unknown("awaiting_moon_phase".into()));
    assert_eq!(session.status.as_str(), "awaiting_moon_phase");
    assert_eq!(
        session.transaction_details.destination_currency,
        Some(CryptoOnrampDestinationCurrency::Unknown("doge".into()))
    );
    assert_eq!(serde_json::to_value(&session.status).expect("serializes"), serde_json::json!("awaiting_moon_phase"));
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let json: Value = serde_json::from_str(&read(&root().join("tests/fixtures/examples/crypto.onramp_session.1.json")))
        .expect("json");
    let session: CryptoOnrampSession = serde_json::from_value(json).expect("session");
    let shown = format!("{session:?}");
    assert!(!shown.contains("_secret_"), "{shown}");
    assert!(shown.contains("[redacted]"));
    let client = Client::new("sk_test_supersecret");
    assert!(!format!("{client:?}").contains("supersecret"));
}
