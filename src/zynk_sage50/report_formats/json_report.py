"""``--format json``: one JSON document for all files, written file by file and issue by issue.

Its shape is ``docs/schema/report.schema.json`` (``zynk-sage50 schema --report``).
"""

from __future__ import annotations

import json

from ._result import FileResult, ReportWriter, tool_versions


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


class JsonWriter(ReportWriter):
    """For programs: ``{"tool": …, "min_severity": …, "files": [{…}, …]}``."""

    def start(self) -> None:
        self._count = 0
        self.out.write(f'{{\n  "tool": {_dump(tool_versions())},\n')
        self.out.write(f'  "min_severity": {_dump(self.options.min_severity.value)},\n')
        self.out.write(f'  "quiet": {_dump(self.options.quiet)},\n  "files": [')

    def file(self, result: FileResult) -> None:
        write = self.out.write
        write(",\n    {" if self._count else "\n    {")
        self._count += 1
        write(f'"path": {_dump(result.name)}, ')
        report = result.report
        if report is None:
            write(f'"valid": false, "error": {_dump(result.problem)}}}')
            return
        write(f'"valid": {_dump(report.valid)}, "counts": {_dump(report.counts())}')
        if not self.options.quiet:
            write(', "issues": [')
            for number, issue in enumerate(self.options.shown(report)):
                write(",\n      " if number else "\n      ")
                write(_dump(issue.to_dict()))
            write("\n    ]")
        write(f', "omitted": {_dump(dict(report.omitted))}}}')

    def finish(self) -> None:
        self.out.write("\n  ]\n}\n" if self._count else "]\n}\n")
