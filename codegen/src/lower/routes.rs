//! Where an operation sits: its path's namespaces, resource and action, its path parameters, and
//! the service method and parameter type it becomes.

use openapiv3::Parameter;

use super::docs::to_markdown;
use crate::error::Error;
use crate::ir::{HttpMethod, PathParam};
use crate::names::{field_name, singular, type_name, Case, Scope};
use crate::pointer;

/// Where an operation sits: `/v1/climate/orders/{order}/cancel` is namespace `climate`, resource
/// `orders`, acting on one item, with the action `cancel`.
pub(super) struct Route {
    pub(super) namespace: Vec<String>,
    pub(super) resource: String,
    pub(super) on_item: bool,
    /// Literal segments after the first path parameter.
    pub(super) suffix: Vec<String>,
    /// Whether the path ends in a parameter after the suffix.
    pub(super) suffix_on_item: bool,
    /// Whether the path also answers GET (a collection that lists).
    pub(super) has_list: bool,
    /// Whether the path is under a version of the API after v1 (`/v2/...`), which takes JSON
    /// bodies and repeats the key of each array item in its query strings.
    pub(super) json_api: bool,
}

/// The route of `path` (an error at `at` when it names no resource).
pub(super) fn route(path: &str, at: &str) -> Result<Route, Error> {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').filter(|s| !s.is_empty()).collect();
    // The v1 API is the default one, as in the SDKs (`stripe.customers`); a later version is a
    // namespace of its own (`stripe.v2.core.accounts`), since it reuses v1's resource names.
    let is_version = |s: &str| s.len() > 1 && s.starts_with('v') && s[1..].chars().all(|c| c.is_ascii_digit());
    let version = segments.first().copied().filter(|s| is_version(s));
    let segments = match version {
        Some("v1") => &segments[1..],
        _ => &segments[..],
    };
    let is_param = |s: &&str| s.starts_with('{') && s.ends_with('}');
    let first_param = segments.iter().position(is_param);
    let (head, tail) = match first_param {
        Some(index) => (&segments[..index], &segments[index + 1..]),
        // `/v1/charges/search` searches the charges, as `stripe.charges.search(..)` does in the SDKs.
        None if segments.len() > 1 && segments.last() == Some(&"search") => {
            (&segments[..segments.len() - 1], &segments[segments.len() - 1..])
        }
        None => (segments, &[][..]),
    };
    let Some((resource, namespace)) = head.split_last() else {
        return Err(Error::unsupported(at, "a path with no resource name before its first parameter"));
    };
    let suffix: Vec<String> = tail.iter().filter(|s| !is_param(s)).map(|s| (*s).to_owned()).collect();
    Ok(Route {
        namespace: namespace.iter().map(|s| (*s).to_owned()).collect(),
        resource: (*resource).to_owned(),
        on_item: first_param.is_some(),
        suffix_on_item: tail.last().is_some_and(is_param) && !suffix.is_empty(),
        suffix,
        has_list: false,
        json_api: version.is_some_and(|v| v != "v1"),
    })
}

/// The path parameters of `path`, in path order, each declared among `parameters`: every `{name}`
/// of the template, a whole segment or part of one (`/v1/reports/{report}.pdf`), which the runtime
/// fills in the same order.
pub(super) fn path_params(path: &str, parameters: &[(String, &Parameter)], at: &str) -> Result<Vec<PathParam>, Error> {
    let mut params: Vec<PathParam> = Vec::new();
    // The method's other argument, and what its body declares.
    let mut idents = Scope::with_reserved(Case::Snake, &["params", "files"]);
    for name in template_names(path, at)? {
        let declared = parameters.iter().find_map(|(_, p)| match p {
            Parameter::Path { parameter_data, .. } if parameter_data.name == name => Some(parameter_data),
            _ => None,
        });
        let Some(declared) = declared else {
            return Err(Error::unsupported(
                &pointer::join(at, "parameters"),
                format!("path parameter `{name}` is not declared"),
            ));
        };
        if params.iter().any(|p| p.name == name) {
            return Err(Error::unsupported(
                &pointer::join(at, "parameters"),
                format!("path parameter `{name}` appears twice in the path"),
            ));
        }
        let ident = idents.claim(&field_name(name));
        params.push(PathParam {
            name: name.to_owned(),
            ident,
            doc: declared.description.as_deref().and_then(to_markdown),
        });
    }
    Ok(params)
}

