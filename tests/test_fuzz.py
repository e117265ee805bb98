"""Fuzzing: valid generated documents, mutated, never make ``validate()`` raise.

Documents come from :func:`zynk_sage50.strategies.documents` (valid: zero errors, zero
warnings); :func:`fuzzed_documents` mutates their XML: elements dropped, duplicated, reordered,
renamed, moved, nested deeper, values swapped or replaced, attributes added; then bytes flipped,
cut, repeated or re-encoded and markup injected (DOCTYPEs, entities, XIncludes, CDATA, comments,
control characters). :func:`check_document` is the property: ``validate()`` returns a ``Report``
whose every issue has a catalogue code and a sane shape, and ``loads()`` agrees with it.

The normal suite runs as many examples as the Hypothesis profile says (``HYPOTHESIS_PROFILE``);
``scripts/fuzz.py --examples 100000`` runs the same property for longer.
"""

from __future__ import annotations

import contextlib
import copy
import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import zynk_sage50 as zs
from zynk_sage50 import (
    ForbiddenXmlError,
    MalformedXmlError,
    Report,
    SchemaBindingError,
    Severity,
    TooLargeError,
    ZynkSage50Error,
    loads,
    validate,
)
from zynk_sage50.rules.catalogue import CATALOGUE as RULE_CATALOGUE
from zynk_sage50.strategies import documents

#: Every code the rules declare (docs/rules.md and docs/invoices.md document the same ones, as
#: the catalogue's own test checks).
CATALOGUE = frozenset(RULE_CATALOGUE)

#: What ``loads()`` raising each exception means ``validate()`` reports (alone).
_READING = {
    MalformedXmlError: "xml.malformed",
    ForbiddenXmlError: "xml.forbidden",
    TooLargeError: "xml.too-large",
}


def check_document(data: bytes) -> Report:
    """The property: ``validate()`` returns a sound report and ``loads()`` agrees with it.

    Raises ``AssertionError`` (or whatever ``validate``/``loads`` let escape) when it fails.
    """
    report = validate(data)
    assert isinstance(report, Report)
    codes = {issue.code for issue in report.issues}
    for issue in report.issues:
        assert issue.code in CATALOGUE, f"{issue.code} is not in the catalogue"
        assert isinstance(issue.severity, Severity)
        assert isinstance(issue.message, str)
        assert issue.message.strip(), issue
        assert issue.line is None or issue.line >= 1, issue
        assert issue.path is None or issue.path.startswith("/"), issue
    json.dumps(report.to_dict())  # what the command prints
    reading = {code for code in codes if code.startswith("xml.")}
    if reading:
        assert len(report.issues) == 1, "a file that cannot be read gives one issue"
    refused: ZynkSage50Error | None = None
    try:
        loads(data)
    except ZynkSage50Error as exc:  # anything else escapes and fails the property
        refused = exc
    if refused is None:
        assert not reading, f"load() accepted what validate() reports as {sorted(reading)}"
        schema = sorted(code for code in codes if code.startswith("schema."))
        assert not schema, f"load() accepted what validate() reports as {schema}"
    elif type(refused) in _READING:
        assert codes == {_READING[type(refused)]}, (type(refused).__name__, sorted(codes))
    else:
        assert isinstance(refused, SchemaBindingError), repr(refused)
        assert "xml.wrong-root" in codes or any(c.startswith("schema.") for c in codes), (
            f"load() raised {refused}, validate() gave {sorted(codes)}"
        )
    return report


# --- mutations of the tree --------------------------------------------------------------------

XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: Names worth renaming an element to: the structure's own, near misses, foreign namespaces.
NAMES = (
    "Company",
    "Transactions",
    "Transaction",
    "Customers",
    "Customer",
    "Invoices",
    "Invoice",
    "Id",
    "NetAmount",
    "NettAmount",
    "TaxAmount",
    "TransactionType",
    "AccountReference",
    "TransactionDate",
    "DeliveryAddresses",
    "Contact",
    "Country",
    "Disputed",
    "InvoiceItems",
    "Item",
    "QtyOrdered",
    "UnitPrice",
    "InvoiceNumber",
    "InvoiceAddress",
    "Carriage",
    "{http://www.w3.org/2001/XInclude}include",
    "{urn:zynk}NetAmount",
    f"{{{XSI}}}nil",
)
#: Values worth putting into a field.
VALUES = (
    "",
    " ",
    "0",
    "-0",
    "1",
    "-1",
    "0.005",
    "99999999.995",
    "100000000",
    "1E+9",
    "1e309",
    "1E+1000000",
    "NaN",
    "INF",
    "1,000.00",
    "1_000",
    "0x10",
    "9" * 300,
    "0" * 5000 + "1",
    "2019-02-30T00:00:00",
    "2019-05-16",
    "2019-05-16T00:00:00+01:00",
    "2019-05-16T00:00:00.1234567891234",
    "24:00:00",
    "true",
    "false",
    "yes",
    "T1",
    "GB",
    "Germany",
    "ZZ",
    "SalesInvoice",
    "SalesReceipt",
    "JournalDebit",
    "BankTransfer",
    "Update",
    "UnionOSS",
    "DiscountTable",
    "x" * 300,
    "\u00e9\u20ac\U0001f600",
    " padded ",
    "١٢٣",
)
ATTRIBUTES = (
    "RecordOperation",
    f"{{{XSI}}}nil",
    f"{{{XSI}}}type",
    f"{{{XSI}}}schemaLocation",
    "{http://www.w3.org/XML/1998/namespace}lang",
    "foo",
)
Tree = etree._Element
Draw = Callable[..., Any]


