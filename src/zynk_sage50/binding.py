"""Bind a schema-checked lxml tree to the generated attrs classes.

Driven by :mod:`.modelinfo`; runs after the XSD check, so a failure here means the tree and the
models disagree (an element or value the schema let through but the models cannot hold), which
is reported as ``SchemaBindingError`` naming the element and line, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attr
from lxml import etree

from .converters import CONVERTERS, convert_text, read_datetime
from .datetimes import LexicalDateTime
from .errors import SchemaBindingError, TooLargeError
from .limits import DEFAULT_LIMITS, Limits
from .modelinfo import FieldInfo, ValueKind, class_info

T = TypeVar("T")


XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
_TRUE = frozenset({"true", "1"})


def is_nil(element: etree._Element) -> bool:
    """``xsi:nil="true"`` (the importer reads it as absent)."""
    value = element.get(XSI_NIL)
    return value is not None and value.strip() in _TRUE


_DATE_CACHE_SIZE = 4096


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
    is_datetime: bool
    is_string: bool


_PLANS: dict[type[Any], dict[str, _Slot]] = {}


def _plan(cls: type[Any]) -> dict[str, _Slot]:
    """Each child element name of ``cls`` and how to bind it (cached per class)."""
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = {
            field.xml_name: _Slot(
                name=field.name,
                convert=CONVERTERS[field.kind].read,
                field=field,
                is_list=field.is_list,
                model=field.value_type if field.kind is ValueKind.MODEL else None,
                is_datetime=field.kind is ValueKind.DATETIME,
                is_string=field.kind is ValueKind.STRING,
            )
            for field in class_info(cls).fields
            if not field.is_attribute
        }
    return plan


@attr.s(slots=True, auto_attribs=True)
class Bound:
    """What a lenient bind found beside the values: each bound child's line (by element name,
    first occurrence) and the names of children whose value could not be bound."""

    lines: dict[str, int] = attr.ib(factory=dict)
    invalid: set[str] = attr.ib(factory=set)


class Binder:
    """Builds model objects from elements in one walk, strict or lenient.

    Strict (``bind``): anything the models cannot hold raises ``SchemaBindingError`` naming
    the element and line. Lenient (``bind_lenient``, for validation): unknown content is
    skipped and bad values are left out and named, so a record with one bad field is still
    checked by the rules (its problems are reported by the schema check). ``checked=True``
    says the element already passed the XSD, so structure need not be looked at again.
    """

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        #: Dates already parsed in this document (a document repeats a few dates thousands of
        #: times). Values are immutable; the cache lives and dies with one read.
        self._dates: dict[str, LexicalDateTime] = {}

    def _datetime(self, text: str) -> LexicalDateTime:
        value = self._dates.get(text)
        if value is None:
            value = read_datetime(text)
            if len(self._dates) < _DATE_CACHE_SIZE:
                self._dates[text] = value
        return value

    def _fail(self, element: etree._Element, message: str) -> SchemaBindingError:
        path = element.getroottree().getpath(element)
        return SchemaBindingError(
            f"{path} (line {element.sourceline}): {message}",
            line=element.sourceline,
            path=path,
        )

    def bind(self, element: etree._Element, cls: type[T], *, checked: bool = False) -> T:
        """Bind ``element`` to a new instance of ``cls``; anything unbindable raises.

        ``checked``: the element passed the XSD, so its structure is known to fit and only
        values are converted (the common case, kept short); a value the converters refuse
        falls back to the full walk, which names it.
        """
        if checked:
            try:
                return self._values_only(element, cls)
            except (ValueError, KeyError, TypeError):
                pass
        return self._walk(element, cls, None, checked=checked)

    def _values_only(self, element: etree._Element, cls: type[T]) -> T:
        plan = _plan(cls)
        values: dict[str, Any] = {}
        if len(element.attrib):
            self._attributes(element, cls, values, None)
        limit = self.limits.max_text_length
        for child in element:
            slot = plan[child.tag]  # type: ignore[index]
            nil = child.get(XSI_NIL)
            if nil is not None and nil.strip() in _TRUE:
                value: Any = None
            elif slot.model is not None:
                value = self._values_only(child, slot.model)
            else:
                text = child.text or ""
                if len(text) > limit:
                    raise ValueError("over the text limit: the full walk reports it")
                if slot.is_string:
                    value = text
                elif slot.is_datetime:
                    value = self._datetime(text)
                else:
                    value = slot.convert(text, slot.field)
            if slot.is_list:
                values.setdefault(slot.name, []).append(value)
            else:
                values[slot.name] = value
        return cls(**values)

    def bind_lenient(self, element: etree._Element, cls: type[T]) -> tuple[T, Bound]:
        """Bind what can be bound of a record that may have failed the schema."""
        found = Bound()
        return self._walk(element, cls, found, checked=False), found

    def _walk(
        self, element: etree._Element, cls: type[T], found: Bound | None, *, checked: bool
    ) -> T:
        plan = _plan(cls)
        values: dict[str, Any] = {}
        if len(element.attrib):
            self._attributes(element, cls, values, found)
        if not checked and found is None and (element.text or "").strip():
            raise self._fail(element, f"text is not allowed directly inside {element.tag!s}")
        limit = self.limits.max_text_length
        for child in element:
            slot = plan.get(child.tag)  # type: ignore[arg-type]
            if slot is None:
                if found is not None:
                    continue
                raise self._fail(child, f"unknown element {child.tag!r} in {element.tag!s}")
            if not slot.is_list and slot.name in values:
                if found is not None:
                    continue
                raise self._fail(child, f"{child.tag!s} is given more than once")
            if not checked and found is None and (child.tail or "").strip():
                raise self._fail(child, f"text is not allowed directly inside {element.tag!s}")
            nil = child.get(XSI_NIL)
            if nil is not None and nil.strip() in _TRUE:
                value: Any = None
            elif slot.model is not None:
                value = self._walk(
                    child, slot.model, Bound() if found is not None else None, checked=checked
                )
            elif len(child):
                if found is not None:
                    found.invalid.add(slot.field.xml_name)
                    continue
                raise self._fail(child, f"{slot.field.xml_name} holds elements, not a value")
            else:
                text = child.text or ""
                if len(text) > limit:
                    raise TooLargeError(
                        f"{slot.field.xml_name} holds {len(text):,} characters, more than the "
                        f"limit of {limit:,} (Limits.max_text_length)",
                        limit="max_text_length",
                        line=child.sourceline,
                    )
                try:
                    if slot.is_datetime:
                        value = self._datetime(text)
                    else:
                        value = slot.convert(text, slot.field)
                except ValueError as exc:
                    if found is not None:
                        found.invalid.add(slot.field.xml_name)
                        continue
                    raise self._fail(child, f"invalid {slot.field.xml_name}: {exc}") from None
            if slot.is_list:
                values.setdefault(slot.name, []).append(value)
            else:
                values[slot.name] = value
                if found is not None:
                    found.lines[slot.field.xml_name] = child.sourceline or 0
        return cls(**values)

    def _attributes(
        self, element: etree._Element, cls: type[Any], values: dict[str, Any], found: Bound | None
    ) -> None:
        known = class_info(cls).attributes
        for name, raw in attribute_items(element):
            attribute = known.get(name)
            if attribute is None:
                if name == XSI_NIL or found is not None:
                    continue
                raise self._fail(element, f"unknown attribute {name!r}")
            try:
                values[attribute.name] = convert_text(raw, attribute)
            except ValueError as exc:
                if found is not None:
                    found.invalid.add(name)
                    continue
                raise self._fail(element, f"invalid attribute {name}: {exc}") from None
