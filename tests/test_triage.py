"""``triage`` and ``zynk-sage50 triage``: what Zynk would import, and its fail file."""

from __future__ import annotations

import inspect
import itertools
import json
from collections import Counter
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import zynk_sage50 as zs
from tests.documents import company, customer, sales_invoice, tx
from zynk_sage50.cli import main
from zynk_sage50.strategies import INVALID_CODES, invalid_documents
from zynk_sage50.triaging import ERROR_NAME, Reason

DATE = "2019-05-16T00:00:00"
WHEN = datetime(2026, 11, 30, 9, 15, tzinfo=timezone.utc)
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def journal_line(kind: str, nominal: str, amount: str, row_id: int) -> str:
    return tx(
        Id=row_id,
        TransactionType=kind,
        AccountReference=nominal,
        Reference="J1",
        TransactionDate=DATE,
        NetAmount=amount,
        TaxCode=9,
    )


def receipt(row_id: int, reference: str = "SI1", account: str = "ABS001") -> str:
    return tx(
        Id=row_id,
        TransactionType="SalesReceiptOnAccount",
        AccountReference=account,
        TransactionDate=DATE,
        Reference=reference,
        BankReference="1200",
        NetAmount="50.00",
        TaxCode=9,
    )


# --- reading the outputs independently of the library -------------------------------------

RECORD_TAGS = ("Customer", "Invoice", "Transaction")


def _tree(text: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)
    return etree.fromstring(text.encode(), parser)


def _shape(element: etree._Element) -> Any:
    """An element as comparable data: tag, attributes, stripped text, children."""
    children = [child for child in element if isinstance(child.tag, str)]
    text = (element.text or "").strip() if not children else ""
    return (element.tag, tuple(sorted(element.attrib.items())), text, tuple(map(_shape, children)))


def _without_triage_errors(element: etree._Element) -> etree._Element:
    """The record as it was before triage added its Errors/Error."""
    for errors in element.findall("Errors"):
        for error in errors.findall("Error"):
            if (error.findtext("Name") or "").startswith(ERROR_NAME + " "):
                errors.remove(error)
        if len(errors) == 0:
            element.remove(errors)
    return element


def records(text: str, *, strip: bool = False) -> list[Any]:
    root = _tree(text)
    found = []
    for tag in RECORD_TAGS:
        for element in root.iterfind(f"*/{tag}"):
            found.append(_shape(_without_triage_errors(element) if strip else element))
    return found


def errors_of(text: str) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """(kind, Id) → the (Date, Name, Description) of each Error triage added."""
    found: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for element in _tree(text).iterfind("*/*"):
        errors = [
            (e.findtext("Date") or "", e.findtext("Name") or "", e.findtext("Description") or "")
            for e in element.iterfind("Errors/Error")
        ]
        found[str(element.tag), element.findtext("Id") or ""] = errors
    return found


# --- the decisions ----------------------------------------------------------------------------


def test_a_clean_document_is_accepted_whole() -> None:
    text = (EXAMPLES / "training-company.xml").read_text(encoding="utf-8")
    result = zs.triage(text, error_date=WHEN)
    assert result.rejections == ()
    assert result.accepted == zs.loads(text)
    assert records(result.rejected_xml) == []
    assert zs.loads(result.rejected_xml) == zs.Company()


def test_a_group_moves_with_its_worst_row_and_each_row_says_why() -> None:
    document = company(
        sales_invoice(Id=1),
        sales_invoice(Id=2, NominalCode=...),  # the second split has no NominalCode
        receipt(3, reference="OTHER"),
    )
    result = zs.triage(document, error_date=WHEN)
    rejected = {(r.record.index, r.reason) for r in result.rejections}
    assert rejected == {(2, Reason.ISSUE), (1, Reason.GROUP)}
    errors = errors_of(result.rejected_xml)
    date, name, description = errors["Transaction", "2"][0]
    assert (date, name) == ("2026-11-30T09:15:00+00:00", f"{ERROR_NAME} type.required-field")
    assert "NominalCode" in description
    date, name, description = errors["Transaction", "1"][0]
    assert name == f"{ERROR_NAME} type.required-field"
    assert description.startswith("Rejected with its group: Transaction[2] was rejected")
    assert [t.id for t in result.accepted.transactions.transaction] == [3]  # type: ignore[union-attr]


def test_an_unbalanced_journal_is_rejected_whole() -> None:
    document = company(
        journal_line("JournalDebit", "4000", "240.00", 1),
        journal_line("JournalCredit", "4001", "239.99", 2),
        sales_invoice(Id=3),
    )
    result = zs.triage(document)
    assert [r.index for r in result.rejected_records] == [1, 2]
    assert {r.code for r in result.rejections} == {"journal.unbalanced"}
    balanced = zs.triage(document, journal_variance_nominal="9998")
    assert balanced.rejections == ()


