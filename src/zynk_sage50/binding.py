"""Bind a schema-checked lxml tree to the generated attrs classes.

Driven by :mod:`.modelinfo`; runs after the XSD check, so a failure here means the tree and the
models disagree (an element or value the schema let through but the models cannot hold), which
is reported as ``SchemaBindingError`` naming the element and line, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attr
from lxml import etree

from .datetimes import LexicalDateTime
from .errors import SchemaBindingError, TooLargeError
from .limits import DEFAULT_LIMITS, Limits
from .modelinfo import ClassInfo, FieldInfo, ValueKind, class_info

T = TypeVar("T")


def _info(cls: type[Any]) -> ClassInfo:
    return class_info(cls)


XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
_TRUE = frozenset({"true", "1"})


def is_nil(element: etree._Element) -> bool:
    """``xsi:nil="true"`` (the importer reads it as absent)."""
    value = element.get(XSI_NIL)
    return value is not None and value.strip() in _TRUE


#: Parsed datetimes by their text: a document repeats a few dates thousands of times, and the
#: values are immutable, so they are shared (bounded, so a hostile file cannot grow it forever).
_DATETIMES: dict[str, LexicalDateTime] = {}
_DATETIME_CACHE_SIZE = 4096


#: More fraction digits than xsdata's parser takes (nanoseconds): ``xs:dateTime`` allows any.
_LONG_FRACTION = re.compile(r"(\.[0-9]{9})[0-9]+")


def _datetime(text: str) -> LexicalDateTime:
    value = _DATETIMES.get(text)
    if value is None:
        try:
            value = LexicalDateTime(text)
        except ValueError:
            # A schema-valid fraction of more than 9 digits: compare to the nanosecond, keep
            # (and write back) the text as read.
            shorter = _LONG_FRACTION.sub(r"\1", text, count=1)
            if shorter == text:
                raise
            value = LexicalDateTime(shorter)
            value.lexical = text
        if len(_DATETIMES) < _DATETIME_CACHE_SIZE:
            _DATETIMES[text] = value
    return value


#: The largest power of ten accepted in exponent notation (``1E+9``, bound leniently only).
_MAX_EXPONENT = 1000


def _decimal(text: str, field: FieldInfo) -> Decimal:
    stripped = text.strip()
    try:
        value = Decimal(stripped)
    except InvalidOperation:
        raise ValueError(f"{stripped!r} is not a decimal number") from None
    if not value.is_finite():
        raise ValueError(f"{stripped!r} is not a finite decimal number")
    if value and abs(value.adjusted()) > _MAX_EXPONENT and ("e" in stripped or "E" in stripped):
        # 1E+1000000 is not an xs:decimal (no exponents), but validation binds it leniently
        # for the rules, whose decimal arithmetic would raise Overflow on it.
        raise ValueError(f"{stripped[:40]!r} is not a decimal number")
    return value


_LEADING_ZEROS = re.compile(r"([+-]?)0+([0-9]+)")


def _integer(text: str, field: FieldInfo) -> int:
    stripped = text.strip()
    try:
        return int(stripped)
    except ValueError:
        # ``0000...01`` is a valid xs:int: its zeros alone can pass Python's limit on the
        # digits int() converts (4,300), which must not turn a valid value into an error.
        match = _LEADING_ZEROS.fullmatch(stripped)
        if match is None:
            raise
        return int(match.group(1) + match.group(2))


_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


def _boolean(text: str, field: FieldInfo) -> bool:
    value = _BOOLEANS.get(text.strip())
    if value is None:
        raise ValueError(f"{text.strip()!r} is not true, false, 1 or 0")
    return value


def _enum(text: str, field: FieldInfo) -> Any:
    return field.value_type(text)


def _unconvertible(text: str, field: FieldInfo) -> Any:
    raise ValueError(f"cannot convert text to {field.value_type!r}")


#: How the text of each kind of leaf becomes its value (ValueError when it cannot).
_CONVERTERS: dict[ValueKind, Callable[[str, FieldInfo], Any]] = {
    ValueKind.STRING: lambda text, field: text,
    ValueKind.DECIMAL: _decimal,
    ValueKind.INTEGER: _integer,
    ValueKind.BOOLEAN: _boolean,
    ValueKind.DATETIME: lambda text, field: _datetime(text.strip()),
    ValueKind.ENUM: _enum,
    ValueKind.MODEL: _unconvertible,
}


def convert_text(text: str, field: FieldInfo) -> Any:
    """Turn an element's text into the field's Python value (raises ValueError if it can't)."""
    return _CONVERTERS[field.kind](text, field)


#: More attributes than this on one element are listed through XPath: lxml's ``attrib.items()``
#: looks each value up from the start of the list, quadratic in the number of attributes (a
#: record with 100,000 attributes took 20 s).
_MANY_ATTRIBUTES = 16
_ALL_ATTRIBUTES = etree.XPath("@*")


def attribute_items(element: etree._Element) -> list[tuple[str, str]]:
    """The (Clark name, value) pairs of ``element``'s attributes, in linear time."""
    attrib = element.attrib
    if len(attrib) <= _MANY_ATTRIBUTES:
        return [(str(name), str(value)) for name, value in attrib.items()]
    found = _ALL_ATTRIBUTES(element)
    assert isinstance(found, list)
    return [(str(value.attrname), str(value)) for value in found]


@attr.s(frozen=True, slots=True, auto_attribs=True)
class _Slot:
    """How one child element of a class is bound, worked out once per class."""

    name: str
    convert: Callable[[str, FieldInfo], Any]
    field: FieldInfo
    is_list: bool
    model: type[Any] | None


_PLANS: dict[type[Any], dict[str, _Slot]] = {}


def _plan(cls: type[Any]) -> dict[str, _Slot]:
    """Each child element name of ``cls`` and how to bind it (cached per class)."""
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = {
            field.xml_name: _Slot(
                name=field.name,
                convert=_CONVERTERS[field.kind],
                field=field,
                is_list=field.is_list,
                model=field.value_type if field.kind is ValueKind.MODEL else None,
            )
            for field in class_info(cls).fields
            if not field.is_attribute
        }
    return plan


class Binder:
    """Builds model objects from elements; counts records against the limits."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self.records = 0

    def _fail(self, element: etree._Element, message: str) -> SchemaBindingError:
        path = element.getroottree().getpath(element)
        return SchemaBindingError(
            f"{path} (line {element.sourceline}): {message}",
            line=element.sourceline,
            path=path,
        )

    def _leaf(self, element: etree._Element, field: FieldInfo) -> Any:
        nil = element.get(XSI_NIL)
        if nil is not None and nil.strip() in _TRUE:
            return None
        if field.kind is ValueKind.MODEL:
            return self.bind(element, field.value_type)
        if len(element):
            raise self._fail(element, f"{field.xml_name} holds elements, not a value")
        text = element.text or ""
        if len(text) > self.limits.max_text_length:
            raise TooLargeError(
                f"{field.xml_name} holds {len(text):,} characters, more than the limit of "
                f"{self.limits.max_text_length:,} (Limits.max_text_length)",
                limit="max_text_length",
                line=element.sourceline,
            )
        try:
            return _CONVERTERS[field.kind](text, field)
        except ValueError as exc:
            raise self._fail(element, f"invalid {field.xml_name}: {exc}") from None

    def bind_checked(self, element: etree._Element, cls: type[T]) -> T:
        """Bind an element that passed the XSD: the fast path of :meth:`bind`.

        The schema has already ruled out unknown, repeated and mixed content, so only values
        are converted (the text limit is still applied).
        """
        plan = _plan(cls)
        values: dict[str, Any] = {}
        limit = self.limits.max_text_length
        for name, raw in attribute_items(element):
            if name != XSI_NIL:
                attribute = _info(cls).attributes.get(name)
                if attribute is None:  # an xsi: hint the XSD allows but the models cannot hold
                    return self.bind(element, cls)
                try:
                    values[attribute.name] = convert_text(raw, attribute)
                except ValueError:
                    return self.bind(element, cls)  # raises SchemaBindingError naming it
        for child in element:
            slot = plan[child.tag]  # type: ignore[index]
            nil = child.get(XSI_NIL)
            if nil is not None and nil.strip() in _TRUE:
                value: Any = None
            elif slot.model is not None:
                value = self.bind_checked(child, slot.model)
            else:
                text = child.text or ""
                if len(text) > limit:
                    return self.bind(element, cls)  # reports the limit with its line
                try:
                    value = slot.convert(text, slot.field)
                except ValueError:
                    # The schema passed a value the converter refuses: never a bare
                    # ValueError from a checked record, always the element and its line.
                    return self.bind(element, cls)
            if slot.is_list:
                values.setdefault(slot.name, []).append(value)
            else:
                values[slot.name] = value
        return cls(**values)

    def bind(self, element: etree._Element, cls: type[T]) -> T:
        """Bind ``element`` to a new instance of ``cls``; unknown content raises."""
        info: ClassInfo = _info(cls)
        values: dict[str, Any] = {}
        for name, raw in attribute_items(element):
            attribute = info.attributes.get(name)
            if attribute is not None:
                try:
                    values[attribute.name] = convert_text(raw, attribute)
                except ValueError as exc:
                    raise self._fail(element, f"invalid attribute {name}: {exc}") from None
            elif name != XSI_NIL:
                raise self._fail(element, f"unknown attribute {name!r}")
        if (element.text or "").strip():
            raise self._fail(element, f"text is not allowed directly inside {element.tag!s}")
        for child in element:
            tag = child.tag
            field = info.elements.get(tag) if isinstance(tag, str) else None
            if field is None:
                raise self._fail(child, f"unknown element {tag!r} in {element.tag!s}")
            if (child.tail or "").strip():
                raise self._fail(child, f"text is not allowed directly inside {element.tag!s}")
            value = self._leaf(child, field)
            if field.is_list:
                values.setdefault(field.name, []).append(value)
                if field.kind is ValueKind.MODEL:
                    self._count(child)
            elif field.name in values:
                raise self._fail(child, f"{tag!s} is given more than once")
            else:
                values[field.name] = value
        return cls(**values)

    def bind_lenient(
        self, element: etree._Element, cls: type[T]
    ) -> tuple[T, dict[str, int], frozenset[str]]:
        """Bind what can be bound of a record that may have failed the schema.

        Returns the instance, the line of each bound child element by name, and the names of
        children that could not be bound (already reported by the schema check). Used by
        validation, so that a record with one bad field is still checked by the rules.
        """
        info: ClassInfo = _info(cls)
        values: dict[str, Any] = {}
        lines: dict[str, int] = {}
        invalid: set[str] = set()
        for name, raw in attribute_items(element):
            attribute = info.attributes.get(name)
            if attribute is not None:
                try:
                    values[attribute.name] = convert_text(raw, attribute)
                except ValueError:
                    invalid.add(name)
        for child in element:
            tag = child.tag
            field = info.elements.get(tag) if isinstance(tag, str) else None
            if field is None or (field.name in values and not field.is_list):
                continue
            try:
                value = self._leaf(child, field)
            except SchemaBindingError:
                if field.kind is not ValueKind.MODEL:
                    invalid.add(field.xml_name)
                    continue
                value, _, _ = self.bind_lenient(child, field.value_type)
            if field.is_list:
                values.setdefault(field.name, []).append(value)
            else:
                values[field.name] = value
                lines[field.xml_name] = child.sourceline or 0
        return cls(**values), lines, frozenset(invalid)

    def _count(self, element: etree._Element) -> None:
        self.records += 1
        if self.records > self.limits.max_records:
            raise TooLargeError(
                f"the document has more than {self.limits.max_records:,} records "
                "(Limits.max_records)",
                limit="max_records",
                line=element.sourceline,
            )
