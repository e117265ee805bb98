"""The namespace declarations a loaded document's root carried, so that writing keeps them.

The generated ``Company`` class has no field for them, and attrs instances with ``eq`` are
unhashable, so they are remembered here by object identity for as long as the object lives.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from typing import Any

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XSD = "http://www.w3.org/2001/XMLSchema"
#: What a new document declares: the .NET serializer's pair that Zynk itself writes.
DEFAULT_NAMESPACES: Mapping[str, str] = {"xsi": XSI, "xsd": XSD}

_remembered: dict[int, tuple[weakref.ref[Any], dict[str, str]]] = {}


def remember(company: Any, namespaces: Mapping[str | None, str]) -> None:
    """Record the prefixed declarations of ``company``'s source root."""
    key = id(company)
    declared = {prefix: uri for prefix, uri in namespaces.items() if prefix}
    _remembered[key] = (weakref.ref(company, lambda _ref: _remembered.pop(key, None)), declared)


def namespaces_of(company: Any) -> Mapping[str, str]:
    """The declarations to write for ``company``: its source's, or the defaults for a new one."""
    entry = _remembered.get(id(company))
    if entry is not None and entry[0]() is company:
        return entry[1]
    return DEFAULT_NAMESPACES
