//! The intermediate representation: what to generate, with every Stripe idiom already decided and
//! nothing said about syntax.

use std::collections::{BTreeMap, BTreeSet};

/// Everything generated from one description.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Api {
    /// `info.version`, sent as `Stripe-Version`.
    pub version: String,
    /// Type definitions, in a deterministic order (spec order of first use).
    pub types: Vec<TypeDef>,
    /// Operations in spec order.
    pub operations: Vec<Operation>,
    /// The Rust names of every node of the service tree (`["climate"]`, `["climate", "orders"]`).
    pub services: Services,
    /// The types that implement the runtime's `Object`: they have an `id` to page by.
    pub objects: BTreeSet<String>,
    /// The resources a webhook event's `data.object` can be, each a variant of `EventObject`.
    pub event_resources: Vec<EventResource>,
}

/// Cargo features, of which any one will do.
pub type FeatureSet = BTreeSet<String>;

/// When an item compiles: when every set has one of its features on. Most gates hold one set; a
/// union of several resources' objects needs one feature of each.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Gate(pub Vec<FeatureSet>);

impl Gate {
    /// Compiles when any of `features` is on.
    pub fn any(features: FeatureSet) -> Gate {
        Gate(vec![features])
    }

    /// Whether this gate is open whenever `other` is: each of its sets holds all of one of
    /// `other`'s.
    pub fn implied_by(&self, other: &Gate) -> bool {
        self.0.iter().all(|need| other.0.iter().any(|have| need.is_superset(have)))
    }

    /// Whether this gate asks for more than `file`, the gate of the file its item is in (none:
    /// the file always compiles): then the item needs a gate of its own.
    pub fn beyond(&self, file: Option<&Gate>) -> bool {
        file.is_none_or(|f| !self.implied_by(f))
    }

    /// Compiles when both this gate and `other` do (a set both hold is kept once).
    pub fn and(&self, other: &Gate) -> Gate {
        let mut sets = self.0.clone();
        sets.extend(other.0.iter().filter(|set| !self.0.contains(set)).cloned());
        Gate(sets)
    }

    /// Every feature the gate names.
    pub fn features(&self) -> FeatureSet {
        self.0.iter().flatten().cloned().collect()
    }
}

/// Which cargo feature compiles what, for a crate that lets its users compile only the resources
/// they use. Whatever is not listed is always compiled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gates {
    /// Each resource's feature, named after its object (`customer`, `climate_order`), with the
    /// paths of the services whose operations it enables.
    pub features: BTreeMap<String, Vec<Vec<String>>>,
    /// When each module compiles: with the features whose operations or objects reach it.
    pub modules: BTreeMap<Module, Gate>,
    /// When each type of a service's file compiles, by name: that file holds the parameters of
    /// operations of several resources.
    pub types: BTreeMap<String, Gate>,
    /// When each operation compiles, by `operationId`: first with the feature of the object it
    /// answers with (its resource), then, when it answers with one of several resources' objects,
    /// with a feature of each of those.
    pub operations: BTreeMap<String, Gate>,
    /// Fields holding another resource's object, by type name and field identifier: each exists
    /// when that object's type compiles.
    pub fields: BTreeMap<(String, String), Gate>,
}

impl Gates {
    /// When `module` compiles; `None` when it always does.
    pub fn module(&self, module: &Module) -> Option<&Gate> {
        self.modules.get(module)
    }

    /// The gate a type compiles under apart from its file, when it needs more than the file.
    pub fn type_apart(&self, ty: &TypeDef) -> Option<&Gate> {
        self.types.get(ty.name()).filter(|g| g.beyond(self.module(ty.module())))
    }

    /// When the named type's module compiles.
    pub fn type_gate(&self, api: &Api, name: &str) -> Option<&Gate> {
        api.types.iter().find(|t| t.name() == name).and_then(|t| self.module(t.module()))
    }

