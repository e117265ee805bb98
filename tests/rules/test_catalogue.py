"""The catalogue of codes: declared once in code, documented in docs/ both ways, every example
in the reference pages gives its code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zynk_sage50.issues import Severity
from zynk_sage50.rules import CATALOGUE, REGISTRY
from zynk_sage50.rules import catalogue as catalogue_module
from zynk_sage50.rules.catalogue import Code, code_named, severity_of
from zynk_sage50.validation import validate

ROOT = Path(__file__).resolve().parents[2]
PAGES = (ROOT / "docs" / "rules.md", ROOT / "docs" / "invoices.md")
_SECTION = re.compile(
    r"^### `([a-z-]+\.[a-z-]+)` — (error|warning|info)\n(.*?)(?=^### |^## |\Z)", re.M | re.S
)
_XML = re.compile(r"```xml\n(.*?)```", re.S)


def sections() -> list[tuple[Path, str, str, str]]:
    """(page, code, severity, body) of every ``### `code` — severity`` section."""
    return [
        (page, match.group(1), match.group(2), match.group(3))
        for page in PAGES
        for match in _SECTION.finditer(page.read_text(encoding="utf-8"))
    ]


def test_every_catalogue_code_is_documented_and_every_documented_code_is_in_the_catalogue() -> (
    None
):
    documented = {code for _page, code, _severity, _body in sections()}
    assert documented == set(CATALOGUE)


@pytest.mark.parametrize(
    ("page", "code", "severity"),
    [(page.name, code, severity) for page, code, severity, _body in sections()],
)
def test_the_documented_severity_is_the_catalogue_s(page: str, code: str, severity: str) -> None:
    assert CATALOGUE[code].severity.value == severity, page


def test_the_invoice_summary_table_agrees_with_the_catalogue() -> None:
    text = PAGES[1].read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z-]+\.[a-z-]+)` \| (error|warning|info) \|", text, re.M)
    assert rows
    for code, severity in rows:
        assert CATALOGUE[code].severity.value == severity, code


def test_each_code_is_declared_once_as_a_module_constant() -> None:
    constants = {
        value.name: name
        for name, value in vars(catalogue_module).items()
        if isinstance(value, Code) and name.isupper()
    }
    assert set(constants) == set(CATALOGUE)
    for code in CATALOGUE.values():
        assert code.summary
        assert not code.summary.endswith(".")
        assert code_named(code.name) is code
        assert severity_of(code.name) is code.severity
        assert str(code) == code.name


def test_every_code_string_in_the_source_is_in_the_catalogue() -> None:
    """Modules that still write code strings (schema_check, validation) use catalogue codes."""
    pattern = re.compile(
        r"\"((?:xml|schema|type|field|update|amount|oss|transfer|duplicate|grouping|journal"
        r"|allocation|customer|reference|address|invoice)\.[a-z]+(?:-[a-z]+)*)\""
    )
    found: set[str] = set()
    for path in (ROOT / "src" / "zynk_sage50").rglob("*.py"):
        if "models" in path.parts or path.name == "catalogue.py":
            continue
        found.update(pattern.findall(path.read_text(encoding="utf-8")))
    assert found
    assert found <= set(CATALOGUE), found - set(CATALOGUE)


def test_rules_raise_only_catalogue_codes_with_the_catalogue_severity() -> None:
    """Every issue of every documented example has a catalogue code and its severity."""
    for _page, _code, _severity, body in sections():
        for example in _XML.findall(body):
            for issue in validate(example).issues:
                assert issue.code in CATALOGUE, issue
                assert issue.severity is CATALOGUE[issue.code].severity, issue


@pytest.mark.parametrize(
    ("code", "severity", "example"),
    [
        (code, severity, example)
        for _page, code, severity, body in sections()
        for example in _XML.findall(body)
    ],
)
def test_every_example_of_a_section_gives_its_code(code: str, severity: str, example: str) -> None:
    report = validate(example)
    assert {i.severity.value for i in report.issues if i.code == code} == {severity}, [
        str(issue) for issue in report.issues
    ]


def test_the_registry_holds_rules_of_every_kind() -> None:
    for kind in ("Transaction", "Customer", "Invoice"):
        assert REGISTRY.record_rules(kind)
    assert REGISTRY.document_rules()
    assert Severity.ERROR in {code.severity for code in CATALOGUE.values()}
