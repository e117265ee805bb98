"""Broken standard streams (issue 12, point 6): a closed standard input, a full disk or a
closed standard output give one line on standard error and exit status 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_files import UNBALANCED

FULL = Path("/dev/full")


def _run(*args: str, stdin: object = None, stdout: object = subprocess.PIPE) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, "-m", "zynk_sage50", *args],
        stdin=stdin,  # type: ignore[arg-type]
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        check=False,
        timeout=120,
        text=True,
    )
    return result.returncode, result.stderr


def _one_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def test_closed_standard_input() -> None:
    # close_fds cannot close 0; a shell does what `<&-` does.
    result = subprocess.run(
        f"{sys.executable} -m zynk_sage50 validate - <&-",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2
    assert _one_line(result.stderr) == "zynk-sage50: cannot read standard input: it is closed"


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{file}"],
        ["validate", "--format", "json", "{file}"],
        ["validate", "--format", "sarif", "{file}"],
        ["fixtures", "--seed", "1"],
        ["convert", "{file}", "--to", "json"],
        ["schema", "--json"],
        ["--help"],
        ["validate", "--help"],
        ["--version"],
    ],
    ids=" ".join,
)
def test_full_standard_output(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "u.xml"
    path.write_text(UNBALANCED, encoding="utf-8")
    with FULL.open("w") as full:
        status, stderr = _run(*(arg.format(file=path) for arg in args), stdout=full)
    assert status == 2
    assert _one_line(stderr) == (
        "zynk-sage50: cannot write standard output: No space left on device"
    )


def test_closed_standard_output(tmp_path: Path) -> None:
    path = tmp_path / "u.xml"
    path.write_text(UNBALANCED, encoding="utf-8")
    result = subprocess.run(
        f"{sys.executable} -m zynk_sage50 validate {path} >&-",
        shell=True,
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2
    assert _one_line(result.stderr).startswith("zynk-sage50: cannot write standard output")


def test_closed_pipe() -> None:
    """A reader that is gone (here ``true``, which exits before the document is generated):
    the same one line, exit status 2."""
    result = subprocess.run(
        f"set -o pipefail; {sys.executable} -m zynk_sage50 fixtures --seed 1 | true",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        executable="/bin/bash",
    )
    assert result.returncode == 2
    assert _one_line(result.stderr) == "zynk-sage50: cannot write standard output: Broken pipe"
