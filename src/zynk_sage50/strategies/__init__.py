"""Hypothesis strategies for testing code that reads or writes Zynk's Sage 50 UK XML.

Valid records and documents (:func:`customers`, :func:`transactions`, :func:`journals`,
:func:`bank_transfers`, :func:`invoices`, :func:`documents`), built through
:class:`~zynk_sage50.DocumentBuilder` so that they validate with zero errors and zero warnings,
and :func:`invalid_documents`: XML text that triggers one rule code of the catalogue and no
other error.

Importing this module registers the strategies for ``st.from_type(Customer)``,
``st.from_type(Transaction)``, ``st.from_type(Invoice)`` and ``st.from_type(Company)``. An
installed ``zynk-sage50`` also names a setup hook (``_hook._hypothesis_setup_hook``) as a
Hypothesis entry point, so that ``st.from_type`` works without importing this module first.

Hypothesis is an optional dependency: ``pip install "zynk-sage50[hypothesis]"``.
See ``docs/testing.md``.
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError(
        "zynk_sage50.strategies needs Hypothesis, an optional dependency: "
        'pip install "zynk-sage50[hypothesis]"'
    ) from exc

from hypothesis import strategies as st

from ..models import Company, Customer, Invoice, Transaction
from ._arguments import CURRENT_TYPES, StrategyArgumentError
from ._documents import documents
from ._invalid import INVALID_CODES, invalid_documents
from ._records import bank_transfers, customers, invoices, journals, transactions

st.register_type_strategy(Customer, customers())
st.register_type_strategy(Transaction, transactions())
st.register_type_strategy(Invoice, invoices())
st.register_type_strategy(Company, documents())

__all__ = [
    "CURRENT_TYPES",
    "INVALID_CODES",
    "StrategyArgumentError",
    "bank_transfers",
    "customers",
    "documents",
    "invalid_documents",
    "invoices",
    "journals",
    "transactions",
]
