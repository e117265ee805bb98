"""A test pair for each xml.* and schema.* code: a document that triggers it, a neighbour that
does not."""

from __future__ import annotations

import pytest

from tests.documents import PROLOG, company, customer, sales_invoice
from zynk_sage50.issues import Issue, Report, Severity
from zynk_sage50.limits import Limits
from zynk_sage50.validation import validate

RECORD = "/Company/Transactions/Transaction[1]"


def of(report: Report, code: str) -> list[Issue]:
    return [issue for issue in report.issues if issue.code == code]


def line_of(xml: str, text: str, occurrence: int = 1) -> int:
    seen = 0
    for number, line in enumerate(xml.splitlines(), start=1):
        if text in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{text!r} not in the document")


def only(report: Report, code: str) -> Issue:
    """The single issue of ``code``, checked to be an error."""
    (issue,) = of(report, code)
    assert issue.severity is Severity.ERROR
    assert not report.valid
    return issue


# --- xml.malformed ----------------------------------------------------------------------------


def test_a_mismatched_tag_is_malformed_with_line_and_column() -> None:
    xml = "<Company>\n  <Transactions>\n</Company>\n"
    report = validate(xml)
    issue = only(report, "xml.malformed")
    assert report.codes == ("xml.malformed",)
    assert issue.line == 3
    assert "line 3, column" in issue.message
    assert issue.path is None


def test_a_truncated_document_is_malformed() -> None:
    xml = company(sales_invoice())
    truncated = xml[: xml.index("<NetAmount>") + len("<NetAmount>10")]
    issue = only(validate(truncated), "xml.malformed")
    assert "truncated" in issue.message


def test_a_raw_ampersand_is_malformed() -> None:
    xml = company(customers=[customer(CompanyName="A")]).replace(">A<", ">Tyne & Wear<")
    issue = only(validate(xml), "xml.malformed")
    assert "&amp;" in issue.message
    assert issue.line == line_of(xml, "Tyne & Wear")


def test_a_well_formed_document_is_not_malformed() -> None:
    assert of(validate("<Company>\n  <Transactions />\n</Company>\n"), "xml.malformed") == []
    assert (
        of(validate(company(customers=[customer(CompanyName="Tyne &amp; Wear")])), "xml.malformed")
        == []
    )


# --- xml.forbidden ----------------------------------------------------------------------------

FORBIDDEN = {
    "entity declaration": '<?xml version="1.0"?>\n<!DOCTYPE Company [<!ENTITY x "y">]>\n'
    "<Company><Transactions /></Company>",
    "entity reference": '<!DOCTYPE Company [<!ENTITY x "y">]>\n<Company>&x;</Company>',
    "external entity": '<!DOCTYPE Company [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    "<Company>&x;</Company>",
    "external DTD": '<!DOCTYPE Company SYSTEM "http://example.com/c.dtd">\n<Company />',
    "XInclude": '<Company xmlns:xi="http://www.w3.org/2001/XInclude">\n'
    '  <xi:include href="/etc/passwd" parse="text" />\n</Company>',
}


@pytest.mark.parametrize("xml", FORBIDDEN.values(), ids=FORBIDDEN.keys())
def test_dtds_entities_and_xinclude_are_forbidden(xml: str) -> None:
    report = validate(xml)
    only(report, "xml.forbidden")
    assert report.codes == ("xml.forbidden",)
    assert "root:" not in report.issues[0].message  # nothing was read


def test_the_xinclude_line_is_given() -> None:
    assert only(validate(FORBIDDEN["XInclude"]), "xml.forbidden").line == 2


def test_a_plain_document_is_not_forbidden() -> None:
    assert of(validate(company(sales_invoice())), "xml.forbidden") == []


# --- xml.too-large ----------------------------------------------------------------------------

TOO_LARGE = {
    "max_bytes": Limits(max_bytes=100),
    "max_depth": Limits(max_depth=2),
    "max_text_length": Limits(max_text_length=5),
    "max_records": Limits(max_records=1),
}


