//! Answers that leave out a field the spec marks required: a list, a map, an object that may be
//! empty or a nullable value stands in empty and is noted; an id, an amount or text is never made
//! up; a deleted form is read as its deleted type by its tag.

use serde::Serialize;
use serde_json::{json, Value};
use stripe_client::{AbsentFields, ClimateOrder, CryptoOnrampSession, EventObject, Fixture, WebhookEndpoint};

/// The fixture of `T` as JSON, without `keys`.
fn without<T: Fixture + Serialize>(keys: &[&str]) -> Value {
    let mut value = serde_json::to_value(T::fixture()).expect("a fixture serializes");
    let object = value.as_object_mut().expect("a struct serializes as an object");
    for key in keys {
        assert!(object.remove(*key).is_some(), "the fixture has no `{key}`");
    }
    value
}

#[test]
fn a_list_or_a_map_left_out_decodes_empty_and_is_noted() {
    let endpoint: WebhookEndpoint =
        serde_json::from_value(without::<WebhookEndpoint>(&["enabled_events", "metadata"])).expect("decodes");
    assert!(endpoint.enabled_events.is_empty());
    assert!(endpoint.metadata.is_empty());
    assert_eq!(endpoint.absent_fields(), ["enabled_events", "metadata"]);

    // Sent empty, they are not absent: the two cases stay apart.
    let sent: WebhookEndpoint = serde_json::from_value(without::<WebhookEndpoint>(&[])).expect("decodes");
    assert!(sent.enabled_events.is_empty());
    assert_eq!(sent.absent_fields(), [] as [&str; 0]);
}

#[test]
fn an_object_left_out_decodes_empty_when_all_its_fields_may_be_and_is_noted() {
    let session: CryptoOnrampSession =
        serde_json::from_value(without::<CryptoOnrampSession>(&["transaction_details"])).expect("decodes");
    assert!(session.transaction_details.source_amount.is_none());
    assert!(session.transaction_details.wallet_address.is_none());
    assert!(session.absent_fields().contains(&"transaction_details"), "{:?}", session.absent_fields());
}

#[test]
fn a_nullable_field_left_out_is_none_and_noted_and_null_is_not() {
    let left_out: CryptoOnrampSession =
        serde_json::from_value(without::<CryptoOnrampSession>(&["redirect_url"])).expect("decodes");
    assert_eq!(left_out.redirect_url, None);
    assert_eq!(left_out.absent_fields(), ["redirect_url"]);

    let mut null = without::<CryptoOnrampSession>(&[]);
    null["redirect_url"] = Value::Null;
    let null: CryptoOnrampSession = serde_json::from_value(null).expect("decodes");
    assert_eq!(null.redirect_url, None);
    assert_eq!(null.absent_fields(), [] as [&str; 0]);
}

#[test]
fn no_id_amount_time_or_text_is_ever_made_up() {
    for (key, value) in [
        ("id", without::<WebhookEndpoint>(&["id"])),
        ("url", without::<WebhookEndpoint>(&["url"])),
        ("created", without::<WebhookEndpoint>(&["created"])),
        ("livemode", without::<WebhookEndpoint>(&["livemode"])),
    ] {
        let error = serde_json::from_value::<WebhookEndpoint>(value).expect_err(key).to_string();
        assert!(error.contains(&format!("missing field `{key}`")), "{error}");
    }
    let error = serde_json::from_value::<ClimateOrder>(without::<ClimateOrder>(&["amount_total"]))
        .expect_err("an amount is never made up")
        .to_string();
    assert!(error.contains("missing field `amount_total`"), "{error}");
}

#[test]
fn a_deleted_form_is_read_as_its_deleted_type_by_its_tag() {
    let deleted = EventObject::from_value(json!({"id": "we_1", "object": "webhook_endpoint", "deleted": true}));
    assert!(matches!(&deleted, EventObject::DeletedWebhookEndpoint(d) if d.id == "we_1"), "{deleted:?}");
    assert!(deleted.is_deleted());
    assert_eq!(deleted.object_name(), Some("webhook_endpoint"));

    let live = EventObject::from_value(without::<WebhookEndpoint>(&[]));
    assert!(matches!(live, EventObject::WebhookEndpoint(_)), "{live:?}");
    assert!(!live.is_deleted());

    // The flag decides, not the shape: `"deleted": false` is the live object.
    let mut flagged = without::<WebhookEndpoint>(&[]);
    flagged["deleted"] = Value::Bool(false);
    assert!(matches!(EventObject::from_value(flagged), EventObject::WebhookEndpoint(_)));
    let unknown = EventObject::from_value(json!({"id": "x_1", "object": "something_new", "deleted": true}));
    assert!(matches!(unknown, EventObject::Unknown(_)) && unknown.is_deleted());
}
