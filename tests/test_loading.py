"""``load``/``loads``: every accepted input form, and a clear exception for everything else."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest

from zynk_sage50 import (
    Company,
    ForbiddenXmlError,
    MalformedXmlError,
    ReadError,
    SchemaBindingError,
    SerializationError,
    TooLargeError,
    Transaction,
    TransactionType,
    ZynkSage50Error,
    dumps,
    load,
    loads,
)

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XSD = "http://www.w3.org/2001/XMLSchema"


def document(body: str, declaration: str = '<?xml version="1.0" encoding="utf-8"?>') -> str:
    """A one-transaction document; ``body`` starts on line 5."""
    return (
        f"{declaration}\n"
        f'<Company xmlns:xsi="{XSI}" xmlns:xsd="{XSD}">\n'
        "  <Transactions>\n"
        "    <Transaction>\n"
        f"      {body}\n"
        "    </Transaction>\n"
        "  </Transactions>\n"
        "</Company>\n"
    )


def first(company: Company) -> Transaction:
    """The first transaction of a document."""
    assert company.transactions is not None
    return company.transactions.transaction[0]


SALES_INVOICE = document(
    "<TransactionType>SalesInvoice</TransactionType>"
    "<AccountReference>ABS001</AccountReference>"
    "<Details>Caf\u00e9 \u00a3 \u20ac</Details>"
    "<NetAmount>100.50</NetAmount>"
)


def check_sales_invoice(company: Company) -> None:
    assert company.transactions is not None
    (transaction,) = company.transactions.transaction
    assert transaction.transaction_type is TransactionType.SALES_INVOICE
    assert transaction.account_reference == "ABS001"
    assert transaction.details == "Caf\u00e9 \u00a3 \u20ac"
    assert transaction.net_amount == Decimal("100.50")
    assert str(transaction.net_amount) == "100.50"


# --- accepted inputs ----------------------------------------------------------------------


def test_loads_bytes() -> None:
    check_sales_invoice(loads(SALES_INVOICE.encode("utf-8")))
    check_sales_invoice(loads(bytearray(SALES_INVOICE.encode("utf-8"))))


def test_loads_str_whose_declaration_names_utf8() -> None:
    assert 'encoding="utf-8"' in SALES_INVOICE
    check_sales_invoice(loads(SALES_INVOICE))


def test_loads_str_without_a_declaration() -> None:
    check_sales_invoice(loads(SALES_INVOICE.split("\n", 1)[1]))


def test_loads_str_whose_declaration_names_another_encoding() -> None:
    # The text is already decoded: the declaration's encoding is irrelevant.
    text = SALES_INVOICE.replace('encoding="utf-8"', 'encoding="utf-16"')
    check_sales_invoice(loads(text))


def test_loads_utf16_bytes_with_a_bom() -> None:
    text = SALES_INVOICE.replace('encoding="utf-8"', 'encoding="utf-16"')
    data = text.encode("utf-16")
    assert data[:2] in (b"\xff\xfe", b"\xfe\xff")
    check_sales_invoice(loads(data))


def test_loads_utf8_bytes_with_a_bom() -> None:
    check_sales_invoice(loads(b"\xef\xbb\xbf" + SALES_INVOICE.encode("utf-8")))


def test_loads_latin1_bytes_as_declared() -> None:
    text = SALES_INVOICE.replace('encoding="utf-8"', 'encoding="iso-8859-15"')
    check_sales_invoice(loads(text.encode("iso-8859-15")))


def test_load_a_path(tmp_path: Path) -> None:
    path = tmp_path / "doc.xml"
    path.write_bytes(SALES_INVOICE.encode("utf-8"))
    check_sales_invoice(load(path))
    check_sales_invoice(load(str(path)))


def test_load_a_binary_file_object(tmp_path: Path) -> None:
    check_sales_invoice(load(io.BytesIO(SALES_INVOICE.encode("utf-8"))))
    path = tmp_path / "doc.xml"
    path.write_bytes(SALES_INVOICE.encode("utf-8"))
    with path.open("rb") as handle:
        check_sales_invoice(load(handle))


def test_comments_and_processing_instructions_inside_a_value_are_dropped() -> None:
    company = loads(document("<NetAmount>24<!-- x -->0<?pi data?></NetAmount>"))
    assert first(company).net_amount == Decimal("240")


def test_whitespace_around_a_number_is_ignored() -> None:
    company = loads(document("<NetAmount>\n  12.30 \n</NetAmount><TaxCode> 1 </TaxCode>"))
    transaction = first(company)
    assert transaction.net_amount == Decimal("12.30")
    assert transaction.tax_code == 1


def test_boolean_literals_one_and_zero_are_accepted() -> None:
    company = loads(document("<Disputed>1</Disputed><VatInclusive>0</VatInclusive>"))
    transaction = first(company)
    assert transaction.disputed is True
    assert transaction.vat_inclusive is False


def test_fund_keeps_its_leading_zeros() -> None:
    company = loads(document("<Fund>001</Fund>"))
    assert first(company).fund == "001"
    assert "<Fund>001</Fund>" in dumps(company)


# --- errors -------------------------------------------------------------------------------


def assert_library_error(error: BaseException) -> None:
    assert isinstance(error, ZynkSage50Error)


@pytest.mark.parametrize(
    "data",
    [
        "hello, this is not XML",
        "Tyne & Wear",
        "{}",
        "<Company>",
        "<Company></Transactions>",
        "<Company/><Company/>",
        b"\xff\xfe\x00garbage",
        b"PK\x03\x04zip",
    ],
)
def test_text_that_is_not_xml_is_malformed(data: str | bytes) -> None:
    with pytest.raises(MalformedXmlError) as caught:
        loads(data)
    assert_library_error(caught.value)
    assert caught.value.line is not None
    assert caught.value.line >= 1


@pytest.mark.parametrize("data", [b"", "", b"  \n ", "\n\n"])
def test_empty_input_is_malformed(data: str | bytes) -> None:
    with pytest.raises(MalformedXmlError) as caught:
        loads(data)
    assert "empty" in str(caught.value)


def test_malformed_reports_line_and_column() -> None:
    text = document("<Details>Tyne & Wear</Details>")
    with pytest.raises(MalformedXmlError) as caught:
        loads(text)
    assert caught.value.line == 5
    assert caught.value.column is not None
    assert "&amp;" in str(caught.value)


def test_truncated_document_is_malformed_not_recovered() -> None:
    text = document("<NetAmount>10</NetAmount>")
    truncated = text[: text.index("10</NetAmount>") + 2]
    with pytest.raises(MalformedXmlError):
        loads(truncated)


def test_a_directory_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        load(tmp_path)
    assert_library_error(caught.value)
    assert "directory" in str(caught.value)


def test_a_missing_path_is_a_read_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.xml"
    with pytest.raises(ReadError) as caught:
        load(missing)
    assert str(missing) in str(caught.value)
    with pytest.raises(ReadError):
        load(str(missing))


def test_a_text_mode_file_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        load(io.StringIO(SALES_INVOICE))  # type: ignore[arg-type]
    assert "'rb'" in str(caught.value)
    path = tmp_path / "doc.xml"
    path.write_text(SALES_INVOICE, encoding="utf-8")
    with path.open(encoding="utf-8") as handle, pytest.raises(ReadError):
        load(handle)  # type: ignore[arg-type]


def test_an_unreadable_file_object_is_a_read_error() -> None:
    class Broken(io.RawIOBase):
        def read(self, size: int = -1) -> bytes:
            raise OSError("device gone")

    with pytest.raises(ReadError):
        load(Broken())


def test_bytes_given_to_load_are_a_type_error() -> None:
    with pytest.raises(TypeError):
        load(SALES_INVOICE.encode("utf-8"))
    with pytest.raises(TypeError):
        loads(42)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    ["<Customers/>", "<company/>", '<Company xmlns="urn:zynk"/>', "<Invoices/>"],
)
def test_a_wrong_root_element_is_a_binding_error(text: str) -> None:
    with pytest.raises(SchemaBindingError) as caught:
        loads(text)
    assert_library_error(caught.value)
    assert "Company" in str(caught.value)


def path_matches(path: str | None, *steps: str) -> bool:
    """``path`` is ``/Company/Transactions/Transaction/<steps>``, the record optionally indexed."""
    pattern = r"/Company/Transactions/Transaction(\[1\])?/" + "/".join(map(re.escape, steps))
    return path is not None and re.fullmatch(pattern, path) is not None


@pytest.mark.parametrize(
    "empty", ["<NetAmount/>", "<NetAmount></NetAmount>", "<NetAmount> </NetAmount>"]
)
def test_an_empty_number_is_a_binding_error_with_line_and_path(empty: str) -> None:
    with pytest.raises(SchemaBindingError) as caught:
        loads(document(f"<Reference>R1</Reference>\n      {empty}"))
    error = caught.value
    assert error.line == 6
    assert path_matches(error.path, "NetAmount"), error.path
    assert "NetAmount" in str(error)
    assert error.issues
    assert error.issues[0].line == 6


@pytest.mark.parametrize(
    ("element", "value"),
    [
        ("NetAmount", "abc"),
        ("NetAmount", "1E+2"),
        ("NetAmount", "NaN"),
        ("NetAmount", "1_000"),
        ("TaxCode", "100"),
        ("Department", "-1"),
        ("Id", "123456789"),
        ("Disputed", "yes"),
        ("TransactionDate", "2019-05-16"),
        ("TransactionType", "SI"),
        ("Fund", "0001"),
        ("Reference", "x" * 31),
    ],
)
def test_an_invalid_value_is_a_binding_error(element: str, value: str) -> None:
    with pytest.raises(SchemaBindingError) as caught:
        loads(document(f"<{element}>{value}</{element}>"))
    assert caught.value.line == 5
    assert path_matches(caught.value.path, element), caught.value.path
    assert element in str(caught.value)


def test_an_unknown_element_suggests_the_right_name() -> None:
    with pytest.raises(SchemaBindingError) as caught:
        loads(document("<NettAmount>10</NettAmount>"))
    message = str(caught.value)
    assert "NettAmount" in message
    assert "NetAmount?" in message
    assert caught.value.line == 5


def test_tax_code_written_the_sage_way_is_refused_with_advice() -> None:
    with pytest.raises(SchemaBindingError) as caught:
        loads(document("<TaxCode>T1</TaxCode>"))
    assert "TaxCode" in str(caught.value)
    assert "Write 1" in str(caught.value)


def test_every_exception_is_a_library_error() -> None:
    for error_class in (
        ReadError,
        MalformedXmlError,
        ForbiddenXmlError,
        TooLargeError,
        SchemaBindingError,
        SerializationError,
    ):
        assert issubclass(error_class, ZynkSage50Error)
    assert issubclass(ZynkSage50Error, Exception)
