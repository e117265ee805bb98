"""The JSON Schema (draft 2020-12) of the JSON form, generated from the models' metadata.

The models are generated from the XSD, so this follows it: maximum lengths, ranges, patterns
and value lists are the XSD's facets. Shipped as ``zynk-sage50 schema --json``.
"""

from __future__ import annotations

from typing import Any

from ..modelinfo import FieldInfo, ValueKind, class_info
from ..models import Company
from ._convert import NAMESPACES_KEY

DRAFT = "https://json-schema.org/draft/2020-12/schema"
#: xs:decimal's lexical space (no exponent); JSON numbers are accepted too, read exactly.
DECIMAL_PATTERN = r"^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)\s*$"
#: xs:dateTime's lexical space.
DATETIME_PATTERN = (
    r"^\s*-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})?\s*$"
)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a document's JSON form (``to_dict(company)``)."""
    definitions: dict[str, Any] = {}
    _define(Company, definitions)
    company = definitions["Company"]
    company["properties"] = {
        NAMESPACES_KEY: {
            "description": "The root's namespace declarations, prefix to URI; absent: "
            "xsi and xsd, as Zynk writes them.",
            "type": "object",
            "propertyNames": {
                "pattern": "^[A-Za-z_][A-Za-z0-9_.-]*$",
                "not": {"pattern": "^[Xx][Mm][Ll]"},
            },
            "additionalProperties": {"type": "string", "minLength": 1},
        },
        **company["properties"],
    }
    return {
        "$schema": DRAFT,
        "$id": "https://zynk-sage50.invalid/schema/company.json",
        "title": "Zynk Sage 50 UK document (JSON form)",
        "description": "The JSON form of a Company document, as zynk_sage50.to_json writes it "
        "and from_json reads it: keys are the XML element and attribute names; decimals are "
        "strings; absent elements are left out (null means absent too).",
        "$ref": "#/$defs/Company",
        "$defs": dict(sorted(definitions.items())),
    }


def _define(cls: type[Any], definitions: dict[str, Any]) -> None:
    name = cls.__name__
    if name in definitions:
        return
    info = class_info(cls)
    definition: dict[str, Any] = {"type": "object", "additionalProperties": False}
    definitions[name] = definition  # before the fields: a class may contain itself
    properties: dict[str, Any] = {}
    for field in info.fields:
        if field.kind is ValueKind.MODEL:
            _define(field.value_type, definitions)
        properties[field.xml_name] = _field_schema(field)
    definition["properties"] = properties


def _field_schema(field: FieldInfo) -> dict[str, Any]:
    value = _value_schema(field)
    if field.is_list:
        return {"type": ["array", "null"], "items": value}
    if "$ref" in value:
        return {"anyOf": [value, {"type": "null"}]}
    if "enum" in value:
        return {**value, "enum": [*value["enum"], None]}
    types = value["type"]
    return {**value, "type": [*(types if isinstance(types, list) else [types]), "null"]}


def _value_schema(field: FieldInfo) -> dict[str, Any]:
    meta = field.metadata
    kind = field.kind
    if kind is ValueKind.MODEL:
        return {"$ref": f"#/$defs/{field.value_type.__name__}"}
    if kind is ValueKind.ENUM:
        return {"enum": [member.value for member in field.value_type]}
    if kind is ValueKind.BOOLEAN:
        return {"type": "boolean"}
    if kind is ValueKind.DATETIME:
        return {"type": "string", "pattern": DATETIME_PATTERN}
    if kind is ValueKind.DECIMAL:
        return {"type": ["string", "number"], "pattern": DECIMAL_PATTERN}
    schema: dict[str, Any] = {"type": "integer" if kind is ValueKind.INTEGER else "string"}
    for facet, keyword in (
        ("max_length", "maxLength"),
        ("min_length", "minLength"),
        ("min_inclusive", "minimum"),
        ("max_inclusive", "maximum"),
    ):
        if facet in meta:
            schema[keyword] = meta[facet]
    if "pattern" in meta:
        schema["pattern"] = f"^(?:{meta['pattern']})$"
    return schema
