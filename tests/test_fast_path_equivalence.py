"""The fast paths agree with xsdata's own serializer, and the streaming readers with load().

xsdata's ``XmlSerializer`` writes the same models differently (``xsi:nil`` for some absent
fields, ``.000`` dropped from dates), so "equivalent XML" is checked as: our reader gives back
the same model from xsdata's output as from ours. (``test_xsdata_equivalence.py`` checks the
other direction: xsdata's parser against ours.)
"""

from __future__ import annotations

from functools import cache

import attr
import pytest
from hypothesis import given
from hypothesis import strategies as st
from xsdata.formats.dataclass.context import XmlContext
from xsdata.formats.dataclass.serializers import XmlSerializer

from tests import model_strategies as ms
from tests.conftest import ManifestRow, loadable_rows
from zynk_sage50 import (
    Company,
    Transactions,
    TransactionType,
    dumps,
    iter_customers,
    iter_transactions,
    load,
    loads,
)

LOADABLE = loadable_rows()


@cache
def _serializer() -> XmlSerializer:
    return XmlSerializer(context=XmlContext(class_type="attrs"))


def xsdata_dumps(company: Company) -> str:
    return _serializer().render(company)


def assert_equivalent(company: Company) -> None:
    ours = dumps(company)
    assert loads(ours) == company
    # xsdata's serializer writes its own namespace declarations (Company.namespaces is not XML
    # content to it): everything else must read back the same.
    theirs = loads(xsdata_dumps(company))
    assert attr.evolve(theirs, namespaces=company.namespaces) == company


@pytest.mark.parametrize("row", LOADABLE, ids=[row.file for row in LOADABLE])
def test_conformance_sample_written_by_both_writers_reads_the_same(row: ManifestRow) -> None:
    assert_equivalent(load(row.path))


@pytest.mark.parametrize("ttype", list(TransactionType), ids=lambda t: t.value)
@given(data=st.data())
def test_every_transaction_type_written_by_both_writers_reads_the_same(
    ttype: TransactionType, data: st.DataObject
) -> None:
    rows = data.draw(st.lists(ms.transactions(ttype), min_size=1, max_size=4))
    assert_equivalent(Company(transactions=Transactions(transaction=rows)))


@given(ms.documents())
def test_whole_documents_written_by_both_writers_read_the_same(company: Company) -> None:
    assert_equivalent(company)


@given(ms.documents())
def test_streaming_readers_give_what_load_gives(company: Company) -> None:
    text = dumps(company).encode("utf-8")
    loaded = loads(text)
    transactions = loaded.transactions.transaction if loaded.transactions else []
    customers = loaded.customers.customer if loaded.customers else []
    assert list(iter_transactions(text)) == transactions
    assert list(iter_customers(text)) == customers


@pytest.mark.parametrize("row", LOADABLE, ids=[row.file for row in LOADABLE])
def test_streaming_readers_on_conformance_samples(row: ManifestRow) -> None:
    loaded = load(row.path)
    assert list(iter_transactions(row.path)) == (
        loaded.transactions.transaction if loaded.transactions else []
    )
    assert list(iter_customers(row.path)) == (
        loaded.customers.customer if loaded.customers else []
    )
