"""Our binder agrees with xsdata's own parser on every conformance sample that loads.

The one difference is ``xsi:nil`` on an element whose type is a *named* simple type (``Money``,
``DateTime``, ``TaxCode``, ``Int8Digits``...): the XSD declares these elements
``nillable="true"``, but xsdata 26.10's code generator drops ``nillable`` when it copies the
restrictions of a named simple type onto the element (``Restrictions.merge`` does not carry it),
so the generated field metadata has no ``"nillable": True``. xsdata's parser then ignores the
``xsi:nil`` and, finding no text, binds ``''`` into a ``Decimal``/``XmlDateTime``/``int`` field.
Our binder reads nil as ``None`` (decision 4). Fields typed with a built-in type
(``xs:boolean``) keep their metadata, and there both parsers give ``None``.

The test requires exact equality everywhere else, and requires the differences to be exactly
the nil elements whose field metadata lacks ``nillable`` (each declared nillable in the XSD).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

import attr
import pytest
from hypothesis import given
from lxml import etree
from xsdata.formats.dataclass.context import XmlContext
from xsdata.formats.dataclass.parsers import XmlParser
from xsdata.formats.dataclass.parsers.config import ParserConfig
from xsdata.formats.dataclass.parsers.handlers import LxmlEventHandler

from tests import model_strategies as ms
from tests.conftest import ManifestRow, loadable_rows
from zynk_sage50 import Company, dumps, load
from zynk_sage50.modelinfo import FieldInfo, ValueKind, class_info
from zynk_sage50.schema import schema_dir

XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
XS = "{http://www.w3.org/2001/XMLSchema}"
LOADABLE = loadable_rows()


@cache
def _context() -> XmlContext:
    return XmlContext(class_type="attrs")  # provided by the xsdata-attrs plugin


def xsdata_parse(data: bytes) -> Company:
    parser = XmlParser(
        context=_context(),
        config=ParserConfig(fail_on_unknown_properties=True, fail_on_converter_warnings=True),
        handler=LxmlEventHandler,
    )
    return parser.from_bytes(data, Company)


class Difference(NamedTuple):
    xml_path: str  # relative to the root: Transactions/Transaction[1]/PostedDate
    ours: Any
    theirs: Any


def differences(ours: Any, theirs: Any, path: str = "") -> Iterator[Difference]:
    """Every leaf where the two models differ, named by its XML path."""
    if attr.has(type(ours)):
        if type(theirs) is not type(ours):
            yield Difference(path, ours, theirs)
            return
        for field in class_info(type(ours)).fields:
            step = f"@{field.xml_name}" if field.is_attribute else field.xml_name
            child = f"{path}/{step}" if path else step
            mine, other = getattr(ours, field.name), getattr(theirs, field.name)
            if field.is_list:
                if len(mine) != len(other):
                    yield Difference(child, mine, other)
                    continue
                for index, (item, other_item) in enumerate(zip(mine, other, strict=True), 1):
                    yield from differences(item, other_item, f"{child}[{index}]")
            else:
                yield from differences(mine, other, child)
        return
    # Equal values of related types (LexicalDateTime is an XmlDateTime); '' is not None.
    related = isinstance(ours, type(theirs)) or isinstance(theirs, type(ours))
    if ours != theirs or not related:
        yield Difference(path, ours, theirs)


def field_at(xml_path: str) -> tuple[type[Any], FieldInfo]:
    """The generated class and field behind an element path such as ``A/B[2]/C``."""
    cls: type[Any] = Company
    field: FieldInfo | None = None
    steps = xml_path.split("/")
    for number, step in enumerate(steps):
        field = class_info(cls).elements[re.sub(r"\[\d+\]$", "", step)]
        if number < len(steps) - 1:
            assert field.kind is ValueKind.MODEL
            cls = field.value_type
    assert field is not None
    return cls, field


def element_path(element: etree._Element, root: etree._Element) -> str:
    """``element``'s path as :func:`differences` names it (list items indexed from 1)."""
    chain = []
    node: etree._Element | None = element
    while node is not None and node is not root:
        chain.append(node)
        node = node.getparent()
    cls: type[Any] = Company
    steps = []
    for node in reversed(chain):
        field = class_info(cls).elements[str(node.tag)]
        step = str(node.tag)
        if field.is_list:
            parent = node.getparent()
            assert parent is not None
            siblings = [sibling for sibling in parent if sibling.tag == node.tag]
            step += f"[{siblings.index(node) + 1}]"
        steps.append(step)
        if field.kind is ValueKind.MODEL:
            cls = field.value_type
    return "/".join(steps)


def nil_paths(data: bytes) -> list[str]:
    """The paths of every ``xsi:nil="true"`` element of a document."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    return [
        element_path(element, root)
        for element in root.iter(etree.Element)
        if element.get(XSI_NIL, "").strip() in ("true", "1")
    ]


@cache
def xsd_nillable(type_name: str, element_name: str) -> bool:
    """Whether the XSD declares ``element_name`` in complex type ``type_name`` nillable."""
    for xsd in schema_dir().glob("*.xsd"):
        tree = etree.parse(str(xsd), etree.XMLParser(resolve_entities=False, no_network=True))
        found = tree.xpath(
            f"//xs:complexType[@name='{type_name}']//xs:element[@name='{element_name}']",
            namespaces={"xs": XS[1:-1]},
        )
        if found:
            return found[0].get("nillable") == "true"
    raise AssertionError(f"{type_name}/{element_name} is not in the XSD")


@pytest.mark.parametrize("row", LOADABLE, ids=[row.file for row in LOADABLE])
def test_xsdata_parser_gives_the_same_model(row: ManifestRow) -> None:
    data = row.path.read_bytes()
    ours = load(row.path)
    theirs = xsdata_parse(data)

    found = {difference.xml_path: difference for difference in differences(ours, theirs)}
    expected = set()
    for path in nil_paths(data):
        cls, field = field_at(path)
        assert xsd_nillable(cls.__name__, field.xml_name), f"{path} is nil but not nillable"
        if not field.metadata.get("nillable"):
            expected.add(path)  # xsdata binds '' here (see the module docstring)
    assert set(found) == expected, {path: found[path] for path in set(found) ^ expected}
    for path in expected:
        assert found[path].ours is None, path
        assert found[path].theirs == "", path
    if not expected:
        # Company.namespaces is not XML content to xsdata's parser (it keeps the default).
        assert attr.evolve(theirs, namespaces=ours.namespaces) == ours


def test_the_known_difference_is_real() -> None:
    """The export sample has both kinds of nil: one each side of the xsdata codegen gap."""
    row = next(row for row in LOADABLE if row.file.startswith("exporting-transactions"))
    data = row.path.read_bytes()
    transaction = xsdata_parse(data).transactions.transaction[0]  # type: ignore[union-attr]
    ours = load(row.path).transactions.transaction[0]  # type: ignore[union-attr]
    assert b'<PostedDate xsi:nil="true"' in data
    assert transaction.posted_date == ""  # xsdata: '' in an XmlDateTime field
    assert ours.posted_date is None
    assert b'<VatInclusive xsi:nil="true"' in data
    assert transaction.vat_inclusive is None  # xs:boolean kept its nillable metadata
    assert ours.vat_inclusive is None


@given(ms.documents())
def test_xsdata_reads_what_we_write(company: Company) -> None:
    written = dumps(company).encode("utf-8")
    theirs = xsdata_parse(written)
    assert list(differences(company, theirs)) == []