@pytest.mark.parametrize("limit", TOO_LARGE)
def test_a_document_beyond_a_limit_is_too_large(limit: str) -> None:
    xml = company(sales_invoice(Id=1), sales_invoice(Id=2, Reference="SI2"))
    issue = only(validate(xml, limits=TOO_LARGE[limit]), "xml.too-large")
    assert f"Limits.{limit}" in issue.message


@pytest.mark.parametrize("limit", TOO_LARGE)
def test_the_same_document_within_the_default_limits_is_fine(limit: str) -> None:
    xml = company(sales_invoice(Id=1), sales_invoice(Id=2, Reference="SI2"))
    assert of(validate(xml), "xml.too-large") == []


def test_the_depth_limit_gives_the_line() -> None:
    xml = company(sales_invoice())
    issue = only(validate(xml, limits=Limits(max_depth=3)), "xml.too-large")
    assert issue.line == line_of(xml, "<Id>")


# --- xml.wrong-root ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("xml", "words"),
    [
        ("<Invoices />", "Invoices"),
        ("<company />", "company"),
        ('<Company xmlns="urn:zynk" />', "urn:zynk"),
        ('<z:Company xmlns:z="urn:zynk" />', "namespace"),
    ],
)
def test_a_root_other_than_company_is_wrong(xml: str, words: str) -> None:
    report = validate(xml)
    issue = only(report, "xml.wrong-root")
    assert report.codes == ("xml.wrong-root",)
    assert words in issue.message
    assert issue.line == 1


@pytest.mark.parametrize(
    "xml",
    [
        "<Company />",
        '<Company xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" />',
        company(sales_invoice()),
    ],
)
def test_a_company_root_without_namespace_is_right(xml: str) -> None:
    assert of(validate(xml), "xml.wrong-root") == []


# --- schema.unknown-element -------------------------------------------------------------------


def test_an_unknown_element_is_an_error_with_a_suggestion() -> None:
    xml = company(sales_invoice(NetAmount=..., NettAmount="100.00"))
    issue = only(validate(xml), "schema.unknown-element")
    assert issue.path == f"{RECORD}/NettAmount"
    assert issue.line == line_of(xml, "<NettAmount>")
    assert "Did you mean NetAmount?" in issue.message
    assert issue.record is not None
    assert issue.record.kind == "Transaction"


def test_an_unknown_element_far_from_any_name_has_no_suggestion() -> None:
    issue = only(validate(company(sales_invoice(Colour="red"))), "schema.unknown-element")
    assert "Did you mean" not in issue.message


def test_an_unknown_collection_under_company() -> None:
    xml = PROLOG + "  <Suppliers />\n</Company>\n"
    issue = only(validate(xml), "schema.unknown-element")
    assert issue.path == "/Company/Suppliers"
    assert issue.line == 3


def test_known_elements_are_not_unknown() -> None:
    assert of(validate(company(sales_invoice())), "schema.unknown-element") == []


# --- schema.duplicate-element -----------------------------------------------------------------


def test_an_element_given_twice_is_an_error() -> None:
    xml = company(sales_invoice()).replace(
        "<Details>Course fee</Details>", "<Details>Course fee</Details>\n<Details>Again</Details>"
    )
    issue = only(validate(xml), "schema.duplicate-element")
    assert issue.path == f"{RECORD}/Details[2]"
    assert issue.line == line_of(xml, "<Details>Again")


def test_a_repeated_record_is_not_a_duplicate_element() -> None:
    xml = company(sales_invoice(Id=1), sales_invoice(Id=2, Reference="SI2"))
    assert of(validate(xml), "schema.duplicate-element") == []


# --- schema.invalid-value ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("NetAmount", "abc", "decimal number"),
        ("NetAmount", "", "is empty"),
        ("TaxCode", "", "is empty"),
        ("TransactionDate", "", "is empty"),
        ("TransactionDate", "2019-05-16", "date and time"),
        ("TransactionType", "SI", "one of BankReceipt"),
        ("Fund", "1234", "1 to 3 digits"),
    ],
)
def test_a_value_not_of_the_field_type_is_invalid(field: str, value: str, words: str) -> None:
    xml = company(sales_invoice(**{field: value}))
    issue = only(validate(xml), "schema.invalid-value")
    assert issue.path == f"{RECORD}/{field}"
    assert issue.line == line_of(xml, f"<{field}>")
    assert words in issue.message


