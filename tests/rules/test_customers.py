"""customer.* and address.* rules."""

from __future__ import annotations

import pytest

from tests.documents import company, customer
from zynk_sage50.issues import Issue, Report, Severity
from zynk_sage50.validation import validate

FIRST = "/Company/Customers/Customer[1]"
SECOND = "/Company/Customers/Customer[2]"


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


def doc(*customers: str) -> str:
    return company(customers=list(customers))


def good(**fields: object) -> str:
    base: dict[str, object] = {"AccountReference": "ABS001", "CompanyName": "A Business Ltd"}
    base.update(fields)
    return customer(**{k: v for k, v in base.items() if v is not ...})


def test_a_complete_customer_has_no_issues() -> None:
    xml = doc(
        good(
            Currency="GBP",
            CustomerInvoiceAddress="<Address1>1 High St</Address1><Country>GB</Country>",
            DiscountType="DiscountTable",
            DiscountTable="A",
        )
    )
    assert validate(xml).issues == ()


# --- customer.name-missing --------------------------------------------------------------------


def test_a_customer_without_any_name_is_a_warning() -> None:
    xml = doc(good(CompanyName=...))
    (issue,) = of(validate(xml), "customer.name-missing")
    assert issue.severity is Severity.WARNING
    assert issue.path == f"{FIRST}/CompanyName"
    assert issue.line == line_of(xml, "<Customer>")


def test_an_empty_company_name_is_no_name() -> None:
    xml = doc(good(CompanyName="", CustomerInvoiceAddress="<Title />"))
    (issue,) = of(validate(xml), "customer.name-missing")
    assert issue.line == line_of(xml, "<CompanyName>")


@pytest.mark.parametrize("part", ["Title", "Forename", "Middlename", "Surname"])
def test_a_name_part_in_the_invoice_address_is_a_name(part: str) -> None:
    xml = doc(good(CompanyName=..., CustomerInvoiceAddress=f"<{part}>Hall</{part}>"))
    assert of(validate(xml), "customer.name-missing") == []


def test_a_name_in_the_delivery_address_is_not_enough() -> None:
    xml = doc(good(CompanyName=..., CustomerDeliveryAddress="<Surname>Hall</Surname>"))
    assert of(validate(xml), "customer.name-missing")


def test_an_update_of_a_customer_needs_no_name() -> None:
    xml = doc(good(CompanyName=...)).replace("<Customer>", '<Customer RecordOperation="Update">')
    assert of(validate(xml), "customer.name-missing") == []


# --- customer.discount-table-required ---------------------------------------------------------


@pytest.mark.parametrize("table", [..., ""])
def test_discount_table_type_without_table_is_an_error(table: object) -> None:
    xml = doc(good(DiscountType="DiscountTable", DiscountTable=table))
    (issue,) = of(validate(xml), "customer.discount-table-required")
    assert issue.severity is Severity.ERROR
    assert issue.path == f"{FIRST}/DiscountTable"
    expected = "<Customer>" if table is ... else "<DiscountTable>"
    assert issue.line == line_of(xml, expected)


@pytest.mark.parametrize(
    "fields",
    [
        {"DiscountType": "DiscountTable", "DiscountTable": "B"},
        {"DiscountType": "InvoiceValue"},
        {"DiscountType": "NoDiscount"},
        {},
    ],
)
def test_a_discount_table_given_or_not_needed_is_fine(fields: dict[str, str]) -> None:
    assert of(validate(doc(good(**fields))), "customer.discount-table-required") == []


# --- customer.duplicate-account-reference -----------------------------------------------------


def test_two_customers_with_one_reference_is_an_error_on_the_second() -> None:
    xml = doc(good(CompanyName="One"), good(CompanyName="Two"))
    (issue,) = of(validate(xml), "customer.duplicate-account-reference")
    assert issue.severity is Severity.ERROR
    assert issue.path == f"{SECOND}/AccountReference"
    assert issue.line == line_of(xml, "<AccountReference>", 2)
    assert f"line {line_of(xml, '<Customer>')}" in issue.message
    assert "'ABS001'" in issue.message