    /// When the service or namespace at `path` (`["climate"]`) opens, its struct included: with
    /// the feature of any operation under it; `None` when one of them is always compiled.
    pub fn service(&self, api: &Api, path: &[String]) -> Option<Gate> {
        let mut union = FeatureSet::new();
        for op in api.operations.iter().filter(|op| op.is_under(path)) {
            // The operation's own resource: whatever else it needs, it needs that.
            union.extend(self.operations.get(&op.operation_id)?.0.first().cloned().unwrap_or_default());
        }
        (!union.is_empty()).then(|| Gate::any(union))
    }
}

/// A resource a webhook event can carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventResource {
    /// The `object` value that names it (`climate.order`).
    pub object: String,
    /// Its type (`ClimateOrder`).
    pub type_name: String,
    /// Its variant of `EventObject`.
    pub variant: String,
    /// The deleted form of the object (`{"id", "object", "deleted": true}`), read by the same
    /// `object` value when the object says it is deleted.
    pub deleted: bool,
}

/// The Rust names of every node of the service tree, by its path.
pub type Services = BTreeMap<Vec<String>, ServiceNames>;

/// The Rust names of a namespace or service (`client.climate().orders()`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceNames {
    /// The struct (`ClimateOrdersApi`).
    pub struct_name: String,
    /// The method that opens it from its parent (`orders`).
    pub accessor: String,
    /// The file under `api/` holding its operations, when it has operations.
    pub module: Option<String>,
}

/// Where a type is emitted: the file (module) it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Module {
    /// A file at the top of the generated tree (`climate_order.rs`): a component schema's types.
    Model(String),
    /// A file under `api/` (`api/climate_orders.rs`): a service's operations and parameters, or
    /// the inline types of an operation's response.
    Api(String),
}

impl Module {
    /// The module's own name (`climate_order`).
    pub fn name(&self) -> &str {
        match self {
            Module::Model(name) | Module::Api(name) => name,
        }
    }
}

impl std::fmt::Display for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Module::Model(name) => f.write_str(name),
            Module::Api(name) => write!(f, "api::{name}"),
        }
    }
}

/// One named Rust type.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeDef {
    /// A struct of named fields.
    Struct(StructDef),
    /// A string enum, open to values added later.
    Enum(EnumDef),
    /// An `anyOf`/`oneOf` of differently shaped values, told apart by their shape.
    Union(UnionDef),
}

impl TypeDef {
    /// The Rust name.
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Struct(s) => &s.name,
            TypeDef::Enum(e) => &e.name,
            TypeDef::Union(u) => &u.name,
        }
    }

    /// Where in the spec the type comes from.
    pub fn pointer(&self) -> &str {
        match self {
            TypeDef::Struct(s) => &s.pointer,
            TypeDef::Enum(e) => &e.pointer,
            TypeDef::Union(u) => &u.pointer,
        }
    }

    /// Moves the type to another module.
    pub fn set_module(&mut self, module: Module) {
        match self {
            TypeDef::Struct(s) => s.module = module,
            TypeDef::Enum(e) => e.module = module,
            TypeDef::Union(u) => u.module = module,
        }
    }

    /// The module the type is emitted in.
    pub fn module(&self) -> &Module {
        match self {
            TypeDef::Struct(s) => &s.module,
            TypeDef::Enum(e) => &e.module,
            TypeDef::Union(u) => &u.module,
        }
    }
}

/// Whether a struct is read from responses or written into requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Deserialized from Stripe's responses (and serialized back, for users' own storage).
    Response,
    /// Serialized into a query string or form body.
    Request,
}

/// A struct.
#[derive(Clone, Debug, PartialEq)]
pub struct StructDef {
    /// Rust name.
    pub name: String,
    /// Module (file) it is emitted in.
    pub module: Module,
    /// Rustdoc, Markdown.
    pub doc: Option<String>,
    /// Fields in spec order.
    pub fields: Vec<Field>,
    /// Response or request shape.
    pub direction: Direction,
    /// The value of the `object` field, for resources (`climate.order`).
    pub object_name: Option<String>,
    /// For the parameters of an operation that pages: how the runtime moves its cursor.
    pub cursors: Pagination,
    /// Where in the spec it comes from.
    pub pointer: String,
}

