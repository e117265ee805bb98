"""``--format junit``: JUnit XML for CI test dashboards.

A ``testsuite`` per file holding a ``valid`` test case (failing when the file is invalid) and a
failing test case per error shown; warnings and infos shown go to its ``system-out``. A file
that cannot be read is a test case with an ``error``.
"""

from __future__ import annotations

import re

from ..issues import Issue, Severity
from ._result import FileResult, ReportWriter, omitted_message
from .text import summary_line

#: What XML 1.0 cannot carry; replaced so one odd file name cannot break the whole report.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;"}
)


_CONTENT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _text(value: str) -> str:
    """For an attribute value."""
    return _NOT_XML.sub("\ufffd", value).translate(_ESCAPES)


def _content(value: str) -> str:
    """For element content (line ends kept)."""
    return _NOT_XML.sub("\ufffd", value).translate(_CONTENT_ESCAPES)


def _line_of(name: str, issue: Issue) -> str:
    where = f"{name}:{issue.line}" if issue.line is not None else name
    return f"{where}: {issue.severity.value} {issue.code}: {issue.message}"


class JunitWriter(ReportWriter):
    """``<testsuites>`` with a ``<testsuite>`` per file, written as each file is checked."""

    def start(self) -> None:
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="zynk-sage50">\n')

    def file(self, result: FileResult) -> None:
        write = self.out.write
        name = _text(result.name)
        report = result.report
        if report is None:
            write(
                f'  <testsuite name="{name}" tests="1" failures="0" errors="1">\n'
                f'    <testcase classname="{name}" name="readable">\n'
                f'      <error message="{_text(result.problem or "")}"/>\n'
                "    </testcase>\n  </testsuite>\n"
            )
            return
        shown = self.options.shown(report)
        failing = [
            issue
            for issue in shown
            if issue.severity is Severity.ERROR
            or (report.strict and issue.severity is Severity.WARNING)
        ]
        failures = len(failing) + (0 if report.valid else 1)
        write(
            f'  <testsuite name="{name}" tests="{len(failing) + 1}" failures="{failures}" '
            'errors="0">\n'
        )
        write(f'    <testcase classname="{name}" name="valid"')
        if report.valid:
            write("/>\n")
        else:
            summary = _text(summary_line(result.name, report))
            write(f'>\n      <failure type="invalid" message="{summary}"/>\n    </testcase>\n')
        for number, issue in enumerate(failing, 1):
            where = f" line {issue.line}" if issue.line is not None else ""
            write(
                f'    <testcase classname="{name}" name="{number}. {_text(issue.code)}{where}">\n'
                f'      <failure type="{_text(issue.code)}" message="{_text(issue.message)}">'
                f"{_content(_line_of(result.name, issue))}</failure>\n    </testcase>\n"
            )
        others = [_line_of(result.name, issue) for issue in shown if issue not in failing]
        if not self.options.quiet:
            others += [
                f"{result.name}: {code}: {omitted_message(code, count)}"
                for code, count in report.omitted.items()
            ]
        if others:
            lines = "".join(_content(line) + "\n" for line in others)
            write(f"    <system-out>{lines}</system-out>\n")
        write("  </testsuite>\n")

    def finish(self) -> None:
        self.out.write("</testsuites>\n")