def test_a_receipt_follows_its_rejected_invoice_with_a_warning() -> None:
    document = company(sales_invoice(Id=1, NominalCode=...), receipt(2), receipt(3, "SI9"))
    result = zs.triage(document)
    (dependent,) = result.dependents
    assert dependent.record.index == 2
    assert dependent.reason is Reason.ALLOCATION
    assert dependent.message.startswith("Rejected with the invoice it is allocated to: ")
    assert dependent.cause is not None
    assert dependent.cause.index == 1
    assert [t.id for t in result.accepted.transactions.transaction] == [3]  # type: ignore[union-attr]


def test_dependents_of_a_rejected_new_customer_follow_unless_another_keeps_the_account() -> None:
    broken = customer(
        Id="C1", AccountReference="ABS001", CompanyName="A", DiscountType="DiscountTable"
    )
    result = zs.triage(company(sales_invoice(Id=1), customers=[broken]))
    assert {(r.record.kind, r.reason) for r in result.rejections} == {
        ("Customer", Reason.ISSUE),
        ("Transaction", Reason.CUSTOMER),
    }
    twice = [
        customer(Id="C1", AccountReference="ABS001", CompanyName="A"),
        customer(Id="C2", AccountReference="abs001", CompanyName="B"),
    ]
    kept = zs.triage(company(sales_invoice(Id=1), customers=twice))
    assert [(r.record.kind, r.record.index) for r in kept.rejections] == [("Customer", 2)]
    update = broken.replace("<Customer>", '<Customer RecordOperation="Update">')
    in_sage = zs.triage(company(sales_invoice(Id=1), customers=[update]))
    assert [r.record.kind for r in in_sage.rejections] == ["Customer"]  # the account exists


def test_values_order_and_namespaces_are_kept_and_together_they_are_the_input() -> None:
    document = company(
        sales_invoice(Id=1, Details="  spaced  & kept  "),
        sales_invoice(Id=2, Reference="SI2", NetAmount="12,50"),  # not a decimal
        receipt(3),
    ).replace('xmlns:xsd="http://www.w3.org/2001/XMLSchema"', 'xmlns:z="urn:z"')
    result = zs.triage(document)
    assert Counter(records(result.accepted_xml) + records(result.rejected_xml, strip=True)) == (
        Counter(records(document))
    )
    assert "<NetAmount>12,50</NetAmount>" in result.rejected_xml
    assert "  spaced  &amp; kept  " in result.accepted_xml
    for text in (result.accepted_xml, result.rejected_xml):
        assert _tree(text).nsmap == {
            "xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "z": "urn:z",
        }
    with pytest.raises(zs.SchemaBindingError):
        result.rejected  # noqa: B018 - a value no model can hold: only the XML has it


def test_the_fail_file_once_fixed_validates_and_imports() -> None:
    result = zs.triage(
        company(sales_invoice(Id=1), sales_invoice(Id=2, Reference="SI2", NetAmount="100,00"))
    )
    fixed = result.rejected_xml.replace(
        "<NetAmount>100,00</NetAmount>", "<NetAmount>100.00</NetAmount>"
    )
    report = zs.validate(fixed)
    assert report.errors == ()
    assert report.warnings == ()
    assert set(report.codes) == {"record.import-error"}
    assert len(report.infos) == 1
    assert "100,00" in report.infos[0].message
    model = zs.loads(fixed)
    assert model.transactions is not None
    (error,) = model.transactions.transaction[0].errors.error  # type: ignore[union-attr]
    assert error.name == f"{ERROR_NAME} schema.invalid-value"


def test_strict_rejects_warnings_too() -> None:
    document = company(sales_invoice(Id=1), receipt(2, reference=""))
    assert zs.triage(document).rejections == ()
    strict = zs.triage(document, strict=True)
    assert [r.code for r in strict.rejections] == ["allocation.missing-reference"]


def test_every_failing_record_is_rejected_whatever_max_issues_per_code() -> None:
    bad = [sales_invoice(Id=n, Reference=f"SI{n}", NominalCode=...) for n in (1, 2, 3)]
    result = zs.triage(company(*bad), limits=zs.Limits(max_issues_per_code=1))
    assert [r.index for r in result.rejected_records] == [1, 2, 3]
    assert result.report.omitted == {}


def test_a_model_is_triaged_like_its_xml() -> None:
    document = company(sales_invoice(Id=1), sales_invoice(Id=2, Reference="B", NominalCode=...))
    model = zs.loads(document)
    from_model = zs.triage(model, error_date=WHEN)
    from_text = zs.triage(zs.dumps(model), error_date=WHEN)
    assert from_model.rejected_xml == from_text.rejected_xml
    assert from_model.accepted == from_text.accepted


def test_triage_takes_every_option_of_validate() -> None:
    """The command hands triage() what it would hand validate()."""
    options = set(inspect.signature(zs.validate).parameters) - {"source", "progress"}
    assert options <= set(inspect.signature(zs.triage).parameters)


