"""What the generated attrs classes say about their XML, read once per class from their metadata.

The binder and the writer are driven by this, so neither holds per-field code that must be kept
in step with the schema.
"""

from __future__ import annotations

import enum
import types
import typing
from decimal import Decimal
from typing import Any

import attr
from xsdata.models.datatype import XmlDateTime


class ValueKind(enum.Enum):
    """How a leaf value is read and written."""

    STRING = "string"
    INTEGER = "integer"
    DECIMAL = "decimal"
    BOOLEAN = "boolean"
    DATETIME = "datetime"
    ENUM = "enum"
    MODEL = "model"


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class FieldInfo:
    """One attrs field of a generated class and the XML element or attribute behind it."""

    name: str
    xml_name: str
    is_attribute: bool
    is_list: bool
    kind: ValueKind
    value_type: type[Any]
    metadata: typing.Mapping[str, Any]


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class ClassInfo:
    """A generated class: its fields in canonical (schema) order, by XML name."""

    cls: type[Any]
    fields: tuple[FieldInfo, ...]
    elements: typing.Mapping[str, FieldInfo]
    attributes: typing.Mapping[str, FieldInfo]


def _kind_of(value_type: type[Any]) -> ValueKind:
    if attr.has(value_type):
        return ValueKind.MODEL
    if isinstance(value_type, type) and issubclass(value_type, enum.Enum):
        return ValueKind.ENUM
    if value_type is bool:
        return ValueKind.BOOLEAN
    if value_type is int:
        return ValueKind.INTEGER
    if value_type is Decimal:
        return ValueKind.DECIMAL
    if value_type is XmlDateTime:
        return ValueKind.DATETIME
    if value_type is str:
        return ValueKind.STRING
    raise TypeError(f"unsupported field type {value_type!r}")


def _unwrap(hint: Any) -> tuple[type[Any], bool]:
    """``None | T`` → (T, False); ``list[T]`` → (T, True)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(members) != 1:
            raise TypeError(f"unsupported union {hint!r}")
        return _unwrap(members[0])
    if origin is list:
        (item,) = typing.get_args(hint)
        return item, True
    return hint, False


_CACHE: dict[type[Any], ClassInfo] = {}


def class_info(cls: type[Any]) -> ClassInfo:
    """Read a generated class's fields (cached: done once per class)."""
    cached = _CACHE.get(cls)
    if cached is None:
        cached = _CACHE[cls] = _read_class(cls)
    return cached


def _read_class(cls: type[Any]) -> ClassInfo:
    hints = typing.get_type_hints(cls)
    fields = []
    for field in attr.fields(cls):
        if field.metadata.get("type") == "Ignore":
            continue  # not XML: Company.namespaces
        value_type, is_list = _unwrap(hints[field.name])
        fields.append(
            FieldInfo(
                name=field.name,
                xml_name=field.metadata.get("name", field.name),
                is_attribute=field.metadata.get("type") == "Attribute",
                is_list=is_list,
                kind=_kind_of(value_type),
                value_type=value_type,
                metadata=field.metadata,
            )
        )
    return ClassInfo(
        cls=cls,
        fields=tuple(fields),
        elements={f.xml_name: f for f in fields if not f.is_attribute},
        attributes={f.xml_name: f for f in fields if f.is_attribute},
    )
