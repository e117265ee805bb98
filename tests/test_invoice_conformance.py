"""The Invoice samples of ``shared/conformance/invoices``, walked from ``invoice_manifest.tsv``.

Each row gives the expected outcome of reading the file (``load``, ``xml.malformed`` or the
schema code that stops it loading) and of the invoice rules on its bound invoices: the error
codes, and the warning and info codes (``expected_rule_notices``). A file that loads must
round-trip losslessly: ``dumps`` → ``loads`` gives an equal model, ``dumps`` is stable, and every
leaf element's text is kept.
"""

from __future__ import annotations

import csv
import re
import xml.parsers.expat
from pathlib import Path
from typing import NamedTuple

import pytest

import zynk_sage50 as zs
from tests.conftest import CONFORMANCE_DIR, manifest_rows
from tests.leaves import leaves, trusted_tree
from tests.test_invoice_support import codes, invoice_issues, of
from zynk_sage50.issues import Severity

MANIFEST = Path(__file__).with_name("invoice_manifest.tsv")
INVOICES = CONFORMANCE_DIR / "invoices"
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


class Row(NamedTuple):
    file: str
    expected: str
    errors: frozenset[str]
    notices: frozenset[str]
    notes: str

    @property
    def path(self) -> Path:
        return INVOICES / self.file


def _codes(cell: str) -> frozenset[str]:
    return frozenset() if cell in ("", "-") else frozenset(c.strip() for c in cell.split(","))


def rows() -> list[Row]:
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        return [
            Row(
                file=row["file"],
                expected=row["expected"],
                errors=_codes(row["expected_rule_errors"]),
                notices=_codes(row["expected_rule_notices"]),
                notes=row["notes"],
            )
            for row in csv.DictReader(handle, delimiter="\t")
        ]


ROWS = rows()
LOADING = [row for row in ROWS if row.expected == "load"]
MALFORMED = [row for row in ROWS if row.expected == "xml.malformed"]
SCHEMA = [row for row in ROWS if row.expected.startswith("schema.")]
READABLE = [row for row in ROWS if row.expected != "xml.malformed"]


def _ids(selected: list[Row]) -> list[str]:
    return [row.file for row in selected]


def test_manifest_covers_every_invoice_sample_once() -> None:
    files = [row.file for row in ROWS]
    assert len(files) == len(set(files))
    on_disk = {path.name for path in INVOICES.glob("*.xml")}
    assert set(files) == on_disk
    assert {row.expected for row in ROWS} <= {"load", "xml.malformed", "schema.invalid-value"}
    # The shared manifest agrees on which ones are not XML.
    shared = {
        row.file.removeprefix("invoices/"): row.kind
        for row in manifest_rows()
        if row.file.startswith("invoices/")
    }
    assert set(shared) == on_disk
    assert {name for name, kind in shared.items() if kind == "malformed"} == {
        row.file for row in MALFORMED
    }


# --- reading ---------------------------------------------------------------------------------


def _same_value(before: str, after: str) -> bool:
    """Equal, or a number or boolean written canonically (blanks stripped, 1/0 as true/false)."""
    if before == after:
        return True
    stripped = before.strip()
    if stripped == after and _NUMBER.fullmatch(after):
        return True
    return (stripped, after) in {("1", "true"), ("0", "false"), ("true", "true")}


def assert_round_trips_without_loss(data: bytes) -> zs.Company:
    model = zs.loads(data)
    written = zs.dumps(model)
    reloaded = zs.loads(written)
    assert reloaded == model
    assert zs.dumps(reloaded) == written, "dumps is not stable across a reload"
    source, output = trusted_tree(data), trusted_tree(written.encode("utf-8"))
    assert output.nsmap == source.nsmap
    before, nils = leaves(source)
    after, written_nils = leaves(output)
    assert not written_nils, f"xsi:nil written: {sorted(written_nils)}"
    assert before.keys() - nils == after.keys() - nils
    assert not nils & after.keys()
    changed = {p: (before[p], after[p]) for p in before if not _same_value(before[p], after[p])}
    assert not changed, f"leaf values changed: {changed}"
    return model


@pytest.mark.parametrize("row", LOADING, ids=_ids(LOADING))
def test_sample_loads_and_round_trips_without_loss(row: Row) -> None:
    model = assert_round_trips_without_loss(row.path.read_bytes())
    assert model.invoices is not None
    assert model.invoices.invoice


@pytest.mark.parametrize("row", MALFORMED, ids=_ids(MALFORMED))
def test_malformed_sample_is_reported_with_its_line(row: Row) -> None:
    data = row.path.read_bytes()
    expat = xml.parsers.expat.ParserCreate()
    with pytest.raises(xml.parsers.expat.ExpatError) as reference:
        expat.Parse(data, True)
    line = reference.value.lineno
    with pytest.raises(zs.MalformedXmlError) as caught:
        zs.load(row.path)
    assert caught.value.line == line
    report = zs.validate(row.path)
    assert report.codes == ("xml.malformed",)
    assert report.issues[0].line == line
    assert f"line {line}" in report.issues[0].message


@pytest.mark.parametrize("row", SCHEMA, ids=_ids(SCHEMA))
def test_schema_failing_sample_gives_its_code(row: Row) -> None:
    with pytest.raises(zs.SchemaBindingError) as caught:
        zs.load(row.path)
    assert {issue.code for issue in caught.value.issues} == {row.expected}
    report = zs.validate(row.path)
    assert [code for code in report.codes if code.startswith(("xml.", "schema."))] == [
        row.expected
    ]