/// One struct field.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Rust identifier (keyword-safe, snake case).
    pub ident: String,
    /// The key on the wire.
    pub wire_name: String,
    /// Rustdoc, Markdown.
    pub doc: Option<String>,
    /// The value's type, without the optionality.
    pub ty: TypeRef,
    /// Whether the key is always present.
    pub required: bool,
    /// Whether the value may be `null`.
    pub nullable: bool,
    /// A credential that must not appear in `Debug` output.
    pub secret: bool,
    /// Held in a `Box` because the field closes a cycle of types.
    pub boxed: bool,
    /// A map of the keys not named by other fields (`additionalProperties` beside `properties`).
    pub flatten: bool,
    /// What a response's decoding does when the answer leaves the key out.
    pub when_absent: WhenAbsent,
}

/// What decoding a response does with a field whose key the answer left out. Stripe's answers
/// sometimes leave out fields its spec requires; the runtime's `AbsentFields` tells the user which.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhenAbsent {
    /// The spec allows it: `None`.
    Allowed,
    /// Required, but may be `null`: `None`, noted.
    Null,
    /// Required, of a type with an empty value (a list, a map, an object whose fields can all be
    /// empty): that value, noted.
    Empty,
    /// Required, with no value to stand in (an amount, an id, text, a flag): the answer does not
    /// decode.
    Fails,
}

impl WhenAbsent {
    /// What the spec's `required` and `nullable` say alone, before types with an empty value are
    /// known.
    pub fn of(required: bool, nullable: bool) -> Self {
        match (required, nullable) {
            (false, _) => Self::Allowed,
            (true, true) => Self::Null,
            (true, false) => Self::Fails,
        }
    }

    /// Whether decoding notes the field when it is absent.
    pub fn noted(self) -> bool {
        matches!(self, Self::Null | Self::Empty)
    }
}

impl StructDef {
    /// The response struct's `id` field, when it is a string: what pagination and events key on.
    pub fn string_id(&self) -> Option<&Field> {
        if self.direction != Direction::Response {
            return None;
        }
        self.fields.iter().find(|f| f.wire_name == "id" && f.ty == TypeRef::String)
    }

    /// Whether this is the deleted form of an object: a response whose `deleted` flag is always
    /// there (a live object may carry an optional one, as `apps.secret` does).
    pub fn is_deleted_form(&self) -> bool {
        self.direction == Direction::Response
            && self.fields.iter().any(|f| f.wire_name == "deleted" && f.ty == TypeRef::Boolean && !f.optional())
    }

    /// Whether decoding this response struct notes the required fields its answer left out.
    pub fn notes_absences(&self) -> bool {
        self.direction == Direction::Response && self.fields.iter().any(|f| !f.flatten && f.when_absent.noted())
    }

    /// Whether these request parameters carry a search's `page` cursor.
    pub fn has_page_cursor(&self) -> bool {
        self.direction == Direction::Request
            && self.fields.iter().any(|f| f.wire_name == "page" && f.ty == TypeRef::String && f.optional())
    }

    /// Whether these request parameters carry both pagination cursors.
    pub fn has_list_cursors(&self) -> bool {
        let is_cursor =
            |name: &str| self.fields.iter().any(|f| f.wire_name == name && f.ty == TypeRef::String && f.optional());
        self.direction == Direction::Request && is_cursor("starting_after") && is_cursor("ending_before")
    }
}

impl Field {
    /// Whether the Rust field is an `Option`.
    pub fn optional(&self) -> bool {
        !self.required || self.nullable
    }
}

/// A string enum.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumDef {
    /// Rust name.
    pub name: String,
    /// Module (file) it is emitted in.
    pub module: Module,
    /// Rustdoc, Markdown.
    pub doc: Option<String>,
    /// Variants in spec order.
    pub variants: Vec<EnumVariant>,
    /// Where in the spec it was first met.
    pub pointer: String,
}

