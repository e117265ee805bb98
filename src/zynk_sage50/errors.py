"""The exceptions raised for misuse of the API or unreadable input.

Validation problems are never raised: they are ``Issue`` values in a ``Report``. Every exception
here derives from :class:`ZynkSage50Error`, so one ``except`` clause catches them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .issues import Issue


class ZynkSage50Error(Exception):
    """Base class of every exception this library raises on purpose."""


class ReadError(ZynkSage50Error):
    """The input could not be read at all: missing, a directory, not bytes, unreadable."""


class WriteError(ZynkSage50Error):
    """The output could not be written: a directory, a full disk, no permission, a closed file."""


class MalformedXmlError(ZynkSage50Error):
    """The input is not well-formed XML (or not XML at all); carries the parser's line and
    column."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None):
        where = f" (line {line}, column {column})" if line is not None else ""
        super().__init__(f"{message}{where}")
        self.reason = message
        self.line = line
        self.column = column


class ForbiddenXmlError(ZynkSage50Error):
    """The input uses XML features this library refuses: DOCTYPE, entities, XInclude."""

    def __init__(self, message: str, *, line: int | None = None):
        super().__init__(message)
        self.line = line


class TooLargeError(ZynkSage50Error):
    """The input exceeds one of the configured :class:`~zynk_sage50.Limits`."""

    def __init__(self, message: str, *, limit: str, line: int | None = None):
        super().__init__(message)
        self.limit = limit
        self.line = line


class SchemaBindingError(ZynkSage50Error):
    """Well-formed XML that does not fit the schema or the models: says which element and why.

    ``issues`` holds every schema problem found (not just the first); ``line`` and ``path``
    locate the first one.
    """

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        path: str | None = None,
        issues: Sequence[Issue] = (),
    ):
        super().__init__(message)
        self.line = line
        self.path = path
        self.issues = tuple(issues)

    @classmethod
    def from_issues(cls, issues: Sequence[Issue]) -> SchemaBindingError:
        """The error for a document with these schema problems (in document order)."""
        ordered = sorted(issues, key=lambda issue: issue.line or 0)
        first = ordered[0]
        more = f" (and {len(ordered) - 1} more schema problems)" if len(ordered) > 1 else ""
        return cls(
            f"line {first.line}: {first.message}{more}",
            line=first.line,
            path=first.path,
            issues=ordered,
        )


class WrongRootError(SchemaBindingError):
    """The document's root element is not ``Company`` (or carries a namespace)."""


class SerializationError(ZynkSage50Error, ValueError):
    """A model holds a value that cannot be written as valid XML (NaN, control characters...)."""

    def __init__(self, message: str, *, path: str | None = None):
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path


class BuildError(ZynkSage50Error, ValueError):
    """The document builder refused a call that would make a wrong document (says why)."""


class UnbalancedJournalError(BuildError):
    """A journal's debits and credits differ and no variance nominal code was given."""

    def __init__(
        self, reference: str, date: str, debits: object, credits: object, variance: object
    ) -> None:
        super().__init__(
            f"journal {reference} on {date} does not balance: debits {debits}, credits "
            f"{credits}, variance {variance} (give variance_nominal= to post the difference)"
        )
        self.reference = reference
        self.debits = debits
        self.credits = credits
        self.variance = variance
