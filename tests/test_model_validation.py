"""``validate(model)`` runs the checks ``validate(dumps(model))`` runs, facets included, and a
value of the wrong Python type is an issue from ``validate`` and a ``SerializationError`` from
``dumps`` — never a stray exception, never XML the library then refuses to read."""

from __future__ import annotations

import copy
import enum
import os
import pickle
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import attr
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zynk_sage50 as zs
from zynk_sage50.modelinfo import ValueKind, class_info
from zynk_sage50.strategies import documents

#: The property runs over at least 500 documents under CI's profile.
EXAMPLES = 500 if os.environ.get("HYPOTHESIS_PROFILE") == "ci" else 40


def _transaction(**fields: Any) -> zs.Transaction:
    values: dict[str, Any] = {
        "id": 1,
        "transaction_type": zs.TransactionType.SALES_INVOICE,
        "account_reference": "ACME01",
        "transaction_date": zs.LexicalDateTime("2019-05-16T00:00:00"),
        "reference": "INV1",
        "nominal_code": "4000",
        "net_amount": Decimal("100.00"),
        "tax_code": 1,
        "tax_amount": Decimal("20.00"),
    }
    values.update(fields)
    return zs.Transaction(**values)


def _document(transaction: zs.Transaction) -> zs.Company:
    return zs.Company(transactions=zs.Transactions(transaction=[transaction]))


def _codes(report: zs.Report) -> Counter[str]:
    return Counter(issue.code for issue in report.issues)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"account_reference": "A" * 80}, "schema.too-long"),
        ({"tax_code": 100}, "schema.out-of-range"),
        ({"id": -5}, "schema.out-of-range"),
        ({"department": 1000}, "schema.out-of-range"),
    ],
)
def test_facets_are_checked_on_models_as_on_files(fields: dict[str, Any], code: str) -> None:
    company = _document(_transaction(**fields))
    from_model = zs.validate(company)
    from_file = zs.validate(zs.dumps(company))
    assert code in from_model.codes
    assert _codes(from_model) == _codes(from_file)
    assert [i.path for i in from_model.issues] == [i.path for i in from_file.issues]
    assert all(issue.line is None for issue in from_model.issues)


@pytest.mark.parametrize(
    ("fields", "field_name"),
    [
        ({"net_amount": Decimal("NaN")}, "NetAmount"),
        ({"transaction_type": "SalesInvoice"}, "TransactionType"),
        ({"transaction_type": zs.RecordOperation.UPDATE}, "TransactionType"),
        ({"reference": "bell\x07"}, "Reference"),
        ({"tax_code": "1"}, "TaxCode"),
    ],
)
def test_a_value_of_the_wrong_type_is_an_issue_and_a_serialization_error(
    fields: dict[str, Any], field_name: str
) -> None:
    company = _document(_transaction(**fields))
    report = zs.validate(company)
    bad = [issue for issue in report.errors if issue.path and issue.path.endswith(field_name)]
    assert bad, report.issues
    assert bad[0].code == "schema.invalid-value"
    assert not report.valid
    with pytest.raises(zs.SerializationError):
        zs.dumps(company)


def test_a_record_of_the_wrong_class_is_reported() -> None:
    company = zs.Company(transactions=zs.Transactions(transaction=["not a transaction"]))  # type: ignore[list-item]
    report = zs.validate(company)
    assert report.codes == ("schema.invalid-value",)
    assert report.errors[0].path == "/Company/Transactions/Transaction[1]"


_TEXTS = st.sampled_from(["", " ", "A" * 80, "x" * 31, "bell\x07", "£", "1E+5"])
_NUMBERS = st.sampled_from([-5, 0, 100, 1000, 99999999999, 2**40])
_DECIMALS = st.sampled_from(
    [Decimal("NaN"), Decimal("-1"), Decimal("1E+30"), Decimal("0.001"), Decimal("1E+2000")]
)


def _wrong_value(kind: ValueKind, value_type: type[Any]) -> st.SearchStrategy[Any]:
    """Values a user could put in a field of this kind: some valid, many not."""
    pool: list[st.SearchStrategy[Any]] = [st.none(), _TEXTS, _NUMBERS, _DECIMALS]
    if kind is ValueKind.ENUM:
        pool.append(st.sampled_from(list(zs.RecordOperation) + list(zs.TransactionType)))
    if isinstance(value_type, type) and issubclass(value_type, enum.Enum):
        pool.append(st.sampled_from(list(value_type)))
    return st.one_of(pool)


