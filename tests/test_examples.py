"""Every example runs, and the example documents validate clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import zynk_sage50 as zs

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize("document", sorted(EXAMPLES.glob("*.xml")), ids=lambda p: p.name)
def test_example_document_is_clean(document: Path) -> None:
    report = zs.validate(document)
    assert report.issues == (), [str(issue) for issue in report.issues]


#: Each example script with the arguments it is run with (``{tmp}`` is a scratch directory).
SCRIPTS = {
    "roundtrip.py": [str(EXAMPLES / "training-company.xml"), "{tmp}/out.xml"],
    "build_training_company.py": ["{tmp}/built.xml"],
}


def test_every_example_script_is_run() -> None:
    assert {path.name for path in EXAMPLES.glob("*.py")} == set(SCRIPTS)


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_example_script_runs_and_writes_a_clean_document(script: str, tmp_path: Path) -> None:
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in SCRIPTS[script]]
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    written = Path(args[-1])
    report = zs.validate(written)
    assert report.valid, [str(issue) for issue in report.issues]
    assert not report.warnings, [str(issue) for issue in report.issues]


def test_roundtrip_example(tmp_path: Path) -> None:
    target = tmp_path / "out.xml"
    result = subprocess.run(
        [
            sys.executable,
            str(EXAMPLES / "roundtrip.py"),
            str(EXAMPLES / "training-company.xml"),
            str(target),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "2 customers, 9 transactions" in result.stdout
    written = zs.load(target)
    assert written.transactions is not None
    assert {t.payment_reference for t in written.transactions.transaction} == {
        "BATCH-2026-11",
        "CARD-88412",
    }
    assert zs.validate(target).valid
