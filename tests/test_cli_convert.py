"""``zynk-sage50 convert`` and ``zynk-sage50 schema`` (issue 15, point 1, the command side)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import zynk_sage50 as zs
from tests.cli_files import UNBALANCED, invoke
from tests.conftest import CONFORMANCE_DIR
from zynk_sage50.interchange import json_schema, to_json

SAMPLE = CONFORMANCE_DIR / "importing-customers-into-sage-50-uk__1.xml"


def test_convert_xml_to_json_and_back_is_lossless(tmp_path: Path) -> None:
    as_json = tmp_path / "doc.json"
    back = tmp_path / "doc.xml"
    assert invoke("convert", str(SAMPLE), "--to", "json", "-o", str(as_json)).exit_code == 0
    assert as_json.read_text(encoding="utf-8") == to_json(zs.load(SAMPLE))
    assert invoke("convert", str(as_json), "--to", "xml", "-o", str(back)).exit_code == 0
    assert back.read_text(encoding="utf-8") == zs.dumps(zs.load(SAMPLE))


def test_convert_reads_standard_input_and_sees_the_kind(tmp_path: Path) -> None:
    text = to_json(zs.load(SAMPLE))
    result = invoke("convert", "-", "--to", "xml", input="\ufeff  \n" + text)
    assert result.exit_code == 0
    assert result.stdout == zs.dumps(zs.load(SAMPLE))
    again = invoke("convert", "-", "--to", "json", input=SAMPLE.read_bytes())
    assert again.stdout == text


def test_convert_same_kind_normalises(tmp_path: Path) -> None:
    result = invoke("convert", str(SAMPLE), "--to", "xml")
    assert result.stdout == zs.dumps(zs.load(SAMPLE))


def test_convert_problems_exit_1_each_on_stderr(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"Transactions": {"Transaction": [{"Id": "x", "Colour": 1}]}}', "utf-8")
    result = invoke("convert", str(bad), "--to", "xml")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert any("/Company/Transactions/Transaction[1]/Id" in line for line in lines)
    assert any("schema.unknown-element" in line for line in lines)


@pytest.mark.parametrize(
    ("content", "status", "words"),
    [
        (b"hello", 1, "neither XML"),
        (b"<Company><Transactions></Company>", 1, "well-formed"),
        (b"{", 2, "not JSON"),
    ],
)
def test_convert_unusable_input(tmp_path: Path, content: bytes, status: int, words: str) -> None:
    path = tmp_path / "in"
    path.write_bytes(content)
    result = invoke("convert", str(path), "--to", "json")
    assert result.exit_code == status
    assert words in result.stderr


def test_convert_invalid_xml_lists_schema_problems(tmp_path: Path) -> None:
    path = tmp_path / "u.xml"
    path.write_text(UNBALANCED.replace("<Reference>", "<Colour>x</Colour><Reference>"), "utf-8")
    result = invoke("convert", str(path), "--to", "json")
    assert result.exit_code == 1
    assert "schema.unknown-element" in result.stderr


def test_convert_missing_file_exits_2(tmp_path: Path) -> None:
    result = invoke("convert", str(tmp_path / "nope.xml"), "--to", "json")
    assert result.exit_code == 2
    assert "nope.xml" in result.stderr


def test_convert_needs_to() -> None:
    assert invoke("convert", str(SAMPLE)).exit_code == 2
    assert "Did you mean 'json'?" in invoke("convert", str(SAMPLE), "--to", "jsn").stderr


def test_schema_json_prints_the_json_schema() -> None:
    result = invoke("schema", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()


def test_schema_needs_exactly_one_choice() -> None:
    assert invoke("schema").exit_code == 2
    assert invoke("schema", "--json", "--report").exit_code == 2


def test_validate_checks_the_json_form(tmp_path: Path) -> None:
    """A web shop checks its JSON without writing XML: the same rules, issues with paths."""
    good = tmp_path / "good.json"
    good.write_text(to_json(zs.load(SAMPLE)), encoding="utf-8")
    assert invoke("validate", str(good)).exit_code == 0
    unbalanced = tmp_path / "unbalanced.json"
    unbalanced.write_text(to_json(zs.loads(UNBALANCED)), encoding="utf-8")
    result = invoke("validate", "--format", "json", str(unbalanced))
    assert result.exit_code == 1
    (issue,) = json.loads(result.stdout)["files"][0]["issues"]
    assert issue["code"] == "journal.unbalanced"
    assert issue["path"].startswith("/Company/Transactions/Transaction[")
    assert issue["line"] is None
    not_json_named = tmp_path / "unbalanced.xml"  # only *.json names are read as JSON
    not_json_named.write_bytes(unbalanced.read_bytes())
    assert "error xml.malformed" in invoke("validate", str(not_json_named)).stdout


def test_validate_reports_json_that_does_not_fit_as_schema_issues(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        '{"Transactions": {"Transaction": [{"Colour": "red", "NetAmount": "ten"}]}}', "utf-8"
    )
    result = invoke("validate", str(path))
    assert result.exit_code == 1
    assert "error schema.unknown-element" in result.stdout
    assert "error schema.invalid-value" in result.stdout
    too_big = invoke("validate", "--max-bytes", "20", str(path))
    assert "xml.too-large" in too_big.stdout
    broken = tmp_path / "broken.json"
    broken.write_text('{"Transactions": ', encoding="utf-8")
    unreadable = invoke("validate", str(broken))
    assert unreadable.exit_code == 2
    assert "not JSON" in unreadable.stderr


def test_convert_takes_the_limit_options(tmp_path: Path) -> None:
    result = invoke("convert", str(SAMPLE), "--to", "json", "--max-depth", "2")
    assert result.exit_code == 1
    assert "too large" in result.stderr
    as_json = tmp_path / "doc.json"
    as_json.write_text(to_json(zs.load(SAMPLE)), encoding="utf-8")
    refused = invoke("convert", str(as_json), "--to", "xml", "--max-bytes", "100")
    assert refused.exit_code == 1
    assert "max_bytes" in refused.stderr
    assert invoke("convert", str(as_json), "--to", "xml", "--max-depth", "20").exit_code == 0
