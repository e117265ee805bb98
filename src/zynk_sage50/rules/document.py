"""What the rules across records see: every record's facts, and the caller's options."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attr

from ..vocabulary import DEFAULT_TAX_RATES
from .facts import AnyFacts, CustomerFacts, InvoiceFacts, TransactionFacts


def _nominal(value: str | None) -> str | None:
    return value or None


def _frozen_ids(values: Iterable[Any]) -> frozenset[str]:
    return frozenset(str(value).strip() for value in values)


def _tax_rates(rates: Mapping[int, Decimal]) -> Mapping[int, Decimal]:
    for code, rate in rates.items():
        if isinstance(code, bool) or not isinstance(code, int) or not 0 <= code <= 99:
            raise TypeError(f"a tax code is a whole number from 0 to 99, not {code!r}")
        if not isinstance(rate, Decimal) or not rate.is_finite() or rate < 0:
            raise TypeError(f"the rate of T{code} must be a Decimal percentage, not {rate!r}")
    return dict(rates)


def parse_tax_rate(text: str) -> tuple[int, Decimal]:
    """``CODE=PERCENT`` as a command line gives it (``1=17.5``, ``T1=17.5%``) → (1, 17.5).

    ``ValueError`` says what is wrong, for a usage error.
    """
    code_text, separator, rate_text = text.partition("=")
    code_text = code_text.strip().upper().removeprefix("T")
    rate_text = rate_text.strip().removesuffix("%").strip()
    if not separator or not code_text.isdigit() or not 0 <= int(code_text) <= 99:
        raise ValueError(f"{text!r} is not CODE=PERCENT with a tax code from 0 to 99, e.g. 1=17.5")
    try:
        rate = Decimal(rate_text)
    except ArithmeticError:
        rate = Decimal("NaN")
    if not rate.is_finite() or rate < 0 or rate > 100:
        raise ValueError(f"{text!r}: the rate must be a percentage from 0 to 100, e.g. 1=17.5")
    return int(code_text), rate


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class RuleOptions:
    """The caller's options that change what the rules report.

    ``journal_variance_nominal``: the importer posts a journal's difference there
    (``journal.variance-posted`` instead of ``journal.unbalanced``). ``imported_ids``: Ids
    already imported (``duplicate.id``). ``tax_rates``: tax code → percent, replacing entries of
    Sage 50 UK's default table for ``amount.tax-mismatch`` (``{1: Decimal("17.5")}``).
    """

    journal_variance_nominal: str | None = attr.ib(default=None, converter=_nominal)
    imported_ids: frozenset[str] = attr.ib(default=frozenset(), converter=_frozen_ids)
    tax_rates: Mapping[int, Decimal] = attr.ib(factory=dict, converter=_tax_rates)

    def tax_rate(self, tax_code: int) -> Decimal | None:
        """The percentage of a tax code: the caller's, else the default table's, else None
        (a code not in the table is not checked: each company can edit its table)."""
        rate = self.tax_rates.get(tax_code)
        return DEFAULT_TAX_RATES.get(tax_code) if rate is None else rate


DEFAULT_OPTIONS = RuleOptions()


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class DocumentContext:
    """The whole document as the rules across records see it: each record's facts in document
    order, whether it has a ``<Customers>`` element, and the caller's options."""

    transactions: Sequence[TransactionFacts] = ()
    customers: Sequence[CustomerFacts] = ()
    invoices: Sequence[InvoiceFacts] = ()
    #: True when the document has a <Customers> element (the unknown-customer rules).
    has_customers: bool = False
    options: RuleOptions = DEFAULT_OPTIONS
    #: How messages name what was checked: one document, or files checked together.
    scope: str = "this document"

    @classmethod
    def collect(
        cls,
        facts: Iterable[AnyFacts],
        *,
        has_customers: bool,
        options: RuleOptions = DEFAULT_OPTIONS,
        scope: str = "this document",
    ) -> DocumentContext:
        """A context from the facts of every record (any kinds, in document order)."""
        transactions: list[TransactionFacts] = []
        customers: list[CustomerFacts] = []
        invoices: list[InvoiceFacts] = []
        for fact in facts:
            if isinstance(fact, TransactionFacts):
                transactions.append(fact)
            elif isinstance(fact, CustomerFacts):
                customers.append(fact)
            else:
                invoices.append(fact)
        return cls(
            transactions=transactions,
            customers=customers,
            invoices=invoices,
            has_customers=has_customers,
            options=options,
            scope=scope,
        )

    @property
    def imported_ids(self) -> Collection[str]:
        """The caller's already-imported Ids."""
        return self.options.imported_ids

    @property
    def journal_variance_nominal(self) -> str | None:
        """The caller's journal variance nominal code, if any."""
        return self.options.journal_variance_nominal
