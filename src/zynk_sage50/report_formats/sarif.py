"""``--format sarif``: SARIF 2.1.0, one result per issue, for code-scanning dashboards.

Results are streamed as each file is checked; the tool description (with the rules seen) and
the invocation (files that could not be read, issues not kept) come after them.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from ..issues import Issue, Severity
from ..rules.catalogue import CATALOGUE
from ._result import FileResult, ReportWriter, omitted_message, tool_versions

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(name: str) -> str:
    """A URI reference for a file argument: relative paths stay relative, ``-`` is stdin."""
    if name == "-":
        return "stdin"
    path = PurePath(name)
    if path.is_absolute():
        return "file://" + quote(path.as_posix())
    return quote(path.as_posix())


def _location(name: str, line: int | None, path: str | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(name)}}
    if line is not None and line >= 1:
        physical["region"] = {"startLine": line}
    location: dict[str, Any] = {"physicalLocation": physical}
    if path:
        location["logicalLocations"] = [{"fullyQualifiedName": path, "kind": "element"}]
    return location


def _rule(code: str) -> dict[str, Any]:
    """A reporting descriptor: the code, its one-line summary and default level."""
    entry = CATALOGUE.get(code)
    if entry is None:
        return {"id": code}
    return {
        "id": code,
        "shortDescription": {"text": entry.summary},
        "defaultConfiguration": {"level": LEVELS[entry.severity]},
    }


def sarif_result(name: str, issue: Issue) -> dict[str, Any]:
    """One SARIF result for one issue."""
    return {
        "ruleId": issue.code,
        "level": LEVELS[issue.severity],
        "message": {"text": issue.message},
        "locations": [_location(name, issue.line, issue.path)],
    }


class SarifWriter(ReportWriter):
    """One run of the tool over every file argument."""

    def start(self) -> None:
        self._count = 0
        self._rules: dict[str, None] = {}
        self._notifications: list[dict[str, Any]] = []
        self._artifacts: list[str] = []
        self.out.write(
            f'{{\n  "$schema": "{SARIF_SCHEMA}",\n  "version": "2.1.0",\n'
            '  "runs": [\n    {\n      "results": ['
        )

    def file(self, result: FileResult) -> None:
        self._artifacts.append(result.name)
        report = result.report
        if report is None:
            self._notifications.append(
                {
                    "level": "error",
                    "message": {"text": result.problem or "cannot be read"},
                    "locations": [_location(result.name, None)],
                }
            )
            return
        for issue in self.options.shown(report):
            self._rules.setdefault(issue.code)
            self.out.write(",\n        " if self._count else "\n        ")
            self._count += 1
            self.out.write(json.dumps(sarif_result(result.name, issue), ensure_ascii=False))
        for code, count in report.omitted.items():
            self._notifications.append(
                {
                    "level": "note",
                    "descriptor": {"id": code},
                    "message": {"text": omitted_message(code, count)},
                    "locations": [_location(result.name, None)],
                }
            )

    def finish(self) -> None:
        tool = tool_versions()
        rest = {
            "tool": {
                "driver": {
                    "name": tool["name"],
                    "version": tool["version"],
                    "properties": {"pycountry": tool["pycountry"], "python": tool["python"]},
                    "rules": [_rule(code) for code in self._rules],
                }
            },
            "artifacts": [{"location": {"uri": artifact_uri(name)}} for name in self._artifacts],
            "invocations": [
                {
                    "executionSuccessful": not any(
                        note["level"] == "error" for note in self._notifications
                    ),
                    "toolExecutionNotifications": self._notifications,
                }
            ],
        }
        lines = json.dumps(rest, ensure_ascii=False, indent=2).splitlines()[1:-1]
        body = "\n".join("    " + line for line in lines)
        closing = "\n      ],\n" if self._count else "],\n"
        self.out.write(closing + body + "\n    }\n  ]\n}\n")