@st.composite
def corrupted_documents(draw: st.DrawFn) -> zs.Company:
    company = draw(documents())
    records: list[Any] = []
    for holder, name in (
        (company.transactions, "transaction"),
        (company.customers, "customer"),
        (company.invoices, "invoice"),
    ):
        if holder is not None:
            records.extend(getattr(holder, name))
    for _ in range(draw(st.integers(1, 3))):
        if not records:
            break
        record = draw(st.sampled_from(records))
        fields = [f for f in class_info(type(record)).fields if f.kind is not ValueKind.MODEL]
        field = draw(st.sampled_from(fields))
        setattr(record, field.name, draw(_wrong_value(field.kind, field.value_type)))
    return company


@settings(max_examples=EXAMPLES)
@given(corrupted_documents())
def test_models_validate_like_their_files(company: zs.Company) -> None:
    from_model = zs.validate(company)
    try:
        text = zs.dumps(company)
    except zs.SerializationError:
        assert not from_model.valid
        assert "schema.invalid-value" in from_model.codes
        return
    assert _codes(from_model) == _codes(zs.validate(text))


def test_namespaces_survive_deepcopy_evolve_and_pickle() -> None:
    text = (
        '<?xml version="1.0"?><Company xmlns:z="urn:zynk" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Transactions/></Company>'
    )
    company = zs.loads(text)
    expected = {"z": "urn:zynk", "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
    assert company.namespaces == expected
    for twin in (
        copy.deepcopy(company),
        attr.evolve(company),
        pickle.loads(pickle.dumps(company)),
    ):
        assert twin.namespaces == expected
        assert twin == company
        assert 'xmlns:z="urn:zynk"' in zs.dumps(twin)
    other = attr.evolve(company, namespaces={})
    assert other != company
    assert "xmlns:" not in zs.dumps(other)


def test_a_new_company_declares_what_zynk_writes() -> None:
    text = zs.dumps(zs.Company())
    assert 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' in text
    assert 'xmlns:xsd="http://www.w3.org/2001/XMLSchema"' in text
    assert zs.loads(text) == zs.Company()


def test_asdict_works_and_keeps_dates() -> None:
    company = _document(
        _transaction(transaction_date=zs.LexicalDateTime("2019-05-16T00:00:00.000"))
    )
    data = attr.asdict(company)
    row = data["transactions"]["transaction"][0]
    assert row["reference"] == "INV1"
    assert str(company.transactions.transaction[0].transaction_date) == "2019-05-16T00:00:00.000"  # type: ignore[union-attr]


def test_lexical_datetimes_are_immutable_and_not_shared() -> None:
    value = zs.LexicalDateTime("2019-05-16T00:00:00.000")
    with pytest.raises(AttributeError):
        value.lexical = "2020-01-01T00:00:00"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        value.year = 2020  # type: ignore[misc]
    row = "<Transaction><TransactionDate>2019-05-16T00:00:00.000</TransactionDate></Transaction>"
    first = zs.loads(f"<Company><Transactions>{row}</Transactions></Company>")
    second = zs.loads(f"<Company><Transactions>{row}</Transactions></Company>")
    a = first.transactions.transaction[0].transaction_date  # type: ignore[union-attr]
    b = second.transactions.transaction[0].transaction_date  # type: ignore[union-attr]
    assert a == b
    assert a is not b
    assert str(a) == "2019-05-16T00:00:00.000"


def test_iter_invoices_yields_each_invoice() -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "training-day.xml"
    invoices = list(zs.iter_invoices(example))
    loaded = zs.load(example)
    assert loaded.invoices is not None
    assert invoices == loaded.invoices.invoice
    assert invoices


@pytest.mark.parametrize(
    ("keywords", "argument"),
    [
        ({"limits": 5}, "limits"),
        ({"imported_ids": 5}, "imported_ids"),
        ({"imported_ids": "12"}, "imported_ids"),
        ({"journal_variance_nominal": 9998}, "journal_variance_nominal"),
        ({"strict": "yes"}, "strict"),
        ({"progress": "bar"}, "progress"),
    ],
)
def test_options_of_the_wrong_type_are_a_type_error_naming_them(
    keywords: dict[str, Any], argument: str
) -> None:
    for source in (zs.Company(), b"<Company/>"):
        with pytest.raises(TypeError, match=argument):
            zs.validate(source, **keywords)


def test_load_with_limits_of_the_wrong_type_names_the_argument() -> None:
    with pytest.raises(TypeError, match="limits"):
        zs.loads(b"<Company/>", limits=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="limits"):
        list(zs.iter_transactions(b"<Company/>", limits=5))  # type: ignore[arg-type]