def _pick(draw: Draw, elements: list[Tree]) -> Tree | None:
    if not elements:
        return None
    return elements[draw(st.integers(0, len(elements) - 1))]


def _below_root(root: Tree) -> list[Tree]:
    return [element for element in root.iter() if element is not root]


def _leaves(root: Tree) -> list[Tree]:
    return [element for element in root.iter() if not len(element)]


def drop(draw: Draw, root: Tree) -> None:
    element = _pick(draw, _below_root(root))
    if element is not None and element.getparent() is not None:
        element.getparent().remove(element)  # type: ignore[union-attr]


def duplicate(draw: Draw, root: Tree) -> None:
    element = _pick(draw, _below_root(root))
    if element is not None:
        element.addnext(copy.deepcopy(element))


def reorder(draw: Draw, root: Tree) -> None:
    element = _pick(draw, [element for element in root.iter() if len(element) > 1])
    if element is not None:
        children = list(element)
        for child in draw(st.permutations(children)):
            element.append(child)


def rename(draw: Draw, root: Tree) -> None:
    element = _pick(draw, list(root.iter()))
    if element is not None:
        element.tag = draw(
            st.sampled_from(NAMES)
            | st.from_regex(r"[A-Za-z_][A-Za-z0-9_.-]{0,12}", fullmatch=True)
        )


def swap_values(draw: Draw, root: Tree) -> None:
    leaves = _leaves(root)
    first, second = _pick(draw, leaves), _pick(draw, leaves)
    if first is not None and second is not None:
        first.text, second.text = second.text, first.text


def set_value(draw: Draw, root: Tree) -> None:
    element = _pick(draw, _leaves(root))
    if element is not None:
        text = draw(
            st.sampled_from(VALUES)
            | st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40)
        )
        with contextlib.suppress(ValueError):  # a character lxml refuses: bytes mutations do
            element.text = text


def move(draw: Draw, root: Tree) -> None:
    element, target = _pick(draw, _below_root(root)), _pick(draw, list(root.iter()))
    if element is None or target is None:
        return
    if target is element or element in target.iterancestors():
        return
    target.append(element)


def add_attribute(draw: Draw, root: Tree) -> None:
    element = _pick(draw, list(root.iter()))
    if element is not None:
        element.set(
            draw(st.sampled_from(ATTRIBUTES)),
            draw(st.sampled_from(("Update", "Insert", "true", "1", "xsd:string", "urn:x y", ""))),
        )


def add_element(draw: Draw, root: Tree) -> None:
    parent = _pick(draw, list(root.iter()))
    if parent is not None:
        child = etree.SubElement(parent, draw(st.sampled_from(NAMES)))
        child.text = draw(st.sampled_from(VALUES))


def nest(draw: Draw, root: Tree) -> None:
    element = _pick(draw, _below_root(root))
    if element is not None:
        inner = element
        for _ in range(draw(st.integers(1, 40))):
            wrapper = etree.Element("Nested")
            inner.addprevious(wrapper)
            wrapper.append(inner)
            inner = wrapper


TREE_MUTATIONS = (
    drop,
    duplicate,
    reorder,
    rename,
    swap_values,
    set_value,
    move,
    add_attribute,
    add_element,
    nest,
)


# --- mutations of the bytes -------------------------------------------------------------------

