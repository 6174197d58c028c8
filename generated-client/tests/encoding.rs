//! Stripe's bracket form encoding, checked against the SDKs' reference output.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Map, Value};
use stripe_client::{encode, Clearable, Decimal};

#[derive(Serialize)]
struct Header {
    name: String,
    value: String,
}

#[derive(Serialize)]
struct Request {
    headers: Vec<Header>,
}

#[derive(Serialize)]
struct Beneficiary {
    public_name: String,
}

/// The parameter set of the SDK reference, in its order: metadata in insertion order.
#[derive(Serialize)]
struct Reference {
    expand: Vec<String>,
    beneficiary: Beneficiary,
    metadata: Map<String, Value>,
    connect: bool,
    disabled: bool,
    description: Clearable<String>,
    request: Request,
    metric_tons: Decimal,
    amount: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    absent: Option<String>,
    empty_list: Vec<String>,
}

#[test]
fn reproduces_the_sdk_reference_byte_for_byte() {
    let mut metadata = Map::new();
    metadata.insert("k".into(), json!("v"));
    metadata.insert("gone".into(), json!(""));
    let params = Reference {
        expand: vec!["product".into(), "data.x".into()],
        beneficiary: Beneficiary { public_name: "Acme".into() },
        metadata,
        connect: true,
        disabled: false,
        description: Clearable::Clear,
        request: Request { headers: vec![Header { name: "A".into(), value: "b c".into() }] },
        metric_tons: "0.50".parse().expect("decimal"),
        amount: 100,
        absent: None,
        empty_list: Vec::new(),
    };
    assert_eq!(
        encode(&params).expect("encodes"),
        "expand[0]=product&expand[1]=data.x&beneficiary[public_name]=Acme&metadata[k]=v&metadata[gone]=&connect=true&disabled=false&description=&request[headers][0][name]=A&request[headers][0][value]=b%20c&metric_tons=0.50&amount=100"
    );
}

#[test]
fn btree_maps_encode_in_key_order() {
    let metadata: BTreeMap<String, String> =
        [("z", "1"), ("a", "2"), ("m", "3")].into_iter().map(|(k, v)| (k.into(), v.into())).collect();
    assert_eq!(encode(&json!({ "metadata": metadata })).expect("encodes"), "metadata[a]=2&metadata[m]=3&metadata[z]=1");
}

#[test]
fn clearing_a_whole_map_sends_an_empty_value() {
    let params: BTreeMap<&str, Clearable<BTreeMap<String, String>>> = BTreeMap::from([("metadata", Clearable::Clear)]);
    assert_eq!(encode(&params).expect("encodes"), "metadata=");
}

#[test]
fn deeper_nesting_of_arrays_and_objects() {
    let params = json!({"a": {"b": [{"c": [1, 2]}, {"d": {"e": true}}]}});
    assert_eq!(encode(&params).expect("encodes"), "a[b][0][c][0]=1&a[b][0][c][1]=2&a[b][1][d][e]=true");
}

#[test]
fn keys_and_values_are_percent_encoded_but_brackets_stay() {
    let params = json!({"metadata": {"a&b=c [x]": "50% off & more/é", "plus": "1+1"}, "url": "https://x.test/?q=1#f"});
    assert_eq!(
        encode(&params).expect("encodes"),
        "metadata[a%26b%3Dc%20%5Bx%5D]=50%25%20off%20%26%20more%2F%C3%A9&metadata[plus]=1%2B1&url=https%3A%2F%2Fx.test%2F%3Fq%3D1%23f"
    );
}

#[test]
fn floats_and_negative_numbers_keep_their_value() {
    assert_eq!(encode(&json!({"lat": -12.5, "n": -3})).expect("encodes"), "lat=-12.5&n=-3");
}
