"""journal.*: journal sets grouped without AccountReference, balanced in exact decimals."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conformance import CONFORMANCE
from tests.documents import company, line_of, sales_invoice, tx
from zynk_sage50.issues import Issue, Severity
from zynk_sage50.validation import validate


def issues_of(document: str | Path, code: str, **options: object) -> list[Issue]:
    report = validate(document, **options)  # type: ignore[arg-type]
    return [issue for issue in report.issues if issue.code == code]


def journal_issues(document: str | Path, **options: object) -> list[Issue]:
    report = validate(document, **options)  # type: ignore[arg-type]
    return [issue for issue in report.issues if issue.code.startswith("journal.")]


def journal(side: str, amount: object, **overrides: object) -> str:
    """A JournalDebit (side "D") or JournalCredit ("C") line of journal JDC1 (``...``: none)."""
    fields: dict[str, object] = {
        "Id": 4,
        "TransactionType": "JournalDebit" if side == "D" else "JournalCredit",
        "AccountReference": "4000" if side == "D" else "4001",
        "TransactionDate": "2019-05-16T00:00:00",
        "Reference": "JDC1",
        "Details": "Journal",
        "NetAmount": amount,
        "TaxCode": 9,
    }
    fields.update(overrides)
    return tx(**{name: value for name, value in fields.items() if value is not ...})


# --- grouping (decision 17) -----------------------------------------------------------------


@pytest.mark.parametrize(
    "sample",
    [
        "seed-003__6.xml",
        "sage-50-uk-transaction-xml__4.xml",
        "history/sage-50-uk-transaction-xml@a57f107__13.xml",
    ],
)
def test_documented_journal_samples_have_no_journal_issue(sample: str) -> None:
    # The legs post to 4000 and 4001: AccountReference is not part of the journal key.
    assert journal_issues(CONFORMANCE / sample) == []


def test_one_debit_and_one_credit_on_different_nominals_make_one_journal() -> None:
    document = company(journal("D", "240"), journal("C", "240", Id=5))
    assert journal_issues(document) == []


# --- journal.one-sided ----------------------------------------------------------------------


def test_one_sided_journal_is_an_error_on_its_first_row() -> None:
    document = company(journal("D", "100"), journal("D", "140", Id=5, AccountReference="4002"))
    [issue] = journal_issues(document)  # one-sided only, not also unbalanced
    assert issue.code == "journal.one-sided"
    assert issue.severity is Severity.ERROR
    assert issue.path == "/Company/Transactions/Transaction[1]"
    assert issue.line == line_of(document, 1)
    assert "Journal JDC1 on 2019-05-16" in issue.message
    assert "no JournalCredit" in issue.message


def test_credit_only_journal_names_the_missing_debit() -> None:
    [issue] = issues_of(company(journal("C", "100")), "journal.one-sided")
    assert "has only JournalCredit lines, no JournalDebit" in issue.message


def test_two_sided_journal_is_not_one_sided() -> None:
    document = company(journal("D", "100"), journal("C", "100", Id=5))
    assert issues_of(document, "journal.one-sided") == []


@pytest.mark.parametrize(
    "changed",
    [
        {"Reference": "JDC2"},
        {"SecondReference": "B"},
        {"TransactionDate": "2019-05-17T00:00:00"},
    ],
)
def test_legs_differing_in_the_key_are_two_one_sided_journals(changed: dict[str, str]) -> None:
    document = company(journal("D", "100"), journal("C", "100", Id=5, **changed))
    issues = issues_of(document, "journal.one-sided")
    assert [issue.path for issue in issues] == [
        "/Company/Transactions/Transaction[1]",
        "/Company/Transactions/Transaction[2]",
    ]


def test_legs_must_be_consecutive() -> None:
    document = company(journal("D", "100"), sales_invoice(Id=2), journal("C", "100", Id=5))
    assert len(issues_of(document, "journal.one-sided")) == 2


def test_update_records_are_not_journal_lines() -> None:
    update = tx(record_operation="Update", TransactionNumber=9, Disputed="true")
    assert journal_issues(company(update)) == []


# --- journal.unbalanced ---------------------------------------------------------------------


def test_unbalanced_journal_is_an_error_with_both_totals_and_the_variance() -> None:
    document = company(journal("D", "240"), journal("C", "239.99", Id=5))
    [issue] = journal_issues(document)
    assert issue.code == "journal.unbalanced"
    assert issue.severity is Severity.ERROR
    assert issue.path == "/Company/Transactions/Transaction[1]"
    assert issue.line == line_of(document, 1)
    assert issue.message.startswith(
        "Journal JDC1 on 2019-05-16: debits 240.00, credits 239.99, variance 0.01."
    )
    assert "Transaction[1] to Transaction[2]" in issue.message


def test_exact_decimals_balance_point_one_plus_point_two() -> None:
    document = company(
        journal("D", "0.10"),
        journal("D", "0.20", Id=5, AccountReference="4002"),
        journal("C", "0.30", Id=6),
    )
    assert journal_issues(document) == []


def test_each_line_is_rounded_half_up_to_pennies_before_summing() -> None:
    # 0.005 + 0.005 is 0.01 exactly, but Sage stores each line as 0.01: debits are 0.02.
    document = company(
        journal("D", "0.005"),
        journal("D", "0.005", Id=5),
        journal("C", "0.01", Id=6),
    )
    [issue] = issues_of(document, "journal.unbalanced")
    assert "debits 0.02, credits 0.01, variance 0.01" in issue.message
    # Sub-penny differences that vanish when each line is rounded are not a variance.
    balanced = company(journal("D", "100.004"), journal("C", "100.00", Id=5))
    assert issues_of(balanced, "journal.unbalanced") == []


def test_missing_amount_is_left_to_the_required_field_rule() -> None:
    for missing in (..., None):  # absent, or xsi:nil
        document = company(journal("D", "240"), journal("C", missing, Id=5))
        assert issues_of(document, "journal.unbalanced") == []


# --- journal.variance-posted ----------------------------------------------------------------


def test_variance_nominal_turns_unbalanced_into_the_balancing_line() -> None:
    document = company(journal("D", "240"), journal("C", "239.99", Id=5))
    issues = journal_issues(document, journal_variance_nominal="9998")
    [issue] = issues
    assert issue.code == "journal.variance-posted"
    assert issue.severity is Severity.INFO
    assert issue.path == "/Company/Transactions/Transaction[1]"
    assert issue.line == line_of(document, 1)
    assert "add a JournalCredit of 0.01 to nominal 9998" in issue.message


def test_balancing_line_is_a_debit_when_credits_are_larger() -> None:
    document = company(journal("D", "10"), journal("C", "12.50", Id=5))
    [issue] = issues_of(document, "journal.variance-posted", journal_variance_nominal="9998")
    assert "add a JournalDebit of 2.50 to nominal 9998" in issue.message


def test_balanced_journal_needs_no_balancing_line() -> None:
    document = company(journal("D", "240"), journal("C", "240.00", Id=5))
    assert journal_issues(document, journal_variance_nominal="9998") == []


def test_one_sided_journal_stays_an_error_with_a_variance_nominal() -> None:
    issues = journal_issues(company(journal("D", "240")), journal_variance_nominal="9998")
    assert [issue.code for issue in issues] == ["journal.one-sided"]


# --- journal.negative-amount ----------------------------------------------------------------


def test_negative_journal_line_is_a_warning_on_its_net_amount() -> None:
    document = company(journal("D", "-240"), journal("C", "-240", Id=5))
    issues = journal_issues(document)
    assert [issue.code for issue in issues] == ["journal.negative-amount"] * 2
    issue = issues[0]
    assert issue.severity is Severity.WARNING
    assert issue.path == "/Company/Transactions/Transaction[1]/NetAmount"
    assert issue.line == line_of(document, 1, "NetAmount")
    assert "JournalDebit NetAmount is negative (-240)" in issue.message
    assert "as a JournalCredit" in issue.message


def test_signed_amounts_count_on_the_side_of_their_type() -> None:
    # A negative debit lowers the debit total; it does not become a credit.
    document = company(journal("D", "-10"), journal("C", "10", Id=5))
    [issue] = issues_of(document, "journal.unbalanced")
    assert "debits -10.00, credits 10.00, variance 20.00" in issue.message


def test_positive_and_zero_journal_lines_are_fine() -> None:
    document = company(journal("D", "240"), journal("D", "0", Id=5), journal("C", "240", Id=6))
    assert issues_of(document, "journal.negative-amount") == []


def test_negative_amount_on_other_types_is_not_a_journal_issue() -> None:
    document = company(sales_invoice(NetAmount="-100.00"))
    assert issues_of(document, "journal.negative-amount") == []
