"""The files a validating command works through: directory arguments expanded, each file
checked in this process or in ``--jobs`` worker processes, results always in argument order."""

from __future__ import annotations

import os
import sys
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path, PurePath
from typing import Any, TextIO

import attr

from .. import Company
from ..errors import ReadError, SchemaBindingError, TooLargeError
from ..interchange import from_json
from ..issues import Issue, Report, Severity
from ..limits import DEFAULT_LIMITS, Limits
from ..report_formats import FileResult
from ..validation import validate
from ._input import read_bounded
from ._options import accepts
from ._streams import StreamError, stdin_binary


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class Target:
    """A file to check, or a directory argument that held none (``problem``)."""

    name: str
    problem: str | None = None


def _is_xml(name: str) -> bool:
    return name.lower().endswith(".xml")


def expand(arguments: Sequence[str]) -> list[Target]:
    """Each argument, a directory replaced by every ``*.xml`` file below it, sorted by path."""
    targets: list[Target] = []
    for argument in arguments:
        if argument == "-" or not os.path.isdir(argument):
            targets.append(Target(name=argument))
            continue
        found: list[str] = []
        for folder, subfolders, files in os.walk(argument):  # symlinked folders not followed
            subfolders.sort()
            found.extend(os.path.join(folder, name) for name in files if _is_xml(name))
        found.sort(key=lambda path: PurePath(path).parts)
        if found:
            targets.extend(Target(name=path) for path in found)
        else:
            targets.append(Target(name=argument, problem=f"{argument}: no *.xml file in it"))
    return targets


class TerminalProgress:
    """``name: 120,000 records, 84.2 MB read`` redrawn on standard error now and then, for a
    file that takes more than half a second; erased when the file is done."""

    DELAY = 0.5
    INTERVAL = 0.1

    def __init__(self, stream: TextIO, name: str) -> None:
        self.stream = stream
        self.name = name
        self.started = time.monotonic()
        self.drawn = 0.0

    def __call__(self, records: int, bytes_read: int) -> None:
        now = time.monotonic()
        if now - self.started < self.DELAY or now - self.drawn < self.INTERVAL:
            return
        self.drawn = now
        self._write(
            f"\r{self.name}: {records:,} records, {bytes_read / 1_000_000:,.1f} MB read\x1b[K"
        )

    def close(self) -> None:
        if self.drawn:
            self._write("\r\x1b[K")

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            self.drawn = 0.0  # a broken terminal: stop drawing, keep checking


def check_file(
    target: Target, validation: dict[str, Any], progress: TerminalProgress | None = None
) -> FileResult:
    """Validate one file (``-``: standard input, streamed); unreadable → ``problem``."""
    name = target.name
    if target.problem is not None:
        return FileResult(name=name, problem=target.problem)
    keywords = dict(validation)
    if progress is not None and accepts("progress"):
        keywords["progress"] = progress
    try:
        return FileResult(name=name, report=_validate(name, keywords))
    except StreamError as exc:
        return FileResult(name=name, problem=exc.format_message())
    except ReadError as exc:
        return FileResult(name=name, problem=str(exc))
    except OSError as exc:
        return FileResult(name=name, problem=f"{name}: {exc.strerror or exc}")
    finally:
        if progress is not None:
            progress.close()


def is_json_name(name: str) -> bool:
    """A ``*.json`` file argument holds a document's JSON form (standard input is XML)."""
    return name != "-" and name.lower().endswith(".json")


def _validate(name: str, keywords: dict[str, Any]) -> Report:
    """Validate an XML document (streamed) or, for a ``*.json`` file, its JSON form."""
    if name == "-":
        return validate(stdin_binary(), **keywords)
    path = Path(name)
    if not is_json_name(name) or not path.is_file():
        return validate(path, **keywords)  # it says why a file cannot be read
    limits: Limits = keywords.get("limits", DEFAULT_LIMITS)
    with path.open("rb") as handle:
        return _validate_json(read_bounded(handle, limits.max_bytes), keywords)


def _validate_json(data: bytes, keywords: dict[str, Any]) -> Report:
    """The JSON form is read into the models, which are then checked as a document is (issues
    carry paths, not lines); what does not fit the models is reported as schema issues."""
    company = json_document(data, keywords)
    if isinstance(company, Report):
        return company
    keywords = {key: value for key, value in keywords.items() if key != "progress"}
    return validate(company, **keywords)


def json_document(data: bytes, keywords: dict[str, Any]) -> Company | Report:
    """A document's JSON form as a model, or the report of why it cannot be one."""
    strict = bool(keywords.get("strict", False))
    try:
        return from_json(Company, data, limits=keywords.get("limits", DEFAULT_LIMITS))
    except SchemaBindingError as exc:
        return _report(exc.issues, strict)
    except TooLargeError as exc:
        message = f"Too large: {exc}."
        return _report(
            [Issue(code="xml.too-large", severity=Severity.ERROR, message=message)], strict
        )


def _report(issues: Sequence[Issue], strict: bool) -> Report:
    # attrs' converter=tuple leaves mypy an unsolved Iterable[_T_co] parameter type.
    return Report(issues=issues, strict=strict)  # type: ignore[arg-type]


def check_files(
    targets: Sequence[Target], validation: dict[str, Any], *, jobs: int, show_progress: bool
) -> Iterator[FileResult]:
    """The result of each target in order; with ``jobs`` > 1 checked in that many processes
    (standard input is always read here), the output being the same as a serial run."""
    if jobs <= 1 or sum(target.name != "-" for target in targets) <= 1:
        for target in targets:
            progress = TerminalProgress(sys.stderr, target.name) if show_progress else None
            yield check_file(target, validation, progress)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque[tuple[Target, Future[FileResult] | None]] = deque()
        remaining = iter(targets)

        def fill() -> None:
            while len(pending) < 2 * jobs:
                target = next(remaining, None)
                if target is None:
                    return
                future = (
                    None if target.name == "-" else pool.submit(check_file, target, validation)
                )
                pending.append((target, future))

        fill()
        while pending:
            target, future = pending.popleft()
            yield check_file(target, validation) if future is None else future.result()
            fill()
