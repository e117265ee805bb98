"""Files checked together as one import (``validate_together``, ``validate --together``): the
rules across records see every file, each issue names its file, and nothing runs on from one
file into the next."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import zynk_sage50 as zs
from zynk_sage50.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "training-company.xml"


def customer(reference: str, customer_id: str) -> str:
    return (
        f"<Customer><Id>{customer_id}</Id><AccountReference>{reference}</AccountReference>"
        f"<CompanyName>{reference} Ltd</CompanyName></Customer>"
    )


def row(
    number: int,
    kind: str,
    account: str,
    reference: str,
    net: str,
    *,
    tax: str = "0.00",
    date: str = "2026-11-02",
) -> str:
    nominal = "<BankReference>1200</BankReference>" if "Receipt" in kind else ""
    nominal = nominal or "<NominalCode>4000</NominalCode>"
    tax_code = 9 if "Receipt" in kind else 1
    tax_element = "" if "Receipt" in kind else f"<TaxAmount>{tax}</TaxAmount>"
    return (
        f"<Transaction><Id>{number}</Id><TransactionType>{kind}</TransactionType>"
        f"<AccountReference>{account}</AccountReference>"
        f"<TransactionDate>{date}T00:00:00</TransactionDate><Reference>{reference}</Reference>"
        f"{nominal}<Details>d</Details><NetAmount>{net}</NetAmount>"
        f"<TaxCode>{tax_code}</TaxCode>{tax_element}</Transaction>"
    )


def journal(number: int, kind: str, reference: str, net: str) -> str:
    return (
        f"<Transaction><Id>{number}</Id><TransactionType>{kind}</TransactionType>"
        f"<AccountReference>4000</AccountReference>"
        f"<TransactionDate>2026-11-05T00:00:00</TransactionDate><Reference>{reference}</Reference>"
        f"<Details>j</Details><NetAmount>{net}</NetAmount>"
        f"<TaxCode>9</TaxCode></Transaction>"
    )


def document(
    *, customers: list[str] | None = None, transactions: list[str] | None = None
) -> bytes:
    parts = ["<Company>"]
    if customers is not None:
        parts.append("<Customers>\n" + "\n".join(customers) + "\n</Customers>")
    if transactions is not None:
        parts.append("<Transactions>\n" + "\n".join(transactions) + "\n</Transactions>")
    parts.append("</Company>")
    return "\n".join(parts).encode()


CUSTOMERS = document(customers=[customer("ACME01", "C1"), customer("BRIGHT01", "C2")])
INVOICE = row(1, "SalesInvoice", "ACME01", "INV1", "100.00", tax="20.00")
RECEIPT = row(2, "SalesReceiptOnAccount", "ACME01", "INV1", "120.00", date="2026-11-03")


def issues_of(report: zs.ImportSetReport, code: str) -> list[zs.Issue]:
    return [issue for issue in report.issues if issue.code == code]


def test_files_that_are_valid_together_are_valid_alone_and_together() -> None:
    sources = {"customers.xml": CUSTOMERS, "sales.xml": document(transactions=[INVOICE, RECEIPT])}
    together = zs.validate_together(sources)
    assert together.valid
    assert list(together.reports) == ["customers.xml", "sales.xml"]
    assert all(zs.validate(source).valid for source in sources.values())


def test_a_customer_defined_in_another_file_is_known() -> None:
    unknown = row(3, "SalesInvoice", "NOBODY", "INV9", "10.00", tax="2.00")
    sales = document(transactions=[INVOICE, unknown])
    together = zs.validate_together({"customers.xml": CUSTOMERS, "sales.xml": sales})
    found = issues_of(together, "reference.unknown-customer")
    assert [(issue.file, issue.record.index if issue.record else None) for issue in found] == [
        ("sales.xml", 2)
    ]
    assert "the files checked together" in found[0].message
    # Alone, the sales file has no Customers, so no account can be called unknown.
    assert "reference.unknown-customer" not in zs.validate(sales).codes


def test_an_allocation_finds_its_invoice_in_another_file() -> None:
    invoices = document(transactions=[INVOICE])
    receipts = document(transactions=[RECEIPT.replace("<Id>2</Id>", "<Id>7</Id>")])
    alone = zs.validate(receipts)
    assert "allocation.target-outside-document" in alone.codes
    together = zs.validate_together({"invoices.xml": invoices, "receipts.xml": receipts})
    assert "allocation.target-outside-document" not in together.codes
    too_much = receipts.replace(b"120.00", b"500.00")
    over = zs.validate_together({"invoices.xml": invoices, "receipts.xml": too_much})
    [issue] = issues_of(over, "allocation.over-allocated")
    assert issue.file == "receipts.xml"
    assert "in invoices.xml (line" in issue.message


def test_duplicate_ids_and_account_references_across_files_name_the_other_file() -> None:
    first = document(customers=[customer("ACME01", "C1")], transactions=[INVOICE])
    second = document(
        customers=[customer("acme01 ", "C1")],
        transactions=[row(1, "SalesInvoice", "ACME01", "INV2", "5.00", tax="1.00")],
    )
    together = zs.validate_together({"a.xml": first, "b.xml": second})
    duplicates = issues_of(together, "duplicate.id")
    assert {(issue.file, issue.path) for issue in duplicates} == {
        ("b.xml", "/Company/Customers/Customer[1]/Id"),
        ("b.xml", "/Company/Transactions/Transaction[1]/Id"),
    }
    assert all(" in a.xml (line " in issue.message for issue in duplicates)
    [reference] = issues_of(together, "customer.duplicate-account-reference")
    assert reference.file == "b.xml"
    assert " in a.xml (line " in reference.message
    assert zs.validate(first).valid
    assert zs.validate(second).valid


def test_a_group_does_not_run_on_into_the_next_file() -> None:
    second_half = row(5, "SalesInvoice", "ACME01", "INV1", "50.00", tax="10.00")
    together = zs.validate_together(
        {"a.xml": document(transactions=[INVOICE]), "b.xml": document(transactions=[second_half])}
    )
    [split] = issues_of(together, "grouping.split-group")
    assert split.file == "b.xml"
    assert "different files" in split.message
    assert "Transaction[1] in a.xml (line" in split.message


def test_a_journal_does_not_balance_across_files() -> None:
    debit = journal(1, "JournalDebit", "J1", "100.00")
    credit = journal(2, "JournalCredit", "J1", "100.00")
    whole = document(transactions=[debit, credit])
    assert zs.validate(whole).valid
    together = zs.validate_together(
        {"a.xml": document(transactions=[debit]), "b.xml": document(transactions=[credit])}
    )
    assert not together.valid
    one_sided = issues_of(together, "journal.one-sided")
    assert [issue.file for issue in one_sided] == ["a.xml", "b.xml"]


def test_every_issue_names_its_file_schema_and_record_rules_included() -> None:
    broken = document(transactions=[INVOICE.replace("100.00", "ten")])
    together = zs.validate_together({"customers.xml": CUSTOMERS, "broken.xml": broken})
    assert together.issues
    assert {issue.file for issue in together.issues} == {"broken.xml"}
    assert all(str(issue).startswith("broken.xml, line ") for issue in together.issues)
    assert together.reports["customers.xml"].valid
    as_json = together.reports["broken.xml"].to_dict()["issues"][0]
    assert as_json["file"] == "broken.xml"
    assert "file" not in zs.validate(broken).to_dict()["issues"][0]


def test_paths_are_named_as_given_and_models_join_a_set(tmp_path: Path) -> None:
    (tmp_path / "c.xml").write_bytes(CUSTOMERS)
    (tmp_path / "t.xml").write_bytes(document(transactions=[INVOICE, RECEIPT]))
    names: list[str | Path] = [str(tmp_path / "c.xml"), tmp_path / "t.xml"]
    together = zs.validate_together(names)
    assert list(together.reports) == [str(tmp_path / "c.xml"), str(tmp_path / "t.xml")]
    assert together.valid
    model = zs.loads(document(transactions=[INVOICE]))
    mixed = zs.validate_together({"model": model, "again.xml": document(transactions=[INVOICE])})
    [duplicate] = issues_of(mixed, "duplicate.id")
    assert (duplicate.file, duplicate.line) == ("again.xml", 3)
    assert "of transaction 1 in model:" in duplicate.message  # a model has no lines to quote


def test_wrong_sources_are_type_errors_and_unreadable_files_read_errors(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="given twice"):
        zs.validate_together([str(EXAMPLE), EXAMPLE])
    with pytest.raises(TypeError, match="mapping of names"):
        zs.validate_together([CUSTOMERS])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="list of paths"):
        zs.validate_together(str(EXAMPLE))  # a str is a sequence, but not of paths
    with pytest.raises(zs.ReadError):
        zs.validate_together([tmp_path / "missing.xml"])
    (tmp_path / "c.xml").write_bytes(CUSTOMERS)
    with pytest.raises(TypeError, match="given twice"):
        zs.validate_together([tmp_path / "c.xml", f"{tmp_path}/./c.xml"])
    model = zs.loads(CUSTOMERS)
    with pytest.raises(TypeError, match="same Company"):
        zs.validate_together({"a": model, "b": model})


def test_an_unreadable_file_in_a_set_is_one_xml_issue_and_the_rest_are_checked() -> None:
    together = zs.validate_together(
        {"bad.xml": b"<Company><Transactions>", "customers.xml": CUSTOMERS}
    )
    assert together.reports["bad.xml"].codes == ("xml.malformed",)
    assert together.reports["customers.xml"].valid


def test_no_customer_is_called_unknown_when_a_file_could_not_be_read() -> None:
    """The unreadable file may have held the customers the others name."""
    sales = document(
        customers=[customer("BRIGHT01", "C2")],
        transactions=[row(3, "SalesInvoice", "ACME01", "INV9", "10.00", tax="2.00")],
    )
    assert "reference.unknown-customer" in zs.validate(sales).codes
    broken = CUSTOMERS[:-20]
    together = zs.validate_together({"customers.xml": broken, "sales.xml": sales})
    assert together.reports["customers.xml"].codes == ("xml.malformed",)
    assert "reference.unknown-customer" not in together.codes


# --- the command --------------------------------------------------------------------------


def _write(tmp_path: Path) -> list[str]:
    (tmp_path / "customers.xml").write_bytes(CUSTOMERS)
    (tmp_path / "sales.xml").write_bytes(
        document(transactions=[INVOICE, row(3, "SalesInvoice", "NOBODY", "X", "1.00", tax="0.20")])
    )
    return [str(tmp_path / "customers.xml"), str(tmp_path / "sales.xml")]


def test_command_together_reports_per_file_with_cross_file_issues(tmp_path: Path) -> None:
    names = _write(tmp_path)
    runner = CliRunner()
    alone = runner.invoke(main, ["validate", "--format", "json", *names])
    together = runner.invoke(main, ["validate", "--together", "--format", "json", *names])
    assert alone.exit_code == together.exit_code == 0  # an unknown customer is an info
    files = json.loads(together.stdout)["files"]
    assert [entry["path"] for entry in files] == names
    [issue] = files[1]["issues"]
    assert (issue["code"], issue["file"]) == ("reference.unknown-customer", names[1])
    assert json.loads(alone.stdout)["files"][1]["issues"] == []
    text = runner.invoke(main, ["validate", "--together", *names]).stdout
    assert f"{names[1]}:4: info reference.unknown-customer:" in text


def test_command_together_directory_missing_file_and_a_file_twice(tmp_path: Path) -> None:
    names = _write(tmp_path)
    runner = CliRunner()
    result = runner.invoke(
        main, ["validate", "--together", str(tmp_path), str(tmp_path / "missing.xml")]
    )
    assert result.exit_code == 2
    assert "missing.xml" in result.stderr
    assert f"{names[0]}: valid" in result.stdout
    twice = runner.invoke(main, ["validate", "--together", names[0], names[0]])
    assert twice.exit_code == 2
    assert "given twice" in twice.stderr


def test_command_together_a_file_that_is_not_json_is_unreadable(tmp_path: Path) -> None:
    names = _write(tmp_path)
    (tmp_path / "bad.json").write_text('{"customers": 5', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["validate", "--together", "--format", "json", str(tmp_path / "bad.json"), *names]
    )
    assert result.exit_code == 2
    files = json.loads(result.stdout)["files"]
    assert "not JSON" in files[0]["error"]
    assert [entry["valid"] for entry in files[1:]] == [True, True]


def test_command_together_holds_no_file_open_while_checking(tmp_path: Path) -> None:
    """A directory of more files than the process may open at once is checked as a set."""
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(80):
        (folder / f"{number:03}.xml").write_bytes(
            document(transactions=[row(number + 1, "SalesInvoice", "A", f"I{number}", "1.00")])
        )
    limit = "import resource; resource.setrlimit(resource.RLIMIT_NOFILE, (40, 40)); "
    code = limit + "from zynk_sage50.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code, "validate", "--together", "--quiet", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(": valid (") == 80


def test_command_together_with_standard_input_and_json_form(tmp_path: Path) -> None:
    names = _write(tmp_path)
    json_form = tmp_path / "customers.json"
    json_form.write_text(zs.to_json(zs.load(names[0])), encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["validate", "--together", "--format", "json", str(json_form), "-"],
        input=Path(names[1]).read_bytes(),
    )
    files = json.loads(result.stdout)["files"]
    assert [entry["path"] for entry in files] == [str(json_form), "-"]
    assert [issue["code"] for issue in files[1]["issues"]] == ["reference.unknown-customer"]
