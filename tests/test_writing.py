"""``dumps``/``dump``: exact values, absent None, refusal of what XML cannot carry."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from xsdata.models.datatype import XmlDateTime

from zynk_sage50 import (
    Company,
    Customer,
    CustomerAddress,
    Customers,
    EmptyCollection,
    LexicalDateTime,
    RecordOperation,
    SerializationError,
    Transaction,
    Transactions,
    TransactionType,
    ZynkSage50Error,
    dump,
    dumps,
    loads,
)
from zynk_sage50.schema import company_schema

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XSD = "http://www.w3.org/2001/XMLSchema"
DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
BOTH = f'xmlns:xsi="{XSI}" xmlns:xsd="{XSD}"'


def one(**fields: Any) -> Company:
    """A document holding one transaction with the given fields."""
    return Company(transactions=Transactions(transaction=[Transaction(**fields)]))


def first(company: Company) -> Transaction:
    """The first transaction of a document."""
    assert company.transactions is not None
    return company.transactions.transaction[0]


def document(body: str, declarations: str = BOTH) -> str:
    return (
        f"{DECLARATION}<Company {declarations}>\n  <Transactions>\n    <Transaction>\n"
        f"      {body}\n    </Transaction>\n  </Transactions>\n</Company>\n"
    )


def leaf(xml: str, name: str) -> etree._Element | None:
    """The first element called ``name`` in ``xml`` (parsed with a plain, trusted parser)."""
    root = etree.fromstring(xml.encode("utf-8"))
    return root.find(f".//{name}")


def leaf_text(xml: str, name: str) -> str | None:
    element = leaf(xml, name)
    assert element is not None, f"<{name}> was not written"
    return element.text


def assert_valid(xml: str) -> None:
    company_schema().assertValid(etree.fromstring(xml.encode("utf-8")))


# --- decimals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1E+2"), "100"),
        (Decimal("0.10"), "0.10"),
        (Decimal("100.00"), "100.00"),
        (Decimal("-12.5"), "-12.5"),
        (Decimal("1.5E-7"), "0.00000015"),
        (Decimal("0"), "0"),
        (7, "7"),
    ],
)
def test_decimals_are_written_in_plain_notation(value: Decimal | int, text: str) -> None:
    xml = dumps(one(net_amount=value))
    assert leaf_text(xml, "NetAmount") == text
    assert_valid(xml)
    assert first(loads(xml)).net_amount == Decimal(value)


def test_trailing_zeros_survive_a_round_trip_through_text() -> None:
    xml = document("<NetAmount>0.10</NetAmount><TaxAmount>20.00</TaxAmount>")
    written = dumps(loads(xml))
    assert leaf_text(written, "NetAmount") == "0.10"
    assert leaf_text(written, "TaxAmount") == "20.00"


@pytest.mark.parametrize(
    "value",
    [
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal("Infinity"),
        Decimal("-Infinity"),
        Decimal("1E+100000"),
        Decimal("1E-100000"),
    ],
    ids=["nan", "snan", "inf", "-inf", "huge-exponent", "tiny-exponent"],
)
def test_non_finite_and_absurd_decimals_are_refused_naming_the_field(value: Decimal) -> None:
    with pytest.raises(SerializationError) as caught:
        dumps(one(tax_amount=value))
    assert caught.value.path == "/Company/Transactions/Transaction[1]/TaxAmount"
    assert "/Company/Transactions/Transaction[1]/TaxAmount" in str(caught.value)
    assert isinstance(caught.value, ZynkSage50Error)


def test_huge_exponent_is_refused_without_expanding_it() -> None:
    # Writing 1E+100000 in plain notation would be 100,001 digits: it is refused instead,
    # and the message is short.
    with pytest.raises(SerializationError) as caught:
        dumps(one(net_amount=Decimal("1E+100000")))
    assert len(str(caught.value)) < 300


@pytest.mark.parametrize(
    "text",
    [
        "1." + "0" * 30,
        "0." + "0" * 40 + "1",
        "1" * 40,
        "-" + "9" * 60 + "." + "9" * 60,
    ],
    ids=["30-places", "tiny", "40-digits", "long-negative"],
)
def test_every_decimal_that_loads_is_written_back_unchanged(text: str) -> None:
    written = dumps(loads(document(f"<NetAmount>{text}</NetAmount>")))
    assert leaf_text(written, "NetAmount") == text


def test_decimal_length_limit_boundary() -> None:
    # 1,000 digits are written; 1,001 are refused.
    assert leaf_text(dumps(one(net_amount=Decimal("1E+999"))), "NetAmount") == "1" + "0" * 999
    with pytest.raises(SerializationError):
        dumps(one(net_amount=Decimal("1E+1000")))
    small = leaf_text(dumps(one(net_amount=Decimal("1E-999"))), "NetAmount")
    assert small == "0." + "0" * 998 + "1"
    with pytest.raises(SerializationError):
        dumps(one(net_amount=Decimal("1E-1000")))


def test_refusal_names_the_path_of_a_nested_customer_field() -> None:
    company = Company(
        customers=Customers(
            customer=[Customer(company_name="A"), Customer(credit_limit=Decimal("NaN"))]
        )
    )
    with pytest.raises(SerializationError) as caught:
        dumps(company)
    assert caught.value.path == "/Company/Customers/Customer[2]/CreditLimit"


def test_a_float_in_a_decimal_field_is_refused() -> None:
    with pytest.raises(SerializationError) as caught:
        dumps(one(net_amount=0.1))
    assert caught.value.path == "/Company/Transactions/Transaction[1]/NetAmount"
    assert "float" in str(caught.value)


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"net_amount": True}, "NetAmount"),
        ({"net_amount": "10"}, "NetAmount"),
        ({"tax_code": "1"}, "TaxCode"),
        ({"tax_code": 1.0}, "TaxCode"),
        ({"disputed": 1}, "Disputed"),
        ({"reference": 123}, "Reference"),
        ({"transaction_type": "SalesInvoice"}, "TransactionType"),
    ],
)
def test_values_of_the_wrong_type_are_refused(fields: dict[str, Any], path: str) -> None:
    with pytest.raises(SerializationError) as caught:
        dumps(one(**fields))
    assert caught.value.path == f"/Company/Transactions/Transaction[1]/{path}"


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2019-05-16T00:00:00",
        "2019-05-16T00:00:00.000",
        "2013-06-06T09:16:14.1234567+01:00",
        "2013-06-06T09:16:14.5673107+01:00",
        "2020-02-29T23:59:59Z",
        "2020-02-29T23:59:59.5-05:30",
    ],
)
def test_datetimes_keep_their_exact_text_through_load_and_dump(text: str) -> None:
    written = dumps(loads(document(f"<TransactionDate>{text}</TransactionDate>")))
    assert leaf_text(written, "TransactionDate") == text
    assert dumps(loads(written)) == written


def test_a_new_lexical_datetime_is_written_as_given() -> None:
    xml = dumps(one(due_date=LexicalDateTime("2019-05-16T00:00:00.000")))
    assert leaf_text(xml, "DueDate") == "2019-05-16T00:00:00.000"


@pytest.mark.parametrize(
    "value",
    [datetime(2019, 5, 16), date(2019, 5, 16), "2019-05-16T00:00:00", 20190516],
    ids=["datetime", "date", "str", "int"],
)
def test_a_date_that_is_not_an_xml_datetime_is_refused(value: object) -> None:
    # str(datetime(2019, 5, 16)) is "2019-05-16 00:00:00", which is not an xs:dateTime.
    with pytest.raises(SerializationError) as caught:
        dumps(one(transaction_date=value))
    assert caught.value.path == "/Company/Transactions/Transaction[1]/TransactionDate"


def test_a_plain_xml_datetime_is_written() -> None:
    xml = dumps(one(transaction_date=XmlDateTime(2019, 5, 16, 0, 0, 0)))
    assert leaf_text(xml, "TransactionDate") == "2019-05-16T00:00:00"


# --- None, nil, empty ---------------------------------------------------------------------


def test_none_is_written_as_absent_never_as_nil() -> None:
    xml = dumps(one(transaction_type=TransactionType.SALES_INVOICE))
    transaction = leaf(xml, "Transaction")
    assert transaction is not None
    assert [child.tag for child in transaction] == ["TransactionType"]
    assert "nil" not in xml
    assert_valid(xml)


@pytest.mark.parametrize(
    ("element", "field"),
    [
        ("NetAmount", "net_amount"),
        ("TransactionDate", "transaction_date"),
        ("Disputed", "disputed"),
        ("TaxCode", "tax_code"),
        ("Id", "id"),
        ("Fund", "fund"),
        ("ExchangeRate", "exchange_rate"),
    ],
)
def test_a_nil_element_loads_as_none_and_is_written_as_absent(element: str, field: str) -> None:
    model = loads(document(f'<Reference>R1</Reference><{element} xsi:nil="true" />'))
    transaction = first(model)
    assert getattr(transaction, field) is None
    written = dumps(model)
    assert leaf(written, element) is None
    assert leaf_text(written, "Reference") == "R1"
    assert "nil" not in written


def test_empty_string_stays_an_empty_element() -> None:
    written = dumps(loads(document("<PaymentReference />")))
    assert "<PaymentReference />" in written
    assert first(loads(written)).payment_reference == ""
    assert "<DocumentLink />" in dumps(one(document_link=""))


def test_empty_collections_stay() -> None:
    source = (
        f"{DECLARATION}<Company {BOTH}>\n  <Customers />\n  <Transactions>\n"
        "    <Transaction>\n      <CustomFields />\n    </Transaction>\n"
        "  </Transactions>\n</Company>\n"
    )
    model = loads(source)
    assert model.customers is not None
    assert model.customers.customer == []
    assert first(model).custom_fields == EmptyCollection()
    written = dumps(model)
    assert "<Customers />" in written
    assert "<CustomFields />" in written

    empty = loads(f"{DECLARATION}<Company>\n  <Transactions />\n</Company>\n")
    assert empty.transactions is not None
    assert empty.transactions.transaction == []
    assert "<Transactions />" in dumps(empty)
    assert "<Transactions />" in dumps(Company(transactions=Transactions()))
    assert "Transactions" not in dumps(Company())


# --- characters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "char", ["\x00", "\x01", "\x08", "\x0b", "\x1f", "\ufffe", "\uffff", "\ud800"]
)
def test_characters_xml_cannot_carry_are_refused(char: str) -> None:
    with pytest.raises(SerializationError) as caught:
        dumps(one(details=f"bad{char}text"))
    assert caught.value.path == "/Company/Transactions/Transaction[1]/Details"
    assert f"U+{ord(char):04X}" in str(caught.value)


def test_carriage_returns_and_markup_characters_survive() -> None:
    details = "a\rb\r\nc\td & <e> \"f\" 'g' ]]> £€ \U0001f600"
    written = dumps(one(details=details))
    assert "&#13;" in written
    assert_valid(written)
    reloaded = loads(written)
    assert first(reloaded).details == details
    assert dumps(reloaded) == written


def test_leading_and_trailing_whitespace_in_strings_is_kept() -> None:
    written = dumps(one(reference="  R1 ", details="   "))
    reloaded = first(loads(written))
    assert reloaded.reference == "  R1 "
    assert reloaded.details == "   "


def test_attributes_are_written() -> None:
    written = dumps(one(record_operation=RecordOperation.UPDATE, transaction_number=5))
    assert '<Transaction RecordOperation="Update">' in written
    assert first(loads(written)).record_operation is RecordOperation.UPDATE


# --- output format ------------------------------------------------------------------------


def sample() -> Company:
    return Company(
        customers=Customers(
            customer=[
                Customer(
                    account_reference="ABS001",
                    company_name="Café £ Ltd",
                    customer_invoice_address=CustomerAddress(county="Tyne & Wear"),
                )
            ]
        )
    )


def test_output_starts_with_the_declaration() -> None:
    assert dumps(sample()).startswith(DECLARATION)


def test_dump_to_a_path_writes_utf8(tmp_path: Path) -> None:
    target = tmp_path / "out.xml"
    dump(sample(), target)
    data = target.read_bytes()
    assert data == dumps(sample()).encode("utf-8")
    assert "Café £ Ltd".encode() in data
    assert data.startswith(DECLARATION.encode("ascii"))
    dump(sample(), str(tmp_path / "by-name.xml"))
    assert (tmp_path / "by-name.xml").read_bytes() == data


def test_dump_to_a_binary_file_writes_utf8() -> None:
    buffer = io.BytesIO()
    dump(sample(), buffer)
    data = buffer.getvalue()
    assert data == dumps(sample()).encode("utf-8")
    assert b"Caf\xc3\xa9 \xc2\xa3 Ltd" in data
    assert loads(data) == sample()


def test_dump_refuses_other_targets() -> None:
    with pytest.raises(TypeError):
        dump(sample(), 42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        dumps(Transactions())  # type: ignore[arg-type]


# --- namespace declarations ---------------------------------------------------------------


def root_declarations(xml: str) -> dict[str | None, str]:
    return dict(etree.fromstring(xml.encode("utf-8")).nsmap)


def test_root_declarations_of_the_input_are_kept() -> None:
    written = dumps(loads(document("<Reference>R</Reference>")))
    assert root_declarations(written) == {"xsi": XSI, "xsd": XSD}


def test_a_document_without_declarations_is_written_without_them() -> None:
    written = dumps(loads(document("<Reference>R</Reference>", declarations="")))
    assert root_declarations(written) == {}
    assert "<Company>" in written


def test_only_the_declarations_the_input_had_are_written() -> None:
    written = dumps(loads(document("<Reference>R</Reference>", declarations=f'xmlns:xsi="{XSI}"')))
    assert root_declarations(written) == {"xsi": XSI}
    assert "xmlns:xsd" not in written


def test_a_namespace_uri_needing_escapes_is_written_escaped() -> None:
    model = loads('<Company xmlns:a="urn:x?a=1&amp;b=2" />')
    written = dumps(model)
    assert 'xmlns:a="urn:x?a=1&amp;b=2"' in written
    assert root_declarations(written) == {"a": "urn:x?a=1&b=2"}
    assert dumps(loads(written)) == written


def test_a_new_document_declares_xsi_and_xsd_like_zynk() -> None:
    assert root_declarations(dumps(Company())) == {"xsi": XSI, "xsd": XSD}