/// One known value of a string enum.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumVariant {
    /// Rust variant name.
    pub ident: String,
    /// The string on the wire.
    pub wire: String,
    /// Other spellings read as this value (`names.yaml`'s `enum_values`); it is written as `wire`.
    pub aliases: Vec<String>,
}

/// A union: told apart by the `object` field when each variant is an object with its own tag
/// ([`UnionVariant::object_tag`]), otherwise by trying the variants in order.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionDef {
    /// Rust name.
    pub name: String,
    /// Module (file) it is emitted in.
    pub module: Module,
    /// Rustdoc, Markdown.
    pub doc: Option<String>,
    /// Variants, tried in this order when deserializing.
    pub variants: Vec<UnionVariant>,
    /// Response or request shape.
    pub direction: Direction,
    /// Where in the spec it comes from.
    pub pointer: String,
}

/// One alternative of a union.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionVariant {
    /// Rust variant name.
    pub ident: String,
    /// The variant's payload.
    pub ty: TypeRef,
    /// Held in a `Box` because the variant closes a cycle of types.
    pub boxed: bool,
    /// The `object` value of this variant's objects, when every variant of a response union is
    /// an object that has one: decoding picks the variant by it instead of taking the first whose
    /// shape fits (an account's shape, two required fields, fits a card too).
    pub object_tag: Option<String>,
    /// The variant is the deleted form of its objects: chosen by the `deleted` flag, not by shape.
    pub deleted_form: bool,
}

/// A reference to a type, as a field or response uses it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeRef {
    /// `String`.
    String,
    /// `i64`.
    Integer,
    /// `f64`.
    Number,
    /// `bool`.
    Boolean,
    /// Seconds since the Unix epoch (`format: unix-time`).
    Timestamp,
    /// An exact decimal sent as a string (`format: decimal`).
    Decimal,
    /// A file upload (`format: binary`).
    Binary,
    /// Any JSON value (a schema with no shape).
    Json,
    /// A named type from [`Api::types`].
    Named(String),
    /// An array.
    Vec(Box<TypeRef>),
    /// A string-keyed map (`additionalProperties`), in key order.
    Map(Box<TypeRef>),
    /// An ID or the expanded object (`x-expansionResources`).
    Expandable(Box<TypeRef>),
    /// A parameter that can also be sent as `""` to unset it.
    Clearable(Box<TypeRef>),
    /// A list envelope (`object: list`, `data`, `has_more`, `url`).
    List(Box<TypeRef>),
    /// A search result envelope (`object: search_result`).
    SearchList(Box<TypeRef>),
    /// A list of the v2 API (`data`, `next_page_url`, `previous_page_url`).
    V2List(Box<TypeRef>),
}

/// The HTTP methods of OpenAPI operations. Stripe's API uses GET, POST and DELETE; older specs
/// have PUT, other descriptions PATCH and the rest, each sent by the rules of its closest kin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum HttpMethod {
    /// GET: parameters in the query string.
    Get,
    /// POST: parameters in a form body (a JSON body in the v2 API), with an idempotency key.
    Post,
    /// DELETE: parameters in the query string.
    Delete,
    /// PUT: as POST.
    Put,
    /// PATCH: as POST.
    Patch,
    /// HEAD: as GET.
    Head,
    /// OPTIONS: as GET.
    Options,
    /// TRACE: as GET.
    Trace,
}

impl HttpMethod {
    /// Every method, in the order of an OpenAPI path item's keys.
    pub const ALL: [HttpMethod; 8] = [
        HttpMethod::Get,
        HttpMethod::Put,
        HttpMethod::Post,
        HttpMethod::Delete,
        HttpMethod::Options,
        HttpMethod::Head,
        HttpMethod::Patch,
        HttpMethod::Trace,
    ];