#: Markup injected at a random place: everything the reader must refuse or survive.
INJECTIONS = (
    b'<!DOCTYPE Company [<!ENTITY a "b">]>',
    b'<!DOCTYPE Company SYSTEM "http://127.0.0.1:9/x.dtd">',
    b'<!ENTITY a SYSTEM "file:///etc/passwd">',
    b"&a;",
    b"&amp;",
    b"&#0;",
    b"&#x1F600;",
    b"&#xD800;",
    b"&",
    b"<",
    b">",
    b'"',
    b"]]>",
    b"<![CDATA[x]]>",
    b"<![CDATA[",
    b"<!-- c -->",
    b"<!--",
    b"<?pi data?>",
    b'<?xml version="1.0"?>',
    b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/>',
    b"<Transaction>",
    b"</Transaction>",
    b"<Transactions/>",
    b"<Company/>",
    b' xsi:nil="true"',
    b' RecordOperation="Update"',
    b"\x00",
    b"\x01",
    b"\x1b",
    b"\x7f",
    b"\xff",
    b"\xc3\x28",
    b"\xef\xbb\xbf",
    b"\xe9",
    b"\r",
    b"\t",
    b"9" * 40,
)


def _position(draw: Draw, data: bytes) -> int:
    return int(draw(st.integers(0, len(data))))


def flip(draw: Draw, data: bytes) -> bytes:
    if not data:
        return data
    at = draw(st.integers(0, len(data) - 1))
    return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]


def truncate(draw: Draw, data: bytes) -> bytes:
    return data[: _position(draw, data)]


def inject(draw: Draw, data: bytes) -> bytes:
    at = _position(draw, data)
    snippet: bytes = draw(st.sampled_from(INJECTIONS) | st.binary(min_size=1, max_size=8))
    return data[:at] + snippet + data[at:]


def cut(draw: Draw, data: bytes) -> bytes:
    start = _position(draw, data)
    return data[:start] + data[start + draw(st.integers(1, 64)) :]


def repeat(draw: Draw, data: bytes) -> bytes:
    start = _position(draw, data)
    end = min(len(data), start + draw(st.integers(1, 200)))
    times: int = draw(st.integers(1, 3))
    return data[:end] + data[start:end] * times + data[end:]


def reencode(draw: Draw, data: bytes) -> bytes:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    encoding = draw(st.sampled_from(("utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252")))
    declared = draw(st.sampled_from(("keep", "match", "utf-8", "utf-16", "ascii")))
    if declared != "keep":
        name = encoding.split("-le")[0].split("-be")[0] if declared == "match" else declared
        text = text.replace('encoding="utf-8"', f'encoding="{name}"', 1)
    return text.encode(encoding, "replace")


BYTE_MUTATIONS = (flip, truncate, inject, cut, repeat, reencode)


@st.composite
def fuzzed_documents(draw: Draw) -> bytes:
    """The XML of a valid generated document, mutated in its tree, in its bytes, or both."""
    company = draw(documents(customers=(0, 2), transactions=(0, 6), invoices=(0, 2)))
    root = etree.fromstring(zs.dumps(company).encode("utf-8"))
    # Most byte mutations make the file unreadable, which stops the check at xml.malformed:
    # half the examples have tree mutations only, so that most reach the schema and the rules.
    mode = draw(st.sampled_from(("tree", "tree", "tree and bytes", "bytes")), label="mode")
    if mode != "bytes":
        for _ in range(draw(st.integers(1, 4), label="tree mutations")):
            draw(st.sampled_from(TREE_MUTATIONS), label="tree mutation")(draw, root)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="utf-8")
    if mode != "tree":
        for _ in range(draw(st.integers(1, 3), label="byte mutations")):
            data = draw(st.sampled_from(BYTE_MUTATIONS), label="byte mutation")(draw, data)
    return data


# --- the tests --------------------------------------------------------------------------------


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(fuzzed_documents())
def test_validate_never_raises_and_speaks_the_catalogue(data: bytes) -> None:
    check_document(data)


def _limit_memory() -> None:  # pragma: no cover - runs in the child process
    import resource  # noqa: PLC0415 - POSIX only, and only the child needs it

    resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))


@settings(max_examples=3, suppress_health_check=list(HealthCheck))
@given(st.lists(fuzzed_documents(), min_size=4, max_size=4))
def test_the_command_on_fuzzed_documents(tmp_path_factory: Any, batch: list[bytes]) -> None:
    """A few mutated documents through the real command: exit 0 or 1, no traceback, and the
    same issues as ``validate()`` in process."""
    directory = tmp_path_factory.mktemp("fuzz")
    paths = []
    for number, data in enumerate(batch):
        path = directory / f"fuzzed-{number}.xml"
        path.write_bytes(data)
        paths.append(path)
    run = subprocess.run(
        [sys.executable, "-m", "zynk_sage50", "validate", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert "Traceback" not in run.stdout + run.stderr
    reports = [validate(data) for data in batch]
    assert run.returncode == (0 if all(report.valid for report in reports) else 1), run.stderr
    files = json.loads(run.stdout)["files"]
    for report, result in zip(reports, files, strict=True):
        assert [issue["code"] for issue in result["issues"]] == list(report.codes)
