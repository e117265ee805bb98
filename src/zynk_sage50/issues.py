"""Validation problems as values: :class:`Issue` (one problem), :class:`Report` (all of them)."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attr


class Severity(str, enum.Enum):
    """How bad an issue is: an error makes a document invalid, a warning only with ``strict``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class RecordRef:
    """Which record an issue is about: its kind, 1-based index in its collection, and Id."""

    kind: str
    index: int
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Its JSON form, as ``zynk-sage50 validate --format json`` writes it (docs/cli.md)."""
        return {"kind": self.kind, "index": self.index, "id": self.id}


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class Issue:
    """One problem found in a document, with a stable ``code`` from the rule catalogue."""

    code: str
    severity: Severity
    message: str
    line: int | None = None
    path: str | None = None
    record: RecordRef | None = None
    #: The file the issue is in, when files are checked together as one import
    #: (``validate_together``); None for a document checked on its own.
    file: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Its JSON form, as ``zynk-sage50 validate --format json`` writes it (docs/cli.md);
        ``file`` only for an issue of files checked together."""
        data = {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "line": self.line,
            "path": self.path,
            "record": self.record.to_dict() if self.record else None,
        }
        if self.file is not None:
            data["file"] = self.file
        return data

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        if self.file is not None:
            where = f"{self.file}, {where}" if where else f"{self.file}: "
        return f"{where}{self.severity.value} {self.code}: {self.message}"


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class Report:
    """Every issue found in one document, in document order."""

    issues: tuple[Issue, ...] = attr.ib(converter=tuple, factory=tuple)
    strict: bool = False
    #: Issues found but not kept, by code: past ``Limits.max_issues_per_code`` of one code,
    #: only the first ones are kept (a million broken rows must not need gigabytes).
    omitted: Mapping[str, int] = attr.ib(factory=dict)

    @property
    def errors(self) -> tuple[Issue, ...]:
        """The issues of severity error."""
        return self._of(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """The issues of severity warning."""
        return self._of(Severity.WARNING)

    @property
    def infos(self) -> tuple[Issue, ...]:
        """The issues of severity info."""
        return self._of(Severity.INFO)

    @property
    def valid(self) -> bool:
        """No errors (and, with ``strict``, no warnings either)."""
        return not self.errors and not (self.strict and self.warnings)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of all issues, in document order (handy in tests)."""
        return tuple(issue.code for issue in self.issues)

    def counts(self) -> dict[str, int]:
        """The number of issues of each severity found, the omitted ones included."""
        counts = {severity.value: len(self._of(severity)) for severity in Severity}
        if self.omitted:
            severity_of = {issue.code: issue.severity.value for issue in self.issues}
            for code, number in self.omitted.items():
                counts[severity_of[code]] += number
        return counts

    def to_dict(self) -> dict[str, Any]:
        """The per-file JSON shape (without ``path``, which the caller knows); ``omitted``
        counts, by code, the issues found beyond the ones kept."""
        return {
            "valid": self.valid,
            "counts": self.counts(),
            "issues": [issue.to_dict() for issue in self.issues],
            "omitted": dict(self.omitted),
        }

    def _of(self, severity: Severity) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.severity is severity)


class IssueCollector:
    """Keeps at most ``per_code`` issues of each code and counts the rest."""

    def __init__(self, per_code: int) -> None:
        self.per_code = max(per_code, 1)
        self.issues: list[Issue] = []
        self.kept: dict[str, int] = {}
        self.omitted: dict[str, int] = {}

    def add(self, issue: Issue) -> None:
        """Keep ``issue``, or count it when its code has had its share."""
        code = issue.code
        if self.full(code):
            self.omit(code)
        else:
            self.kept[code] = self.kept.get(code, 0) + 1
            self.issues.append(issue)

    def full(self, code: str) -> bool:
        """Has ``code`` had its share (so that a new issue of it would only be counted)?"""
        return self.kept.get(code, 0) >= self.per_code

    def omit(self, code: str) -> None:
        """Count an issue of ``code`` that is not kept (see :meth:`full`)."""
        self.omitted[code] = self.omitted.get(code, 0) + 1

    def extend(self, issues: Iterable[Issue]) -> None:
        """Add each of ``issues``."""
        for issue in issues:
            self.add(issue)


def sort_issues(issues: Iterable[Issue]) -> list[Issue]:
    """Document order: by line (file-level issues without a line first), stable otherwise."""
    return sorted(issues, key=lambda issue: issue.line if issue.line is not None else 0)
