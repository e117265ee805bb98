"""Resource limits applied to every document read, with defaults that accept any honest file."""

from __future__ import annotations

import attr


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class Limits:
    """Bounds on what a document may cost to read; exceeding one is ``xml.too-large``.

    The defaults accept a 1,000,000-transaction export (about 700 MB) while refusing
    documents built to exhaust memory. Pass your own to ``load``/``validate`` to change them.
    """

    #: Largest input accepted, in bytes.
    max_bytes: int = 2 * 1024**3
    #: Deepest element nesting accepted (a Zynk document needs 6; libxml2 stops at 256).
    max_depth: int = 32
    #: Longest text of one element, in characters (libxml2 stops at 10,000,000).
    max_text_length: int = 1_000_000
    #: Most records (customers plus transactions) in one document.
    max_records: int = 5_000_000


DEFAULT_LIMITS = Limits()
