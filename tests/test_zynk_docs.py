"""Every example of ``docs/zynk.md`` runs, in order, in a scratch directory holding a copy of
``examples/``: Python blocks are executed; each ``zynk-sage50`` line of a shell block is run
(its exit status is 0 unless the line ends with ``# exit status N``); a ``text`` block right
after a shell block is what its last command prints."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from zynk_sage50.cli import main

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "zynk.md"
_BLOCK = re.compile(r"^```(\w+)\n(.*?)^```\n", re.MULTILINE | re.DOTALL)
_STATUS = re.compile(r"\s+# exit status (\d+)$")


def blocks() -> list[tuple[str, str]]:
    return [(match.group(1), match.group(2)) for match in _BLOCK.finditer(PAGE.read_text())]


def test_the_page_has_examples_of_every_command() -> None:
    commands = {
        shlex.split(line)[1]
        for language, body in blocks()
        if language == "sh"
        for line in body.splitlines()
        if line.startswith("zynk-sage50 ")
    }
    assert {"summary", "split", "merge", "triage", "validate"} <= commands


def test_the_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    namespace: dict[str, object] = {}
    last_output: str | None = None
    for language, body in blocks():
        if language == "python":
            exec(compile(body, str(PAGE), "exec"), namespace)  # the page's own examples
            last_output = None
        elif language == "sh":
            for line in body.splitlines():
                if not line.startswith("zynk-sage50 "):
                    continue
                status = _STATUS.search(line)
                command = line[: status.start()] if status else line
                result = runner.invoke(main, shlex.split(command)[1:])
                expected = int(status.group(1)) if status else 0
                assert result.exit_code == expected, f"{line}\n{result.output}"
                last_output = result.output
        elif language == "text" and last_output is not None:
            assert last_output == body, f"the output shown differs:\n{last_output}"
            last_output = None
