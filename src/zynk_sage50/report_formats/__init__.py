"""How ``zynk-sage50 validate`` writes its reports: text, JSON, SARIF 2.1.0, JUnit XML and
GitHub Actions annotations, each a :class:`ReportWriter` streaming file by file."""

from __future__ import annotations

from ._result import FileResult, OutputOptions, ReportWriter, tool_versions
from .github import GithubWriter
from .json_report import JsonWriter
from .junit import JunitWriter
from .sarif import SarifWriter
from .text import TextWriter, summary_line

#: ``--format`` names and their writers.
WRITERS: dict[str, type[ReportWriter]] = {
    "text": TextWriter,
    "json": JsonWriter,
    "sarif": SarifWriter,
    "junit": JunitWriter,
    "github": GithubWriter,
}

__all__ = [
    "WRITERS",
    "FileResult",
    "OutputOptions",
    "ReportWriter",
    "summary_line",
    "tool_versions",
]
