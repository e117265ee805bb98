"""The slim copies the document rules get while streaming hold what they need, nothing more."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.documents import company, sales_invoice
from zynk_sage50.binding import Binder
from zynk_sage50.issues import Severity
from zynk_sage50.models import Transaction
from zynk_sage50.reading import Binding, read_records
from zynk_sage50.rules.context import DOCUMENT_FIELDS, Located, slim
from zynk_sage50.streaming import RecordStream


def located_rows(xml: str) -> list[Located[Transaction]]:
    rows: list[Located[Transaction]] = []
    for read in read_records(RecordStream(xml.encode()), Binder(), Binding.LENIENT):
        assert read.entry is not None
        rows.append(read.entry)
    return rows


def test_slim_keeps_the_document_fields_and_their_lines() -> None:
    xml = company(sales_invoice(), sales_invoice(Id=2, NetAmount="50.00"))
    for entry in located_rows(xml):
        thin = slim(entry)
        for name in DOCUMENT_FIELDS["Transaction"]:
            assert getattr(thin.record, name) == getattr(entry.record, name)
        for name in ("Id", "Reference", "NetAmount", "AccountReference"):
            assert thin.field_lines[name] == entry.field_lines[name]
            assert thin.issue("x", Severity.INFO, "m", field=name).line == entry.field_lines[name]
        assert set(thin.field_lines) <= set(entry.field_lines)
        assert thin.record.net_amount in (Decimal("100.00"), Decimal("50.00"))


def test_reading_a_field_the_slim_copy_does_not_keep_fails_loudly() -> None:
    (entry,) = located_rows(company(sales_invoice()))
    thin = slim(entry)
    with pytest.raises(AttributeError):
        _ = thin.record.nominal_code
    with pytest.raises(KeyError):
        _ = thin.field_lines["NominalCode"]
