"""What ``zynk-sage50 fixtures`` writes: one document from the strategies, reproducible by seed.

**Determinism.** An example is taken by running the strategy under ``@given`` with
``@seed(...)``, no example database, only the generate phase, the standard backend and a fixed
number of examples; the last example generated is kept (the first one Hypothesis tries is always
the simplest possible, which makes a dull fixture). Hypothesis also mixes into its random
choices, now and then, constants it finds in the source of "local" modules (modules not
installed under site-packages); which modules those are depends on how and where this library
and the caller's code are installed, so the same seed gave different fixtures from an editable
install and from a wheel. Fixtures are generated with that pool of local constants empty (see
:func:`_without_local_constants`), which also keeps Hypothesis from writing its constants cache
under ``.hypothesis/``. Nothing then depends on the machine, the clock, the hash seed, the
installation or an example database: the same seed and options give byte-identical output with
the same versions of this library and Hypothesis.

**Size.** Hypothesis bounds the data one example may draw, so a large document is drawn in
parts of at most :data:`ROWS_PER_PART` rows, :data:`CUSTOMERS_PER_PART` customers and
:data:`INVOICES_PER_PART` invoice documents, each from its own seed derived from the main one;
Ids, customer numbers, invoice numbers and references continue from one part to the next, and
sales and invoices of later parts name the customers of earlier ones. Without invoice documents
the parts (and their seeds) are what they were before invoice documents existed.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from typing import TypeVar

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import seed as use_seed
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable

from ..models import Company, Customer, Customers, Invoice, Invoices, Transaction, Transactions
from ..writing import dumps
from ._arguments import StrategyArgumentError, Types, span
from ._documents import Part, Plan, document_part
from ._invalid import RECIPES, invalid_documents, spoil

X = TypeVar("X")

#: Examples generated per draw; the last one is kept.
EXAMPLES = 2
ROWS_PER_PART = 100
CUSTOMERS_PER_PART = 40
INVOICES_PER_PART = 20

_SETTINGS = settings(
    database=None,
    phases=[Phase.generate],
    max_examples=EXAMPLES,
    derandomize=False,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    verbosity=Verbosity.quiet,
    print_blob=False,
    report_multiple_bugs=False,
    backend="hypothesis",
)


@contextlib.contextmanager
def _without_local_constants() -> Iterator[None]:
    """Generate without the constants Hypothesis collects from "local" modules.

    This reaches into Hypothesis's internals (``providers._get_local_constants``, the pool a
    provider draws from, and ``providers.CONSTANTS_CACHE``, the allowed constants per choice);
    if a later Hypothesis moves them, generation goes on unchanged and the determinism tests
    say so.
    """
    try:
        from hypothesis.internal.conjecture import providers  # noqa: PLC0415
    except ImportError:  # pragma: no cover - a future Hypothesis layout
        yield
        return
    original = getattr(providers, "_get_local_constants", None)
    cache = getattr(getattr(providers, "CONSTANTS_CACHE", None), "cache", None)
    constants = getattr(providers, "Constants", None)
    if original is None or constants is None or cache is None:  # pragma: no cover
        yield
        return
    empty = constants()
    setattr(providers, "_get_local_constants", lambda: empty)  # noqa: B010
    cache.clear()
    try:
        yield
    finally:
        setattr(providers, "_get_local_constants", original)  # noqa: B010
        cache.clear()


def seeded_example(strategy: st.SearchStrategy[X], seed: int) -> X:
    """The example of ``strategy`` that ``seed`` gives: the same seed, the same example."""
    found: list[X] = []

    def keep(value: X) -> None:
        found.append(value)

    run = _SETTINGS(use_seed(seed)(given(strategy)(keep)))
    try:
        with _without_local_constants():
            run()
    except Unsatisfiable as exc:  # pragma: no cover - the strategies always satisfy
        raise StrategyArgumentError(f"no example could be generated: {exc}") from exc
    return found[-1]


def derived_seed(seed: int, *parts: object) -> int:
    """A seed for one part of the output, from the main seed (stable across machines)."""
    text = " ".join(str(part) for part in ("zynk-sage50 fixtures", seed, *parts))
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:16], "big")


def _row_parts(rows: int, plan: Plan) -> list[int]:
    parts = [ROWS_PER_PART] * (rows // ROWS_PER_PART)
    if rows % ROWS_PER_PART:
        parts.append(rows % ROWS_PER_PART)
    if len(parts) > 1 and parts[-1] == 1 and not plan.feasible(1):
        parts[-2:] = [ROWS_PER_PART - 1, 2]  # journals only: no part of one row
    return parts


def _parts(count: int, size: int) -> list[int]:
    parts = [size] * (count // size)
    if count % size:
        parts.append(count % size)
    return parts


def _nth(parts: list[int], index: int) -> int:
    return parts[index] if index < len(parts) else 0


def valid_document(
    *, customers: int, transactions: int, types: Types, seed: int, invoices: int = 0
) -> Company:
    """A valid document of exactly ``customers`` customers, ``invoices`` invoice documents and
    ``transactions`` rows."""
    plan = Plan.of(types, updates=False)
    why = " with only journals (each journal writes at least two rows)"
    span("customers", customers, (0, 0))
    span("transactions", transactions, (0, 0), plan.feasible, why)
    span("invoices", invoices, (0, 0))
    customer_parts = _parts(customers, CUSTOMERS_PER_PART)
    invoice_parts = _parts(invoices, INVOICES_PER_PART)
    row_parts = _row_parts(transactions, plan)
    all_customers: list[Customer] = []
    all_invoices: list[Invoice] = []
    all_rows: list[Transaction] = []
    for index in range(max(len(customer_parts), len(row_parts), len(invoice_parts), 1)):
        part = Part(
            written=len(all_rows),
            numbered=len(all_customers),
            accounts=tuple(c.account_reference for c in all_customers if c.account_reference),
            invoiced=len(all_invoices),
        )
        strategy = document_part(
            _nth(customer_parts, index),
            _nth(row_parts, index),
            plan,
            part,
            _nth(invoice_parts, index),
        )
        company = seeded_example(strategy, derived_seed(seed, index))
        all_customers.extend(company.customers.customer if company.customers else [])
        all_invoices.extend(company.invoices.invoice if company.invoices else [])
        all_rows.extend(company.transactions.transaction if company.transactions else [])
    return Company(
        customers=Customers(customer=all_customers) if all_customers else None,
        invoices=Invoices(invoice=all_invoices) if all_invoices else None,
        transactions=Transactions(transaction=all_rows) if all_rows else None,
    )


def fixture_text(
    *,
    customers: int,
    transactions: int,
    types: Types,
    seed: int,
    invalid: str | None = None,
    invoices: int = 0,
) -> str:
    """The document ``zynk-sage50 fixtures`` writes.

    Valid (zero errors, zero warnings) without ``invalid``; with it, the valid document plus
    what triggers that code (and no other error), as :func:`invalid_documents` makes it.
    """
    if invalid is not None:
        invalid_documents(invalid)  # refuses an unsupported code, with the list of codes
    base = valid_document(
        customers=customers,
        transactions=transactions,
        types=types,
        seed=seed,
        invoices=invoices,
    )
    if invalid is None:
        return dumps(base)
    assert invalid in RECIPES
    spoiled = st.composite(lambda draw: spoil(draw, invalid, base))()
    return seeded_example(spoiled, derived_seed(seed, "invalid", invalid))
