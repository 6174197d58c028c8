//! The types to generate: structs, enums and unions, their fields and variants, and the
//! references between them.

use super::*;

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

    /// The named types this type holds, in field (or variant) order: the one walk over type
    /// references that boxing, placement, features, crates and docs all read.
    pub fn references(&self) -> impl Iterator<Item = Reference<'_>> {
        let (fields, variants) = match self {
            TypeDef::Struct(s) => (&s.fields[..], &[][..]),
            TypeDef::Union(u) => (&[][..], &u.variants[..]),
            TypeDef::Enum(_) => (&[][..], &[][..]),
        };
        let fields = fields.iter().filter_map(|f| Some(Reference { target: f.ty.named()?, ty: &f.ty, field: Some(f) }));
        let variants =
            variants.iter().filter_map(|v| Some(Reference { target: v.ty.named()?, ty: &v.ty, field: None }));
        fields.chain(variants)
    }
}

/// A named type another type holds (see [`TypeDef::references`]).
#[derive(Clone, Copy, Debug)]
pub struct Reference<'a> {
    /// The name of the type held.
    pub target: &'a str,
    /// How it is held: `T` itself, or in a `Vec`, a map, an `Expandable`, ..
    pub ty: &'a TypeRef,
    /// The struct field that holds it; `None` for a union's variant.
    pub field: Option<&'a Field>,
}

impl Reference<'_> {
    /// Whether the type is held inline, without the allocation of a `Vec`, map or `Expandable`:
    /// what makes a cycle of types infinitely large.
    pub fn is_inline(&self) -> bool {
        match self.ty {
            TypeRef::Named(_) => true,
            TypeRef::Clearable(inner) => matches!(inner.as_ref(), TypeRef::Named(_)),
            _ => false,
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
        self.field("id").filter(|f| f.ty == TypeRef::String)
    }

    /// The field of this wire name.
    pub fn field(&self, wire_name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.wire_name == wire_name)
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

#[cfg(test)]
mod tests {
    use super::TypeDef;

    const SPEC: &str = r##"
openapi: 3.0.0
info: {title: t, version: '1'}
paths:
  /v1/parcels/{id}:
    get:
      operationId: GetParcel
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/parcel'}}}}}
components:
  schemas:
    parcel:
      type: object
      properties:
        lid: {$ref: '#/components/schemas/lid'}
        label: {type: string}
        lids: {type: array, items: {$ref: '#/components/schemas/lid'}}
        content: {anyOf: [{$ref: '#/components/schemas/lid'}, {$ref: '#/components/schemas/parcel'}]}
    lid: {type: object, properties: {color: {type: string}}}
"##;

    #[test]
    fn references_name_each_held_type_with_how_and_where() {
        let api = crate::lower::lowered(SPEC);
        let of = |name: &str| -> Vec<(String, bool, Option<String>)> {
            let ty = api.types.iter().find(|t| t.name() == name).unwrap_or_else(|| panic!("no {name}"));
            ty.references()
                .map(|r| (r.target.to_owned(), r.is_inline(), r.field.map(|f| f.wire_name.clone())))
                .collect()
        };
        let field = |name: &str| Some(name.to_owned());
        let content = api.types.iter().find_map(|t| match t {
            TypeDef::Union(u) => Some(u.name.clone()),
            _ => None,
        });
        let content = content.unwrap_or_else(|| panic!("no union"));
        assert_eq!(
            of("Parcel"),
            [
                ("Lid".to_owned(), true, field("lid")),
                ("Lid".to_owned(), false, field("lids")),
                (content.clone(), true, field("content")),
            ]
        );
        assert_eq!(of(&content), [("Lid".to_owned(), true, None), ("Parcel".to_owned(), true, None)]);
        assert!(of("Lid").is_empty());
    }
}
