"""oss.* rules: OssReportType and OssCountryOfVat."""

from __future__ import annotations

import pytest

from tests.documents import company, sales_invoice
from zynk_sage50.issues import Issue, Report, Severity
from zynk_sage50.rules.countries import ALIASES, code_for_name, country_code, oss_code_for_name
from zynk_sage50.validation import validate

RECORD = "/Company/Transactions/Transaction[1]"
OSS_CODES = (
    "oss.country-required",
    "oss.country-unknown",
    "oss.country-name",
    "oss.country-without-type",
)


def of(report: Report, code: str) -> list[Issue]:
    return [issue for issue in report.issues if issue.code == code]


def oss_codes(report: Report) -> list[str]:
    return [code for code in report.codes if code.startswith("oss.")]


def line_of(xml: str, text: str) -> int:
    for number, line in enumerate(xml.splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in the document")


@pytest.mark.parametrize("report_type", ["UnionOSS", "NonUnionOSS", "IOSS"])
def test_a_report_type_without_country_is_an_error(report_type: str) -> None:
    xml = company(sales_invoice(OssReportType=report_type))
    (issue,) = of(validate(xml), "oss.country-required")
    assert issue.severity is Severity.ERROR
    assert issue.path == f"{RECORD}/OssCountryOfVat"
    assert issue.line == line_of(xml, "<Transaction>")
    assert report_type in issue.message


def test_an_empty_country_is_missing() -> None:
    xml = company(sales_invoice(OssReportType="UnionOSS", OssCountryOfVat=""))
    (issue,) = of(validate(xml), "oss.country-required")
    assert issue.line == line_of(xml, "<OssCountryOfVat")


@pytest.mark.parametrize("report_type", ["UnionOSS", "NonUnionOSS", "IOSS"])
def test_a_report_type_with_a_country_code_is_fine(report_type: str) -> None:
    xml = company(sales_invoice(OssReportType=report_type, OssCountryOfVat="FR"))
    assert oss_codes(validate(xml)) == []


def test_report_type_none_needs_no_country() -> None:
    assert oss_codes(validate(company(sales_invoice(OssReportType="None")))) == []


@pytest.mark.parametrize("value", ["Narnia", "XX", "Deutschland", "276", "The Narnia"])
def test_an_unknown_country_is_an_error(value: str) -> None:
    xml = company(sales_invoice(OssReportType="UnionOSS", OssCountryOfVat=value))
    report = validate(xml)
    assert oss_codes(report) == ["oss.country-unknown"]
    (issue,) = of(report, "oss.country-unknown")
    assert issue.severity is Severity.ERROR
    assert issue.path == f"{RECORD}/OssCountryOfVat"
    assert issue.line == line_of(xml, "<OssCountryOfVat>")
    assert repr(value) in issue.message


def test_the_greek_vat_prefix_gets_a_hint() -> None:
    xml = company(sales_invoice(OssReportType="UnionOSS", OssCountryOfVat="EL"))
    (issue,) = of(validate(xml), "oss.country-unknown")
    assert "GR" in issue.message


@pytest.mark.parametrize("value", ["FR", "fr", " DE ", "GB"])
def test_a_two_letter_code_is_fine(value: str) -> None:
    xml = company(sales_invoice(OssReportType="UnionOSS", OssCountryOfVat=value))
    assert oss_codes(validate(xml)) == []


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Germany", "DE"),
        ("germany", "DE"),
        ("France", "FR"),
        ("French Republic", "FR"),
        ("United Kingdom", "GB"),
        ("Czechia", "CZ"),
        ("DEU", "DE"),
    ],
)
def test_a_country_name_is_a_warning_giving_the_code(value: str, code: str) -> None:
    xml = company(sales_invoice(OssReportType="UnionOSS", OssCountryOfVat=value))
    report = validate(xml)
    assert oss_codes(report) == ["oss.country-name"]
    (issue,) = of(report, "oss.country-name")
    assert issue.severity is Severity.WARNING
    assert issue.path == f"{RECORD}/OssCountryOfVat"
    assert issue.line == line_of(xml, "<OssCountryOfVat>")
    assert f"code {code} " in issue.message


@pytest.mark.parametrize("report_type", [..., "None"])
def test_a_country_without_report_type_is_a_warning(report_type: object) -> None:
    xml = company(sales_invoice(OssReportType=report_type, OssCountryOfVat="FR"))
    report = validate(xml)
    assert oss_codes(report) == ["oss.country-without-type"]
    (issue,) = of(report, "oss.country-without-type")
    assert issue.severity is Severity.WARNING
    assert issue.path == f"{RECORD}/OssCountryOfVat"
    assert issue.line == line_of(xml, "<OssCountryOfVat>")


def test_no_oss_fields_no_oss_issues() -> None:
    assert oss_codes(validate(company(sales_invoice()))) == []


@pytest.mark.parametrize("kind", ["SalesCredit", "SalesPayment"])
def test_other_sales_types_report_oss(kind: str) -> None:
    extra = {"BankReference": "1200", "NominalCode": ...} if kind == "SalesPayment" else {}
    xml = company(sales_invoice(TransactionType=kind, OssReportType="IOSS", **extra))
    assert oss_codes(validate(xml)) == ["oss.country-required"]


def test_oss_on_a_purchase_is_only_not_applicable() -> None:
    xml = company(
        sales_invoice(
            TransactionType="PurchaseInvoice", OssReportType="UnionOSS", OssCountryOfVat="Narnia"
        )
    )
    report = validate(xml)
    assert oss_codes(report) == []
    assert len(of(report, "type.field-not-applicable")) == 2


# --- common English names (issue 17) -------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("The Netherlands", "NL"),
        ("the netherlands", "NL"),
        ("Holland", "NL"),
        ("Republic of Ireland", "IE"),
        ("Eire", "IE"),
        ("Great Britain", "GB"),
        ("U.K.", "GB"),
        ("Czech Republic", "CZ"),
        ("Czechia", "CZ"),
        ("Turkey", "TR"),
        ("The Gambia", "GM"),
        ("Northern Ireland", "XI"),
    ],
)
def test_common_english_names_are_recognised(value: str, code: str) -> None:
    xml = company(sales_invoice(OssReportType="UnionOSS", OssCountryOfVat=value))
    report = validate(xml)
    assert oss_codes(report) == ["oss.country-name"]
    (issue,) = of(report, "oss.country-name")
    assert f"two-letter code {code} " in issue.message


def test_xi_is_northern_ireland_s_oss_code() -> None:
    xml = company(sales_invoice(OssReportType="UnionOSS", OssCountryOfVat="XI"))
    assert oss_codes(validate(xml)) == []


def test_the_alias_list_names_real_countries() -> None:

    for name, code in ALIASES.items():
        assert country_code(code) == code, name
        assert name == name.casefold()
        assert not name.startswith("the ")


def test_in_an_address_northern_ireland_is_gb() -> None:

    assert code_for_name("Northern Ireland") == "GB"
    assert oss_code_for_name("Northern Ireland") == "XI"
    assert code_for_name("Narnia") is None