/// The `{name}`s of a path template, in order; a brace left open, or closed before it opens, is
/// refused rather than sent as it is.
fn template_names<'p>(path: &'p str, at: &str) -> Result<Vec<&'p str>, Error> {
    let unbalanced = || Error::unsupported(at, format!("the path `{path}` has a `{{` or `}}` without its pair"));
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find(['{', '}']) {
        let after = &rest[open + 1..];
        let close =
            after.find(['{', '}']).filter(|&close| rest.as_bytes()[open] == b'{' && after.as_bytes()[close] == b'}');
        let close = close.ok_or_else(unbalanced)?;
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    Ok(names)
}

/// The service method's name (`list`, `cancel`, `list_sources`) and its parameter type's name
/// (`ListClimateOrders`, `CancelClimateOrder`, `ListCustomerSources`).
pub(super) fn method_and_params_name(route: &Route, method: HttpMethod, is_page: bool) -> (String, String) {
    let resource_noun = |plural: bool| {
        let mut words: Vec<String> = route.namespace.clone();
        words.push(if plural { route.resource.clone() } else { singular(&route.resource) });
        type_name(&words.join("_"))
    };
    let verb = |on_item: bool| match (method, on_item) {
        (HttpMethod::Get, false) if is_page => "list",
        (HttpMethod::Get, _) => "retrieve",
        (HttpMethod::Post, false) => "create",
        (HttpMethod::Post, true) => "update",
        (HttpMethod::Delete, _) => "delete",
        (HttpMethod::Put, true) => "replace",
        (HttpMethod::Put, false) => "put",
        (HttpMethod::Patch, _) => "patch",
        (HttpMethod::Head, _) => "head",
        (HttpMethod::Options, _) => "options",
        (HttpMethod::Trace, _) => "trace",
    };
    if route.suffix.is_empty() {
        let verb = verb(route.on_item);
        // A collection is named in the plural (`ListClimateOrders`, `RetrieveCryptoOnrampQuotes`).
        let plural = !route.on_item;
        return (verb.to_owned(), format!("{}{}", type_name(verb), resource_noun(plural && verb != "create")));
    }
    let sub = route.suffix.join("_");
    if sub == "search" && !route.on_item {
        return ("search".to_owned(), format!("Search{}", resource_noun(true)));
    }
    let sub_collection = route.suffix_on_item || (route.has_list && !method.sends_body()) || is_page;
    if !sub_collection && method.sends_body() {
        // An action on the item: `cancel`, `capture`.
        let action = field_name(&sub);
        let params = format!("{}{}", type_name(&sub), resource_noun(false));
        return (action, params);
    }
    let verb = verb(route.suffix_on_item);
    let noun = if verb == "list" { sub.clone() } else { singular(&sub) };
    let method_name = field_name(&format!("{verb}_{noun}"));
    (method_name, format!("{}{}{}", type_name(verb), resource_noun(false), type_name(&noun)))
}

impl Route {
    /// The namespaces and the resource: the path of the operation's service.
    pub(super) fn service_path(&self) -> Vec<String> {
        self.namespace.iter().chain(std::iter::once(&self.resource)).cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::template_names;

    #[test]
    fn every_brace_pair_of_a_template_is_a_parameter_in_order() {
        let names = |path| template_names(path, "/paths/x").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(names("/v1/accounts/{account}/persons/{person}"), ["account", "person"]);
        assert_eq!(names("/v1/reports/{report}.pdf"), ["report"]);
        assert_eq!(names("/v1/balance"), Vec::<&str>::new());
    }

    #[test]
    fn a_brace_without_its_pair_is_refused() {
        for path in ["/v1/x/{id", "/v1/x/id}", "/v1/x/{a{b}}", "/v1/x/}{"] {
            let error = template_names(path, "/paths/x").expect_err(path).to_string();
            assert!(error.contains(path) && error.contains("without its pair"), "{error}");
        }
    }
}
