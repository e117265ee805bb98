"""``load`` and ``loads``: hardened parse, XSD check, then binding to the generated models."""

from __future__ import annotations

from lxml import etree

from .binding import Binder
from .errors import SchemaBindingError
from .limits import DEFAULT_LIMITS, Limits
from .models import Company
from .namespaces import remember
from .parsing import Source, parse_tree, read_bytes
from .schema_check import check_schema


def check_root(root: etree._Element) -> str | None:
    """Why ``root`` is not a ``Company`` root without a namespace, or None if it is."""
    if root.tag == "Company":
        return None
    name = etree.QName(root)
    if name.localname == "Company":
        return (
            f"the root element Company is in the namespace {name.namespace!r}; "
            "it must have none"
        )
    return f"the root element is {name.localname}, not Company"


def company_from_tree(root: etree._Element, limits: Limits = DEFAULT_LIMITS) -> Company:
    """Check a parsed tree against the XSD and bind it; raises ``SchemaBindingError``."""
    wrong = check_root(root)
    if wrong:
        raise SchemaBindingError(wrong, line=root.sourceline, path=None)
    issues = check_schema(root)
    if issues:
        first = issues[0]
        more = f" (and {len(issues) - 1} more schema problems)" if len(issues) > 1 else ""
        raise SchemaBindingError(
            f"line {first.line}: {first.message}{more}",
            line=first.line,
            path=first.path,
            issues=issues,
        )
    company = Binder(limits).bind(root, Company)
    remember(company, root.nsmap)
    return company


def loads(data: bytes | str, *, limits: Limits = DEFAULT_LIMITS) -> Company:
    """Read a ``Company`` document from bytes or text.

    Raises ``MalformedXmlError``, ``ForbiddenXmlError``, ``TooLargeError`` or
    ``SchemaBindingError`` (all ``ZynkSage50Error``); the XML is never recovered or guessed at.
    """
    if isinstance(data, (bytes, bytearray)):
        data = read_bytes(bytes(data), limits)
    elif not isinstance(data, str):
        raise TypeError(f"loads() takes bytes or str, not {type(data).__name__}")
    return company_from_tree(parse_tree(data, limits), limits)


def load(source: Source, *, limits: Limits = DEFAULT_LIMITS) -> Company:
    """Read a ``Company`` document from a path or a binary file object (see :func:`loads`)."""
    if isinstance(source, (bytes, bytearray)):
        raise TypeError("load() takes a path or a binary file; use loads() for bytes")
    return company_from_tree(parse_tree(read_bytes(source, limits), limits), limits)
