"""``invalid_documents(code)``: XML text that triggers one rule code and no other error.

Each document is a valid document from :func:`documents` with a few records added, built as
models (or, for what a model cannot hold, changed in the document's tree after the writer wrote
it; for the ``xml.*`` codes, the tree written so that it cannot be read), so that exactly one
catalogue code appears among its errors. The added records use their own Ids, references and
accounts, so nothing else in the document changes meaning. Warnings of other codes are avoided
too, and infos may appear (a receipt naming an invoice already in Sage, say).

The recipes live by family: :mod:`._breaks_xml`, :mod:`._breaks_schema`,
:mod:`._breaks_fields`, :mod:`._breaks_records`, :mod:`._breaks_ledger`,
:mod:`._breaks_customers`, :mod:`._breaks_invoices`; :data:`RECIPES` orders them as the rules'
catalogue (:data:`zynk_sage50.rules.catalogue.CATALOGUE`) does.
"""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import strategies as st

from ..models import Company, Customers, Invoices, Transactions
from ..rules.catalogue import CATALOGUE
from . import _breaks_customers as customers_
from . import _breaks_fields as fields
from . import _breaks_invoices as invoices_
from . import _breaks_ledger as ledger
from . import _breaks_records as records
from . import _breaks_schema as schema
from . import _breaks_xml as xml
from ._arguments import Count, StrategyArgumentError, Types
from ._documents import documents
from ._recipe import Context, Recipe
from ._tree import broken_text

#: The base documents' default sizes: small, so that examples stay quick and readable.
DEFAULT_CUSTOMERS = (0, 2)
DEFAULT_TRANSACTIONS = (0, 6)
#: Invoice documents in the base document: some for the ``invoice.*`` codes, none otherwise
#: (a document without ``<Invoices>`` stays one, for readers that handle only customers and
#: transactions; pass ``invoices=`` to have them, and the shared codes sometimes on them).
DEFAULT_INVOICES = (0, 2)
NO_INVOICES = (0, 0)


def _registry() -> dict[str, Recipe]:
    """The families' recipes in the catalogue's order (docs/rules.md, then docs/invoices.md)."""
    found: dict[str, Recipe] = {}
    for family in (xml, schema, fields, records, ledger, customers_, invoices_):
        assert not set(family.RECIPES) & set(found), "a code has two recipes"
        found.update(family.RECIPES)
    assert set(found) <= set(CATALOGUE), sorted(set(found) - set(CATALOGUE))
    return {code: found[code] for code in CATALOGUE if code in found}


#: Every code :func:`invalid_documents` can make, with its recipe, in the catalogue's order.
RECIPES: Mapping[str, Recipe] = _registry()

#: The rule codes :func:`invalid_documents` supports, in the catalogue's order (then the
#: invoice codes).
INVALID_CODES: tuple[str, ...] = tuple(RECIPES)

#: Catalogue codes with no strategy, and why.
UNSUPPORTED: Mapping[str, str] = {
    "journal.variance-posted": (
        "it is only reported when validate() is given a journal variance nominal code; "
        "use invalid_documents('journal.unbalanced') and validate it with "
        "journal_variance_nominal=..."
    ),
}


def invalid_documents(
    code: str,
    *,
    customers: Count = None,
    transactions: Count = None,
    types: Types = None,
    invoices: Count = None,
) -> st.SearchStrategy[str]:
    """XML documents (``str``) that ``validate()`` reports ``code`` for, and no other error.

    ``code`` is one of :data:`INVALID_CODES`. Each document is a valid document (sized by
    ``customers``, ``transactions``, ``types`` and ``invoices`` as in :func:`documents`;
    default 0 to 2 customers, 0 to 6 rows, and 0 to 2 invoice documents for the
    ``invoice.*`` codes, none for the others) plus the records (or the damage to its tree)
    that trigger ``code``. When the valid part has invoice documents, ``duplicate.id``,
    ``amount.precision``, ``amount.too-large``, ``address.country-unknown`` and
    ``field.export-only`` are sometimes made on an invoice document. Other warnings are
    avoided; infos may appear.

    Raises ``ValueError`` (also Hypothesis's ``InvalidArgument``) for a code it cannot make.
    """
    if code not in RECIPES:
        if code in UNSUPPORTED:
            raise StrategyArgumentError(
                f"{code}: no strategy, because {UNSUPPORTED[code]}", "code"
            )
        raise StrategyArgumentError(
            f"{code!r} is not a code invalid_documents() can make; use one of "
            + ", ".join(INVALID_CODES),
            "code",
        )
    if invoices is None:
        invoices = DEFAULT_INVOICES if code.startswith("invoice.") else NO_INVOICES
    base = documents(
        customers=DEFAULT_CUSTOMERS if customers is None else customers,
        transactions=DEFAULT_TRANSACTIONS if transactions is None else transactions,
        types=types,
        invoices=invoices,
    )
    return st.composite(_invalid_document)(code, base)


def _invalid_document(draw: st.DrawFn, code: str, base: st.SearchStrategy[Company]) -> str:
    return spoil(draw, code, draw(base, label="valid document"))


def spoil(draw: st.DrawFn, code: str, base: Company) -> str:
    """The text of ``base`` with what makes ``code`` added (``base`` itself is not changed)."""
    context = Context(draw, base)
    bad = RECIPES[code](context)
    rows = context.rows
    if bad.rows:
        rows = bad.rows + rows if draw(st.booleans(), label="rows first") else rows + bad.rows
    customers = context.customers + bad.customers
    invoices = context.invoices
    if bad.invoices:
        first = draw(st.booleans(), label="invoices first")
        invoices = bad.invoices + invoices if first else invoices + bad.invoices
    company = Company(
        customers=Customers(customer=customers) if customers else None,
        invoices=Invoices(invoice=invoices) if invoices else None,
        transactions=Transactions(transaction=rows) if rows else None,
    )
    return broken_text(company, bad.changes, bad.root, bad.finish)
