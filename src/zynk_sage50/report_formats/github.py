"""``--format github``: GitHub Actions workflow commands (``::error file=…,line=…::…``), so
issues appear as annotations on the pull request; a plain summary line per file follows."""

from __future__ import annotations

from ..issues import Severity
from ._result import FileResult, ReportWriter, omitted_message
from .text import summary_line

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


class GithubWriter(ReportWriter):
    """One annotation per issue shown."""

    def file(self, result: FileResult) -> None:
        write = self.out.write
        name = _property(result.name)
        report = result.report
        if report is None:
            write(f"::error file={name},title=unreadable::{_data(result.problem or '')}\n")
            return
        for issue in self.options.shown(report):
            line = f",line={issue.line}" if issue.line is not None else ""
            write(
                f"::{COMMANDS[issue.severity]} file={name}{line},title={_property(issue.code)}"
                f"::{_data(issue.message)}\n"
            )
        if not self.options.quiet:
            for code, count in report.omitted.items():
                write(
                    f"::notice file={name},title={_property(code)}"
                    f"::{_data(omitted_message(code, count))}\n"
                )
        write(_data(summary_line(result.name, report)) + "\n")
