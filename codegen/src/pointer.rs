//! JSON pointers (RFC 6901), the way every error names its place in the spec.

/// Escapes one reference token: `~` becomes `~0`, `/` becomes `~1`.
pub fn escape(token: &str) -> String {
    if !token.contains(['~', '/']) {
        return token.to_owned();
    }
    token.replace('~', "~0").replace('/', "~1")
}

/// Appends one token to a pointer.
pub fn join(pointer: &str, token: &str) -> String {
    let mut joined = String::with_capacity(pointer.len() + token.len() + 1);
    joined.push_str(pointer);
    joined.push('/');
    joined.push_str(&escape(token));
    joined
}

/// The name of the component a local `#/components/schemas/<name>` reference points at.
pub fn schema_ref_name(reference: &str) -> Option<String> {
    component_ref_name(reference, "schemas")
}

/// The name of the component a local `#/components/<section>/<name>` reference points at.
pub fn component_ref_name(reference: &str, section: &str) -> Option<String> {
    let name = reference.strip_prefix("#/components/")?.strip_prefix(section)?.strip_prefix('/')?;
    if name.is_empty() || name.contains('/') && !name.contains('~') {
        return None;
    }
    Some(name.replace("~1", "/").replace("~0", "~"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_slashes_and_tildes() {
        assert_eq!(join("/paths", "/v1/a~b"), "/paths/~1v1~1a~0b");
    }

    #[test]
    fn reads_schema_references() {
        assert_eq!(schema_ref_name("#/components/schemas/climate.order").as_deref(), Some("climate.order"));
        assert_eq!(schema_ref_name("#/components/parameters/x"), None);
        assert_eq!(schema_ref_name("#/components/schemas/"), None);
    }
}
