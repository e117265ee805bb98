"""type.required-field, type.field-not-applicable, type.alias and field.export-only."""

from __future__ import annotations

import pytest

from tests.conformance import CONFORMANCE
from tests.documents import company, customer, sales_invoice, tx
from zynk_sage50.issues import Issue, Report, Severity
from zynk_sage50.models import TransactionType
from zynk_sage50.rules import FieldUse, field_use, fields_with_use
from zynk_sage50.rules.applicability import TRANSACTION_FIELD_USE, attribute
from zynk_sage50.validation import validate

RECORD = "/Company/Transactions/Transaction[1]"
CUSTOMER = "/Company/Customers/Customer[1]"

#: The smallest record of each type that has every field the type requires.
MINIMAL: dict[str, dict[str, object]] = {
    "BankReceipt": {"AccountReference": "1200", "NominalCode": "7000", "NetAmount": "240"},
    "BankPayment": {"AccountReference": "1200", "NominalCode": "7000", "NetAmount": "240"},
    "BankTransfer": {
        "FromBankAccount": "1200",
        "ToBankAccount": "1210",
        "Reference": "BT1",
        "PaymentAmount": "100",
        "ReceiptAmount": "100",
    },
    "JournalDebit": {"AccountReference": "4000", "Reference": "JDC1", "NetAmount": "10"},
    "JournalCredit": {"AccountReference": "4001", "Reference": "JDC1", "NetAmount": "10"},
    "SalesInvoice": {"AccountReference": "ABS001", "NominalCode": "4000", "NetAmount": "10"},
    "SalesCredit": {"AccountReference": "ABS001", "NominalCode": "4000", "NetAmount": "10"},
    "SalesReceiptOnAccount": {
        "AccountReference": "ABS001",
        "BankReference": "1200",
        "NetAmount": "10",
    },
    "SalesReceipt": {"AccountReference": "ABS001", "BankReference": "1200", "NetAmount": "10"},
    "SalesPayment": {"AccountReference": "ABS001", "BankReference": "1200", "NetAmount": "10"},
    "PurchaseInvoice": {"AccountReference": "CON001", "NominalCode": "5000", "NetAmount": "10"},
    "PurchaseCredit": {"AccountReference": "CON001", "NominalCode": "5000", "NetAmount": "10"},
    "PurchasePaymentOnAccount": {
        "AccountReference": "CON001",
        "BankReference": "1200",
        "NetAmount": "10",
    },
    "PurchasePayment": {
        "AccountReference": "CON001",
        "BankReference": "1200",
        "NetAmount": "10",
    },
    "PurchaseReceipt": {
        "AccountReference": "CON001",
        "BankReference": "1200",
        "NetAmount": "10",
    },
}

#: (type, field) for every "R" cell of fields.md §3.2 (aliases included).
REQUIRED = [(kind, field) for kind, fields in MINIMAL.items() for field in fields]


def minimal(kind: str, **changes: object) -> str:
    fields: dict[str, object] = {"TransactionType": kind, **MINIMAL[kind], **changes}
    return company(tx(**{k: v for k, v in fields.items() if v is not ...}))


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


# --- type.required-field ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(MINIMAL))
def test_a_complete_record_of_each_type_has_no_required_field_error(kind: str) -> None:
    assert of(validate(minimal(kind)), "type.required-field") == []


@pytest.mark.parametrize(("kind", "field"), REQUIRED)
def test_a_missing_required_field_is_an_error_at_its_path(kind: str, field: str) -> None:
    xml = minimal(kind, **{field: ...})
    (issue,) = of(validate(xml), "type.required-field")
    assert issue.severity is Severity.ERROR
    assert issue.path == f"{RECORD}/{field}"
    assert issue.line == line_of(xml, "<Transaction>")  # absent: the record's line
    assert field in issue.message
    assert kind in issue.message or kind in ("SalesReceipt", "PurchasePayment")


@pytest.mark.parametrize(("kind", "field"), REQUIRED)
def test_an_empty_required_field_is_an_error_at_its_line(kind: str, field: str) -> None:
    value = "" if field not in ("NetAmount", "PaymentAmount", "ReceiptAmount") else None
    xml = minimal(kind, **{field: value})  # "" for text, xsi:nil for amounts
    (issue,) = of(validate(xml), "type.required-field")
    assert issue.path == f"{RECORD}/{field}"
    assert issue.line == line_of(xml, f"<{field}")


def test_a_blank_string_counts_as_empty() -> None:
    report = validate(minimal("SalesInvoice", NominalCode="   "))
    assert [i.path for i in of(report, "type.required-field")] == [f"{RECORD}/NominalCode"]


def test_a_present_but_invalid_value_counts_as_given() -> None:
    report = validate(minimal("SalesInvoice", NetAmount="abc"))
    assert "schema.invalid-value" in report.codes
    assert of(report, "type.required-field") == []


