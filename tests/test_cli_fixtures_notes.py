"""``fixtures --invalid CODE`` for a warning or info code says so (issue 15, point 8), and
misspelt ``--types`` values and codes get the nearest name (point 9)."""

from __future__ import annotations

from pathlib import Path

from tests.cli_files import invoke


def test_warning_code_noted_on_stderr_and_file_validates(tmp_path: Path) -> None:
    out = tmp_path / "w.xml"
    result = invoke("fixtures", "--seed", "3", "--invalid", "grouping.split-group", "-o", str(out))
    assert result.exit_code == 0
    assert "grouping.split-group is a warning, so this document is valid" in result.stderr
    assert invoke("validate", str(out)).exit_code == 0
    assert invoke("validate", "--strict", str(out)).exit_code == 1


def test_info_code_noted_on_stderr(tmp_path: Path) -> None:
    out = tmp_path / "i.xml"
    result = invoke("fixtures", "--seed", "3", "--invalid", "invoice.type-missing", "-o", str(out))
    assert "invoice.type-missing is an info" in result.stderr
    assert "even with --strict" in result.stderr
    assert invoke("validate", "--strict", str(out)).exit_code == 0


def test_error_code_has_no_note(tmp_path: Path) -> None:
    out = tmp_path / "e.xml"
    result = invoke("fixtures", "--seed", "3", "--invalid", "journal.unbalanced", "-o", str(out))
    assert result.stderr == ""
    assert invoke("validate", str(out)).exit_code == 1


def test_help_says_warning_codes_stay_valid() -> None:
    help_text = " ".join(invoke("fixtures", "--help").stdout.split())
    assert "For a warning or info code the document stays valid" in help_text


def test_nearest_type_name_and_code_suggested() -> None:
    result = invoke("fixtures", "--types", "SalesInvoice,BankReciept")
    assert result.exit_code == 2
    assert "Did you mean 'BankReceipt'?" in result.stderr
    assert (
        "Did you mean 'journal.unbalanced'?"
        in invoke("fixtures", "--invalid", "journal.unbalnced").stderr
    )