def test_tax_rates_mean_what_they_mean_for_validate() -> None:
    document = company(sales_invoice(Id=1, NetAmount="100.00", TaxAmount="17.50"))
    assert [r.code for r in zs.triage(document, strict=True).rejections] == ["amount.tax-mismatch"]
    rates = {1: Decimal("17.5")}
    assert zs.triage(document, strict=True, tax_rates=rates).rejections == ()


def test_what_cannot_be_read_raises_like_load() -> None:
    with pytest.raises(zs.MalformedXmlError):
        zs.triage("<Company><Transactions></Company>")
    with pytest.raises(zs.ReadError):
        zs.triage(Path("/nonexistent/file.xml"))


TRIAGE_CODES = [code for code in INVALID_CODES if not code.startswith("xml.")]


@given(st.sampled_from(TRIAGE_CODES).flatmap(invalid_documents))
def test_triage_properties_over_invalid_documents(document: str) -> None:
    result = zs.triage(document)
    # accepted + rejected == input, as multisets of records (the added Errors aside)
    assert Counter(records(result.accepted_xml) + records(result.rejected_xml, strip=True)) == (
        Counter(records(document))
    )
    # accepted validates with zero errors
    assert zs.validate(result.accepted_xml).errors == ()
    # every rejected record carries at least one Error
    rejected = _tree(result.rejected_xml)
    for tag in RECORD_TAGS:
        for element in rejected.iterfind(f"*/{tag}"):
            assert element.find("Errors/Error") is not None
    # no group is split: consecutive rows with one grouping key land on one side
    side = {}
    for name, text in (("accepted", result.accepted_xml), ("rejected", result.rejected_xml)):
        for row in _tree(text).iterfind("Transactions/Transaction"):
            side[_shape(_without_triage_errors(row))] = name
    rows = list(_tree(document).iterfind("Transactions/Transaction"))
    for before, after in itertools.pairwise(rows):
        key = _group_key(before)
        if key is not None and key == _group_key(after):
            assert side[_shape(before)] == side[_shape(after)]


def _group_key(row: etree._Element) -> tuple[str, ...] | None:
    """The importer's grouping keys (docs/rules.md, Grouping and Journals), as written."""
    if row.get("RecordOperation") == "Update":
        return None
    kind = (row.findtext("TransactionType") or "").strip()
    common = tuple(
        row.findtext(name) or "" for name in ("Reference", "SecondReference", "TransactionDate")
    )
    if kind in ("SalesInvoice", "SalesCredit", "PurchaseInvoice", "PurchaseCredit"):
        return (kind, row.findtext("AccountReference") or "", *common)
    if kind in ("JournalDebit", "JournalCredit"):
        return ("journal", *common)
    return None


# --- the command ------------------------------------------------------------------------------


def test_command_writes_both_files_and_exits_by_outcome(tmp_path: Path) -> None:
    runner = CliRunner()
    source = tmp_path / "in.xml"
    accepted, rejected = tmp_path / "ok.xml", tmp_path / "fail.xml"
    outputs = ["--accepted", str(accepted), "--rejected", str(rejected)]
    source.write_text(company(sales_invoice(Id=1)), encoding="utf-8")
    clean = runner.invoke(main, ["triage", str(source), *outputs])
    assert clean.exit_code == 0, clean.output
    assert "nothing rejected" in clean.output
    assert zs.load(accepted) == zs.load(source)
    assert records(rejected.read_text()) == []
    source.write_text(
        company(sales_invoice(Id=1), sales_invoice(Id=2, NominalCode=...), receipt(3)),
        encoding="utf-8",
    )
    some = runner.invoke(main, ["triage", str(source), *outputs])
    assert some.exit_code == 1, some.output
    assert "rejected Transaction[2] (Id 2): type.required-field" in some.output
    assert "with its group" in some.output
    assert "warning:" in some.output
    assert len(records(rejected.read_text())) == 3
    as_json = runner.invoke(main, ["triage", str(source), *outputs, "--format", "json"])
    data = json.loads(as_json.output)
    assert data["rejected"] == 3
    assert data["valid"] is False


def test_command_usage_and_unreadable(tmp_path: Path) -> None:
    runner = CliRunner()
    outputs = ["--accepted", str(tmp_path / "a.xml"), "--rejected", str(tmp_path / "r.xml")]
    assert runner.invoke(main, ["triage", str(tmp_path / "missing.xml"), *outputs]).exit_code == 2
    assert runner.invoke(main, ["triage", str(tmp_path)]).exit_code == 2  # outputs required
    bad = tmp_path / "bad.xml"
    bad.write_text("<Company><Transactions></Company>", encoding="utf-8")
    result = runner.invoke(main, ["triage", str(bad), *outputs])
    assert result.exit_code == 1
    assert "nothing written" in result.output
    assert not (tmp_path / "a.xml").exists()
