"""Resource limits applied to every document read, with defaults that accept any honest file."""

from __future__ import annotations

from typing import Any

import attr


def _count(instance: Any, attribute: attr.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(
            f"Limits.{attribute.name} must be a whole number of 0 or more, not {value!r}"
        )


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class Limits:
    """Bounds on what a document may cost to read; exceeding one is ``xml.too-large``.

    The defaults accept a 1,000,000-transaction export (about 700 MB) while refusing
    documents built to exhaust memory. Pass your own to ``load``/``validate`` to change them,
    e.g. ``validate(path, limits=Limits(max_bytes=4 * 1024**3))``. See ``docs/security.md``.
    """

    #: Largest input accepted, in bytes.
    max_bytes: int = attr.ib(default=2 * 1024**3, validator=_count)
    #: Deepest element nesting accepted (a Zynk document needs 6; libxml2 stops at 256).
    max_depth: int = attr.ib(default=32, validator=_count)
    #: Longest text or attribute value of one element, in characters (libxml2 stops at
    #: 10,000,000 bytes whatever this says).
    max_text_length: int = attr.ib(default=1_000_000, validator=_count)
    #: Most records (customers plus transactions) in one document.
    max_records: int = attr.ib(default=5_000_000, validator=_count)
    #: Most namespace declarations in scope at a record collection (a Zynk document declares
    #: two, ``xsi`` and ``xsd``): each record check copies them, so thousands cost quadratic time.
    max_namespaces: int = attr.ib(default=100, validator=_count)
    #: Most issues of one code kept in a report; the rest are counted in ``Report.omitted``.
    max_issues_per_code: int = attr.ib(default=1000, validator=_count)


DEFAULT_LIMITS = Limits()