    /// The method as HTTP spells it (`GET`).
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Trace => "TRACE",
        }
    }

    /// Whether its parameters go in a body, as POST's do (else in the query string, as GET's).
    pub fn sends_body(self) -> bool {
        matches!(self, HttpMethod::Post | HttpMethod::Put | HttpMethod::Patch)
    }
}

/// How an operation sends its parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamsIn {
    /// Bracket-encoded query string.
    Query,
    /// Bracket-encoded `application/x-www-form-urlencoded` body.
    Form,
    /// `multipart/form-data` body.
    Multipart,
    /// The v2 API's rules: a JSON body for POST, the query string (arrays as repeated keys) for
    /// GET and DELETE.
    Json,
}

/// One API operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// The spec's `operationId`.
    pub operation_id: String,
    /// Namespaces before the resource (`["climate"]`).
    pub namespace: Vec<String>,
    /// The resource's service name (`orders`).
    pub resource: String,
    /// The method name on the service (`create`, `list`, `cancel`).
    pub method_name: String,
    /// HTTP method.
    pub http_method: HttpMethod,
    /// Path template (`/v1/climate/orders/{order}`).
    pub path: String,
    /// Path parameters in template order.
    pub path_params: Vec<PathParam>,
    /// The parameters struct, if the operation takes any parameter besides the path.
    pub params: Option<String>,
    /// Where the parameters go.
    pub params_in: ParamsIn,
    /// The successful response type.
    pub response: TypeRef,
    /// How the operation's results are paged, if they are.
    pub pagination: Pagination,
    /// The host that serves this operation when it is not the API's own (`https://files.stripe.com`).
    pub server: Option<String>,
    /// The file parts of a multipart body.
    pub files: Vec<FilePart>,
    /// Rustdoc, Markdown.
    pub doc: Option<String>,
    /// The spec location, for messages.
    pub pointer: String,
}

impl TypeRef {
    /// The named type this reference holds, through lists, maps and wrappers (at most one).
    pub fn named(&self) -> Option<&str> {
        match self {
            TypeRef::Named(name) => Some(name),
            TypeRef::Vec(inner)
            | TypeRef::Map(inner)
            | TypeRef::Expandable(inner)
            | TypeRef::Clearable(inner)
            | TypeRef::List(inner)
            | TypeRef::SearchList(inner)
            | TypeRef::V2List(inner) => inner.named(),
            _ => None,
        }
    }
}

impl Operation {
    /// The namespaces and the resource: the path of its service (`["climate", "orders"]`).
    pub fn service_path(&self) -> Vec<String> {
        self.namespace.iter().chain(std::iter::once(&self.resource)).cloned().collect()
    }

    /// Whether the operation's service is the one at `path` or one under it.
    pub fn is_under(&self, path: &[String]) -> bool {
        let own = self.namespace.iter().chain(std::iter::once(&self.resource));
        path.len() <= self.namespace.len() + 1 && own.zip(path).all(|(a, b)| a == b)
    }
}

/// How a list of results is paged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pagination {
    /// One answer, no pages.
    #[default]
    None,
    /// A list of objects paged by `starting_after`/`ending_before` and the objects' ids.
    List,
    /// A search result paged by `page` and the `next_page` it returns.
    Search,
    /// A v2 list paged by the `next_page_url` it returns.
    NextPageUrl,
}

/// A file field of a multipart body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilePart {
    /// The parameters struct's field.
    pub ident: String,
    /// The part's name on the wire.
    pub wire_name: String,
    /// Whether the file may be left out.
    pub optional: bool,
}

/// A path parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct PathParam {
    /// Name in the template.
    pub name: String,
    /// Rust identifier.
    pub ident: String,
    /// Rustdoc.
    pub doc: Option<String>,
}

/// Types grouped by module, in a deterministic order.
pub fn types_by_module(api: &Api) -> BTreeMap<&Module, Vec<&TypeDef>> {
    let mut modules: BTreeMap<&Module, Vec<&TypeDef>> = BTreeMap::new();
    for ty in &api.types {
        modules.entry(ty.module()).or_default().push(ty);
    }
    modules
}
