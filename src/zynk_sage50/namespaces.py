"""The namespace declarations a document's root carries by default."""

from __future__ import annotations

from collections.abc import Mapping

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XSD = "http://www.w3.org/2001/XMLSchema"
#: What a new document declares: the .NET serializer's pair that Zynk itself writes.
DEFAULT_NAMESPACES: Mapping[str, str] = {"xsi": XSI, "xsd": XSD}


def namespaces_of(company: object) -> Mapping[str, str]:
    """The declarations to write for ``company``: its own, or the defaults for a generated
    ``Company`` class instance that has no ``namespaces`` field."""
    declared = getattr(company, "namespaces", None)
    return DEFAULT_NAMESPACES if declared is None else declared


def remember(company: object, namespaces: Mapping[str | None, str]) -> None:
    """Set ``company``'s prefixed declarations (an unprefixed default namespace is dropped:
    a Zynk document has none). Kept for callers written before ``Company.namespaces``."""
    declared = {prefix: uri for prefix, uri in namespaces.items() if prefix}
    object.__setattr__(company, "namespaces", declared)
