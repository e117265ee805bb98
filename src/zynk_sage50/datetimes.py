"""``xs:dateTime`` values that remember the exact text they were read from.

xsdata's ``XmlDateTime`` normalises the fraction (``.000`` is dropped, ``.1234567`` becomes
``.123456700``); Sage and .NET exports rely on the original text, so it is kept for writing.
"""

from __future__ import annotations

from typing import Any

from xsdata.models.datatype import XmlDateTime


class LexicalDateTime(XmlDateTime):
    """An ``XmlDateTime`` that writes back exactly as it was read.

    It compares, hashes and converts like ``XmlDateTime`` (``to_datetime()``, ordering);
    only ``str()`` differs, returning the original lexical form.
    """

    lexical: str

    def __new__(cls, text: str) -> LexicalDateTime:
        parsed = XmlDateTime.from_string(text)
        obj = super().__new__(cls, *parsed)
        obj.lexical = text
        return obj

    def __str__(self) -> str:
        return self.lexical

    def __repr__(self) -> str:
        return f"LexicalDateTime({self.lexical!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (LexicalDateTime, (self.lexical,))

    def __copy__(self) -> LexicalDateTime:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> LexicalDateTime:
        return self
