"""Locating records in a document: element paths, record references and their lines."""

from __future__ import annotations

import re

from lxml import etree

from .issues import RecordRef

#: The collections of a Company and the record element each holds.
COLLECTIONS = {"Customers": "Customer", "Transactions": "Transaction"}
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
