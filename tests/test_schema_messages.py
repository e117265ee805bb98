"""Schema problems say what they are: nil with a value, nil on a group, a day that does not
exist, and names of thousands of characters shortened and reported as what they are."""

from __future__ import annotations

import zynk_sage50 as zs

HEAD = (
    '<Company xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Transactions><Transaction>'
    "<TransactionType>SalesInvoice</TransactionType>"
)
TAIL = "</Transaction></Transactions></Company>"


def _schema_issues(fields: str) -> list[zs.Issue]:
    report = zs.validate(HEAD + fields + TAIL)
    return [issue for issue in report.issues if issue.code.startswith("schema.")]


def test_nil_true_with_a_value_says_so() -> None:
    (issue,) = _schema_issues('<TaxCode xsi:nil="true">5</TaxCode>')
    assert issue.code == "schema.invalid-value"
    assert 'xsi:nil="true" and a value' in issue.message
    assert "'5'" in issue.message
    assert "0 to 99" not in issue.message


def test_nil_false_on_an_empty_value_says_to_drop_the_attribute() -> None:
    (issue,) = _schema_issues('<TaxCode xsi:nil="false"></TaxCode>')
    assert "drop the attribute" in issue.message


def test_a_day_that_does_not_exist_is_named() -> None:
    (issue,) = _schema_issues("<TransactionDate>2026-02-30T00:00:00</TransactionDate>")
    assert issue.code == "schema.invalid-value"
    assert "does not exist: February 2026 has 28 days" in issue.message


def test_a_leap_day_exists_only_in_leap_years() -> None:
    assert _schema_issues("<TransactionDate>2024-02-29T00:00:00</TransactionDate>") == []
    (issue,) = _schema_issues("<TransactionDate>2023-02-29T00:00:00</TransactionDate>")
    assert "February 2023 has 28 days" in issue.message


def test_nil_on_a_collection_does_not_speak_of_numbers() -> None:
    report = zs.validate(
        '<Company xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<Transactions xsi:nil="true"/></Company>'
    )
    (issue,) = report.issues
    assert issue.path == "/Company/Transactions"
    assert "cannot be nil" in issue.message
    assert "number" not in issue.message


def test_a_very_long_attribute_name_is_an_unknown_attribute_shortened() -> None:
    name = "a" * 49_000
    (issue,) = _schema_issues(f'<Reference {name}="1">x</Reference>')
    assert issue.code == "schema.unknown-attribute"
    assert "(49,000 characters)" in issue.message
    assert len(issue.message) < 200
    assert issue.path == "/Company/Transactions/Transaction[1]/Reference"


def test_a_very_long_element_name_is_shortened() -> None:
    name = "B" * 30_000
    issues = _schema_issues(f"<{name}>1</{name}>")
    assert [issue.code for issue in issues] == ["schema.unknown-element"]
    assert "(30,000 characters)" in issues[0].message
    assert len(issues[0].message) < 200


def test_an_unknown_attribute_on_a_record_and_a_field_are_both_reported() -> None:
    issues = _schema_issues(
        '<Reference colour="red">x</Reference><NetAmount size="2">1</NetAmount>'
    )
    assert [issue.code for issue in issues] == ["schema.unknown-attribute"] * 2
    assert issues[0].message == "The attribute colour is not allowed on Reference."


def test_every_unknown_element_of_a_record_is_reported_however_many() -> None:
    extra = "".join(f"<Extra{n}>x</Extra{n}>" for n in range(200))
    issues = _schema_issues(extra)
    assert [issue.code for issue in issues] == ["schema.unknown-element"] * 200
    assert issues[-1].path == "/Company/Transactions/Transaction[1]/Extra199"


def test_every_repeat_of_a_field_is_reported_however_many() -> None:
    issues = _schema_issues("<Reference>x</Reference>" * 100)
    assert [issue.code for issue in issues] == ["schema.duplicate-element"] * 99


def test_a_misspelt_record_operation_is_one_error_on_the_attribute() -> None:
    report = zs.validate(
        "<Company><Transactions>"
        '<Transaction RecordOperation="update"><TransactionNumber>12</TransactionNumber>'
        "<DisputeCode>1</DisputeCode></Transaction></Transactions></Company>"
    )
    (issue,) = report.errors
    assert issue.code == "schema.invalid-value"
    assert issue.path == "/Company/Transactions/Transaction[1]/@RecordOperation"
    assert "'Update'" in issue.message
    assert [i.code for i in report.warnings] == []
