"""What the report writers are given for each file, and what they share."""

from __future__ import annotations

import sys
from importlib import metadata
from typing import TYPE_CHECKING

import attr

from ..issues import Issue, Report, Severity

if TYPE_CHECKING:
    from typing import TextIO

#: Lowest first: ``--min-severity warning`` shows warnings and errors.
SEVERITY_ORDER = (Severity.INFO, Severity.WARNING, Severity.ERROR)


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class FileResult:
    """One file argument's outcome: its report, or why it could not be read (``problem``)."""

    name: str
    report: Report | None = None
    problem: str | None = None


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class OutputOptions:
    """What every writer honours: the lowest severity shown and whether issues are listed."""

    min_severity: Severity = Severity.INFO
    quiet: bool = False

    def shown(self, report: Report) -> list[Issue]:
        """The issues to print (counts and validity always cover all of them)."""
        if self.quiet:
            return []
        lowest = SEVERITY_ORDER.index(self.min_severity)
        return [issue for issue in report.issues if SEVERITY_ORDER.index(issue.severity) >= lowest]


def omitted_message(code: str, count: int) -> str:
    return f"{count:,} more {'issue' if count == 1 else 'issues'} of code {code} were not kept."


def tool_versions() -> dict[str, str]:
    """The tool's version and the data versions its verdicts depend on."""
    from .. import __version__  # noqa: PLC0415  (the package imports this module's users)

    try:
        pycountry = metadata.version("pycountry")
    except metadata.PackageNotFoundError:  # pragma: no cover - a hard dependency
        pycountry = "unknown"
    return {
        "name": "zynk-sage50",
        "version": __version__,
        "pycountry": pycountry,
        "python": ".".join(str(part) for part in sys.version_info[:3]),
    }


class ReportWriter:
    """Writes the reports of several files to one stream as they come (never all at once)."""

    def __init__(self, out: TextIO, options: OutputOptions) -> None:
        self.out = out
        self.options = options

    def start(self) -> None:
        """Before the first file."""

    def file(self, result: FileResult) -> None:
        """One file's outcome, written at once."""
        raise NotImplementedError

    def finish(self) -> None:
        """After the last file."""
