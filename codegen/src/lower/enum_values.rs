//! Values `names.yaml` adds to a generated enum (`enum_values`), and the other spellings each is
//! read from: Stripe sends some values its spec does not list (the onramp session's event type),
//! or spells one value two ways in its documentation and in the wild.

use std::collections::BTreeMap;

use crate::error::Error;
use crate::ir::{root_names, EnumVariant, TypeDef};
use crate::names::{variant_name, Case, Scope};

/// Adds the values of `by_enum` to the enums it names, with their aliases. A named enum that does
/// not exist, or a spelling that two variants would claim, is an error naming the entry.
pub(super) fn add(
    types: &mut [TypeDef],
    by_enum: &BTreeMap<String, BTreeMap<String, Vec<String>>>,
) -> Result<(), Error> {
    for (name, values) in by_enum {
        let pointer = format!("names.yaml/enum_values/{name}");
        let def = types
            .iter_mut()
            .find_map(|t| match t {
                TypeDef::Enum(e) if e.name == *name => Some(e),
                _ => None,
            })
            .ok_or_else(|| Error::unsupported(&pointer, format!("no generated enum is named `{name}`")))?;
        let mut idents = Scope::with_reserved(Case::Camel, &[root_names::UNKNOWN]);
        for variant in &def.variants {
            idents.claim(&variant.ident);
        }
        for (wire, aliases) in values {
            let at = format!("{pointer}/{wire}");
            for alias in aliases {
                let claimed = def.variants.iter().any(|v| v.wire == *alias || v.aliases.contains(alias));
                if claimed || alias == wire {
                    return Err(Error::unsupported(&at, format!("`{alias}` is already a value of `{name}`")));
                }
            }
            let index = match def.variants.iter().position(|v| v.wire == *wire) {
                Some(index) => index,
                None => {
                    let ident = idents.claim(&variant_name(wire));
                    def.variants.push(EnumVariant { ident, wire: wire.clone(), aliases: Vec::new() });
                    def.variants.len() - 1
                }
            };
            def.variants[index].aliases.extend(aliases.iter().cloned());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{EnumDef, Module};

    fn event_type(values: &[&str]) -> Vec<TypeDef> {
        let variants = values
            .iter()
            .map(|v| EnumVariant { ident: variant_name(v), wire: (*v).to_owned(), aliases: Vec::new() })
            .collect();
        vec![TypeDef::Enum(EnumDef {
            name: "EventType".into(),
            module: Module::Model("event_type".into()),
            doc: None,
            variants,
            pointer: "#/x".into(),
        })]
    }

    fn values(entries: &[(&str, &[&str])]) -> BTreeMap<String, BTreeMap<String, Vec<String>>> {
        let values = entries.iter().map(|(w, a)| ((*w).to_owned(), a.iter().map(|s| (*s).to_owned()).collect()));
        BTreeMap::from([("EventType".to_owned(), values.collect())])
    }

    #[test]
    fn a_value_is_added_with_its_other_spellings() {
        let mut types = event_type(&["climate.order.created"]);
        add(&mut types, &values(&[("crypto.onramp_session_updated", &["crypto.onramp_session.updated"])]))
            .expect("added");
        let TypeDef::Enum(def) = &types[0] else { panic!("an enum") };
        let added = &def.variants[1];
        assert_eq!(
            (added.ident.as_str(), added.wire.as_str()),
            ("CryptoOnrampSessionUpdated", "crypto.onramp_session_updated")
        );
        assert_eq!(added.aliases, ["crypto.onramp_session.updated"]);
    }

    #[test]
    fn a_spelling_of_the_spec_gets_aliases_without_a_second_variant() {
        let mut types = event_type(&["a.b_c"]);
        add(&mut types, &values(&[("a.b_c", &["a.b.c"])])).expect("added");
        let TypeDef::Enum(def) = &types[0] else { panic!("an enum") };
        assert_eq!(def.variants.len(), 1);
        assert_eq!(def.variants[0].aliases, ["a.b.c"]);
    }

    #[test]
    fn unknown_enums_and_claimed_spellings_are_errors_naming_the_entry() {
        let mut types = event_type(&["a.b", "a.c"]);
        let mut other = values(&[("x", &[])]);
        let renamed = other.remove("EventType").unwrap_or_default();
        other.insert("NoSuchEnum".into(), renamed);
        let error = add(&mut types, &other).expect_err("no such enum").to_string();
        assert!(error.contains("names.yaml/enum_values/NoSuchEnum"), "{error}");
        let error = add(&mut types, &values(&[("a.b", &["a.c"])])).expect_err("claimed").to_string();
        assert!(error.contains("`a.c` is already a value"), "{error}");
    }
}
