"""Breaking a written document structurally: edits to the lxml tree of what ``dumps`` wrote.

A recipe that needs what a model cannot hold (a value of the wrong type or out of its facets,
an element or attribute the schema does not define, an element twice, a DOCTYPE, another root)
says so as :class:`Change` values: an edit to the element one of its added records is written
as, found by the record's place in the document, never by searching the text. Fields are
named by their Python names and turned into XML names by the models' own metadata
(:mod:`zynk_sage50.modelinfo`), so nothing here knows how the writer indents or orders.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import Any, TypeAlias

import attr
from lxml import etree

from ..modelinfo import FieldInfo, ValueKind, class_info
from ..models import Company, Customer, Invoice, Transaction
from ..writing import dumps

Record: TypeAlias = Transaction | Customer | Invoice
Element: TypeAlias = etree._Element
#: An edit to one element, in place.
Edit: TypeAlias = Callable[[Element], None]
#: A change to the whole document's root; returns the root to write (perhaps a new one).
RootEdit: TypeAlias = Callable[[Element], Element]
#: How the broken tree becomes text, when plain writing is not the point (``xml.*`` codes).
Finish: TypeAlias = Callable[[Element], str]

DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
#: Our own output is read back with nothing resolved or fetched; ignorable whitespace is
#: dropped so that :func:`write` indents added elements like the others.
_PARSER = etree.XMLParser(
    remove_blank_text=True, resolve_entities=False, no_network=True, load_dtd=False
)


@attr.s(frozen=True, slots=True, auto_attribs=True)
class Change:
    """``edit`` applied to the element ``record`` (one of a recipe's added records) is
    written as."""

    record: Record
    edit: Edit


def _field(cls: type[Any], name: str) -> FieldInfo:
    for field in class_info(cls).fields:
        if field.name == name:
            return field
    raise AssertionError(f"{cls.__name__} has no field {name!r}")


def xml_name(cls: type[Any], name: str) -> str:
    """The XML element (or attribute) name of field ``name`` of ``cls``."""
    return _field(cls, name).xml_name


def _descend(element: Element, cls: type[Any], path: Sequence[str]) -> Element:
    """The element of the nested field ``path`` (Python names) below ``element``."""
    for name in path:
        field = _field(cls, name)
        found = element.find(field.xml_name)
        assert found is not None, f"{field.xml_name} is missing: give the field a value first"
        element = found
        if field.kind is ValueKind.MODEL:
            cls = field.value_type
    return element


def set_text(record: Record, *path: str, raw: str) -> Change:
    """Write ``raw`` (any text, escaped as XML) as the value of the field at ``path``, which
    the record must have been given a value for (so that the element is in schema order)."""

    def edit(element: Element) -> None:
        _descend(element, type(record), path).text = raw

    return Change(record, edit)


def append(record: Record, child: Element) -> Change:
    """Add ``child`` as the record's last child element."""

    def edit(element: Element) -> None:
        element.append(child)

    return Change(record, edit)


def set_attribute(record: Record, *path: str, name: str, value: str) -> Change:
    """Give the record's element (or the element of the field at ``path``) an attribute."""

    def edit(element: Element) -> None:
        _descend(element, type(record), path).set(name, value)

    return Change(record, edit)


def repeat(record: Record, field: str) -> Change:
    """Write the element of ``field`` twice, one after the other."""

    def edit(element: Element) -> None:
        original = _descend(element, type(record), (field,))
        original.addnext(copy.deepcopy(original))

    return Change(record, edit)


def nested(names: Sequence[str], text: str) -> Element:
    """Elements nested in each other, ``names[0]`` outermost, ``text`` innermost."""
    outer = etree.Element(names[0])
    inner = outer
    for name in names[1:]:
        inner = etree.SubElement(inner, name)
    inner.text = text
    return outer


def with_entity(record: Record, field: str, before: str, entity: str, after: str) -> Change:
    """Make the field's text ``before`` + a reference to the entity ``entity`` + ``after``."""

    def edit(element: Element) -> None:
        target = _descend(element, type(record), (field,))
        reference = etree.Entity(entity)
        reference.tail = after
        target.text = before
        target.append(reference)

    return Change(record, edit)


def _position(records: Sequence[object], record: object) -> int:
    for index, candidate in enumerate(records):
        if candidate is record:
            return index
    raise AssertionError(f"{type(record).__name__} is not in the document")


def record_element(root: Element, company: Company, record: Record) -> Element:
    """The element ``record`` of ``company`` is written as, by its place in its list."""
    records: Sequence[Record]
    if isinstance(record, Transaction):
        assert company.transactions is not None
        container, records = "transactions", company.transactions.transaction
    elif isinstance(record, Customer):
        assert company.customers is not None
        container, records = "customers", company.customers.customer
    else:
        assert company.invoices is not None
        container, records = "invoices", company.invoices.invoice
    parent = root.find(xml_name(Company, container))
    assert parent is not None
    return parent[_position(records, record)]


def write(root: Element, doctype: str | None = None) -> str:
    """The document's text: the writer's declaration, two-space indentation (a DOCTYPE when
    given)."""
    etree.indent(root, space="  ")
    body = etree.tostring(root, encoding="unicode", doctype=doctype)
    return f"{DECLARATION}{body}\n"


def broken_text(
    company: Company,
    changes: Sequence[Change] = (),
    root_edit: RootEdit | None = None,
    finish: Finish | None = None,
) -> str:
    """``company`` as ``dumps`` writes it, read back as a tree, with ``changes`` and
    ``root_edit`` applied, written by ``finish`` (default :func:`write`). Without changes it is
    exactly what ``dumps`` writes."""
    text = dumps(company)
    if not changes and root_edit is None and finish is None:
        return text
    root = etree.fromstring(text.encode("utf-8"), _PARSER)
    elements = [(record_element(root, company, c.record), c.edit) for c in changes]
    for element, edit in elements:  # located first: an edit may add siblings
        edit(element)
    if root_edit is not None:
        root = root_edit(root)
    return (finish or write)(root)