def test_references_compare_as_sage_does() -> None:
    xml = doc(good(AccountReference="abs001"), good(AccountReference=" ABS001 "))
    assert of(validate(xml), "customer.duplicate-account-reference")


def test_a_third_customer_with_the_reference_is_reported_too() -> None:
    xml = doc(good(), good(), good())
    paths = [i.path for i in of(validate(xml), "customer.duplicate-account-reference")]
    assert paths == [
        f"{SECOND}/AccountReference",
        "/Company/Customers/Customer[3]/AccountReference",
    ]


def test_different_or_missing_references_are_fine() -> None:
    xml = doc(
        good(),
        good(AccountReference="ABS002"),
        good(AccountReference=""),
        good(AccountReference=...),
    )
    assert of(validate(xml), "customer.duplicate-account-reference") == []


# --- customer.account-reference-missing -------------------------------------------------------


@pytest.mark.parametrize("reference", [..., ""])
def test_no_account_reference_is_info(reference: object) -> None:
    xml = doc(good(AccountReference=reference))
    report = validate(xml)
    (issue,) = of(report, "customer.account-reference-missing")
    assert issue.severity is Severity.INFO
    assert issue.path == f"{FIRST}/AccountReference"
    assert report.valid


def test_an_account_reference_is_fine() -> None:
    assert of(validate(doc(good())), "customer.account-reference-missing") == []


# --- customer.currency-unknown ----------------------------------------------------------------


@pytest.mark.parametrize("currency", ["XYZ", "UKP", "£"])
def test_a_currency_that_is_not_iso_4217_is_a_warning(currency: str) -> None:
    xml = doc(good(Currency=currency))
    (issue,) = of(validate(xml), "customer.currency-unknown")
    assert issue.severity is Severity.WARNING
    assert issue.path == f"{FIRST}/Currency"
    assert issue.line == line_of(xml, "<Currency>")
    assert repr(currency) in issue.message


@pytest.mark.parametrize("currency", ["GBP", "EUR", "usd", ""])
def test_an_iso_4217_or_empty_currency_is_fine(currency: str) -> None:
    assert of(validate(doc(good(Currency=currency))), "customer.currency-unknown") == []


def test_a_too_long_currency_is_only_a_schema_error() -> None:
    report = validate(doc(good(Currency="POUND")))
    assert "schema.too-long" in report.codes
    assert of(report, "customer.currency-unknown") == []


# --- address.country-unknown ------------------------------------------------------------------


@pytest.mark.parametrize("address", ["CustomerInvoiceAddress", "CustomerDeliveryAddress"])
def test_an_address_country_that_is_not_iso_is_a_warning(address: str) -> None:
    xml = doc(good(**{address: "<Town>Leeds</Town>\n        <Country>UK</Country>"}))
    (issue,) = of(validate(xml), "address.country-unknown")
    assert issue.severity is Severity.WARNING
    assert issue.path == f"{FIRST}/{address}/Country"
    assert issue.line == line_of(xml, "<Country>")
    assert "'UK'" in issue.message
    assert "GB" in issue.message


def test_a_delivery_address_country_is_checked_with_its_index() -> None:
    contacts = (
        "<Contact><Country>GB</Country></Contact>\n"
        "        <Contact>\n          <Country>ZZ</Country>\n        </Contact>"
    )
    xml = doc(good(DeliveryAddresses=contacts))
    (issue,) = of(validate(xml), "address.country-unknown")
    assert issue.path == f"{FIRST}/DeliveryAddresses/Contact[2]/Country"
    assert issue.line == line_of(xml, "<Country>ZZ")
    assert "delivery address 2" in issue.message


@pytest.mark.parametrize("country", ["GB", "CH", "fr", ""])
def test_an_iso_or_empty_country_is_fine(country: str) -> None:
    xml = doc(good(CustomerInvoiceAddress=f"<Country>{country}</Country>"))
    assert of(validate(xml), "address.country-unknown") == []


def test_a_country_name_is_only_a_schema_error() -> None:
    report = validate(doc(good(CustomerInvoiceAddress="<Country>France</Country>")))
    assert "schema.too-long" in report.codes
    assert of(report, "address.country-unknown") == []