def test_a_tax_code_written_as_sage_shows_it_says_what_to_write() -> None:
    issue = only(validate(company(sales_invoice(TaxCode="T1"))), "schema.invalid-value")
    assert "Write 1: T1 is how Sage displays it." in issue.message


def test_nil_on_a_text_field_is_invalid() -> None:
    xml = company(sales_invoice(Details=None))
    issue = only(validate(xml), "schema.invalid-value")
    assert issue.path == f"{RECORD}/Details"
    assert "xsi:nil" in issue.message


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("NetAmount", "100.00"),
        ("NetAmount", None),  # nil on a nillable number
        ("TaxCode", "1"),
        ("TransactionDate", "2019-05-16T00:00:00+01:00"),
        ("Details", ""),  # an empty string is a string
        ("Fund", "001"),
    ],
)
def test_valid_values_are_not_invalid(field: str, value: str | None) -> None:
    assert of(validate(company(sales_invoice(**{field: value}))), "schema.invalid-value") == []


# --- schema.too-long --------------------------------------------------------------------------


def test_a_string_over_its_maximum_length_gives_both_lengths() -> None:
    xml = company(sales_invoice(Details="x" * 61))
    issue = only(validate(xml), "schema.too-long")
    assert issue.path == f"{RECORD}/Details"
    assert issue.line == line_of(xml, "<Details>")
    assert "61 characters" in issue.message
    assert "60" in issue.message


def test_a_customer_field_too_long() -> None:
    xml = company(customers=[customer(AccountReference="ABCDEFGHI", CompanyName="A")])
    issue = only(validate(xml), "schema.too-long")
    assert issue.path == "/Company/Customers/Customer[1]/AccountReference"
    assert "9 characters" in issue.message
    assert "is 8" in issue.message


def test_a_string_at_its_maximum_length_is_fine() -> None:
    xml = company(sales_invoice(Details="x" * 60, AccountReference="ABCDEFGH"))
    assert of(validate(xml), "schema.too-long") == []


# --- schema.out-of-range ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "bounds"),
    [
        ("TaxCode", "100", "from 0 to 99"),
        ("TaxCode", "-1", "from 0 to 99"),
        ("Department", "1000", "from 0 to 999"),
        ("Id", "123456789", "from 0 to 99999999"),
    ],
)
def test_a_number_outside_its_bounds_is_out_of_range(field: str, value: str, bounds: str) -> None:
    xml = company(sales_invoice(**{field: value}))
    issue = only(validate(xml), "schema.out-of-range")
    assert issue.path == f"{RECORD}/{field}"
    assert issue.line == line_of(xml, f"<{field}>")
    assert value in issue.message
    assert bounds in issue.message


@pytest.mark.parametrize(
    ("field", "value"),
    [("TaxCode", "99"), ("TaxCode", "0"), ("Department", "999"), ("Id", "99999999")],
)
def test_a_number_at_its_bounds_is_in_range(field: str, value: str) -> None:
    assert of(validate(company(sales_invoice(**{field: value}))), "schema.out-of-range") == []


# --- schema.unknown-attribute -----------------------------------------------------------------


def test_an_unknown_attribute_is_an_error() -> None:
    xml = company(sales_invoice()).replace("<Transaction>", '<Transaction Operation="Update">')
    issue = only(validate(xml), "schema.unknown-attribute")
    assert issue.path == RECORD
    assert issue.line == line_of(xml, "<Transaction ")
    assert "Operation" in issue.message


def test_record_operation_and_xsi_attributes_are_known() -> None:
    xml = company(sales_invoice(NetAmount=None)).replace(
        "<Transaction>", '<Transaction RecordOperation="Update">'
    )
    assert of(validate(xml), "schema.unknown-attribute") == []


def test_a_bad_record_operation_value_is_invalid_not_unknown() -> None:
    xml = company(sales_invoice()).replace(
        "<Transaction>", '<Transaction RecordOperation="Delete">'
    )
    report = validate(xml)
    assert of(report, "schema.unknown-attribute") == []
    assert only(report, "schema.invalid-value").path == f"{RECORD}/@RecordOperation"
