"""Locating records in a document: element paths, record references and their lines."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from lxml import etree

from .issues import RecordRef
from .models import Customer, Invoice, Transaction

#: The collections of a Company and the record element each holds.
COLLECTIONS = {"Customers": "Customer", "Invoices": "Invoice", "Transactions": "Transaction"}
#: The generated class of each record element.
RECORD_CLASSES: dict[str, type[Customer | Invoice | Transaction]] = {
    "Transaction": Transaction,
    "Customer": Customer,
    "Invoice": Invoice,
}
#: Elements whose children are the items of a list: each item's path step is always indexed.
LIST_WRAPPERS = frozenset(
    {
        "Customers",
        "Transactions",
        "Banks",
        "Contacts",
        "DeliveryAddresses",
        "AnalysisCodes",
        "Invoices",
        "InvoiceItems",
    }
)
_RECORD_PATH = re.compile(r"^/Company/(\w+)(?:\[\d+\])?/(\w+)(?:\[(\d+)\])?")


def record_ref_for_path(path: str | None, root: etree._Element | None = None) -> RecordRef | None:
    """The record a path like ``/Company/Transactions/Transaction[3]/NetAmount`` is inside."""
    if not path:
        return None
    match = _RECORD_PATH.match(path)
    if not match or COLLECTIONS.get(match.group(1)) != match.group(2):
        return None
    index = int(match.group(3) or 1)
    record_id = None
    if root is not None:
        found = root.xpath(match.group(0))
        if found:
            record_id = record_id_of(found[0])
    return RecordRef(kind=match.group(2), index=index, id=record_id)


def child_steps(parent: etree._Element) -> dict[etree._Element, str | None]:
    """The path step of each child element of ``parent``: ``Country``, or ``Contact[2]`` for an
    item of a list (always indexed) or a name its siblings share; None for an element in a
    namespace. One pass over the children: the one place path steps are worked out."""
    children = [child for child in parent if isinstance(child.tag, str)]
    totals = Counter(str(child.tag) for child in children)
    seen: Counter[str] = Counter()
    wrapper = parent.tag in LIST_WRAPPERS
    steps: dict[etree._Element, str | None] = {}
    for child in children:
        tag = str(child.tag)
        if tag.startswith("{"):
            steps[child] = None
            continue
        seen[tag] += 1
        steps[child] = f"{tag}[{seen[tag]}]" if wrapper or totals[tag] > 1 else tag
    return steps


def element_path(
    element: etree._Element,
    steps_of: Callable[[etree._Element], dict[etree._Element, str | None]] = child_steps,
) -> str:
    """``/Company/Transactions/Transaction[1]/NetAmount``: like lxml's ``getpath``, but an item
    of a list (a Transaction, a Customer, a DeliveryAddresses Contact...) is always indexed,
    even when it is the only one, so that every issue about a record has the same path form.

    Other steps are indexed only when siblings share the name (a repeated element). Elements in
    a namespace fall back to ``getpath``. ``steps_of`` may cache :func:`child_steps` per parent.
    """
    relative = relative_path(element, None, steps_of)
    if relative is None:
        return str(element.getroottree().getpath(element))
    return "/" + relative


def relative_path(
    element: etree._Element,
    ancestor: etree._Element | None,
    steps_of: Callable[[etree._Element], dict[etree._Element, str | None]] = child_steps,
) -> str | None:
    """The path of ``element`` below ``ancestor`` (``DeliveryAddresses/Contact[1]/Country``),
    in the form of :func:`element_path`; below the root when ``ancestor`` is None. None for an
    element in a namespace."""
    parts: list[str] = []
    node = element
    parent = node.getparent()
    while parent is not None and node is not ancestor:
        step = steps_of(parent).get(node)
        if step is None:
            return None
        parts.append(step)
        node, parent = parent, parent.getparent()
    if parent is None and node is not ancestor:
        tag = node.tag
        if not isinstance(tag, str) or tag.startswith("{"):
            return None
        parts.append(tag)
    return "/".join(reversed(parts))


def record_id_of(element: etree._Element) -> str | None:
    """The text of a record element's ``Id`` child, if it has one."""
    for child in element:
        if child.tag == "Id":
            return (child.text or "").strip() or None
    return None


def record_path(kind: str, index: int) -> str:
    """``/Company/Transactions/Transaction[3]`` for (``Transaction``, 3)."""
    collection = {record: wrapper for wrapper, record in COLLECTIONS.items()}[kind]
    return f"/Company/{collection}/{kind}[{index}]"


def check_root(root: etree._Element) -> str | None:
    """Why ``root`` is not a ``Company`` root without a namespace, or None if it is."""
    if root.tag == "Company":
        return None
    name = etree.QName(root)
    if name.localname == "Company":
        return (
            f"the root element Company is in the namespace {name.namespace!r}; it must have none"
        )
    return f"the root element is {name.localname}, not Company"
