"""Property tests: every generated model is written as XSD-valid XML and read back equal.

Run with ``HYPOTHESIS_PROFILE=ci`` for at least 300 examples per property (see conftest).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attr
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from tests import model_strategies as ms
from zynk_sage50 import (
    Company,
    Customers,
    RecordOperation,
    Transaction,
    Transactions,
    TransactionType,
    dumps,
    loads,
)
from zynk_sage50.datetimes import LexicalDateTime
from zynk_sage50.schema import company_schema

ALL_TYPES = list(TransactionType)


def assert_exactly_equal(original: Any, reloaded: Any, path: str = "Company") -> None:
    """Like ``==``, but decimals must keep their digits (``0.10`` is not ``0.1``) and a
    ``LexicalDateTime`` its text (``.000`` is not dropped); ``==`` compares only values."""
    if attr.has(type(original)):
        assert type(reloaded) is type(original), path
        for field in attr.fields(type(original)):
            assert_exactly_equal(
                getattr(original, field.name),
                getattr(reloaded, field.name),
                f"{path}.{field.name}",
            )
    elif isinstance(original, list):
        assert isinstance(reloaded, list), path
        assert len(reloaded) == len(original), path
        for index, (before, after) in enumerate(zip(original, reloaded, strict=True)):
            assert_exactly_equal(before, after, f"{path}[{index}]")
    elif isinstance(original, Decimal):
        assert isinstance(reloaded, Decimal), path
        assert reloaded.as_tuple() == original.as_tuple(), f"{path}: {original} became {reloaded}"
    elif isinstance(original, LexicalDateTime):
        assert str(reloaded) == original.lexical, f"{path}: {original} became {reloaded!r}"
    else:
        assert reloaded == original, path
        assert original is None or isinstance(reloaded, type(original)), path


def assert_round_trip(company: Company) -> None:
    """``dumps`` is XSD-valid, ``loads`` gives the model back, and writing again is identical."""
    written = dumps(company)
    document = etree.fromstring(
        written.encode("utf-8"),
        etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False),
    )
    schema = company_schema()
    assert schema.validate(document), f"{schema.error_log}\n{written}"
    reloaded = loads(written)
    assert reloaded == company
    assert_exactly_equal(company, reloaded)
    # Stronger than ==: exact decimals (0.10) and date texts (.000) are kept.
    assert dumps(reloaded) == written


def set_fields(record: Transaction) -> set[str]:
    return {
        name for name, value in attr.asdict(record, recurse=False).items() if value is not None
    }


def test_every_transaction_type_has_applicability() -> None:
    assert len(ALL_TYPES) == 15
    assert set(ms.APPLICABLE) == set(ALL_TYPES)


@pytest.mark.parametrize("ttype", ALL_TYPES, ids=[member.value for member in ALL_TYPES])
@given(data=st.data())
def test_transaction_round_trips_and_validates(
    ttype: TransactionType, data: st.DataObject
) -> None:
    transaction = data.draw(ms.transactions(ttype), label="transaction")
    assert transaction.transaction_type is ttype
    required, optional = ms.APPLICABLE[ttype]
    present = set_fields(transaction)
    assert required <= present
    oss = {"oss_report_type", "oss_country_of_vat"} if "oss" in optional else set()
    allowed = required | optional | ms.COMMON_OPTIONAL | oss | {"transaction_type"}
    assert present <= allowed, f"fields not applicable to {ttype.value}: {present - allowed}"
    assert_round_trip(Company(transactions=Transactions(transaction=[transaction])))


@given(ms.update_records())
def test_update_record_round_trips_and_validates(record: Transaction) -> None:
    assert record.record_operation is RecordOperation.UPDATE
    assert record.transaction_number is not None
    assert (record.disputed is None) != (record.document_link is None)
    assert_round_trip(Company(transactions=Transactions(transaction=[record])))


@given(ms.customers())
def test_customer_round_trips_and_validates(customer: object) -> None:
    assert_round_trip(Company(customers=Customers(customer=[customer])))  # type: ignore[list-item]


@given(ms.documents())
def test_document_round_trips_and_validates(company: Company) -> None:
    assert_round_trip(company)


@given(st.lists(ms.any_transactions(), min_size=2, max_size=8))
def test_record_order_is_kept(records: list[Transaction]) -> None:
    company = Company(transactions=Transactions(transaction=records))
    reloaded = loads(dumps(company))
    assert reloaded.transactions is not None
    assert reloaded.transactions.transaction == records
