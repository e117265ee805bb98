"""``validate --format``: JSON (with the tool and its versions, against its JSON Schema), SARIF
2.1.0, JUnit XML and GitHub annotations (issue 15, point 2); ``Report.omitted`` rendered."""

from __future__ import annotations

import io
import json
from importlib import metadata
from pathlib import Path
from typing import Any

import jsonschema
from lxml import etree

from tests.cli_files import UNBALANCED, VALID, WARNING, invoke
from tests.documents import company, tx
from zynk_sage50 import Issue, Report, Severity, __version__, validate
from zynk_sage50.report_formats import WRITERS, FileResult, OutputOptions
from zynk_sage50.report_formats.report_schema import report_schema

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "docs" / "schema"

#: What SARIF 2.1.0 requires of the parts written (from the OASIS specification: sarifLog
#: version and runs; run.tool.driver.name; result.message.text; level's values; region lines
#: from 1; artifactLocation.uri a URI reference). The full OASIS schema is not packaged for pip.
SARIF_STRUCTURE: dict[str, Any] = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "$schema": {"type": "string", "format": "uri"},
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "version": {"type": "string"},
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id"],
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "results": {"type": "array", "items": {"$ref": "#/$defs/result"}},
                    "invocations": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["executionSuccessful"],
                            "properties": {
                                "toolExecutionNotifications": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["message"],
                                        "properties": {"level": {"$ref": "#/$defs/level"}},
                                    },
                                }
                            },
                        },
                    },
                },
            },
        },
    },
    "$defs": {
        "level": {"enum": ["none", "note", "warning", "error"]},
        "result": {
            "type": "object",
            "required": ["message", "ruleId", "level", "locations"],
            "properties": {
                "ruleId": {"type": "string"},
                "level": {"$ref": "#/$defs/level"},
                "message": {
                    "type": "object",
                    "required": ["text"],
                    "properties": {"text": {"type": "string"}},
                },
                "locations": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "physicalLocation": {
                                "type": "object",
                                "required": ["artifactLocation"],
                                "properties": {
                                    "artifactLocation": {
                                        "type": "object",
                                        "required": ["uri"],
                                        "properties": {"uri": {"type": "string"}},
                                    },
                                    "region": {
                                        "type": "object",
                                        "required": ["startLine"],
                                        "properties": {
                                            "startLine": {"type": "integer", "minimum": 1}
                                        },
                                    },
                                },
                            }
                        },
                    },
                },
            },
        },
    },
}


