"""The conformance manifest in ``../shared/conformance`` (next to the project root)."""

from __future__ import annotations

import csv
from pathlib import Path

import attr
import pytest

from tests.conftest import CONFORMANCE_DIR as CONFORMANCE
from tests.conftest import SHARED_MISSING


@attr.s(frozen=True, slots=True, auto_attribs=True)
class Sample:
    """One row of MANIFEST.tsv."""

    file: str
    kind: str
    expected_errors: tuple[str, ...]
    notes: str

    @property
    def path(self) -> Path:
        return CONFORMANCE / self.file


def samples() -> list[Sample]:
    """Every row of the manifest; skips (saying why) when ../shared is missing."""
    manifest = CONFORMANCE / "MANIFEST.tsv"
    if not manifest.is_file():
        pytest.skip(SHARED_MISSING, allow_module_level=True)
    with manifest.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        Sample(
            file=row["file"],
            kind=row["kind"],
            expected_errors=()
            if row["expected_errors"] in ("-", "")
            else tuple(code.strip() for code in row["expected_errors"].split(",")),
            notes=row["notes"],
        )
        for row in rows
    ]
