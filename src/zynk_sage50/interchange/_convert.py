"""Models ↔ plain JSON-ready dicts, driven by :mod:`..modelinfo` (no per-field code).

Keys are the XML names; decimals are strings in plain notation, integers and booleans JSON
numbers and booleans, date-times their lexical form, enums their XML values; absent fields
(``None``, empty lists) are left out. A ``Company``'s namespace declarations travel under
``"xmlns"`` when they differ from a new document's, so XML → JSON → XML is lossless.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

import attr
from xsdata.models.datatype import XmlDateTime

from .. import models
from ..converters import convert_text, format_value
from ..errors import SchemaBindingError
from ..issues import Issue, Severity
from ..modelinfo import ClassInfo, FieldInfo, ValueKind, class_info
from ..models import Company
from ..namespaces import DEFAULT_NAMESPACES, namespaces_of, remember

T = TypeVar("T")

#: An XML name without a colon (NCName), as a namespace prefix must be.
_PREFIX = re.compile(r"[^\W\d][\w.\-]*")

#: The key holding a ``Company``'s namespace declarations (``{prefix: uri}``). No element can
#: be called this: names starting with "xml" are reserved by XML itself.
NAMESPACES_KEY = "xmlns"


def _check_model_class(cls: object, caller: str) -> ClassInfo:
    """The generated classes, and ``Company`` with its namespace declarations."""
    if not isinstance(cls, type) or not _is_model_class(cls):
        raise TypeError(f"{caller}() takes a zynk_sage50 model class, not {cls!r}")
    return class_info(cls)


def _is_model_class(cls: type[Any]) -> bool:
    return attr.has(cls) and (
        getattr(models, cls.__name__, None) is cls or issubclass(cls, Company)
    )


def to_dict(model: object) -> dict[str, Any]:
    """The JSON form of a model (a ``Company`` or any record or part of one) as a dict."""
    info = _check_model_class(type(model), "to_dict")
    data = _object_to_dict(model, info, f"/{type(model).__name__}")
    if isinstance(model, Company):
        declared = dict(namespaces_of(model))
        if list(declared.items()) != list(DEFAULT_NAMESPACES.items()):  # order is kept too
            data = {NAMESPACES_KEY: declared, **data}
    return data


def _object_to_dict(obj: Any, info: ClassInfo, path: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in info.fields:
        value = getattr(obj, field.name)
        if value is None or (field.is_list and not value):
            continue
        where = f"{path}/{'@' if field.is_attribute else ''}{field.xml_name}"
        if field.is_list:
            data[field.xml_name] = [
                _value_to_json(item, field, f"{where}[{number}]")
                for number, item in enumerate(value, 1)
            ]
        else:
            data[field.xml_name] = _value_to_json(value, field, where)
    return data


def _value_to_json(value: Any, field: FieldInfo, path: str) -> Any:
    if field.kind is ValueKind.MODEL:
        if not isinstance(value, field.value_type):
            raise TypeError(
                f"{path}: expected {field.value_type.__name__}, got {type(value).__name__}"
            )
        return _object_to_dict(value, class_info(field.value_type), path)
    if field.kind in (ValueKind.BOOLEAN, ValueKind.INTEGER):
        format_value(value, field, path)  # refuses a wrong type, as writing XML does
        return value
    return format_value(value, field, path)


def from_dict(cls: type[T], data: Mapping[str, Any]) -> T:
    """Build a model of class ``cls`` from its JSON form (as :func:`to_dict` makes it).

    Every problem (an unknown key, a value of the wrong type) is collected and raised
    together as ``SchemaBindingError``, each with the path of the value.
    """
    info = _check_model_class(cls, "from_dict")
    if not isinstance(data, Mapping):
        raise TypeError(f"from_dict() takes a mapping, not {type(data).__name__}")
    reader = _Reader()
    body = dict(data)
    namespaces = body.pop(NAMESPACES_KEY, None) if issubclass(cls, Company) else None
    model = reader.build(body, info, f"/{cls.__name__}")
    if namespaces is not None:
        reader.check_namespaces(namespaces, f"/{cls.__name__}/{NAMESPACES_KEY}")
    if reader.problems:
        first = reader.problems[0]
        more = len(reader.problems) - 1
        raise SchemaBindingError(
            f"{first.path}: {first.message}" + (f" (and {more} more problems)" if more else ""),
            path=first.path,
            issues=reader.problems,
        )
    if namespaces is not None:
        remember(model, namespaces)
    return model  # type: ignore[no-any-return]


class _Reader:
    """Builds models from JSON values, collecting every problem instead of stopping."""

    def __init__(self) -> None:
        self.problems: list[Issue] = []

    def problem(self, code: str, path: str, message: str) -> None:
        self.problems.append(Issue(code=code, severity=Severity.ERROR, message=message, path=path))

    def build(self, data: Mapping[str, Any], info: ClassInfo, path: str) -> Any:
        values: dict[str, Any] = {}
        for key, raw in data.items():
            field = info.elements.get(key) or info.attributes.get(key)
            if field is None:
                self.problem(
                    "schema.unknown-element",
                    f"{path}/{key}",
                    f"{info.cls.__name__} has no field {key!r}",
                )
                continue
            where = f"{path}/{'@' if field.is_attribute else ''}{key}"
            if field.is_list:
                if not isinstance(raw, list):
                    self.problem(
                        "schema.invalid-value", where, f"expected a list, got {_kind(raw)}"
                    )
                    continue
                values[field.name] = [
                    self.value(item, field, f"{where}[{number}]")
                    for number, item in enumerate(raw, 1)
                ]
            elif raw is not None:
                values[field.name] = self.value(raw, field, where)
        return info.cls(**values)

    def value(self, raw: Any, field: FieldInfo, path: str) -> Any:
        kind = field.kind
        if kind is ValueKind.MODEL:
            if isinstance(raw, Mapping):
                return self.build(raw, class_info(field.value_type), path)
            return self.wrong(path, "an object", raw)
        if kind is ValueKind.STRING:
            return raw if isinstance(raw, str) else self.wrong(path, "a string", raw)
        if kind is ValueKind.BOOLEAN:
            return raw if isinstance(raw, bool) else self.wrong(path, "true or false", raw)
        if kind is ValueKind.INTEGER:
            if isinstance(raw, int) and not isinstance(raw, bool):
                return raw
            return self.wrong(path, "a whole number", raw)
        if kind is ValueKind.DECIMAL:
            if isinstance(raw, Decimal):
                return raw
            if isinstance(raw, int) and not isinstance(raw, bool):
                return Decimal(raw)
            if isinstance(raw, float):
                self.problem(
                    "schema.invalid-value",
                    path,
                    f"{raw!r} is a binary floating-point number: write decimals as strings "
                    "(or read the JSON with from_json, which keeps numbers exact)",
                )
                return None
            if not isinstance(raw, str):
                return self.wrong(path, "a decimal number as a string", raw)
        elif kind is ValueKind.DATETIME and isinstance(raw, XmlDateTime):
            return raw
        elif kind is ValueKind.ENUM and isinstance(raw, enum.Enum):
            if isinstance(raw, field.value_type):
                return raw
            return self.wrong(path, f"a {field.value_type.__name__}", raw)
        if not isinstance(raw, str):
            return self.wrong(path, "a string", raw)
        try:
            return convert_text(raw, field)
        except ValueError:
            if kind is ValueKind.ENUM:
                allowed = ", ".join(member.value for member in field.value_type)
                message = f"{_shorten(raw)!r} is not one of {allowed}"
            elif kind is ValueKind.DATETIME:
                message = f"{_shorten(raw)!r} is not a date and time (2024-01-31T00:00:00)"
            else:
                message = f"{_shorten(raw)!r} is not a decimal number"
            self.problem("schema.invalid-value", path, message)
            return None

    def wrong(self, path: str, expected: str, raw: Any) -> None:
        self.problem("schema.invalid-value", path, f"expected {expected}, got {_kind(raw)}")

    def check_namespaces(self, namespaces: Any, path: str) -> None:
        if not (
            isinstance(namespaces, Mapping)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in namespaces.items())
        ):
            self.wrong(path, "an object of prefix: URI strings", namespaces)
            return
        for prefix, uri in namespaces.items():
            if not _PREFIX.fullmatch(prefix) or prefix.lower().startswith("xml"):
                message = f"{_shorten(prefix)!r} cannot be a namespace prefix"
                self.problem("schema.invalid-value", f"{path}/{prefix}", message)
            elif not uri:
                message = "a prefixed namespace declaration needs a URI"
                self.problem("schema.invalid-value", f"{path}/{prefix}", message)


def _kind(value: Any) -> str:
    """How a JSON value is named in messages."""
    names = {
        type(None): "null",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        Decimal: "a number",
        str: "a string",
        list: "a list",
    }
    if isinstance(value, Mapping):
        return "an object"
    return names.get(type(value), type(value).__name__)


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"
