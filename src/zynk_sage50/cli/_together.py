"""``validate --together``: the files of one import checked as a set (``validate_together``),
each file's report in argument order, as the writers expect them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attr

from ..errors import ReadError
from ..import_sets import validate_together
from ..issues import Report
from ..limits import DEFAULT_LIMITS, Limits
from ..report_formats import FileResult
from ..validation import ValidateSource
from ._files import Target, is_json_name, json_document
from ._input import read_bounded
from ._streams import StreamError, stdin_binary

#: ``validate``'s keyword arguments that ``validate_together`` takes too.
_TOGETHER_OPTIONS = ("journal_variance_nominal", "imported_ids", "strict", "limits", "tax_rates")


def repeated_name(targets: Sequence[Target]) -> str | None:
    """A file named twice (after directories are expanded), which one import cannot hold."""
    seen: set[str] = set()
    for target in targets:
        key = target.name if target.name == "-" else str(Path(target.name).resolve())
        if key in seen:
            return target.name
        seen.add(key)
    return None


def check_together(targets: Sequence[Target], validation: dict[str, Any]) -> Iterator[FileResult]:
    """The result of each target, in order: the readable ones checked together, the others
    with the problem that kept them out."""
    keywords = {key: value for key, value in validation.items() if key in _TOGETHER_OPTIONS}
    kept_out: dict[str, FileResult] = {}
    sources: dict[str, ValidateSource] = {}
    for target in targets:
        name = target.name
        source = (
            FileResult(name=name, problem=target.problem)
            if target.problem is not None
            else _source(name, keywords)
        )
        if isinstance(source, FileResult):
            kept_out[name] = source
        else:
            sources[name] = source
    try:
        together = validate_together(sources, **keywords)
    except (ReadError, StreamError, OSError) as exc:
        # A file that opened but could not be read: the set cannot be checked as a whole.
        problem = exc.format_message() if isinstance(exc, StreamError) else str(exc)
        for target in targets:
            yield kept_out.get(target.name) or FileResult(name=target.name, problem=problem)
        return
    for target in targets:
        name = target.name
        yield kept_out.get(name) or FileResult(name=name, report=together.reports[name])


def _source(name: str, keywords: dict[str, Any]) -> ValidateSource | FileResult:
    """What ``validate_together`` reads for a file argument, or the file's result when it
    cannot join the set. A file is opened here only to say now which one cannot be; the set
    opens each in turn, so a directory of thousands of files never holds them all open."""
    if name == "-":
        try:
            return stdin_binary()
        except StreamError as exc:
            return FileResult(name=name, problem=exc.format_message())
    path = Path(name)
    try:
        with path.open("rb") as handle:
            data = _json_bytes(handle, keywords) if is_json_name(name) else None
    except OSError as exc:
        return FileResult(name=name, problem=f"{name}: {exc.strerror or exc}")
    if data is None:
        return path
    try:
        document = json_document(data, keywords)
    except ReadError as exc:  # not JSON at all
        return FileResult(name=name, problem=str(exc))
    if isinstance(document, Report):
        issues = [attr.evolve(issue, file=name) for issue in document.issues]
        # attrs' converter=tuple leaves mypy an unsolved Iterable[_T_co] parameter type.
        return FileResult(name=name, report=attr.evolve(document, issues=issues))  # type: ignore[arg-type]
    return document


def _json_bytes(handle: Any, keywords: dict[str, Any]) -> bytes:
    limits: Limits = keywords.get("limits", DEFAULT_LIMITS)
    return read_bounded(handle, limits.max_bytes)
