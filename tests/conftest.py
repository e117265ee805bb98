"""Shared test configuration: Hypothesis profiles and the conformance corpus.

Hypothesis profiles, chosen with the ``HYPOTHESIS_PROFILE`` environment variable:

* ``default`` (the default): about 25 examples per property, no deadline; quick enough for
  every local run.
* ``ci``: at least 300 examples per property, no example database (CI runners start clean).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import NamedTuple

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

#: ``shared/conformance`` next to the project checkout (``/work/shared`` beside ``/work/main``).
CONFORMANCE_DIR = Path(__file__).resolve().parents[2] / "shared" / "conformance"
MANIFEST = CONFORMANCE_DIR / "MANIFEST.tsv"

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
    if not MANIFEST.is_file():
        pytest.fail(
            f"the conformance manifest {MANIFEST} is missing: the tests expect the shared "
            "reference material in a 'shared/conformance' directory next to the project "
            "checkout",
            pytrace=False,
        )
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
