"""Shared test configuration: Hypothesis profiles and the conformance corpus.

Hypothesis profiles, chosen with the ``HYPOTHESIS_PROFILE`` environment variable:

* ``default`` (the default): about 25 examples per property, no deadline; quick enough for
  every local run.
* ``ci``: at least 300 examples per property, no example database (CI runners start clean).

The conformance samples live in ``../shared`` beside the checkout, not in the repository. Where it
is absent (a source distribution), every test that reads it is skipped with a reason saying so;
with ``ZYNK_REQUIRE_SHARED=1`` (CI) an absent ``../shared`` stops the run, and any skipped test
fails it.
"""

from __future__ import annotations

import csv
import os
import types
from collections.abc import Generator
from pathlib import Path
from typing import NamedTuple

import pluggy
import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

#: ``shared/`` next to the project checkout (``/work/shared`` beside ``/work/main``).
SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"
CONFORMANCE_DIR = SHARED_DIR / "conformance"
MANIFEST = CONFORMANCE_DIR / "MANIFEST.tsv"
#: Whether the shared reference material is beside the checkout (it is not in an sdist).
SHARED_PRESENT = MANIFEST.is_file()
SHARED_MISSING = (
    f"needs the conformance samples in {CONFORMANCE_DIR} (the 'shared' directory beside the "
    "checkout, which a source distribution does not contain)"
)
REQUIRE_SHARED = os.environ.get("ZYNK_REQUIRE_SHARED") == "1"

#: Manifest kinds that must load and round-trip.
LOADABLE_KINDS = frozenset({"complete", "fragment", "export"})
#: Every kind the manifest may use; a new kind must be added here (and given tests) on purpose.
KNOWN_KINDS = LOADABLE_KINDS | {"malformed", "invoice"}


class ManifestRow(NamedTuple):
    """One row of ``MANIFEST.tsv``."""

    file: str
    source: str
    kind: str
    expected_errors: str
    notes: str

    @property
    def path(self) -> Path:
        return CONFORMANCE_DIR / self.file


def manifest_rows() -> list[ManifestRow]:
    """Every row of the conformance manifest; fails the collection clearly if it is missing."""
    if not SHARED_PRESENT:
        pytest.skip(SHARED_MISSING, allow_module_level=True)
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        return [
            ManifestRow(
                file=row["file"],
                source=row["source"],
                kind=row["kind"],
                expected_errors=row["expected_errors"],
                notes=row["notes"],
            )
            for row in reader
        ]


def loadable_rows() -> list[ManifestRow]:
    """Rows that must load and round-trip (kinds complete, fragment, export)."""
    return [row for row in manifest_rows() if row.kind in LOADABLE_KINDS]


def malformed_rows() -> list[ManifestRow]:
    """Malformed samples in scope (Invoice documents under ``invoices/`` are not yet)."""
    return [
        row
        for row in manifest_rows()
        if row.kind == "malformed" and not row.file.startswith("invoices/")
    ]


# ----- ../shared absent (an sdist) or required (CI) ---------------------------------------------

_SHARED_HELPERS = ("manifest_rows", "loadable_rows", "malformed_rows", "samples")


def _under_shared(value: object) -> bool:
    """Whether a test's global or parameter is (or holds) a path or sample from ../shared."""
    if isinstance(value, Path):
        return value == SHARED_DIR or SHARED_DIR in value.parents
    if isinstance(value, (list, tuple, frozenset, set)) and not isinstance(value, str):
        return any(_under_shared(v) for v in list(value)[:3])
    path = getattr(value, "path", None)
    return isinstance(path, Path) and _under_shared(path)


def _names(code: types.CodeType) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def _needs_shared(item: pytest.Item) -> bool:
    """A test that reads ../shared: through a global path, a helper, or a parameter."""
    function = getattr(item, "function", None)
    params = getattr(getattr(item, "callspec", None), "params", {})
    if any(_under_shared(v) for v in params.values()):
        return True
    if function is None:
        return False
    module_globals = function.__globals__
    # A module-level collection built from ../shared is empty without it (SAMPLES = [...glob]).
    reads_shared = any(_under_shared(v) for v in list(module_globals.values()))
    for name in _names(function.__code__):
        value = module_globals.get(name)
        if name in _SHARED_HELPERS and callable(value):
            return True
        if _under_shared(value):
            return True
        if reads_shared and isinstance(value, (list, tuple)) and not value:
            return True
    return False


def _mentions_shared(excinfo: pytest.ExceptionInfo[BaseException] | None) -> bool:
    """An error about a file in the absent ../shared (FileNotFoundError, ReadError...)."""
    if excinfo is None or isinstance(excinfo.value, AssertionError):
        return False
    return str(SHARED_DIR) in str(excinfo.value) or str(SHARED_DIR) in str(
        getattr(excinfo.value, "filename", "")
    )


def pytest_configure(config: pytest.Config) -> None:
    if REQUIRE_SHARED and not SHARED_PRESENT:
        raise pytest.UsageError(
            f"ZYNK_REQUIRE_SHARED=1 but {MANIFEST} is missing: put 'shared' beside the checkout"
        )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if SHARED_PRESENT:
        return
    skip = pytest.mark.skip(reason=SHARED_MISSING)
    for item in items:
        if _needs_shared(item):
            item.add_marker(skip)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pluggy.Result[pytest.TestReport], None]:
    outcome = yield
    report = outcome.get_result()
    if not SHARED_PRESENT and report.failed and _mentions_shared(call.excinfo):
        report.outcome = "skipped"
        report.longrepr = (str(item.path), item.location[1] or 0, f"Skipped: {SHARED_MISSING}")
    if report.skipped and not hasattr(report, "wasxfail"):
        _skipped.append(report.nodeid)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pluggy.Result[pytest.CollectReport], None]:
    outcome = yield
    report = outcome.get_result()
    if not SHARED_PRESENT and report.failed and str(SHARED_DIR) in str(report.longrepr):
        report.outcome = "skipped"
        report.longrepr = (str(collector.path), 0, f"Skipped: {SHARED_MISSING}")
    if report.skipped:
        _skipped.append(report.nodeid)


_skipped: list[str] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """With ../shared present and ZYNK_REQUIRE_SHARED=1 (CI), any skipped test fails the run."""
    if REQUIRE_SHARED and _skipped and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if REQUIRE_SHARED and _skipped:
        terminalreporter.write_line(
            f"FAILED: {len(_skipped)} test(s) skipped although ../shared is present "
            "(ZYNK_REQUIRE_SHARED=1): " + ", ".join(_skipped[:20]),
            red=True,
        )
