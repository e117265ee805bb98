"""``--format text``: ``FILE:LINE: severity code: message`` lines, then a summary per file.

Infos never drown the rest: past the first :data:`INFOS_SHOWN` of one code, the text says how
many more there are (``--format json`` keeps them all).
"""

from __future__ import annotations

from ..issues import Report, Severity
from ._result import FileResult, ReportWriter, omitted_message

#: How many infos of one code the text output shows before it only counts them.
INFOS_SHOWN = 3


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def summary_line(name: str, report: Report) -> str:
    """``transactions.xml: invalid (2 errors, 1 warning)``."""
    counts = report.counts()
    parts = [_plural(counts["error"], "error"), _plural(counts["warning"], "warning")]
    if counts["info"]:
        parts.append(_plural(counts["info"], "info"))
    return f"{name}: {'valid' if report.valid else 'invalid'} ({', '.join(parts)})"


class TextWriter(ReportWriter):
    """The default, for people."""

    def file(self, result: FileResult) -> None:
        report = result.report
        if report is None:
            return  # the reason is on standard error
        write = self.out.write
        name = result.name
        infos: dict[str, int] = {}
        for issue in self.options.shown(report):
            if issue.severity is Severity.INFO:
                infos[issue.code] = infos.get(issue.code, 0) + 1
                if infos[issue.code] > INFOS_SHOWN:
                    continue
            where = f"{name}:{issue.line}" if issue.line is not None else name
            write(f"{where}: {issue.severity.value} {issue.code}: {issue.message}\n")
        for code, count in infos.items():
            if count > INFOS_SHOWN:
                more = count - INFOS_SHOWN
                line = f"{name}: info {code}: …and {more:,} more like this"
                write(f"{line} (--format json lists all)\n")
        if not self.options.quiet:
            for code, count in report.omitted.items():
                write(f"{name}: {code}: {omitted_message(code, count)}\n")
        write(summary_line(name, report) + "\n")
