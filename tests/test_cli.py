"""The ``zynk-sage50 validate`` command: formats, options, exit codes, and no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.documents import company, sales_invoice, tx
from zynk_sage50 import __version__
from zynk_sage50.cli import main

VALID = company(sales_invoice())
UNBALANCED = company(
    tx(
        TransactionType="JournalDebit",
        AccountReference="4000",
        Reference="J1",
        TransactionDate="2019-05-16T00:00:00",
        NetAmount="240.00",
    ),
    tx(
        TransactionType="JournalCredit",
        AccountReference="4001",
        Reference="J1",
        TransactionDate="2019-05-16T00:00:00",
        NetAmount="239.99",
    ),
)


def run(*args: str, input: str | bytes | None = None) -> subprocess.CompletedProcess[str]:
    """The installed command in a real process, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "zynk_sage50", *args],
        input=input if isinstance(input, str) or input is None else input.decode("latin-1"),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    contents: dict[str, bytes] = {
        "valid.xml": VALID.encode(),
        "unbalanced.xml": UNBALANCED.encode(),
        "malformed.xml": b"<Company><Transactions></Company>",
        "forbidden.xml": b'<!DOCTYPE Company [<!ENTITY x "y">]><Company>&x;</Company>',
        "binary.xml": bytes(range(256)) * 4,
        "empty.xml": b"",
        "wrong-root.xml": b"<Invoices/>",
    }
    paths = {}
    for name, data in contents.items():
        paths[name] = tmp_path / name
        paths[name].write_bytes(data)
    return paths


def test_valid_file_exits_0_with_summary(files: dict[str, Path]) -> None:
    result = run("validate", str(files["valid.xml"]))
    assert result.returncode == 0
    assert result.stdout.strip() == f"{files['valid.xml']}: valid (0 errors, 0 warnings)"


def test_text_format_lists_issue_then_summary(files: dict[str, Path]) -> None:
    result = run("validate", str(files["unbalanced.xml"]))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    name = str(files["unbalanced.xml"])
    assert lines[0].startswith(f"{name}:")
    assert ": error journal.unbalanced: " in lines[0]
    assert "0.01" in lines[0]
    assert lines[-1] == f"{name}: invalid (1 error, 0 warnings)"


def test_quiet_prints_only_summary(files: dict[str, Path]) -> None:
    result = run("validate", "--quiet", str(files["unbalanced.xml"]))
    assert result.stdout.splitlines() == [
        f"{files['unbalanced.xml']}: invalid (1 error, 0 warnings)"
    ]


def test_json_format_matches_contract(files: dict[str, Path]) -> None:
    result = run(
        "validate", "--format", "json", str(files["unbalanced.xml"]), str(files["valid.xml"])
    )
    assert result.returncode == 1
    document = json.loads(result.stdout)
    first, second = document["files"]
    assert first["path"] == str(files["unbalanced.xml"])
    assert first["valid"] is False
    assert first["counts"] == {"error": 1, "warning": 0, "info": 0}
    (issue,) = first["issues"]
    assert set(issue) == {"code", "severity", "message", "line", "path", "record"}
    assert issue["code"] == "journal.unbalanced"
    assert issue["record"]["kind"] == "Transaction"
    assert issue["path"].startswith("/Company/Transactions/Transaction[")
    assert second == {
        "path": str(files["valid.xml"]),
        "valid": True,
        "counts": {"error": 0, "warning": 0, "info": 0},
        "issues": [],
        "omitted": {},
    }


def test_variance_nominal_turns_error_into_info(files: dict[str, Path]) -> None:
    result = run(
        "validate",
        "--format",
        "json",
        "--journal-variance-nominal",
        "9998",
        str(files["unbalanced.xml"]),
    )
    assert result.returncode == 0
    codes = [i["code"] for i in json.loads(result.stdout)["files"][0]["issues"]]
    assert codes == ["journal.variance-posted"]


def test_imported_ids_file_makes_duplicates(files: dict[str, Path], tmp_path: Path) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("7\n1\n", encoding="utf-8")
    result = run("validate", "--imported-ids", str(ids), str(files["valid.xml"]))
    assert result.returncode == 1
    assert "duplicate.id" in result.stdout


def test_strict_makes_warnings_invalid(tmp_path: Path) -> None:
    path = tmp_path / "warn.xml"
    path.write_text(company(sales_invoice(NetAmount="100.005")), encoding="utf-8")
    assert run("validate", str(path)).returncode == 0
    strict = run("validate", "--strict", str(path))
    assert strict.returncode == 1
    assert "amount.precision" in strict.stdout


def test_standard_input(files: dict[str, Path]) -> None:
    result = run("validate", "-", input=UNBALANCED)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "-: invalid (1 error, 0 warnings)"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("malformed.xml", "xml.malformed"),
        ("forbidden.xml", "xml.forbidden"),
        ("binary.xml", "xml.malformed"),
        ("empty.xml", "xml.malformed"),
        ("wrong-root.xml", "xml.wrong-root"),
    ],
)
def test_bad_content_is_reported_not_raised(files: dict[str, Path], name: str, code: str) -> None:
    result = run("validate", str(files[name]))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"error {code}:" in result.stdout


@pytest.mark.parametrize("which", ["missing", "directory"])
def test_unreadable_file_exits_2(tmp_path: Path, which: str) -> None:
    target = tmp_path / "nope.xml" if which == "missing" else tmp_path
    result = run("validate", str(target))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert str(target) in result.stderr


def test_unreadable_file_wins_over_invalid(files: dict[str, Path], tmp_path: Path) -> None:
    result = run("validate", str(files["malformed.xml"]), str(tmp_path / "missing.xml"))
    assert result.returncode == 2


def test_usage_errors_exit_2() -> None:
    assert run("validate").returncode == 2
    assert run("validate", "--format", "yaml", "x.xml").returncode == 2
    assert run("frobnicate").returncode == 2


def test_version_and_help() -> None:
    runner = CliRunner()
    assert __version__ in runner.invoke(main, ["--version"]).output
    help_text = runner.invoke(main, ["validate", "--help"]).output
    for option in (
        "--format",
        "--strict",
        "--journal-variance-nominal",
        "--imported-ids",
        "--quiet",
    ):
        assert option in help_text
