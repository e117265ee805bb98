"""``validate()`` end to end: every problem of a document, in order, from any kind of source."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conformance import CONFORMANCE
from tests.documents import company, customer, sales_invoice, tx
from zynk_sage50 import (
    Company,
    Customer,
    Customers,
    Limits,
    ReadError,
    Severity,
    Transaction,
    Transactions,
    TransactionType,
    loads,
    validate,
)
from zynk_sage50.rules import CATALOGUE

T = "/Company/Transactions/Transaction"


def line_of(xml: str, text: str, occurrence: int = 1) -> int:
    seen = 0
    for number, line in enumerate(xml.splitlines(), start=1):
        if text in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{text!r} not in the document")


#: One document with problems of many kinds, in several records.
MESSY = company(
    sales_invoice(Id=1, NetAmount=..., NettAmount="100.00"),
    tx(
        Id=2,
        TransactionType="BankReceipt",
        AccountReference="1200",
        NominalCode="7000",
        DueDate="2019-05-16T00:00:00",
        NetAmount="240",
        TaxCode="T9",
    ),
    tx(
        Id=2,
        TransactionType="SalesReceiptOnAccount",
        AccountReference="ABS001",
        BankReference="1200",
        NetAmount="120.005",
        TaxAmount="20",
    ),
    customers=[customer(Id="C1", AccountReference="ABS001", CompanyName="A", Currency="XYZ")],
)


def test_every_problem_is_reported_with_code_line_and_path_in_document_order() -> None:
    report = validate(MESSY)
    found = [(issue.code, issue.line, issue.path) for issue in report.issues]
    assert found == [
        (
            "customer.currency-unknown",
            line_of(MESSY, "<Currency>"),
            "/Company/Customers/Customer[1]/Currency",
        ),
        ("type.required-field", line_of(MESSY, "<Transaction>", 1), f"{T}[1]/NetAmount"),
        ("schema.unknown-element", line_of(MESSY, "<NettAmount>"), f"{T}[1]/NettAmount"),
        ("type.field-not-applicable", line_of(MESSY, "<DueDate>"), f"{T}[2]/DueDate"),
        ("schema.invalid-value", line_of(MESSY, "<TaxCode>T9"), f"{T}[2]/TaxCode"),
        ("allocation.missing-reference", line_of(MESSY, "<Transaction>", 3), f"{T}[3]"),
        ("duplicate.id", line_of(MESSY, "<Id>2</Id>", 2), f"{T}[3]/Id"),
        ("amount.precision", line_of(MESSY, "<NetAmount>120.005"), f"{T}[3]/NetAmount"),
        ("amount.tax-on-receipt", line_of(MESSY, "<TaxAmount>20<"), f"{T}[3]/TaxAmount"),
    ]
    indexes = [issue.record.index for issue in report.issues if issue.record]
    assert indexes == [1] + [1] * 2 + [2] * 2 + [3] * 4
    assert {issue.record.id for issue in report.issues[5:] if issue.record} == {"2"}
    assert [line for _, line, _ in found] == sorted(line for _, line, _ in found)
    assert all(issue.message.endswith((".", "?")) for issue in report.issues)


def test_a_record_failing_the_schema_is_still_checked_by_the_rules() -> None:
    xml = company(
        tx(
            TransactionType="SalesInvoice",
            AccountReference="ABS001",
            Details="x" * 61,  # schema.too-long
            TaxCode="100",  # schema.out-of-range
            NetAmount="1.001",
            Colour="red",  # schema.unknown-element
        )
    )
    codes = set(validate(xml).codes)
    assert {"schema.too-long", "schema.out-of-range", "schema.unknown-element"} <= codes
    assert {"type.required-field", "amount.precision"} <= codes  # NominalCode; 3 places


def test_a_field_failing_the_schema_is_not_also_missing() -> None:
    report = validate(company(sales_invoice(NominalCode=None, NetAmount="")))
    assert sorted(report.codes) == ["schema.invalid-value", "schema.invalid-value"]


# --- sources ----------------------------------------------------------------------------------

CLEAN = company(sales_invoice())
BROKEN = company(sales_invoice(NominalCode=...))


@pytest.fixture
def broken_file(tmp_path: Path) -> Path:
    path = tmp_path / "broken.xml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def _expected(report_codes: tuple[str, ...]) -> None:
    assert report_codes == ("type.required-field",)


def test_a_path_object(broken_file: Path) -> None:
    _expected(validate(broken_file).codes)


def test_a_path_string(broken_file: Path) -> None:
    _expected(validate(str(broken_file)).codes)


def test_bytes() -> None:
    _expected(validate(BROKEN.encode("utf-8")).codes)
    _expected(validate(bytearray(BROKEN.encode("utf-8"))).codes)


def test_xml_text() -> None:
    _expected(validate(BROKEN).codes)
    _expected(validate("\ufeff" + BROKEN).codes)


def test_a_binary_file(broken_file: Path) -> None:
    _expected(validate(io.BytesIO(BROKEN.encode("utf-8"))).codes)
    with broken_file.open("rb") as handle:
        _expected(validate(handle).codes)


def test_the_same_issue_from_every_source(broken_file: Path) -> None:
    reports = [validate(broken_file), validate(BROKEN.encode()), validate(BROKEN)]
    assert len({report.issues for report in reports}) == 1


def test_a_company_model_has_paths_but_no_lines() -> None:
    model = Company(
        transactions=Transactions(
            transaction=[
                Transaction(
                    id=4,
                    transaction_type=TransactionType.SALES_INVOICE,
                    account_reference="ZZZ001",
                    net_amount=Decimal("1.005"),
                )
            ]
        ),
        customers=Customers(customer=[Customer(account_reference="ABS001", company_name="A")]),
    )
    report = validate(model)
    assert [issue.code for issue in report.issues] == [
        "type.required-field",
        "amount.precision",
        "reference.unknown-customer",
    ]
    assert all(issue.line is None for issue in report.issues)
    assert report.issues[0].path == f"{T}[1]/NominalCode"
    assert report.issues[0].record is not None
    assert report.issues[0].record.id == "4"


def test_a_loaded_model_gives_the_rule_issues_of_its_text() -> None:
    model = loads(BROKEN)
    assert validate(model).codes == validate(BROKEN).codes


def test_a_missing_file_raises_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError):
        validate(tmp_path / "missing.xml")
    with pytest.raises(ReadError):
        validate(tmp_path)


def test_a_text_mode_file_raises_read_error(broken_file: Path) -> None:
    with broken_file.open(encoding="utf-8") as handle, pytest.raises(ReadError):
        validate(handle)  # type: ignore[arg-type]


# --- the report -------------------------------------------------------------------------------


def test_errors_make_a_report_invalid() -> None:
    report = validate(BROKEN)
    assert not report.valid
    assert [issue.code for issue in report.errors] == ["type.required-field"]
    assert report.warnings == ()


def test_warnings_only_make_it_invalid_when_strict() -> None:
    xml = company(sales_invoice(NetAmount="100.005"))
    lenient, strict = validate(xml), validate(xml, strict=True)
    assert [i.code for i in lenient.warnings] == ["amount.precision"]
    assert lenient.valid
    assert not lenient.strict
    assert not strict.valid
    assert strict.strict
    assert strict.issues == lenient.issues


def test_info_never_makes_it_invalid() -> None:
    xml = company(sales_invoice(AccountReference="ZZZ001"), customers=[])
    report = validate(xml, strict=True)
    assert [(i.code, i.severity) for i in report.issues] == [
        ("reference.unknown-customer", Severity.INFO)
    ]
    assert report.valid


def test_a_clean_document() -> None:
    report = validate(CLEAN)
    assert report.issues == ()
    assert report.valid
    assert report.counts() == {"error": 0, "warning": 0, "info": 0}


def test_to_dict_is_the_cli_json_shape() -> None:
    data = validate(MESSY).to_dict()
    assert set(data) == {"valid", "counts", "issues", "omitted"}
    assert data["valid"] is False
    assert data["counts"] == {"error": 4, "warning": 5, "info": 0}
    first = data["issues"][1]
    assert first == {
        "code": "type.required-field",
        "severity": "error",
        "message": first["message"],
        "line": line_of(MESSY, "<Transaction>"),
        "path": f"{T}[1]/NetAmount",
        "record": {"kind": "Transaction", "index": 1, "id": "1"},
    }
    json.dumps(data)  # serialisable as is


def test_a_file_level_issue_has_no_path_or_record() -> None:
    (issue,) = validate("<Company>").to_dict()["issues"]
    assert issue["code"] == "xml.malformed"
    assert issue["path"] is None
    assert issue["record"] is None
    assert issue["line"] == 1


# --- exact decimals ---------------------------------------------------------------------------


def _journal(*lines: tuple[str, str]) -> str:
    return company(
        *(
            tx(
                TransactionType=kind,
                AccountReference="4000" if kind == "JournalDebit" else "4001",
                Reference="JDC1",
                TransactionDate="2019-05-16T00:00:00",
                NetAmount=amount,
            )
            for kind, amount in lines
        )
    )


def test_point_one_plus_point_two_balances_point_three() -> None:
    xml = _journal(("JournalDebit", "0.10"), ("JournalDebit", "0.20"), ("JournalCredit", "0.30"))
    assert validate(xml).issues == ()
    assert 0.10 + 0.20 != 0.30  # what floats would have made of it


def test_a_one_penny_variance_is_found_exactly() -> None:
    xml = _journal(("JournalDebit", "0.10"), ("JournalDebit", "0.20"), ("JournalCredit", "0.31"))
    (issue,) = validate(xml).issues
    assert issue.code == "journal.unbalanced"
    assert "0.01" in issue.message


def test_a_transfer_at_a_rate_is_computed_exactly() -> None:
    xml = company(
        tx(
            TransactionType="BankTransfer",
            FromBankAccount="1200",
            ToBankAccount="1210",
            Reference="BT1",
            PaymentAmount="100",
            ReceiptAmount="110.00",
            ExchangeRate="1.1",
        )
    )
    assert validate(xml).issues == ()
    assert 100 * 1.1 != 110.0


def test_amount_precision_sees_every_digit() -> None:
    xml = company(sales_invoice(NetAmount="0.30000000000000004", TaxAmount="0.06"))
    (issue,) = validate(xml).issues
    assert issue.code == "amount.precision"
    assert "0.30000000000000004" in issue.message
    exact = sales_invoice(NetAmount="0.300000000000000000", TaxAmount="0.06")
    assert validate(company(exact)).issues == ()


# --- the rule reference page ------------------------------------------------------------------

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
SPEC = CONFORMANCE.parent / "spec" / "rules.md"


def _invoice_codes() -> set[str]:
    """The codes docs/invoices.md documents."""
    text = (DOCS.parent / "invoices.md").read_text(encoding="utf-8")
    return set(re.findall(r"`((?:invoice|record)\.[a-z-]+)`", text))


def _documented() -> dict[str, str]:
    """Each ``### `code``` section of docs/rules.md and its body."""
    parts = re.split(r"^### `([^`]+)`.*$", DOCS.read_text(encoding="utf-8"), flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_code_of_the_spec_is_in_the_catalogue_and_documented() -> None:
    spec = set(re.findall(r"^\| `([a-z]+\.[a-z-]+)` \|", SPEC.read_text("utf-8"), re.M))
    assert spec, "the spec's catalogue table was not found"
    assert spec <= set(CATALOGUE)
    assert spec <= set(_documented()) | set(_invoice_codes())


@pytest.mark.parametrize("code", list(_documented()))
def test_each_documented_example_gives_its_code(code: str) -> None:
    body = _documented()[code]
    severity = DOCS.read_text(encoding="utf-8").split(f"### `{code}` — ", 1)[1].split("\n")[0]
    example = re.search(r"```xml\n(.*?)```", body, flags=re.S)
    if code == "xml.too-large":
        report = validate(
            "<Company><Transactions><Transaction><Id>1</Id></Transaction></Transactions></Company>",
            limits=Limits(max_depth=3),
        )
    elif code == "journal.variance-posted":
        unbalanced = re.search(r"```xml\n(.*?)```", _documented()["journal.unbalanced"], re.S)
        assert unbalanced is not None
        report = validate(unbalanced.group(1), journal_variance_nominal="9998")
    else:
        assert example is not None, f"{code} has no XML example"
        report = validate(example.group(1))
    assert {issue.severity.value for issue in report.issues if issue.code == code} == {severity}