def test_transaction_type_is_required_on_a_new_record() -> None:
    xml = company(tx(AccountReference="ABS001", NetAmount="10"))
    (issue,) = of(validate(xml), "type.required-field")
    assert issue.path == f"{RECORD}/TransactionType"
    assert issue.severity is Severity.ERROR
    assert of(validate(xml), "type.field-not-applicable") == []


def test_an_update_needs_no_transaction_type_nor_type_fields() -> None:
    xml = company(tx("Update", TransactionNumber="1", Disputed="true"))
    assert of(validate(xml), "type.required-field") == []


def test_an_invalid_transaction_type_is_only_a_schema_error() -> None:
    report = validate(company(tx(TransactionType="SI", AccountReference="A", NetAmount="1")))
    assert "schema.invalid-value" in report.codes
    assert of(report, "type.required-field") == []


def test_required_field_message_says_what_to_give() -> None:
    (issue,) = of(validate(minimal("BankTransfer", FromBankAccount=...)), "type.required-field")
    assert issue.message == (
        "FromBankAccount is missing or empty, but a BankTransfer needs it: give the nominal "
        "code of the bank the money leaves, e.g. 1200."
    )


# --- type.field-not-applicable ---------------------------------------------------------------

NOT_APPLICABLE = [
    ("BankReceipt", "DueDate", "2019-05-16T00:00:00"),
    ("PurchaseInvoice", "OssReportType", "UnionOSS"),
    ("SalesInvoice", "BankReference", "1200"),
    ("SalesInvoice", "ProjectItem", "LABOUR"),
    ("BankTransfer", "NetAmount", "100"),
    ("BankTransfer", "AccountReference", "1200"),
    ("SalesInvoice", "ExchangeRate", "1.5"),
    ("SalesReceiptOnAccount", "NominalCode", "4000"),
    ("SalesReceipt", "Department", "1"),
    ("PurchaseReceipt", "Fund", "001"),
    ("JournalDebit", "ProjectRef", "PRJ1"),
    ("BankPayment", "FromBankAccount", "1200"),
    ("SalesPayment", "PaymentAmount", "100"),
]

APPLICABLE = [
    ("SalesInvoice", "DueDate", "2019-05-16T00:00:00"),
    ("SalesInvoice", "OssReportType", "None"),
    ("PurchasePaymentOnAccount", "BankReference", "1200"),
    ("BankPayment", "ProjectItem", "LABOUR"),
    ("PurchaseCredit", "ProjectItem", "LABOUR"),
    ("BankTransfer", "ExchangeRate", "1.5"),
    ("BankTransfer", "Department", "1"),
    ("BankReceipt", "ProjectRef", "PRJ1"),
]


@pytest.mark.parametrize(("kind", "field", "value"), NOT_APPLICABLE)
def test_a_field_the_type_ignores_is_a_warning(kind: str, field: str, value: str) -> None:
    xml = minimal(kind, **{field: value})
    (issue,) = of(validate(xml), "type.field-not-applicable")
    assert issue.severity is Severity.WARNING
    assert issue.path == f"{RECORD}/{field}"
    assert issue.line == line_of(xml, f"<{field}>")
    assert field in issue.message
    assert kind in issue.message


@pytest.mark.parametrize(("kind", "field", "value"), APPLICABLE)
def test_a_field_the_type_uses_is_not_reported(kind: str, field: str, value: str) -> None:
    assert of(validate(minimal(kind, **{field: value})), "type.field-not-applicable") == []


ALWAYS = {
    "TaxRate": "20",
    "CustomerId": "232",
    "SecondReference": "X",
    "Id": "5",
    "TransactionNumber": "7",
    "TransactionDate": "2019-05-16T00:00:00",
    "PostedDate": "2019-05-16T00:00:00",
    "PaymentReference": "P1",
    "Details": "d",
    "TaxCode": "9",
    "TaxAmount": "0",
}


@pytest.mark.parametrize("kind", list(MINIMAL))
def test_fields_accepted_on_every_type(kind: str) -> None:
    fields = {k: v for k, v in ALWAYS.items() if k not in MINIMAL[kind]}
    assert of(validate(minimal(kind, **fields)), "type.field-not-applicable") == []


def test_an_empty_or_nil_inapplicable_field_is_not_reported() -> None:
    xml = minimal("SalesInvoice", ProjectItem="", BankReference="", ExchangeRate=None)
    assert of(validate(xml), "type.field-not-applicable") == []