def _files(tmp_path: Path) -> list[str]:
    names = []
    for name, text in (("unbalanced.xml", UNBALANCED), ("valid.xml", VALID), ("w.xml", WARNING)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        names.append(str(tmp_path / name))
    return names


def test_json_names_tool_version_and_pycountry_and_fits_its_schema(tmp_path: Path) -> None:
    names = _files(tmp_path)
    result = invoke("validate", "--format", "json", *names, str(tmp_path / "missing.xml"))
    document = json.loads(result.stdout)
    assert document["tool"]["name"] == "zynk-sage50"
    assert document["tool"]["version"] == __version__
    assert document["tool"]["pycountry"] == metadata.version("pycountry")
    jsonschema.Draft202012Validator.check_schema(report_schema())
    jsonschema.Draft202012Validator(report_schema()).validate(document)
    assert [entry["path"] for entry in document["files"]] == [
        *names,
        str(tmp_path / "missing.xml"),
    ]
    assert document["files"][-1]["error"]


def test_report_schema_file_is_current() -> None:
    """docs/schema/report.schema.json is what ``zynk-sage50 schema --report`` prints."""
    shipped = json.loads((SCHEMA_DIR / "report.schema.json").read_text(encoding="utf-8"))
    assert shipped == report_schema()
    assert json.loads(invoke("schema", "--report").stdout) == report_schema()


def test_sarif_one_result_per_issue_with_rule_level_and_line(tmp_path: Path) -> None:
    names = _files(tmp_path)
    result = invoke("validate", "--format", "sarif", *names, str(tmp_path / "missing.xml"))
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    jsonschema.Draft202012Validator(SARIF_STRUCTURE).validate(log)
    (run,) = log["runs"]
    assert run["tool"]["driver"]["name"] == "zynk-sage50"
    assert run["tool"]["driver"]["version"] == __version__
    found = [(r["ruleId"], r["level"]) for r in run["results"]]
    assert found == [("journal.unbalanced", "error"), ("amount.precision", "warning")]
    unbalanced = run["results"][0]
    location = unbalanced["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "file://" + names[0]
    assert location["region"]["startLine"] == validate(Path(names[0])).issues[0].line
    assert {rule["id"] for rule in run["tool"]["driver"]["rules"]} == {
        "journal.unbalanced",
        "amount.precision",
    }
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert "missing.xml" in note["message"]["text"]


def test_sarif_levels_cover_every_severity() -> None:
    from zynk_sage50.report_formats.sarif import LEVELS  # noqa: PLC0415

    assert set(LEVELS) == set(Severity)
    assert set(LEVELS.values()) == {"error", "warning", "note"}


def test_sarif_relative_paths_stay_relative(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a b.xml").write_text(UNBALANCED, encoding="utf-8")
    log = json.loads(invoke("validate", "--format", "sarif", "a b.xml").stdout)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == "a%20b.xml"


def test_junit_a_testsuite_per_file_and_a_failure_per_error(tmp_path: Path) -> None:
    names = _files(tmp_path)
    result = invoke("validate", "--format", "junit", *names, str(tmp_path / "missing.xml"))
    root = etree.fromstring(result.stdout_bytes)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [suite.get("name") for suite in suites] == [*names, str(tmp_path / "missing.xml")]
    unbalanced, valid, warned, missing = suites
    failures = unbalanced.findall("testcase/failure")
    assert [f.get("type") for f in failures] == ["invalid", "journal.unbalanced"]
    assert unbalanced.get("failures") == "2"
    assert unbalanced.get("tests") == "2"
    assert valid.findall(".//failure") == []
    assert valid.get("failures") == "0"
    assert warned.findall(".//failure") == []
    assert "amount.precision" in (warned.findtext("system-out") or "")
    assert missing.get("errors") == "1"
    assert missing.find("testcase/error") is not None


def test_junit_strict_warnings_fail(tmp_path: Path) -> None:
    path = tmp_path / "w.xml"
    path.write_text(WARNING, encoding="utf-8")
    root = etree.fromstring(
        invoke("validate", "--strict", "--format", "junit", str(path)).stdout_bytes
    )
    assert [f.get("type") for f in root.iter("failure")] == ["invalid", "amount.precision"]


def test_junit_survives_characters_xml_cannot_carry(tmp_path: Path) -> None:
    path = tmp_path / "odd\x01<&>.xml"
    path.write_text(UNBALANCED, encoding="utf-8")
    root = etree.fromstring(invoke("validate", "--format", "junit", str(path)).stdout_bytes)
    assert root.find("testsuite").get("name").endswith("odd\ufffd<&>.xml")


def test_github_annotations(tmp_path: Path) -> None:
    names = _files(tmp_path)
    lines = invoke("validate", "--format", "github", *names).stdout.splitlines()
    error = next(line for line in lines if line.startswith("::error "))
    line = validate(Path(names[0])).issues[0].line
    assert error.startswith(f"::error file={names[0]},line={line},title=journal.unbalanced::")
    assert any(line.startswith(f"::warning file={names[2]},line=") for line in lines)
    assert lines[-1] == f"{names[2]}: valid (0 errors, 1 warning)"


def test_github_escapes_properties_and_data(tmp_path: Path) -> None:
    path = tmp_path / "a,b:c%.xml"
    path.write_text(UNBALANCED, encoding="utf-8")
    line = invoke("validate", "--format", "github", str(path)).stdout.splitlines()[0]
    assert "a%2Cb%3Ac%25.xml" in line


def _write(fmt: str, result: FileResult) -> str:
    out = io.StringIO()
    writer = WRITERS[fmt](out, OutputOptions())
    writer.start()
    writer.file(result)
    writer.finish()
    return out.getvalue()


def test_omitted_issues_rendered_in_every_format() -> None:
    issue = Issue(code="schema.unknown-element", severity=Severity.ERROR, message="x", line=3)
    report = Report(issues=(issue,), omitted={"schema.unknown-element": 999_999})
    result = FileResult(name="big.xml", report=report)
    assert "999,999 more issues of code schema.unknown-element were not kept." in _write(
        "text", result
    )
    assert json.loads(_write("json", result))["files"][0]["omitted"] == {
        "schema.unknown-element": 999_999
    }
    sarif = json.loads(_write("sarif", result))
    (note,) = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["descriptor"]["id"] == "schema.unknown-element"
    assert "999,999" in note["message"]["text"]
    assert "999,999 more" in _write("github", result)
    junit = etree.fromstring(_write("junit", result).encode())
    assert "999,999 more" in (junit.findtext("testsuite/system-out") or "")


def test_issues_past_max_issues_per_code_are_counted(tmp_path: Path) -> None:
    path = tmp_path / "many.xml"
    path.write_text(
        company(*(tx(Id=number, Colour="red") for number in range(1, 8))), encoding="utf-8"
    )
    text = invoke("validate", "--max-issues-per-code", "2", str(path)).stdout
    assert text.count("error schema.unknown-element") == 2
    assert f"{path}: schema.unknown-element: 5 more issues of code" in text
    entry = json.loads(
        invoke("validate", "--format", "json", "--max-issues-per-code", "2", str(path)).stdout
    )["files"][0]
    assert entry["omitted"]["schema.unknown-element"] == 5
    assert [i["code"] for i in entry["issues"]].count("schema.unknown-element") == 2


def test_sarif_rules_described_from_the_catalogue(tmp_path: Path) -> None:
    from zynk_sage50.rules.catalogue import CATALOGUE  # noqa: PLC0415

    names = _files(tmp_path)
    driver = json.loads(invoke("validate", "--format", "sarif", *names).stdout)["runs"][0]["tool"][
        "driver"
    ]
    for rule in driver["rules"]:
        entry = CATALOGUE[rule["id"]]
        assert rule["shortDescription"]["text"] == entry.summary
        assert (
            rule["defaultConfiguration"]["level"]
            == {
                "error": "error",
                "warning": "warning",
                "info": "note",
            }[entry.severity.value]
        )