# --- the invoice rules -------------------------------------------------------------------------


@pytest.mark.parametrize("row", READABLE, ids=_ids(READABLE))
def test_invoice_rules_give_the_expected_codes(row: Row) -> None:
    issues = invoice_issues(row.path.read_text(encoding="utf-8"))
    errors = {i.code for i in issues if i.severity is Severity.ERROR}
    notices = {i.code for i in issues if i.severity is not Severity.ERROR}
    assert errors == row.errors, [str(issue) for issue in issues]
    assert notices == row.notices, [str(issue) for issue in issues]


# --- the decisions these samples show ------------------------------------------------------------


def test_i4_the_date_only_due_date_loads_once_it_has_a_time() -> None:
    text = (INVOICES / "sage-50-uk-invoice-xml__3.xml").read_text(encoding="utf-8")
    assert "<DueDate>2014-01-31</DueDate>" in text
    fixed = text.replace("<DueDate>2014-01-31</DueDate>", "<DueDate>2014-01-31T00:00:00</DueDate>")
    model = assert_round_trips_without_loss(fixed.encode("utf-8"))
    assert model.invoices is not None
    assert str(model.invoices.invoice[0].due_date) == "2014-01-31T00:00:00"
    (issue,) = [i for i in zs.validate(text).issues if i.code.startswith("schema.")]
    assert (issue.code, issue.line) == ("schema.invalid-value", 9)
    assert "2019-05-16T00:00:00" in issue.message


def test_i6_the_export_sample_with_its_ampersand_escaped_is_the_export_shape() -> None:
    text = (INVOICES / "exporting-invoices-from-sage-50-uk__1.xml").read_text(encoding="utf-8")
    lines = text.splitlines()
    with pytest.raises(zs.MalformedXmlError) as caught:
        zs.load(INVOICES / "exporting-invoices-from-sage-50-uk__1.xml")
    assert "Tyne & Wear" in lines[(caught.value.line or 0) - 1]
    fixed = text.replace("Tyne & Wear", "Tyne &amp; Wear")
    model = assert_round_trips_without_loss(fixed.encode("utf-8"))
    assert model.invoices is not None
    invoice = model.invoices.invoice[0]
    assert invoice.currency_used is None  # xsi:nil
    assert invoice.invoice_items is not None
    assert [item.sku for item in invoice.invoice_items.item] == ["BOOKS002", "BOOKS003"]
    assert invoice.carriage is not None
    assert invoice.carriage.sku == ""
    issues = invoice_issues(fixed)
    assert {i.code for i in issues if i.severity is Severity.ERROR} == set()
    exported = {issue.path.split("Invoice[1]/")[1] for issue in of(issues, "field.export-only")}
    assert {"UniqueId", "ItemsNet", "PostedFlag", "InvoiceAddress/Description"} <= exported
    assert "InvoiceItems/Item[2]/TotalNet" in exported
    assert "Carriage/Type" in exported
    assert "CurrencyUsed" not in exported  # nil carries nothing
    # The export writes the default BankAccount without a payment: ignored on import.
    assert set(codes(issues)) == {"field.export-only", "invoice.payment-without-amount"}


def test_i8_the_truncated_update_sample_loads_once_closed() -> None:
    text = (INVOICES / "sage-50-uk-update-invoice-xml__1.xml").read_text(encoding="utf-8")
    assert text.rstrip().endswith("</Invoices>")
    model = assert_round_trips_without_loss((text + "</Company>\n").encode("utf-8"))
    assert model.invoices is not None
    assert codes(invoice_issues(text + "</Company>\n")) == ["invoice.update"]


def test_i1_invoice_numbers_are_kept_as_written() -> None:
    text = (INVOICES / "sage-50-uk-update-ledger-xml__1.xml").read_text(encoding="utf-8")
    padded = text.replace(
        "<InvoiceNumber>2352</InvoiceNumber>", "<InvoiceNumber>0002352</InvoiceNumber>"
    )
    model = assert_round_trips_without_loss(padded.encode("utf-8"))
    assert model.invoices is not None
    assert model.invoices.invoice[0].invoice_number == "0002352"
    for wrong in ("12345678", "INV1", "-1"):
        report = zs.validate(text.replace(">2352<", f">{wrong}<"))
        assert "schema.invalid-value" in report.codes


def test_i7_a_telephone_longer_than_sage_column_is_too_long() -> None:
    text = (INVOICES / "updating-invoices__1.xml").read_text(encoding="utf-8")
    longer = text.replace("0191 123 2920", "0" * 31)
    report = zs.validate(longer)
    assert "schema.too-long" in report.codes


def test_training_day_example_has_all_three_collections_and_no_invoice_issues() -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "training-day.xml"
    model = zs.load(example)
    assert model.customers is not None
    assert model.invoices is not None
    assert model.transactions is not None
    text = example.read_text(encoding="utf-8")
    assert text.index("<Customers>") < text.index("<Invoices>") < text.index("<Transactions>")
    assert invoice_issues(text) == []
    assert zs.validate(example).issues == ()
    assert_round_trips_without_loss(example.read_bytes())