def test_bank_reference_on_an_invoice_names_the_types_that_use_it() -> None:
    (issue,) = of(
        validate(minimal("SalesInvoice", BankReference="1200")), "type.field-not-applicable"
    )
    assert issue.message == (
        "BankReference '1200' is ignored on a SalesInvoice (only SalesReceiptOnAccount, "
        "SalesPayment, PurchasePaymentOnAccount and PurchaseReceipt use it): remove it, or "
        "check the TransactionType."
    )


def test_update_fields_on_a_new_record_are_not_applicable() -> None:
    xml = minimal("SalesInvoice", Disputed="true", DocumentLink="x.pdf")
    issues = of(validate(xml), "type.field-not-applicable")
    assert [issue.path for issue in issues] == [f"{RECORD}/Disputed", f"{RECORD}/DocumentLink"]
    assert "RecordOperation" in issues[0].message


def test_update_records_skip_the_type_checks() -> None:
    xml = company(tx("Update", TransactionNumber="1", Disputed="true", BankReference="1200"))
    report = validate(xml)
    assert of(report, "type.field-not-applicable") == []
    assert of(report, "type.required-field") == []


def test_the_import_sample_warns_about_bank_reference_on_the_invoice() -> None:
    report = validate(CONFORMANCE / "importing-transactions-into-sage-50-uk__1.xml")
    assert report.errors == ()
    (issue,) = of(report, "type.field-not-applicable")
    assert issue.path == f"{RECORD}/BankReference"
    assert issue.line == 17


# --- type.alias ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("alias", "imported_as"),
    [("SalesReceipt", "SalesReceiptOnAccount"), ("PurchasePayment", "PurchasePaymentOnAccount")],
)
def test_an_alias_is_reported_as_info(alias: str, imported_as: str) -> None:
    xml = minimal(alias)
    (issue,) = of(validate(xml), "type.alias")
    assert issue.severity is Severity.INFO
    assert issue.path == f"{RECORD}/TransactionType"
    assert issue.line == line_of(xml, "<TransactionType>")
    assert imported_as in issue.message
    assert validate(xml).valid


@pytest.mark.parametrize("kind", ["SalesReceiptOnAccount", "PurchasePaymentOnAccount"])
def test_the_current_names_are_not_aliases(kind: str) -> None:
    assert of(validate(minimal(kind)), "type.alias") == []


def test_an_alias_is_checked_as_the_type_it_stands_for() -> None:
    report = validate(minimal("SalesReceipt", BankReference=...))
    assert [i.path for i in of(report, "type.required-field")] == [f"{RECORD}/BankReference"]


# --- field.export-only -----------------------------------------------------------------------

TRANSACTION_EXPORT_ONLY = {
    "UniqueId": "631",
    "AnalysisCode": "A",
    "ElectronicTransaction": "false",
    "OutstandingAmount": "0",
    "Discount": "0",
    "VatInclusive": "true",
    "CustomFields": "",
}


@pytest.mark.parametrize(("field", "value"), TRANSACTION_EXPORT_ONLY.items())
def test_an_export_only_transaction_field_is_a_warning(field: str, value: str) -> None:
    xml = company(sales_invoice(**{field: value}))
    (issue,) = of(validate(xml), "field.export-only")
    assert issue.severity is Severity.WARNING
    assert issue.path == f"{RECORD}/{field}"
    assert issue.line == line_of(xml, f"<{field}>")
    assert of(validate(xml), "type.field-not-applicable") == []


def test_an_import_record_has_no_export_only_warning() -> None:
    assert of(validate(company(sales_invoice())), "field.export-only") == []


def test_nil_and_empty_export_only_strings_are_not_reported() -> None:
    xml = company(sales_invoice(AnalysisCode="", Discount=None, VatInclusive=None))
    assert of(validate(xml), "field.export-only") == []


def test_an_update_with_an_export_only_field_gets_one_warning_for_it() -> None:
    xml = company(tx("Update", TransactionNumber="1", Disputed="true", UniqueId="9"))
    report = validate(xml)
    assert [i.code for i in report.issues if i.path == f"{RECORD}/UniqueId"] == [
        "field.export-only"
    ]


CUSTOMER_EXPORT_ONLY = {
    "UniqueId": "ABS001",
    "Balance": "10.00",
    "CreditPosition": "Good",
    "LastCreditReview": "2019-05-16T00:00:00",
    "NextCreditReview": "2019-05-16T00:00:00",
    "ApplicationDate": "2019-05-16T00:00:00",
    "DateReceived": "2019-05-16T00:00:00",
    "LastInvoiceDate": "2019-05-16T00:00:00",
    "LastPaymentDate": "2019-05-16T00:00:00",
    "TurnoverMTD": "1",
    "TurnoverYTD": "1",
    "PriorYear": "1",
    "Attachments": "",
    "CustomFields": "",
    "Activities": "",
    "Groups": "",
    "Notes": "",
    "AccountStatusText": "Open",
    "LineDiscount": "1",
    "CreateOnly": "true",
}


