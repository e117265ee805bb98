"""The strategies as a Hypothesis plugin: ``st.from_type`` for the library's classes, the entry
point (registered, harmless, can be turned off), and Hypothesis as an optional dependency."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )


def test_importing_the_library_does_not_import_hypothesis() -> None:
    result = run_python(
        "import zynk_sage50, zynk_sage50.cli, sys; assert 'hypothesis' not in sys.modules"
    )
    assert result.returncode == 0, result.stderr


def test_the_entry_point_registers_the_strategies_when_hypothesis_is_imported() -> None:
    hooks = [
        entry.value
        for entry in importlib.metadata.entry_points(group="hypothesis")
        if entry.value.startswith("zynk_sage50")
    ]
    assert hooks == ["zynk_sage50.strategies._hook:_hypothesis_setup_hook"], (
        "the installed metadata lacks the entry point: reinstall (pip install -e .)"
    )
    result = run_python(
        "import sys, warnings\n"
        "import hypothesis.strategies as st\n"
        "from zynk_sage50 import Company, Invoice\n"
        "assert 'zynk_sage50.strategies' in sys.modules\n"
        "warnings.simplefilter('ignore')  # .example() outside a test\n"
        "assert isinstance(st.from_type(Company).example(), Company)\n"
        "assert isinstance(st.from_type(Invoice).example(), Invoice)\n"
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "code",
    [
        # Hypothesis loads its plugins at the end of its import: nothing is evaluated (no
        # HypothesisSideeffectWarning), nothing is written.
        "import hypothesis",
        # The strategies imported first import Hypothesis, which finds them half-imported.
        "import zynk_sage50.strategies as s; assert s.invoices",
        "import zynk_sage50.strategies._fixtures",
        "from zynk_sage50.cli import main",
    ],
)
def test_the_entry_point_is_harmless(code: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert list(tmp_path.iterdir()) == []


def test_the_entry_point_can_be_turned_off() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import sys, hypothesis; assert 'zynk_sage50' not in sys.modules"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "HYPOTHESIS_NO_PLUGINS": "1"},
    )
    assert result.returncode == 0, result.stderr


def test_strategies_without_hypothesis_say_how_to_install_it() -> None:
    result = run_python(
        "import sys; sys.modules['hypothesis'] = None\n"
        "try:\n"
        "    import zynk_sage50.strategies\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
        "else:\n"
        "    raise SystemExit('imported')\n"
    )
    assert result.returncode == 0, result.stderr
    assert 'pip install "zynk-sage50[hypothesis]"' in result.stdout