@pytest.mark.parametrize(("field", "value"), CUSTOMER_EXPORT_ONLY.items())
def test_an_export_only_customer_field_is_a_warning(field: str, value: str) -> None:
    xml = company(
        customers=[customer(AccountReference="ABS001", CompanyName="A", **{field: value})]
    )
    (issue,) = of(validate(xml), "field.export-only")
    assert issue.severity is Severity.WARNING
    assert issue.path == f"{CUSTOMER}/{field}"
    assert issue.line == line_of(xml, f"<{field}>")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("Description", "Mike Hall"),
        ("TaxCode", "1"),
        ("Birthdate", "2019-05-16T00:00:00"),
        ("Notes", ""),
        ("CustomFields", ""),
        ("Activities", ""),
        ("Groups", ""),
    ],
)
@pytest.mark.parametrize("address", ["CustomerInvoiceAddress", "CustomerDeliveryAddress"])
def test_an_export_only_address_field_is_a_warning_at_its_line(
    address: str, field: str, value: str
) -> None:
    inner = f"<Forename>Mike</Forename>\n        <{field}>{value}</{field}>"
    xml = company(customers=[customer(AccountReference="A", CompanyName="A", **{address: inner})])
    (issue,) = of(validate(xml), "field.export-only")
    assert issue.path == f"{CUSTOMER}/{address}/{field}"
    assert issue.line == line_of(xml, f"<{field}>")
    assert address in issue.message


def test_an_import_customer_has_no_export_only_warning() -> None:
    inner = "<Forename>Mike</Forename><Country>GB</Country>"
    xml = company(
        customers=[customer(AccountReference="A", CompanyName="A", CustomerInvoiceAddress=inner)]
    )
    assert of(validate(xml), "field.export-only") == []


def test_the_export_sample_gives_warnings_and_no_errors() -> None:
    report = validate(CONFORMANCE / "exporting-transactions-from-sage-50-uk__1.xml")
    assert report.errors == ()
    assert {i.path.rsplit("/", 1)[1] for i in of(report, "field.export-only") if i.path} == {
        "UniqueId",
        "ElectronicTransaction",
        "OutstandingAmount",
        "CustomFields",
        "TransactionNumber",  # export rows are not updates: re-imported, they post again
    }
    assert [i.path for i in of(report, "type.field-not-applicable")] == [f"{RECORD}/BankReference"]


# --- TransactionNumber, the applicability matrix as data (issue 17, issue 11) --------------


def test_transaction_number_on_a_new_record_is_export_only() -> None:
    xml = company(sales_invoice(TransactionNumber="631"))
    (issue,) = of(validate(xml), "field.export-only")
    assert issue.severity is Severity.WARNING
    assert issue.path == f"{RECORD}/TransactionNumber"
    assert "posted again as a new transaction" in issue.message
    assert 'RecordOperation="Update"' in issue.message


def test_transaction_number_on_an_update_is_read() -> None:
    xml = company(tx("Update", TransactionNumber="631", Disputed="true"))
    assert of(validate(xml), "field.export-only") == []


def test_a_field_only_one_type_uses_says_uses() -> None:
    xml = company(sales_invoice(ExchangeRate="1.5"))
    (issue,) = of(validate(xml), "type.field-not-applicable")
    assert "only BankTransfer uses it" in issue.message


def test_the_matrix_is_data_the_builder_and_strategies_can_read() -> None:

    t = TransactionType
    assert set(fields_with_use(t.BANK_TRANSFER, FieldUse.REQUIRED)) == {
        "TransactionType",
        "Reference",
        "FromBankAccount",
        "ToBankAccount",
        "PaymentAmount",
        "ReceiptAmount",
    }
    assert field_use(t.SALES_RECEIPT, "BankReference") is FieldUse.REQUIRED  # an alias
    assert field_use(t.SALES_INVOICE, "BankReference") is FieldUse.NOT_APPLICABLE
    assert field_use(t.SALES_INVOICE, "Disputed") is FieldUse.UPDATE_ONLY
    assert field_use(t.SALES_INVOICE, "TransactionNumber") is FieldUse.EXPORT_ONLY
    assert field_use(t.SALES_INVOICE, "UniqueId") is FieldUse.EXPORT_ONLY
    assert field_use(t.SALES_INVOICE, "TaxCode") is FieldUse.OPTIONAL
    assert attribute("NominalCode") == "nominal_code"
    assert set(TRANSACTION_FIELD_USE) == set(t)
    # The rules read the same data: every required field, left out, is type.required-field.
    for transaction_type, fields in MINIMAL.items():
        for name in fields_with_use(t(transaction_type), FieldUse.REQUIRED):
            if name == "TransactionType":
                continue
            assert name in fields, (transaction_type, name)
